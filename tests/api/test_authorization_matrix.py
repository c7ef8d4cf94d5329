"""Every protected route × (anonymous, the other app's account, another customer or worker).

The routes come from the published schema, so a new route is in the matrix the day it is
added: it must be public (``PUBLIC``), open to every account of its app on purpose
(``OPEN_TO_ANY``), or refuse the three callers. Another customer's or worker's ids give
404 (the resource does not exist for them), never 403: an id must not tell a stranger
that it exists. Bodies are valid, so the refusal is the ownership rule, not validation.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from jiazheng_desk import clock
from jiazheng_desk.db import Database
from jiazheng_desk.models import Branch, Order, Payment, Worker
from jiazheng_desk.services import changes, invoices, offers
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.sync.gateways.invoice_sandbox import SandboxInvoiceGateway
from tests.api.customer_support import DAY, Shop, notify_customer, open_shop, set_state
from tests.booking_factories import local
from tests.factories import actor, make_staff
from tests.training_factories import make_course
from tests.worker_factories import jpeg_with_gps

# anyone may call these (sign-in, the catalogue, public pages, the gateway's callback)
PUBLIC = re.compile(r"^/(auth|catalog|health|public|time|workers|payments/callback)(/|$)")
# every account of the app may call these with any id, by design
OPEN_TO_ANY = {
    # favourites are the caller's own list; the target is a public worker or service
    ("DELETE", "/customer/favorites/{kind}/{target_id}"),
    # the grab pool is open to every qualified worker: grabbing is the point
    ("POST", "/worker/pool/{order_id}/grab"),
}
# the routes that create money or bookings want a key for their repeats
IDEMPOTENT = {"/customer/orders", "/customer/orders/{order_id}/payments"}
# a valid body for each route that takes one, so the answer is about who asks
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/customer/change-requests/{request_id}/decision"): {"accept": True},
    ("POST", "/customer/orders/{order_id}/cancel"): {"reason": "改主意了"},
    ("POST", "/customer/orders/{order_id}/reschedule"): {
        "starts_at": local(DAY + timedelta(days=2), 10).isoformat()
    },
    ("PUT", "/customer/addresses/{address_id}"): {"address_text": "世纪大道 100 号 8 楼"},
    ("POST", "/customer/orders/{order_id}/messages"): {"body": "你好"},
    ("POST", "/worker/orders/{order_id}/messages"): {"body": "你好"},
    ("POST", "/customer/orders/{order_id}/payments"): {"method": "wechat"},
    ("POST", "/customer/orders/{order_id}/review"): {
        "attitude": 5,
        "skill": 5,
        "efficiency": 5,
        "punctuality": 5,
        "overall": 5,
    },
    ("POST", "/customer/orders/{order_id}/complaint"): {"category": "late", "text": "迟到"},
    ("POST", "/worker/offers/{offer_id}/reject"): {"reason": "太远"},
    ("POST", "/worker/orders/{order_id}/location"): {"lat": 31.23, "lng": 121.47},
    ("POST", "/worker/orders/{order_id}/records"): {"kind": "text", "text": "已到达"},
    ("POST", "/worker/orders/{order_id}/change-request"): {
        "new_starts_at": local(DAY + timedelta(days=3), 10).isoformat(),
        "reason": "家里有事",
    },
    ("PUT", "/customer/profile"): {"name": "张伟"},
    ("POST", "/customer/addresses"): {"address_text": "世纪大道 100 号"},
    ("POST", "/customer/real-name"): {"name": "张伟", "id_number": "110101199003074477"},
    ("POST", "/customer/favorites"): {"kind": "worker", "target_id": 1},
    ("POST", "/customer/quotes"): {},
    ("POST", "/customer/orders"): {},
    ("PUT", "/worker/status"): {"status": "online"},
    ("POST", "/worker/application"): {},
    ("PUT", "/worker/shifts"): {"shifts": []},
    ("POST", "/worker/leave"): {},
    ("POST", "/customer/invoice-requests"): {
        "buyer_kind": "personal",
        "title": "张伟",
        "email": "zhang@example.cn",
        "order_ids": [1],
    },
}


def _operations(shop: Shop) -> list[tuple[str, str]]:
    spec = shop.client.get("/openapi.json").json()
    found = []
    for path, ops in spec["paths"].items():
        short = path.removeprefix("/api/v1")
        for method in ops:
            found.append((method.upper(), short))
    return sorted(found)


def _seed(shop: Shop) -> dict[str, Any]:
    """The first customer's order with the first worker, its offer, message, photo, request."""
    me = shop.worker_ids[0]
    booked = shop.book(shop.booking(hour=9, worker_id=me))
    assert booked.status_code == 201, booked.text
    order = int(booked.json()["order"]["id"])
    set_state(shop, order, "accepted")
    offered = shop.book(shop.booking(hour=14))
    assert offered.status_code == 201, offered.text
    offered_id = int(offered.json()["order"]["id"])
    finished = shop.book(shop.booking(hour=17, worker_id=me))
    assert finished.status_code == 201, finished.text
    done = int(finished.json()["order"]["id"])
    set_state(shop, offered_id, "confirmed")
    photo = shop.call(
        "POST", "/media", files={"file": ("photo.jpg", jpeg_with_gps(), "image/jpeg")}
    )
    assert photo.status_code == 201, photo.text
    asked = shop.call(
        "POST",
        f"/worker/orders/{order}/change-request",
        shop.worker_tokens[0],
        json=BODIES[("POST", "/worker/orders/{order_id}/change-request")],
    )
    assert asked.status_code in (200, 201), asked.text
    with shop.db.session(write=True) as s:
        staff = actor(make_staff(s, role="dispatcher", branch=s.get(Branch, shop.branch_id)))
        offer = offers.offer(s, order_id=offered_id, worker_id=me, actor=staff)
        request_id = int(asked.json()["id"])
        changes.staff_decide_change(s, request_id=request_id, actor=staff, approve=True)
        note = notify_customer(s, shop.customer_id, order)
        course = _course_for_first_worker(s, shop)
        invoice = _invoice_of_first_customer(s, shop, done)
    return {
        "order_id": order,
        "offer_id": offer,
        "address_id": shop.address_id,
        "media_id": int(photo.json()["id"]),
        "notification_id": note,
        "request_id": request_id,
        "kind": "worker",
        "target_id": me,
        "course_id": course,
        "invoice_id": invoice,
    }


