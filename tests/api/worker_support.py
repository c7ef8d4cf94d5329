"""What the worker-app API tests share: a client with its own media folder, tokens, calls."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from api_stub.app import API_PREFIX, create_app
from jiazheng_desk.db import Database
from jiazheng_desk.services import app_tokens


@contextmanager
def api_client(database: Database, media_dir: Path) -> Iterator[TestClient]:
    app = create_app(database)
    app.state.media_dir = media_dir
    with TestClient(app) as client:
        yield client


def token_for(database: Database, kind: str, subject_id: int) -> str:
    with database.session(write=True) as s:
        return app_tokens.issue_token(s, subject_kind=kind, subject_id=subject_id)


def headers(token: str | None) -> dict[str, str]:
    out = {"Accept-Language": "en"}
    if token:
        out["Authorization"] = f"Bearer {token}"
    return out


def call(
    client: TestClient, method: str, path: str, token: str | None, **kw: Any
) -> httpx.Response:
    return client.request(method, f"{API_PREFIX}{path}", headers=headers(token), **kw)


def upload(
    client: TestClient,
    token: str | None,
    data: bytes,
    *,
    filename: str = "photo.jpg",
    content_type: str = "image/jpeg",
) -> httpx.Response:
    return call(client, "POST", "/media", token, files={"file": (filename, data, content_type)})


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """The JSON error body, after checking the status (the body is shown when it differs)."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["error"] and body["message"]
    return body
