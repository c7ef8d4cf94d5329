"""The audit log: one row for every mutation, in the same transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import ID, Base, created_column, id_column, table_args


class AuditLog(Base):
    """Who did what to which entity, with the values before and after (JSON text)."""

    __tablename__ = "audit_log"
    __table_args__ = table_args(
        Index("ix_audit_log_created_at", "created_at"),
        Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),
        Index("ix_audit_log_branch_id_created_at", "branch_id", "created_at"),
        Index("ix_audit_log_actor_kind_actor_id", "actor_kind", "actor_id"),
        Index("ix_audit_log_action", "action"),
    )

    id: Mapped[int] = id_column()
    created_at: Mapped[datetime] = created_column()
    # staff | customer | worker | system
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    # desk | api | job | cli
    source: Mapped[str] = mapped_column(String(8), default="desk")
    branch_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    action: Mapped[str] = mapped_column(String(48))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    before_json: Mapped[str] = mapped_column(Text, default="")
    after_json: Mapped[str] = mapped_column(Text, default="")
