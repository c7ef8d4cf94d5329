"""``assign`` throughput on MariaDB with 1, 4 and 16 threads, beside a raw PyMySQL booking.

    python -m benchmarks.booking [--quick]

Both sides book the same random two-hour windows on the same 1,000 workers: the raw one
is the minimal transaction (lock the worker row, check for an overlap, insert, commit) on
a plain table; the desk one is ``booking.assign`` in a unit of work, with every rule it
checks and the event and audit rows it writes. Goal (issue 3): assign ≥ 0.5 × raw at 16
threads, and no worker booked twice.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pymysql
from sqlalchemy import insert, text

from jiazheng_desk import clock
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
from jiazheng_desk.services import booking
from jiazheng_desk.services.auth import actor_for

SERVER = os.environ.get("JIAZHENG_BENCH_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
WORKERS = 1000
DAYS = 5
NOW = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
FIRST = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai


def windows(n: int, seed: int) -> list[tuple[int, datetime, datetime]]:
    """(worker, start, end): random two-hour windows on half hours within 08:00–20:00."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        day = FIRST + timedelta(days=rng.randrange(DAYS))
        start = day + timedelta(minutes=30 * rng.randrange(0, 21))
        out.append((rng.randrange(1, WORKERS + 1), start, start + timedelta(hours=2)))
    return out


def seed(
    database: Database, jobs: list[tuple[int, datetime, datetime]]
) -> tuple[list[int], object]:
    """Workers with shifts, one customer address, and one unassigned order per window."""
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
                for w in range(1, WORKERS + 1)
            ],
        )
        conn.execute(
            insert(table_of(WorkerSkill)),
            [{"worker_id": w, "skill_id": 1, "level": 3} for w in range(1, WORKERS + 1)],
        )
        conn.execute(
            insert(table_of(WorkerDistrict)),
            [{"worker_id": w, "district_id": 1} for w in range(1, WORKERS + 1)],
        )
        conn.execute(
            insert(table_of(ShiftTemplate)),
            [
                {"worker_id": w, "weekday": d, "start_minute": 0, "end_minute": 1440}
                for w in range(1, WORKERS + 1)
                for d in range(7)
            ],
        )
        conn.execute(insert(table_of(Customer)), {"id": 1, "phone": "13800000000", "name": "客户"})
        conn.execute(
            insert(table_of(CustomerAddress)),
            {
                "id": 1,
                "customer_id": 1,
                "district_id": 1,
                "address_text": "某路1号",
                "lat": 31.23,
                "lng": 121.48,
            },
        )
        rows = [
            {
                "order_no": f"B{i:09d}",
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
                "ends_at": e,
                "service_day": (s + timedelta(hours=8)).date(),
                "state": "confirmed",
            }
            for i, (_, s, e) in enumerate(jobs)
        ]
        for i in range(0, len(rows), 5000):
            conn.execute(insert(table_of(Order)), rows[i : i + 5000])
        ids = [r[0] for r in conn.execute(text("SELECT id FROM orders ORDER BY id")).all()]
        user = conn.execute(text("SELECT * FROM staff_user WHERE id = 1")).one()
    return ids, user


def run_threads(n: int, work: Callable[[int], list[float]]) -> tuple[float, list[float]]:
    """Run ``work(thread_index)`` on n threads; return wall seconds and all latencies."""
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


def raw_run(
    params: dict, jobs: list[tuple[int, datetime, datetime]], n: int
) -> tuple[float, list[float], int]:
    booked = [0]
    lock = threading.Lock()

    def work(i: int) -> list[float]:
        conn = pymysql.connect(**params, autocommit=False)
        cur = conn.cursor()
        cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
        out = []
        mine = 0
        for w, s, e in jobs[i::n]:
            t = time.perf_counter()
            cur.execute("SELECT id FROM worker WHERE id = %s FOR UPDATE", (w,))
            cur.execute(
                "SELECT COUNT(*) FROM raw_booking WHERE worker_id = %s AND ends_at > %s"
                " AND starts_at < %s",
                (w, s.replace(tzinfo=None), e.replace(tzinfo=None)),
            )
            if cur.fetchone()[0] == 0:
                cur.execute(
                    "INSERT INTO raw_booking (worker_id, starts_at, ends_at) VALUES (%s, %s, %s)",
                    (w, s.replace(tzinfo=None), e.replace(tzinfo=None)),
                )
                mine += 1
            conn.commit()
            out.append(time.perf_counter() - t)
        conn.close()
        with lock:
            booked[0] += mine
        return out

    wall, lat = run_threads(n, work)
    return wall, lat, booked[0]


