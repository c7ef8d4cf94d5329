"""Reading invoices (发票): what a customer may invoice, the finance queue, one request with
its lines and history, the issued invoices, and an invoice as printed.

The rules that change them are in ``invoices``; this module only reads (and holds the
shapes both return). Staff see their branch's (HQ every branch) with ``finance.view``; a
customer sees only their own, and another customer's id is "not found".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk.models import (
    Branch,
    Customer,
    Invoice,
    InvoiceRequest,
    InvoiceRequestOrder,
    Order,
    Payment,
    Refund,
    ServiceItem,
    StaffUser,
    StateEvent,
)
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import AnySelect, Page, like_pattern
from jiazheng_desk.services.errors import NotFound, PermissionDenied
from jiazheng_desk.services.payments import get_paid_amounts
from jiazheng_desk.services.permissions import Perm, require, require_branch, scope_branch_id

REQUESTS = table_of(InvoiceRequest)
REQUEST_ORDERS = table_of(InvoiceRequestOrder)
INVOICES = table_of(Invoice)
EVENTS = table_of(StateEvent)
ORDERS = table_of(Order)

# request: requested → issued | rejected; issued → voided (its invoice was voided)
REQUEST_STATES = ("requested", "issued", "rejected", "voided")
INVOICE_STATES = ("issued", "void")
# a request in these states holds its orders: they cannot be asked for again
HOLDING_STATES = ("requested", "issued")
# orders that may be invoiced (done, and not refunded as a whole)
INVOICEABLE_ORDER_STATES = ("completed", "reviewed")
# money on its way back to the customer is not invoiced
REFUND_COUNTED = ("requested", "done")
# the events whose reason is written for the customer to read
REASON_SHOWN = ("reject", "void")
SORTABLE = {"created_at", "amount_fen", "state", "id"}
INVOICE_SORTABLE = {"issued_at", "invoice_no", "amount_fen", "state", "id"}
MAX_INVOICEABLE = 200


@dataclass(frozen=True)
class InvoiceableOrder:
    order_id: int
    order_no: str
    branch_id: int
    service_name: str
    service_day: date
    # confirmed payments less refunds: what the invoice would say
    amount_fen: int


@dataclass(frozen=True)
class RequestLine:
    order_id: int
    order_no: str
    service_name: str
    service_day: date
    amount_fen: int


@dataclass(frozen=True)
class InvoiceRequestFilter:
    state: str | None = None
    branch_id: int | None = None
    # requested in [since, until) (UTC)
    since: datetime | None = None
    until: datetime | None = None
    # buyer title, tax id or invoice number
    text: str = ""


@dataclass(frozen=True)
class InvoiceRequestRow:
    id: int
    branch_id: int
    branch_name: str
    customer_id: int
    customer_name: str
    title: str
    tax_id: str
    email: str
    amount_fen: int
    state: str
    created_at: datetime
    order_count: int
    invoice_id: int | None
    invoice_no: str
    invoice_state: str
    issued_at: datetime | None
    # why it was rejected or its invoice voided (shown to the customer)
    reason: str

    @property
    def is_personal(self) -> bool:
        return not self.tax_id


@dataclass(frozen=True)
class RequestStep:
    at: datetime
    entity: str
    event: str
    from_state: str
    to_state: str
    actor_name: str
    reason: str


@dataclass(frozen=True)
class InvoiceRequestDetail:
    row: InvoiceRequestRow
    lines: tuple[RequestLine, ...]
    steps: tuple[RequestStep, ...]
    # the tax bureau's (or the sandbox's) reference of the filed invoice
    filing_ref: str


@dataclass(frozen=True)
class InvoiceFilter:
    state: str | None = None
    branch_id: int | None = None
    # issued in [since, until) (UTC)
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    request_id: int
    branch_id: int
    branch_name: str
    invoice_no: str
    title: str
    tax_id: str
    email: str
    amount_fen: int
    state: str
    issued_at: datetime
    issued_by_name: str
    void_reason: str
    voided_at: datetime | None


@dataclass(frozen=True)
class InvoiceDocument:
    """Everything printed on an invoice."""

    invoice_id: int
    invoice_no: str
    state: str
    issued_at: datetime
    timezone: str
    seller_name: str
    seller_code: str
    seller_address: str
    seller_phone: str
    buyer_title: str
    buyer_tax_id: str
    buyer_email: str
    lines: tuple[RequestLine, ...]
    amount_fen: int
    issuer_name: str
    void_reason: str
    voided_at: datetime | None
    filing_ref: str


# --- amounts -------------------------------------------------------------------------


def yuan_text(fen: int) -> str:
    """Integer fen as ¥123.45 in a message (no float on the way)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole}.{cents:02d}"


