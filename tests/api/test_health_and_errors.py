"""The API skeleton: health, the unit of work, JSON errors, language, limits, the command."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from api_stub.app import API_PREFIX, api_version, create_app, mount_v1
from api_stub.deps import SessionDep, language_from_header
from api_stub.limits import MAX_JSON_BODY_BYTES
from api_stub.routers import health as health_router
from jiazheng_desk.db import WRITE_OPTION, Database, DatabaseError, make_engine
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Branch
from jiazheng_desk.schema import head_revision
from jiazheng_desk.services.errors import (
    AuthenticationError,
    Conflict,
    NotFound,
    ValidationError,
)
from tests.tls_mariadb import free_port

# port 1 on the loopback refuses at once: a database that is down, without waiting
DOWN_DB_URL = "mysql+pymysql://root@127.0.0.1:1/nowhere"
EN = {"Accept-Language": "en"}

# --- a router that exists only in these tests ------------------------------------------

probe = APIRouter(prefix="/_test")


class EchoIn(BaseModel):
    name: str = Field(min_length=2)
    age: int = Field(ge=0)


class BranchIn(BaseModel):
    code: str
    outcome: Literal["commit", "refuse", "refuse_but_keep"] = "commit"


@probe.post("/echo")
def echo(body: EchoIn) -> dict[str, object]:
    return body.model_dump()


@probe.get("/weak-password")
def weak_password() -> None:
    raise ValidationError("auth.weak_password", field="password", min=8)


@probe.get("/missing-staff")
def missing_staff() -> None:
    raise NotFound("staff", 42)


@probe.get("/boom")
def boom() -> None:
    raise RuntimeError("secret internals at /srv/jiazheng: do not show")


@probe.get("/database-error")
def database_error() -> None:
    raise DatabaseError("the schema does not fit (with private details)")


def _is_write(session: Session) -> dict[str, bool]:
    options = session.connection().get_execution_options()
    return {"write": bool(options.get(WRITE_OPTION, False))}


@probe.get("/session-mode")
def session_mode_get(session: SessionDep) -> dict[str, bool]:
    return _is_write(session)


@probe.post("/session-mode")
def session_mode_post(session: SessionDep) -> dict[str, bool]:
    return _is_write(session)


@probe.post("/branches")
def add_branch(body: BranchIn, session: SessionDep) -> dict[str, str]:
    session.add(
        Branch(code=body.code, name=f"门店{body.code}", city="上海", timezone="Asia/Shanghai")
    )
    session.flush()
    if body.outcome == "refuse":
        raise Conflict(detail="refused")
    if body.outcome == "refuse_but_keep":
        raise AuthenticationError("auth.wrong_password")
    return {"code": body.code}


def build_app(database: Database) -> FastAPI:
    app = create_app(database)
    mount_v1(app, probe)
    return app


@pytest.fixture
def client(live_db: Database) -> Iterator[TestClient]:
    with TestClient(build_app(live_db)) as test_client:
        yield test_client


@pytest.fixture
def down_client() -> Iterator[TestClient]:
    database = Database(make_engine(DOWN_DB_URL))
    with TestClient(build_app(database)) as test_client:
        yield test_client
    database.dispose()


def assert_error_body(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == code
    assert isinstance(body["message"], str)
    assert body["message"]
    return body


# --- health --------------------------------------------------------------------------


def test_health_reports_the_schema_revision(client):
    response = client.get(f"{API_PREFIX}/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "schema": head_revision(),
        "schema_head": head_revision(),
    }


def test_health_is_503_when_the_database_is_down(down_client):
    response = down_client.get(f"{API_PREFIX}/health", headers=EN)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == "unreachable"
    assert "Cannot reach the database server 127.0.0.1:1" in body["message"]


@pytest.fixture
def hanging_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A database that never answers (a host that swallows packets) until the test ends."""
    release = threading.Event()

    def never_answers(engine: object) -> str:
        release.wait(timeout=30)
        raise ConnectionError("released")

    monkeypatch.setattr(health_router, "current_revision", never_answers)
    monkeypatch.setattr(health_router, "HEALTH_TIMEOUT_S", 0.05)
    yield
    release.set()


@pytest.mark.usefixtures("hanging_database")
def test_health_gives_up_on_a_database_that_does_not_answer(client):
    response = client.get(f"{API_PREFIX}/health", headers=EN)
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "unreachable"
    assert body["message"] == t("api.health_timeout", "en", seconds="0.05")


# --- the unit of work ----------------------------------------------------------------


