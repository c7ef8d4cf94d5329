"""Offers to workers and the grab pool (抢单).

An offer holds the worker's time (``assign(..., offer=True)``) until the worker accepts,
rejects with a reason, or the offer times out; a rejection or a timeout offers the order to
the next candidate (cascade), and after N rejections it goes to the unassigned queue with
a flag. An order opened to the grab pool can be taken by any qualified, free worker of its
district: the order's row lock makes the first grab win and every other one hear "already
taken".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import DispatchOffer, Order
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit, booking, dispatch
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.order_states import event_row, next_state
from jiazheng_desk.services.permissions import Perm, require, require_branch
from jiazheng_desk.services.settings import get_settings

OFFERS = table_of(DispatchOffer)
ORDERS = table_of(Order)


@dataclass(frozen=True)
class OfferOutcome:
    order_id: int
    state: str
    # the worker the cascade offered the order to next, if any
    next_worker_id: int | None
    in_queue: bool


def _offer_row(session: Session, offer_id: int, *, lock: bool) -> Any:
    stmt = select(OFFERS).where(OFFERS.c.id == offer_id)
    if lock:
        stmt = stmt.with_for_update()
    row = session.execute(stmt).one_or_none()
    if row is None:
        raise NotFound("offer", offer_id)
    return row


def offer(session: Session, *, order_id: int, worker_id: int, actor: Actor) -> int:
    """Offer an order to a worker, who answers in the app; returns the offer's id."""
    result = booking.assign(
        session, order_id=order_id, worker_id=worker_id, actor=actor, offer=True
    )
    assert result.offer_id is not None
    return result.offer_id


def accept_offer(session: Session, *, offer_id: int, actor: Actor) -> str:
    """The worker takes the offered order."""
    conn = session.connection()
    order = booking.lock_order(conn, _offer_row(session, offer_id, lock=False).order_id)
    row = _offer_row(session, offer_id, lock=True)
    _check_own(actor, row.worker_id)
    now = clock.now()
    if row.state != "offered" or (row.expires_at is not None and row.expires_at <= now):
        raise Conflict("offer.gone")
    conn.execute(
        update(OFFERS).where(OFFERS.c.id == offer_id).values(state="accepted", answered_at=now)
    )
    state = _move(session, order, "accept", actor, "")
    audit.record(
        session,
        actor=actor,
        action="offer.accept",
        entity="offer",
        entity_id=offer_id,
        after={"order_id": order.id},
        branch_id=order.branch_id,
    )
    return state


def reject_offer(session: Session, *, offer_id: int, actor: Actor, reason: str) -> OfferOutcome:
    """The worker says no, with a reason; the order goes to the next candidate."""
    text = (reason or "").strip()
    if not text:
        raise ValidationError("offer.reason_required", field="reason")
    row = _offer_row(session, offer_id, lock=False)
    _check_own(actor, row.worker_id)
    return _end_offer(session, offer_id, state="rejected", reason=text[:255], actor=actor)


def withdraw_offer(session: Session, *, offer_id: int, actor: Actor, reason: str = "") -> str:
    """A dispatcher takes an offer back (the order returns to the queue, no cascade)."""
    require(actor, Perm.ORDER_ASSIGN)
    outcome = _end_offer(
        session, offer_id, state="withdrawn", reason=reason, actor=actor, cascade=False
    )
    return outcome.state


def reassign(
    session: Session,
    *,
    order_id: int,
    worker_id: int,
    actor: Actor,
    offer: bool = False,
    reason: str = "",
) -> booking.AssignResult:
    """Give the order to another worker: the open offer is withdrawn (or the worker
    released) and the new one assigned in the caller's transaction, so a refusal of the new
    worker rolls back to the worker the order had."""
    require(actor, Perm.ORDER_ASSIGN)
    current = session.execute(
        select(ORDERS.c.worker_id).where(ORDERS.c.id == order_id)
    ).scalar_one_or_none()
    if current is not None:
        pending = session.scalar(
            select(OFFERS.c.id)
            .where(OFFERS.c.order_id == order_id, OFFERS.c.state == "offered")
            .order_by(OFFERS.c.id.desc())
            .limit(1)
        )
        if pending is not None:
            withdraw_offer(session, offer_id=pending, actor=actor, reason=reason)
        else:
            booking.release(session, order_id=order_id, actor=actor, reason=reason)
    return booking.assign(
        session, order_id=order_id, worker_id=worker_id, actor=actor, offer=offer, reason=reason
    )


def expire_offers(session: Session, *, actor: Actor | None = None, limit: int = 100) -> int:
    """End the offers whose time ran out and cascade each order (the jobs call this)."""
    who = actor or Actor.system()
    now = clock.now()
    due = session.scalars(
        select(OFFERS.c.id)
        .where(OFFERS.c.state == "offered", OFFERS.c.expires_at <= now)
        .order_by(OFFERS.c.expires_at)
        .limit(limit)
    ).all()
    ended = 0
    for offer_id in due:
        with session.begin_nested():
            try:
                _end_offer(session, offer_id, state="expired", reason="timeout", actor=who)
                ended += 1
            except Conflict:
                continue  # answered meanwhile
    return ended