def get_net_paid(
    session: Session, *, order_ids: Sequence[int], as_of: datetime | None = None
) -> dict[int, int]:
    """What was paid less what was refunded (requested or done), per order; 0 for nothing.

    ``as_of`` counts only payments confirmed and refunds asked for by then: the lines of an
    invoice as they were when it was issued, whatever was refunded later.
    """
    if not order_ids:
        return {}
    ids = list(order_ids)
    if as_of is None:
        paid = get_paid_amounts(session, order_ids=ids)
    else:
        paid = {
            int(i): int(v or 0)
            for i, v in session.execute(
                select(Payment.order_id, func.sum(Payment.amount_fen))
                .where(
                    Payment.order_id.in_(ids),
                    Payment.state == "confirmed",
                    Payment.confirmed_at <= as_of,
                )
                .group_by(Payment.order_id)
            )
        }
    refunds = select(Refund.order_id, func.sum(Refund.amount_fen)).where(
        Refund.order_id.in_(ids), Refund.state.in_(REFUND_COUNTED)
    )
    if as_of is not None:
        refunds = refunds.where(Refund.created_at <= as_of)
    refunded = {int(i): int(v or 0) for i, v in session.execute(refunds.group_by(Refund.order_id))}
    return {i: paid.get(i, 0) - refunded.get(i, 0) for i in ids}


def get_held_order_ids(
    session: Session, *, order_ids: Sequence[int], except_request: int | None = None
) -> set[int]:
    """The orders among these that a requested or issued request already holds."""
    if not order_ids:
        return set()
    stmt = (
        select(REQUEST_ORDERS.c.order_id)
        .join(REQUESTS, REQUESTS.c.id == REQUEST_ORDERS.c.request_id)
        .where(
            REQUEST_ORDERS.c.order_id.in_(list(order_ids)),
            REQUESTS.c.state.in_(HOLDING_STATES),
        )
    )
    if except_request is not None:
        stmt = stmt.where(REQUESTS.c.id != except_request)
    return {int(i) for i in session.scalars(stmt)}


def list_invoiceable_orders(session: Session, *, actor: Actor) -> tuple[InvoiceableOrder, ...]:
    """The customer's own done and paid orders that no request holds, newest first."""
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("invoice.customers_only")
    rows = session.execute(
        select(Order.id, Order.order_no, Order.branch_id, Order.service_day, Order.total_fen)
        .add_columns(ServiceItem.name)
        .join(ServiceItem, ServiceItem.id == Order.item_id)
        .where(Order.customer_id == actor.id, Order.state.in_(INVOICEABLE_ORDER_STATES))
        .order_by(Order.starts_at.desc(), Order.id.desc())
        .limit(MAX_INVOICEABLE)
    ).all()
    ids = [int(r.id) for r in rows]
    paid = get_paid_amounts(session, order_ids=ids)
    net = get_net_paid(session, order_ids=ids)
    held = get_held_order_ids(session, order_ids=ids)
    return tuple(
        InvoiceableOrder(int(r.id), r.order_no, int(r.branch_id), r.name, r.service_day, net[r.id])
        for r in rows
        if r.id not in held and paid.get(r.id, 0) >= int(r.total_fen) and net[r.id] > 0
    )


# --- the queue -----------------------------------------------------------------------


def _request_select() -> AnySelect:
    return (
        select(
            REQUESTS,
            Branch.name.label("branch_name"),
            Customer.name.label("customer_name"),
            INVOICES.c.id.label("invoice_id"),
            INVOICES.c.invoice_no,
            INVOICES.c.state.label("invoice_state"),
            INVOICES.c.issued_at,
        )
        .join(Branch, Branch.id == REQUESTS.c.branch_id)
        .join(Customer, Customer.id == REQUESTS.c.customer_id)
        # a request has at most one invoice (issued once; a voided one ends the request)
        .outerjoin(INVOICES, INVOICES.c.request_id == REQUESTS.c.id)
    )


