"""Writing the demo: Core multi-row inserts in chunks, and dressing rows one batch ahead."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from time import perf_counter
from typing import Any, TypeVar

from sqlalchemy import Engine, bindparam, update

from jiazheng_desk.db import WRITE_OPTION
from jiazheng_desk.demo.rows import Row
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Base

# rows per INSERT statement (PyMySQL turns each executemany into multi-row INSERTs)
CHUNK_ROWS = 5_000
# about this many rows per transaction
COMMIT_ROWS = 50_000
T = TypeVar("T")


class Writer:
    """Core multi-row inserts in chunks, one transaction per group; counts rows and time."""

    def __init__(self, engine: Engine, say: Callable[[str], None]) -> None:
        # on SQLite this makes the transaction BEGIN IMMEDIATE
        self.engine = engine.execution_options(**{WRITE_OPTION: True})
        self.say = say
        self.counts: dict[str, int] = {}
        self.insert_seconds = 0.0

    def write(self, groups: Iterable[tuple[str, list[Row]]]) -> None:
        """Insert each table's rows, in order, in one transaction."""
        tables = Base.metadata.tables
        started = perf_counter()
        with self.engine.begin() as conn:
            for name, rows in groups:
                self.counts[name] = self.counts.get(name, 0) + len(rows)
                if not rows:
                    continue
                table = tables[name]
                odd = set(table.c.keys()) ^ set(rows[0])
                if odd:
                    raise RuntimeError(f"demo rows of {name} do not match its columns: {odd}")
                stmt = table.insert()
                for i in range(0, len(rows), CHUNK_ROWS):
                    conn.execute(stmt, rows[i : i + CHUNK_ROWS])
        self.insert_seconds += perf_counter() - started

    def set_passwords(self, hashes: list[tuple[int, str]]) -> None:
        """Put the staff's real password hashes in place of the pending ones."""
        table = Base.metadata.tables["staff_user"]
        stmt = (
            update(table)
            .where(table.c.id == bindparam("staff_id"))
            .values(password_hash=bindparam("hash"))
        )
        with self.engine.begin() as conn:
            conn.execute(stmt, [{"staff_id": i, "hash": h} for i, h in hashes])

    def stream(self, rows: Iterable[tuple[str, Row]]) -> None:
        """Insert (table, row) pairs as they come, a transaction every ``COMMIT_ROWS``."""
        groups: list[tuple[str, list[Row]]] = []
        current, pending = "", 0
        buf: list[Row] = []
        for name, row in rows:
            if name != current:
                if buf:
                    groups.append((current, buf))
                current, buf = name, []
            buf.append(row)
            pending += 1
            if pending >= COMMIT_ROWS:
                self.write([*groups, (current, buf)])
                self.say(t("demo.progress.rows", table=current, rows=self.counts[current]))
                groups, buf, pending = [], [], 0
        if buf:
            groups.append((current, buf))
        self.write(groups)


def ahead(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """Produce ``items`` in a thread, up to ``depth`` ahead of the consumer.

    The next batch of orders is dressed while the database works on the current one: the
    driver waits on its socket without holding the GIL.
    """
    box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(message: tuple[str, Any]) -> bool:
        # gives up once the consumer has stopped listening, so the thread always ends
        while not stop.is_set():
            try:
                box.put(message, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer(("item", item)):
                    return
            offer(("done", None))
        except BaseException as exc:  # handed to the consumer, raised there
            offer(("error", exc))

    thread = threading.Thread(target=produce, name="demo-rows", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = box.get()
            if kind == "done":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        thread.join()
