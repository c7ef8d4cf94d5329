"""A ceiling on request bodies, so one client cannot make a worker buffer gigabytes.

JSON bodies are small (an order, a review); uploads (photos of a service record) are
``multipart/form-data`` and get their own, larger ceiling. A route that takes larger files
(``POST /api/v1/media``: videos up to 50 MiB) names its own multipart ceiling in
``UPLOAD_ROUTE_LIMITS``; every other route keeps the defaults. A body that announces its
size (``Content-Length``) is refused before it is read; a chunked one is cut off as soon as
what arrived passes the limit.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api_stub.deps import language_from_header
from api_stub.errors import BodyTooLarge, body_too_large_response

MAX_JSON_BODY_BYTES = 1024 * 1024
MAX_UPLOAD_BODY_BYTES = 16 * 1024 * 1024
# a 50 MiB video plus the multipart framing around it; the service checks the file itself
MAX_MEDIA_BODY_BYTES = 51 * 1024 * 1024
# (method, path) -> multipart ceiling of routes that take more than MAX_UPLOAD_BODY_BYTES;
# the path is literal (app.py's /api/v1 prefix), so a route that moves must move here too
UPLOAD_ROUTE_LIMITS: Mapping[tuple[str, str], int] = {
    ("POST", "/api/v1/media"): MAX_MEDIA_BODY_BYTES,
}


class BodySizeLimitMiddleware:
    """413 JSON when a request body is larger than its limit."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int = MAX_JSON_BODY_BYTES,
        max_upload_bytes: int = MAX_UPLOAD_BODY_BYTES,
        route_upload_limits: Mapping[tuple[str, str], int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes
        self.route_upload_limits = dict(
            UPLOAD_ROUTE_LIMITS if route_upload_limits is None else route_upload_limits
        )

    def limit_for(self, headers: Headers, method: str = "", path: str = "") -> int:
        content_type = headers.get("content-type", "").lower()
        if content_type.startswith("multipart/form-data"):
            route = (method.upper(), path.rstrip("/") or "/")
            return self.route_upload_limits.get(route, self.max_upload_bytes)
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_for(headers, scope.get("method", ""), scope.get("path", ""))
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            lang = language_from_header(headers.get("accept-language"))
            await body_too_large_response(limit, lang)(scope, receive, send)
            return

        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # an HTTPException, so FastAPI's body parsing passes it on unchanged
                    # (anything else it turns into "400 error parsing the body")
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, receive_limited, send)
