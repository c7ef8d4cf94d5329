"""How many statements a phone booking costs: the booking path is kept short on purpose.

Every statement is a round trip to a shared MySQL over a branch office's link, and most of
them are made while the worker's row is locked (``booking.assign``), so each one added
slows every other booking of that worker. The figures are what the path needs today; a
change that needs more must say why here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import event

from jiazheng_desk import clock
from jiazheng_desk.services import orders
from tests.booking_factories import local, make_customer, make_worker, make_world
from tests.factories import actor, make_staff

DAY = date(2026, 11, 23)
# a booking with a chosen worker: the place, the quote, the order, the worker's lock and
# checks, the event and audit rows, the detail read back
MOST_STATEMENTS = 15
# the test's own transaction wraps the booking in savepoints; they are not the booking's
NOT_COUNTED = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@contextmanager
def counted(connection) -> Iterator[list[str]]:
    seen: list[str] = []

    def before(_conn, _cursor, statement, _params, _context, _many):
        if not statement.lstrip().upper().startswith(NOT_COUNTED):
            seen.append(statement)

    event.listen(connection, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(connection, "before_cursor_execute", before)


def test_a_booking_with_a_chosen_worker_stays_within_its_round_trips(db):
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    world = make_world(db)
    who = actor(make_staff(db, role="dispatcher", branch=world.branch))
    worker = make_worker(db, world)
    _customer, address = make_customer(db, world)

    def book(hour: int):
        return orders.book(
            db,
            actor=who,
            customer_id=address.customer_id,
            address_id=address.id,
            item_id=world.item.id,
            units=2,
            starts_at=local(DAY, hour),
            worker_id=worker.id,
        )

    book(8)  # the first one fills the settings and catalogue caches
    with counted(db.connection()) as statements:
        detail = book(13)
    assert detail.worker_id == worker.id and detail.state == "accepted"
    assert len(statements) <= MOST_STATEMENTS, "\n".join(statements)
