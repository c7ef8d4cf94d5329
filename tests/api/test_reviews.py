"""Reviews over HTTP: after completion, once, with photos; the worker's stars stay exact."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from jiazheng_desk.models import MediaFile, Order, Review, ReviewPhoto, Worker
from tests.api.customer_support import (
    DAY,
    completed_order,
    error_of,
    open_shop,
    own_photo,
    set_state,
)

SCORES = {"attitude": 5, "skill": 4, "efficiency": 5, "punctuality": 3, "overall": 4}


@pytest.fixture
def shop(live_db):
    with open_shop(live_db) as opened:
        yield opened


def _review(shop, order_id, token="", **changes):
    return shop.call(
        "POST", f"/customer/orders/{order_id}/review", token, json={**SCORES, **changes}
    )


def _rating(shop, worker_id):
    with shop.db.session() as s:
        return tuple(
            s.execute(
                select(Worker.rating_count, Worker.rating_sum).where(Worker.id == worker_id)
            ).one()
        )


def test_a_completed_order_is_reviewed_once(shop):
    order_id = completed_order(shop)
    photos = [own_photo(shop), own_photo(shop)]
    reply = _review(shop, order_id, text="很干净，准时 👍", photo_ids=photos)
    assert reply.status_code == 201, reply.text
    review = reply.json()
    assert review["overall"] == 4 and review["text"] == "很干净，准时 👍"
    assert review["customer_name"].endswith("*") and len(review["photos"]) == 2
    assert review["created_at"].endswith("+08:00")
    with shop.db.session() as s:
        assert s.scalar(select(Order.state).where(Order.id == order_id)) == "reviewed"
        attached = s.execute(
            select(MediaFile.entity, MediaFile.entity_id).where(MediaFile.id.in_(photos))
        ).all()
        assert {tuple(a) for a in attached} == {("review", review["id"])}
    assert _rating(shop, shop.worker_ids[0]) == (1, 4)
    # the order shows it, the worker's profile shows it
    assert shop.call("GET", f"/customer/orders/{order_id}").json()["review"]["id"] == review["id"]
    profile = shop.call("GET", f"/workers/{shop.worker_ids[0]}", None).json()
    assert profile["worker"]["stars"] == 4.0 and profile["recent_reviews"][0]["text"]
    # once
    again = _review(shop, order_id, overall=1)
    assert error_of(again, 409)["error"] == "review.already"
    assert _rating(shop, shop.worker_ids[0]) == (1, 4)


@pytest.mark.parametrize("state", ["accepted", "in_service", "cancelled"])
def test_only_after_completion(shop, state):
    order_id = completed_order(shop)
    set_state(shop, order_id, state)
    assert error_of(_review(shop, order_id), 409)["error"] == "error.illegal_transition"
    assert _rating(shop, shop.worker_ids[0]) == (0, 0)


def test_another_customers_order_is_not_found(shop):
    order_id = completed_order(shop)
    assert error_of(_review(shop, order_id, shop.other_token), 404)["error"] == "error.not_found"
    assert error_of(_review(shop, 999_999), 404)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"overall": 0}, "overall"),
        ({"skill": 6}, "skill"),
        ({"attitude": "good"}, "attitude"),
        ({"text": "好" * 1001}, "text"),
        ({"photo_ids": list(range(1, 11))}, "photo_ids"),
        ({"stars": 5}, "stars"),
    ],
)
def test_bad_reviews_name_the_field(shop, changes, field):
    order_id = completed_order(shop)
    assert error_of(_review(shop, order_id, **changes), 422)["field"] == field


def test_photos_must_be_ones_own_unused_images(shop):
    order_id = completed_order(shop)
    theirs = own_photo(shop, shop.other_customer_id)
    video = own_photo(shop, content_type="video/mp4")
    mine = own_photo(shop)
    for ids in ([theirs], [video], [mine, mine], [999_999]):
        body = error_of(_review(shop, order_id, photo_ids=ids), 422)
        assert body["field"] == "photo_ids", ids
    assert _review(shop, order_id, photo_ids=[mine]).status_code == 201
    second = completed_order(shop, hour=14)
    used = error_of(_review(shop, second, photo_ids=[mine]), 422)
    assert used["error"] == "media.already_used"
    with shop.db.session() as s:
        assert len(s.scalars(select(ReviewPhoto.id)).all()) == 1


def test_the_rating_cache_is_exact_under_concurrent_reviews(shop):
    scores = [5, 4, 3, 5, 2, 4, 5, 1]
    orders = [
        completed_order(shop, hour=8 + 2 * (i % 6), day=DAY + timedelta(days=i // 6))
        for i in range(len(scores))
    ]
    start = threading.Barrier(len(orders))
    statuses: list[int] = []

    def write(order_id: int, overall: int) -> None:
        start.wait()
        statuses.append(_review(shop, order_id, overall=overall).status_code)

    threads = [
        threading.Thread(target=write, args=pair) for pair in zip(orders, scores, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [201] * len(scores)
    assert _rating(shop, shop.worker_ids[0]) == (len(scores), sum(scores))
    with shop.db.session() as s:
        count = len(s.scalars(select(Review.id)).all())
    assert count == len(scores)


def test_the_same_order_reviewed_twice_at_once_counts_once(shop):
    order_id = completed_order(shop)
    start = threading.Barrier(3)
    statuses: list[int] = []

    def write() -> None:
        start.wait()
        statuses.append(_review(shop, order_id).status_code)

    threads = [threading.Thread(target=write) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201, 409, 409]
    assert _rating(shop, shop.worker_ids[0]) == (1, 4)