def desk_run(
    database: Database,
    user: object,
    order_ids: list[int],
    jobs: list[tuple[int, datetime, datetime]],
    n: int,
) -> tuple[float, list[float], int]:
    who = actor_for(user)  # type: ignore[arg-type]
    booked = [0]
    lock = threading.Lock()

    def work(i: int) -> list[float]:
        out = []
        mine = 0
        for order_id, (w, _, _) in list(zip(order_ids, jobs, strict=True))[i::n]:
            t = time.perf_counter()
            try:
                with database.session(write=True) as s:
                    booking.assign(s, order_id=order_id, worker_id=w, actor=who)
                mine += 1
            except booking.WorkerNotAvailable:
                pass
            out.append(time.perf_counter() - t)
        with lock:
            booked[0] += mine
        return out

    wall, lat = run_threads(n, work)
    return wall, lat, booked[0]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    per_run = 600 if args.quick else 4000
    clock.freeze(NOW)
    admin = make_engine(SERVER)
    results: dict[int, tuple[float, float]] = {}
    overlaps_total = 0
    for threads in (1, 4, 16):
        jobs = windows(per_run, seed=threads)
        name = f"jiazheng_bench_booking_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
        try:
            url = admin.url.set(database=name)
            database = Database(make_engine(url, pool_size=threads + 2, max_overflow=4))
            upgrade(database.engine)
            order_ids, user = seed(database, jobs)
            with database.engine.begin() as conn:
                conn.execute(
                    text(
                        "CREATE TABLE raw_booking (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                        "worker_id BIGINT NOT NULL, starts_at DATETIME(6) NOT NULL, "
                        "ends_at DATETIME(6) NOT NULL, KEY k (worker_id, ends_at, starts_at)) "
                        "ENGINE=InnoDB"
                    )
                )
            params = {
                "host": url.host,
                "port": url.port or 3306,
                "user": url.username,
                "password": url.password or "",
                "database": name,
            }
            raw_wall, raw_lat, raw_booked = raw_run(params, jobs, threads)
            desk_wall, desk_lat, desk_booked = desk_run(database, user, order_ids, jobs, threads)
            with database.engine.connect() as conn:
                overlaps = conn.execute(
                    text(
                        "SELECT COUNT(*) FROM orders a JOIN orders b ON a.worker_id = b.worker_id "
                        "AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
                    )
                ).scalar()
            overlaps_total += int(overlaps or 0)
            raw_rate = per_run / raw_wall
            desk_rate = per_run / desk_wall
            results[threads] = (desk_rate, raw_rate)
            print(f"threads_{threads}_raw_bookings_per_s: {raw_rate:.0f}")
            print(f"threads_{threads}_raw_p50_ms: {pct(raw_lat, 0.5):.2f}")
            print(f"threads_{threads}_raw_p99_ms: {pct(raw_lat, 0.99):.2f}")
            print(f"threads_{threads}_assign_per_s: {desk_rate:.0f}")
            print(f"threads_{threads}_assign_p50_ms: {pct(desk_lat, 0.5):.2f}")
            print(f"threads_{threads}_assign_p99_ms: {pct(desk_lat, 0.99):.2f}")
            print(f"threads_{threads}_booked_raw: {raw_booked}")
            print(f"threads_{threads}_booked_assign: {desk_booked}")
            print(f"threads_{threads}_ratio: {desk_rate / raw_rate:.2f}")
            print(f"threads_{threads}_overlaps: {overlaps}")
            database.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
    admin.dispose()
    print(f"attempts_per_run: {per_run}")
    print(f"median_ratio: {statistics.median(r[0] / r[1] for r in results.values()):.2f}")
    desk16, raw16 = results[16]
    ratio = desk16 / raw16
    print(
        f"goal: assign throughput at 16 threads vs raw PyMySQL {ratio:.2f} >= 0.5: "
        f"{'met' if ratio >= 0.5 else 'NOT MET'}"
    )
    print(
        f"goal: overlaps after every run {overlaps_total} == 0: "
        f"{'met' if overlaps_total == 0 else 'NOT MET'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
