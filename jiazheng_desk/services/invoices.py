"""Invoices (发票): a customer asks in the app, finance issues, rejects or voids.

A request names the buyer (a company with its unified social credit code, or a person
without one), the email the electronic invoice goes to, and some of the customer's own
orders that are done and paid; its amount is what was paid for them less refunds. An
order belongs to at most one request that is waiting or issued; a rejection or a void
frees it to be asked for again.

The two state machines are explicit tables (``REQUEST_TRANSITIONS``,
``INVOICE_TRANSITIONS``); every step writes a ``state_event`` (entity ``invoice_request``
or ``invoice``, with actor and reason) and an audit row.

Issuing takes the next number of the branch and year under the counter's row lock
(``numbering.take_next``), writes the invoice and files it with the tax bureau's
gateway (数电发票; the sandbox in ``sync/gateways/invoice_sandbox.py``) in the same unit
of work: a filing refused rolls the number back with everything else, so numbers stay
gap-free. Voiding keeps the number (the invoice stays, marked void, with its reason).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg, t
from jiazheng_desk.models import Branch, Customer, Notification, Order
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, numbering
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_text
from jiazheng_desk.services.errors import (
    Conflict,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jiazheng_desk.services.invoice_views import (
    EVENTS,
    INVOICEABLE_ORDER_STATES,
    INVOICES,
    REQUEST_ORDERS,
    REQUESTS,
    InvoiceRequestDetail,
    InvoiceRequestRow,
    RequestLine,
    get_held_order_ids,
    get_invoice_request,
    get_net_paid,
    get_request_lines,
    list_my_invoice_requests,
    yuan_text,
)
from jiazheng_desk.services.payments import get_paid_amounts
from jiazheng_desk.services.permissions import Perm, require
from jiazheng_desk.services.state_events import state_event_row
from jiazheng_desk.services.tax_ids import clean_tax_id, normalise_tax_id
from jiazheng_desk.services.timeutil import local

SEQUENCE = "invoice"
BUYER_KINDS = ("company", "personal")
MAX_ORDERS = 50
MAX_TITLE = 128
MAX_EMAIL = 128
MAX_REASON = 255
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
# event -> {from state: to state}
REQUEST_TRANSITIONS: dict[str, dict[str, str]] = {
    "issue": {"requested": "issued"},
    "reject": {"requested": "rejected"},
    "void": {"issued": "voided"},
}
INVOICE_TRANSITIONS: dict[str, dict[str, str]] = {"void": {"issued": "void"}}


@dataclass(frozen=True)
class InvoiceFiling:
    """What is filed with the tax bureau's platform for one invoice."""

    invoice_no: str
    issued_at: datetime
    seller_name: str
    seller_code: str
    buyer_title: str
    buyer_tax_id: str
    buyer_email: str
    amount_fen: int
    lines: tuple[RequestLine, ...]


class InvoiceFilingFailed(Conflict):
    """The platform refused or could not be reached: nothing is issued, no number used."""

    key = "invoice.filing_failed"


class InvoiceGateway(Protocol):
    """The electronic invoice platform (数电发票), or its sandbox."""

    def file_invoice(self, filing: InvoiceFiling) -> str:
        """File an invoice; return the platform's reference (raise ``InvoiceFilingFailed``)."""
        ...

    def void_invoice(self, invoice_no: str, reason: str) -> str:
        """Void (红冲) a filed invoice; return the reference of the voiding."""
        ...


def format_invoice_no(branch_code: str, year: int, seq: int) -> str:
    """The printed number: the branch's code in capitals, the year, six digits (PD2026000123)."""
    prefix = re.sub(r"[^0-9A-Za-z]", "", branch_code).upper()[:16]
    return f"{prefix}{year:04d}{seq:06d}"


def next_state(table: dict[str, dict[str, str]], state: str, event: str) -> str:
    """The state after ``event``, or ``IllegalTransition`` in words."""
    target = table.get(event, {}).get(state)
    if target is None:
        raise IllegalTransition(
            "invoice.illegal_transition",
            event=Msg(f"invoice.event.{event}"),
            state=Msg(f"invoice.state.{state}"),
        )
    return target


