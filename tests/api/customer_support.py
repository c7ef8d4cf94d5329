"""What the customer-app API tests share: a shop with customers, workers and tokens."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import insert, update

from api_stub.app import API_PREFIX, create_app
from jiazheng_desk import clock
from jiazheng_desk.db import Database
from jiazheng_desk.models import MediaFile, Notification, Order
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import app_tokens
from jiazheng_desk.sync.gateways.payment_sandbox import SandboxPaymentGateway
from tests.booking_factories import local, make_customer, make_worker, make_world

# Friday 09:00 in Shanghai; the bookings are on the Monday after
NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
DAY = date(2026, 11, 23)
SECRET = "test-sandbox-secret"


@dataclass
class Shop:
    client: TestClient
    db: Database
    gateway: SandboxPaymentGateway
    branch_id: int
    district_id: int
    item_id: int
    placement_item_id: int
    skill_code: str
    customer_id: int
    address_id: int
    token: str
    other_customer_id: int
    other_address_id: int
    other_token: str
    worker_ids: list[int] = field(default_factory=list)
    worker_tokens: list[str] = field(default_factory=list)

    def call(self, method: str, path: str, token: str | None = "", **kw: Any) -> httpx.Response:
        """A request as the shop's customer (``token=None``: without a login)."""
        who = self.token if token == "" else token
        headers = {"Accept-Language": "en", **kw.pop("headers", {})}
        if who:
            headers["Authorization"] = f"Bearer {who}"
        return self.client.request(method, f"{API_PREFIX}{path}", headers=headers, **kw)

    def booking(self, hour: int = 9, **overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "address_id": self.address_id,
            "item_id": self.item_id,
            "units": 2,
            "starts_at": local(DAY, hour).isoformat(),
        }
        body.update(overrides)
        return body

    def book(
        self, body: dict[str, Any] | None = None, *, key: str | None = None, token: str = ""
    ) -> httpx.Response:
        return self.call(
            "POST",
            "/customer/orders",
            token,
            json=body if body is not None else self.booking(worker_id=self.worker_ids[0]),
            headers={"Idempotency-Key": key or uuid.uuid4().hex},
        )


def token_for(database: Database, kind: str, subject_id: int) -> str:
    with database.session(write=True) as s:
        return app_tokens.issue_token(s, subject_kind=kind, subject_id=subject_id)


@contextmanager
def open_shop(
    database: Database, *, workers: int = 2, media_dir: Path | None = None
) -> Iterator[Shop]:
    """A branch with a cleaning service, ``workers`` workers and two customers, at NOW."""
    clock.freeze(NOW)
    with database.session(write=True) as s:
        world = make_world(s)
        customer, address = make_customer(s, world)
        other, other_address = make_customer(s, world)
        staff = [make_worker(s, world, name=f"王{i}芳") for i in range(workers)]
        ids = {
            "branch_id": world.branch.id,
            "district_id": world.district.id,
            "item_id": world.item.id,
            "placement_item_id": world.placement_item.id,
            "skill_code": world.skill.code,
            "customer_id": customer.id,
            "address_id": address.id,
            "other_customer_id": other.id,
            "other_address_id": other_address.id,
        }
        worker_ids = [w.id for w in staff]
    app = create_app(database)
    gateway = SandboxPaymentGateway(SECRET)
    app.state.payment_gateway = gateway
    if media_dir is not None:
        app.state.media_dir = media_dir
    with TestClient(app) as client:
        yield Shop(
            client=client,
            db=database,
            gateway=gateway,
            token=token_for(database, "customer", ids["customer_id"]),
            other_token=token_for(database, "customer", ids["other_customer_id"]),
            worker_ids=worker_ids,
            worker_tokens=[token_for(database, "worker", w) for w in worker_ids],
            **ids,  # type: ignore[arg-type]
        )


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """The JSON error body, after checking the status (the body is shown when it differs)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["error"] and body["message"]
    return body


def set_state(shop: Shop, order_id: int, state: str) -> None:
    """Move an order on behind the API's back (the worker's steps are not the customer's)."""
    with shop.db.session(write=True) as s:
        s.execute(update(table_of(Order)).where(Order.id == order_id).values(state=state))


def completed_order(shop: Shop, *, worker: int = 0, hour: int = 9, day: date = DAY) -> int:
    """One of the shop customer's orders, done by one of the shop's workers."""
    reply = shop.book(
        shop.booking(
            hour=hour, worker_id=shop.worker_ids[worker], starts_at=local(day, hour).isoformat()
        )
    )
    assert reply.status_code == 201, reply.text
    order_id = int(reply.json()["order"]["id"])
    set_state(shop, order_id, "completed")
    return order_id


def own_photo(shop: Shop, customer_id: int | None = None, content_type: str = "image/jpeg") -> int:
    """An uploaded photo of a customer (the media row; the file itself is not needed)."""
    with shop.db.session(write=True) as s:
        return inserted_id(
            s.execute(
                insert(table_of(MediaFile)),
                {
                    "path": f"2026/11/{uuid.uuid4().hex}.jpg",
                    "content_type": content_type,
                    "size_bytes": 1000,
                    "owner_kind": "customer",
                    "owner_id": customer_id or shop.customer_id,
                    "entity": "",
                    "entity_id": None,
                    "created_at": clock.now(),
                },
            )
        )


def notify_customer(session: Any, customer_id: int, order_id: int) -> int:
    """A message-centre row for a customer about one of their orders."""
    return inserted_id(
        session.execute(
            insert(table_of(Notification)),
            {
                "recipient_kind": "customer",
                "recipient_id": customer_id,
                "kind": "order",
                "title": "订单已确认",
                "body": "",
                "entity": "order",
                "entity_id": order_id,
                "created_at": clock.now(),
            },
        )
    )
