"""Worker change requests as people read them: the desk's queue of a branch, and the
customer's own requests waiting for their answer (read-only; ``changes`` decides them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Branch, Customer, Order, OrderChangeRequest, ServiceItem, Worker
from jiazheng_desk.services import changes
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import AnySelect, Page
from jiazheng_desk.services.errors import PermissionDenied
from jiazheng_desk.services.permissions import Perm, require, require_branch, scope_branch_id
from jiazheng_desk.services.public_people import public_name
from jiazheng_desk.services.timeutil import DEFAULT_TZ, get_branch_timezone

# what the desk's queue shows: waiting for the branch, for the customer, or decided
WAITING_STATES: dict[str, tuple[str, ...]] = {
    "branch": ("requested",),
    "customer": ("staff_approved",),
    "decided": ("accepted", "rejected", "withdrawn"),
}
REQUESTS = OrderChangeRequest
SORTABLE = {
    "created_at": REQUESTS.created_at,
    "new_starts_at": REQUESTS.new_starts_at,
    "starts_at": Order.starts_at,
}


@dataclass(frozen=True)
class ChangeRow:
    """One request with the order it moves: from when to when, who asks and why."""

    id: int
    order_id: int
    order_no: str
    state: str
    item_name: str
    customer_name: str
    customer_phone: str
    worker_name: str
    starts_at: datetime
    ends_at: datetime
    new_starts_at: datetime
    new_ends_at: datetime
    reason: str
    created_at: datetime
    staff_decided_at: datetime | None
    customer_decided_at: datetime | None
    branch_name: str
    timezone: str


def _scoped(stmt: AnySelect, actor: Actor, waiting: str, branch_id: int | None) -> AnySelect:
    states = WAITING_STATES.get(waiting, WAITING_STATES["branch"])
    stmt = stmt.join(Order, Order.id == REQUESTS.order_id).where(REQUESTS.state.in_(states))
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(Order.branch_id == scope)
    if branch_id is not None:
        stmt = stmt.where(Order.branch_id == branch_id)
    return stmt


def list_change_rows(
    session: Session,
    *,
    actor: Actor,
    waiting: str = "branch",
    branch_id: int | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "created_at",
    descending: bool = False,
) -> Page[ChangeRow]:
    """The change requests of the actor's branch (every branch for HQ), oldest first."""
    require(actor, Perm.ORDER_VIEW)
    if branch_id is not None:
        require_branch(actor, branch_id)
    total = session.scalar(_scoped(select(func.count(REQUESTS.id)), actor, waiting, branch_id)) or 0
    column = SORTABLE.get(sort, REQUESTS.created_at)
    stmt = (
        _scoped(
            select(
                REQUESTS.id,
                REQUESTS.order_id,
                Order.order_no,
                REQUESTS.state,
                ServiceItem.name,
                Customer.name,
                Customer.phone,
                Worker.name,
                Order.starts_at,
                Order.ends_at,
                REQUESTS.new_starts_at,
                REQUESTS.new_ends_at,
                REQUESTS.reason,
                REQUESTS.created_at,
                REQUESTS.staff_decided_at,
                REQUESTS.customer_decided_at,
                Branch.name,
                Branch.timezone,
            ),
            actor,
            waiting,
            branch_id,
        )
        .join(Customer, Customer.id == Order.customer_id)
        .join(ServiceItem, ServiceItem.id == Order.item_id)
        .join(Branch, Branch.id == Order.branch_id)
        # the worker who asked (the order may have another worker by now)
        .outerjoin(Worker, Worker.id == REQUESTS.requested_by_id)
        .order_by(column.desc() if descending else column, REQUESTS.id)
        .offset(offset)
        .limit(limit)
    )
    items = tuple(
        ChangeRow(
            id=r[0],
            order_id=r[1],
            order_no=r[2],
            state=r[3],
            item_name=r[4],
            customer_name=r[5],
            customer_phone=r[6],
            worker_name=r[7] or "",
            starts_at=r[8],
            ends_at=r[9],
            new_starts_at=r[10],
            new_ends_at=r[11],
            reason=r[12],
            created_at=r[13],
            staff_decided_at=r[14],
            customer_decided_at=r[15],
            branch_name=r[16],
            timezone=r[17] or DEFAULT_TZ,
        )
        for r in session.execute(stmt).all()
    )
    return Page(items=items, total=total, offset=offset)


@dataclass(frozen=True)
class CustomerChange:
    """A move the branch approved, waiting for the customer's yes or no."""

    id: int
    order_id: int
    order_no: str
    item_name: str
    # the worker as customers address them (王阿姨)
    worker_display_name: str
    starts_at: datetime
    ends_at: datetime
    new_starts_at: datetime
    new_ends_at: datetime
    reason: str
    created_at: datetime
    timezone: str


def list_customer_changes(session: Session, *, actor: Actor) -> list[CustomerChange]:
    """The customer's requests waiting for their answer, the soonest visit first."""
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("error.permission", action="change")
    rows = session.execute(
        select(
            REQUESTS.id,
            REQUESTS.order_id,
            Order.order_no,
            ServiceItem.name,
            Worker.name,
            Worker.gender,
            Order.starts_at,
            Order.ends_at,
            REQUESTS.new_starts_at,
            REQUESTS.new_ends_at,
            REQUESTS.reason,
            REQUESTS.created_at,
            Branch.timezone,
        )
        .join(Order, Order.id == REQUESTS.order_id)
        .join(ServiceItem, ServiceItem.id == Order.item_id)
        .join(Branch, Branch.id == Order.branch_id)
        .outerjoin(Worker, Worker.id == REQUESTS.requested_by_id)
        .where(Order.customer_id == actor.id, REQUESTS.state == "staff_approved")
        .order_by(Order.starts_at, REQUESTS.id)
    ).all()
    return [
        CustomerChange(
            id=r[0],
            order_id=r[1],
            order_no=r[2],
            item_name=r[3],
            worker_display_name=public_name(r[4], r[5] or "") if r[4] else "",
            starts_at=r[6],
            ends_at=r[7],
            new_starts_at=r[8],
            new_ends_at=r[9],
            reason=r[10],
            created_at=r[11],
            timezone=r[12] or DEFAULT_TZ,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class CustomerAnswer:
    """The request after the customer's answer, with the branch's zone to show it in."""

    id: int
    order_id: int
    # accepted (the visit moved) | rejected (it stays)
    state: str
    new_starts_at: datetime
    new_ends_at: datetime
    timezone: str


def answer_change(
    session: Session, *, request_id: int, actor: Actor, accept: bool
) -> CustomerAnswer:
    """The customer's yes or no (``changes.customer_decide_change``), ready to show."""
    view = changes.customer_decide_change(
        session, request_id=request_id, actor=actor, accept=accept
    )
    branch_id = session.scalar(select(Order.branch_id).where(Order.id == view.order_id))
    return CustomerAnswer(
        view.id,
        view.order_id,
        view.state,
        view.new_starts_at,
        view.new_ends_at,
        get_branch_timezone(session, branch_id),
    )
