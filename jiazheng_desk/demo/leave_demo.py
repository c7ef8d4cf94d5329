"""Demo leave requests, through the services: workers ask for leave in the app (a few
days to three weeks ahead), some get a booking inside afterwards (a request blocks
nothing until approved, so the desk shows the clash), and a few are already decided.

Counts are capped per branch so the large demo seeds this in a moment.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Branch, Order, StaffUser, Worker
from jiazheng_desk.services import dispatch, leave_requests, offers, schedules
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.auth import actor_for
from jiazheng_desk.services.errors import DomainError
from jiazheng_desk.services.timeutil import day_start_utc, local_day

REQUESTS_PER_BRANCH = 6
CLASHES_PER_BRANCH = 2
WORKERS_TRIED = 40
ORDERS_TRIED = 30
REASONS = (
    "孩子开家长会",
    "回老家办事",
    "去医院复查",
    "家里老人住院，需要陪护",
    "办理社保手续",
    "亲戚结婚",
)
REFUSALS = ("那几天订单多、人手紧张，请改到下周", "请提前一周申请")


def _worker_actor(session: Session, worker_id: int) -> Actor:
    w = session.get(Worker, worker_id)
    assert w is not None
    return Actor(kind="worker", id=w.id, name=w.name, branch_id=w.branch_id, source="api")


def _request(session: Session, worker_id: int, first: datetime, days: int, reason: str) -> int:
    """Whole days asked for in the app (refused when the worker is booked then)."""
    return schedules.add_leave(
        session,
        worker_id=worker_id,
        actor=_worker_actor(session, worker_id),
        starts_at=first,
        ends_at=first + timedelta(days=days),
        reason=reason,
    ).id


def _ask(session: Session, worker_id: int, first: datetime, days: int, reason: str) -> int | None:
    try:
        with session.begin_nested():
            return _request(session, worker_id, first, days, reason)
    except DomainError:
        return None


def _branch(session: Session, rng: random.Random, branch_id: int, tz: str, boss: Actor) -> int:
    written = 0
    today = local_day(clock.now(), tz)
    # requests over free days
    workers = session.scalars(
        select(Worker.id)
        .where(Worker.branch_id == branch_id, Worker.status == "active")
        .order_by(Worker.id)
        .limit(WORKERS_TRIED)
    ).all()
    asked: list[int] = []
    for worker_id in rng.sample(list(workers), len(workers)):
        if len(asked) >= REQUESTS_PER_BRANCH:
            break
        first = day_start_utc(today + timedelta(days=rng.randint(3, 21)), tz)
        leave_id = _ask(session, worker_id, first, rng.choice((1, 1, 2, 3)), rng.choice(REASONS))
        if leave_id is not None:
            asked.append(leave_id)
            written += 1
    # a booking lands inside a request afterwards: the desk must see the clash
    orders = session.scalars(
        select(Order.id)
        .where(
            Order.branch_id == branch_id,
            Order.kind == "visit",
            Order.state.in_(("confirmed", "accepted")),
            Order.starts_at >= day_start_utc(today + timedelta(days=2), tz),
            Order.starts_at < day_start_utc(today + timedelta(days=14), tz),
        )
        .order_by(Order.starts_at)
        .limit(ORDERS_TRIED)
    ).all()
    clashes = 0
    for order_id in orders:
        if clashes >= CLASHES_PER_BRANCH:
            break
        order = session.get(Order, order_id)
        assert order is not None
        found = dispatch.candidates(session, order_id=order_id, actor=boss, limit=5)
        for candidate in found:
            if candidate.worker_id == order.worker_id:
                continue
            day = day_start_utc(local_day(order.starts_at, tz), tz)
            try:
                with session.begin_nested():
                    _request(session, candidate.worker_id, day, 1, rng.choice(REASONS))
                    offers.reassign(
                        session, order_id=order_id, worker_id=candidate.worker_id, actor=boss
                    )
            except DomainError:
                continue
            clashes += 1
            written += 2
            break
    # a few already decided, so "all" shows approvals and refusals
    for n, leave_id in enumerate(asked[:2]):
        try:
            with session.begin_nested():
                if n == 0:
                    leave_requests.approve_leave_request(session, actor=boss, leave_id=leave_id)
                else:
                    leave_requests.refuse_leave_request(
                        session, actor=boss, leave_id=leave_id, reason=rng.choice(REFUSALS)
                    )
        except DomainError:
            continue
        written += 1
    return written


def seed(session: Session, rng: random.Random) -> int:
    """Leave requests from the workers' app, some with bookings inside; rows written."""
    written = 0
    rows = session.execute(
        select(Branch.id, Branch.timezone).where(Branch.is_active.is_(True)).order_by(Branch.id)
    ).all()
    for branch_id, tz in rows:
        boss_user = session.scalars(
            select(StaffUser)
            .where(
                StaffUser.branch_id == branch_id,
                StaffUser.role.in_(("branch_manager", "dispatcher")),
                StaffUser.is_active.is_(True),
            )
            .order_by(StaffUser.role, StaffUser.id)
            .limit(1)
        ).first()
        if boss_user is None:
            continue
        written += _branch(session, rng, branch_id, tz, actor_for(boss_user))
    return written
