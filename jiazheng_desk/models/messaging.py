"""The message centre, the outbox, SMS codes and API tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import ID, Base, created_column, id_column, table_args


class Notification(Base):
    """A message in a person's message centre (customer, worker or staff)."""

    __tablename__ = "notification"
    __table_args__ = table_args(
        Index("ix_notification_recipient", "recipient_kind", "recipient_id", "read_at")
    )

    id: Mapped[int] = id_column()
    recipient_kind: Mapped[str] = mapped_column(String(16))
    recipient_id: Mapped[int] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(128))
    body: Mapped[str] = mapped_column(Text, default="")
    entity: Mapped[str] = mapped_column(String(32), default="")
    entity_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    read_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()


class Outbox(Base):
    """A message to deliver (SMS, push, email), claimed by one job runner at a time."""

    __tablename__ = "outbox"
    __table_args__ = table_args(
        Index("ix_outbox_state_next_attempt_at", "state", "next_attempt_at")
    )

    id: Mapped[int] = id_column()
    # sms | push | email
    channel: Mapped[str] = mapped_column(String(8))
    recipient: Mapped[str] = mapped_column(String(128))
    template: Mapped[str] = mapped_column(String(48))
    payload: Mapped[str] = mapped_column(Text, default="{}")
    # pending | sent | dead
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = created_column()
    lease_until: Mapped[datetime | None] = mapped_column(nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = created_column()
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)


class SmsCode(Base):
    """A one-time code sent to a phone (or an email address), stored hashed."""

    __tablename__ = "sms_code"
    __table_args__ = table_args(Index("ix_sms_code_phone_created_at", "phone", "created_at"))

    id: Mapped[int] = id_column()
    # the phone number, or the email address when channel is "email"
    phone: Mapped[str] = mapped_column(String(128))
    # sms | email
    channel: Mapped[str] = mapped_column(String(8), default="sms", server_default="sms")
    purpose: Mapped[str] = mapped_column(String(16))
    code_hash: Mapped[str] = mapped_column(String(128))
    ip: Mapped[str] = mapped_column(String(45), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()


class ApiToken(Base):
    """An opaque bearer token of a customer or worker app (stored as a hash)."""

    __tablename__ = "api_token"
    __table_args__ = table_args(Index("ix_api_token_subject", "subject_kind", "subject_id"))

    id: Mapped[int] = id_column()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # customer | worker
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int] = mapped_column(ID)
    created_at: Mapped[datetime] = created_column()
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Announcement(Base):
    """A notice (公告) for customers, workers or both, from HQ or one branch."""

    __tablename__ = "announcement"
    __table_args__ = table_args(
        Index("ix_announcement_audience_starts_at", "audience", "starts_at")
    )

    id: Mapped[int] = id_column()
    branch_id: Mapped[int | None] = mapped_column(ID, nullable=True, index=True)
    # customers | workers | all
    audience: Mapped[str] = mapped_column(String(16), default="all")
    title: Mapped[str] = mapped_column(String(128))
    body: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime | None] = mapped_column(nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ID, nullable=True)
    created_at: Mapped[datetime] = created_column()


class ChatMessage(Base):
    """A private message between an order's customer and its worker."""

    __tablename__ = "chat_message"
    __table_args__ = table_args(
        Index("ix_chat_message_order_id_created_at", "order_id", "created_at")
    )

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = mapped_column(ID, ForeignKey("orders.id", ondelete="CASCADE"))
    # customer | worker
    sender_kind: Mapped[str] = mapped_column(String(16))
    sender_id: Mapped[int] = mapped_column(ID)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_column()
    read_at: Mapped[datetime | None] = mapped_column(nullable=True)
