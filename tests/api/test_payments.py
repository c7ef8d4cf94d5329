"""Paying over HTTP: the intent (idempotent), the signed callback (idempotent, verified)."""

from __future__ import annotations

import logging
import threading
import uuid

import pytest
from sqlalchemy import func, select

from api_stub.app import API_PREFIX
from jiazheng_desk.models import Notification, Order, OrderEvent, Payment
from jiazheng_desk.sync.gateways.payment_sandbox import (
    SIGNATURE_HEADER,
    SandboxPaymentGateway,
    sign,
)
from tests.api.customer_support import SECRET, error_of, open_shop


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        yield opened


def _pay(shop, order_id, method="wechat", *, key=None, token=""):
    return shop.call(
        "POST",
        f"/customer/orders/{order_id}/payments",
        token,
        json={"method": method},
        headers={"Idempotency-Key": key or uuid.uuid4().hex},
    )


def _callback(shop, ref, amount, status="paid", *, signature=None, body=None):
    raw, good = shop.gateway.callback(ref, amount, status)
    raw = body if body is not None else raw
    return shop.client.post(
        f"{API_PREFIX}/payments/callback",
        content=raw,
        headers={
            "Content-Type": "application/json",
            SIGNATURE_HEADER: good if signature is None else signature,
            "Accept-Language": "en",
        },
    )


def _pay_first_order(shop) -> int:
    reply = shop.book(shop.booking(hour=9))
    assert reply.status_code == 201, reply.text
    assert reply.json()["order"]["state"] == "pending_payment"
    return int(reply.json()["order"]["id"])


def _state(shop, order_id):
    with shop.db.session() as s:
        return s.scalar(select(Order.state).where(Order.id == order_id))


def _count(shop, model, *where):
    with shop.db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_paying_then_the_callback_confirms_the_order(shop):
    order_id = _pay_first_order(shop)
    started = _pay(shop, order_id)
    assert started.status_code == 201, started.text
    body = started.json()
    payment = body["payment"]
    assert (payment["state"], payment["amount_fen"], payment["amount"]) == (
        "pending",
        10_000,
        "¥100.00",
    )
    assert body["intent"]["gateway_ref"] == f"SBX-{payment['id']}"
    assert body["intent"]["pay_url"].startswith("https://pay.sandbox.invalid/wechat/")
    confirmed = _callback(shop, payment["gateway_ref"], 10_000)
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json() == {
        "ok": True,
        "payment_id": payment["id"],
        "payment_state": "confirmed",
        "order_state": "confirmed",
        "changed": True,
    }
    detail = shop.call("GET", f"/customer/orders/{order_id}").json()
    assert (detail["state"], detail["paid_fen"], detail["is_paid"], detail["due"]) == (
        "confirmed",
        10_000,
        True,
        "¥0.00",
    )
    assert detail["events"][-1]["event"] == "confirm"
    notes = shop.call("GET", "/customer/notifications").json()["items"]
    assert notes[0]["kind"] == "payment_confirmed" and "¥100.00" in notes[0]["body"]
    # paid in full: another payment is refused
    assert error_of(_pay(shop, order_id), 409)["error"] == "payment.already_paid"


def test_a_repeated_callback_changes_nothing(shop):
    order_id = _pay_first_order(shop)
    ref = _pay(shop, order_id).json()["payment"]["gateway_ref"]
    assert _callback(shop, ref, 10_000).json()["changed"] is True
    events = _count(shop, OrderEvent, OrderEvent.order_id == order_id)
    notes = _count(shop, Notification)
    again = _callback(shop, ref, 10_000)
    assert again.status_code == 200
    assert (again.json()["changed"], again.json()["order_state"]) == (False, "confirmed")
    assert _count(shop, OrderEvent, OrderEvent.order_id == order_id) == events
    assert _count(shop, Notification) == notes
    assert _count(shop, Payment, Payment.state == "confirmed") == 1


def test_simultaneous_callbacks_confirm_once(shop):
    order_id = _pay_first_order(shop)
    ref = _pay(shop, order_id).json()["payment"]["gateway_ref"]
    answers: list[bool] = []
    start = threading.Barrier(4)

    def post() -> None:
        start.wait()
        reply = _callback(shop, ref, 10_000)
        assert reply.status_code == 200, reply.text
        answers.append(reply.json()["changed"])

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [False, False, False, True]
    assert (
        _count(shop, OrderEvent, OrderEvent.order_id == order_id, OrderEvent.event == "confirm")
        == 1
    )


@pytest.mark.parametrize("signature", ["", "0" * 64, "not hex at all", "签名"])
def test_a_bad_signature_is_refused_and_logged(shop, caplog, signature):
    order_id = _pay_first_order(shop)
    ref = _pay(shop, order_id).json()["payment"]["gateway_ref"]
    caplog.set_level(logging.WARNING, logger="api_stub.routers.payments")
    raw, _ = shop.gateway.callback(ref, 10_000)
    reply = shop.client.post(
        f"{API_PREFIX}/payments/callback",
        content=raw,
        headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature.encode()},
    )
    assert error_of(reply, 401)["error"] == "payment.bad_signature"
    assert any("bad signature" in r.getMessage() for r in caplog.records)
    assert _state(shop, order_id) == "pending_payment"
    assert _count(shop, Payment, Payment.state == "confirmed") == 0


