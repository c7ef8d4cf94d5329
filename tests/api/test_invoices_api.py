"""The customer's invoices over HTTP: ask, follow, download own PDFs; bad input is 4xx JSON."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import insert

from jiazheng_desk import clock
from jiazheng_desk.db import Database
from jiazheng_desk.models import Branch, Order, Payment
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import invoices
from jiazheng_desk.sync.gateways.invoice_sandbox import SandboxInvoiceGateway
from tests.api.customer_support import Shop, completed_order, error_of, open_shop
from tests.factories import actor, make_staff
from tests.invoice_factories import COMPANY_TAX_ID


@pytest.fixture
def shop(live_db: Database) -> Iterator[Shop]:
    with open_shop(live_db) as opened:
        yield opened


def paid(shop: Shop, hour: int) -> int:
    """A completed order of the shop's customer, paid in full."""
    order_id = completed_order(shop, hour=hour)
    with shop.db.session(write=True) as s:
        order = s.get(Order, order_id)
        s.execute(
            insert(table_of(Payment)),
            {
                "order_id": order_id,
                "customer_id": order.customer_id,
                "method": "wechat",
                "amount_fen": order.total_fen,
                "state": "confirmed",
                "created_at": clock.now() - timedelta(hours=1),
                "confirmed_at": clock.now() - timedelta(hours=1),
            },
        )
    return order_id


def body(order_ids: list[int], change: dict[str, object] | None = None) -> dict[str, object]:
    out: dict[str, object] = {
        "buyer_kind": "company",
        "title": "上海星河科技有限公司",
        "tax_id": COMPANY_TAX_ID,
        "email": "finance@xinghe.cn",
        "order_ids": order_ids,
    }
    out.update(change or {})
    return out


def issue(shop: Shop, request_id: int) -> int:
    with shop.db.session(write=True) as s:
        finance = actor(make_staff(s, role="finance", branch=s.get(Branch, shop.branch_id)))
        done = invoices.issue_invoice(
            s, actor=finance, request_id=request_id, gateway=SandboxInvoiceGateway()
        )
        assert done.row.invoice_id is not None
        return done.row.invoice_id


def test_ask_follow_and_download(shop: Shop) -> None:
    order = paid(shop, 9)
    offered = shop.call("GET", "/customer/invoiceable-orders")
    assert offered.status_code == 200, offered.text
    assert [o["id"] for o in offered.json()["items"]] == [order]
    made = shop.call("POST", "/customer/invoice-requests", json=body([order]))
    assert made.status_code == 201, made.text
    out = made.json()
    assert out["state"] == "requested" and out["buyer_kind"] == "company"
    assert out["invoice_id"] is None and out["invoice_no"] == ""
    assert out["amount"].startswith("¥")
    assert shop.call("GET", "/customer/invoiceable-orders").json()["items"] == []

    invoice_id = issue(shop, out["id"])
    listed = shop.call("GET", "/customer/invoice-requests").json()
    assert listed["total"] == 1
    row = listed["items"][0]
    assert row["state"] == "issued" and row["invoice_id"] == invoice_id
    assert row["invoice_no"].endswith("2026000001")
    assert shop.call("GET", "/customer/invoice-requests?state=requested").json()["total"] == 0

    pdf = shop.call("GET", f"/customer/invoices/{invoice_id}/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert row["invoice_no"] in pdf.headers["content-disposition"]
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "上海星河科技有限公司" in text and row["invoice_no"] in text


def test_another_customers_invoice_is_not_found(shop: Shop) -> None:
    made = shop.call("POST", "/customer/invoice-requests", json=body([paid(shop, 9)]))
    invoice_id = issue(shop, made.json()["id"])
    error_of(shop.call("GET", f"/customer/invoices/{invoice_id}/pdf", shop.other_token), 404)
    error_of(shop.call("GET", f"/customer/invoices/{invoice_id + 1000}/pdf"), 404)
    assert shop.call("GET", "/customer/invoice-requests", shop.other_token).json()["total"] == 0
    error_of(shop.call("GET", "/customer/invoice-requests", shop.worker_tokens[0]), 401)
    error_of(shop.call("GET", "/customer/invoice-requests", None), 401)


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"tax_id": "91350100M000100Y44"}, 422, "invoice.tax_id_check"),
        ({"tax_id": "12345"}, 422, "invoice.tax_id_length"),
        ({"tax_id": None}, 422, "invoice.tax_id_required"),
        ({"buyer_kind": "personal"}, 422, "invoice.personal_no_tax_id"),
        ({"email": "nobody"}, 422, "invoice.bad_email"),
        ({"buyer_kind": "group"}, 422, "validation"),
        ({"order_ids": []}, 422, "validation"),
        ({"order_ids": [0]}, 422, "validation"),
        ({"title": ""}, 422, "validation"),
        ({"extra": 1}, 422, "validation"),
    ],
)
def test_bad_input_is_a_clear_4xx(shop: Shop, change, status, code) -> None:
    order = paid(shop, 9)
    got = error_of(
        shop.call("POST", "/customer/invoice-requests", json=body([order], change)), status
    )
    assert got["error"] == code
    assert shop.call("GET", "/customer/invoice-requests").json()["total"] == 0


def test_an_order_is_asked_for_once_and_must_be_done(shop: Shop) -> None:
    order = paid(shop, 9)
    assert shop.call("POST", "/customer/invoice-requests", json=body([order])).status_code == 201
    again = error_of(shop.call("POST", "/customer/invoice-requests", json=body([order])), 409)
    assert again["error"] == "invoice.order_already_requested"
    assert order and "order" in again["message"].lower()
    unpaid = completed_order(shop, hour=14)
    got = error_of(shop.call("POST", "/customer/invoice-requests", json=body([unpaid])), 422)
    assert got["error"] == "invoice.order_not_paid"
    theirs = error_of(
        shop.call("POST", "/customer/invoice-requests", shop.other_token, json=body([order])),
        404,
    )
    assert theirs["error"] == "error.not_found"