def _end_offer(
    session: Session,
    offer_id: int,
    *,
    state: str,
    reason: str,
    actor: Actor,
    cascade: bool = True,
) -> OfferOutcome:
    conn = session.connection()
    order = booking.lock_order(conn, _offer_row(session, offer_id, lock=False).order_id)
    row = _offer_row(session, offer_id, lock=True)
    if row.state != "offered":
        raise Conflict("offer.gone")
    now = clock.now()
    conn.execute(
        update(OFFERS)
        .where(OFFERS.c.id == offer_id)
        .values(state=state, reason=reason, answered_at=now)
    )
    system = Actor.system(source=actor.source, name=actor.name)
    booking.release(session, order_id=order.id, actor=system, reason=f"{state}: {reason}")
    rejections = order.rejections + 1 if state in ("rejected", "expired") else order.rejections
    conn.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(rejections=rejections))
    audit.record(
        session,
        actor=actor,
        action=f"offer.{state}",
        entity="offer",
        entity_id=offer_id,
        after={"order_id": order.id, "reason": reason},
        branch_id=order.branch_id,
    )
    if not cascade:
        return OfferOutcome(order.id, "confirmed", None, False)
    limit = int(
        get_settings(session, ["dispatch.max_rejections"], branch_id=order.branch_id)[
            "dispatch.max_rejections"
        ]
    )
    if rejections >= limit:
        dispatch.mark_exception(session, order_id=order.id, reason="rejected", actor=system)
        return OfferOutcome(order.id, "confirmed", None, True)
    tried = _offered_workers(session, order.id)
    fresh = session.get(Order, order.id, populate_existing=True)
    assert fresh is not None
    for candidate in dispatch._order_candidates(
        session,
        fresh,
        limit=5,
        exclude_workers=tuple(tried),
    ):
        try:
            with session.begin_nested():
                booking.assign(
                    session,
                    order_id=order.id,
                    worker_id=candidate.worker_id,
                    actor=system,
                    offer=True,
                    reason="cascade",
                )
        except booking.WorkerNotAvailable:
            continue
        return OfferOutcome(order.id, "offered", candidate.worker_id, False)
    dispatch.mark_exception(session, order_id=order.id, reason="no_worker", actor=system)
    return OfferOutcome(order.id, "confirmed", None, True)


def _offered_workers(session: Session, order_id: int) -> set[int]:
    return {
        int(w)
        for w in session.scalars(
            select(OFFERS.c.worker_id).where(OFFERS.c.order_id == order_id)
        ).all()
    }


def _check_own(actor: Actor, worker_id: int) -> None:
    if actor.kind == "worker" and actor.id != worker_id:
        raise PermissionDenied("offer.not_yours")
    if actor.is_staff:
        require(actor, Perm.ORDER_ASSIGN)


def _move(session: Session, order: Any, event: str, actor: Actor, reason: str) -> str:
    state = next_state(order.state, event)
    now = clock.now()
    conn = session.connection()
    conn.execute(update(ORDERS).where(ORDERS.c.id == order.id).values(state=state, updated_at=now))
    conn.execute(
        booking.EVENTS.insert(), event_row(order.id, event, order.state, state, actor, now, reason)
    )
    return state


# --- the grab pool ---------------------------------------------------------------------


def open_pool(session: Session, *, order_id: int, actor: Actor) -> None:
    """Open an unassigned order to every qualified worker of its district."""
    require(actor, Perm.ORDER_ASSIGN)
    order = booking.lock_order(session.connection(), order_id)
    require_branch(actor, order.branch_id)
    if order.worker_id is not None:
        raise Conflict("booking.already_assigned", order_no=order.order_no)
    session.execute(
        update(ORDERS).where(ORDERS.c.id == order_id).values(pool_open=True, updated_at=clock.now())
    )
    audit.record(
        session,
        actor=actor,
        action="order.pool_open",
        entity="order",
        entity_id=order_id,
        branch_id=order.branch_id,
    )


def grab(session: Session, *, order_id: int, actor: Actor) -> booking.AssignResult:
    """A worker grabs a pool order: the first one wins, the others hear "already taken"."""
    if actor.kind != "worker" or actor.id is None:
        raise PermissionDenied("offer.not_yours")
    order = booking.lock_order(session.connection(), order_id)
    if order.worker_id is not None:
        raise Conflict("pool.taken")
    pooled = session.scalar(select(ORDERS.c.pool_open).where(ORDERS.c.id == order_id))
    if not pooled:
        raise Conflict("pool.closed")
    return booking.assign(session, order_id=order_id, worker_id=actor.id, actor=actor, event="grab")


def list_pool(session: Session, *, actor: Actor, now: datetime | None = None) -> list[int]:
    """Pool orders this worker is qualified and free for (taken ones disappear)."""
    if actor.kind != "worker" or actor.id is None:
        raise PermissionDenied("offer.not_yours")
    moment = now or clock.now()
    ids = session.scalars(
        select(ORDERS.c.id)
        .where(
            ORDERS.c.pool_open.is_(True),
            ORDERS.c.worker_id.is_(None),
            ORDERS.c.starts_at > moment,
            ORDERS.c.state.in_(("created", "confirmed")),
        )
        .order_by(ORDERS.c.starts_at)
        .limit(200)
    ).all()
    out = []
    for order_id in ids:
        order = session.get(Order, order_id, populate_existing=True)
        assert order is not None
        found = dispatch._order_candidates(session, order, limit=1000)
        if any(c.worker_id == actor.id for c in found):
            out.append(int(order_id))
    return out
