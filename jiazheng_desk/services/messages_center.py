"""The message centre (notifications) and private messages about an order.

Notifications: each person reads and marks only their own (customer, worker or staff by
``recipient_kind``/``recipient_id``); someone else's is "not found".

Private messages: only between an order's customer and the worker it has now, in both
directions (the worker app calls the same functions with a worker actor). Anyone else —
another customer, a worker taken off the order — gets "not found", as for the order.
Text only, 1–1000 characters (Chinese and emoji count as one each).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import ChatMessage, Notification, Order
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.errors import Conflict, NotFound, ValidationError

NOTES = table_of(Notification)
CHAT = table_of(ChatMessage)
ORDERS = table_of(Order)
MAX_CHAT = 1000
MAX_PAGE = 100
CHAT_PARTIES = ("customer", "worker")
# no talking about an order that did not happen
CLOSED_STATES = frozenset({"cancelled", "refunded"})


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    title: str
    body: str
    entity: str
    entity_id: int | None
    read_at: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class ChatView:
    id: int
    order_id: int
    sender_kind: str
    # sent by the one who asked
    mine: bool
    body: str
    created_at: datetime
    read_at: datetime | None


def _own(actor: Actor) -> tuple[Any, ...]:
    return (NOTES.c.recipient_kind == actor.kind, NOTES.c.recipient_id == actor.id)


def _note_view(row: Any) -> NotificationView:
    return NotificationView(
        id=int(row.id),
        kind=row.kind,
        title=row.title,
        body=row.body,
        entity=row.entity,
        entity_id=row.entity_id,
        read_at=row.read_at,
        created_at=row.created_at,
    )


def list_notifications(
    session: Session,
    *,
    actor: Actor,
    unread_only: bool = False,
    offset: int = 0,
    limit: int = 20,
) -> Page[NotificationView]:
    """A page of one's own notifications, newest first."""
    where = list(_own(actor))
    if unread_only:
        where.append(NOTES.c.read_at.is_(None))
    total = session.scalar(select(func.count()).select_from(NOTES).where(*where)) or 0
    rows = session.execute(
        select(NOTES)
        .where(*where)
        .order_by(NOTES.c.created_at.desc(), NOTES.c.id.desc())
        .offset(max(0, offset))
        .limit(max(1, min(limit, MAX_PAGE)))
    ).all()
    return Page(items=tuple(_note_view(r) for r in rows), total=int(total), offset=offset)


def get_unread_count(session: Session, *, actor: Actor) -> int:
    """How many of one's notifications are unread (the badge on the app's icon)."""
    return int(
        session.scalar(
            select(func.count()).select_from(NOTES).where(*_own(actor), NOTES.c.read_at.is_(None))
        )
        or 0
    )


def mark_notification_read(
    session: Session, *, actor: Actor, notification_id: int
) -> NotificationView:
    """Mark one of one's notifications read (again is harmless); another's is not found."""
    row = session.execute(
        select(NOTES).where(NOTES.c.id == notification_id, *_own(actor))
    ).one_or_none()
    if row is None:
        raise NotFound("notification", notification_id)
    if row.read_at is None:
        session.execute(
            update(NOTES).where(NOTES.c.id == notification_id).values(read_at=clock.now())
        )
        audit.record(
            session,
            actor=actor,
            action="notification.read",
            entity="notification",
            entity_id=notification_id,
        )
    fresh = session.execute(select(NOTES).where(NOTES.c.id == notification_id)).one()
    return _note_view(fresh)