def _filtered(stmt: AnySelect, actor: Actor, flt: InvoiceRequestFilter) -> AnySelect:
    scope = scope_branch_id(actor)
    branch_id = scope if scope is not None else flt.branch_id
    if branch_id is not None:
        stmt = stmt.where(REQUESTS.c.branch_id == branch_id)
    if flt.state:
        stmt = stmt.where(REQUESTS.c.state == flt.state)
    if flt.since is not None:
        stmt = stmt.where(REQUESTS.c.created_at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(REQUESTS.c.created_at < flt.until)
    text = flt.text.strip()
    if text:
        pattern = like_pattern(text)
        stmt = stmt.where(
            or_(
                REQUESTS.c.title.like(pattern, escape="\\"),
                REQUESTS.c.tax_id.like(pattern, escape="\\"),
                INVOICES.c.invoice_no.like(pattern, escape="\\"),
            )
        )
    return stmt


def _reasons(session: Session, request_ids: Sequence[int]) -> dict[int, str]:
    """The latest reason written for the customer (a rejection, a void) per request."""
    if not request_ids:
        return {}
    latest = (
        select(func.max(EVENTS.c.id))
        .where(
            EVENTS.c.entity == "invoice_request",
            EVENTS.c.entity_id.in_(list(request_ids)),
            EVENTS.c.event.in_(REASON_SHOWN),
        )
        .group_by(EVENTS.c.entity_id)
    )
    rows = session.execute(
        select(EVENTS.c.entity_id, EVENTS.c.reason).where(EVENTS.c.id.in_(latest))
    ).all()
    return {int(r.entity_id): r.reason for r in rows}


def _order_counts(session: Session, request_ids: Sequence[int]) -> dict[int, int]:
    if not request_ids:
        return {}
    rows = session.execute(
        select(REQUEST_ORDERS.c.request_id, func.count())
        .where(REQUEST_ORDERS.c.request_id.in_(list(request_ids)))
        .group_by(REQUEST_ORDERS.c.request_id)
    ).all()
    return {int(r[0]): int(r[1]) for r in rows}


def _rows(session: Session, found: Sequence[Any]) -> tuple[InvoiceRequestRow, ...]:
    ids = [int(r.id) for r in found]
    reasons = _reasons(session, ids)
    counts = _order_counts(session, ids)
    return tuple(
        InvoiceRequestRow(
            id=int(r.id),
            branch_id=int(r.branch_id),
            branch_name=r.branch_name,
            customer_id=int(r.customer_id),
            customer_name=r.customer_name,
            title=r.title,
            tax_id=r.tax_id,
            email=r.email,
            amount_fen=int(r.amount_fen),
            state=r.state,
            created_at=r.created_at,
            order_count=counts.get(int(r.id), 0),
            invoice_id=int(r.invoice_id) if r.invoice_id is not None else None,
            invoice_no=r.invoice_no or "",
            invoice_state=r.invoice_state or "",
            issued_at=r.issued_at,
            reason=reasons.get(int(r.id), ""),
        )
        for r in found
    )


def list_invoice_requests(
    session: Session,
    *,
    actor: Actor,
    flt: InvoiceRequestFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "created_at",
    descending: bool = True,
) -> Page[InvoiceRequestRow]:
    """The finance queue: requests of the actor's branch (HQ: all, or one), filtered."""
    require(actor, Perm.FINANCE_VIEW)
    flt = flt or InvoiceRequestFilter()
    count = select(func.count()).select_from(
        REQUESTS.outerjoin(INVOICES, INVOICES.c.request_id == REQUESTS.c.id)
    )
    total = session.scalar(_filtered(count, actor, flt)) or 0
    column = REQUESTS.c[sort if sort in SORTABLE else "created_at"]
    order = [column.desc(), REQUESTS.c.id.desc()] if descending else [column, REQUESTS.c.id]
    found = session.execute(
        _filtered(_request_select(), actor, flt).order_by(*order).offset(offset).limit(limit)
    ).all()
    return Page(items=_rows(session, found), total=total, offset=offset)


def list_my_invoice_requests(
    session: Session, *, actor: Actor, state: str | None = None, offset: int = 0, limit: int = 50
) -> Page[InvoiceRequestRow]:
    """A customer's own requests, newest first, with the number or the reason."""
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("invoice.customers_only")
    where = [REQUESTS.c.customer_id == actor.id]
    if state:
        where.append(REQUESTS.c.state == state)
    total = session.scalar(select(func.count()).select_from(REQUESTS).where(*where)) or 0
    found = session.execute(
        _request_select()
        .where(*where)
        .order_by(REQUESTS.c.created_at.desc(), REQUESTS.c.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return Page(items=_rows(session, found), total=total, offset=offset)


def get_request_order_ids(session: Session, *, request_id: int) -> tuple[int, ...]:
    """The orders of a request, by id."""
    return tuple(
        int(i)
        for i in session.scalars(
            select(REQUEST_ORDERS.c.order_id)
            .where(REQUEST_ORDERS.c.request_id == request_id)
            .order_by(REQUEST_ORDERS.c.order_id)
        )
    )


def get_request_lines(
    session: Session, *, request_id: int, as_of: datetime | None = None
) -> tuple[RequestLine, ...]:
    """The orders of a request with what each one comes to (now, or at ``as_of``)."""
    rows = session.execute(
        select(Order.id, Order.order_no, Order.service_day, ServiceItem.name)
        .join(REQUEST_ORDERS, REQUEST_ORDERS.c.order_id == Order.id)
        .join(ServiceItem, ServiceItem.id == Order.item_id)
        .where(REQUEST_ORDERS.c.request_id == request_id)
        .order_by(Order.service_day, Order.id)
    ).all()
    amounts = get_net_paid(session, order_ids=[int(r.id) for r in rows], as_of=as_of)
    return tuple(
        RequestLine(int(r.id), r.order_no, r.name, r.service_day, amounts.get(int(r.id), 0))
        for r in rows
    )


def _actor_names(session: Session, events: Sequence[Any]) -> dict[tuple[str, int], str]:
    staff_ids = {int(e.actor_id) for e in events if e.actor_kind == "staff" and e.actor_id}
    customer_ids = {int(e.actor_id) for e in events if e.actor_kind == "customer" and e.actor_id}
    names: dict[tuple[str, int], str] = {}
    if staff_ids:
        for sid, name in session.execute(
            select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(staff_ids))
        ):
            names[("staff", int(sid))] = name
    if customer_ids:
        for cid, name in session.execute(
            select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids))
        ):
            names[("customer", int(cid))] = name
    return names


