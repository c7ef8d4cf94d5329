"""Coupons and points over HTTP: my coupons, claiming a code, a quote and a booking with a
coupon and points, the points balance — and nobody uses anyone else's."""

from __future__ import annotations

import pytest

from jiazheng_desk.models import Coupon, Order
from jiazheng_desk.services import coupons
from tests.api.customer_support import error_of, open_shop
from tests.coupon_factories import give_coupon, give_points, make_template
from tests.factories import actor, make_staff


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        yield opened


def _coupons(shop, **template) -> tuple[int, list[str]]:
    """A coupon for the shop's customer, and two open codes of the same template."""
    with shop.db.session(write=True) as s:
        hq = actor(make_staff(s, role="hq_admin"))
        made = make_template(s, hq, name="新客立减 20 元", **template)
        coupon_id = give_coupon(s, hq, made.id, shop.customer_id)
        codes = coupons.generate_codes(s, actor=hq, template_id=made.id, count=2).codes
    return coupon_id, list(codes)


def _quote(shop, **extra):
    return shop.call(
        "POST",
        "/customer/quotes",
        json={
            "address_id": shop.address_id,
            "item_id": shop.item_id,
            "units": 2,
            "starts_at": shop.booking()["starts_at"],
            **extra,
        },
    )


def test_my_coupons_by_status(shop):
    coupon_id, _codes = _coupons(shop)
    reply = shop.call("GET", "/customer/coupons")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["total"] == 1
    mine = body["items"][0]
    assert (mine["id"], mine["status"], mine["amount_fen"], mine["amount"]) == (
        coupon_id,
        "usable",
        2000,
        "¥20.00",
    )
    assert mine["terms"] == "¥20 off"
    assert shop.call("GET", "/customer/coupons", params={"status": "used"}).json()["total"] == 0
    assert shop.call("GET", "/customer/coupons", token=shop.other_token).json()["total"] == 0
    error_of(shop.call("GET", "/customer/coupons", params={"status": "lost"}), 422)


def test_claiming_a_code_once(shop):
    _coupon_id, codes = _coupons(shop)
    claimed = shop.call("POST", "/customer/coupons/claim", json={"code": codes[0]})
    assert claimed.status_code == 201, claimed.text
    assert claimed.json()["status"] == "usable"
    again = error_of(shop.call("POST", "/customer/coupons/claim", json={"code": codes[0]}), 409)
    assert again["error"] == "coupons.already_yours"
    taken = shop.call(
        "POST", "/customer/coupons/claim", json={"code": codes[0]}, token=shop.other_token
    )
    assert error_of(taken, 409)["error"] == "coupons.code_taken"
    unknown = shop.call("POST", "/customer/coupons/claim", json={"code": "NOPE"})
    assert error_of(unknown, 422)["error"] == "coupons.unknown_code"
    error_of(shop.call("POST", "/customer/coupons/claim", json={}), 422)
    assert shop.call("GET", "/customer/coupons").json()["total"] == 2


def test_a_quote_with_a_coupon_and_points(shop):
    coupon_id, _ = _coupons(shop)
    with shop.db.session(write=True) as s:
        give_points(s, shop.customer_id, 500)
    reply = _quote(shop, coupon_id=coupon_id, points=300)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert (body["discount_fen"], body["total_fen"]) == (2300, 7700)
    assert (body["coupon_id"], body["points_used"]) == (coupon_id, 300)
    assert [(line["code"], line["amount_fen"]) for line in body["lines"][-2:]] == [
        ("coupon", -2000),
        ("points", -300),
    ]
    assert body["lines"][-2]["amount"] == "-¥20.00"
    # somebody else's coupon does not exist for this customer
    stranger = shop.call(
        "POST",
        "/customer/quotes",
        token=shop.other_token,
        json={
            "address_id": shop.other_address_id,
            "item_id": shop.item_id,
            "units": 2,
            "starts_at": shop.booking()["starts_at"],
            "coupon_id": coupon_id,
        },
    )
    body = error_of(stranger, 422)
    assert (body["error"], body.get("field")) == ("coupons.unknown", "coupon_id")
    too_many = error_of(_quote(shop, points=501), 422)
    assert too_many["error"] == "points.not_enough"


def test_booking_with_a_coupon_redeems_it_and_it_is_used_once(shop):
    coupon_id, _ = _coupons(shop, threshold_fen=10_000, amount_fen=3000)
    booked = shop.book(shop.booking(worker_id=shop.worker_ids[0], coupon_id=coupon_id))
    assert booked.status_code == 201, booked.text
    order = booked.json()["order"]
    assert (order["discount_fen"], order["total_fen"]) == (3000, 7000)
    with shop.db.session() as s:
        assert s.get(Order, order["id"]).coupon_id == coupon_id
        assert s.get(Coupon, coupon_id).state == "redeemed"
    again = shop.book(shop.booking(hour=14, worker_id=shop.worker_ids[1], coupon_id=coupon_id))
    assert error_of(again, 422)["error"] == "coupons.is_redeemed"
    used = shop.call("GET", "/customer/coupons", params={"status": "used"}).json()
    assert [c["order_id"] for c in used["items"]] == [order["id"]]
    # cancelled before paying: the coupon is usable again
    cancelled = shop.call(
        "POST", f"/customer/orders/{order['id']}/cancel", json={"reason": "改时间"}
    )
    assert cancelled.status_code == 200, cancelled.text
    usable = shop.call("GET", "/customer/coupons", params={"status": "usable"}).json()
    assert [c["id"] for c in usable["items"]] == [coupon_id]


def test_a_coupon_below_its_threshold_books_nothing(shop):
    coupon_id, _ = _coupons(shop, threshold_fen=50_000, amount_fen=3000)
    refused = shop.book(shop.booking(worker_id=shop.worker_ids[0], coupon_id=coupon_id))
    body = error_of(refused, 422)
    assert body["error"] == "coupons.below_threshold" and "500.00" in body["message"]
    with shop.db.session() as s:
        assert s.query(Order).count() == 0


def test_a_recurring_booking_takes_no_coupon(shop):
    coupon_id, _ = _coupons(shop)
    body = shop.booking(coupon_id=coupon_id, repeat={"rule": "weekly", "count": 3})
    assert error_of(shop.book(body), 422)["error"] == "app_booking.discount_not_recurring"


def test_my_points(shop):
    with shop.db.session(write=True) as s:
        give_points(s, shop.customer_id, 1234)
    reply = shop.call("GET", "/customer/points")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert (body["balance"], body["redeem_per_yuan"], body["earn_per_yuan"]) == (1234, 100, 1)
    assert [e["reason"] for e in body["entries"]] == ["adjust"]
    assert shop.call("GET", "/customer/points", token=shop.other_token).json()["balance"] == 0
    assert shop.call("GET", "/customer/points", token=None).status_code == 401
    assert shop.call("GET", "/customer/points", token=shop.worker_tokens[0]).status_code == 401
