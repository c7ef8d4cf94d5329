"""Reviews and complaints."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import (
    ID,
    Base,
    created_column,
    fen_column,
    fk,
    fk_opt,
    id_column,
    table_args,
)


class Review(Base):
    """A customer's review of a completed order: five 1–5 scores, text and photos."""

    __tablename__ = "review"
    __table_args__ = table_args(Index("ix_review_worker_id_created_at", "worker_id", "created_at"))

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = mapped_column(ID, ForeignKey("orders.id"), unique=True)
    customer_id: Mapped[int] = fk("customer.id")
    worker_id: Mapped[int] = mapped_column(ID, ForeignKey("worker.id"))
    attitude: Mapped[int] = mapped_column(SmallInteger)
    skill: Mapped[int] = mapped_column(SmallInteger)
    efficiency: Mapped[int] = mapped_column(SmallInteger)
    punctuality: Mapped[int] = mapped_column(SmallInteger)
    overall: Mapped[int] = mapped_column(SmallInteger)
    text: Mapped[str] = mapped_column(Text, default="")
    reply_text: Mapped[str] = mapped_column(Text, default="")
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = created_column()


class ReviewPhoto(Base):
    __tablename__ = "review_photo"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    review_id: Mapped[int] = fk("review.id", ondelete="CASCADE")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    file_path: Mapped[str] = mapped_column(String(255))


class Complaint(Base):
    """A complaint or service ticket, from the phone or the app, with its handling."""

    __tablename__ = "complaint"
    __table_args__ = table_args(Index("ix_complaint_branch_id_state", "branch_id", "state"))

    id: Mapped[int] = id_column()
    branch_id: Mapped[int] = mapped_column(ID, ForeignKey("branch.id"))
    order_id: Mapped[int | None] = fk_opt("orders.id")
    customer_id: Mapped[int | None] = fk_opt("customer.id")
    worker_id: Mapped[int | None] = fk_opt("worker.id")
    category: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    channel: Mapped[str] = mapped_column(String(16), default="phone")
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="open")
    owner_id: Mapped[int | None] = fk_opt("staff_user.id")
    deadline_at: Mapped[datetime | None] = mapped_column(nullable=True)
    resolution: Mapped[str] = mapped_column(Text, default="")
    compensation_fen: Mapped[int] = fen_column()
    created_at: Mapped[datetime] = created_column()
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)