def _steps(session: Session, request_id: int, invoice_id: int | None) -> tuple[RequestStep, ...]:
    conditions = [and_(EVENTS.c.entity == "invoice_request", EVENTS.c.entity_id == request_id)]
    if invoice_id is not None:
        conditions.append(and_(EVENTS.c.entity == "invoice", EVENTS.c.entity_id == invoice_id))
    events = session.execute(select(EVENTS).where(or_(*conditions)).order_by(EVENTS.c.id)).all()
    names = _actor_names(session, events)
    return tuple(
        RequestStep(
            at=e.created_at,
            entity=e.entity,
            event=e.event,
            from_state=e.from_state,
            to_state=e.to_state,
            actor_name=names.get((e.actor_kind, int(e.actor_id or 0)), e.actor_kind),
            reason=e.reason,
        )
        for e in events
    )


def get_filing_ref(session: Session, *, invoice_id: int) -> str:
    """The filing reference kept on the invoice's ``issue`` event."""
    ref = session.scalar(
        select(EVENTS.c.reason)
        .where(
            EVENTS.c.entity == "invoice",
            EVENTS.c.entity_id == invoice_id,
            EVENTS.c.event == "issue",
        )
        .order_by(EVENTS.c.id.desc())
        .limit(1)
    )
    return ref or ""


def get_invoice_request(session: Session, *, actor: Actor, request_id: int) -> InvoiceRequestDetail:
    """One request with its orders (and what each comes to) and its history."""
    require(actor, Perm.FINANCE_VIEW)
    found = session.execute(_request_select().where(REQUESTS.c.id == request_id)).first()
    if found is None:
        raise NotFound("invoice_request", request_id)
    require_branch(actor, int(found.branch_id))
    row = _rows(session, [found])[0]
    # an open request shows what it comes to now (issuing checks it against the amount
    # asked for); a closed one what it came to when it was decided
    as_of = None if row.state == "requested" else (row.issued_at or row.created_at)
    lines = get_request_lines(session, request_id=request_id, as_of=as_of)
    filing = get_filing_ref(session, invoice_id=row.invoice_id) if row.invoice_id else ""
    return InvoiceRequestDetail(row, lines, _steps(session, request_id, row.invoice_id), filing)


