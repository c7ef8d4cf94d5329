"""The franchise's own blacklist: people it will not take on again, and their release.

An entry holds the ID number only as its keyed hash (``pii.lookup_hash``: found again
without being readable), the phone and the name, the kind of reason and the evidence.
Entries are never deleted: a release keeps the entry with who released it and why, so
the history stays in the book and in the audit log.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import BlacklistEntry, StaffUser
from jiazheng_desk.services import audit, pii
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page, clean_mobile, clean_text, like_pattern
from jiazheng_desk.services.errors import Conflict, NotFound, ValidationError
from jiazheng_desk.services.idcard import parse_id_number
from jiazheng_desk.services.permissions import Perm, require

REASON_TYPES = ("fraud", "serious_complaint", "work_quality", "contract_breach")
SORTABLE = {"added_at", "name", "reason_type", "released_at"}


@dataclass(frozen=True)
class BlacklistView:
    id: int
    name: str
    phone: str
    has_id_number: bool
    reason_type: str
    evidence: str
    added_by_name: str
    added_at: datetime
    released_by_name: str
    released_at: datetime | None
    release_reason: str

    @property
    def active(self) -> bool:
        return self.released_at is None


@dataclass(frozen=True)
class BlacklistFilter:
    text: str = ""
    include_released: bool = False


def _view(session: Session, row: BlacklistEntry) -> BlacklistView:
    names = dict(
        session.execute(
            select(StaffUser.id, StaffUser.display_name).where(
                StaffUser.id.in_([i for i in (row.added_by, row.released_by) if i is not None])
            )
        ).all()
    )
    return BlacklistView(
        id=row.id,
        name=row.name,
        phone=row.phone,
        has_id_number=bool(row.id_number_hash),
        reason_type=row.reason_type,
        evidence=row.evidence,
        added_by_name=names.get(row.added_by, "") if row.added_by else "",
        added_at=row.added_at,
        released_by_name=names.get(row.released_by, "") if row.released_by else "",
        released_at=row.released_at,
        release_reason=row.release_reason,
    )


def find_listed(session: Session, *, id_number_hash: str | None, phone: str) -> int | None:
    """The id of an active entry with this ID number (keyed hash) or phone, if any."""
    conditions = []
    if id_number_hash:
        conditions.append(BlacklistEntry.id_number_hash == id_number_hash)
    if phone:
        conditions.append(BlacklistEntry.phone == phone)
    if not conditions:
        return None
    return session.scalar(
        select(BlacklistEntry.id)
        .where(or_(*conditions), BlacklistEntry.released_at.is_(None))
        .order_by(BlacklistEntry.id)
        .limit(1)
    )


def add_entry(
    session: Session,
    *,
    actor: Actor,
    name: str,
    reason_type: str,
    evidence: str,
    id_number: str = "",
    phone: str = "",
) -> BlacklistView:
    """Put a person on the blacklist (by ID number, phone or both) with the evidence."""
    require(actor, Perm.BLACKLIST_MANAGE)
    clean_name = clean_text(
        name, field="name", label=Msg("blacklist.field.name"), max_len=64, required=True
    )
    if reason_type not in REASON_TYPES:
        raise ValidationError("blacklist.bad_reason_type", field="reason_type")
    text = clean_text(
        evidence,
        field="evidence",
        label=Msg("blacklist.field.evidence"),
        max_len=4000,
        required=True,
    )
    mobile = clean_mobile(phone, field="phone")
    lookup = None
    masked = ""
    if id_number.strip():
        card = parse_id_number(id_number, field="id_number")
        lookup = pii.lookup_hash(card.number)
        masked = pii.mask_id_number(card.number)
    if lookup is None and not mobile:
        raise ValidationError("blacklist.id_or_phone", field="id_number")
    existing = find_listed(session, id_number_hash=lookup, phone=mobile)
    if existing is not None:
        raise Conflict("blacklist.already_listed", id=existing)
    row = BlacklistEntry(
        id_number_hash=lookup,
        phone=mobile,
        name=clean_name,
        reason_type=reason_type,
        evidence=text,
        added_by=actor.id if actor.is_staff else None,
        added_at=clock.now(),
        release_reason="",
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="blacklist.add",
        entity="blacklist_entry",
        entity_id=row.id,
        after={
            "name": clean_name,
            "phone": mobile,
            "id_number": masked,
            "reason_type": reason_type,
            "evidence": text,
        },
    )
    return _view(session, row)


def release_entry(session: Session, *, actor: Actor, entry_id: int, reason: str) -> BlacklistView:
    """Take a person off the blacklist, with the reason (the entry stays, released)."""
    require(actor, Perm.BLACKLIST_MANAGE)
    row = session.get(BlacklistEntry, entry_id, with_for_update=True)
    if row is None:
        raise NotFound("blacklist_entry", entry_id)
    text = clean_text(
        reason,
        field="reason",
        label=Msg("blacklist.field.release_reason"),
        max_len=2000,
        required=True,
    )
    if row.released_at is not None:
        raise Conflict("blacklist.already_released")
    row.released_at = clock.now()
    row.released_by = actor.id if actor.is_staff else None
    row.release_reason = text
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="blacklist.release",
        entity="blacklist_entry",
        entity_id=row.id,
        before={"released": False},
        after={"released": True, "reason": text, "name": row.name},
    )
    return _view(session, row)


def list_blacklist(
    session: Session,
    *,
    actor: Actor,
    flt: BlacklistFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "added_at",
    descending: bool = True,
) -> Page[BlacklistView]:
    """Entries of the franchise's blacklist (one list for every branch), newest first."""
    require(actor, Perm.BLACKLIST_MANAGE)
    flt = flt or BlacklistFilter()
    stmt = select(BlacklistEntry)
    count = select(func.count(BlacklistEntry.id))
    conditions: list[ColumnElement[bool]] = []
    if not flt.include_released:
        conditions.append(BlacklistEntry.released_at.is_(None))
    text = flt.text.strip()
    if text:
        pattern = like_pattern(text)
        matches: list[ColumnElement[bool]] = [
            BlacklistEntry.name.like(pattern, escape="\\"),
            BlacklistEntry.phone.like(pattern, escape="\\"),
        ]
        with contextlib.suppress(ValidationError):
            # a whole ID number typed: the keyed hash finds it (the number is not stored)
            matches.append(
                BlacklistEntry.id_number_hash
                == pii.lookup_hash(parse_id_number(text, field="text").number)
            )
        conditions.append(or_(*matches))
    if conditions:
        stmt = stmt.where(*conditions)
        count = count.where(*conditions)
    total = session.scalar(count) or 0
    column = getattr(BlacklistEntry, sort if sort in SORTABLE else "added_at")
    order = [column.desc(), BlacklistEntry.id.desc()] if descending else [column, BlacklistEntry.id]
    rows = session.scalars(stmt.order_by(*order).offset(offset).limit(limit)).all()
    return Page(items=tuple(_view(session, r) for r in rows), total=total, offset=offset)


def get_entry(session: Session, *, actor: Actor, entry_id: int) -> BlacklistView:
    """One entry with its evidence and release."""
    require(actor, Perm.BLACKLIST_MANAGE)
    row = session.get(BlacklistEntry, entry_id)
    if row is None:
        raise NotFound("blacklist_entry", entry_id)
    return _view(session, row)
