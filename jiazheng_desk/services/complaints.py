"""Complaints and service tickets, from a phone call at the desk or from the app.

A complaint has a category, a priority whose deadline comes from the branch's settings
(``quality.deadline_hours_<priority>``), an owner and a state: open → in_progress →
resolved → closed, and back to reopened from resolved or closed. Each change writes a
``state_event`` of entity ``complaint`` and an audit row. A customer files at most one
complaint about each of their orders from the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, aliased

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Complaint, Customer, Order, StaffUser, Worker
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import AnySelect, Page, clean_text
from jiazheng_desk.services.errors import (
    Conflict,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.quality_cases import EVENTS, CaseStep, list_steps
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.state_events import state_event_row

COMPLAINTS = table_of(Complaint)
EVENTS_ENTITY = "complaint"
CATEGORIES = ("quality", "late", "damage", "attitude", "billing", "safety", "other")
PRIORITIES = ("low", "normal", "high", "urgent")
CHANNELS = ("phone", "app")
STATES = ("open", "in_progress", "resolved", "closed", "reopened")
OPEN_STATES = ("open", "in_progress", "reopened")
# event -> {from state: to state}
TRANSITIONS: dict[str, dict[str, str]] = {
    "start": {"open": "in_progress", "reopened": "in_progress"},
    "resolve": {"open": "resolved", "in_progress": "resolved", "reopened": "resolved"},
    "close": {"resolved": "closed"},
    "reopen": {"resolved": "reopened", "closed": "reopened"},
}
MAX_TEXT = 2000
SORTABLE = {"created_at", "deadline_at", "priority", "state", "id"}
# an order the customer may complain about from the app: it happened, or should have
APP_COMPLAINABLE = frozenset(
    {"accepted", "on_the_way", "in_service", "completed", "reviewed", "cancelled", "refunded"}
)


@dataclass(frozen=True)
class ComplaintFilter:
    state: str | None = None  # a state, or "active" for open, in progress and reopened
    branch_id: int | None = None
    category: str | None = None
    priority: str | None = None
    owner_id: int | None = None
    worker_id: int | None = None
    overdue_only: bool = False


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    branch_id: int
    order_id: int | None
    order_no: str
    customer_id: int | None
    customer_name: str
    customer_phone: str
    worker_id: int | None
    worker_name: str
    category: str
    priority: str
    channel: str
    text: str
    state: str
    owner_id: int | None
    owner_name: str
    deadline_at: datetime | None
    resolution: str
    compensation_fen: int
    created_at: datetime
    closed_at: datetime | None
    overdue: bool


@dataclass(frozen=True)
class ComplaintDetail:
    row: ComplaintRow
    steps: tuple[CaseStep, ...]


_owner = aliased(StaffUser)


def _select() -> AnySelect:
    return (
        select(
            COMPLAINTS,
            Order.order_no,
            Customer.name.label("customer_name"),
            Customer.phone.label("customer_phone"),
            Worker.name.label("worker_name"),
            _owner.display_name.label("owner_name"),
        )
        .outerjoin(Order, Order.id == COMPLAINTS.c.order_id)
        .outerjoin(Customer, Customer.id == COMPLAINTS.c.customer_id)
        .outerjoin(Worker, Worker.id == COMPLAINTS.c.worker_id)
        .outerjoin(_owner, _owner.id == COMPLAINTS.c.owner_id)
    )


def _row(r: Any, now: datetime) -> ComplaintRow:
    return ComplaintRow(
        id=int(r.id),
        branch_id=int(r.branch_id),
        order_id=r.order_id,
        order_no=r.order_no or "",
        customer_id=r.customer_id,
        customer_name=r.customer_name or "",
        customer_phone=r.customer_phone or "",
        worker_id=r.worker_id,
        worker_name=r.worker_name or "",
        category=r.category,
        priority=r.priority,
        channel=r.channel,
        text=r.text,
        state=r.state,
        owner_id=r.owner_id,
        owner_name=r.owner_name or "",
        deadline_at=r.deadline_at,
        resolution=r.resolution,
        compensation_fen=int(r.compensation_fen or 0),
        created_at=r.created_at,
        closed_at=r.closed_at,
        overdue=r.state in OPEN_STATES and r.deadline_at is not None and r.deadline_at < now,
    )


def get_deadline(session: Session, branch_id: int, priority: str, now: datetime) -> datetime:
    """When a complaint of this priority must be resolved (the branch's settings)."""
    key = f"quality.deadline_hours_{priority}"
    hours = int(get_settings(session, [key], branch_id=branch_id)[key])
    return now + timedelta(hours=hours)


def _check(category: str, priority: str) -> None:
    if category not in CATEGORIES:
        raise ValidationError("complaint.bad_category", field="category")
    if priority not in PRIORITIES:
        raise ValidationError("complaint.bad_priority", field="priority")


def _text(value: str, field: str = "text", required: bool = True) -> str:
    return clean_text(
        value,
        field=field,
        label=Msg(f"complaint.field.{field}"),
        max_len=MAX_TEXT,
        required=required,
    )


def _owner_ok(session: Session, owner_id: int | None, branch_id: int) -> str:
    """The owner's name, once they are known to be active staff of the branch (or HQ)."""
    if owner_id is None:
        return ""
    staff = session.get(StaffUser, owner_id)
    if (
        staff is None
        or not staff.is_active
        or (staff.branch_id is not None and staff.branch_id != branch_id)
    ):
        raise ValidationError("complaint.bad_owner", field="owner_id")
    return staff.display_name


def _insert(
    session: Session,
    actor: Actor,
    *,
    branch_id: int,
    order: Any,
    customer_id: int | None,
    category: str,
    priority: str,
    channel: str,
    text: str,
    owner_id: int | None,
) -> int:
    now = clock.now()
    conn = session.connection()
    complaint_id = inserted_id(
        conn.execute(
            insert(COMPLAINTS),
            {
                "branch_id": branch_id,
                "order_id": order.id if order is not None else None,
                "customer_id": customer_id,
                "worker_id": order.worker_id if order is not None else None,
                "category": category,
                "priority": priority,
                "channel": channel,
                "text": text,
                "state": "open",
                "owner_id": owner_id,
                "deadline_at": get_deadline(session, branch_id, priority, now),
                "resolution": "",
                "compensation_fen": 0,
                "created_at": now,
                "closed_at": None,
            },
        )
    )
    conn.execute(
        insert(EVENTS),
        state_event_row(EVENTS_ENTITY, complaint_id, "create", "", "open", actor, "", now),
    )
    audit.record(
        session,
        actor=actor,
        action="complaint.create",
        entity="complaint",
        entity_id=complaint_id,
        after={
            "order_id": order.id if order is not None else None,
            "customer_id": customer_id,
            "category": category,
            "priority": priority,
            "channel": channel,
        },
        branch_id=branch_id,
    )
    return complaint_id


def create_complaint(
    session: Session,
    *,
    actor: Actor,
    category: str,
    text: str,
    priority: str = "normal",
    order_id: int | None = None,
    customer_id: int | None = None,
    owner_id: int | None = None,
    branch_id: int | None = None,
) -> ComplaintDetail:
    """A complaint taken on the phone at the desk: about an order, or only a customer."""
    require(actor, Perm.QUALITY_HANDLE)
    _check(category, priority)
    body = _text(text)
    order = None
    if order_id is not None:
        order = session.execute(select(Order).where(Order.id == order_id)).scalar_one_or_none()
        if order is None:
            raise NotFound("order", order_id)
        if customer_id is not None and customer_id != order.customer_id:
            raise ValidationError("complaint.order_not_customers", field="order_id")
        customer_id = order.customer_id
        branch_id = order.branch_id
    elif customer_id is not None:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound("customer", customer_id)
        branch_id = branch_id or customer.branch_id or actor.branch_id
    else:
        raise ValidationError("complaint.who_required", field="customer_id")
    branch_id = branch_id if branch_id is not None else actor.branch_id
    if branch_id is None:
        raise ValidationError("complaint.branch_required", field="branch_id")
    require(actor, Perm.QUALITY_HANDLE, branch_id=branch_id)
    _owner_ok(session, owner_id, branch_id)
    complaint_id = _insert(
        session,
        actor,
        branch_id=branch_id,
        order=order,
        customer_id=customer_id,
        category=category,
        priority=priority,
        channel="phone",
        text=body,
        owner_id=owner_id,
    )
    return get_complaint(session, actor=actor, complaint_id=complaint_id)


def file_my_complaint(
    session: Session, *, actor: Actor, order_id: int, category: str, text: str
) -> ComplaintRow:
    """The customer complains from the app about one of their own orders, once per order."""
    if actor.kind != "customer":
        raise PermissionDenied("complaint.customers_only")
    _check(category, "normal")
    body = _text(text)
    order = session.execute(
        select(Order).where(Order.id == order_id).with_for_update()
    ).scalar_one_or_none()
    if order is None or order.customer_id != actor.id:
        raise NotFound("order", order_id)
    if order.state not in APP_COMPLAINABLE:
        raise Conflict("complaint.order_too_early", order_no=order.order_no)
    already = session.scalar(
        select(COMPLAINTS.c.id).where(
            COMPLAINTS.c.order_id == order_id, COMPLAINTS.c.customer_id == actor.id
        )
    )
    if already is not None:
        raise Conflict("complaint.already", order_no=order.order_no)
    priority = "high" if category == "safety" else "normal"
    complaint_id = _insert(
        session,
        actor,
        branch_id=order.branch_id,
        order=order,
        customer_id=actor.id,
        category=category,
        priority=priority,
        channel="app",
        text=body,
        owner_id=None,
    )
    row = session.execute(_select().where(COMPLAINTS.c.id == complaint_id)).one()
    return _row(row, clock.now())


def _filtered(stmt: AnySelect, actor: Actor, flt: ComplaintFilter, now: datetime) -> AnySelect:
    scope = scope_branch_id(actor)
    branch = scope if scope is not None else flt.branch_id
    if branch is not None:
        stmt = stmt.where(COMPLAINTS.c.branch_id == branch)
    if flt.state == "active":
        stmt = stmt.where(COMPLAINTS.c.state.in_(OPEN_STATES))
    elif flt.state:
        stmt = stmt.where(COMPLAINTS.c.state == flt.state)
    if flt.category:
        stmt = stmt.where(COMPLAINTS.c.category == flt.category)
    if flt.priority:
        stmt = stmt.where(COMPLAINTS.c.priority == flt.priority)
    if flt.owner_id is not None:
        stmt = stmt.where(COMPLAINTS.c.owner_id == flt.owner_id)
    if flt.worker_id is not None:
        stmt = stmt.where(COMPLAINTS.c.worker_id == flt.worker_id)
    if flt.overdue_only:
        stmt = stmt.where(
            COMPLAINTS.c.state.in_(OPEN_STATES),
            COMPLAINTS.c.deadline_at.is_not(None),
            COMPLAINTS.c.deadline_at < now,
        )
    return stmt


def list_complaints(
    session: Session,
    *,
    actor: Actor,
    flt: ComplaintFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "created_at",
    descending: bool = True,
) -> Page[ComplaintRow]:
    """Complaints with filters and the overdue flag, limited to the actor's branch unless HQ."""
    require(actor, Perm.QUALITY_HANDLE)
    flt = flt or ComplaintFilter()
    now = clock.now()
    total = session.scalar(_filtered(select(func.count(COMPLAINTS.c.id)), actor, flt, now)) or 0
    column = COMPLAINTS.c[sort if sort in SORTABLE else "created_at"]
    order = [column.desc(), COMPLAINTS.c.id.desc()] if descending else [column, COMPLAINTS.c.id]
    rows = session.execute(
        _filtered(_select(), actor, flt, now).order_by(*order).offset(offset).limit(limit)
    ).all()
    return Page(items=tuple(_row(r, now) for r in rows), total=int(total), offset=offset)


def _load(session: Session, actor: Actor, complaint_id: int) -> Any:
    row = session.execute(
        select(COMPLAINTS).where(COMPLAINTS.c.id == complaint_id).with_for_update()
    ).first()
    scope = scope_branch_id(actor)
    if row is None or (scope is not None and row.branch_id != scope):
        raise NotFound("complaint", complaint_id)
    return row


def get_complaint(session: Session, *, actor: Actor, complaint_id: int) -> ComplaintDetail:
    """One complaint with its history."""
    require(actor, Perm.QUALITY_HANDLE)
    scope = scope_branch_id(actor)
    row = session.execute(_select().where(COMPLAINTS.c.id == complaint_id)).first()
    if row is None or (scope is not None and row.branch_id != scope):
        raise NotFound("complaint", complaint_id)
    return ComplaintDetail(
        row=_row(row, clock.now()),
        steps=list_steps(session, entity=EVENTS_ENTITY, entity_id=complaint_id),
    )


def _change(
    session: Session,
    actor: Actor,
    row: Any,
    event: str,
    to_state: str,
    reason: str,
    values: dict[str, Any],
) -> None:
    now = clock.now()
    conn = session.connection()
    conn.execute(update(COMPLAINTS).where(COMPLAINTS.c.id == row.id).values(**values))
    conn.execute(
        insert(EVENTS),
        state_event_row(EVENTS_ENTITY, int(row.id), event, row.state, to_state, actor, reason, now),
    )
    audit.record(
        session,
        actor=actor,
        action=f"complaint.{event}",
        entity="complaint",
        entity_id=int(row.id),
        before={"state": row.state, "owner_id": row.owner_id, "priority": row.priority},
        after={"state": to_state, **{k: v for k, v in values.items() if k != "closed_at"}},
        branch_id=int(row.branch_id),
    )


def assign_complaint(
    session: Session, *, actor: Actor, complaint_id: int, owner_id: int | None
) -> ComplaintDetail:
    """Give the complaint to a staff member of its branch (None: the actor takes it)."""
    require(actor, Perm.QUALITY_HANDLE)
    row = _load(session, actor, complaint_id)
    owner = actor.id if owner_id is None else owner_id
    if owner is None:
        raise ValidationError("complaint.bad_owner", field="owner_id")
    name = _owner_ok(session, owner, int(row.branch_id))
    _change(session, actor, row, "assign", row.state, name, {"owner_id": owner})
    return get_complaint(session, actor=actor, complaint_id=complaint_id)


def set_complaint_priority(
    session: Session, *, actor: Actor, complaint_id: int, priority: str
) -> ComplaintDetail:
    """Change the priority; the deadline follows it, counted from when it was filed."""
    require(actor, Perm.QUALITY_HANDLE)
    row = _load(session, actor, complaint_id)
    _check(row.category, priority)
    deadline = get_deadline(session, int(row.branch_id), priority, row.created_at)
    _change(
        session,
        actor,
        row,
        "priority",
        row.state,
        priority,
        {"priority": priority, "deadline_at": deadline},
    )
    return get_complaint(session, actor=actor, complaint_id=complaint_id)


def move_complaint(
    session: Session,
    *,
    actor: Actor,
    complaint_id: int,
    event: str,
    note: str = "",
    resolution: str = "",
    compensation_fen: int = 0,
) -> ComplaintDetail:
    """Start, resolve (with the resolution), close or reopen (with the reason) a complaint."""
    require(actor, Perm.QUALITY_HANDLE)
    row = _load(session, actor, complaint_id)
    moves = TRANSITIONS.get(event)
    if moves is None:
        raise ValidationError("complaint.bad_event", field="event")
    to_state = moves.get(row.state)
    if to_state is None:
        raise IllegalTransition(
            "complaint.illegal_move",
            state=Msg(f"complaint.state.{row.state}"),
            event=Msg(f"complaint.event.{event}"),
        )
    values: dict[str, Any] = {"state": to_state}
    reason = _text(note, "note", required=event == "reopen")
    if event == "resolve":
        values["resolution"] = _text(resolution, "resolution")
        if isinstance(compensation_fen, bool) or not isinstance(compensation_fen, int):
            raise ValidationError("complaint.bad_compensation", field="compensation_fen")
        if compensation_fen < 0:
            raise ValidationError("complaint.bad_compensation", field="compensation_fen")
        values["compensation_fen"] = compensation_fen
        reason = values["resolution"]
    if event == "close":
        values["closed_at"] = clock.now()
    if event == "reopen":
        values["closed_at"] = None
    if row.owner_id is None and actor.is_staff:
        values["owner_id"] = actor.id
    _change(session, actor, row, event, to_state, reason, values)
    return get_complaint(session, actor=actor, complaint_id=complaint_id)
