"""What the order detail shows beside ``OrderDetail``: service records, who did each step,
and the cancellation fee in words. Read-only helpers for the Orders area.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Customer, ServiceRecord, StaffUser, Worker
from jiazheng_desk.services import orders
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.permissions import Perm, require
from jiazheng_desk.services.settings import get_settings


@dataclass(frozen=True)
class RecordView:
    """A note, photo, video or location a worker recorded during the visit."""

    id: int
    worker_name: str
    kind: str
    text: str
    file_path: str
    lat: float | None
    lng: float | None
    created_at: datetime


@dataclass(frozen=True)
class OrderFile:
    """Everything the order detail panel shows, read in one unit of work."""

    detail: OrderDetail
    records: tuple[RecordView, ...]
    # (actor kind, id) -> name, for the timeline's "who"
    names: dict[tuple[str, int], str] = field(default_factory=dict)

    def who(self, kind: str, actor_id: int | None) -> str:
        return "" if actor_id is None else self.names.get((kind, actor_id), "")


@dataclass(frozen=True)
class CancelPreview:
    """What cancelling now costs, and the rule's numbers to say why."""

    fee_fen: int
    # free | late | on_the_way
    rule: str
    hours_before: float
    free_hours: int
    total_fen: int


def get_order_file(session: Session, *, order_id: int, actor: Actor) -> OrderFile:
    """An order with its service records and the names of who did each step."""
    detail = orders.get_order(session, order_id=order_id, actor=actor)
    rows = session.execute(
        select(
            ServiceRecord.id,
            Worker.name,
            ServiceRecord.kind,
            ServiceRecord.text,
            ServiceRecord.file_path,
            ServiceRecord.lat,
            ServiceRecord.lng,
            ServiceRecord.created_at,
        )
        .join(Worker, Worker.id == ServiceRecord.worker_id)
        .where(ServiceRecord.order_id == order_id)
        .order_by(ServiceRecord.created_at, ServiceRecord.id)
    ).all()
    records = tuple(RecordView(*r) for r in rows)
    wanted = [(e.actor_kind, e.actor_id) for e in detail.events if e.actor_id is not None]
    return OrderFile(detail, records, _names(session, wanted))


def _names(
    session: Session, wanted: Iterable[tuple[str, int | None]]
) -> dict[tuple[str, int], str]:
    by_kind: dict[str, set[int]] = {}
    for kind, actor_id in wanted:
        if actor_id is not None:
            by_kind.setdefault(kind, set()).add(actor_id)
    out: dict[tuple[str, int], str] = {}
    sources = {
        "staff": (StaffUser.id, StaffUser.display_name),
        "customer": (Customer.id, Customer.name),
        "worker": (Worker.id, Worker.name),
    }
    for kind, ids in by_kind.items():
        if kind not in sources:
            continue
        id_col, name_col = sources[kind]
        for actor_id, name in session.execute(select(id_col, name_col).where(id_col.in_(ids))):
            out[(kind, int(actor_id))] = str(name or "")
    return out


def get_cancel_preview(session: Session, *, order_id: int, actor: Actor) -> CancelPreview:
    """The fee ``cancel_order`` would charge now, with the free-cancellation window."""
    require(actor, Perm.ORDER_CANCEL)
    detail = orders.get_order(session, order_id=order_id, actor=actor)
    fee = orders.cancellation_fee(session, order_id=order_id, actor=actor)
    free_hours = int(
        get_settings(session, ["cancel.free_hours_before"], branch_id=detail.branch_id)[
            "cancel.free_hours_before"
        ]
    )
    return CancelPreview(fee.fee_fen, fee.rule, fee.hours_before, free_hours, detail.total_fen)


def get_person_names(
    session: Session, *, actor: Actor, worker_id: int | None, customer_id: int | None
) -> tuple[str, str]:
    """The names of a worker and a customer a list is filtered by (empty when unknown)."""
    require(actor, Perm.ORDER_VIEW)
    worker = (
        session.scalar(select(Worker.name).where(Worker.id == worker_id))
        if worker_id is not None
        else None
    )
    customer = (
        session.scalar(select(Customer.name).where(Customer.id == customer_id))
        if customer_id is not None
        else None
    )
    return (worker or "", customer or "")
