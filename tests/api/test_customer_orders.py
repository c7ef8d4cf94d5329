"""The customer's bookings over HTTP: slots, quotes, booking (idempotent), list, detail,
cancel, move — and nobody sees anyone else's."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select, update

from jiazheng_desk import clock
from jiazheng_desk.models import IdempotencyRecord, Order, ServiceRecord
from jiazheng_desk.models.base import table_of
from tests.api.customer_support import DAY, NOW, error_of, open_shop
from tests.booking_factories import local


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        yield opened


def _orders(shop) -> int:
    with shop.db.session() as s:
        return s.scalar(select(func.count(Order.id))) or 0


# --- booking ---------------------------------------------------------------------------


def test_booking_a_chosen_worker_holds_them_and_reads_back(shop):
    reply = shop.book(shop.booking(worker_id=shop.worker_ids[0], note="门禁 1234#"))
    assert reply.status_code == 201, reply.text
    order = reply.json()["order"]
    assert order["state"] == "accepted" and order["channel"] == "app"
    assert order["worker"] == {"id": shop.worker_ids[0], "display_name": "王老师"}
    assert order["starts_at"] == "2026-11-23T09:00:00+08:00"
    assert order["ends_at"] == "2026-11-23T11:00:00+08:00"
    assert (order["total_fen"], order["total"]) == (10_000, "¥100.00")
    assert (order["due_fen"], order["is_paid"], order["note"]) == (10_000, False, "门禁 1234#")
    assert reply.json()["series"] is None
    detail = shop.call("GET", f"/customer/orders/{order['id']}")
    assert detail.status_code == 200
    assert detail.json()["order_no"] == order["order_no"]
    assert [e["event"] for e in detail.json()["events"]] == ["create", "assign"]
    assert detail.json()["live"] == {
        "on_the_way": False,
        "position": None,
        "eta_minutes": None,
        "eta_at": None,
    }
    listed = shop.call("GET", "/customer/orders").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == order["id"]
    # nothing personal about the worker leaves: no phone, no full name
    assert "139" not in detail.text and "王0芳" not in detail.text


def test_without_a_worker_it_is_pay_first_and_auto_finds_one(shop):
    waiting = shop.book(shop.booking(hour=9))
    assert waiting.status_code == 201, waiting.text
    assert (waiting.json()["order"]["state"], waiting.json()["order"]["worker"]) == (
        "pending_payment",
        None,
    )
    auto = shop.book(shop.booking(hour=14, auto=True))
    assert auto.status_code == 201, auto.text
    assert auto.json()["order"]["state"] == "accepted"
    assert auto.json()["order"]["worker"]["id"] in shop.worker_ids


def test_a_taken_worker_is_a_409_with_the_reason_and_nothing_is_left(shop):
    assert shop.book(shop.booking(worker_id=shop.worker_ids[0])).status_code == 201
    before = _orders(shop)
    key = uuid.uuid4().hex
    taken = shop.book(shop.booking(hour=10, worker_id=shop.worker_ids[0]), key=key)
    body = error_of(taken, 409)
    assert "already booked for 23 Nov 09:00–11:00" in body["message"]
    assert _orders(shop) == before
    with shop.db.session() as s:  # the refused request did not keep its key either
        assert s.scalar(select(IdempotencyRecord.id).where(IdempotencyRecord.key == key)) is None
    # ... so the key is free: the app may retry with it, here with the other worker
    later = shop.book(shop.booking(hour=10, worker_id=shop.worker_ids[1]), key=key)
    assert later.status_code == 201, later.text


def test_a_repeat_with_the_same_key_returns_the_first_answer(shop):
    key = uuid.uuid4().hex
    body = shop.booking(worker_id=shop.worker_ids[0])
    first = shop.book(body, key=key)
    assert first.status_code == 201
    again = shop.book(body, key=key)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert _orders(shop) == 1
    other = shop.book(shop.booking(hour=15, worker_id=shop.worker_ids[0]), key=key)
    assert error_of(other, 422)["error"] == "idempotency.key_reused"
    assert _orders(shop) == 1
    # keys belong to one customer: the other customer's same key is theirs alone
    theirs = shop.book(
        shop.booking(hour=15, address_id=shop.other_address_id), key=key, token=shop.other_token
    )
    assert theirs.status_code == 201
    assert _orders(shop) == 2


@pytest.mark.parametrize(
    ("key", "code"),
    [
        (None, "idempotency.key_required"),
        ("x" * 65, "idempotency.bad_key"),
        ("has space", "idempotency.bad_key"),
    ],
)
def test_booking_needs_a_usable_key(shop, key, code):
    headers = {} if key is None else {"Idempotency-Key": key}
    reply = shop.call(
        "POST",
        "/customer/orders",
        json=shop.booking(worker_id=shop.worker_ids[0]),
        headers=headers,
    )
    body = error_of(reply, 400)
    assert (body["error"], body["field"]) == (code, "Idempotency-Key")
    assert _orders(shop) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": "2026-11-23T09:00:00"}, "starts_at"),  # no offset
        ({"units": 0}, "units"),
        ({"units": 1}, "units"),  # below the item's minimum
        ({"starts_at": (NOW + timedelta(minutes=20)).isoformat()}, "starts_at"),
        ({"auto": True}, "auto"),  # and a worker
        ({"colour": "blue"}, "colour"),
        ({"option_ids": [999999]}, "option_ids"),
        ({"item_id": "abc"}, "item_id"),
    ],
)
def test_bad_input_is_a_4xx_naming_the_field(shop, change, field):
    reply = shop.book(shop.booking(worker_id=shop.worker_ids[0], **change))
    body = error_of(reply, 422)
    assert body["field"] == field
    assert _orders(shop) == 0


def test_someone_elses_address_is_not_found(shop):
    reply = shop.book(shop.booking(address_id=shop.other_address_id, worker_id=shop.worker_ids[0]))
    assert error_of(reply, 404)["error"] == "error.not_found"
    assert _orders(shop) == 0


def test_without_a_login_it_is_401(shop):
    assert error_of(shop.book(token=None), 401)["error"] == "app.no_token"
    assert error_of(shop.call("GET", "/customer/orders", None), 401)


def test_a_recurring_booking_books_its_visits(shop):
    reply = shop.book(
        shop.booking(worker_id=shop.worker_ids[0], repeat={"rule": "weekly", "count": 3})
    )
    assert reply.status_code == 201, reply.text
    series = reply.json()["series"]
    assert len(series["order_ids"]) == 3 and series["unassigned"] == []
    listed = shop.call("GET", "/customer/orders").json()["items"]
    assert sorted(r["starts_at"][:10] for r in listed) == [
        "2026-11-23",
        "2026-11-30",
        "2026-12-07",
    ]
    assert {r["kind"] for r in listed} == {"series"}


def test_a_placement_books_its_days(shop):
    body = shop.booking(
        item_id=shop.placement_item_id,
        units=5,
        worker_id=shop.worker_ids[1],
        days_off=[str(DAY + timedelta(days=2))],
    )
    reply = shop.book(body)
    assert reply.status_code == 201, reply.text
    order = reply.json()["order"]
    assert (order["kind"], order["units"], order["days_off"]) == (
        "placement",
        5,
        ["2026-11-25"],
    )
    assert order["ends_at"] == "2026-11-28T09:00:00+08:00"


# --- reading ---------------------------------------------------------------------------


def test_the_list_pages_and_filters_by_state(shop):
    for hour in (9, 12, 15):
        assert shop.book(shop.booking(hour=hour, worker_id=shop.worker_ids[0])).status_code == 201
    assert shop.book(shop.booking(hour=9)).status_code == 201
    page = shop.call("GET", "/customer/orders", params={"limit": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2
    accepted = shop.call("GET", "/customer/orders", params={"state": "accepted"}).json()
    assert accepted["total"] == 3
    both = shop.call(
        "GET", "/customer/orders", params={"state": ["accepted", "pending_payment"]}
    ).json()
    assert both["total"] == 4
    body = error_of(shop.call("GET", "/customer/orders", params={"state": "lost"}), 422)
    assert body["field"] == "state"
    # the other customer has none
    assert shop.call("GET", "/customer/orders", shop.other_token).json()["total"] == 0


def test_another_customers_order_is_404_everywhere(shop):
    order_id = shop.book().json()["order"]["id"]
    them = shop.other_token
    for method, path, body in (
        ("GET", f"/customer/orders/{order_id}", None),
        ("GET", f"/customer/orders/{order_id}/cancel-fee", None),
        ("POST", f"/customer/orders/{order_id}/cancel", {"reason": "不要了"}),
        (
            "POST",
            f"/customer/orders/{order_id}/reschedule",
            {"starts_at": local(DAY, 14).isoformat()},
        ),
        ("GET", f"/customer/orders/{order_id}/messages", None),
        ("POST", f"/customer/orders/{order_id}/messages", {"body": "你好"}),
    ):
        reply = shop.call(method, path, them, json=body)
        assert error_of(reply, 404)["error"] == "error.not_found", (method, path)
    assert error_of(shop.call("GET", "/customer/orders/999999"), 404)
    # and nothing changed
    assert shop.call("GET", f"/customer/orders/{order_id}").json()["state"] == "accepted"


def test_on_the_way_shows_the_position_and_eta(shop):
    order_id = shop.book().json()["order"]["id"]
    with shop.db.session(write=True) as s:
        s.execute(update(table_of(Order)).where(Order.id == order_id).values(state="on_the_way"))
        s.execute(
            insert(table_of(ServiceRecord)),
            {
                "order_id": order_id,
                "worker_id": shop.worker_ids[0],
                "kind": "location",
                "lat": 31.2417,
                "lng": 121.4846,
                "created_at": clock.now(),
            },
        )
    live = shop.call("GET", f"/customer/orders/{order_id}").json()["live"]
    assert live["on_the_way"] is True
    assert live["position"] == {
        "lat": 31.2417,
        "lng": 121.4846,
        "at": "2026-11-20T09:00:00+08:00",
    }
    # 1.1 km × 1.4 road factor at 20 km/h: 5 minutes
    assert live["eta_minutes"] == 5
    assert live["eta_at"] == "2026-11-20T09:05:00+08:00"


# --- cancelling and moving -------------------------------------------------------------


def test_cancel_shows_the_fee_and_holds_to_it(shop):
    order_id = shop.book(shop.booking(worker_id=shop.worker_ids[0])).json()["order"]["id"]
    fee = shop.call("GET", f"/customer/orders/{order_id}/cancel-fee").json()
    assert fee == {"fee_fen": 0, "fee": "¥0.00", "rule": "free", "hours_before": 72.0}
    clock.advance(timedelta(hours=60))  # now inside the 24 hours: a late fee
    refused = shop.call(
        "POST",
        f"/customer/orders/{order_id}/cancel",
        json={"reason": "临时有事", "expected_fee_fen": 0},
    )
    assert "2000" in error_of(refused, 409)["message"]
    done = shop.call(
        "POST",
        f"/customer/orders/{order_id}/cancel",
        json={"reason": "临时有事", "expected_fee_fen": 2000},
    )
    assert done.status_code == 200, done.text
    assert (done.json()["state"], done.json()["cancel_fee_fen"]) == ("cancelled", 2000)
    again = shop.call("POST", f"/customer/orders/{order_id}/cancel", json={"reason": "再取消"})
    assert error_of(again, 409)["error"] == "error.illegal_transition"
    assert (
        error_of(shop.call("POST", f"/customer/orders/{order_id}/cancel", json={}), 422)["field"]
        == "reason"
    )


def test_reschedule_keeps_the_worker_or_says_why_not(shop):
    mine = shop.book(shop.booking(hour=9, worker_id=shop.worker_ids[0])).json()["order"]["id"]
    assert shop.book(shop.booking(hour=14, worker_id=shop.worker_ids[0])).status_code == 201
    moved = shop.call(
        "POST",
        f"/customer/orders/{mine}/reschedule",
        json={"starts_at": local(DAY, 11).isoformat()},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["starts_at"] == "2026-11-23T11:00:00+08:00"
    assert moved.json()["worker"]["id"] == shop.worker_ids[0]
    clash = shop.call(
        "POST",
        f"/customer/orders/{mine}/reschedule",
        json={"starts_at": local(DAY, 15).isoformat()},
    )
    assert "already booked" in error_of(clash, 409)["message"]
    naive = shop.call(
        "POST", f"/customer/orders/{mine}/reschedule", json={"starts_at": "2026-11-24T09:00"}
    )
    assert error_of(naive, 422)["field"] == "starts_at"


# --- before booking --------------------------------------------------------------------


def test_slots_count_free_workers(shop):
    assert shop.book(shop.booking(hour=9, worker_id=shop.worker_ids[0])).status_code == 201
    reply = shop.call(
        "GET",
        "/customer/slots",
        params={
            "service_id": shop.item_id,
            "address_id": shop.address_id,
            "from": str(DAY),
            "to": str(DAY),
        },
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["duration_minutes"] == 120 and body["timezone"] == "Asia/Shanghai"
    by_start = {s["starts_at"]: s["free_workers"] for s in body["items"]}
    assert by_start["2026-11-23T09:00:00+08:00"] == 1  # one of the two is booked
    assert by_start["2026-11-23T16:00:00+08:00"] == 2
    assert body["total"] == len(body["items"])


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"address_id": "other"}, 404, None),
        ({"from": "2026-11-25", "to": "2026-11-24"}, 422, "to"),
        ({"from": "2026-11-23", "to": "2027-01-23"}, 422, "to"),
        ({"service_id": "x"}, 422, "service_id"),
    ],
)
def test_slots_refuse_bad_questions(shop, params, status, field):
    query = {"service_id": shop.item_id, "address_id": shop.address_id}
    query.update(params)
    if query["address_id"] == "other":
        query["address_id"] = shop.other_address_id
    body = error_of(shop.call("GET", "/customer/slots", params=query), status)
    assert body.get("field") == field


def test_a_quote_prices_line_by_line(shop):
    body = {
        "address_id": shop.address_id,
        "item_id": shop.item_id,
        "units": 3,
        "starts_at": local(DAY, 9).isoformat(),
    }
    reply = shop.call("POST", "/customer/quotes", json=body)
    assert reply.status_code == 200, reply.text
    quote = reply.json()
    assert (quote["base_fen"], quote["total"], quote["duration_minutes"]) == (15000, "¥150.00", 180)
    assert quote["lines"][0]["code"] == "base" and quote["lines"][0]["amount"] == "¥150.00"
    assert _orders(shop) == 0
    other = shop.call(
        "POST", "/customer/quotes", json={**body, "address_id": shop.other_address_id}
    )
    assert error_of(other, 404)
    assert (
        error_of(shop.call("POST", "/customer/quotes", json={**body, "units": 1}), 422)["field"]
        == "units"
    )


def test_simultaneous_repeats_book_once_and_all_get_the_answer(shop):
    key = uuid.uuid4().hex
    body = shop.booking(worker_id=shop.worker_ids[0])
    start = threading.Barrier(4)
    replies = []

    def send() -> None:
        start.wait()
        replies.append(shop.book(body, key=key))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in replies] == [201] * 4, [r.text for r in replies]
    assert len({r.json()["order"]["id"] for r in replies}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in replies) == 3
    assert _orders(shop) == 1
