"""``POST /customer/orders`` on the real server, beside ``assign`` called directly.

    python -m benchmarks.api_booking [--quick]

A scratch MariaDB database; ``jiazheng-api --workers 2`` in a subprocess; 32 client
threads, each with its own keep-alive ``httpx.Client`` and its own customer, book random
two-hour windows on 2 workers (a 201 or a 409 "already booked": both answers count).
In the same run, over the same sequence of windows, each on 2 workers of its own:

- ``assign``: 32 threads call ``booking.assign`` directly on orders made beforehand, a
  unit of work each, as the desk's dispatch board does (the goal's yardstick);
- ``book``: 32 threads call the service the route calls
  (``customer_booking.book_for_customer``) in a unit of work each: what the API costs
  on top of its service (HTTP, token, idempotency key, JSON);
- a trivial JSON route (``GET /time``, no database) for the framework's own ceiling
  with this client.

The three booking sides run in alternating rounds, so a change in the machine's load
(a shared box) falls on all of them alike. Goals (issue 4): API ≥ 0.5 × direct assign,
and p99 ≤ 10 × p50 for the API bookings.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from cryptography.fernet import Fernet
from sqlalchemy import insert, text

from jiazheng_desk.db import Database, make_engine
from jiazheng_desk.models import (
    Branch,
    Customer,
    CustomerAddress,
    District,
    Order,
    ServiceCategory,
    ServiceItem,
    ShiftTemplate,
    Skill,
    StaffUser,
    Worker,
    WorkerDistrict,
    WorkerSkill,
)
from jiazheng_desk.models.base import table_of
from jiazheng_desk.schema import upgrade
from jiazheng_desk.services import app_tokens, booking, customer_booking
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.auth import actor_for

SERVER = os.environ.get("JIAZHENG_BENCH_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
CLIENTS = 32
SH = ZoneInfo("Asia/Shanghai")
# workers 1-2 take the API's bookings, 3-4 the direct assigns, 5-6 the direct bookings
API_WORKERS = (1, 2)
DIRECT_WORKERS = (3, 4)
BOOK_WORKERS = (5, 6)
DAYS = 60
ROUNDS = 3


def windows(n: int, seed: int) -> list[tuple[int, datetime]]:
    """(worker index 0/1, start): two-hour windows on half hours in 08:00–20:00, from
    tomorrow (the API refuses anything sooner than the booking lead time)."""
    rng = random.Random(seed)
    first = datetime.now(SH).date() + timedelta(days=1)
    out = []
    for _ in range(n):
        day = first + timedelta(days=rng.randrange(DAYS))
        minute = 8 * 60 + 30 * rng.randrange(0, 21)
        start = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=SH)
        out.append((rng.randrange(2), start))
    return out


def seed(database: Database, jobs: list[tuple[int, datetime]]) -> tuple[list[str], list[int]]:
    """Branch, service, 4 workers, 32 customers with tokens, and one unassigned order per
    window for the direct side; the customers' tokens and the direct orders' ids."""
    with database.engine.begin() as conn:
        conn.execute(
            insert(table_of(Branch)),
            {"id": 1, "code": "B", "name": "门店", "city": "上海", "timezone": "Asia/Shanghai"},
        )
        conn.execute(
            insert(table_of(District)),
            {
                "id": 1,
                "branch_id": 1,
                "city": "上海",
                "name": "黄浦区",
                "center_lat": 31.23,
                "center_lng": 121.48,
            },
        )
        conn.execute(insert(table_of(ServiceCategory)), {"id": 1, "code": "c", "name": "保洁"})
        conn.execute(insert(table_of(Skill)), {"id": 1, "code": "s", "name": "保洁"})
        conn.execute(
            insert(table_of(ServiceItem)),
            {
                "id": 1,
                "category_id": 1,
                "code": "i",
                "name": "日常保洁",
                "unit": "hour",
                "kind": "visit",
                "min_units": 2,
                "minutes_per_unit": 60,
                "base_price_fen": 5000,
                "skill_id": 1,
                "required_level": 1,
            },
        )
        conn.execute(
            insert(table_of(StaffUser)),
            {
                "id": 1,
                "username": "bench",
                "display_name": "调度",
                "role": "dispatcher",
                "branch_id": 1,
                "password_hash": "x",
            },
        )
        ids = (*API_WORKERS, *DIRECT_WORKERS, *BOOK_WORKERS)
        conn.execute(
            insert(table_of(Worker)),
            [
                {
                    "id": w,
                    "branch_id": 1,
                    "phone": f"1390000{w:04d}",
                    "name": f"阿姨{w}",
                    "status": "active",
                }
                for w in ids
            ],
        )
        conn.execute(
            insert(table_of(WorkerSkill)),
            [{"worker_id": w, "skill_id": 1, "level": 3} for w in ids],
        )
        conn.execute(
            insert(table_of(WorkerDistrict)), [{"worker_id": w, "district_id": 1} for w in ids]
        )
        conn.execute(
            insert(table_of(ShiftTemplate)),
            [
                {"worker_id": w, "weekday": d, "start_minute": 8 * 60, "end_minute": 20 * 60}
                for w in ids
                for d in range(7)
            ],
        )
        conn.execute(
            insert(table_of(Customer)),
            [{"id": c, "phone": f"1380000{c:04d}", "name": f"客户{c}"} for c in range(1, 33)],
        )
        conn.execute(
            insert(table_of(CustomerAddress)),
            [
                {
                    "id": c,
                    "customer_id": c,
                    "district_id": 1,
                    "address_text": f"某路{c}号",
                    "lat": 31.23,
                    "lng": 121.48,
                }
                for c in range(1, 33)
            ],
        )
        conn.execute(
            insert(table_of(Order)),
            [
                {
                    "order_no": f"D{i:09d}",
                    "branch_id": 1,
                    "customer_id": 1,
                    "address_id": 1,
                    "district_id": 1,
                    "address_text": "某路1号",
                    "lat": 31.23,
                    "lng": 121.48,
                    "item_id": 1,
                    "units": 2,
                    "kind": "visit",
                    "starts_at": s,
                    "ends_at": s + timedelta(hours=2),
                    "service_day": s.astimezone(SH).date(),
                    "state": "confirmed",
                }
                for i, (_, s) in enumerate(jobs)
            ],
        )
        order_ids = [r[0] for r in conn.execute(text("SELECT id FROM orders ORDER BY id"))]
    with database.session(write=True) as s:
        tokens = [
            app_tokens.issue_token(s, subject_kind="customer", subject_id=c) for c in range(1, 33)
        ]
    return tokens, order_ids


def run_threads(n: int, work: Callable[[int], list[float]]) -> tuple[float, list[float]]:
    """``work(i)`` on n threads started together; wall seconds and every latency."""
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(n + 1)

    def body(i: int) -> None:
        start.wait()
        mine = work(i)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, latencies


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def start_server(url: str, home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "JIAZHENG_HOME": str(home),
        "JIAZHENG_DATA_KEY": Fernet.generate_key().decode(),
    }
    command = [sys.executable, "-m", "api_stub.main", "--db", url, "--port", str(port)]
    command += ["--workers", "2", "--log-level", "warning"]
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(300):
        if server.poll() is not None:
            break
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.1)  # still starting
    server.kill()
    raise SystemExit((home / "server.log").read_text(errors="replace"))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def trivial_run(clients: list[httpx.Client], per_client: int) -> tuple[float, list[float]]:
    def work(i: int) -> list[float]:
        out = []
        for _ in range(per_client):
            t = time.perf_counter()
            reply = clients[i].get("/time")
            out.append(time.perf_counter() - t)
            assert reply.status_code == 200, reply.text
        return out

    return run_threads(CLIENTS, work)


def api_run(
    clients: list[httpx.Client], jobs: list[tuple[int, datetime]]
) -> tuple[float, list[float], dict[int, int]]:
    counts: dict[int, int] = {}
    lock = threading.Lock()

    def work(i: int) -> list[float]:
        out = []
        mine: dict[int, int] = {}
        for worker, start in jobs[i::CLIENTS]:
            body = {
                "address_id": i + 1,
                "item_id": 1,
                "units": 2,
                "starts_at": start.isoformat(),
                "worker_id": API_WORKERS[worker],
            }
            t = time.perf_counter()
            reply = clients[i].post(
                "/customer/orders", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
            )
            out.append(time.perf_counter() - t)
            mine[reply.status_code] = mine.get(reply.status_code, 0) + 1
        with lock:
            for status, n in mine.items():
                counts[status] = counts.get(status, 0) + n
        return out

    wall, latencies = run_threads(CLIENTS, work)
    return wall, latencies, counts


def direct_run(
    database: Database, order_ids: list[int], jobs: list[tuple[int, datetime]]
) -> tuple[float, list[float], int]:
    with database.engine.connect() as conn:
        user = conn.execute(text("SELECT * FROM staff_user WHERE id = 1")).one()
    who = actor_for(user)  # type: ignore[arg-type]
    booked = [0]
    lock = threading.Lock()
    pairs = list(zip(order_ids, jobs, strict=True))

    def work(i: int) -> list[float]:
        out = []
        mine = 0
        for order_id, (worker, _) in pairs[i::CLIENTS]:
            t = time.perf_counter()
            try:
                with database.session(write=True) as s:
                    booking.assign(
                        s, order_id=order_id, worker_id=DIRECT_WORKERS[worker], actor=who
                    )
                mine += 1
            except booking.WorkerNotAvailable:
                pass
            out.append(time.perf_counter() - t)
        with lock:
            booked[0] += mine
        return out

    wall, latencies = run_threads(CLIENTS, work)
    return wall, latencies, booked[0]


def book_run(
    database: Database, jobs: list[tuple[int, datetime]]
) -> tuple[float, list[float], int]:
    booked = [0]
    lock = threading.Lock()

    def work(i: int) -> list[float]:
        me = Actor(kind="customer", id=i + 1, name=f"客户{i + 1}", source="api")
        out = []
        mine = 0
        for worker, start in jobs[i::CLIENTS]:
            t = time.perf_counter()
            try:
                with database.session(write=True) as s:
                    customer_booking.book_for_customer(
                        s,
                        actor=me,
                        address_id=i + 1,
                        item_id=1,
                        units=2,
                        starts_at=start,
                        worker_id=BOOK_WORKERS[worker],
                    )
                mine += 1
            except booking.WorkerNotAvailable:
                pass
            out.append(time.perf_counter() - t)
        with lock:
            booked[0] += mine
        return out

    wall, latencies = run_threads(CLIENTS, work)
    return wall, latencies, booked[0]


OVERLAPS = text(
    "SELECT COUNT(*) FROM orders a JOIN orders b ON a.worker_id = b.worker_id "
    "AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    per_client = 15 if args.quick else 100
    trivial_per_client = 50 if args.quick else 300
    attempts = CLIENTS * per_client
    jobs = windows(attempts, seed=4)
    admin = make_engine(SERVER)
    name = f"jiazheng_bench_api_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(
            text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        )
    server = None
    clients: list[httpx.Client] = []
    try:
        url = admin.url.set(database=name).render_as_string(hide_password=False)
        database = Database(make_engine(url, pool_size=CLIENTS + 2, max_overflow=4))
        upgrade(database.engine)
        tokens, order_ids = seed(database, jobs)
        home = Path(tempfile.mkdtemp(prefix="jiazheng-bench-api-"))
        server, base = start_server(url, home)
        clients = [
            httpx.Client(
                base_url=base,
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
                limits=httpx.Limits(max_keepalive_connections=1, max_connections=1),
            )
            for token in tokens
        ]
        trivial_run(clients, 5)  # connections open, both server processes warm
        t_wall, t_lat = trivial_run(clients, trivial_per_client)
        a_wall = d_wall = b_wall = 0.0
        a_lat: list[float] = []
        d_lat: list[float] = []
        b_lat: list[float] = []
        counts: dict[int, int] = {}
        d_booked = b_booked = 0
        step = -(-attempts // ROUNDS)
        for first in range(0, attempts, step):
            part = slice(first, first + step)
            wall, lat, got = api_run(clients, jobs[part])
            a_wall, a_lat = a_wall + wall, a_lat + lat
            for status, n in got.items():
                counts[status] = counts.get(status, 0) + n
            wall, lat, n = direct_run(database, order_ids[part], jobs[part])
            d_wall, d_lat, d_booked = d_wall + wall, d_lat + lat, d_booked + n
            wall, lat, n = book_run(database, jobs[part])
            b_wall, b_lat, b_booked = b_wall + wall, b_lat + lat, b_booked + n
        with database.engine.connect() as conn:
            overlaps = int(conn.execute(OVERLAPS).scalar() or 0)
        database.dispose()
    finally:
        for client in clients:
            client.close()
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin.dispose()
    trivial_rate = CLIENTS * trivial_per_client / t_wall
    api_rate = attempts / a_wall
    direct_rate = attempts / d_wall
    book_rate = attempts / b_wall
    p50, p99 = pct(a_lat, 0.5), pct(a_lat, 0.99)
    print(f"clients: {CLIENTS}")
    print(f"attempts_per_side: {attempts}")
    print(f"trivial_json_per_s: {trivial_rate:.0f}")
    print(f"trivial_json_p50_ms: {pct(t_lat, 0.5):.2f}")
    print(f"trivial_json_p99_ms: {pct(t_lat, 0.99):.2f}")
    print(f"api_bookings_per_s: {api_rate:.0f}")
    print(f"api_booked_per_s: {counts.get(201, 0) / a_wall:.0f}")
    print(f"api_p50_ms: {p50:.2f}")
    print(f"api_p99_ms: {p99:.2f}")
    print(f"api_201: {counts.get(201, 0)}")
    print(f"api_409: {counts.get(409, 0)}")
    print(f"api_other: {sum(n for s, n in counts.items() if s not in (201, 409))}")
    print(f"direct_assign_per_s: {direct_rate:.0f}")
    print(f"direct_assign_p50_ms: {pct(d_lat, 0.5):.2f}")
    print(f"direct_assign_p99_ms: {pct(d_lat, 0.99):.2f}")
    print(f"direct_booked: {d_booked}")
    print(f"direct_book_per_s: {book_rate:.0f}")
    print(f"direct_book_p50_ms: {pct(b_lat, 0.5):.2f}")
    print(f"direct_book_p99_ms: {pct(b_lat, 0.99):.2f}")
    print(f"direct_book_booked: {b_booked}")
    print(f"api_vs_direct_book: {api_rate / book_rate:.2f}")
    print(f"direct_book_vs_direct_assign: {book_rate / direct_rate:.2f}")
    print(f"api_vs_trivial: {api_rate / trivial_rate:.2f}")
    print(f"overlaps: {overlaps}")
    ratio = api_rate / direct_rate
    spread = p99 / p50
    print(
        f"goal: api bookings/s vs direct assign {ratio:.2f} >= 0.5: "
        f"{'met' if ratio >= 0.5 else 'NOT MET'}"
    )
    print(f"goal: api p99 vs p50 {spread:.1f} <= 10: {'met' if spread <= 10 else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
