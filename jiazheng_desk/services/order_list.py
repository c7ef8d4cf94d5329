"""The orders list: filtered, sorted and paged by the database, fast on a million orders.

A page is read in two steps: the ids of the page (one indexed query over ``orders`` alone,
sorted and limited), then the rows for those ids with the names joined in. The total is
counted up to a cap ("100,000+"), because an exact count of a big range costs a full scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Customer, District, Order, ServiceItem, Worker
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import AnySelect, Page, like_pattern
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id

ORDERS = table_of(Order)
COUNT_CAP = 100_000
SORTABLE = {
    "starts_at": ORDERS.c.starts_at,
    "order_no": ORDERS.c.order_no,
    "state": ORDERS.c.state,
    "total_fen": ORDERS.c.total_fen,
    "created_at": ORDERS.c.created_at,
}


@dataclass(frozen=True)
class OrderFilter:
    branch_id: int | None = None
    states: tuple[str, ...] = ()
    day_from: date | None = None
    day_to: date | None = None
    district_id: int | None = None
    item_id: int | None = None
    worker_id: int | None = None
    customer_id: int | None = None
    channel: str = ""
    # an order number (or its start) or a customer's phone
    text: str = ""
    exceptions_only: bool = False
    unassigned_only: bool = False


@dataclass(frozen=True)
class OrderRow:
    id: int
    order_no: str
    service_day: date
    starts_at: datetime
    ends_at: datetime
    state: str
    kind: str
    channel: str
    customer_id: int
    customer_name: str
    customer_phone: str
    district_name: str
    item_name: str
    units: int
    worker_id: int | None
    worker_name: str
    total_fen: int
    exception_reason: str


def _filtered(session: Session, stmt: AnySelect, actor: Actor, flt: OrderFilter) -> AnySelect:
    scope = scope_branch_id(actor)
    branch = scope if scope is not None else flt.branch_id
    if branch is not None:
        stmt = stmt.where(ORDERS.c.branch_id == branch)
    if flt.states:
        stmt = stmt.where(ORDERS.c.state.in_(flt.states))
    if flt.day_from is not None:
        stmt = stmt.where(ORDERS.c.service_day >= flt.day_from)
    if flt.day_to is not None:
        stmt = stmt.where(ORDERS.c.service_day <= flt.day_to)
    for column, value in (
        (ORDERS.c.district_id, flt.district_id),
        (ORDERS.c.item_id, flt.item_id),
        (ORDERS.c.worker_id, flt.worker_id),
        (ORDERS.c.customer_id, flt.customer_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if flt.channel:
        stmt = stmt.where(ORDERS.c.channel == flt.channel)
    if flt.exceptions_only:
        # a range (not "!=") so the (exception_reason, starts_at) index serves it
        stmt = stmt.where(ORDERS.c.exception_reason > "")
    if flt.unassigned_only:
        stmt = stmt.where(
            ORDERS.c.worker_id.is_(None),
            ORDERS.c.state.in_(("created", "pending_payment", "confirmed")),
        )
    text = flt.text.strip()
    if text:
        if text.isdigit() and len(text) >= 7:
            # a phone (or its tail): the customers it names, then their orders (indexed)
            # digits only: nothing to escape
            ids = select(Customer.id).where(Customer.phone.like(f"%{text}"))
            stmt = stmt.where(
                or_(ORDERS.c.customer_id.in_(ids), ORDERS.c.order_no.like(f"%{text}%"))
            )
        else:
            prefix = like_pattern(text.upper())[1:]  # "%…%" escaped; keep the trailing %
            stmt = stmt.where(ORDERS.c.order_no.like(prefix, escape="\\"))
    return stmt


def list_orders(
    session: Session,
    *,
    actor: Actor,
    flt: OrderFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "starts_at",
    descending: bool = True,
    count: bool = True,
) -> Page[OrderRow]:
    """A page of orders, newest first by default; ``total`` is capped at COUNT_CAP + 1.

    Only the first page counts, and only with ``count``: scrolling on must not repeat a
    count of the whole range, and a list that paints first and counts after (the desk)
    asks ``count_orders`` itself. Uncounted, ``total`` says just whether more may follow
    (one past what is read).
    """
    require(actor, Perm.ORDER_VIEW)
    flt = flt or OrderFilter()
    column = SORTABLE.get(sort, ORDERS.c.starts_at)
    order = [column.desc(), ORDERS.c.id.desc()] if descending else [column, ORDERS.c.id]
    page_ids = list(
        session.scalars(
            _filtered(session, select(ORDERS.c.id), actor, flt)
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        ).all()
    )
    if offset == 0 and count:
        total = count_orders(session, actor=actor, flt=flt)
    else:
        total = offset + len(page_ids) + (1 if len(page_ids) == limit else 0)
    if not page_ids:
        return Page(items=(), total=total, offset=offset)
    rows = session.execute(
        select(
            ORDERS.c.id,
            ORDERS.c.order_no,
            ORDERS.c.service_day,
            ORDERS.c.starts_at,
            ORDERS.c.ends_at,
            ORDERS.c.state,
            ORDERS.c.kind,
            ORDERS.c.channel,
            ORDERS.c.customer_id,
            Customer.name,
            Customer.phone,
            District.name,
            ServiceItem.name,
            ORDERS.c.units,
            ORDERS.c.worker_id,
            Worker.name,
            ORDERS.c.total_fen,
            ORDERS.c.exception_reason,
        )
        .join(Customer, Customer.id == ORDERS.c.customer_id)
        .join(District, District.id == ORDERS.c.district_id)
        .join(ServiceItem, ServiceItem.id == ORDERS.c.item_id)
        .outerjoin(Worker, Worker.id == ORDERS.c.worker_id)
        .where(ORDERS.c.id.in_(page_ids))
    ).all()
    by_id = {r[0]: r for r in rows}
    items = tuple(
        OrderRow(
            id=r[0],
            order_no=r[1],
            service_day=r[2],
            starts_at=r[3],
            ends_at=r[4],
            state=r[5],
            kind=r[6],
            channel=r[7],
            customer_id=r[8],
            customer_name=r[9],
            customer_phone=r[10],
            district_name=r[11],
            item_name=r[12],
            units=r[13],
            worker_id=r[14],
            worker_name=r[15] or "",
            total_fen=r[16],
            exception_reason=r[17],
        )
        for r in (by_id[i] for i in page_ids if i in by_id)
    )
    return Page(items=items, total=total, offset=offset)


def count_orders(session: Session, *, actor: Actor, flt: OrderFilter, cap: int = COUNT_CAP) -> int:
    """How many orders match, counted up to ``cap + 1`` (more than the cap shows as "cap+")."""
    require(actor, Perm.ORDER_VIEW)
    limited = _filtered(session, select(ORDERS.c.id), actor, flt).limit(cap + 1).subquery()
    return int(session.scalar(select(func.count()).select_from(limited)) or 0)


def list_order_ids(
    session: Session, *, actor: Actor, flt: OrderFilter, limit: int = 1_000_000
) -> list[int]:
    """Every matching order id, newest first (for an export of the filtered list)."""
    require(actor, Perm.ORDER_VIEW)
    return list(
        session.scalars(
            _filtered(session, select(ORDERS.c.id), actor, flt)
            .order_by(ORDERS.c.starts_at.desc(), ORDERS.c.id.desc())
            .limit(limit)
        ).all()
    )
