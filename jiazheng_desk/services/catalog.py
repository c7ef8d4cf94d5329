"""The service catalogue: skills, categories, items with their options, branch prices and
price rules (travel fees and surcharges) — read by everyone, changed by managers.

HQ changes the catalogue itself and the rules for all branches; a branch manager sets
the prices and price rules of their own branch only. Retired items stay readable (old
orders show them) but the public catalogue and the quote refuse them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import (
    Branch,
    BranchPrice,
    ServiceCategory,
    ServiceItem,
    ServiceOption,
    Skill,
)
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.cache import invalidate
from jiazheng_desk.services.common import clean_text, snapshot
from jiazheng_desk.services.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jiazheng_desk.services.permissions import Perm, require, require_branch, scope_branch_id

UNITS = ("visit", "hour", "sqm", "day")
KINDS = ("visit", "placement")
MINUTES_PER_DAY = 24 * 60
# ¥100,000 for one unit, option or fee: a typo of three zeros more is refused
PRICE_CEILING_FEN = 10_000_000
MAX_UNITS = 10_000
MAX_LEVEL = 5
MAX_PHOTOS = 12
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{2,32}$")

ITEM_FIELDS = (
    "category_id",
    "code",
    "name",
    "unit",
    "kind",
    "min_units",
    "minutes_per_unit",
    "base_minutes",
    "base_price_fen",
    "skill_id",
    "required_level",
    "description",
    "process_text",
    "tools_text",
    "photo_paths",
    "sort_order",
    "is_active",
    "retired_at",
)
CATEGORY_FIELDS = ("code", "name", "sort_order", "is_active")
OPTION_FIELDS = ("item_id", "name", "price_fen", "extra_minutes", "is_active")


@dataclass(frozen=True)
class SkillView:
    id: int
    code: str
    name: str
    required_cert_type: str


@dataclass(frozen=True)
class OptionView:
    id: int
    item_id: int
    name: str
    price_fen: int
    extra_minutes: int
    is_active: bool


@dataclass(frozen=True)
class ItemView:
    """A service item with the price the given branch charges for one unit."""

    id: int
    category_id: int
    category_name: str
    code: str
    name: str
    unit: str
    kind: str
    min_units: int
    minutes_per_unit: int
    base_minutes: int
    base_price_fen: int
    # the branch the price is for (None: the base price), and its own price if it has one
    branch_id: int | None
    branch_price_fen: int | None
    price_fen: int
    skill_id: int
    skill_name: str
    required_level: int
    description: str
    process_text: str
    tools_text: str
    photo_paths: tuple[str, ...]
    sort_order: int
    is_active: bool
    retired_at: datetime | None
    options: tuple[OptionView, ...]

    @property
    def retired(self) -> bool:
        return self.retired_at is not None or not self.is_active


@dataclass(frozen=True)
class CategoryView:
    id: int
    code: str
    name: str
    sort_order: int
    is_active: bool
    items: tuple[ItemView, ...]


# --- checks ------------------------------------------------------------------------------


def check_int(value: object, *, field: str, label: str, lo: int, hi: int) -> int:
    """A whole number within [lo, hi] (a bool or a float is refused, never rounded)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("catalog.not_integer", field=field, label=Msg(label))
    if not lo <= value <= hi:
        raise ValidationError("catalog.out_of_range", field=field, label=Msg(label), min=lo, max=hi)
    return value


