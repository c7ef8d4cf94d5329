"""Vetting of worker applications, the franchise's blacklist, state history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import ID, Base, created_column, fk, fk_opt, id_column, table_args


class VettingCase(Base):
    """A worker's application under review, and the decision."""

    __tablename__ = "vetting_case"
    __table_args__ = table_args(Index("ix_vetting_case_branch_id_state", "branch_id", "state"))

    id: Mapped[int] = id_column()
    worker_id: Mapped[int] = fk("worker.id")
    branch_id: Mapped[int] = fk("branch.id")
    # new | under_review | waiting_documents | approved | rejected
    state: Mapped[str] = mapped_column(String(24), default="new")
    requested_skills: Mapped[str] = mapped_column(String(255), default="")
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[int | None] = fk_opt("staff_user.id")
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()
    updated_at: Mapped[datetime] = created_column()


class VettingCheck(Base):
    """One check of a case (ID number, duplicate, blacklist, background, certificate,
    interview, training, identity) with its result and who ran it."""

    __tablename__ = "vetting_check"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    case_id: Mapped[int] = fk("vetting_case.id", ondelete="CASCADE")
    kind: Mapped[str] = mapped_column(String(24))
    # pending | passed | failed | not_answered
    result: Mapped[str] = mapped_column(String(16), default="pending")
    detail: Mapped[str] = mapped_column(Text, default="")
    run_by: Mapped[int | None] = fk_opt("staff_user.id")
    run_at: Mapped[datetime | None] = mapped_column(nullable=True)


class BlacklistEntry(Base):
    """A person the franchise will not take on, with the reason, evidence and release."""

    __tablename__ = "blacklist_entry"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    id_number_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    # fraud | serious_complaint | work_quality | contract_breach
    reason_type: Mapped[str] = mapped_column(String(24))
    evidence: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[int | None] = fk_opt("staff_user.id")
    added_at: Mapped[datetime] = created_column()
    released_by: Mapped[int | None] = fk_opt("staff_user.id")
    released_at: Mapped[datetime | None] = mapped_column(nullable=True)
    release_reason: Mapped[str] = mapped_column(Text, default="")


class StateEvent(Base):
    """A transition of a state machine other than the order's (vetting case, withdrawal,
    invoice, payroll run…): entity, from, to, actor and reason."""

    __tablename__ = "state_event"
    __table_args__ = table_args(Index("ix_state_event_entity_entity_id", "entity", "entity_id"))

    id: Mapped[int] = id_column()
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(ID)
    event: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str] = mapped_column(String(24), default="")
    to_state: Mapped[str] = mapped_column(String(24), default="")
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = created_column()
