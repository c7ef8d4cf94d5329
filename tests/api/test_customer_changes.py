"""``/customer/change-requests``: the customer's yes or no to a move their worker asked
for and the branch approved — and nobody answers anyone else's."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jiazheng_desk.models import Branch, Order, OrderChangeRequest
from jiazheng_desk.services import changes
from tests.api.customer_support import DAY, error_of, open_shop
from tests.booking_factories import local
from tests.factories import actor, make_staff

MOVED_TO = "2026-11-23T14:00:00+08:00"


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        yield opened


def _asked(shop, *, approve: bool = True) -> tuple[int, int]:
    """One of the customer's visits with the worker's request to move it to 14:00."""
    reply = shop.book(shop.booking(worker_id=shop.worker_ids[0]))
    assert reply.status_code == 201, reply.text
    order_id = int(reply.json()["order"]["id"])
    asked = shop.call(
        "POST",
        f"/worker/orders/{order_id}/change-request",
        shop.worker_tokens[0],
        json={"new_starts_at": MOVED_TO, "reason": "孩子生病"},
    )
    assert asked.status_code == 201, asked.text
    request_id = int(asked.json()["id"])
    if approve:
        with shop.db.session(write=True) as s:
            branch = s.get(Branch, shop.branch_id)
            staff = actor(make_staff(s, role="dispatcher", branch=branch))
            changes.staff_decide_change(s, request_id=request_id, actor=staff, approve=True)
    return order_id, request_id


def _starts_at(shop, order_id: int):
    with shop.db.session() as s:
        return s.scalar(select(Order.starts_at).where(Order.id == order_id))


def _state(shop, request_id: int) -> str:
    with shop.db.session() as s:
        found = s.scalar(
            select(OrderChangeRequest.state).where(OrderChangeRequest.id == request_id)
        )
    return str(found)


def test_the_customer_sees_an_approved_move_and_agrees(shop):
    order_id, request_id = _asked(shop)
    listed = shop.call("GET", "/customer/change-requests")
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert body["total"] == 1
    item = body["items"][0]
    assert (item["id"], item["order_id"], item["reason"]) == (request_id, order_id, "孩子生病")
    assert item["starts_at"] == "2026-11-23T09:00:00+08:00"
    assert (item["new_starts_at"], item["new_ends_at"]) == (MOVED_TO, "2026-11-23T16:00:00+08:00")
    assert item["worker_name"] and "王0芳" not in listed.text  # never the worker's full name

    reply = shop.call(
        "POST", f"/customer/change-requests/{request_id}/decision", json={"accept": True}
    )
    assert reply.status_code == 200, reply.text
    assert (reply.json()["state"], reply.json()["new_starts_at"]) == ("accepted", MOVED_TO)
    assert _starts_at(shop, order_id) == local(DAY, 14)
    order = shop.call("GET", f"/customer/orders/{order_id}").json()
    assert order["starts_at"] == MOVED_TO and order["worker"]["id"] == shop.worker_ids[0]
    # answered once: no longer waiting, and a second answer is refused
    assert shop.call("GET", "/customer/change-requests").json() == {"items": [], "total": 0}
    again = shop.call(
        "POST", f"/customer/change-requests/{request_id}/decision", json={"accept": False}
    )
    assert error_of(again, 409)["error"] == "change.decided"


def test_declining_keeps_the_time(shop):
    order_id, request_id = _asked(shop)
    reply = shop.call(
        "POST", f"/customer/change-requests/{request_id}/decision", json={"accept": False}
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["state"] == "rejected"
    assert _starts_at(shop, order_id) == local(DAY, 9)
    assert _state(shop, request_id) == "rejected"


def test_another_customer_gets_404_and_changes_nothing(shop):
    order_id, request_id = _asked(shop)
    assert shop.call("GET", "/customer/change-requests", shop.other_token).json()["total"] == 0
    for accept in (True, False):
        reply = shop.call(
            "POST",
            f"/customer/change-requests/{request_id}/decision",
            shop.other_token,
            json={"accept": accept},
        )
        assert error_of(reply, 404)["error"] == "error.not_found"
    missing = shop.call("POST", "/customer/change-requests/987654321/decision", json={"accept": 1})
    assert error_of(missing, 404)["error"] == "error.not_found"
    assert _state(shop, request_id) == "staff_approved"
    assert _starts_at(shop, order_id) == local(DAY, 9)


def test_before_the_branch_approves_there_is_nothing_to_answer(shop):
    order_id, request_id = _asked(shop, approve=False)
    assert shop.call("GET", "/customer/change-requests").json()["total"] == 0
    reply = shop.call(
        "POST", f"/customer/change-requests/{request_id}/decision", json={"accept": True}
    )
    assert error_of(reply, 409)["error"] == "change.decided"
    assert _starts_at(shop, order_id) == local(DAY, 9)


def test_logins_and_bodies_are_checked(shop):
    _order_id, request_id = _asked(shop)
    path = f"/customer/change-requests/{request_id}/decision"
    assert shop.call("GET", "/customer/change-requests", None).status_code == 401
    assert shop.call("POST", path, None, json={"accept": True}).status_code == 401
    # a worker's token is not a customer's
    worker = shop.call("GET", "/customer/change-requests", shop.worker_tokens[0])
    assert worker.status_code == 401
    error_of(shop.call("POST", path, json={}), 422)
    error_of(shop.call("POST", path, json={"accept": True, "extra": 1}), 422)
    error_of(shop.call("POST", "/customer/change-requests/0/decision", json={"accept": True}), 422)
    assert _state(shop, request_id) == "staff_approved"
