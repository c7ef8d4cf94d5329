"""The worker's side of dispatch: their offers, the grab pool, and answers to both.

The rules of offers and grabbing live in ``offers`` and ``booking``; this module adds what
the app needs around them: lists shaped for a phone, and the privacy rule of the apps —
another worker's offer is "not found", never "not yours", so offer numbers reveal nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import DispatchOffer, District, Order, OrderEvent, ServiceItem
from jiazheng_desk.services import offers
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import NotFound, PermissionDenied

# answered offers shown under the open ones (the worker's recent history)
RECENT_ANSWERED = 50


@dataclass(frozen=True)
class OfferItem:
    offer_id: int
    order_id: int
    order_no: str
    # offered | accepted | rejected | expired | withdrawn
    state: str
    reason: str
    offered_at: datetime
    expires_at: datetime | None
    item_name: str
    kind: str
    units: int
    district_name: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class PoolItem:
    order_id: int
    order_no: str
    item_name: str
    kind: str
    units: int
    district_name: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Answer:
    offer_id: int
    order_id: int
    # accepted | rejected
    state: str


@dataclass(frozen=True)
class Grabbed:
    order_id: int
    order_no: str
    state: str
    starts_at: datetime
    ends_at: datetime


def _worker_id(actor: Actor) -> int:
    if actor.kind != "worker" or actor.id is None:
        raise PermissionDenied("offer.not_yours")
    return actor.id


def _own_offer_order(session: Session, actor: Actor, offer_id: int) -> int:
    """The order of one of this worker's offers; anyone else's offer does not exist."""
    row = session.execute(
        select(DispatchOffer.worker_id, DispatchOffer.order_id).where(DispatchOffer.id == offer_id)
    ).one_or_none()
    if row is None or row.worker_id != _worker_id(actor):
        raise NotFound("offer", offer_id)
    return int(row.order_id)


def list_offers(session: Session, *, actor: Actor, answered: bool = False) -> list[OfferItem]:
    """The worker's open offers, soonest first; with ``answered``, the recent others too."""
    worker_id = _worker_id(actor)
    now = clock.now()
    live = (DispatchOffer.state == "offered") & or_(
        DispatchOffer.expires_at.is_(None), DispatchOffer.expires_at > now
    )
    stmt = (
        select(
            DispatchOffer.id,
            Order.id,
            Order.order_no,
            DispatchOffer.state,
            DispatchOffer.reason,
            DispatchOffer.offered_at,
            DispatchOffer.expires_at,
            ServiceItem.name,
            Order.kind,
            Order.units,
            District.name,
            Order.starts_at,
            Order.ends_at,
        )
        .join(Order, Order.id == DispatchOffer.order_id)
        .join(ServiceItem, ServiceItem.id == Order.item_id)
        .join(District, District.id == Order.district_id)
        .where(DispatchOffer.worker_id == worker_id)
    )
    open_rows = session.execute(stmt.where(live).order_by(Order.starts_at)).all()
    rows = list(open_rows)
    if answered:
        rows += session.execute(
            stmt.where(~live)
            .order_by(DispatchOffer.offered_at.desc(), DispatchOffer.id.desc())
            .limit(RECENT_ANSWERED)
        ).all()
    return [
        OfferItem(
            offer_id=int(r[0]),
            order_id=int(r[1]),
            order_no=r[2],
            state=r[3],
            reason=r[4],
            offered_at=r[5],
            expires_at=r[6],
            item_name=r[7],
            kind=r[8],
            units=int(r[9]),
            district_name=r[10],
            starts_at=r[11],
            ends_at=r[12],
        )
        for r in rows
    ]


def accept(session: Session, *, offer_id: int, actor: Actor) -> Answer:
    """Take one of this worker's offers."""
    order_id = _own_offer_order(session, actor, offer_id)
    offers.accept_offer(session, offer_id=offer_id, actor=actor)
    return Answer(offer_id, order_id, "accepted")


def reject(session: Session, *, offer_id: int, actor: Actor, reason: str) -> Answer:
    """Say no to one of this worker's offers, with a reason (the order moves on)."""
    order_id = _own_offer_order(session, actor, offer_id)
    # where the order went next is the branch's business, not this worker's
    offers.reject_offer(session, offer_id=offer_id, actor=actor, reason=reason)
    return Answer(offer_id, order_id, "rejected")


def list_pool_orders(session: Session, *, actor: Actor) -> list[PoolItem]:
    """Pool orders this worker is qualified and free for, soonest first."""
    ids = offers.list_pool(session, actor=actor)
    if not ids:
        return []
    rows = session.execute(
        select(
            Order.id,
            Order.order_no,
            ServiceItem.name,
            Order.kind,
            Order.units,
            District.name,
            Order.starts_at,
            Order.ends_at,
        )
        .join(ServiceItem, ServiceItem.id == Order.item_id)
        .join(District, District.id == Order.district_id)
        .where(Order.id.in_(ids))
        .order_by(Order.starts_at, Order.id)
    ).all()
    # the address stays hidden until the order is the worker's: the district is enough
    # to decide, and a pool seen by many should not list where customers live
    return [PoolItem(*row) for row in rows]


def grab_order(session: Session, *, order_id: int, actor: Actor) -> Grabbed:
    """Grab a pool order; the first worker wins, the others hear "already taken".

    Asking again after winning (a retry over a bad connection) answers the same again
    instead of telling the winner they lost.
    """
    worker_id = _worker_id(actor)
    mine = session.execute(
        select(Order.order_no, Order.state, Order.starts_at, Order.ends_at)
        .join(OrderEvent, OrderEvent.order_id == Order.id)
        .where(
            Order.id == order_id,
            Order.worker_id == worker_id,
            OrderEvent.event == "grab",
            OrderEvent.actor_kind == "worker",
            OrderEvent.actor_id == worker_id,
        )
        .limit(1)
    ).first()
    if mine is not None:
        return Grabbed(order_id, mine.order_no, mine.state, mine.starts_at, mine.ends_at)
    result = offers.grab(session, order_id=order_id, actor=actor)
    return Grabbed(result.order_id, result.order_no, result.state, result.starts_at, result.ends_at)