@pytest.mark.parametrize(("method", "write"), [("GET", False), ("POST", True)])
def test_reads_get_a_read_session_and_writes_a_write_session(client, method, write):
    response = client.request(method, f"{API_PREFIX}/_test/session-mode")
    assert response.status_code == 200
    assert response.json() == {"write": write}


def _branch_codes(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(Branch.code).order_by(Branch.code)))


def test_a_request_that_succeeds_is_committed(client, live_db):
    response = client.post(f"{API_PREFIX}/_test/branches", json={"code": "OK01"})
    assert response.status_code == 200
    assert _branch_codes(live_db) == ["OK01"]


def test_a_refused_request_is_rolled_back(client, live_db):
    response = client.post(
        f"{API_PREFIX}/_test/branches", json={"code": "NO01", "outcome": "refuse"}
    )
    assert_error_body(response, 409, "error.conflict")
    assert _branch_codes(live_db) == []


def test_a_refusal_that_must_count_is_committed_all_the_same(client, live_db):
    response = client.post(
        f"{API_PREFIX}/_test/branches", json={"code": "KEEP1", "outcome": "refuse_but_keep"}
    )
    assert_error_body(response, 401, "auth.wrong_password")
    assert _branch_codes(live_db) == ["KEEP1"]


# --- errors --------------------------------------------------------------------------


def test_a_validation_error_names_its_field(client):
    response = client.get(f"{API_PREFIX}/_test/weak-password")
    body = assert_error_body(response, 422, "auth.weak_password")
    assert body["field"] == "password"
    assert body["message"] == "密码至少 8 位，且须同时包含字母和数字。"


def test_not_found_is_404(client):
    body = assert_error_body(
        client.get(f"{API_PREFIX}/_test/missing-staff"), 404, "error.not_found"
    )
    assert body["message"] == "找不到员工（编号 42）。"
    assert "field" not in body


def test_accept_language_en_gives_english(client):
    headers = {"Accept-Language": "en-US,en;q=0.9,zh-CN;q=0.8"}
    response = client.get(f"{API_PREFIX}/_test/weak-password", headers=headers)
    body = assert_error_body(response, 422, "auth.weak_password")
    assert (
        body["message"] == "The password needs at least 8 characters with both letters and digits."
    )
    body = assert_error_body(
        client.get(f"{API_PREFIX}/_test/missing-staff", headers=headers), 404, "error.not_found"
    )
    assert body["message"] == "Staff member 42 was not found."


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "zh_CN"),
        ("", "zh_CN"),
        ("en", "en"),
        ("en-GB", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh_CN"),
        ("fr-FR, en;q=0.5", "en"),
        ("zh;q=0.4, en;q=0.6", "en"),
        ("en;q=0, zh", "zh_CN"),
        ("de, *", "zh_CN"),
        ("en;q=bogus", "zh_CN"),
    ],
)
def test_language_from_accept_language(header, lang):
    assert language_from_header(header) == lang


def test_an_unexpected_error_is_a_500_without_the_traceback(client, caplog):
    caplog.set_level(logging.ERROR, logger="api_stub.errors")
    response = client.get(f"{API_PREFIX}/_test/boom", headers=EN)
    body = assert_error_body(response, 500, "internal")
    assert "Traceback" not in response.text
    assert "secret internals" not in response.text
    assert body["ref"] in body["message"]
    # the traceback is in the log, under the reference the client was given
    record = next(r for r in caplog.records if body["ref"] in r.getMessage())
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)


def test_a_request_field_error_says_which_field_and_why(client):
    response = client.post(f"{API_PREFIX}/_test/echo", json={"age": -1}, headers=EN)
    body = assert_error_body(response, 422, "validation")
    assert body["field"] == "name"
    assert body["message"] == "name: This field is required."
    assert {e["field"]: e["message"] for e in body["errors"]} == {
        "name": "This field is required.",
        "age": "Must be at least 0.",
    }
    response = client.post(f"{API_PREFIX}/_test/echo", json={"name": "王", "age": 30})
    body = assert_error_body(response, 422, "validation")
    assert body["message"] == "参数 name：至少 2 个字符。"


def test_malformed_json_is_a_400_json_error(client):
    response = client.post(
        f"{API_PREFIX}/_test/echo",
        content=b'{"name": "Li", "age": ',
        headers={"Content-Type": "application/json", **EN},
    )
    body = assert_error_body(response, 400, "malformed_json")
    assert body["message"].startswith("The request body is not valid JSON")


