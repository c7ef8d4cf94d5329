"""Orders (one-off visits, visits of a recurring series, long placements) and dispatch."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
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


class OrderSeries(Base):
    """A recurring booking: weekly, every 2 weeks, or monthly on the n-th weekday."""

    __tablename__ = "order_series"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    branch_id: Mapped[int] = fk("branch.id")
    customer_id: Mapped[int] = fk("customer.id")
    address_id: Mapped[int] = fk("customer_address.id")
    item_id: Mapped[int] = fk("service_item.id")
    units: Mapped[int] = mapped_column(Integer, default=1)
    # weekly | biweekly | monthly_weekday
    rule: Mapped[str] = mapped_column(String(24))
    weekday: Mapped[int] = mapped_column(SmallInteger)
    week_of_month: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    start_minute: Mapped[int] = mapped_column(SmallInteger)
    first_date: Mapped[date] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    until_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    worker_id: Mapped[int | None] = fk_opt("worker.id")
    # the chosen options, as a JSON list of option ids (every visit gets them)
    options_json: Mapped[str] = mapped_column(String(255), default="[]", server_default="[]")
    customer_note: Mapped[str] = mapped_column(String(500), default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    created_at: Mapped[datetime] = created_column()


class Order(Base):
    """One booking of one service at one address over one time range.

    A placement spans its whole period in ``starts_at``..``ends_at``; a visit of a series
    carries ``series_id`` and its sequence number. Prices are the quote at booking time.
    """

    __tablename__ = "orders"
    __table_args__ = table_args(
        # a worker's bookings that end after a moment: the overlap probe reads only the
        # future (and current) ones, however long the history or the placements
        Index("ix_orders_worker_id_ends_at", "worker_id", "ends_at", "starts_at"),
        Index("ix_orders_branch_id_service_day", "branch_id", "service_day"),
        Index("ix_orders_state_starts_at", "state", "starts_at"),
        Index("ix_orders_customer_id_starts_at", "customer_id", "starts_at"),
        # the orders list: newest first, whole history or one branch, and the exceptions
        Index("ix_orders_starts_at", "starts_at"),
        Index("ix_orders_branch_id_starts_at", "branch_id", "starts_at"),
        Index("ix_orders_exception_reason_starts_at", "exception_reason", "starts_at"),
        UniqueConstraint("series_id", "series_seq"),
    )

    id: Mapped[int] = id_column()
    order_no: Mapped[str] = mapped_column(String(24), unique=True)
    branch_id: Mapped[int] = mapped_column(ID, ForeignKey("branch.id"))
    customer_id: Mapped[int] = mapped_column(ID, ForeignKey("customer.id"))
    address_id: Mapped[int] = fk("customer_address.id")
    district_id: Mapped[int] = fk("district.id")
    # where the service happens, as it was when booked (an address edited later keeps this)
    address_text: Mapped[str] = mapped_column(String(255), default="", server_default="")
    lat: Mapped[float | None] = mapped_column(Double, nullable=True)
    lng: Mapped[float | None] = mapped_column(Double, nullable=True)
    item_id: Mapped[int] = fk("service_item.id")
    units: Mapped[int] = mapped_column(Integer, default=1)
    # visit | series | placement
    kind: Mapped[str] = mapped_column(String(16), default="visit")
    series_id: Mapped[int | None] = mapped_column(ID, ForeignKey("order_series.id"), nullable=True)
    series_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    # the local business day of starts_at, for the board and for daily aggregates
    service_day: Mapped[date] = mapped_column(Date)
    worker_id: Mapped[int | None] = mapped_column(ID, ForeignKey("worker.id"), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="created")
    channel: Mapped[str] = mapped_column(String(16), default="phone")
    base_fen: Mapped[int] = fen_column()
    options_fen: Mapped[int] = fen_column()
    travel_fee_fen: Mapped[int] = fen_column()
    surcharge_fen: Mapped[int] = fen_column()
    discount_fen: Mapped[int] = fen_column()
    total_fen: Mapped[int] = fen_column()
    cancel_fee_fen: Mapped[int] = fen_column()
    coupon_id: Mapped[int | None] = fk_opt("coupon.id")
    # a dispatcher fixed the worker and time by hand: the optimiser keeps it
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # open to every qualified worker of the district (抢单)
    pool_open: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    rejections: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # why the order is in the exceptions queue (no_worker, rejected, no_show, complaint)
    exception_reason: Mapped[str] = mapped_column(String(32), default="", server_default="")
    exception_at: Mapped[datetime | None] = mapped_column(nullable=True)
    customer_note: Mapped[str] = mapped_column(Text, default="")
    staff_note: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(String(255), default="")
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    created_at: Mapped[datetime] = created_column()
    updated_at: Mapped[datetime] = created_column()
    assigned_at: Mapped[datetime | None] = mapped_column(nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(nullable=True)


class OrderOption(Base):
    """An option chosen on an order, with its price at booking time."""

    __tablename__ = "order_option"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = fk("orders.id", ondelete="CASCADE")
    option_id: Mapped[int] = fk("service_option.id")
    name: Mapped[str] = mapped_column(String(64))
    price_fen: Mapped[int] = fen_column()


class PlacementDayOff(Base):
    """A day off inside a long placement (the worker stays blocked for other orders)."""

    __tablename__ = "placement_day_off"
    __table_args__ = table_args(UniqueConstraint("order_id", "day"))

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = mapped_column(ID, ForeignKey("orders.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)


class OrderEvent(Base):
    """A transition of an order's state machine, with who did it and why."""

    __tablename__ = "order_event"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = fk("orders.id", ondelete="CASCADE")
    event: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str] = mapped_column(String(16), default="")
    to_state: Mapped[str] = mapped_column(String(16), default="")
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    reason: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = created_column()


