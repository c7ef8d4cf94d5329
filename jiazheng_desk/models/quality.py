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


class QualityCase(Base):
    """The follow-up of a negative review (or a complaint): investigate, call the customer
    back, decide. Each step is a ``state_event`` of entity ``quality_case``."""

    __tablename__ = "quality_case"
    __table_args__ = table_args(Index("ix_quality_case_branch_id_state", "branch_id", "state"))

    id: Mapped[int] = id_column()
    branch_id: Mapped[int] = mapped_column(ID, ForeignKey("branch.id"))
    review_id: Mapped[int | None] = mapped_column(
        ID, ForeignKey("review.id"), unique=True, nullable=True
    )
    complaint_id: Mapped[int | None] = fk_opt("complaint.id")
    order_id: Mapped[int | None] = fk_opt("orders.id")
    customer_id: Mapped[int | None] = fk_opt("customer.id")
    worker_id: Mapped[int | None] = fk_opt("worker.id")
    # open | investigating | contacted | decided | closed
    state: Mapped[str] = mapped_column(String(16), default="open")
    investigation: Mapped[str] = mapped_column(Text, default="")
    # no_fault | coaching | compensation_coupon | compensation_refund | deduction |
    # suspension | blacklist
    decision: Mapped[str] = mapped_column(String(24), default="")
    decision_note: Mapped[str] = mapped_column(Text, default="")
    amount_fen: Mapped[int] = fen_column()
    owner_id: Mapped[int | None] = fk_opt("staff_user.id")
    decided_by: Mapped[int | None] = fk_opt("staff_user.id")
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()
    updated_at: Mapped[datetime] = created_column()


class CareCallback(Base):
    """A call back to a customer (回访): after a first order, or as a step of a quality case."""

    __tablename__ = "care_callback"
    __table_args__ = table_args(Index("ix_care_callback_branch_id_due_at", "branch_id", "due_at"))

    id: Mapped[int] = id_column()
    branch_id: Mapped[int] = mapped_column(ID, ForeignKey("branch.id"))
    customer_id: Mapped[int] = fk("customer.id")
    order_id: Mapped[int | None] = fk_opt("orders.id")
    case_id: Mapped[int | None] = fk_opt("quality_case.id")
    # first_order | follow_up | complaint
    kind: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column()
    # pending | done | unreachable | cancelled
    state: Mapped[str] = mapped_column(String(16), default="pending")
    result: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    done_by: Mapped[int | None] = fk_opt("staff_user.id")
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()