# --- issued invoices -----------------------------------------------------------------


def _invoice_select() -> AnySelect:
    return (
        select(
            INVOICES,
            Branch.name.label("branch_name"),
            REQUESTS.c.title,
            REQUESTS.c.tax_id,
            REQUESTS.c.email,
            REQUESTS.c.customer_id,
            StaffUser.display_name.label("issued_by_name"),
        )
        .join(REQUESTS, REQUESTS.c.id == INVOICES.c.request_id)
        .join(Branch, Branch.id == INVOICES.c.branch_id)
        .outerjoin(StaffUser, StaffUser.id == INVOICES.c.issued_by)
    )


def _invoice_row(r: Any) -> InvoiceRow:
    return InvoiceRow(
        id=int(r.id),
        request_id=int(r.request_id),
        branch_id=int(r.branch_id),
        branch_name=r.branch_name,
        invoice_no=r.invoice_no,
        title=r.title,
        tax_id=r.tax_id,
        email=r.email,
        amount_fen=int(r.amount_fen),
        state=r.state,
        issued_at=r.issued_at,
        issued_by_name=r.issued_by_name or "",
        void_reason=r.void_reason or "",
        voided_at=r.voided_at,
    )


def _invoices_filtered(stmt: AnySelect, actor: Actor, flt: InvoiceFilter) -> AnySelect:
    scope = scope_branch_id(actor)
    branch_id = scope if scope is not None else flt.branch_id
    if branch_id is not None:
        stmt = stmt.where(INVOICES.c.branch_id == branch_id)
    if flt.state:
        stmt = stmt.where(INVOICES.c.state == flt.state)
    if flt.since is not None:
        stmt = stmt.where(INVOICES.c.issued_at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(INVOICES.c.issued_at < flt.until)
    return stmt


def list_invoices(
    session: Session,
    *,
    actor: Actor,
    flt: InvoiceFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "invoice_no",
    descending: bool = False,
) -> Page[InvoiceRow]:
    """Issued (and voided) invoices of the actor's branch, by number unless sorted."""
    require(actor, Perm.FINANCE_VIEW)
    flt = flt or InvoiceFilter()
    total = session.scalar(_invoices_filtered(select(func.count(INVOICES.c.id)), actor, flt)) or 0
    key = sort if sort in INVOICE_SORTABLE else "invoice_no"
    columns = (
        [INVOICES.c.branch_id, INVOICES.c.year, INVOICES.c.seq]
        if key == "invoice_no"
        else [INVOICES.c[key], INVOICES.c.id]
    )
    order = [c.desc() for c in columns] if descending else columns
    found = session.execute(
        _invoices_filtered(_invoice_select(), actor, flt)
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    ).all()
    return Page(items=tuple(_invoice_row(r) for r in found), total=total, offset=offset)


def get_invoice_document(session: Session, *, actor: Actor, invoice_id: int) -> InvoiceDocument:
    """An invoice as printed: the customer's own, or one of the staff member's branch."""
    found = session.execute(_invoice_select().where(INVOICES.c.id == invoice_id)).first()
    if actor.kind == "customer":
        if found is None or found.customer_id != actor.id:
            raise NotFound("invoice", invoice_id)
    else:
        require(actor, Perm.FINANCE_VIEW)
        if found is None:
            raise NotFound("invoice", invoice_id)
        require_branch(actor, int(found.branch_id))
    branch = session.get(Branch, int(found.branch_id))
    assert branch is not None
    lines = get_request_lines(session, request_id=int(found.request_id), as_of=found.issued_at)
    return InvoiceDocument(
        invoice_id=int(found.id),
        invoice_no=found.invoice_no,
        state=found.state,
        issued_at=found.issued_at,
        timezone=branch.timezone,
        seller_name=branch.name,
        seller_code=branch.code,
        seller_address=branch.address,
        seller_phone=branch.phone,
        buyer_title=found.title,
        buyer_tax_id=found.tax_id,
        buyer_email=found.email,
        lines=lines,
        amount_fen=int(found.amount_fen),
        issuer_name=found.issued_by_name or "",
        void_reason=found.void_reason or "",
        voided_at=found.voided_at,
        filing_ref=get_filing_ref(session, invoice_id=int(found.id)),
    )
