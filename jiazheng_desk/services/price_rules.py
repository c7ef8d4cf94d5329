"""Price rules: travel fees by distance band or district, night and holiday surcharges.

A rule belongs to one branch or (``branch_id`` None) to all of them. HQ manages every
rule; a branch manager only their own branch's. Within one scope the rules never
overlap (bands, night windows) or repeat (a district's zone, a holiday's date), so the
quote never has to choose between two rules of the same branch; see ``pricing`` for how
a branch's rules take precedence over the all-branch ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Branch, District, PriceRule
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.catalog import MINUTES_PER_DAY, check_fen, check_int
from jiazheng_desk.services.common import clean_text, snapshot
from jiazheng_desk.services.errors import NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.permissions import Perm, require, require_branch, scope_branch_id

RULE_KINDS = ("travel_distance", "travel_zone", "night", "holiday")
TRAVEL_KINDS = ("travel_distance", "travel_zone")
# surcharges up to 300 % of the base (春节 pays triple)
MAX_PERCENT_BP = 30_000
# 1000 km: a band beyond that is a typo
MAX_DISTANCE_M = 1_000_000
RULE_FIELDS = (
    "branch_id",
    "kind",
    "name",
    "min_m",
    "max_m",
    "district_id",
    "start_minute",
    "end_minute",
    "on_date",
    "amount_fen",
    "percent_bp",
    "is_active",
)


@dataclass(frozen=True)
class PriceRuleView:
    id: int
    # None: the rule applies to every branch that has no rule of its own for the case
    branch_id: int | None
    branch_name: str
    kind: str
    name: str
    min_m: int | None
    max_m: int | None
    district_id: int | None
    district_name: str
    start_minute: int | None
    end_minute: int | None
    on_date: date | None
    amount_fen: int
    percent_bp: int
    is_active: bool


def window_minutes(start: int, end: int) -> set[int]:
    """The minutes of the day inside a night window; it wraps midnight when end < start."""
    if start < end:
        return set(range(start, end))
    return set(range(start, MINUTES_PER_DAY)) | set(range(0, end))


def in_window(minute: int, start: int, end: int) -> bool:
    """Whether a local minute of the day falls in [start, end), wrapping midnight."""
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def in_band(distance: int, min_m: int | None, max_m: int | None) -> bool:
    """min inclusive, max exclusive; no max is an open band (15 km and more)."""
    return distance >= (min_m or 0) and (max_m is None or distance < max_m)


def _view(session: Session, r: PriceRule) -> PriceRuleView:
    branch = session.get(Branch, r.branch_id) if r.branch_id is not None else None
    district = session.get(District, r.district_id) if r.district_id is not None else None
    return PriceRuleView(
        id=r.id,
        branch_id=r.branch_id,
        branch_name=branch.name if branch is not None else "",
        kind=r.kind,
        name=r.name,
        min_m=r.min_m,
        max_m=r.max_m,
        district_id=r.district_id,
        district_name=district.name if district is not None else "",
        start_minute=r.start_minute,
        end_minute=r.end_minute,
        on_date=r.on_date,
        amount_fen=r.amount_fen,
        percent_bp=r.percent_bp,
        is_active=r.is_active,
    )


def list_price_rules(
    session: Session, *, actor: Actor, branch_id: int | None = None
) -> list[PriceRuleView]:
    """The rules that apply to a branch (its own and the all-branch ones); HQ: every rule."""
    if not (actor.is_staff or actor.kind == "system"):
        raise PermissionDenied(action=Msg("perm.catalog.manage"))
    scope = scope_branch_id(actor) if branch_id is None else branch_id
    if branch_id is not None:
        require_branch(actor, branch_id)
    stmt = select(PriceRule).order_by(
        PriceRule.kind, PriceRule.branch_id, PriceRule.min_m, PriceRule.on_date, PriceRule.id
    )
    if scope is not None:
        stmt = stmt.where(or_(PriceRule.branch_id.is_(None), PriceRule.branch_id == scope))
    return [_view(session, r) for r in session.scalars(stmt)]


def _require_scope(actor: Actor, branch_id: int | None) -> None:
    """HQ may change every rule; a branch manager only the rules of their branch."""
    require(actor, Perm.CATALOG_MANAGE)
    if branch_id is None and not actor.is_hq:
        raise PermissionDenied("catalog.hq_only")
    require_branch(actor, branch_id)


def _optional_int(value: object, *, field: str, label: str, lo: int, hi: int) -> int:
    if value is None:
        raise ValidationError("error.required", field=field, label=Msg(label))
    return check_int(value, field=field, label=label, lo=lo, hi=hi)


def _kind_values(
    session: Session, branch_id: int | None, kind: str, raw: dict[str, Any]
) -> dict[str, Any]:
    """The fields this kind of rule uses, checked; the others are cleared."""
    out: dict[str, Any] = {
        "min_m": None,
        "max_m": None,
        "district_id": None,
        "start_minute": None,
        "end_minute": None,
        "on_date": None,
    }
    if kind == "travel_distance":
        low = _optional_int(
            raw["min_m"], field="min_m", label="catalog.field.min_m", lo=0, hi=MAX_DISTANCE_M
        )
        high = raw["max_m"]
        if high is not None:
            check_int(high, field="max_m", label="catalog.field.max_m", lo=0, hi=MAX_DISTANCE_M)
            if high <= low:
                raise ValidationError("catalog.band_order", field="max_m")
        out.update(min_m=low, max_m=high)
    elif kind == "travel_zone":
        district = session.get(District, raw["district_id"]) if raw["district_id"] else None
        if district is None:
            raise ValidationError(
                "catalog.unknown_district", field="district_id", id=raw["district_id"]
            )
        if branch_id is not None and district.branch_id != branch_id:
            raise ValidationError(
                "catalog.district_other_branch", field="district_id", name=district.name
            )
        out.update(district_id=district.id)
    elif kind == "night":
        start = _optional_int(
            raw["start_minute"],
            field="start_minute",
            label="catalog.field.start_minute",
            lo=0,
            hi=MINUTES_PER_DAY - 1,
        )
        end = _optional_int(
            raw["end_minute"],
            field="end_minute",
            label="catalog.field.end_minute",
            lo=0,
            hi=MINUTES_PER_DAY - 1,
        )
        if start == end:
            raise ValidationError("catalog.night_empty", field="end_minute")
        out.update(start_minute=start, end_minute=end)
    else:
        on_date = raw["on_date"]
        if not isinstance(on_date, date):
            raise ValidationError(
                "error.required", field="on_date", label=Msg("catalog.field.on_date")
            )
        out.update(on_date=on_date)
    return out


def _refuse_clash(session: Session, rule_id: int | None, values: dict[str, Any]) -> None:
    """Within one scope, bands and night windows never overlap and zones/dates never repeat."""
    scope = values["branch_id"]
    others = session.scalars(
        select(PriceRule).where(
            PriceRule.kind == values["kind"],
            PriceRule.is_active.is_(True),
            PriceRule.branch_id.is_(None) if scope is None else PriceRule.branch_id == scope,
        )
    ).all()
    for other in others:
        if other.id == rule_id:
            continue
        kind = values["kind"]
        if kind == "travel_distance":
            low, high = values["min_m"], values["max_m"]
            if (other.max_m is None or low < other.max_m) and (
                high is None or (other.min_m or 0) < high
            ):
                raise ValidationError("catalog.band_overlap", field="min_m", name=other.name)
        elif kind == "travel_zone" and other.district_id == values["district_id"]:
            raise ValidationError("catalog.zone_taken", field="district_id", name=other.name)
        elif kind == "night" and other.start_minute is not None and other.end_minute is not None:
            mine = window_minutes(values["start_minute"], values["end_minute"])
            if mine & window_minutes(other.start_minute, other.end_minute):
                raise ValidationError(
                    "catalog.night_overlap", field="start_minute", name=other.name
                )
        elif kind == "holiday" and other.on_date == values["on_date"]:
            raise ValidationError(
                "catalog.holiday_taken",
                field="on_date",
                name=other.name,
                date=values["on_date"].isoformat(),
            )


def save_price_rule(
    session: Session,
    *,
    actor: Actor,
    rule_id: int | None,
    branch_id: int | None,
    kind: str,
    name: str,
    min_m: int | None = None,
    max_m: int | None = None,
    district_id: int | None = None,
    start_minute: int | None = None,
    end_minute: int | None = None,
    on_date: date | None = None,
    amount_fen: int = 0,
    percent_bp: int = 0,
    is_active: bool = True,
) -> PriceRuleView:
    """Create (``rule_id`` None) or change a travel fee or surcharge rule."""
    _require_scope(actor, branch_id)
    existing: PriceRule | None = None
    if rule_id is not None:
        existing = session.get(PriceRule, rule_id, with_for_update=True)
        if existing is None:
            raise NotFound("price_rule", rule_id)
        # a manager cannot take over an all-branch rule by moving it to their branch
        _require_scope(actor, existing.branch_id)
    if branch_id is not None and session.get(Branch, branch_id) is None:
        raise ValidationError("branch.unknown", field="branch_id", id=branch_id)
    if kind not in RULE_KINDS:
        raise ValidationError("catalog.bad_rule_kind", field="kind")
    values: dict[str, Any] = {
        "branch_id": branch_id,
        "kind": kind,
        "name": clean_text(
            name, field="name", label=Msg("catalog.field.name"), max_len=64, required=True
        ),
    }
    raw = {
        "min_m": min_m,
        "max_m": max_m,
        "district_id": district_id,
        "start_minute": start_minute,
        "end_minute": end_minute,
        "on_date": on_date,
    }
    values.update(_kind_values(session, branch_id, kind, raw))
    values["amount_fen"] = check_fen(amount_fen, field="amount_fen", label="catalog.field.amount")
    values["percent_bp"] = check_int(
        percent_bp, field="percent_bp", label="catalog.field.percent", lo=0, hi=MAX_PERCENT_BP
    )
    if kind in TRAVEL_KINDS and values["percent_bp"]:
        raise ValidationError("catalog.travel_no_percent", field="percent_bp")
    values["is_active"] = bool(is_active)
    if values["is_active"]:
        _refuse_clash(session, rule_id, values)
    before: dict[str, Any] | None = None
    if existing is None:
        rule = PriceRule(**values)
        session.add(rule)
    else:
        rule = existing
        before = snapshot(rule, RULE_FIELDS)
        for key, value in values.items():
            setattr(rule, key, value)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="catalog.price_rule.create" if before is None else "catalog.price_rule.update",
        entity="price_rule",
        entity_id=rule.id,
        before=before,
        after=snapshot(rule, RULE_FIELDS),
        branch_id=branch_id,
    )
    return _view(session, rule)


def delete_price_rule(session: Session, *, actor: Actor, rule_id: int) -> PriceRuleView:
    """Delete a rule (orders keep the fees they were quoted); returns what was deleted."""
    require(actor, Perm.CATALOG_MANAGE)
    rule = session.get(PriceRule, rule_id, with_for_update=True)
    if rule is None:
        raise NotFound("price_rule", rule_id)
    _require_scope(actor, rule.branch_id)
    view = _view(session, rule)
    before = snapshot(rule, RULE_FIELDS)
    session.delete(rule)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="catalog.price_rule.delete",
        entity="price_rule",
        entity_id=rule_id,
        before=before,
        branch_id=view.branch_id,
    )
    return view