def test_an_unknown_path_and_a_wrong_method_are_json(client):
    assert_error_body(client.get(f"{API_PREFIX}/no-such-thing"), 404, "not_found")
    response = client.delete(f"{API_PREFIX}/health")
    assert_error_body(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


def test_a_huge_body_is_refused_before_it_is_read(client):
    huge = b"[" + b"0," * MAX_JSON_BODY_BYTES + b"0]"
    response = client.post(
        f"{API_PREFIX}/_test/echo", content=huge, headers={"Content-Type": "application/json"}
    )
    body = assert_error_body(response, 413, "body_too_large")
    assert body["message"] == "请求内容过大，上限为 1 MiB。"


def test_a_huge_body_without_a_length_is_cut_off(client):
    def chunks() -> Iterator[bytes]:
        yield b"["
        for _ in range(MAX_JSON_BODY_BYTES // 1024 + 1):
            yield b"0," * 512
        yield b"0]"

    response = client.post(
        f"{API_PREFIX}/_test/echo",
        content=chunks(),
        headers={"Content-Type": "application/json", **EN},
    )
    assert "content-length" not in response.request.headers
    body = assert_error_body(response, 413, "body_too_large")
    assert body["message"] == "The request body is too large; the limit is 1 MiB."


def test_a_database_that_is_down_is_a_503(down_client):
    response = down_client.get(f"{API_PREFIX}/_test/session-mode", headers=EN)
    body = assert_error_body(response, 503, "database_unavailable")
    assert body["message"] == t("api.database_unavailable", "en")
    assert "127.0.0.1:1" not in response.text  # the private network stays private
    assert response.headers["retry-after"]


def test_a_database_error_is_a_503(client):
    response = client.get(f"{API_PREFIX}/_test/database-error")
    body = assert_error_body(response, 503, "database_unavailable")
    assert "private details" not in body["message"]


def test_openapi_and_docs_answer(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["info"]["title"] == "家政 Desk API"
    assert spec["info"]["version"] == api_version()
    assert f"{API_PREFIX}/health" in spec["paths"]
    assert "ErrorOut" in spec["components"]["schemas"]
    response = client.get("/docs")
    assert response.status_code == 200
    assert "swagger-ui" in response.text


# --- the command ---------------------------------------------------------------------


def _command_env() -> dict[str, str]:
    env = dict(os.environ)
    # no desktop keyring on a server: the null backend answers "no password" at once
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return env


def _run_api(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api_stub.main", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env or _command_env(),
        check=False,
    )


def _migrated_copy(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "api.sqlite3"
    shutil.copy(sqlite_template, path)
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_the_real_server_answers_health(sqlite_template, tmp_path, workers):
    db_path = _migrated_copy(sqlite_template, tmp_path)
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log_file:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "api_stub.main",
                "--db",
                f"sqlite:///{db_path}",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=_command_env(),
        )
    try:
        response = _poll_health(f"http://127.0.0.1:{port}{API_PREFIX}/health", server)
        assert response is not None, log_path.read_text(errors="replace")
        assert response.status_code == 200
        assert response.json()["schema"] == head_revision()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)


def _poll_health(url: str, server: subprocess.Popen[bytes]) -> httpx.Response | None:
    """The first answer of a starting server, or None if it died or never answered."""
    for _ in range(300):
        if server.poll() is not None:
            return None
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)  # the server is still starting: wait before polling again
    return None


def _assert_one_readable_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("jiazheng-api: ")
    return lines[0]


def test_the_command_refuses_a_bad_url_readably():
    env = {**_command_env(), "JIAZHENG_LANG": "en"}
    line = _assert_one_readable_line(_run_api("--db", "not a url", env=env))
    assert "Invalid database URL: not a url" in line


def test_the_command_refuses_an_unreachable_database_readably():
    line = _assert_one_readable_line(_run_api("--db", DOWN_DB_URL))
    assert "无法连接数据库服务器 127.0.0.1:1" in line


def test_the_command_refuses_a_shared_database_without_tables_readably(mysql_server):
    # a shared MySQL is never upgraded by the API: other servers may still run the old build
    url = mysql_server.url_for(mysql_server.create_database())
    line = _assert_one_readable_line(_run_api("--db", url))
    assert "jiazheng-desk db upgrade" in line


def test_the_command_refuses_a_misnamed_gateway_at_start(sqlite_template, tmp_path):
    # a real provider is named in the environment: a typo must stop the start, not 500 later
    path = _migrated_copy(sqlite_template, tmp_path)
    env = {**_command_env(), "JIAZHENG_PAYMENT_GATEWAY": "acme.pay:Gateway"}
    result = _run_api("--db", f"sqlite:///{path}", env=env)
    # the schema check logs a line first; the refusal is the last one, and the only error
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("jiazheng-api: JIAZHENG_PAYMENT_GATEWAY=acme.pay:Gateway")
    assert "acme" in line.partition("Gateway:")[2]
