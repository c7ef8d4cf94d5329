"""Factories for the catalogue and price rules (rows written directly, defaults from the demo)."""

from __future__ import annotations

import itertools
import math
from typing import Any

from sqlalchemy.orm import Session

from jiazheng_desk.models import (
    Branch,
    BranchPrice,
    PriceRule,
    ServiceCategory,
    ServiceItem,
    ServiceOption,
    Skill,
)
from jiazheng_desk.services.geo import EARTH_RADIUS_M, LatLng
from tests.factories import make_branch

_seq = itertools.count(1)
# the 浦东分店 office of the demo
OFFICE = LatLng(31.2310, 121.5260)


def make_office_branch(session: Session, **kw: Any) -> Branch:
    """A branch whose office has coordinates (travel bands are measured from it)."""
    branch = make_branch(session, **kw)
    branch.lat, branch.lng = OFFICE.lat, OFFICE.lng
    session.flush()
    return branch


def north_of_office(metres: int) -> LatLng:
    """A point exactly ``metres`` north of the office (haversine along a meridian)."""
    return LatLng(OFFICE.lat + math.degrees(metres / EARTH_RADIUS_M), OFFICE.lng)


def make_skill(session: Session, *, name: str = "保洁") -> Skill:
    n = next(_seq)
    skill = Skill(code=f"skill{n}", name=name, required_cert_type="")
    session.add(skill)
    session.flush()
    return skill


def make_category(
    session: Session, *, name: str = "保洁服务", is_active: bool = True
) -> ServiceCategory:
    n = next(_seq)
    category = ServiceCategory(code=f"cat{n}", name=name, sort_order=n, is_active=is_active)
    session.add(category)
    session.flush()
    return category


def make_item(
    session: Session,
    *,
    category: ServiceCategory | None = None,
    skill: Skill | None = None,
    name: str = "日常保洁",
    unit: str = "hour",
    kind: str = "visit",
    min_units: int = 2,
    minutes_per_unit: int = 60,
    base_minutes: int = 0,
    base_price_fen: int = 4500,
    required_level: int = 1,
) -> ServiceItem:
    n = next(_seq)
    item = ServiceItem(
        category_id=(category or make_category(session)).id,
        code=f"item{n}",
        name=name,
        unit=unit,
        kind=kind,
        min_units=min_units,
        minutes_per_unit=minutes_per_unit,
        base_minutes=base_minutes,
        base_price_fen=base_price_fen,
        skill_id=(skill or make_skill(session)).id,
        required_level=required_level,
        sort_order=n,
    )
    session.add(item)
    session.flush()
    return item


def make_option(
    session: Session,
    item: ServiceItem,
    *,
    name: str = "擦玻璃",
    price_fen: int = 3000,
    extra_minutes: int = 30,
    is_active: bool = True,
) -> ServiceOption:
    option = ServiceOption(
        item_id=item.id,
        name=name,
        price_fen=price_fen,
        extra_minutes=extra_minutes,
        is_active=is_active,
    )
    session.add(option)
    session.flush()
    return option


def set_price(session: Session, branch: Branch, item: ServiceItem, price_fen: int) -> None:
    session.add(BranchPrice(branch_id=branch.id, item_id=item.id, price_fen=price_fen))
    session.flush()


def make_rule(
    session: Session, kind: str, *, branch: Branch | None = None, **values: Any
) -> PriceRule:
    rule = PriceRule(
        branch_id=branch.id if branch is not None else None,
        kind=kind,
        name=values.pop("name", kind),
        amount_fen=values.pop("amount_fen", 0),
        percent_bp=values.pop("percent_bp", 0),
        **values,
    )
    session.add(rule)
    session.flush()
    return rule