def check_fen(value: object, *, field: str, label: str = "catalog.field.price") -> int:
    """An amount of money in fen, from 0 to the ceiling."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("catalog.not_integer", field=field, label=Msg(label))
    if not 0 <= value <= PRICE_CEILING_FEN:
        raise ValidationError(
            "catalog.money_out_of_range",
            field=field,
            label=Msg(label),
            max=f"¥{PRICE_CEILING_FEN // 100:,}",
        )
    return value


def _clean_code(code: str) -> str:
    value = (code or "").strip()
    if not CODE_RE.match(value):
        raise ValidationError("catalog.bad_code", field="code")
    return value


def _clean_name(name: str, *, max_len: int = 64) -> str:
    return clean_text(
        name, field="name", label=Msg("catalog.field.name"), max_len=max_len, required=True
    )


def _clean_photos(paths: Sequence[str]) -> str:
    cleaned = [p.strip() for p in paths if p and p.strip()]
    if len(cleaned) > MAX_PHOTOS:
        raise ValidationError("catalog.too_many_photos", field="photo_paths", max=MAX_PHOTOS)
    for path in cleaned:
        # stored one per line, so a line break inside a path would split it
        if len(path) > 255 or "\n" in path or "\r" in path:
            raise ValidationError("catalog.bad_photo_path", field="photo_paths", path=path[:40])
    return "\n".join(cleaned)


def _flush(session: Session, refusal: DomainError) -> None:
    """Write now; a unique key another desk took first since our check becomes ``refusal``."""
    try:
        session.flush()
    except IntegrityError:
        raise refusal from None
    # booking caches what an item asks of a worker (fit.requirement)
    invalidate("catalog")


def _require_hq(actor: Actor) -> None:
    require(actor, Perm.CATALOG_MANAGE)
    if not actor.is_hq:
        raise PermissionDenied("catalog.hq_only")


def _is_public(actor: Actor | None) -> bool:
    """Customers, workers and anonymous callers see only what can be booked."""
    return actor is None or not (actor.is_staff or actor.kind == "system")


def _price_branch(actor: Actor | None, branch_id: int | None) -> int | None:
    """The branch whose prices a reader sees: staff see their own branch's (HQ: any)."""
    if _is_public(actor):
        return branch_id
    assert actor is not None
    if branch_id is None:
        return scope_branch_id(actor)
    require_branch(actor, branch_id)
    return branch_id


# --- reading -----------------------------------------------------------------------------


def list_skills(session: Session) -> list[SkillView]:
    """Every skill, by name (public: the apps filter workers by skill)."""
    rows = session.scalars(select(Skill).order_by(Skill.name, Skill.id)).all()
    return [SkillView(s.id, s.code, s.name, s.required_cert_type) for s in rows]


def _option_view(o: ServiceOption) -> OptionView:
    return OptionView(o.id, o.item_id, o.name, o.price_fen, o.extra_minutes, o.is_active)


def _item_views(
    session: Session, items: Sequence[ServiceItem], branch_id: int | None, public: bool
) -> list[ItemView]:
    """Views of many items in four queries (options, skills, categories, branch prices)."""
    ids = [i.id for i in items]
    if not ids:
        return []
    opt_stmt = select(ServiceOption).where(ServiceOption.item_id.in_(ids))
    if public:
        opt_stmt = opt_stmt.where(ServiceOption.is_active.is_(True))
    options: dict[int, list[OptionView]] = {}
    for o in session.scalars(opt_stmt.order_by(ServiceOption.id)):
        options.setdefault(o.item_id, []).append(_option_view(o))
    skills = {k: v for k, v in session.execute(select(Skill.id, Skill.name))}
    categories = {
        k: v for k, v in session.execute(select(ServiceCategory.id, ServiceCategory.name))
    }
    own: dict[int, int] = {}
    if branch_id is not None:
        own = {
            k: v
            for k, v in session.execute(
                select(BranchPrice.item_id, BranchPrice.price_fen).where(
                    BranchPrice.branch_id == branch_id, BranchPrice.item_id.in_(ids)
                )
            )
        }
    return [
        ItemView(
            id=i.id,
            category_id=i.category_id,
            category_name=categories.get(i.category_id, ""),
            code=i.code,
            name=i.name,
            unit=i.unit,
            kind=i.kind,
            min_units=i.min_units,
            minutes_per_unit=i.minutes_per_unit,
            base_minutes=i.base_minutes,
            base_price_fen=i.base_price_fen,
            branch_id=branch_id,
            branch_price_fen=own.get(i.id),
            price_fen=own.get(i.id, i.base_price_fen),
            skill_id=i.skill_id,
            skill_name=skills.get(i.skill_id, ""),
            required_level=i.required_level,
            description=i.description,
            process_text=i.process_text,
            tools_text=i.tools_text,
            photo_paths=tuple(p for p in i.photo_paths.split("\n") if p),
            sort_order=i.sort_order,
            is_active=i.is_active,
            retired_at=i.retired_at,
            options=tuple(options.get(i.id, ())),
        )
        for i in items
    ]


