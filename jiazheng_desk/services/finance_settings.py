"""The finance settings in one place: commission (default, per service category, a
branch's own rate), the franchisor's share, the travel fee to the worker, default pay.

Values live in ``services/settings.py`` (typed, per HQ or branch, audited there); this
module checks what only finance knows (a category's rate, which keys a branch may set)
and asks for the finance permission.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Branch, ServiceCategory
from jiazheng_desk.services import settings
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.permissions import Perm, require

KEYS = (
    "finance.commission_bp",
    "finance.commission_by_category",
    "finance.branch_commission_bp",
    "finance.franchisor_share_bp",
    "finance.travel_to_worker",
    "pay.default_share_bp",
    "pay.early_end_grace_minutes",
)
BRANCH_KEYS = (
    "finance.branch_commission_bp",
    "finance.travel_to_worker",
    "pay.default_share_bp",
    "pay.early_end_grace_minutes",
)


@dataclass(frozen=True)
class CategoryRate:
    category_id: int
    code: str
    name: str
    # None: the default rate applies
    commission_bp: int | None


@dataclass(frozen=True)
class FinanceSettings:
    """The effective values for HQ (``branch_id`` None) or a branch."""

    branch_id: int | None
    commission_bp: int
    categories: tuple[CategoryRate, ...]
    # the branch's own rate (None: the category's or default applies)
    branch_commission_bp: int | None
    franchisor_share_bp: int
    travel_to_worker: bool
    default_share_bp: int
    early_end_grace_minutes: int
    # branches with their own commission rate: (id, name, bp)
    branch_overrides: tuple[tuple[int, str, int], ...]


def get_finance_settings(
    session: Session, *, actor: Actor, branch_id: int | None = None
) -> FinanceSettings:
    """The finance settings as they apply to HQ or a branch."""
    require(actor, Perm.FINANCE_VIEW, branch_id=branch_id)
    values = settings.get_settings(session, list(KEYS), branch_id=branch_id)
    by_category = values["finance.commission_by_category"] or {}
    cats = session.execute(
        select(ServiceCategory.id, ServiceCategory.code, ServiceCategory.name).order_by(
            ServiceCategory.sort_order, ServiceCategory.id
        )
    ).all()
    overrides = []
    for b_id, name in session.execute(select(Branch.id, Branch.name).order_by(Branch.id)).all():
        own = settings.get_setting(session, "finance.branch_commission_bp", branch_id=b_id)
        if own is not None:
            overrides.append((int(b_id), name, int(own)))
    return FinanceSettings(
        branch_id=branch_id,
        commission_bp=int(values["finance.commission_bp"]),
        categories=tuple(
            CategoryRate(int(i), code, name, by_category.get(code)) for i, code, name in cats
        ),
        branch_commission_bp=(
            None if branch_id is None else values["finance.branch_commission_bp"]
        ),
        franchisor_share_bp=int(values["finance.franchisor_share_bp"]),
        travel_to_worker=bool(values["finance.travel_to_worker"]),
        default_share_bp=int(values["pay.default_share_bp"]),
        early_end_grace_minutes=int(values["pay.early_end_grace_minutes"]),
        branch_overrides=tuple(overrides),
    )


def set_finance_setting(
    session: Session, *, actor: Actor, key: str, value: Any, branch_id: int | None = None
) -> Any:
    """Change a finance setting for HQ or a branch (None removes a branch's own value)."""
    if key not in KEYS:
        raise ValidationError("settings.unknown", field="key", key=key)
    require(actor, Perm.FINANCE_SETTINGS, branch_id=branch_id)
    if branch_id is not None and key not in BRANCH_KEYS:
        raise ValidationError("settings.hq_only", field=key, key=key)
    if key == "finance.branch_commission_bp" and branch_id is None:
        raise ValidationError("finance_settings.branch_only", field=key)
    if key == "finance.commission_by_category" and value is not None:
        if not isinstance(value, dict):
            raise ValidationError("settings.bad_value", field=key, key=key)
        codes = set(session.scalars(select(ServiceCategory.code)).all())
        for code, bp in value.items():
            if code not in codes:
                raise ValidationError("finance_settings.unknown_category", field=key, code=code)
            if isinstance(bp, bool) or not isinstance(bp, int) or not 0 <= bp <= 10_000:
                raise ValidationError("finance_settings.bad_rate", field=key, code=code)
    return settings.set_setting(session, actor=actor, key=key, value=value, branch_id=branch_id)


def set_category_commission(
    session: Session, *, actor: Actor, category_code: str, commission_bp: int | None
) -> Any:
    """One category's commission (None: back to the default)."""
    require(actor, Perm.FINANCE_SETTINGS)
    current = dict(settings.get_setting(session, "finance.commission_by_category") or {})
    if commission_bp is None:
        current.pop(category_code, None)
    else:
        current[category_code] = commission_bp
    return set_finance_setting(
        session, actor=actor, key="finance.commission_by_category", value=current
    )


def save_finance_settings(
    session: Session,
    *,
    actor: Actor,
    values: dict[str, Any],
    branch_id: int | None = None,
    categories: dict[str, int | None] | None = None,
) -> FinanceSettings:
    """Save the settings page: every changed value (and HQ's rates per category) at once."""
    require(actor, Perm.FINANCE_SETTINGS, branch_id=branch_id)
    current = settings.get_settings(session, list(KEYS), branch_id=branch_id)
    for key, value in values.items():
        if key not in KEYS or key == "finance.commission_by_category":
            raise ValidationError("settings.unknown", field="key", key=key)
        if current.get(key) != value:
            set_finance_setting(session, actor=actor, key=key, value=value, branch_id=branch_id)
    if categories is not None:
        if branch_id is not None:
            raise ValidationError("settings.hq_only", field="categories", key="categories")
        merged = {code: bp for code, bp in categories.items() if bp is not None}
        if merged != (current["finance.commission_by_category"] or {}):
            set_finance_setting(
                session, actor=actor, key="finance.commission_by_category", value=merged
            )
    return get_finance_settings(session, actor=actor, branch_id=branch_id)
