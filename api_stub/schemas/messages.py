"""The message centre and private messages about an order."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api_stub.localtime import in_zone, in_zone_or_none
from api_stub.schemas.customer_common import Strict
from jiazheng_desk.services.messages_center import MAX_CHAT, ChatView, NotificationView


class NotificationOut(Strict):
    id: int
    kind: str
    title: str
    body: str
    entity: str
    entity_id: int | None
    read: bool
    read_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, n: NotificationView) -> NotificationOut:
        return cls(
            id=n.id,
            kind=n.kind,
            title=n.title,
            body=n.body,
            entity=n.entity,
            entity_id=n.entity_id,
            read=n.read_at is not None,
            read_at=in_zone_or_none(n.read_at),
            created_at=in_zone(n.created_at),
        )


class NotificationPage(Strict):
    items: list[NotificationOut]
    total: int


class UnreadOut(Strict):
    unread: int


class ReadAllOut(Strict):
    marked: int


class ChatIn(Strict):
    body: str = Field(min_length=1, max_length=MAX_CHAT, description="Text; emoji welcome.")


class ChatOut(Strict):
    id: int
    order_id: int
    sender: str = Field(description="customer | worker")
    mine: bool
    body: str
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, c: ChatView) -> ChatOut:
        return cls(
            id=c.id,
            order_id=c.order_id,
            sender=c.sender_kind,
            mine=c.mine,
            body=c.body,
            created_at=in_zone(c.created_at),
            read_at=in_zone_or_none(c.read_at),
        )


class ChatPage(Strict):
    items: list[ChatOut]
    total: int
