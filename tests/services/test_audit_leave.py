"""Every mutation of the leave requests' services writes its audit row (see test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from jiazheng_desk import clock
from jiazheng_desk.services import leave_requests, schedules
from tests.booking_factories import local, make_worker, make_world
from tests.factories import actor, make_staff
from tests.services.audit_support import audit_rows
from tests.worker_factories import worker_actor

DAY = date(2026, 11, 25)


def _cases(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    world = make_world(db)
    staff = actor(make_staff(db, role="dispatcher", branch=world.branch))
    worker = make_worker(db, world)

    def requested() -> int:
        return schedules.add_leave(
            db,
            worker_id=worker.id,
            actor=worker_actor(worker),
            starts_at=local(DAY, 0),
            ends_at=local(DAY, 23),
            reason="看病",
        ).id

    return {
        "leave_requests.approve_leave_request": (
            lambda: leave_requests.approve_leave_request(db, actor=staff, leave_id=requested()),
            "worker.leave_approve",
        ),
        "leave_requests.refuse_leave_request": (
            lambda: leave_requests.refuse_leave_request(
                db, actor=staff, leave_id=requested(), reason="人手不够"
            ),
            "worker.leave_reject",
        ),
    }


LEAVE_MUTATIONS = [
    "leave_requests.approve_leave_request",
    "leave_requests.refuse_leave_request",
]
LEAVE_READS: set[str] = set()


@pytest.mark.parametrize("name", LEAVE_MUTATIONS)
def test_every_leave_mutation_writes_an_audit_row(db, name):
    clock.freeze(local(date(2026, 11, 20), 9))
    call, action = _cases(db)[name]

    before = audit_rows(db, action)
    call()
    assert audit_rows(db, action) == before + 1
