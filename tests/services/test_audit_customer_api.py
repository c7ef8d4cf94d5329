"""Every mutation of the customer app's services writes its audit row (see test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import insert

from jiazheng_desk import clock
from jiazheng_desk.models import MediaFile, Notification
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import (
    customer_booking,
    customer_orders,
    favorites,
    messages_center,
    payments,
    reviews,
)
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.sync.gateways.payment_sandbox import SandboxPaymentGateway
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.services.audit_support import audit_rows

DAY = date(2026, 11, 23)


def _cases(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    world = make_world(db)
    worker = make_worker(db, world)
    customer, address = make_customer(db, world)
    me = Actor(kind="customer", id=customer.id, name=customer.name, source="api")
    gateway = SandboxPaymentGateway("secret")

    def order(hour: int, state: str = "accepted") -> int:
        row = make_order(db, world, local(DAY, hour), address=address, worker=worker)
        row.state = state
        db.flush()
        return row.id

    def note() -> int:
        return inserted_id(
            db.execute(
                insert(table_of(Notification)),
                {
                    "recipient_kind": "customer",
                    "recipient_id": customer.id,
                    "kind": "x",
                    "title": "t",
                    "created_at": clock.now(),
                },
            )
        )

    def photo() -> int:
        return inserted_id(
            db.execute(
                insert(table_of(MediaFile)),
                {
                    "path": f"audit/{clock.now().timestamp()}-{customer.id}.jpg",
                    "content_type": "image/jpeg",
                    "size_bytes": 1,
                    "owner_kind": "customer",
                    "owner_id": customer.id,
                    "created_at": clock.now(),
                },
            )
        )

    def paid() -> Any:
        ref = payments.start_payment(
            db, actor=me, order_id=order(14), method="wechat", idempotency_key="k", gateway=gateway
        ).intent.gateway_ref
        return payments.confirm_payment(db, gateway_ref=ref, amount_fen=10_000, status="paid")

    def favourite_removed() -> bool:
        favorites.add_favorite(db, actor=me, kind="worker", target_id=worker.id)
        return favorites.remove_favorite(db, actor=me, kind="worker", target_id=worker.id)

    return {
        "customer_booking.book_for_customer": (
            lambda: customer_booking.book_for_customer(
                db,
                actor=me,
                address_id=address.id,
                item_id=world.item.id,
                units=2,
                starts_at=local(DAY, 16),
                worker_id=worker.id,
            ),
            "order.create",
        ),
        "customer_orders.cancel_my_order": (
            lambda: customer_orders.cancel_my_order(
                db, actor=me, order_id=order(8), reason="改主意了"
            ),
            "order.cancel",
        ),
        "customer_orders.reschedule_my_order": (
            lambda: customer_orders.reschedule_my_order(
                db, actor=me, order_id=order(8), new_starts_at=local(DAY, 18)
            ),
            "order.reschedule",
        ),
        "payments.start_payment": (
            lambda: payments.start_payment(
                db,
                actor=me,
                order_id=order(10),
                method="card",
                idempotency_key="a",
                gateway=gateway,
            ),
            "payment.start",
        ),
        "payments.confirm_payment": (paid, "payment.confirm"),
        "reviews.create_review": (
            lambda: reviews.create_review(
                db,
                actor=me,
                order_id=order(12, "completed"),
                attitude=5,
                skill=5,
                efficiency=5,
                punctuality=5,
                overall=5,
                photo_ids=[photo()],
            ),
            "review.create",
        ),
        "messages_center.mark_notification_read": (
            lambda: messages_center.mark_notification_read(db, actor=me, notification_id=note()),
            "notification.read",
        ),
        "messages_center.mark_all_notifications_read": (
            lambda: (note(), messages_center.mark_all_notifications_read(db, actor=me)),
            "notification.read_all",
        ),
        "messages_center.send_chat": (
            lambda: messages_center.send_chat(db, actor=me, order_id=order(8), body="你好"),
            "chat.send",
        ),
        "messages_center.mark_chat_read": (
            lambda: messages_center.mark_chat_read(db, actor=me, order_id=order(8)),
            "chat.read",
        ),
        "favorites.add_favorite": (
            lambda: favorites.add_favorite(db, actor=me, kind="item", target_id=world.item.id),
            "favorite.add",
        ),
        "favorites.remove_favorite": (favourite_removed, "favorite.remove"),
    }


CUSTOMER_API_MUTATIONS = [
    "customer_booking.book_for_customer",
    "customer_orders.cancel_my_order",
    "customer_orders.reschedule_my_order",
    "payments.start_payment",
    "payments.confirm_payment",
    "reviews.create_review",
    "messages_center.mark_notification_read",
    "messages_center.mark_all_notifications_read",
    "messages_center.send_chat",
    "messages_center.mark_chat_read",
    "favorites.add_favorite",
    "favorites.remove_favorite",
]
# read only, though their names do not say so
CUSTOMER_API_READS: set[str] = set()


@pytest.mark.parametrize("name", CUSTOMER_API_MUTATIONS)
def test_every_customer_api_mutation_writes_an_audit_row(db, name):
    clock.freeze(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))
    call, action = _cases(db)[name]

    before = audit_rows(db, action)
    call()
    assert audit_rows(db, action) > before