def _reason(reason: str) -> str:
    return clean_text(
        reason,
        field="reason",
        label=Msg("invoice.field.reason"),
        max_len=MAX_REASON,
        required=True,
    )


def _notify(session: Session, customer_id: int, key: str, request_id: int, **params: Any) -> None:
    """A line in the customer's message centre (stored in the franchise's language)."""
    session.connection().execute(
        insert(table_of(Notification)),
        {
            "recipient_kind": "customer",
            "recipient_id": customer_id,
            "kind": "invoice",
            "title": t(f"{key}_title", lang="zh_CN"),
            "body": t(f"{key}_body", lang="zh_CN", **params),
            "entity": "invoice_request",
            "entity_id": request_id,
            "created_at": clock.now(),
        },
    )


# --- the customer asks ---------------------------------------------------------------


def _buyer(buyer_kind: str, title: str, tax_id: str | None) -> tuple[str, str]:
    if buyer_kind not in BUYER_KINDS:
        raise ValidationError("invoice.bad_buyer_kind", field="buyer_kind")
    clean_title = clean_text(
        title, field="title", label=Msg("invoice.field.title"), max_len=MAX_TITLE, required=True
    )
    if buyer_kind == "personal":
        if normalise_tax_id(tax_id):
            raise ValidationError("invoice.personal_no_tax_id", field="tax_id")
        return clean_title, ""
    if not normalise_tax_id(tax_id):
        raise ValidationError("invoice.tax_id_required", field="tax_id")
    return clean_title, clean_tax_id(tax_id)


def _email(email: str) -> str:
    text = clean_text(
        email, field="email", label=Msg("invoice.field.email"), max_len=MAX_EMAIL, required=True
    )
    if not EMAIL_RE.match(text):
        raise ValidationError("invoice.bad_email", field="email")
    return text


def _orders(session: Session, customer_id: int, order_ids: Sequence[int]) -> list[Any]:
    ids = list(dict.fromkeys(order_ids))
    if not ids:
        raise ValidationError("invoice.orders_required", field="order_ids")
    if len(ids) > MAX_ORDERS:
        raise ValidationError("invoice.too_many_orders", field="order_ids", max=MAX_ORDERS)
    found = {
        int(r.id): r
        for r in session.execute(
            select(Order.id, Order.order_no, Order.branch_id, Order.customer_id, Order.state)
            .add_columns(Order.total_fen)
            .where(Order.id.in_(ids))
        )
    }
    rows = []
    for order_id in ids:
        row = found.get(order_id)
        if row is None or row.customer_id != customer_id:
            raise NotFound("order", order_id)
        if row.state not in INVOICEABLE_ORDER_STATES:
            raise ValidationError(
                "invoice.order_not_done", field="order_ids", order_no=row.order_no
            )
        rows.append(row)
    if len({r.branch_id for r in rows}) > 1:
        raise ValidationError("invoice.orders_two_branches", field="order_ids")
    return rows


