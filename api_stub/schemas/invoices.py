"""Invoices (发票) the customer asks for in the app, and their state."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from api_stub.localtime import in_zone, in_zone_or_none
from api_stub.money import yuan
from api_stub.schemas.customer_common import Id, Strict
from jiazheng_desk.services.invoice_views import InvoiceableOrder, InvoiceRequestRow
from jiazheng_desk.services.invoices import MAX_EMAIL, MAX_ORDERS, MAX_TITLE


class InvoiceRequestIn(Strict):
    buyer_kind: Literal["company", "personal"] = Field(
        description="company (needs its tax id) or personal (no tax id)."
    )
    title: str = Field(
        min_length=1, max_length=MAX_TITLE, description="The buyer's name as on the invoice."
    )
    tax_id: str | None = Field(
        default=None,
        max_length=32,
        description="A company's unified social credit code (18 characters); empty for a person.",
    )
    email: str = Field(
        min_length=3, max_length=MAX_EMAIL, description="Where the electronic invoice goes."
    )
    order_ids: list[Id] = Field(
        min_length=1,
        max_length=MAX_ORDERS,
        description="Own orders that are done and paid, of one branch.",
    )


class InvoiceRequestOut(Strict):
    id: int
    state: str = Field(
        description="requested (waiting for finance), issued, rejected, or voided "
        "(the invoice was voided; the orders can be asked for again)."
    )
    buyer_kind: str
    title: str
    tax_id: str
    email: str
    amount_fen: int
    amount: str
    order_count: int
    created_at: datetime
    invoice_id: int | None = Field(description="The invoice, once issued (its PDF).")
    invoice_no: str = Field(description="The invoice number, once issued.")
    issued_at: datetime | None
    reason: str = Field(description="Why it was rejected, or why its invoice was voided.")

    @classmethod
    def of(cls, r: InvoiceRequestRow) -> InvoiceRequestOut:
        return cls(
            id=r.id,
            state=r.state,
            buyer_kind="personal" if r.is_personal else "company",
            title=r.title,
            tax_id=r.tax_id,
            email=r.email,
            amount_fen=r.amount_fen,
            amount=yuan(r.amount_fen),
            order_count=r.order_count,
            created_at=in_zone(r.created_at),
            invoice_id=r.invoice_id,
            invoice_no=r.invoice_no,
            issued_at=in_zone_or_none(r.issued_at),
            reason=r.reason,
        )


class InvoiceRequestPage(Strict):
    items: list[InvoiceRequestOut]
    total: int


class InvoiceableOrderOut(Strict):
    id: int
    order_no: str
    service_name: str
    service_day: date
    amount_fen: int = Field(description="Paid less refunds: what the invoice would say.")
    amount: str

    @classmethod
    def of(cls, o: InvoiceableOrder) -> InvoiceableOrderOut:
        return cls(
            id=o.order_id,
            order_no=o.order_no,
            service_name=o.service_name,
            service_day=o.service_day,
            amount_fen=o.amount_fen,
            amount=yuan(o.amount_fen),
        )


class InvoiceableOrderList(Strict):
    items: list[InvoiceableOrderOut]


RequestState = Literal["requested", "issued", "rejected", "voided"]
