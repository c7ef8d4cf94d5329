"""Every error leaves the API as JSON ``{"error": code, "message": text}``.

- ``DomainError`` (a refused business rule): its ``http_status``, ``code`` and message,
  plus ``field`` when it names one.
- Request validation: 422 ``validation`` naming the field and why; malformed JSON: 400.
- The database down or busy: 503, details in the log, not in the body.
- Anything else is a bug: 500 ``internal`` with a reference that is also in the log next
  to the traceback; the traceback never reaches the client.

Messages are rendered in the language of the request's ``Accept-Language``.
"""

from __future__ import annotations

import logging
import uuid
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api_stub.deps import database_of, language_from_header, language_of
from jiazheng_desk.db import DatabaseError, friendly_error, is_connection_error
from jiazheng_desk.i18n import set_language, t
from jiazheng_desk.messages import MESSAGES
from jiazheng_desk.services.errors import DomainError

log = logging.getLogger(__name__)

# how long a client should wait before retrying when the database is unavailable
RETRY_AFTER_S = 5
# where FastAPI says a refused value came from; the rest of ``loc`` is the field path
_LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """The one shape of an error body."""
    body: dict[str, Any] = {"error": code, "message": message}
    if field:
        body["field"] = field
    body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers)


class BodyTooLarge(HTTPException):
    """The request body passed the size limit (raised while it is being read)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413)
        self.limit = limit


def describe_size(size: int) -> str:
    """1048576 -> "1 MiB" (limits are round numbers)."""
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} B"


def body_too_large_response(limit: int, lang: str) -> JSONResponse:
    return error_response(
        413, "body_too_large", t("api.body_too_large", lang, limit=describe_size(limit))
    )


# --- handlers ------------------------------------------------------------------------


async def domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    lang = language_of(request)
    return error_response(exc.http_status, exc.code, exc.message(lang), field=exc.field)


def _field_path(loc: tuple[Any, ...]) -> str | None:
    parts = list(loc)
    if len(parts) > 1 and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or None


def _reason(error: dict[str, Any], lang: str) -> str:
    """Why a value was refused, from the catalog where it has the type, else pydantic's."""
    key = f"api.invalid.{error.get('type')}"
    if key in MESSAGES:
        ctx = {name: str(value) for name, value in (error.get("ctx") or {}).items()}
        return t(key, lang, **ctx)
    return str(error.get("msg", ""))


async def request_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    lang = language_of(request)
    errors = list(exc.errors())
    for error in errors:
        if error.get("type") == "json_invalid":
            loc = error.get("loc") or ()
            detail = (error.get("ctx") or {}).get("error", "")
            message = t("api.malformed_json", lang, pos=loc[-1] if loc else "?", detail=detail)
            return error_response(400, "malformed_json", message)
    items = [
        {
            "field": _field_path(tuple(error.get("loc") or ())),
            "message": _reason(error, lang),
            "type": str(error.get("type", "")),
        }
        for error in errors
    ]
    first = items[0] if items else {"field": None, "message": "", "type": ""}
    if first["field"]:
        message = t("api.invalid_field", lang, field=first["field"], reason=first["message"])
    else:
        message = t("api.invalid_request", lang, reason=first["message"])
    return error_response(422, "validation", message, field=first["field"], errors=items)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    """Errors of the framework itself: unknown path, wrong method, body too large."""
    assert isinstance(exc, HTTPException)
    lang = language_of(request)
    if isinstance(exc, BodyTooLarge):
        return body_too_large_response(exc.limit, lang)
    status = exc.status_code
    headers = dict(exc.headers) if exc.headers else None
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:  # a status the standard library does not name
        phrase = "HTTP error"
    custom = exc.detail if exc.detail and exc.detail != phrase else None
    if status == 404 and custom is None:
        return error_response(
            404, "not_found", t("api.no_such_endpoint", lang, path=request.url.path)
        )
    if status == 405:
        message = t("api.method_not_allowed", lang, path=request.url.path, method=request.method)
        return error_response(405, "method_not_allowed", message, headers=headers)
    code = phrase.lower().replace(" ", "_").replace("-", "_")
    detail = custom if custom is not None else phrase
    return error_response(
        status, code, t("api.http_error", lang, status=status, detail=detail), headers=headers
    )


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """The database is down, unreachable or too busy: 503, the details only in the log.

    The body does not carry the driver's text: it names hosts and ports of the private
    network, which a mobile client has no use for.
    """
    # friendly_error renders in the context's language; the log is read by operators
    set_language(language_of(request))
    detail = friendly_error(exc, database_of(request).url)
    where = f"{request.method} {request.url.path}"
    if isinstance(exc, DatabaseError | sa_exc.TimeoutError) or is_connection_error(exc):
        log.warning("database unavailable during %s: %s", where, detail)
    else:
        # a deadlock, a lock wait timeout, "database is locked": worth a traceback
        log.error("database error during %s: %s", where, detail, exc_info=exc)
    return error_response(
        503,
        "database_unavailable",
        t("api.database_unavailable", language_of(request)),
        headers={"Retry-After": str(RETRY_AFTER_S)},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers above (the 500 is ``UnexpectedErrorMiddleware``)."""
    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, request_validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(DatabaseError, database_unavailable)
    app.add_exception_handler(sa_exc.OperationalError, database_unavailable)
    app.add_exception_handler(sa_exc.TimeoutError, database_unavailable)  # pool exhausted


class UnexpectedErrorMiddleware:
    """Turn an exception nothing else handled into a logged 500 JSON body.

    Not an ``exception_handlers[Exception]`` entry: Starlette calls that one from its
    outermost middleware and then re-raises, so the server logs every traceback twice and
    test clients get the exception instead of the response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception:
            ref = uuid.uuid4().hex[:12]
            log.exception("unexpected error %s during %s %s", ref, scope["method"], scope["path"])
            if started:
                raise  # too late for a JSON body; the server closes the connection
            lang = language_from_header(Headers(scope=scope).get("accept-language"))
            response = error_response(500, "internal", t("api.internal", lang, ref=ref), ref=ref)
            await response(scope, receive, send)
