"""The real server (``jiazheng-api --workers 2``) on MariaDB under 32 concurrent clients:
no worker is ever booked twice, and every 201 the clients got is in the database."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import text

from api_stub.app import API_PREFIX
from jiazheng_desk.db import Database, make_engine
from jiazheng_desk.schema import upgrade
from jiazheng_desk.services import app_tokens
from tests.booking_factories import make_customer, make_worker, make_world
from tests.tls_mariadb import free_port

CLIENTS = 32
PER_CLIENT = 8
WORKERS = 3
SH = ZoneInfo("Asia/Shanghai")
OVERLAPS = text(
    "SELECT COUNT(*) FROM orders a JOIN orders b ON a.worker_id = b.worker_id "
    "AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
    "AND a.state NOT IN ('cancelled', 'refunded') AND b.state NOT IN ('cancelled', 'refunded')"
)


def _seed(database: Database) -> tuple[list[int], list[tuple[str, int]], int]:
    """Workers, and customers each with an address and a token."""
    with database.session(write=True) as s:
        world = make_world(s)
        workers = [make_worker(s, world).id for _ in range(WORKERS)]
        customers = []
        for _ in range(CLIENTS):
            customer, address = make_customer(s, world)
            token = app_tokens.issue_token(s, subject_kind="customer", subject_id=customer.id)
            customers.append((token, address.id))
        return workers, customers, world.item.id


def _windows(rng: random.Random) -> datetime:
    """A two-hour window two to four days ahead, on the half hour within 08:00–20:00."""
    today = datetime.now(SH).date()
    day = today + timedelta(days=rng.randrange(2, 5))
    minute = 8 * 60 + 30 * rng.randrange(0, 21)
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=SH)


def _start_server(url: str, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    with log_path.open("wb") as log_file:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "api_stub.main",
                "--db",
                url,
                "--port",
                str(port),
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )
    base = f"http://127.0.0.1:{port}{API_PREFIX}"
    for _ in range(300):
        if server.poll() is not None:
            break
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.1)  # still starting
    server.kill()
    raise AssertionError(log_path.read_text(errors="replace"))


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=20)


@pytest.mark.mysql_only
def test_32_clients_never_double_book_on_the_real_server(mysql_server, tmp_path):
    url = mysql_server.url_for(mysql_server.create_database("jiazheng_api_booking"))
    database = Database(make_engine(url))
    upgrade(database.engine)
    workers, customers, item_id = _seed(database)
    server, base = _start_server(url, tmp_path / "server.log")
    created: list[tuple[int, int, str]] = []  # order id, worker id, idempotency key
    sent: list[dict[str, object]] = []
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client(index: int) -> None:
        token, address_id = customers[index]
        rng = random.Random(index)
        headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            start.wait()
            for _ in range(PER_CLIENT):
                worker_id = rng.choice(workers)
                body = {
                    "address_id": address_id,
                    "item_id": item_id,
                    "units": 2,
                    "starts_at": _windows(rng).isoformat(),
                    "worker_id": worker_id,
                }
                key = uuid.uuid4().hex
                reply = http.post("/customer/orders", json=body, headers={"Idempotency-Key": key})
                with lock:
                    statuses.append(reply.status_code)
                    if reply.status_code == 201:
                        order = reply.json()["order"]
                        assert order["worker"]["id"] == worker_id
                        created.append((order["id"], worker_id, key))
                        sent.append({"token": token, "key": key, "body": body})
                    else:
                        assert reply.status_code == 409, reply.text
                        assert reply.json()["error"].startswith("fit."), reply.text

    try:
        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(statuses) == CLIENTS * PER_CLIENT
        assert set(statuses) <= {201, 409}
        assert created, "nothing was booked"
        # a repeat of a booked request answers with the same order, on either worker process
        again = sent[0]
        replay = httpx.post(
            f"{base}/customer/orders",
            json=again["body"],
            headers={
                "Authorization": f"Bearer {again['token']}",
                "Idempotency-Key": str(again["key"]),
            },
        )
        assert replay.status_code == 201 and replay.json()["order"]["id"] == created[0][0]
    finally:
        _stop(server)
    with database.engine.connect() as conn:
        assert conn.execute(OVERLAPS).scalar() == 0
        booked = {
            (int(i), int(w))
            for i, w in conn.execute(
                text("SELECT id, worker_id FROM orders WHERE worker_id IS NOT NULL")
            )
        }
        records = conn.execute(
            text("SELECT COUNT(*) FROM idempotency_record WHERE status_code = 201")
        ).scalar()
    # every 201 is in the database with its worker, and nothing else was booked
    assert booked == {(order_id, worker_id) for order_id, worker_id, _ in created}
    assert records == len(created)
    database.dispose()
