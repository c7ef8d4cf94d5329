"""Staff accounts: list, create, edit, deactivate, reset passwords, the first admin."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Branch, Setting, StaffUser
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.auth import check_password_strength, hash_password
from jiazheng_desk.services.common import (
    AnySelect,
    Page,
    clean_mobile,
    clean_text,
    like_pattern,
    snapshot,
)
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.permissions import (
    Perm,
    Role,
    can_manage_role,
    require,
    require_branch,
    scope_branch_id,
)

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
AUDITED_FIELDS = (
    "username",
    "display_name",
    "role",
    "branch_id",
    "phone",
    "is_active",
    "must_change_password",
)
SORTABLE = {"username", "display_name", "role", "branch_id", "last_login_at", "created_at"}
FIRST_ADMIN_GUARD = "first_admin_created"


@dataclass(frozen=True)
class StaffView:
    id: int
    username: str
    display_name: str
    role: str
    branch_id: int | None
    branch_name: str
    phone: str
    is_active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    must_change_password: bool
    created_at: datetime


@dataclass(frozen=True)
class StaffFilter:
    text: str = ""
    role: str | None = None
    branch_id: int | None = None
    include_inactive: bool = False


def _view(user: StaffUser, branch_name: str) -> StaffView:
    return StaffView(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        branch_id=user.branch_id,
        branch_name=branch_name,
        phone=user.phone,
        is_active=user.is_active,
        locked_until=user.locked_until,
        last_login_at=user.last_login_at,
        must_change_password=user.must_change_password,
        created_at=user.created_at,
    )


def _branch_name(session: Session, branch_id: int | None) -> str:
    if branch_id is None:
        return ""
    branch = session.get(Branch, branch_id)
    return branch.name if branch is not None else ""


def _filtered(stmt: AnySelect, actor: Actor, flt: StaffFilter) -> AnySelect:
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(StaffUser.branch_id == scope)
    elif flt.branch_id is not None:
        stmt = stmt.where(StaffUser.branch_id == flt.branch_id)
    if flt.role:
        stmt = stmt.where(StaffUser.role == flt.role)
    if not flt.include_inactive:
        stmt = stmt.where(StaffUser.is_active.is_(True))
    text = flt.text.strip()
    if text:
        pattern = like_pattern(text.lower() if text.isascii() else text)
        stmt = stmt.where(
            or_(
                StaffUser.username.like(pattern, escape="\\"),
                StaffUser.display_name.like(pattern, escape="\\"),
                StaffUser.phone.like(pattern, escape="\\"),
            )
        )
    return stmt


def list_staff(
    session: Session,
    *,
    actor: Actor,
    flt: StaffFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "username",
    descending: bool = False,
) -> Page[StaffView]:
    """Staff of the actor's branch (every branch for HQ), filtered and sorted."""
    require(actor, Perm.STAFF_VIEW)
    flt = flt or StaffFilter()
    total = session.scalar(_filtered(select(func.count(StaffUser.id)), actor, flt)) or 0
    column = getattr(StaffUser, sort if sort in SORTABLE else "username")
    order = column.desc() if descending else column
    stmt = (
        _filtered(select(StaffUser, Branch.name), actor, flt)
        .outerjoin(Branch, Branch.id == StaffUser.branch_id)
        .order_by(order, StaffUser.id)
        .offset(offset)
        .limit(limit)
    )
    items = tuple(_view(user, name or "") for user, name in session.execute(stmt).all())
    return Page(items=items, total=total, offset=offset)


def _load(session: Session, actor: Actor, staff_id: int, *, lock: bool = False) -> StaffUser:
    user = session.get(StaffUser, staff_id, with_for_update=lock)
    if user is None:
        raise NotFound("staff", staff_id)
    scope = scope_branch_id(actor)
    if scope is not None and user.branch_id != scope:
        raise NotFound("staff", staff_id)
    return user


def get_staff(session: Session, *, actor: Actor, staff_id: int) -> StaffView:
    require(actor, Perm.STAFF_VIEW)
    user = _load(session, actor, staff_id)
    return _view(user, _branch_name(session, user.branch_id))


def _check_role_and_branch(
    session: Session, actor: Actor, role: str, branch_id: int | None
) -> tuple[str, int | None]:
    try:
        role_value = Role(role)
    except ValueError:
        raise ValidationError("staff.bad_role", field="role", role=role) from None
    if not can_manage_role(actor, role_value):
        raise PermissionDenied("staff.role_ceiling", role=Msg(f"role.{role_value.value}"))
    if role_value == Role.HQ_ADMIN:
        if branch_id is not None:
            raise ValidationError("staff.hq_has_no_branch", field="branch_id")
        return role_value.value, None
    if branch_id is None:
        raise ValidationError("staff.branch_required", field="branch_id")
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise ValidationError("branch.unknown", field="branch_id", id=branch_id)
    if not branch.is_active:
        raise ValidationError("branch.inactive", field="branch_id", name=branch.name)
    require_branch(actor, branch_id)
    return role_value.value, branch_id


def _clean_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not USERNAME_RE.match(name):
        raise ValidationError("staff.bad_username", field="username")
    return name


def _clean_display_name(display_name: str) -> str:
    return clean_text(
        display_name,
        field="display_name",
        label=Msg("field.display_name"),
        max_len=64,
        required=True,
    )


