"""The message centre and private messages between an order's customer and its worker."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api_stub.deps import CurrentCustomer, SessionDep
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

router = APIRouter(prefix="/customer", tags=["messages"])


@router.get("/notifications", response_model=NotificationPage, summary="My notifications")
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


@router.get("/notifications/unread-count", response_model=UnreadOut, summary="Unread count")
def unread_count(me: CurrentCustomer, session: SessionDep) -> UnreadOut:
    return UnreadOut(unread=messages_center.get_unread_count(session, actor=me))


@router.post("/notifications/read-all", response_model=ReadAllOut, summary="Mark all read")
def read_all(me: CurrentCustomer, session: SessionDep) -> ReadAllOut:
    return ReadAllOut(marked=messages_center.mark_all_notifications_read(session, actor=me))


@router.post(
    "/notifications/{notification_id}/read", response_model=NotificationOut, summary="Mark read"
)
def read_one(notification_id: IdPath, me: CurrentCustomer, session: SessionDep) -> NotificationOut:
    view = messages_center.mark_notification_read(
        session, actor=me, notification_id=notification_id
    )
    return NotificationOut.of(view)


@router.get("/orders/{order_id}/messages", response_model=ChatPage, summary="Messages")
def chat(
    order_id: IdPath,
    me: CurrentCustomer,
    session: SessionDep,
    after_id: Annotated[
        int | None, Query(ge=0, le=MAX_ID, description="Only newer than this one.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> ChatPage:
    """The private messages with the order's worker, oldest first."""
    page = messages_center.list_chat(
        session, actor=me, order_id=order_id, after_id=after_id, limit=limit
    )
    return ChatPage(items=[ChatOut.of(c) for c in page.items], total=page.total)


@router.post("/orders/{order_id}/messages", status_code=201, response_model=ChatOut, summary="Send")
def send(order_id: IdPath, body: ChatIn, me: CurrentCustomer, session: SessionDep) -> ChatOut:
    """A private message to the order's worker."""
    return ChatOut.of(
        messages_center.send_chat(session, actor=me, order_id=order_id, body=body.body)
    )


@router.post("/orders/{order_id}/messages/read", response_model=ReadAllOut, summary="Mark read")
def read_chat(order_id: IdPath, me: CurrentCustomer, session: SessionDep) -> ReadAllOut:
    """Mark the worker's messages on the order read."""
    return ReadAllOut(marked=messages_center.mark_chat_read(session, actor=me, order_id=order_id))
