"""Complaints over HTTP: the customer's own order, once; bad input is a 4xx JSON body."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jiazheng_desk.models import Complaint, QualityCase
from tests.api.customer_support import completed_order, error_of, open_shop, set_state

BODY = {"category": "attitude", "text": "服务人员态度很差"}
NEGATIVE = {"attitude": 1, "skill": 3, "efficiency": 3, "punctuality": 3, "overall": 3}


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        yield opened


def _complain(shop, order_id, token="", **body):
    return shop.call("POST", f"/customer/orders/{order_id}/complaint", token, json=body or BODY)


def test_a_customer_complains_once_about_their_order(shop):
    order_id = completed_order(shop)
    reply = _complain(shop, order_id)
    assert reply.status_code == 201, reply.text
    made = reply.json()
    assert (made["category"], made["state"], made["order_id"]) == ("attitude", "open", order_id)
    assert made["created_at"].endswith("+08:00")
    with shop.db.session() as s:
        row = s.scalar(select(Complaint).where(Complaint.order_id == order_id))
        assert (row.channel, row.worker_id, row.deadline_at is not None) == (
            "app",
            shop.worker_ids[0],
            True,
        )
    again = _complain(shop, order_id, category="late", text="还迟到了")
    assert error_of(again, 409)["error"] == "complaint.already"


def test_another_customers_order_is_not_found(shop):
    order_id = completed_order(shop)
    reply = _complain(shop, order_id, shop.other_token)
    assert error_of(reply, 404)["error"] == "error.not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": "weather", "text": "x"}, "category"),
        ({"category": "late", "text": ""}, "text"),
        ({"category": "late", "text": "x" * 2001}, "text"),
        ({"category": "late"}, "text"),
        ({"category": "late", "text": "x", "extra": 1}, "extra"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(shop, body, field):
    order_id = completed_order(shop)
    reply = _complain(shop, order_id, **body)
    assert error_of(reply, 422)["field"] == field


def test_an_order_not_yet_served_is_refused(shop):
    order_id = completed_order(shop)
    set_state(shop, order_id, "confirmed")
    assert error_of(_complain(shop, order_id), 409)["error"] == "complaint.order_too_early"


def test_a_negative_review_from_the_app_opens_a_case(shop):
    order_id = completed_order(shop)
    reply = shop.call("POST", f"/customer/orders/{order_id}/review", json=NEGATIVE)
    assert reply.status_code == 201, reply.text
    with shop.db.session() as s:
        case = s.scalar(select(QualityCase).where(QualityCase.order_id == order_id))
        assert case is not None
        assert (case.state, case.review_id) == ("open", reply.json()["id"])
