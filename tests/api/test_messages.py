"""The message centre and private messages over HTTP: each sees only their own."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, update

from jiazheng_desk import clock
from jiazheng_desk.models import Notification, Order
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import messages_center
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import NotFound
from tests.api.customer_support import error_of, open_shop, set_state


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        yield opened


def _note(shop, customer_id, title="订单已确认"):
    with shop.db.session(write=True) as s:
        return inserted_id(
            s.execute(
                insert(table_of(Notification)),
                {
                    "recipient_kind": "customer",
                    "recipient_id": customer_id,
                    "kind": "order",
                    "title": title,
                    "body": "",
                    "entity": "",
                    "created_at": clock.now(),
                },
            )
        )


def _worker(shop, index=0):
    return Actor(kind="worker", id=shop.worker_ids[index], name="王芳", source="api")


def test_the_notification_centre_lists_counts_and_marks_ones_own(shop):
    mine = [_note(shop, shop.customer_id, f"消息{i}") for i in range(3)]
    theirs = _note(shop, shop.other_customer_id)
    listed = shop.call("GET", "/customer/notifications").json()
    assert listed["total"] == 3 and {n["id"] for n in listed["items"]} == set(mine)
    assert all(n["created_at"].endswith("+08:00") for n in listed["items"])
    assert shop.call("GET", "/customer/notifications/unread-count").json() == {"unread": 3}
    read = shop.call("POST", f"/customer/notifications/{mine[0]}/read")
    assert read.status_code == 200 and read.json()["read"] is True
    assert shop.call("POST", f"/customer/notifications/{mine[0]}/read").status_code == 200
    assert shop.call("GET", "/customer/notifications/unread-count").json() == {"unread": 2}
    unread = shop.call("GET", "/customer/notifications", params={"unread_only": True}).json()
    assert unread["total"] == 2
    assert error_of(shop.call("POST", f"/customer/notifications/{theirs}/read"), 404)
    assert shop.call("POST", "/customer/notifications/read-all").json() == {"marked": 2}
    assert shop.call("GET", "/customer/notifications/unread-count").json() == {"unread": 0}
    # the other customer's stays unread
    assert shop.call("GET", "/customer/notifications/unread-count", shop.other_token).json() == {
        "unread": 1
    }


def test_private_messages_go_both_ways_between_the_two_parties(shop):
    order_id = shop.book().json()["order"]["id"]
    sent = shop.call(
        "POST", f"/customer/orders/{order_id}/messages", json={"body": "到楼下请打电话 📞"}
    )
    assert sent.status_code == 201, sent.text
    assert (sent.json()["sender"], sent.json()["mine"]) == ("customer", True)
    # the worker side uses the same service
    with shop.db.session(write=True) as s:
        got = messages_center.list_chat(s, actor=_worker(shop), order_id=order_id)
        assert [(m.body, m.mine) for m in got.items] == [("到楼下请打电话 📞", False)]
        messages_center.send_chat(s, actor=_worker(shop), order_id=order_id, body="好的，十分钟到")
        assert messages_center.mark_chat_read(s, actor=_worker(shop), order_id=order_id) == 1
    thread = shop.call("GET", f"/customer/orders/{order_id}/messages").json()
    assert [(m["sender"], m["mine"], m["body"]) for m in thread["items"]] == [
        ("customer", True, "到楼下请打电话 📞"),
        ("worker", False, "好的，十分钟到"),
    ]
    assert thread["items"][0]["read_at"] is not None and thread["items"][1]["read_at"] is None
    newer = shop.call(
        "GET",
        f"/customer/orders/{order_id}/messages",
        params={"after_id": thread["items"][0]["id"]},
    ).json()
    assert [m["body"] for m in newer["items"]] == ["好的，十分钟到"]
    assert shop.call("POST", f"/customer/orders/{order_id}/messages/read").json() == {"marked": 1}


def test_nobody_else_can_read_or_write_the_messages(shop):
    order_id = shop.book().json()["order"]["id"]
    shop.call("POST", f"/customer/orders/{order_id}/messages", json={"body": "你好"})
    for method, body in (("GET", None), ("POST", {"body": "我也想说"})):
        reply = shop.call(
            method, f"/customer/orders/{order_id}/messages", shop.other_token, json=body
        )
        assert error_of(reply, 404)["error"] == "error.not_found"
    with shop.db.session(write=True) as s, pytest.raises(NotFound):
        messages_center.list_chat(s, actor=_worker(shop, 1), order_id=order_id)
    with shop.db.session(write=True) as s, pytest.raises(NotFound):
        messages_center.send_chat(s, actor=_worker(shop, 1), order_id=order_id, body="插话")


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [({"body": ""}, 422, "body"), ({"body": "长" * 1001}, 422, "body"), ({}, 422, "body")],
)
def test_bad_messages_are_refused(shop, body, status, field):
    order_id = shop.book().json()["order"]["id"]
    reply = shop.call("POST", f"/customer/orders/{order_id}/messages", json=body)
    assert error_of(reply, status)["field"] == field


def test_no_worker_or_cancelled_means_no_messages(shop):
    waiting = shop.book(shop.booking(hour=14)).json()["order"]["id"]
    reply = shop.call("POST", f"/customer/orders/{waiting}/messages", json={"body": "在吗"})
    assert error_of(reply, 409)["error"] == "chat.no_worker"
    booked = shop.book().json()["order"]["id"]
    set_state(shop, booked, "cancelled")
    reply = shop.call("POST", f"/customer/orders/{booked}/messages", json={"body": "在吗"})
    assert error_of(reply, 409)["error"] == "chat.closed"


# --- the worker's side over HTTP ---------------------------------------------------------


def _as_worker(shop, method, order_id, index=0, suffix="", **kw):
    path = f"/worker/orders/{order_id}/messages{suffix}"
    return shop.call(method, path, shop.worker_tokens[index], **kw)


def test_the_worker_answers_the_customer_and_each_sees_the_other(shop):
    order_id = shop.book().json()["order"]["id"]
    asked = shop.call("POST", f"/customer/orders/{order_id}/messages", json={"body": "几点到？"})
    assert asked.status_code == 201, asked.text
    seen = _as_worker(shop, "GET", order_id).json()
    assert [(m["sender"], m["mine"], m["body"]) for m in seen["items"]] == [
        ("customer", False, "几点到？")
    ]
    answer = _as_worker(shop, "POST", order_id, json={"body": "十点前到 🚲"})
    assert answer.status_code == 201, answer.text
    assert (answer.json()["sender"], answer.json()["mine"]) == ("worker", True)
    assert answer.json()["created_at"].endswith("+08:00")
    assert _as_worker(shop, "POST", order_id, suffix="/read").json() == {"marked": 1}
    thread = shop.call("GET", f"/customer/orders/{order_id}/messages").json()
    assert [(m["sender"], m["mine"], m["body"]) for m in thread["items"]] == [
        ("customer", True, "几点到？"),
        ("worker", False, "十点前到 🚲"),
    ]
    # the worker read the customer's; the customer has not read the worker's yet
    assert thread["items"][0]["read_at"] is not None and thread["items"][1]["read_at"] is None
    assert shop.call("POST", f"/customer/orders/{order_id}/messages/read").json() == {"marked": 1}
    newer = _as_worker(shop, "GET", order_id, params={"after_id": thread["items"][0]["id"]})
    assert [(m["body"], m["read_at"] is not None) for m in newer.json()["items"]] == [
        ("十点前到 🚲", True)
    ]
    assert newer.json()["total"] == 2


def test_only_the_orders_worker_gets_the_worker_messages(shop):
    order_id = shop.book().json()["order"]["id"]
    shop.call("POST", f"/customer/orders/{order_id}/messages", json={"body": "密码 1234"})
    # another worker of the branch, and an order that does not exist, look the same
    for target, index in ((order_id, 1), (987654321, 0)):
        for method, suffix, body in (
            ("GET", "", None),
            ("POST", "", {"body": "我来了"}),
            ("POST", "/read", None),
        ):
            reply = _as_worker(shop, method, target, index, suffix, json=body)
            assert error_of(reply, 404)["error"] == "error.not_found"
    # a worker taken off the order loses the conversation
    with shop.db.session(write=True) as s:
        s.execute(
            update(table_of(Order)).where(Order.id == order_id).values(worker_id=shop.worker_ids[1])
        )
    assert error_of(_as_worker(shop, "GET", order_id), 404)["error"] == "error.not_found"
    assert [m["body"] for m in _as_worker(shop, "GET", order_id, 1).json()["items"]] == [
        "密码 1234"
    ]
    # the customer's token is not a worker's, and nobody gets in without one
    wrong = shop.call("GET", f"/worker/orders/{order_id}/messages")
    assert error_of(wrong, 401)["error"] == "app.wrong_app"
    error_of(shop.call("GET", f"/worker/orders/{order_id}/messages", None), 401)


def test_the_worker_gets_the_same_refusals_as_the_customer(shop):
    order_id = shop.book().json()["order"]["id"]
    assert error_of(_as_worker(shop, "POST", order_id, json={"body": ""}), 422)["field"] == "body"
    too_long = _as_worker(shop, "POST", order_id, json={"body": "长" * 1001})
    assert error_of(too_long, 422)["field"] == "body"
    set_state(shop, order_id, "cancelled")
    closed = _as_worker(shop, "POST", order_id, json={"body": "还需要吗"})
    assert error_of(closed, 409)["error"] == "chat.closed"


def test_a_worker_only_offered_the_order_sees_the_chat_once_they_accept(shop):
    order_id = shop.book().json()["order"]["id"]
    shop.call("POST", f"/customer/orders/{order_id}/messages", json={"body": "门锁密码 1234"})
    set_state(shop, order_id, "offered")
    for method, suffix, body in (("GET", "", None), ("POST", "", {"body": "好的"})):
        reply = _as_worker(shop, method, order_id, suffix=suffix, json=body)
        assert error_of(reply, 404)["error"] == "error.not_found"
    set_state(shop, order_id, "accepted")
    seen = _as_worker(shop, "GET", order_id).json()["items"]
    assert [m["body"] for m in seen] == ["门锁密码 1234"]
