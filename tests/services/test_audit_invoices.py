"""Every mutation of invoices writes its audit row (and its state event)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import StateEvent
from jiazheng_desk.services import invoices
from jiazheng_desk.sync.gateways.invoice_sandbox import SandboxInvoiceGateway
from tests.invoice_factories import ask, open_shop, paid_order
from tests.services.audit_support import audit_rows

Case = tuple[Callable[[], Any], Callable[[Any], Any], str]
GATEWAY = SandboxInvoiceGateway()


def _cases(db: Any) -> dict[str, Case]:
    """name -> (prepare, call with what prepare made, expected audit action)."""
    shop = open_shop(db)

    def requested() -> int:
        return ask(db, shop, [paid_order(db, shop)]).id

    def issued() -> int:
        done = invoices.issue_invoice(
            db, actor=shop.finance, request_id=requested(), gateway=GATEWAY
        )
        assert done.row.invoice_id is not None
        return done.row.invoice_id

    return {
        "invoices.request_invoice": (
            lambda: paid_order(db, shop),
            lambda order: ask(db, shop, [order]),
            "invoice.request",
        ),
        "invoices.issue_invoice": (
            requested,
            lambda rid: invoices.issue_invoice(
                db, actor=shop.finance, request_id=rid, gateway=GATEWAY
            ),
            "invoice.issue",
        ),
        "invoices.reject_invoice_request": (
            requested,
            lambda rid: invoices.reject_invoice_request(
                db, actor=shop.finance, request_id=rid, reason="抬头有误"
            ),
            "invoice.reject",
        ),
        "invoices.void_invoice": (
            issued,
            lambda iid: invoices.void_invoice(
                db, actor=shop.finance, invoice_id=iid, reason="重复开票", gateway=GATEWAY
            ),
            "invoice.void",
        ),
    }


INVOICES_MUTATIONS = [
    "invoices.request_invoice",
    "invoices.issue_invoice",
    "invoices.reject_invoice_request",
    "invoices.void_invoice",
]
# reads without a read prefix: none
INVOICES_READS: set[str] = set()


@pytest.mark.parametrize("name", INVOICES_MUTATIONS)
def test_every_invoice_mutation_writes_an_audit_row_and_a_state_event(db, name):
    clock.freeze(datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    prepare, call, action = _cases(db)[name]
    prepared = prepare()
    before = audit_rows(db, action)
    events = db.scalar(select(func.count()).select_from(StateEvent)) or 0
    call(prepared)
    db.flush()
    assert audit_rows(db, action) == before + 1
    assert (db.scalar(select(func.count()).select_from(StateEvent)) or 0) > events
