"""Rows/s of ``jiazheng-desk demo`` on MySQL beside raw PyMySQL ``executemany`` of the same rows.

    python -m benchmarks.demo_load [--quick] [--seed N]

The demo writes into one scratch database (``--quick``: scale small, else large); its rows
are then read back table by table and inserted with raw PyMySQL ``cursor.executemany``,
in the demo's chunk size and about its rows per commit, into a second freshly migrated
database. Only the raw inserts and commits are timed; the demo is timed whole (planning,
dressing the rows, SQLAlchemy, inserts, password hashing). The server comes from
``JIAZHENG_BENCH_MYSQL_URL`` (default the local MariaDB); the scratch databases
``jiazheng_bench_<hex>`` are dropped at the end, also on failure.

``demo_insert_cursor_seconds`` is the demo's time inside the driver's ``executemany`` of
INSERTs (PyMySQL escaping plus the server); ``demo_other_seconds`` is the rest: planning,
dressing rows (partly overlapped with the inserts), SQLAlchemy's parameter processing,
commits and password hashing. The bulk rows are what the goal compares; the areas' data
the demo then writes through the services (vetting cases, quality, training, finance …)
is timed after the raw copy and printed as ``areas_rows`` / ``areas_seconds``.
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter
from typing import Any

import pymysql
import pymysql.cursors
from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, make_url

from jiazheng_desk.db import make_engine
from jiazheng_desk.demo import generate
from jiazheng_desk.demo.areas import seed_areas
from jiazheng_desk.demo.generate import DEMO_TABLES
from jiazheng_desk.demo.writer import CHUNK_ROWS, COMMIT_ROWS
from jiazheng_desk.schema import upgrade
from jiazheng_desk.services import pii

DEFAULT_SERVER = "mysql+pymysql://root@127.0.0.1:3306/test"
GOAL = 0.5
# the session the project's engine sets up (db.py), so both sides run under the same rules
INIT_COMMAND = (
    "SET time_zone='+00:00', "
    "sql_mode='STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"
)


def _connect(url: URL, database: str | None, **kw: Any) -> pymysql.Connection[Any]:
    conn = pymysql.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 3306,
        user=url.username or "root",
        password=url.password or "",
        database=database,
        charset="utf8mb4",
        init_command=INIT_COMMAND,
        **kw,
    )
    with conn.cursor() as cur:
        cur.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
    return conn


@contextmanager
def scratch_databases(server: URL, count: int) -> Iterator[list[str]]:
    """Create empty utf8mb4 databases and drop them afterwards, whatever happens."""
    names: list[str] = []
    admin = _connect(server, None, autocommit=True)
    try:
        with admin.cursor() as cur:
            for _ in range(count):
                name = f"jiazheng_bench_{uuid.uuid4().hex[:10]}"
                cur.execute(
                    f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                )
                names.append(name)
        yield names
    finally:
        with admin.cursor() as cur:
            for name in names:
                cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        admin.close()


class InsertTimer:
    """Wall time the demo's engine spends in cursor calls of INSERT statements."""

    def __init__(self, engine: Engine) -> None:
        self.seconds = 0.0
        self._started = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, _conn: Any, _cur: Any, statement: str, *_args: Any) -> None:
        self._started = perf_counter()

    def _after(self, _conn: Any, _cur: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT"):
            self.seconds += perf_counter() - self._started


def raw_load(server: URL, source: str, target: str) -> tuple[int, float]:
    """Copy the demo's rows with raw ``executemany``; time only the inserts and commits."""
    src = _connect(server, source, cursorclass=pymysql.cursors.SSCursor)
    dst = _connect(server, target)
    rows_total, seconds = 0, 0.0
    try:
        for table in DEMO_TABLES:
            with src.cursor() as read, dst.cursor() as write:
                read.execute(f"SELECT * FROM `{table}`")
                columns = [d[0] for d in read.description]
                sql = (
                    f"INSERT INTO `{table}` ({', '.join(f'`{c}`' for c in columns)}) "
                    f"VALUES ({', '.join(['%s'] * len(columns))})"
                )
                while block := read.fetchmany(COMMIT_ROWS):
                    started = perf_counter()
                    for i in range(0, len(block), CHUNK_ROWS):
                        write.executemany(sql, block[i : i + CHUNK_ROWS])
                    dst.commit()
                    seconds += perf_counter() - started
                    rows_total += len(block)
    finally:
        src.close()
        dst.close()
    return rows_total, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="scale small (under a minute)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    server = make_url(os.environ.get("JIAZHENG_BENCH_MYSQL_URL", DEFAULT_SERVER))
    scale = "small" if args.quick else "large"
    print(f"scale: {scale}")
    with scratch_databases(server, 2) as (demo_db, raw_db):
        engines = [make_engine(server.set(database=name)) for name in (demo_db, raw_db)]
        try:
            for engine in engines:
                upgrade(engine)
            timer = InsertTimer(engines[0])
            started = perf_counter()
            result = generate(
                engines[0],
                seed=args.seed,
                scale=scale,
                progress=lambda msg: print(f"  {msg}", file=sys.stderr, flush=True),
                areas=False,
            )
            demo_seconds = perf_counter() - started
            insert_seconds = timer.seconds  # the areas' inserts below are not the bulk load
            demo_rows = sum(result.counts.values())
            raw_rows, raw_seconds = raw_load(server, demo_db, raw_db)
            # then what `jiazheng-desk demo` writes after the bulk rows: the areas' data,
            # through their services (rules, audit rows) — timed apart, not a bulk load
            pii.configure(pii.new_key())
            started = perf_counter()
            seeded = seed_areas(engines[0], args.seed)
            areas_seconds = perf_counter() - started
        finally:
            for engine in engines:
                engine.dispose()
    if raw_rows != demo_rows:
        raise SystemExit(f"the raw copy has {raw_rows} rows, the demo wrote {demo_rows}")
    demo_rate = demo_rows / demo_seconds
    raw_rate = raw_rows / raw_seconds
    ratio = demo_rate / raw_rate
    figures = {
        "demo_rows": demo_rows,
        "demo_orders": result.counts["orders"],
        "demo_seconds": f"{demo_seconds:.1f}",
        "demo_insert_cursor_seconds": f"{insert_seconds:.1f}",
        "demo_other_seconds": f"{demo_seconds - insert_seconds:.1f}",
        "demo_rows_per_s": f"{demo_rate:.0f}",
        "raw_rows": raw_rows,
        "raw_seconds": f"{raw_seconds:.1f}",
        "raw_rows_per_s": f"{raw_rate:.0f}",
        "areas_rows": sum(seeded.values()),
        "areas_seconds": f"{areas_seconds:.1f}",
        "ratio": f"{ratio:.2f}",
    }
    for name, value in figures.items():
        print(f"{name}: {value}")
    verdict = "met" if ratio >= GOAL else "NOT MET"
    print(f"goal: demo rows/s vs raw executemany {ratio:.2f} >= {GOAL}: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