def request_invoice(
    session: Session,
    *,
    actor: Actor,
    buyer_kind: str,
    title: str,
    tax_id: str | None,
    email: str,
    order_ids: Sequence[int],
) -> InvoiceRequestRow:
    """A customer's request for an invoice over some of their own done and paid orders."""
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("invoice.customers_only")
    clean_title, clean_tax = _buyer(buyer_kind, title, tax_id)
    clean_email = _email(email)
    conn = session.connection()
    # one customer's requests one at a time: two taps on "submit" cannot both take an order
    locked = conn.execute(
        select(Customer.id).where(Customer.id == actor.id).with_for_update()
    ).first()
    if locked is None:
        raise NotFound("customer", actor.id)
    rows = _orders(session, actor.id, order_ids)
    ids = [int(r.id) for r in rows]
    held = get_held_order_ids(session, order_ids=ids)
    paid = get_paid_amounts(session, order_ids=ids)
    net = get_net_paid(session, order_ids=ids)
    for r in rows:
        if r.id in held:
            raise Conflict("invoice.order_already_requested", order_no=r.order_no)
        if paid.get(r.id, 0) < int(r.total_fen):
            raise ValidationError("invoice.order_not_paid", field="order_ids", order_no=r.order_no)
        if net[r.id] <= 0:
            raise ValidationError("invoice.order_refunded", field="order_ids", order_no=r.order_no)
    amount = sum(net.values())
    now = clock.now()
    branch_id = int(rows[0].branch_id)
    request_id = inserted_id(
        conn.execute(
            insert(REQUESTS),
            {
                "customer_id": actor.id,
                "branch_id": branch_id,
                "title": clean_title,
                "tax_id": clean_tax,
                "email": clean_email,
                "amount_fen": amount,
                "state": "requested",
                "created_at": now,
            },
        )
    )
    conn.execute(insert(REQUEST_ORDERS), [{"request_id": request_id, "order_id": i} for i in ids])
    conn.execute(
        insert(EVENTS),
        state_event_row("invoice_request", request_id, "create", "", "requested", actor, "", now),
    )
    audit.record(
        session,
        actor=actor,
        action="invoice.request",
        entity="invoice_request",
        entity_id=request_id,
        after={
            "title": clean_title,
            "tax_id": clean_tax,
            "amount_fen": amount,
            "order_ids": ids,
        },
        branch_id=branch_id,
    )
    return list_my_invoice_requests(session, actor=actor, limit=1).items[0]


# --- finance decides -----------------------------------------------------------------


def _lock_request(session: Session, request_id: int) -> Any:
    row = session.execute(
        select(REQUESTS).where(REQUESTS.c.id == request_id).with_for_update()
    ).first()
    if row is None:
        raise NotFound("invoice_request", request_id)
    return row


def issue_invoice(
    session: Session, *, actor: Actor, request_id: int, gateway: InvoiceGateway
) -> InvoiceRequestDetail:
    """Issue the invoice of a waiting request: the next number, filed with the platform."""
    require(actor, Perm.INVOICE_ISSUE)
    request = _lock_request(session, request_id)
    require(actor, Perm.INVOICE_ISSUE, branch_id=int(request.branch_id))
    to_state = next_state(REQUEST_TRANSITIONS, request.state, "issue")
    lines = get_request_lines(session, request_id=request_id)
    total = sum(line.amount_fen for line in lines)
    if total != int(request.amount_fen):
        # refunded since it was asked for: the customer asks again for what is left
        raise Conflict(
            "invoice.amount_changed", asked=yuan_text(int(request.amount_fen)), now=yuan_text(total)
        )
    if get_held_order_ids(
        session, order_ids=[x.order_id for x in lines], except_request=request_id
    ):
        raise Conflict("invoice.orders_taken")
    branch = session.get(Branch, int(request.branch_id))
    assert branch is not None
    now = clock.now()
    year = local(now, branch.timezone).year
    conn = session.connection()
    seq = numbering.take_next(conn, name=SEQUENCE, branch_id=branch.id, year=year)
    invoice_no = format_invoice_no(branch.code, year, seq)
    invoice_id = inserted_id(
        conn.execute(
            insert(INVOICES),
            {
                "request_id": request_id,
                "branch_id": branch.id,
                "year": year,
                "seq": seq,
                "invoice_no": invoice_no,
                "amount_fen": total,
                "state": "issued",
                "issued_by": actor.id if actor.is_staff else None,
                "issued_at": now,
                "void_reason": "",
                "voided_at": None,
            },
        )
    )
    filing_ref = gateway.file_invoice(
        InvoiceFiling(
            invoice_no=invoice_no,
            issued_at=now,
            seller_name=branch.name,
            seller_code=branch.code,
            buyer_title=request.title,
            buyer_tax_id=request.tax_id,
            buyer_email=request.email,
            amount_fen=total,
            lines=lines,
        )
    )
    conn.execute(update(REQUESTS).where(REQUESTS.c.id == request_id).values(state=to_state))
    conn.execute(
        insert(EVENTS),
        [
            state_event_row(
                "invoice_request", request_id, "issue", request.state, to_state, actor, "", now
            ),
            # the filing reference is kept as the issue event's reason
            state_event_row("invoice", invoice_id, "issue", "", "issued", actor, filing_ref, now),
        ],
    )
    _notify(
        session,
        int(request.customer_id),
        "invoice.issued",
        request_id,
        invoice_no=invoice_no,
        email=request.email,
    )
    audit.record(
        session,
        actor=actor,
        action="invoice.issue",
        entity="invoice",
        entity_id=invoice_id,
        before={"request_id": request_id, "state": request.state},
        after={
            "invoice_no": invoice_no,
            "amount_fen": total,
            "filing_ref": filing_ref,
        },
        branch_id=branch.id,
    )
    return get_invoice_request(session, actor=actor, request_id=request_id)


