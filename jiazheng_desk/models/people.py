"""Branches and the people of the business: staff, customers, workers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import ID, Base, created_column, fk, fk_opt, id_column, table_args


class Branch(Base):
    """A franchise branch office; it serves a list of districts of one city."""

    __tablename__ = "branch"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    city: Mapped[str] = mapped_column(String(32))
    timezone: Mapped[str] = mapped_column(String(48), default="Asia/Shanghai")
    address: Mapped[str] = mapped_column(String(255), default="")
    # the office, from which travel-fee distance bands are measured
    lat: Mapped[float | None] = mapped_column(Double, nullable=True)
    lng: Mapped[float | None] = mapped_column(Double, nullable=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = created_column()


class District(Base):
    """A district (区) of a city, served by exactly one branch."""

    __tablename__ = "district"
    __table_args__ = table_args(UniqueConstraint("city", "name"))

    id: Mapped[int] = id_column()
    branch_id: Mapped[int] = fk("branch.id")
    city: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(32))
    center_lat: Mapped[float] = mapped_column(Double)
    center_lng: Mapped[float] = mapped_column(Double)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class StaffUser(Base):
    """A desk user: a role, a branch (none for HQ), an argon2 hash and the lockout state."""

    __tablename__ = "staff_user"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(24))
    branch_id: Mapped[int | None] = fk_opt("branch.id")
    phone: Mapped[str] = mapped_column(String(20), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()
    updated_at: Mapped[datetime] = created_column()


class Customer(Base):
    """A customer of the apps or the phone line."""

    __tablename__ = "customer"
    __table_args__ = table_args(
        Index("ix_customer_name_initials", "name_initials"),
        Index("ix_customer_last_order_at", "last_order_at"),
    )

    id: Mapped[int] = id_column()
    branch_id: Mapped[int | None] = fk_opt("branch.id")
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    # pinyin initials of the name ("zw" for 张伟), for find-as-you-type
    name_initials: Mapped[str] = mapped_column(String(32), default="")
    gender: Mapped[str] = mapped_column(String(8), default="")
    email: Mapped[str | None] = mapped_column(String(128), unique=True, nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    status_reason: Mapped[str] = mapped_column(String(255), default="")
    channel: Mapped[str] = mapped_column(String(16), default="phone")
    member_level: Mapped[str] = mapped_column(String(16), default="normal")
    referrer_id: Mapped[int | None] = fk_opt("customer.id")
    real_name: Mapped[str] = mapped_column(String(64), default="")
    id_number_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    real_name_verified_at: Mapped[datetime | None] = mapped_column(nullable=True)
    emergency_name: Mapped[str] = mapped_column(String(64), default="")
    emergency_phone: Mapped[str] = mapped_column(String(20), default="")
    remind_sms: Mapped[bool] = mapped_column(Boolean, default=True)
    remind_push: Mapped[bool] = mapped_column(Boolean, default=True)
    marketing_opt_in: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    last_order_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)


class CustomerAddress(Base):
    """A service address with its district and coordinates."""

    __tablename__ = "customer_address"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    customer_id: Mapped[int] = fk("customer.id")
    district_id: Mapped[int] = fk("district.id")
    address_text: Mapped[str] = mapped_column(String(255))
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    lat: Mapped[float] = mapped_column(Double)
    lng: Mapped[float] = mapped_column(Double)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = created_column()
    deleted_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Worker(Base):
    """A service worker (阿姨, 师傅): from applicant to active, suspended or gone."""

    __tablename__ = "worker"
    __table_args__ = table_args(
        Index("ix_worker_branch_id_status", "branch_id", "status"),
        Index("ix_worker_name_initials", "name_initials"),
    )

    id: Mapped[int] = id_column()
    branch_id: Mapped[int] = fk("branch.id")
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    name_initials: Mapped[str] = mapped_column(String(32), default="")
    gender: Mapped[str] = mapped_column(String(8), default="")
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # ID-card number: encrypted at rest; the keyed hash finds duplicates, the suffix searches
    id_number_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    id_number_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    id_number_suffix: Mapped[str] = mapped_column(String(4), default="")
    status: Mapped[str] = mapped_column(String(16), default="applicant")
    status_reason: Mapped[str] = mapped_column(String(255), default="")
    work_status: Mapped[str] = mapped_column(String(16), default="offline")
    years_experience: Mapped[int] = mapped_column(SmallInteger, default=0)
    home_address: Mapped[str] = mapped_column(String(255), default="")
    home_lat: Mapped[float | None] = mapped_column(Double, nullable=True)
    home_lng: Mapped[float | None] = mapped_column(Double, nullable=True)
    bio: Mapped[str] = mapped_column(Text, default="")
    photo_path: Mapped[str] = mapped_column(String(255), default="")
    bank_name: Mapped[str] = mapped_column(String(64), default="")
    bank_account_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # kept by the review service for search and ranking; reviews are the source
    rating_count: Mapped[int] = mapped_column(Integer, default=0)
    rating_sum: Mapped[int] = mapped_column(Integer, default=0)
    joined_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = created_column()
    updated_at: Mapped[datetime] = created_column()


class WorkerSkill(Base):
    """A skill granted to a worker, with its level (1 = 初级 … 5 = 金牌)."""

    __tablename__ = "worker_skill"
    __table_args__ = table_args(UniqueConstraint("worker_id", "skill_id"))

    id: Mapped[int] = id_column()
    worker_id: Mapped[int] = fk("worker.id", ondelete="CASCADE")
    skill_id: Mapped[int] = fk("skill.id")
    level: Mapped[int] = mapped_column(SmallInteger, default=1)
    granted_by: Mapped[int | None] = fk_opt("staff_user.id")
    granted_at: Mapped[datetime] = created_column()


class WorkerDistrict(Base):
    """A district a worker serves."""

    __tablename__ = "worker_district"
    __table_args__ = table_args()

    worker_id: Mapped[int] = mapped_column(
        ID, ForeignKey("worker.id", ondelete="CASCADE"), primary_key=True
    )
    district_id: Mapped[int] = mapped_column(ID, ForeignKey("district.id"), primary_key=True)


class ShiftTemplate(Base):
    """A weekly working window in the branch's local time (weekday 0 = Monday)."""

    __tablename__ = "shift_template"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    worker_id: Mapped[int] = fk("worker.id", ondelete="CASCADE")
    weekday: Mapped[int] = mapped_column(SmallInteger)
    start_minute: Mapped[int] = mapped_column(SmallInteger)
    end_minute: Mapped[int] = mapped_column(SmallInteger)


