"""What the mobile API keeps: answers to repeated requests, linked accounts, uploaded files."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import ID, Base, created_column, id_column, table_args


class IdempotencyRecord(Base):
    """The first answer to a POST with an ``Idempotency-Key``; a repeat gets it again."""

    __tablename__ = "idempotency_record"
    __table_args__ = table_args(UniqueConstraint("subject_kind", "subject_id", "key"))

    id: Mapped[int] = id_column()
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int] = mapped_column(ID)
    key: Mapped[str] = mapped_column(String(64))
    route: Mapped[str] = mapped_column(String(96))
    # the request body's hash: the same key with another body is refused, not replayed
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_column()


class ExternalIdentity(Base):
    """A WeChat / Alipay account linked to a customer or worker."""

    __tablename__ = "external_identity"
    __table_args__ = table_args(UniqueConstraint("provider", "provider_uid", "subject_kind"))

    id: Mapped[int] = id_column()
    provider: Mapped[str] = mapped_column(String(16))
    provider_uid: Mapped[str] = mapped_column(String(128))
    subject_kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int] = mapped_column(ID, index=True)
    created_at: Mapped[datetime] = created_column()


class MediaFile(Base):
    """An uploaded photo or video under the media folder, with who may see it."""

    __tablename__ = "media_file"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    # random name under the media folder (never the client's file name)
    path: Mapped[str] = mapped_column(String(255), unique=True)
    content_type: Mapped[str] = mapped_column(String(32))
    size_bytes: Mapped[int] = mapped_column(Integer)
    owner_kind: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[int] = mapped_column(ID, index=True)
    # what it belongs to (order record, review, worker document…), once attached
    entity: Mapped[str] = mapped_column(String(32), default="")
    entity_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    created_at: Mapped[datetime] = created_column()
