"""The service catalogue, skills, per-branch prices and price rules."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import (
    FEN,
    ID,
    Base,
    created_column,
    fen_column,
    fk,
    fk_opt,
    id_column,
    table_args,
)


class Skill(Base):
    """What a worker can do (保洁, 家电清洗, 月嫂, 育婴, 护理, 维修 …)."""

    __tablename__ = "skill"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    # the certificate a worker must hold (valid on the day) to work with this skill
    required_cert_type: Mapped[str] = mapped_column(String(32), default="")


class ServiceCategory(Base):
    __tablename__ = "service_category"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class ServiceItem(Base):
    """A bookable service: unit, minimum units, duration, skill, base price in fen."""

    __tablename__ = "service_item"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    category_id: Mapped[int] = fk("service_category.id")
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    # visit | hour | sqm | day
    unit: Mapped[str] = mapped_column(String(8))
    # visit (hours on one day) | placement (days in a row: 月嫂, 住家保姆)
    kind: Mapped[str] = mapped_column(String(16), default="visit")
    min_units: Mapped[int] = mapped_column(Integer, default=1)
    # minutes of work for one unit (hour: 60; sqm: minutes per m²…; visit: the visit)
    minutes_per_unit: Mapped[int] = mapped_column(Integer, default=120)
    base_minutes: Mapped[int] = mapped_column(Integer, default=0)
    base_price_fen: Mapped[int] = mapped_column(FEN)
    skill_id: Mapped[int] = fk("skill.id")
    required_level: Mapped[int] = mapped_column(SmallInteger, default=1)
    description: Mapped[str] = mapped_column(Text, default="")
    process_text: Mapped[str] = mapped_column(Text, default="")
    tools_text: Mapped[str] = mapped_column(Text, default="")
    photo_paths: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    retired_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()


class ServiceOption(Base):
    """An add-on of a service item (擦玻璃 +¥30, 自带清洁剂)."""

    __tablename__ = "service_option"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    item_id: Mapped[int] = fk("service_item.id")
    name: Mapped[str] = mapped_column(String(64))
    price_fen: Mapped[int] = fen_column()
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class BranchPrice(Base):
    """A branch's own price for a service item (overrides the base price)."""

    __tablename__ = "branch_price"
    __table_args__ = table_args(UniqueConstraint("branch_id", "item_id"))

    id: Mapped[int] = id_column()
    branch_id: Mapped[int] = fk("branch.id")
    item_id: Mapped[int] = fk("service_item.id")
    price_fen: Mapped[int] = mapped_column(FEN)
    updated_at: Mapped[datetime] = created_column()


class PriceRule(Base):
    """A travel fee band or zone, or a night/holiday surcharge, for one branch or all.

    kind: travel_distance (min_m ≤ distance < max_m), travel_zone (district_id),
    night (start_minute..end_minute local), holiday (on_date).
    """

    __tablename__ = "price_rule"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    branch_id: Mapped[int | None] = fk_opt("branch.id")
    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(64), default="")
    min_m: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_m: Mapped[int | None] = mapped_column(Integer, nullable=True)
    district_id: Mapped[int | None] = mapped_column(ID, ForeignKey("district.id"), nullable=True)
    start_minute: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    end_minute: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    on_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    amount_fen: Mapped[int] = fen_column()
    # a percentage in basis points (1 % = 100) of the base price, for surcharges
    percent_bp: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = created_column()