def test_a_body_changed_after_signing_is_refused(shop):
    order_id = _pay_first_order(shop)
    ref = _pay(shop, order_id).json()["payment"]["gateway_ref"]
    _, signature = shop.gateway.callback(ref, 1)
    forged, _ = shop.gateway.callback(ref, 10_000)
    assert error_of(_callback(shop, ref, 10_000, signature=signature, body=forged), 401)
    assert _state(shop, order_id) == "pending_payment"


def test_without_a_secret_every_callback_is_refused(shop):
    order_id = _pay_first_order(shop)
    ref = _pay(shop, order_id).json()["payment"]["gateway_ref"]
    shop.client.app.state.payment_gateway = SandboxPaymentGateway("")
    body, _ = shop.gateway.callback(ref, 10_000)
    reply = shop.client.post(
        f"{API_PREFIX}/payments/callback",
        content=body,
        headers={SIGNATURE_HEADER: sign("", body)},
    )
    assert error_of(reply, 401)
    assert _state(shop, order_id) == "pending_payment"


def test_a_wrong_amount_is_refused_and_logged(shop, caplog):
    caplog.set_level(logging.WARNING, logger="jiazheng_desk.services.payments")
    order_id = _pay_first_order(shop)
    ref = _pay(shop, order_id).json()["payment"]["gateway_ref"]
    reply = _callback(shop, ref, 9_999)
    assert error_of(reply, 409)["error"] == "payment.amount_mismatch"
    assert any("expected 10000 fen" in r.getMessage() for r in caplog.records)
    assert _state(shop, order_id) == "pending_payment"


def test_a_failed_payment_leaves_the_order_waiting(shop):
    order_id = _pay_first_order(shop)
    ref = _pay(shop, order_id).json()["payment"]["gateway_ref"]
    reply = _callback(shop, ref, 10_000, "failed")
    assert reply.json()["payment_state"] == "failed"
    assert _state(shop, order_id) == "pending_payment"
    # the customer tries again with another method
    retry = _pay(shop, order_id, "alipay")
    assert retry.status_code == 201 and retry.json()["payment"]["method"] == "alipay"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"gateway_ref": "SBX-999999", "amount_fen": 1, "status": "paid"}', 404),
        (b'{"gateway_ref": "SBX-1", "amount_fen": 1, "status": "maybe"}', 422),
        (b'{"gateway_ref": "SBX-1", "amount_fen": -1, "status": "paid"}', 422),
        (b'{"gateway_ref": "SBX-1"', 400),
    ],
)
def test_signed_nonsense_is_a_4xx(shop, body, status):
    reply = shop.client.post(
        f"{API_PREFIX}/payments/callback",
        content=body,
        headers={SIGNATURE_HEADER: sign(SECRET, body)},
    )
    error_of(reply, status)


def test_starting_a_payment_is_idempotent(shop):
    order_id = _pay_first_order(shop)
    key = uuid.uuid4().hex
    first = _pay(shop, order_id, key=key)
    again = _pay(shop, order_id, key=key)
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert _count(shop, Payment) == 1
    assert error_of(_pay(shop, order_id, "alipay", key=key), 422)["error"] == (
        "idempotency.key_reused"
    )
    assert (
        error_of(
            shop.call("POST", f"/customer/orders/{order_id}/payments", json={"method": "wechat"}),
            400,
        )["error"]
        == "idempotency.key_required"
    )
    assert _count(shop, Payment) == 1


def test_a_new_payment_replaces_the_pending_one(shop):
    order_id = _pay_first_order(shop)
    old = _pay(shop, order_id, "wechat").json()["payment"]
    new = _pay(shop, order_id, "card").json()["payment"]
    with shop.db.session() as s:
        states = dict(s.execute(select(Payment.id, Payment.state)).all())
    assert states == {old["id"]: "cancelled", new["id"]: "pending"}
    # the abandoned one paid after all: the money came in, it is confirmed
    assert _callback(shop, old["gateway_ref"], 10_000).json()["payment_state"] == "confirmed"


@pytest.mark.parametrize(("method", "status"), [("bitcoin", 422), ("wechat", 404)])
def test_payment_refusals(shop, method, status):
    order_id = _pay_first_order(shop)
    reply = _pay(shop, order_id, method, token=shop.other_token)
    error_of(reply, status)
    assert _count(shop, Payment) == 0


def test_a_cancelled_order_cannot_be_paid(shop):
    order_id = _pay_first_order(shop)
    shop.call("POST", f"/customer/orders/{order_id}/cancel", json={"reason": "不要了"})
    assert error_of(_pay(shop, order_id), 409)["error"] == "payment.not_payable"