def create_staff(
    session: Session,
    *,
    actor: Actor,
    username: str,
    display_name: str,
    role: str,
    branch_id: int | None,
    password: str,
    phone: str = "",
    must_change_password: bool = True,
) -> StaffView:
    """Create a staff account; a manager may only create roles below their own."""
    require(actor, Perm.STAFF_CREATE)
    name = _clean_username(username)
    shown = _clean_display_name(display_name)
    role_value, branch_value = _check_role_and_branch(session, actor, role, branch_id)
    phone_value = clean_mobile(phone)
    check_password_strength(password)
    if session.scalar(select(StaffUser.id).where(StaffUser.username == name)) is not None:
        raise ValidationError("staff.username_taken", field="username", username=name)
    now = clock.now()
    user = StaffUser(
        username=name,
        display_name=shown,
        role=role_value,
        branch_id=branch_value,
        phone=phone_value,
        password_hash=hash_password(password),
        must_change_password=must_change_password,
        is_active=True,
        failed_logins=0,
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError:
        raise ValidationError("staff.username_taken", field="username", username=name) from None
    audit.record(
        session,
        actor=actor,
        action="staff.create",
        entity="staff_user",
        entity_id=user.id,
        after=snapshot(user, AUDITED_FIELDS),
        branch_id=user.branch_id,
    )
    return _view(user, _branch_name(session, user.branch_id))


def update_staff(
    session: Session,
    *,
    actor: Actor,
    staff_id: int,
    display_name: str,
    role: str,
    branch_id: int | None,
    phone: str = "",
) -> StaffView:
    """Change a staff member's name, role, branch or phone."""
    require(actor, Perm.STAFF_UPDATE)
    user = _load(session, actor, staff_id, lock=True)
    if not can_manage_role(actor, user.role):
        raise PermissionDenied("staff.role_ceiling", role=Msg(f"role.{user.role}"))
    if user.id == actor.id and role != user.role:
        raise PermissionDenied("staff.not_self")
    before = snapshot(user, AUDITED_FIELDS)
    shown = _clean_display_name(display_name)
    role_value, branch_value = _check_role_and_branch(session, actor, role, branch_id)
    if user.role == Role.HQ_ADMIN and role_value != Role.HQ_ADMIN:
        _refuse_if_last_admin(session, user)
    user.display_name = shown
    user.role = role_value
    user.branch_id = branch_value
    user.phone = clean_mobile(phone)
    user.updated_at = clock.now()
    audit.record(
        session,
        actor=actor,
        action="staff.update",
        entity="staff_user",
        entity_id=user.id,
        before=before,
        after=snapshot(user, AUDITED_FIELDS),
        branch_id=user.branch_id,
    )
    return _view(user, _branch_name(session, user.branch_id))


def _refuse_if_last_admin(session: Session, user: StaffUser) -> None:
    others = session.scalar(
        select(func.count(StaffUser.id)).where(
            StaffUser.role == Role.HQ_ADMIN.value,
            StaffUser.is_active.is_(True),
            StaffUser.id != user.id,
        )
    )
    if not others:
        raise Conflict("staff.last_admin")


def set_active(
    session: Session, *, actor: Actor, staff_id: int, active: bool, reason: str = ""
) -> StaffView:
    """Deactivate (the person can no longer log in) or reactivate a staff account."""
    require(actor, Perm.STAFF_DEACTIVATE)
    user = _load(session, actor, staff_id, lock=True)
    if not can_manage_role(actor, user.role):
        raise PermissionDenied("staff.role_ceiling", role=Msg(f"role.{user.role}"))
    if user.id == actor.id:
        raise PermissionDenied("staff.not_self")
    if not active and user.role == Role.HQ_ADMIN:
        _refuse_if_last_admin(session, user)
    before = snapshot(user, AUDITED_FIELDS)
    user.is_active = active
    user.updated_at = clock.now()
    after = snapshot(user, AUDITED_FIELDS)
    if reason.strip():
        after["reason"] = reason.strip()[:255]
    audit.record(
        session,
        actor=actor,
        action="staff.activate" if active else "staff.deactivate",
        entity="staff_user",
        entity_id=user.id,
        before=before,
        after=after,
        branch_id=user.branch_id,
    )
    return _view(user, _branch_name(session, user.branch_id))


def reset_password(
    session: Session, *, actor: Actor, staff_id: int, new_password: str
) -> StaffView:
    """Give a staff member a temporary password, to be changed at the next login."""
    require(actor, Perm.STAFF_RESET_PASSWORD)
    user = _load(session, actor, staff_id, lock=True)
    if not can_manage_role(actor, user.role):
        raise PermissionDenied("staff.role_ceiling", role=Msg(f"role.{user.role}"))
    check_password_strength(new_password)
    user.password_hash = hash_password(new_password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    user.updated_at = clock.now()
    audit.record(
        session,
        actor=actor,
        action="staff.reset_password",
        entity="staff_user",
        entity_id=user.id,
        after={"must_change_password": True, "unlocked": True},
        branch_id=user.branch_id,
    )
    return _view(user, _branch_name(session, user.branch_id))


def needs_first_admin(session: Session) -> bool:
    """True on an empty database: the desk then asks for the first HQ administrator."""
    return session.scalar(select(func.count(StaffUser.id))) == 0


def create_first_admin(
    session: Session, *, username: str, display_name: str, password: str, source: str = "desk"
) -> StaffView:
    """Create the first HQ administrator; refused once any staff account exists.

    Two desks racing on a new shared database cannot both succeed: the guard row's
    unique key lets only one insert commit.
    """
    if not needs_first_admin(session):
        raise Conflict("staff.first_admin_exists")
    session.add(Setting(key=FIRST_ADMIN_GUARD, scope="hq", value_json="true"))
    try:
        session.flush()
    except IntegrityError:
        raise Conflict("staff.first_admin_exists") from None
    system = Actor.system(source=source, name="first-run")
    return create_staff(
        session,
        actor=system,
        username=username,
        display_name=display_name,
        role=Role.HQ_ADMIN.value,
        branch_id=None,
        password=password,
        must_change_password=False,
    )
