"""The FastAPI application: routes under ``/api/v1``, JSON errors, body limits."""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI

from api_stub.deps import use_request_language
from api_stub.errors import UnexpectedErrorMiddleware, install_error_handlers
from api_stub.gateways import install_gateways
from api_stub.limits import BodySizeLimitMiddleware
from api_stub.schemas.common import ERROR_RESPONSES
from jiazheng_desk.db import Database
from jiazheng_desk.schema import head_revision

API_TITLE = "家政 Desk API"
API_PREFIX = "/api/v1"
DESCRIPTION = (
    "The API of the 家政 Desk customer and worker apps. Errors are "
    '`{"error": code, "message": text}`; messages follow `Accept-Language` '
    "(Chinese by default, `en` for English)."
)


def api_version() -> str:
    try:
        return version("jiazheng-desk")
    except PackageNotFoundError:  # a frozen bundle without package metadata
        return "0+unknown"


def mount_v1(app: FastAPI, router: APIRouter) -> None:
    """Serve a router under /api/v1, in the client's language, with the error shape documented."""
    app.include_router(
        router,
        prefix=API_PREFIX,
        dependencies=[Depends(use_request_language)],
        responses=ERROR_RESPONSES,
    )


def create_app(database: Database, *, media_dir: Path | None = None) -> FastAPI:
    """The API over a database; the caller owns the Database (and disposes of it).

    ``media_dir`` is where uploads go (default: the settings' media folder). The gateways
    are built here, so a misconfigured one stops the start (``GatewayConfigError``)."""
    app = FastAPI(
        title=API_TITLE,
        version=api_version(),
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.database = database
    # read once: the migrations shipped with this build do not change while it runs
    app.state.schema_head = head_revision()
    if media_dir is not None:
        app.state.media_dir = media_dir
    install_gateways(app)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimitMiddleware)
    # added last, so it is the outermost of ours and catches bugs in the others too
    app.add_middleware(UnexpectedErrorMiddleware)
    for router in routers():
        mount_v1(app, router)
    from api_stub.routers import sandbox_background

    if sandbox_background.enabled():  # the outside providers' sandboxes, for demos and tests
        mount_v1(app, sandbox_background.sandbox_router)
    return app


def routers() -> list[APIRouter]:
    """Every ``router`` of the modules in ``api_stub/routers`` (each area adds its own)."""
    import api_stub.routers as package

    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"api_stub.routers.{info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found