class DispatchOffer(Base):
    """An order offered to a worker (or grabbed from the pool), with the answer."""

    __tablename__ = "dispatch_offer"
    __table_args__ = table_args(Index("ix_dispatch_offer_state_expires_at", "state", "expires_at"))

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = fk("orders.id", ondelete="CASCADE")
    worker_id: Mapped[int] = fk("worker.id")
    # offer | grab
    kind: Mapped[str] = mapped_column(String(8), default="offer")
    # offered | accepted | rejected | expired | withdrawn
    state: Mapped[str] = mapped_column(String(16), default="offered")
    reason: Mapped[str] = mapped_column(String(255), default="")
    offered_by: Mapped[int | None] = fk_opt("staff_user.id")
    offered_at: Mapped[datetime] = created_column()
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(nullable=True)


class ServiceRecord(Base):
    """What happened during a visit: a note, a photo, a video, a location."""

    __tablename__ = "service_record"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = fk("orders.id", ondelete="CASCADE")
    worker_id: Mapped[int] = fk("worker.id")
    # text | photo | video | location
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    file_path: Mapped[str] = mapped_column(String(255), default="")
    lat: Mapped[float | None] = mapped_column(Double, nullable=True)
    lng: Mapped[float | None] = mapped_column(Double, nullable=True)
    created_at: Mapped[datetime] = created_column()


class OrderChangeRequest(Base):
    """A worker's request to move a visit: staff approve it, then the customer consents."""

    __tablename__ = "order_change_request"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = fk("orders.id", ondelete="CASCADE")
    requested_by_kind: Mapped[str] = mapped_column(String(16))
    requested_by_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    new_starts_at: Mapped[datetime] = mapped_column()
    new_ends_at: Mapped[datetime] = mapped_column()
    reason: Mapped[str] = mapped_column(String(255), default="")
    # requested | staff_approved | accepted | rejected | withdrawn
    state: Mapped[str] = mapped_column(String(16), default="requested")
    staff_id: Mapped[int | None] = fk_opt("staff_user.id")
    staff_decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    customer_decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()
