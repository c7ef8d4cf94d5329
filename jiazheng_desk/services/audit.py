"""The audit log: written by every mutation in its own transaction, read by managers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import AuditLog
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import AnySelect, Page, like_pattern
from jiazheng_desk.services.errors import NotFound
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id

SORTABLE = {"created_at", "actor_name", "action", "entity", "entity_id"}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    created_at: datetime
    actor_kind: str
    actor_id: int | None
    actor_name: str
    source: str
    branch_id: int | None
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    actor_text: str = ""
    action: str = ""
    entity: str = ""
    entity_id: int | None = None
    branch_id: int | None = None


def _dump(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    branch_id: int | None = None,
) -> None:
    """Write one audit row in the caller's transaction.

    A Core insert on the session's connection: the row is written at once, in order with
    the change it records, without the ORM's flush bookkeeping (booking is hot).
    """
    session.connection().execute(
        insert(table_of(AuditLog)),
        {
            "created_at": clock.now(),
            "actor_kind": actor.kind,
            "actor_id": actor.id,
            "actor_name": actor.name[:64],
            "source": actor.source,
            "branch_id": branch_id if branch_id is not None else actor.branch_id,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before_json": _dump(before),
            "after_json": _dump(after),
        },
    )


def _view(row: AuditLog) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        created_at=row.created_at,
        actor_kind=row.actor_kind,
        actor_id=row.actor_id,
        actor_name=row.actor_name,
        source=row.source,
        branch_id=row.branch_id,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        before=json.loads(row.before_json) if row.before_json else {},
        after=json.loads(row.after_json) if row.after_json else {},
    )


def _filtered(stmt: AnySelect, actor: Actor, flt: AuditFilter) -> AnySelect:
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(AuditLog.branch_id == scope)
    elif flt.branch_id is not None:
        stmt = stmt.where(AuditLog.branch_id == flt.branch_id)
    if flt.since is not None:
        stmt = stmt.where(AuditLog.created_at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(AuditLog.created_at < flt.until)
    if flt.actor_text.strip():
        stmt = stmt.where(
            AuditLog.actor_name.like(like_pattern(flt.actor_text.strip()), escape="\\")
        )
    if flt.action:
        stmt = stmt.where(AuditLog.action == flt.action)
    if flt.entity:
        stmt = stmt.where(AuditLog.entity == flt.entity)
    if flt.entity_id is not None:
        stmt = stmt.where(AuditLog.entity_id == flt.entity_id)
    return stmt


def list_audit(
    session: Session,
    *,
    actor: Actor,
    flt: AuditFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "created_at",
    descending: bool = True,
) -> Page[AuditEntry]:
    """A page of the audit log, newest first, limited to the actor's branch unless HQ."""
    require(actor, Perm.AUDIT_VIEW)
    flt = flt or AuditFilter()
    total = session.scalar(_filtered(select(func.count(AuditLog.id)), actor, flt)) or 0
    column = getattr(AuditLog, sort if sort in SORTABLE else "created_at")
    order = [column.desc(), AuditLog.id.desc()] if descending else [column, AuditLog.id]
    rows = session.scalars(
        _filtered(select(AuditLog), actor, flt).order_by(*order).offset(offset).limit(limit)
    ).all()
    return Page(items=tuple(_view(r) for r in rows), total=total, offset=offset)


def get_audit_entry(session: Session, *, actor: Actor, entry_id: int) -> AuditEntry:
    require(actor, Perm.AUDIT_VIEW)
    row = session.get(AuditLog, entry_id)
    scope = scope_branch_id(actor)
    if row is None or (scope is not None and row.branch_id != scope):
        raise NotFound("audit", entry_id)
    return _view(row)


def audit_vocabulary(session: Session, *, actor: Actor) -> tuple[list[str], list[str]]:
    """The distinct actions and entities in the log (for the filter boxes)."""
    require(actor, Perm.AUDIT_VIEW)
    actions = session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action)).all()
    entities = session.scalars(select(AuditLog.entity).distinct().order_by(AuditLog.entity)).all()
    return list(actions), list(entities)