def list_catalog(
    session: Session,
    *,
    actor: Actor | None = None,
    branch_id: int | None = None,
    include_retired: bool = False,
) -> list[CategoryView]:
    """Categories with their items and the branch's prices.

    Without a staff actor (the apps) only what can be booked is shown, whatever
    ``include_retired`` says; staff may ask for retired items and inactive categories.
    """
    public = _is_public(actor)
    price_branch = _price_branch(actor, branch_id)
    hidden = public or not include_retired
    cat_stmt = select(ServiceCategory).order_by(ServiceCategory.sort_order, ServiceCategory.id)
    item_stmt = select(ServiceItem).order_by(ServiceItem.sort_order, ServiceItem.id)
    if hidden:
        cat_stmt = cat_stmt.where(ServiceCategory.is_active.is_(True))
        item_stmt = item_stmt.where(
            ServiceItem.is_active.is_(True), ServiceItem.retired_at.is_(None)
        )
    categories = session.scalars(cat_stmt).all()
    by_category: dict[int, list[ItemView]] = {}
    for view in _item_views(session, session.scalars(item_stmt).all(), price_branch, public):
        by_category.setdefault(view.category_id, []).append(view)
    return [
        CategoryView(
            c.id, c.code, c.name, c.sort_order, c.is_active, tuple(by_category.get(c.id, ()))
        )
        for c in categories
    ]


def get_item(
    session: Session, *, item_id: int, actor: Actor | None = None, branch_id: int | None = None
) -> ItemView:
    """One item, retired or not (old orders show it); the apps see only its active options."""
    price_branch = _price_branch(actor, branch_id)
    item = session.get(ServiceItem, item_id)
    if item is None:
        raise NotFound("service_item", item_id)
    return _item_views(session, [item], price_branch, _is_public(actor))[0]


def _category_view(session: Session, category: ServiceCategory) -> CategoryView:
    items = session.scalars(
        select(ServiceItem)
        .where(ServiceItem.category_id == category.id)
        .order_by(ServiceItem.sort_order, ServiceItem.id)
    ).all()
    return CategoryView(
        category.id,
        category.code,
        category.name,
        category.sort_order,
        category.is_active,
        tuple(_item_views(session, items, None, False)),
    )


# --- changing the catalogue (HQ) ----------------------------------------------------------


def save_category(
    session: Session,
    *,
    actor: Actor,
    category_id: int | None,
    code: str,
    name: str,
    sort_order: int = 0,
    is_active: bool = True,
) -> CategoryView:
    """Create (``category_id`` None) or change a category; inactive hides its items."""
    _require_hq(actor)
    values: dict[str, Any] = {
        "code": _clean_code(code),
        "name": _clean_name(name),
        "sort_order": check_int(
            sort_order, field="sort_order", label="catalog.field.sort_order", lo=0, hi=1_000_000
        ),
        "is_active": bool(is_active),
    }
    clash = session.scalar(select(ServiceCategory.id).where(ServiceCategory.code == values["code"]))
    if clash is not None and clash != category_id:
        raise ValidationError("catalog.code_taken", field="code", code=values["code"])
    before: dict[str, Any] | None = None
    if category_id is None:
        category = ServiceCategory(**values)
        session.add(category)
    else:
        found = session.get(ServiceCategory, category_id, with_for_update=True)
        if found is None:
            raise NotFound("service_category", category_id)
        category = found
        before = snapshot(category, CATEGORY_FIELDS)
        for key, value in values.items():
            setattr(category, key, value)
    _flush(session, ValidationError("catalog.code_taken", field="code", code=values["code"]))
    audit.record(
        session,
        actor=actor,
        action="catalog.category.create" if before is None else "catalog.category.update",
        entity="service_category",
        entity_id=category.id,
        before=before,
        after=snapshot(category, CATEGORY_FIELDS),
    )
    return _category_view(session, category)


