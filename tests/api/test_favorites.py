"""Favourite workers and services over HTTP."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from jiazheng_desk.models import Worker
from jiazheng_desk.models.base import table_of
from tests.api.customer_support import error_of, open_shop


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        yield opened


def test_add_list_and_remove_favourites(shop):
    worker = shop.worker_ids[0]
    added = shop.call("POST", "/customer/favorites", json={"kind": "worker", "target_id": worker})
    assert added.status_code == 201, added.text
    assert added.json()["name"] == "王老师" and added.json()["available"] is True
    again = shop.call("POST", "/customer/favorites", json={"kind": "worker", "target_id": worker})
    assert again.status_code == 200
    item = shop.call(
        "POST", "/customer/favorites", json={"kind": "item", "target_id": shop.item_id}
    )
    assert item.status_code == 201 and item.json()["price"] == "¥50.00"
    listed = shop.call("GET", "/customer/favorites").json()
    assert listed["total"] == 2
    only_workers = shop.call("GET", "/customer/favorites", params={"kind": "worker"}).json()
    assert [f["target_id"] for f in only_workers["items"]] == [worker]
    assert shop.call("GET", "/customer/favorites", shop.other_token).json()["total"] == 0
    # a worker who left stays, marked unavailable
    with shop.db.session(write=True) as s:
        s.execute(update(table_of(Worker)).where(Worker.id == worker).values(status="left"))
    left = shop.call("GET", "/customer/favorites", params={"kind": "worker"}).json()["items"]
    assert left[0]["available"] is False
    gone = shop.call("DELETE", f"/customer/favorites/worker/{worker}")
    assert gone.status_code == 204 and gone.content == b""
    assert shop.call("DELETE", f"/customer/favorites/worker/{worker}").status_code == 204
    assert shop.call("GET", "/customer/favorites").json()["total"] == 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"kind": "worker", "target_id": 999_999}, 404),
        ({"kind": "item", "target_id": 999_999}, 404),
        ({"kind": "branch", "target_id": 1}, 422),
        ({"kind": "worker"}, 422),
    ],
)
def test_favourite_refusals(shop, body, status):
    error_of(shop.call("POST", "/customer/favorites", json=body), status)
    assert shop.call("GET", "/customer/favorites").json()["total"] == 0


def test_favourites_need_a_login(shop):
    assert error_of(shop.call("GET", "/customer/favorites", None), 401)
