"""``GET /api/v1/health``: can this server use its database? (for the load balancer)"""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api_stub.deps import DatabaseDep
from api_stub.schemas.health import HealthOut
from jiazheng_desk.db import Database, friendly_error
from jiazheng_desk.i18n import t
from jiazheng_desk.schema import current_revision

# A load balancer gives up on a probe after a few seconds; answer before it does, even
# when the database host swallows packets (the driver's own connect timeout is longer).
HEALTH_TIMEOUT_S = 4.0

router = APIRouter(tags=["health"])


async def check_health(database: Database, *, head: str) -> HealthOut:
    """Ask the database for its schema revision, within HEALTH_TIMEOUT_S."""
    try:
        with anyio.fail_after(HEALTH_TIMEOUT_S):
            # abandoned, not waited for, when the timeout strikes: the thread finishes
            # on its own once the driver gives up
            revision = await anyio.to_thread.run_sync(
                current_revision, database.engine, abandon_on_cancel=True
            )
    except TimeoutError:
        message = t("api.health_timeout", seconds=f"{HEALTH_TIMEOUT_S:g}")
        return HealthOut(status="degraded", database="unreachable", message=message)
    except Exception as exc:
        message = friendly_error(exc, database.url)
        return HealthOut(status="degraded", database="unreachable", message=message)
    if revision != head:
        # reported, not failed: during a rolling upgrade the migration runs before the new
        # servers are up, and a 503 from every old server at once would be an outage
        message = t("api.schema_mismatch", current=revision, head=head)
        return HealthOut(
            status="ok", database="ok", schema_revision=revision, schema_head=head, message=message
        )
    return HealthOut(status="ok", database="ok", schema_revision=revision, schema_head=head)


@router.get(
    "/health",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "The database cannot be used."}},
    summary="Health check",
)
async def health(database: DatabaseDep, request: Request) -> JSONResponse:
    """200 when the database answers, 503 when it does not."""
    result = await check_health(database, head=request.app.state.schema_head)
    status = 200 if result.database == "ok" else 503
    return JSONResponse(result.model_dump(by_alias=True, exclude_none=True), status_code=status)
