"""Business settings: typed values with defaults, for HQ or overridden per branch.

A setting is read with ``get_setting(session, KEY, branch_id=…)``: the branch's own
value if it has one, else HQ's, else the default declared here. Every change is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Setting
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.cache import cached, invalidate
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.permissions import Perm, require


@dataclass(frozen=True)
class SettingDef:
    key: str
    default: Any
    # the Python type the value must have (int for fen, minutes, counts)
    kind: type
    minimum: int | None = None
    maximum: int | None = None
    # HQ only: branches may not override it
    hq_only: bool = False


DEFS: dict[str, SettingDef] = {
    d.key: d
    for d in (
        # dispatch
        SettingDef("dispatch.offer_timeout_minutes", 10, int, 1, 24 * 60),
        SettingDef("dispatch.max_rejections", 3, int, 1, 50),
        SettingDef("dispatch.grab_pool_minutes", 30, int, 1, 7 * 24 * 60),
        # booking
        SettingDef("booking.min_lead_minutes", 60, int, 0, 7 * 24 * 60),
        SettingDef("booking.max_days_ahead", 90, int, 1, 400),
        SettingDef("booking.slot_step_minutes", 30, int, 5, 240),
        # cancellation fees in basis points of the order total (1 % = 100)
        SettingDef("cancel.free_hours_before", 24, int, 0, 24 * 14),
        SettingDef("cancel.late_fee_bp", 2000, int, 0, 10000),
        SettingDef("cancel.on_the_way_fee_bp", 5000, int, 0, 10000),
        # travel between two orders
        SettingDef("travel.road_factor_pct", 140, int, 100, 400),
        SettingDef("travel.speed_kmh", 20, int, 3, 120),
        SettingDef("travel.min_buffer_minutes", 15, int, 0, 240),
        # payments
        SettingDef("payment.unpaid_cancel_minutes", 30, int, 1, 7 * 24 * 60),
        # loyalty points: earned per whole yuan paid, how many buy ¥1 off a booking, and the
        # largest share of an order (basis points) points may pay
        SettingDef("points.earn_per_yuan", 1, int, 0, 100),
        SettingDef("points.redeem_per_yuan", 100, int, 1, 100_000),
        SettingDef("points.max_redeem_bp", 5000, int, 0, 10000),
        # vetting: the ages (full years) an applicant may have for the services asked;
        # maternity work (skills needing a 母婴护理证 or 月嫂证) has its own upper limit
        SettingDef("vetting.min_age", 18, int, 16, 70),
        SettingDef("vetting.max_age", 65, int, 18, 80),
        SettingDef("vetting.max_age_maternity", 55, int, 18, 80),
        # quality: complaint deadlines by priority, the call back after a first order
        SettingDef("quality.deadline_hours_low", 120, int, 1, 30 * 24),
        SettingDef("quality.deadline_hours_normal", 48, int, 1, 30 * 24),
        SettingDef("quality.deadline_hours_high", 24, int, 1, 30 * 24),
        SettingDef("quality.deadline_hours_urgent", 4, int, 1, 30 * 24),
        SettingDef("quality.first_order_callback_hours", 24, int, 0, 14 * 24),
        # finance: the platform's commission in basis points of an order's revenue (a
        # default, one per service category code, and a branch's own rate overriding both),
        # the franchisor's share of the branch's margin, the travel fee to the worker
        SettingDef("finance.commission_bp", 1000, int, 0, 10000),
        SettingDef("finance.commission_by_category", {}, dict, hq_only=True),
        SettingDef("finance.branch_commission_bp", None, int, 0, 10000),
        SettingDef("finance.franchisor_share_bp", 2000, int, 0, 10000, hq_only=True),
        SettingDef("finance.travel_to_worker", True, bool),
        # worker pay when no pay rule applies; minutes a visit may end early before the
        # pay is cut pro rata
        SettingDef("pay.default_share_bp", 7000, int, 0, 10000),
        SettingDef("pay.early_end_grace_minutes", 15, int, 0, 24 * 60),
    )
}


def _scope(branch_id: int | None) -> str:
    return "hq" if branch_id is None else f"branch:{branch_id}"


def _check(definition: SettingDef, value: Any) -> Any:
    if definition.kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValidationError("settings.bad_value", field=definition.key, key=definition.key)
    if definition.kind is not int and not isinstance(value, definition.kind):
        raise ValidationError("settings.bad_value", field=definition.key, key=definition.key)
    if definition.minimum is not None and value < definition.minimum:
        raise ValidationError(
            "settings.out_of_range",
            field=definition.key,
            key=definition.key,
            min=definition.minimum,
            max=definition.maximum,
        )
    if definition.maximum is not None and value > definition.maximum:
        raise ValidationError(
            "settings.out_of_range",
            field=definition.key,
            key=definition.key,
            min=definition.minimum,
            max=definition.maximum,
        )
    return value


def get_setting(session: Session, key: str, *, branch_id: int | None = None) -> Any:
    """The effective value: the branch's, else HQ's, else the default."""
    return get_settings(session, [key], branch_id=branch_id)[key]


def get_settings(
    session: Session, keys: list[str], *, branch_id: int | None = None
) -> dict[str, Any]:
    """Several effective values in one query (cached for 30 s; a change here drops it)."""
    return dict(
        cached(
            ("settings", tuple(keys), branch_id),
            30,
            lambda: _load_settings(session, keys, branch_id),
        )
    )


def _load_settings(session: Session, keys: list[str], branch_id: int | None) -> dict[str, Any]:
    scopes = ["hq"] if branch_id is None else [_scope(branch_id), "hq"]
    rows = session.execute(
        select(Setting.key, Setting.scope, Setting.value_json).where(
            Setting.key.in_(keys), Setting.scope.in_(scopes)
        )
    ).all()
    found = {(k, s): v for k, s, v in rows}
    out: dict[str, Any] = {}
    for key in keys:
        definition = DEFS[key]
        usable = ["hq"] if definition.hq_only else scopes
        value = next((found[(key, s)] for s in usable if (key, s) in found), None)
        out[key] = json.loads(value) if value is not None else definition.default
    return out


def set_setting(
    session: Session, *, actor: Actor, key: str, value: Any, branch_id: int | None = None
) -> Any:
    """Change a setting for HQ (``branch_id`` None) or one branch; None value removes it."""
    definition = DEFS.get(key)
    if definition is None:
        raise ValidationError("settings.unknown", field="key", key=key)
    require(actor, Perm.SETTINGS_MANAGE, branch_id=branch_id)
    if branch_id is not None and definition.hq_only:
        raise ValidationError("settings.hq_only", field=key, key=key)
    scope = _scope(branch_id)
    row = session.scalars(
        select(Setting).where(Setting.key == key, Setting.scope == scope).with_for_update()
    ).one_or_none()
    before = json.loads(row.value_json) if row is not None else None
    if value is None:
        if row is not None:
            session.delete(row)
    else:
        _check(definition, value)
        if row is None:
            row = Setting(key=key, scope=scope, value_json=json.dumps(value))
            session.add(row)
        row.value_json = json.dumps(value)
        row.updated_by = actor.id if actor.is_staff else None
        row.updated_at = clock.now()
    session.flush()
    invalidate("settings")
    audit.record(
        session,
        actor=actor,
        action="settings.set",
        entity="setting",
        entity_id=None,
        before={"key": key, "scope": scope, "value": before},
        after={"key": key, "scope": scope, "value": value},
        branch_id=branch_id,
    )
    return get_setting(session, key, branch_id=branch_id)