class WorkerLeave(Base):
    """Leave, a blackout or a day off: the worker cannot be booked in this range."""

    __tablename__ = "worker_leave"
    __table_args__ = table_args(
        Index("ix_worker_leave_worker_id_starts_at", "worker_id", "starts_at")
    )

    id: Mapped[int] = id_column()
    worker_id: Mapped[int] = mapped_column(ID, ForeignKey("worker.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default="leave")
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    reason: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(16), default="approved")
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    created_at: Mapped[datetime] = created_column()


class WorkerDocument(Base):
    """An ID photo, a certificate, a selfie: a file with its number, issuer and expiry."""

    __tablename__ = "worker_document"
    __table_args__ = table_args(Index("ix_worker_document_expires_on", "expires_on"))

    id: Mapped[int] = id_column()
    worker_id: Mapped[int] = fk("worker.id", ondelete="CASCADE")
    kind: Mapped[str] = mapped_column(String(24))
    cert_type: Mapped[str] = mapped_column(String(32), default="")
    number: Mapped[str] = mapped_column(String(64), default="")
    issuer: Mapped[str] = mapped_column(String(128), default="")
    issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    file_path: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    verified_by: Mapped[int | None] = fk_opt("staff_user.id")
    verified_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()


class CustomerTag(Base):
    """A tag on a customer, by hand or by a rule (RFM, preference …)."""

    __tablename__ = "customer_tag"
    __table_args__ = table_args(UniqueConstraint("customer_id", "tag"))

    id: Mapped[int] = id_column()
    customer_id: Mapped[int] = mapped_column(ID, ForeignKey("customer.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(32), index=True)
    # hand | rule
    source: Mapped[str] = mapped_column(String(8), default="hand")
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    created_at: Mapped[datetime] = created_column()


class Favorite(Base):
    """A worker or a service a customer marked as a favourite."""

    __tablename__ = "favorite"
    __table_args__ = table_args(UniqueConstraint("customer_id", "kind", "target_id"))

    id: Mapped[int] = id_column()
    customer_id: Mapped[int] = mapped_column(ID, ForeignKey("customer.id", ondelete="CASCADE"))
    # worker | item
    kind: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[int] = mapped_column(ID)
    created_at: Mapped[datetime] = created_column()
