"""The message centre and private messages between an order's customer and its worker.

Both sides of a conversation call the same service functions with their own actor; an order
that is not theirs (another customer's, another worker's, one the worker was taken off)
answers 404, like an order that does not exist.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from api_stub.deps import CurrentCustomer, CurrentWorker, SessionDep
from api_stub.schemas.customer_common import MAX_ID, IdPath, Offset
from api_stub.schemas.messages import (
    ChatIn,
    ChatOut,
    ChatPage,
    NotificationOut,
    NotificationPage,
    ReadAllOut,
    UnreadOut,
)
from jiazheng_desk.services import messages_center
from jiazheng_desk.services.actor import Actor

router = APIRouter()
customer = APIRouter(prefix="/customer", tags=["messages"])
worker = APIRouter(prefix="/worker/orders", tags=["worker: messages"])

AfterId = Annotated[int | None, Query(ge=0, le=MAX_ID, description="Only newer than this one.")]
ChatLimit = Annotated[int, Query(ge=1, le=100)]


@customer.get("/notifications", response_model=NotificationPage, summary="My notifications")
def notifications(
    me: CurrentCustomer,
    session: SessionDep,
    unread_only: bool = False,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> NotificationPage:
    """Newest first."""
    page = messages_center.list_notifications(
        session, actor=me, unread_only=unread_only, offset=offset, limit=limit
    )
    return NotificationPage(items=[NotificationOut.of(n) for n in page.items], total=page.total)


@customer.get("/notifications/unread-count", response_model=UnreadOut, summary="Unread count")
def unread_count(me: CurrentCustomer, session: SessionDep) -> UnreadOut:
    return UnreadOut(unread=messages_center.get_unread_count(session, actor=me))


@customer.post("/notifications/read-all", response_model=ReadAllOut, summary="Mark all read")
def read_all(me: CurrentCustomer, session: SessionDep) -> ReadAllOut:
    return ReadAllOut(marked=messages_center.mark_all_notifications_read(session, actor=me))


@customer.post(
    "/notifications/{notification_id}/read", response_model=NotificationOut, summary="Mark read"
)
def read_one(notification_id: IdPath, me: CurrentCustomer, session: SessionDep) -> NotificationOut:
    view = messages_center.mark_notification_read(
        session, actor=me, notification_id=notification_id
    )
    return NotificationOut.of(view)


# --- private messages: the same three routes for each side -------------------------------


def _chat(session: Session, me: Actor, order_id: int, after_id: int | None, limit: int) -> ChatPage:
    page = messages_center.list_chat(
        session, actor=me, order_id=order_id, after_id=after_id, limit=limit
    )
    return ChatPage(items=[ChatOut.of(c) for c in page.items], total=page.total)


def _send(session: Session, me: Actor, order_id: int, body: ChatIn) -> ChatOut:
    return ChatOut.of(
        messages_center.send_chat(session, actor=me, order_id=order_id, body=body.body)
    )


def _read(session: Session, me: Actor, order_id: int) -> ReadAllOut:
    return ReadAllOut(marked=messages_center.mark_chat_read(session, actor=me, order_id=order_id))


@customer.get("/orders/{order_id}/messages", response_model=ChatPage, summary="Messages")
def chat(
    order_id: IdPath,
    me: CurrentCustomer,
    session: SessionDep,
    after_id: AfterId = None,
    limit: ChatLimit = 50,
) -> ChatPage:
    """The private messages with the order's worker, oldest first."""
    return _chat(session, me, order_id, after_id, limit)


@customer.post(
    "/orders/{order_id}/messages", status_code=201, response_model=ChatOut, summary="Send"
)
def send(order_id: IdPath, body: ChatIn, me: CurrentCustomer, session: SessionDep) -> ChatOut:
    """A private message to the order's worker."""
    return _send(session, me, order_id, body)


@customer.post("/orders/{order_id}/messages/read", response_model=ReadAllOut, summary="Mark read")
def read_chat(order_id: IdPath, me: CurrentCustomer, session: SessionDep) -> ReadAllOut:
    """Mark the worker's messages on the order read."""
    return _read(session, me, order_id)


@worker.get("/{order_id}/messages", response_model=ChatPage, summary="Messages")
def worker_chat(
    order_id: IdPath,
    me: CurrentWorker,
    session: SessionDep,
    after_id: AfterId = None,
    limit: ChatLimit = 50,
) -> ChatPage:
    """The private messages with the order's customer, oldest first."""
    return _chat(session, me, order_id, after_id, limit)


@worker.post("/{order_id}/messages", status_code=201, response_model=ChatOut, summary="Send")
def worker_send(order_id: IdPath, body: ChatIn, me: CurrentWorker, session: SessionDep) -> ChatOut:
    """A private message to the order's customer."""
    return _send(session, me, order_id, body)


@worker.post("/{order_id}/messages/read", response_model=ReadAllOut, summary="Mark read")
def worker_read_chat(order_id: IdPath, me: CurrentWorker, session: SessionDep) -> ReadAllOut:
    """Mark the customer's messages on the order read."""
    return _read(session, me, order_id)


# included last: a router copies the routes it includes when it includes them
router.include_router(customer)
router.include_router(worker)
