"""Dispatch: candidates for an order, free slots for a service, and auto-dispatch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import CustomerAddress, District, Order, ServiceItem
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit, booking, fit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.availability import Candidate, Slot, find_candidates, find_free_slots
from jiazheng_desk.services.errors import NotFound, ValidationError
from jiazheng_desk.services.geo import LatLng
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import get_branch_timezone, local_day

ORDERS = table_of(Order)


def candidates(
    session: Session,
    *,
    order_id: int,
    actor: Actor,
    limit: int = 20,
    exclude_workers: tuple[int, ...] = (),
) -> list[Candidate]:
    """Qualified, free workers for an order, best first, with their reasons."""
    require(actor, Perm.ORDER_VIEW)
    order = session.get(Order, order_id, populate_existing=True)
    if order is None:
        raise NotFound("order", order_id)
    require_branch(actor, order.branch_id)
    return _order_candidates(session, order, limit=limit, exclude_workers=exclude_workers)


def _order_candidates(
    session: Session, order: Order, *, limit: int, exclude_workers: tuple[int, ...] = ()
) -> list[Candidate]:
    tz = get_branch_timezone(session, order.branch_id)
    conn = session.connection()
    req = fit.requirement(conn, item_id=order.item_id, district_id=order.district_id)
    where = (
        LatLng(order.lat, order.lng) if order.lat is not None and order.lng is not None else None
    )
    window = fit.Window(order.starts_at, order.ends_at, where, tz)
    return find_candidates(
        session,
        req=req,
        window=window,
        branch_id=order.branch_id,
        customer_id=order.customer_id,
        exclude_order_id=order.id,
        exclude_workers=exclude_workers,
        limit=limit,
    )


@dataclass(frozen=True)
class SlotQuery:
    """What the free-slot search needs: the service and where it happens."""

    branch_id: int
    item_id: int
    district_id: int
    where: LatLng | None
    minutes: int


def slot_query_for(session: Session, *, address_id: int, item_id: int, minutes: int) -> SlotQuery:
    """The branch, district and place of an address, for a service of ``minutes``."""
    row = session.execute(
        select(
            CustomerAddress.district_id,
            CustomerAddress.lat,
            CustomerAddress.lng,
            District.branch_id,
        )
        .join(District, District.id == CustomerAddress.district_id)
        .where(CustomerAddress.id == address_id, CustomerAddress.deleted_at.is_(None))
    ).one_or_none()
    if row is None:
        raise NotFound("address", address_id)
    if session.get(ServiceItem, item_id) is None:
        raise NotFound("item", item_id)
    return SlotQuery(
        branch_id=int(row.branch_id),
        item_id=item_id,
        district_id=int(row.district_id),
        where=LatLng(row.lat, row.lng),
        minutes=minutes,
    )


def free_slots(
    session: Session,
    *,
    query: SlotQuery,
    first_day: date | None = None,
    days: int = 14,
) -> list[Slot]:
    """Windows of the next ``days`` days with how many qualified workers are free, stepped
    by the branch's ``booking.slot_step_minutes``."""
    if not 1 <= days <= 62:
        raise ValidationError("dispatch.bad_days", field="days", max=62)
    tz = get_branch_timezone(session, query.branch_id)
    step = get_settings(session, ["booking.slot_step_minutes"], branch_id=query.branch_id)[
        "booking.slot_step_minutes"
    ]
    conn = session.connection()
    req = fit.requirement(conn, item_id=query.item_id, district_id=query.district_id)
    first = first_day or local_day(clock.now(), tz)
    return find_free_slots(
        session,
        req=req,
        branch_id=query.branch_id,
        where=query.where,
        tz=tz,
        minutes=query.minutes,
        first_day=first,
        days=days,
        step_minutes=int(step),
    )


@dataclass(frozen=True)
class AutoResult:
    order_id: int
    worker_id: int | None
    worker_name: str
    state: str
    tried: int


def auto_dispatch(
    session: Session, *, order_id: int, actor: Actor, offer: bool = False
) -> AutoResult:
    """Give an order its best candidate; with none, park it in the exceptions queue.

    Candidates are found without locks; ``assign`` checks again under the worker's lock,
    so a candidate booked a moment ago by someone else is skipped for the next one.
    """
    require(actor, Perm.ORDER_ASSIGN)
    order = session.get(Order, order_id, populate_existing=True)
    if order is None:
        raise NotFound("order", order_id)
    require_branch(actor, order.branch_id)
    tried = 0
    for candidate in _order_candidates(session, order, limit=5):
        tried += 1
        try:
            with session.begin_nested():
                result = booking.assign(
                    session,
                    order_id=order_id,
                    worker_id=candidate.worker_id,
                    actor=actor,
                    offer=offer,
                    reason="auto",
                )
        except booking.WorkerNotAvailable:
            continue
        return AutoResult(order_id, result.worker_id, result.worker_name, result.state, tried)
    mark_exception(session, order_id=order_id, reason="no_worker", actor=actor)
    return AutoResult(order_id, None, "", order.state, tried)


def mark_exception(session: Session, *, order_id: int, reason: str, actor: Actor) -> None:
    """Put an order in the exceptions queue (no worker found, rejected, no-show…)."""
    now = clock.now()
    session.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order_id)
        .values(exception_reason=reason, exception_at=now, updated_at=now)
    )
    audit.record(
        session,
        actor=actor,
        action="order.exception",
        entity="order",
        entity_id=order_id,
        after={"exception": reason},
    )


def clear_exception(session: Session, *, order_id: int, actor: Actor) -> None:
    """Take an order out of the exceptions queue (it was dealt with)."""
    require(actor, Perm.ORDER_ASSIGN)
    order = session.get(Order, order_id, populate_existing=True)
    if order is None:
        raise NotFound("order", order_id)
    require_branch(actor, order.branch_id)
    before = order.exception_reason
    session.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order_id)
        .values(exception_reason="", exception_at=None, updated_at=clock.now())
    )
    audit.record(
        session,
        actor=actor,
        action="order.exception_cleared",
        entity="order",
        entity_id=order_id,
        before={"exception": before},
        branch_id=order.branch_id,
    )


def list_unassigned(session: Session, *, branch_id: int, day: date) -> list[int]:
    """Orders of a branch's day that still need a worker, earliest first."""
    return list(
        session.scalars(
            select(ORDERS.c.id)
            .where(
                ORDERS.c.branch_id == branch_id,
                ORDERS.c.service_day == day,
                ORDERS.c.worker_id.is_(None),
                ORDERS.c.state.in_(("created", "confirmed")),
            )
            .order_by(ORDERS.c.starts_at, ORDERS.c.id)
        ).all()
    )


def auto_dispatch_day(
    session: Session, *, branch_id: int, day: date, actor: Actor, offer: bool = False
) -> list[AutoResult]:
    """Auto-dispatch every unassigned order of a branch's day, earliest first."""
    require(actor, Perm.ORDER_ASSIGN, branch_id=branch_id)
    return [
        auto_dispatch(session, order_id=oid, actor=actor, offer=offer)
        for oid in list_unassigned(session, branch_id=branch_id, day=day)
    ]