def _course_for_first_worker(s: Any, shop: Shop) -> int:
    """A course for experienced workers: the first one is, the second is not."""
    s.get(Worker, shop.worker_ids[0]).years_experience = 5
    return make_course(s, s.get(Branch, shop.branch_id), min_years_experience=5).id


def _invoice_of_first_customer(s: Any, shop: Shop, order_id: int) -> int:
    """An issued invoice over a done and paid order of the first customer."""
    order = s.get(Order, order_id)
    order.state = "completed"
    s.add(
        Payment(
            order_id=order.id,
            customer_id=shop.customer_id,
            method="wechat",
            amount_fen=order.total_fen,
            state="confirmed",
            confirmed_at=clock.now(),
        )
    )
    s.flush()
    asked = invoices.request_invoice(
        s,
        actor=Actor(kind="customer", id=shop.customer_id, name="客户", source="api"),
        buyer_kind="personal",
        title="张伟",
        tax_id=None,
        email="zhang@example.cn",
        order_ids=[order.id],
    )
    finance = actor(make_staff(s, role="finance", branch=s.get(Branch, shop.branch_id)))
    issued = invoices.issue_invoice(
        s, actor=finance, request_id=asked.id, gateway=SandboxInvoiceGateway()
    )
    assert issued.row.invoice_id is not None
    return issued.row.invoice_id


@pytest.fixture
def shop(live_db: Database, tmp_path: Path) -> Iterator[Shop]:
    with open_shop(live_db, media_dir=tmp_path / "media") as opened:
        yield opened


def _fill(path: str, ids: dict[str, Any]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)


def _call(shop: Shop, method: str, path: str, token: str | None, ids: dict[str, Any]) -> int:
    body = BODIES.get((method, path))
    kwargs: dict[str, Any] = {}
    if path == "/media" and method == "POST":
        kwargs["files"] = {"file": ("photo.jpg", jpeg_with_gps(), "image/jpeg")}
    elif body is not None:
        kwargs["json"] = body
    if method == "POST" and path in IDEMPOTENT:
        kwargs["headers"] = {"Idempotency-Key": uuid.uuid4().hex}
    return shop.call(method, _fill(path, ids), token, **kwargs).status_code


def test_every_protected_route_refuses_strangers(shop: Shop) -> None:
    ids = _seed(shop)
    customer, other_customer = shop.token, shop.other_token
    worker, other_worker = shop.worker_tokens[0], shop.worker_tokens[1]
    wrong: list[str] = []
    checked = 0
    for method, path in _operations(shop):
        if PUBLIC.match(path):
            continue
        if path.startswith("/customer/"):
            own, strangers = customer, [("another customer", other_customer)]
            foreign = [("a worker", worker)]
        elif path.startswith("/worker/"):
            own, strangers = worker, [("another worker", other_worker)]
            foreign = [("a customer", customer)]
        elif path.startswith("/media"):
            own, strangers, foreign = customer, [("another customer", other_customer)], []
            if "{" in path:
                strangers.append(("another worker", other_worker))
        else:
            wrong.append(f"{method} {path}: not classified (public, customer, worker, media)")
            continue
        assert own
        checked += 1
        got = _call(shop, method, path, None, ids)
        if got != 401:
            wrong.append(f"{method} {path} anonymous: {got}, expected 401")
        for who, token in foreign:
            got = _call(shop, method, path, token, ids)
            if got != 401:
                wrong.append(f"{method} {path} as {who}: {got}, expected 401")
        if "{" in path and (method, path) not in OPEN_TO_ANY:
            for who, token in strangers:
                got = _call(shop, method, path, token, ids)
                if got != 404:
                    wrong.append(f"{method} {path} as {who}: {got}, expected 404")
    assert checked > 40, "the schema lost its protected routes"
    assert not wrong, "\n".join(wrong)


def test_lists_show_nothing_of_another_account(shop: Shop) -> None:
    ids = _seed(shop)
    lists = [
        (shop.other_token, "/customer/orders", "order_id"),
        (shop.other_token, "/customer/addresses", "address_id"),
        (shop.other_token, "/customer/notifications", "notification_id"),
        (shop.other_token, "/customer/change-requests", "request_id"),
        (shop.worker_tokens[1], "/worker/orders", "order_id"),
        (shop.worker_tokens[1], "/worker/offers", "offer_id"),
        (shop.worker_tokens[1], "/worker/training/courses", "course_id"),
    ]
    for token, path, key in lists:
        reply = shop.call("GET", path, token)
        assert reply.status_code == 200, f"{path}: {reply.text}"
        seen = _ids_in(reply.json())
        assert seen is not None, f"{path}: no list in {reply.text}"
        assert ids[key] not in seen, f"{path} shows the other account's {key} {ids[key]}"


def _ids_in(body: Any) -> set[int]:
    items = body.get("items", body) if isinstance(body, dict) else body
    return {int(item["id"]) for item in items if isinstance(item, dict) and "id" in item}
