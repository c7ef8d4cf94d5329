"""Branches and the districts they serve."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Branch, District
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.cache import invalidate
from jiazheng_desk.services.common import clean_text, snapshot
from jiazheng_desk.services.errors import NotFound, ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{2,32}$")
BRANCH_FIELDS = ("code", "name", "city", "timezone", "address", "phone", "is_active")
DISTRICT_FIELDS = ("branch_id", "city", "name", "center_lat", "center_lng", "is_active")


@dataclass(frozen=True)
class DistrictView:
    id: int
    branch_id: int
    city: str
    name: str
    center_lat: float
    center_lng: float
    is_active: bool


@dataclass(frozen=True)
class BranchView:
    id: int
    code: str
    name: str
    city: str
    timezone: str
    address: str
    phone: str
    is_active: bool
    districts: tuple[DistrictView, ...]


def _district_view(d: District) -> DistrictView:
    return DistrictView(
        id=d.id,
        branch_id=d.branch_id,
        city=d.city,
        name=d.name,
        center_lat=d.center_lat,
        center_lng=d.center_lng,
        is_active=d.is_active,
    )


def _view(session: Session, b: Branch) -> BranchView:
    districts = session.scalars(
        select(District).where(District.branch_id == b.id).order_by(District.name)
    ).all()
    return BranchView(
        id=b.id,
        code=b.code,
        name=b.name,
        city=b.city,
        timezone=b.timezone,
        address=b.address,
        phone=b.phone,
        is_active=b.is_active,
        districts=tuple(_district_view(d) for d in districts),
    )


def list_branches(
    session: Session, *, actor: Actor, include_inactive: bool = False
) -> list[BranchView]:
    """Branches the actor may see: every branch for HQ, otherwise their own."""
    stmt = select(Branch).order_by(Branch.name)
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(Branch.id == scope)
    if not include_inactive:
        stmt = stmt.where(Branch.is_active.is_(True))
    return [_view(session, b) for b in session.scalars(stmt).all()]


def get_branch(session: Session, *, actor: Actor, branch_id: int) -> BranchView:
    branch = session.get(Branch, branch_id)
    scope = scope_branch_id(actor)
    if branch is None or (scope is not None and scope != branch_id):
        raise NotFound("branch", branch_id)
    return _view(session, branch)


def _check_timezone(value: str) -> str:
    tz = (value or "").strip() or "Asia/Shanghai"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "config.bad_value", field="timezone", name="timezone", value=tz, detail="IANA"
        ) from None
    return tz


def save_branch(
    session: Session,
    *,
    actor: Actor,
    branch_id: int | None,
    code: str,
    name: str,
    city: str,
    timezone: str = "Asia/Shanghai",
    address: str = "",
    phone: str = "",
    is_active: bool = True,
) -> BranchView:
    """Create (``branch_id`` None) or update a branch (HQ only)."""
    require(actor, Perm.BRANCH_MANAGE)
    code_value = (code or "").strip()
    if not CODE_RE.match(code_value):
        raise ValidationError("branch.bad_code", field="code")
    values = {
        "code": code_value,
        "name": clean_text(name, field="name", label=Msg("field.name"), max_len=64, required=True),
        "city": clean_text(city, field="city", label=Msg("field.city"), max_len=32, required=True),
        "timezone": _check_timezone(timezone),
        "address": clean_text(
            address, field="address", label=Msg("field.address"), max_len=255, required=False
        ),
        "phone": clean_text(
            phone, field="phone", label=Msg("field.phone"), max_len=20, required=False
        ),
        "is_active": is_active,
    }
    clash = session.scalar(select(Branch.id).where(Branch.code == code_value))
    if clash is not None and clash != branch_id:
        raise ValidationError("branch.code_taken", field="code", code=code_value)
    if branch_id is None:
        branch = Branch(**values)
        session.add(branch)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="branch.create",
            entity="branch",
            entity_id=branch.id,
            after=snapshot(branch, BRANCH_FIELDS),
            branch_id=branch.id,
        )
    else:
        found = session.get(Branch, branch_id, with_for_update=True)
        if found is None:
            raise NotFound("branch", branch_id)
        branch = found
        before = snapshot(branch, BRANCH_FIELDS)
        for key, value in values.items():
            setattr(branch, key, value)
        audit.record(
            session,
            actor=actor,
            action="branch.update",
            entity="branch",
            entity_id=branch.id,
            before=before,
            after=snapshot(branch, BRANCH_FIELDS),
            branch_id=branch.id,
        )
    invalidate("branch")
    return _view(session, branch)


def save_district(
    session: Session,
    *,
    actor: Actor,
    district_id: int | None,
    branch_id: int,
    name: str,
    center_lat: float,
    center_lng: float,
    is_active: bool = True,
) -> DistrictView:
    """Create or update a district served by a branch (HQ only)."""
    require(actor, Perm.BRANCH_MANAGE)
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise ValidationError("branch.unknown", field="branch_id", id=branch_id)
    name_value = clean_text(name, field="name", label=Msg("field.name"), max_len=32, required=True)
    if not (-90 <= center_lat <= 90 and -180 <= center_lng <= 180):
        raise ValidationError("branch.bad_coordinates", field="center_lat")
    clash = session.scalar(
        select(District.id).where(District.city == branch.city, District.name == name_value)
    )
    if clash is not None and clash != district_id:
        raise ValidationError("branch.district_taken", field="name", name=name_value)
    if district_id is None:
        district = District(
            branch_id=branch_id,
            city=branch.city,
            name=name_value,
            center_lat=center_lat,
            center_lng=center_lng,
            is_active=is_active,
        )
        session.add(district)
        session.flush()
        before = None
    else:
        found = session.get(District, district_id, with_for_update=True)
        if found is None:
            raise NotFound("district", district_id)
        district = found
        before = snapshot(district, DISTRICT_FIELDS)
        district.branch_id = branch_id
        district.city = branch.city
        district.name = name_value
        district.center_lat = center_lat
        district.center_lng = center_lng
        district.is_active = is_active
    audit.record(
        session,
        actor=actor,
        action="district.create" if before is None else "district.update",
        entity="district",
        entity_id=district.id,
        before=before,
        after=snapshot(district, DISTRICT_FIELDS),
        branch_id=branch_id,
    )
    invalidate("catalog")  # requirements carry district names
    return _district_view(district)
