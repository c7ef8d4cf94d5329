"""No worker is ever booked twice, with real threads against the real databases.

The control: the same race with the worker lock taken out (MariaDB) does book twice, so
the first test could fail if the lock stopped working.
"""

from __future__ import annotations

import random
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from jiazheng_desk import clock
from jiazheng_desk.services import booking, fit
from jiazheng_desk.services.booking import WorkerNotAvailable
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.factories import actor, make_staff

DAY = date(2026, 11, 23)
THREADS = 16

OVERLAPS = text(
    "SELECT COUNT(*) FROM orders a JOIN orders b ON a.worker_id = b.worker_id AND a.id < b.id "
    "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
    "WHERE a.state NOT IN ('cancelled', 'refunded') AND b.state NOT IN ('cancelled', 'refunded')"
)


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))


def _run(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)


def _setup(database, *, workers: int, orders: int, same_window: bool):
    rng = random.Random(7)
    with database.session(write=True) as s:
        world = make_world(s)
        who = actor(make_staff(s, role="dispatcher", branch=world.branch))
        crew = [make_worker(s, world).id for _ in range(workers)]
        _, address = make_customer(s, world)
        order_ids = []
        for _ in range(orders):
            start = (
                local(DAY, 10)
                if same_window
                else local(DAY, 8) + timedelta(minutes=30 * rng.randrange(0, 20))
            )
            order_ids.append(make_order(s, world, start, minutes=120, address=address).id)
    return who, crew, order_ids


def _book_all(database, who, crew, order_ids, *, rng_seed: int):
    outcome = {"booked": 0, "refused": 0, "errors": []}
    lock = threading.Lock()
    chunks = [order_ids[i::THREADS] for i in range(THREADS)]

    def worker_thread(mine: list[int], seed: int) -> None:
        rng = random.Random(seed)
        for order_id in mine:
            try:
                with database.session(write=True) as s:
                    booking.assign(s, order_id=order_id, worker_id=rng.choice(crew), actor=who)
                with lock:
                    outcome["booked"] += 1
            except WorkerNotAvailable:
                with lock:
                    outcome["refused"] += 1
            except Exception as exc:
                with lock:
                    outcome["errors"].append(repr(exc))

    _run(
        [
            threading.Thread(target=worker_thread, args=(c, rng_seed + i))
            for i, c in enumerate(chunks)
        ]
    )
    return outcome


def _overlaps(database) -> int:
    with database.session() as s:
        return int(s.execute(OVERLAPS).scalar())


def test_sixteen_threads_on_fifty_workers_never_double_book(live_db):
    who, crew, order_ids = _setup(live_db, workers=50, orders=THREADS * 30, same_window=False)
    outcome = _book_all(live_db, who, crew, order_ids, rng_seed=11)
    assert outcome["errors"] == []
    assert outcome["booked"] > 50 and outcome["refused"] > 0  # the race really happened
    assert _overlaps(live_db) == 0


def test_one_worker_one_window_sixteen_dispatchers_one_wins(live_db):
    who, crew, order_ids = _setup(live_db, workers=1, orders=THREADS, same_window=True)
    outcome = _book_all(live_db, who, crew, order_ids, rng_seed=3)
    assert outcome["errors"] == []
    assert (outcome["booked"], outcome["refused"]) == (1, THREADS - 1)
    assert _overlaps(live_db) == 0


@pytest.mark.mysql_only
def test_without_the_worker_lock_the_same_race_double_books(mysql_live_db, monkeypatch):
    """The lock is what prevents double bookings: take it out and they appear."""
    who, crew, order_ids = _setup(mysql_live_db, workers=1, orders=THREADS, same_window=True)
    everyone_checked = threading.Barrier(THREADS, timeout=20)
    real_facts = fit.worker_facts
    real_problems = fit.booking_problems

    def facts_without_lock(conn, worker_id, req, window, *, lock, **kw):
        return real_facts(conn, worker_id, req, window, lock=False, **kw)

    def problems_then_wait(*args, **kwargs):
        found = real_problems(*args, **kwargs)
        everyone_checked.wait()  # every thread has checked before any writes
        return found

    monkeypatch.setattr(fit, "worker_facts", facts_without_lock)
    monkeypatch.setattr(fit, "booking_problems", problems_then_wait)
    outcome = _book_all(mysql_live_db, who, crew, order_ids, rng_seed=3)
    assert outcome["errors"] == []
    assert outcome["booked"] == THREADS
    assert _overlaps(mysql_live_db) > 0
