"""The app's catalogue over HTTP: what can be booked, at the place's branch prices."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from jiazheng_desk import clock
from jiazheng_desk.models import Branch, ServiceItem
from jiazheng_desk.models.base import table_of
from tests.api.customer_support import error_of, open_shop
from tests.catalog_factories import make_option, set_price


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        with live_db.session(write=True) as s:
            item = s.get(ServiceItem, opened.item_id)
            item.photo_paths = "catalog/daily-1.jpg\ncatalog/daily-2.jpg"
            item.description = "日常清洁 👍"
            make_option(s, item, name="擦玻璃", price_fen=3000, extra_minutes=30)
            make_option(s, item, name="旧选项", is_active=False)
            set_price(s, s.get(Branch, opened.branch_id), item, 6000)
            s.execute(
                update(table_of(ServiceItem))
                .where(ServiceItem.id == opened.placement_item_id)
                .values(is_active=False, retired_at=clock.now())
            )
        yield opened


def _daily(body, item_id):
    items = [i for c in body["categories"] for i in c["items"]]
    ids = [i["id"] for i in items]
    return next(i for i in items if i["id"] == item_id), ids


def test_without_a_place_base_prices_and_only_bookable_things(shop):
    reply = shop.call("GET", "/catalog", None)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["branch_id"] is None
    daily, ids = _daily(body, shop.item_id)
    assert (daily["price_fen"], daily["price"]) == (5000, "¥50.00")
    assert (daily["unit"], daily["min_units"], daily["minutes_per_unit"]) == ("hour", 2, 60)
    assert daily["photos"] == ["catalog/daily-1.jpg", "catalog/daily-2.jpg"]
    assert daily["description"] == "日常清洁 👍"
    assert [(o["name"], o["price"], o["extra_minutes"]) for o in daily["options"]] == [
        ("擦玻璃", "¥30.00", 30)
    ]
    assert shop.placement_item_id not in ids  # retired


def test_a_district_or_an_address_gives_the_branch_prices(shop):
    by_district = shop.call("GET", "/catalog", None, params={"district_id": shop.district_id})
    assert by_district.json()["branch_id"] == shop.branch_id
    assert _daily(by_district.json(), shop.item_id)[0]["price"] == "¥60.00"
    by_address = shop.call("GET", "/catalog", params={"address_id": shop.address_id})
    assert _daily(by_address.json(), shop.item_id)[0]["price_fen"] == 6000


@pytest.mark.parametrize(
    ("params", "token", "status"),
    [
        ({"address_id": "mine"}, None, 404),  # an address needs the login
        ({"address_id": "theirs"}, "", 404),
        ({"district_id": 999_999}, None, 404),
        ({"district_id": "x"}, None, 422),
        ({"address_id": "mine"}, "nonsense", 401),
    ],
)
def test_catalogue_refusals(shop, params, token, status):
    if params.get("address_id") == "mine":
        params = {"address_id": shop.address_id}
    elif params.get("address_id") == "theirs":
        params = {"address_id": shop.other_address_id}
    error_of(shop.call("GET", "/catalog", token, params=params), status)


def test_the_server_time_is_at_the_branch_offset(shop):
    assert shop.call("GET", "/time", None).json() == {"now": "2026-11-20T09:00:00+08:00"}