def _item_values(session: Session, **raw: Any) -> dict[str, Any]:
    """Every field of an item checked, in the order a form shows them."""
    category_id = raw["category_id"]
    if session.get(ServiceCategory, category_id) is None:
        raise ValidationError("catalog.unknown_category", field="category_id", id=category_id)
    code = _clean_code(raw["code"])
    name = _clean_name(raw["name"])
    unit, kind = raw["unit"], raw["kind"]
    if unit not in UNITS:
        raise ValidationError("catalog.bad_unit", field="unit")
    if kind not in KINDS:
        raise ValidationError("catalog.bad_kind", field="kind")
    if kind == "placement" and unit != "day":
        raise ValidationError("catalog.placement_by_day", field="unit")
    min_units = check_int(
        raw["min_units"], field="min_units", label="catalog.field.min_units", lo=1, hi=MAX_UNITS
    )
    per_unit = check_int(
        raw["minutes_per_unit"],
        field="minutes_per_unit",
        label="catalog.field.minutes_per_unit",
        lo=1,
        hi=MINUTES_PER_DAY,
    )
    base_minutes = check_int(
        raw["base_minutes"],
        field="base_minutes",
        label="catalog.field.base_minutes",
        lo=0,
        hi=MINUTES_PER_DAY,
    )
    shortest = base_minutes + per_unit * min_units
    if kind == "visit" and shortest > MINUTES_PER_DAY:
        raise ValidationError("catalog.visit_too_long", field="min_units", minutes=shortest)
    price = check_fen(
        raw["base_price_fen"], field="base_price_fen", label="catalog.field.base_price"
    )
    skill_id = raw["skill_id"]
    if session.get(Skill, skill_id) is None:
        raise ValidationError("catalog.unknown_skill", field="skill_id", id=skill_id)
    level = check_int(
        raw["required_level"],
        field="required_level",
        label="catalog.field.level",
        lo=1,
        hi=MAX_LEVEL,
    )

    def text(key: str, label: str, max_len: int) -> str:
        return clean_text(raw[key], field=key, label=Msg(label), max_len=max_len, required=False)

    return {
        "category_id": category_id,
        "code": code,
        "name": name,
        "unit": unit,
        "kind": kind,
        "min_units": min_units,
        "minutes_per_unit": per_unit,
        "base_minutes": base_minutes,
        "base_price_fen": price,
        "skill_id": skill_id,
        "required_level": level,
        "description": text("description", "catalog.field.description", 2000),
        "process_text": text("process_text", "catalog.field.process", 4000),
        "tools_text": text("tools_text", "catalog.field.tools", 2000),
        "photo_paths": _clean_photos(raw["photo_paths"]),
        "sort_order": check_int(
            raw["sort_order"],
            field="sort_order",
            label="catalog.field.sort_order",
            lo=0,
            hi=1_000_000,
        ),
    }


def save_item(
    session: Session,
    *,
    actor: Actor,
    item_id: int | None,
    category_id: int,
    code: str,
    name: str,
    unit: str,
    kind: str,
    min_units: int,
    minutes_per_unit: int,
    base_minutes: int,
    base_price_fen: int,
    skill_id: int,
    required_level: int,
    description: str = "",
    process_text: str = "",
    tools_text: str = "",
    photo_paths: Sequence[str] = (),
    sort_order: int = 0,
) -> ItemView:
    """Create (``item_id`` None) or change a service item (HQ); old orders keep their copy."""
    _require_hq(actor)
    values = _item_values(
        session,
        category_id=category_id,
        code=code,
        name=name,
        unit=unit,
        kind=kind,
        min_units=min_units,
        minutes_per_unit=minutes_per_unit,
        base_minutes=base_minutes,
        base_price_fen=base_price_fen,
        skill_id=skill_id,
        required_level=required_level,
        description=description,
        process_text=process_text,
        tools_text=tools_text,
        photo_paths=photo_paths,
        sort_order=sort_order,
    )
    clash = session.scalar(select(ServiceItem.id).where(ServiceItem.code == values["code"]))
    if clash is not None and clash != item_id:
        raise ValidationError("catalog.code_taken", field="code", code=values["code"])
    before: dict[str, Any] | None = None
    if item_id is None:
        item = ServiceItem(**values, is_active=True, retired_at=None)
        session.add(item)
    else:
        item = _load_item(session, item_id, lock=True)
        before = snapshot(item, ITEM_FIELDS)
        for key, value in values.items():
            setattr(item, key, value)
    _flush(session, ValidationError("catalog.code_taken", field="code", code=values["code"]))
    audit.record(
        session,
        actor=actor,
        action="catalog.item.create" if before is None else "catalog.item.update",
        entity="service_item",
        entity_id=item.id,
        before=before,
        after=snapshot(item, ITEM_FIELDS),
    )
    return _item_views(session, [item], None, False)[0]


def _load_item(session: Session, item_id: int, *, lock: bool = False) -> ServiceItem:
    item = session.get(ServiceItem, item_id, with_for_update=lock)
    if item is None:
        raise NotFound("service_item", item_id)
    return item