def mark_all_notifications_read(session: Session, *, actor: Actor) -> int:
    """Mark every unread notification of one's own read; how many there were."""
    result = session.execute(
        update(NOTES).where(*_own(actor), NOTES.c.read_at.is_(None)).values(read_at=clock.now())
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    audit.record(
        session,
        actor=actor,
        action="notification.read_all",
        entity="notification",
        after={"count": count},
    )
    return count


# --- private messages about an order ------------------------------------------------------


def _party_order(session: Session, actor: Actor, order_id: int) -> Any:
    """The order if the actor is its customer or its current worker; else NotFound."""
    row = session.execute(
        select(
            ORDERS.c.id,
            ORDERS.c.order_no,
            ORDERS.c.branch_id,
            ORDERS.c.customer_id,
            ORDERS.c.worker_id,
            ORDERS.c.state,
        ).where(ORDERS.c.id == order_id)
    ).one_or_none()
    if row is None or actor.kind not in CHAT_PARTIES or actor.id is None:
        raise NotFound("order", order_id)
    party = row.customer_id if actor.kind == "customer" else row.worker_id
    if party != actor.id:
        raise NotFound("order", order_id)
    # a worker only offered the order has not taken it: the chat may hold the address and
    # the door code, which the worker's order view also keeps back until they accept
    if actor.kind == "worker" and row.state == "offered":
        raise NotFound("order", order_id)
    return row


def _chat_view(row: Any, actor: Actor) -> ChatView:
    return ChatView(
        id=int(row.id),
        order_id=int(row.order_id),
        sender_kind=row.sender_kind,
        mine=row.sender_kind == actor.kind and row.sender_id == actor.id,
        body=row.body,
        created_at=row.created_at,
        read_at=row.read_at,
    )


def send_chat(session: Session, *, actor: Actor, order_id: int, body: str) -> ChatView:
    """Send a private message to the other party of the order."""
    order = _party_order(session, actor, order_id)
    text = (body or "").strip()
    if not text:
        raise ValidationError("chat.empty", field="body")
    if len(text) > MAX_CHAT:
        raise ValidationError("chat.too_long", field="body", max=MAX_CHAT)
    if order.worker_id is None:
        raise Conflict("chat.no_worker", order_no=order.order_no)
    if order.state in CLOSED_STATES:
        raise Conflict("chat.closed", order_no=order.order_no)
    now = clock.now()
    message_id = inserted_id(
        session.execute(
            insert(CHAT),
            {
                "order_id": order_id,
                "sender_kind": actor.kind,
                "sender_id": actor.id,
                "body": text,
                "created_at": now,
            },
        )
    )
    # the fact, not the words: private messages stay between the two
    audit.record(
        session,
        actor=actor,
        action="chat.send",
        entity="order",
        entity_id=order_id,
        after={"message_id": message_id, "chars": len(text)},
        branch_id=order.branch_id,
    )
    row = session.execute(select(CHAT).where(CHAT.c.id == message_id)).one()
    return _chat_view(row, actor)


def list_chat(
    session: Session,
    *,
    actor: Actor,
    order_id: int,
    after_id: int | None = None,
    limit: int = 50,
) -> Page[ChatView]:
    """The order's messages, oldest first; ``after_id`` gives only newer ones (polling)."""
    _party_order(session, actor, order_id)
    where = [CHAT.c.order_id == order_id]
    total = session.scalar(select(func.count()).select_from(CHAT).where(*where)) or 0
    if after_id is not None:
        where.append(CHAT.c.id > after_id)
    rows = session.execute(
        select(CHAT).where(*where).order_by(CHAT.c.id).limit(max(1, min(limit, MAX_PAGE)))
    ).all()
    return Page(items=tuple(_chat_view(r, actor) for r in rows), total=int(total))


def mark_chat_read(session: Session, *, actor: Actor, order_id: int) -> int:
    """Mark the other party's messages of the order read; how many were unread."""
    order = _party_order(session, actor, order_id)
    result = session.execute(
        update(CHAT)
        .where(
            CHAT.c.order_id == order_id,
            CHAT.c.sender_kind != actor.kind,
            CHAT.c.read_at.is_(None),
        )
        .values(read_at=clock.now())
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    audit.record(
        session,
        actor=actor,
        action="chat.read",
        entity="order",
        entity_id=order_id,
        after={"count": count},
        branch_id=order.branch_id,
    )
    return count


def get_unread_chat_count(session: Session, *, actor: Actor, order_id: int) -> int:
    """How many of the other party's messages on the order are unread."""
    _party_order(session, actor, order_id)
    return int(
        session.scalar(
            select(func.count())
            .select_from(CHAT)
            .where(
                CHAT.c.order_id == order_id,
                CHAT.c.sender_kind != actor.kind,
                CHAT.c.read_at.is_(None),
            )
        )
        or 0
    )