def reject_invoice_request(
    session: Session, *, actor: Actor, request_id: int, reason: str
) -> InvoiceRequestDetail:
    """Turn a waiting request down with a reason the customer reads; its orders are free."""
    require(actor, Perm.INVOICE_ISSUE)
    why = _reason(reason)
    request = _lock_request(session, request_id)
    require(actor, Perm.INVOICE_ISSUE, branch_id=int(request.branch_id))
    to_state = next_state(REQUEST_TRANSITIONS, request.state, "reject")
    now = clock.now()
    conn = session.connection()
    conn.execute(update(REQUESTS).where(REQUESTS.c.id == request_id).values(state=to_state))
    conn.execute(
        insert(EVENTS),
        state_event_row(
            "invoice_request", request_id, "reject", request.state, to_state, actor, why, now
        ),
    )
    _notify(session, int(request.customer_id), "invoice.rejected", request_id, reason=why)
    audit.record(
        session,
        actor=actor,
        action="invoice.reject",
        entity="invoice_request",
        entity_id=request_id,
        before={"state": request.state},
        after={"state": to_state, "reason": why},
        branch_id=int(request.branch_id),
    )
    return get_invoice_request(session, actor=actor, request_id=request_id)


def void_invoice(
    session: Session, *, actor: Actor, invoice_id: int, reason: str, gateway: InvoiceGateway
) -> InvoiceRequestDetail:
    """Void an issued invoice with a reason: its number stays used, its orders are free."""
    require(actor, Perm.INVOICE_ISSUE)
    why = _reason(reason)
    conn = session.connection()
    invoice = conn.execute(
        select(INVOICES).where(INVOICES.c.id == invoice_id).with_for_update()
    ).first()
    if invoice is None:
        raise NotFound("invoice", invoice_id)
    require(actor, Perm.INVOICE_ISSUE, branch_id=int(invoice.branch_id))
    to_state = next_state(INVOICE_TRANSITIONS, invoice.state, "void")
    request = _lock_request(session, int(invoice.request_id))
    request_to = next_state(REQUEST_TRANSITIONS, request.state, "void")
    void_ref = gateway.void_invoice(invoice.invoice_no, why)
    now = clock.now()
    conn.execute(
        update(INVOICES)
        .where(INVOICES.c.id == invoice_id)
        .values(state=to_state, void_reason=why, voided_at=now)
    )
    conn.execute(update(REQUESTS).where(REQUESTS.c.id == request.id).values(state=request_to))
    conn.execute(
        insert(EVENTS),
        [
            state_event_row(
                "invoice", invoice_id, "void", invoice.state, to_state, actor, why, now
            ),
            state_event_row(
                "invoice_request",
                int(request.id),
                "void",
                request.state,
                request_to,
                actor,
                why,
                now,
            ),
        ],
    )
    _notify(
        session,
        int(request.customer_id),
        "invoice.voided",
        int(request.id),
        invoice_no=invoice.invoice_no,
        reason=why,
    )
    audit.record(
        session,
        actor=actor,
        action="invoice.void",
        entity="invoice",
        entity_id=invoice_id,
        before={"state": invoice.state, "invoice_no": invoice.invoice_no},
        after={"state": to_state, "reason": why, "void_ref": void_ref},
        branch_id=int(invoice.branch_id),
    )
    return get_invoice_request(session, actor=actor, request_id=int(request.id))
