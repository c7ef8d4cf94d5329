"""Business settings (commission, fees, thresholds) for HQ or one branch."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import Base, created_column, fk_opt, id_column, table_args


class Setting(Base):
    """A JSON value under a key, for HQ (``scope='hq'``) or a branch (``'branch:3'``)."""

    __tablename__ = "setting"
    __table_args__ = table_args(UniqueConstraint("key", "scope"))

    id: Mapped[int] = id_column()
    key: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(24), default="hq")
    value_json: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int | None] = fk_opt("staff_user.id")
    updated_at: Mapped[datetime] = created_column()
