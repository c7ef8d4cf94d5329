"""The background-check HTTP client against real local servers: the API's sandbox route,
a server that never answers, one that fails first, and a closed port."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from api_stub.app import create_app
from jiazheng_desk.db import Database, make_engine
from jiazheng_desk.services.background import CLEAR, HIT, NOT_ANSWERED
from jiazheng_desk.sync.gateways.background_http import HttpBackgroundGateway
from jiazheng_desk.sync.gateways.background_sandbox import RECORDS, SILENT
from tests.worker_factories import make_id_number


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _client(base: str, **kw) -> HttpBackgroundGateway:
    options = {"connect_timeout": 1.0, "read_timeout": 2.0, "retries": 1, "backoff": 0.0}
    return HttpBackgroundGateway(base, **{**options, **kw})


@pytest.fixture
def api_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The API with its sandbox routes, served by uvicorn in a thread."""
    monkeypatch.setenv("JIAZHENG_SANDBOX_ROUTES", "1")
    database = Database(make_engine(f"sqlite:///{tmp_path / 'api.sqlite3'}"))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(database), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        threading.Event().wait(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}/api/v1/sandbox"
    server.should_exit = True
    thread.join(10)
    database.dispose()


def test_the_client_reads_the_api_sandbox_from_the_seeded_list(api_server):
    gateway = _client(api_server)
    record = RECORDS[0]
    hit = gateway.check(record.name, record.id_number)
    assert hit.outcome == HIT and record.finding in hit.detail
    assert gateway.check("某人", make_id_number()).outcome == CLEAR
    # the sandbox's silent person: 504 from the route, retried, then "not answered"
    (silent,) = SILENT
    assert gateway.check(SILENT[silent], silent).outcome == NOT_ANSWERED
    gateway.close()


def test_the_sandbox_route_is_mounted_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("JIAZHENG_SANDBOX_ROUTES", raising=False)
    database = Database(make_engine(f"sqlite:///{tmp_path / 'off.sqlite3'}"))
    with TestClient(create_app(database)) as client:
        body = {"name": "某人", "id_number": make_id_number()}
        assert client.post("/api/v1/sandbox/background-check", json=body).status_code == 404
    database.dispose()


class _Silent:
    """A TCP server that accepts connections and never says a word."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.accepted:
            conn.close()


def test_a_server_that_never_answers_is_not_answered_after_the_retries():
    silent = _Silent()
    try:
        gateway = _client(f"http://127.0.0.1:{silent.port}", read_timeout=0.3, retries=1)
        assert gateway.check("某人", make_id_number()).outcome == NOT_ANSWERED
        assert len(silent.accepted) == 2  # the first try and one retry
        gateway.close()
    finally:
        silent.close()


def test_a_closed_port_is_not_answered():
    port = _free_port()
    gateway = _client(f"http://127.0.0.1:{port}")
    assert gateway.check("某人", make_id_number()).outcome == NOT_ANSWERED


def test_a_failing_provider_is_retried_and_a_bad_body_never_passes():
    answers = [
        (503, b'{"error": "busy"}'),
        (200, json.dumps({"outcome": "hit", "detail": "记录"}).encode()),
        (200, b"<html>maintenance</html>"),
        (200, b'{"outcome": "maybe"}'),
    ]
    seen: list[dict] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            seen.append(json.loads(self.rfile.read(length)))
            status, body = answers.pop(0)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        gateway = _client(f"http://127.0.0.1:{server.server_port}/", api_key="k")
        number = make_id_number()
        result = gateway.check("某人", number)
        assert (result.outcome, result.detail) == (HIT, "记录")
        assert seen == [{"name": "某人", "id_number": number}] * 2  # 503, then retried
        assert gateway.check("某人", number).outcome == NOT_ANSWERED  # not JSON
        assert gateway.check("某人", number).outcome == NOT_ANSWERED  # unknown outcome
        gateway.close()
    finally:
        server.shutdown()
        server.server_close()


def test_from_env_needs_a_url(monkeypatch):
    monkeypatch.delenv("JIAZHENG_BACKGROUND_URL", raising=False)
    with pytest.raises(ValueError, match="JIAZHENG_BACKGROUND_URL"):
        HttpBackgroundGateway.from_env()
    monkeypatch.setenv("JIAZHENG_BACKGROUND_URL", "http://example.invalid/v1/")
    monkeypatch.setenv("JIAZHENG_BACKGROUND_TIMEOUT", "4")
    gateway = HttpBackgroundGateway.from_env()
    assert gateway.url == "http://example.invalid/v1/background-check"
    assert gateway.timeout == (3.0, 4.0)