def retire_item(session: Session, *, actor: Actor, item_id: int, reason: str = "") -> ItemView:
    """Take an item off the catalogue: old orders still show it, nobody can book it."""
    _require_hq(actor)
    item = _load_item(session, item_id, lock=True)
    if item.retired_at is not None:
        raise Conflict("catalog.already_retired", name=item.name)
    before = snapshot(item, ("is_active", "retired_at"))
    item.is_active = False
    item.retired_at = clock.now()
    after = snapshot(item, ("is_active", "retired_at"))
    if reason.strip():
        after["reason"] = reason.strip()[:255]
    audit.record(
        session,
        actor=actor,
        action="catalog.item.retire",
        entity="service_item",
        entity_id=item.id,
        before=before,
        after=after,
    )
    return _item_views(session, [item], None, False)[0]


def restore_item(session: Session, *, actor: Actor, item_id: int) -> ItemView:
    """Put a retired item back on the catalogue."""
    _require_hq(actor)
    item = _load_item(session, item_id, lock=True)
    if item.retired_at is None and item.is_active:
        raise Conflict("catalog.not_retired", name=item.name)
    before = snapshot(item, ("is_active", "retired_at"))
    item.is_active = True
    item.retired_at = None
    audit.record(
        session,
        actor=actor,
        action="catalog.item.restore",
        entity="service_item",
        entity_id=item.id,
        before=before,
        after=snapshot(item, ("is_active", "retired_at")),
    )
    return _item_views(session, [item], None, False)[0]


def save_option(
    session: Session,
    *,
    actor: Actor,
    option_id: int | None,
    item_id: int,
    name: str,
    price_fen: int,
    extra_minutes: int = 0,
    is_active: bool = True,
) -> OptionView:
    """Create or change an add-on of an item (擦玻璃 +¥30); inactive ones stop being offered."""
    _require_hq(actor)
    item = _load_item(session, item_id)
    values: dict[str, Any] = {
        "item_id": item.id,
        "name": _clean_name(name),
        "price_fen": check_fen(price_fen, field="price_fen"),
        "extra_minutes": check_int(
            extra_minutes,
            field="extra_minutes",
            label="catalog.field.extra_minutes",
            lo=0,
            hi=MINUTES_PER_DAY,
        ),
        "is_active": bool(is_active),
    }
    before: dict[str, Any] | None = None
    if option_id is None:
        option = ServiceOption(**values)
        session.add(option)
    else:
        found = session.get(ServiceOption, option_id, with_for_update=True)
        if found is None or found.item_id != item.id:
            raise NotFound("service_option", option_id)
        option = found
        before = snapshot(option, OPTION_FIELDS)
        for key, value in values.items():
            setattr(option, key, value)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="catalog.option.create" if before is None else "catalog.option.update",
        entity="service_option",
        entity_id=option.id,
        before=before,
        after=snapshot(option, OPTION_FIELDS),
    )
    return _option_view(option)


def set_branch_price(
    session: Session, *, actor: Actor, branch_id: int, item_id: int, price_fen: int | None
) -> ItemView:
    """Set a branch's own price of an item, or None to charge the base price again."""
    require(actor, Perm.CATALOG_MANAGE, branch_id=branch_id)
    if session.get(Branch, branch_id) is None:
        raise ValidationError("branch.unknown", field="branch_id", id=branch_id)
    item = _load_item(session, item_id)
    value = None if price_fen is None else check_fen(price_fen, field="price_fen")
    row = session.scalars(
        select(BranchPrice)
        .where(BranchPrice.branch_id == branch_id, BranchPrice.item_id == item_id)
        .with_for_update()
    ).one_or_none()
    before = row.price_fen if row is not None else None
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(BranchPrice(branch_id=branch_id, item_id=item_id, price_fen=value))
    else:
        row.price_fen = value
        row.updated_at = clock.now()
    _flush(session, Conflict("db.locked"))
    audit.record(
        session,
        actor=actor,
        action="catalog.branch_price.set",
        entity="service_item",
        entity_id=item.id,
        before={"branch_id": branch_id, "price_fen": before},
        after={"branch_id": branch_id, "price_fen": value},
        branch_id=branch_id,
    )
    return _item_views(session, [item], branch_id, False)[0]
