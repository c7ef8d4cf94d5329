"""The quote: what a customer pays for an item, in fen, line by line.

    total = base + options + travel fee + surcharges − discount

- base: the branch's own price of the item (else its base price) × units;
- options: each chosen add-on once (擦玻璃 +¥30 whatever the hours);
- travel fee: the branch's zone rule for the district if there is one, else the distance
  band holding the straight-line distance from the branch office to the address
  (min inclusive, max exclusive);
- surcharges: night (the local start time inside a night window, which may wrap
  midnight) and holiday (the local start date); each is
  ``amount_fen + base_fen * percent_bp // 10000`` — integer division, so a fraction of a
  fen is never charged (rounded down, in the customer's favour);
- discount: a coupon of the customer's (``coupon_use``: its rules, and a percentage
  rounded up to the fen in the customer's favour), then points at the settings' rate
  (``points``); each is a negative line ("coupon", "points"), and the total never goes
  below zero.

Precedence: a branch's own rules replace the all-branch rules they cover — its band table
replaces the all-branch band table, its night windows the all-branch windows, its rule
for a district or a date the all-branch rule for that district or date.

A placement (月嫂, 住家保姆) is priced by the day only: no travel fee (the worker moves in
once) and no night or holiday surcharge (a percentage of 26 days for the start date would
be absurd), as the demo generator prices them.

``quote`` needs no actor and writes nothing: the apps call it for anonymous customers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import Msg, t
from jiazheng_desk.models import (
    Branch,
    BranchPrice,
    District,
    PriceRule,
    ServiceCategory,
    ServiceItem,
    ServiceOption,
)
from jiazheng_desk.services.catalog import MAX_UNITS, MINUTES_PER_DAY
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.geo import LatLng, distance_m
from jiazheng_desk.services.price_rules import in_band, in_window

# a placement is booked by the day; more than a year in one order is a typo
MAX_PLACEMENT_DAYS = 366


@dataclass(frozen=True)
class QuoteLine:
    # base | option | travel | night | holiday | coupon | points (the last two negative)
    code: str
    label: str
    amount_fen: int


@dataclass(frozen=True)
class Quote:
    branch_id: int
    item_id: int
    item_name: str
    unit: str
    kind: str
    units: int
    option_ids: tuple[int, ...]
    base_fen: int
    options_fen: int
    travel_fee_fen: int
    surcharge_fen: int
    discount_fen: int
    total_fen: int
    # visit: base + per unit × units + the options' extra minutes; placement: units days
    duration_minutes: int
    # from the branch office to the address (None when the office has no coordinates)
    distance_m: int | None
    lines: tuple[QuoteLine, ...]
    # the item's category (coupons may be for a category)
    category_id: int | None = None
    # the coupon and the points the discount uses (``coupon_use.with_discounts``)
    coupon_id: int | None = None
    points_used: int = 0


def service_minutes(
    *, kind: str, units: int, minutes_per_unit: int, base_minutes: int, extra_minutes: int = 0
) -> int:
    """How long the service lasts: a visit's working minutes, or whole days of a placement."""
    if kind == "placement":
        return units * MINUTES_PER_DAY
    return base_minutes + minutes_per_unit * units + extra_minutes


def surcharge_fen(amount_fen: int, percent_bp: int, base_fen: int) -> int:
    """A rule's fee: a fixed amount plus a share of the base, fractions of a fen dropped."""
    return amount_fen + base_fen * percent_bp // 10_000


def _km(metres: int) -> str:
    # one decimal without a float: 5240 m -> "5.2"
    return f"{metres // 1000}.{metres % 1000 // 100}"


def _rule_key(rule: PriceRule) -> tuple[object, ...]:
    """What a branch rule replaces: the whole band table or night set, one district, one date."""
    if rule.kind == "travel_zone":
        return (rule.kind, rule.district_id)
    if rule.kind == "holiday":
        return (rule.kind, rule.on_date)
    return (rule.kind,)


def _effective_rules(session: Session, branch_id: int) -> list[PriceRule]:
    """The active rules that apply to a branch, its own ones having replaced the general."""
    rules = session.scalars(
        select(PriceRule)
        .where(
            PriceRule.is_active.is_(True),
            or_(PriceRule.branch_id.is_(None), PriceRule.branch_id == branch_id),
        )
        .order_by(PriceRule.id)
    ).all()
    own = {_rule_key(r) for r in rules if r.branch_id == branch_id}
    return [r for r in rules if r.branch_id == branch_id or _rule_key(r) not in own]


def _check_units(item: ServiceItem, units: object) -> int:
    unit = Msg(f"catalog.unit.{item.unit}")
    if isinstance(units, bool) or not isinstance(units, int):
        raise ValidationError("pricing.units_not_integer", field="units")
    lowest = max(1, item.min_units)
    if units < lowest:
        raise ValidationError("pricing.units_below_min", field="units", min=lowest, unit=unit)
    highest = MAX_PLACEMENT_DAYS if item.kind == "placement" else MAX_UNITS
    if units > highest:
        raise ValidationError("pricing.units_above_max", field="units", max=highest, unit=unit)
    return units


def _bookable_item(session: Session, branch_id: int, item_id: int) -> tuple[ServiceItem, int]:
    """The item, if it may be booked, and its price per unit in the branch: one query for
    the item, its category's switch and the branch's own price (a booking's hot path)."""
    row = session.execute(
        select(ServiceItem, ServiceCategory.is_active, BranchPrice.price_fen)
        .outerjoin(ServiceCategory, ServiceCategory.id == ServiceItem.category_id)
        .outerjoin(
            BranchPrice,
            and_(BranchPrice.item_id == ServiceItem.id, BranchPrice.branch_id == branch_id),
        )
        .where(ServiceItem.id == item_id)
    ).one_or_none()
    if row is None:
        raise ValidationError("catalog.unknown_item", field="item_id", id=item_id)
    item, category_active, own_price = row
    if not item.is_active or item.retired_at is not None or not category_active:
        raise ValidationError("pricing.item_unavailable", field="item_id", name=item.name)
    return item, own_price if own_price is not None else item.base_price_fen


def _chosen_options(
    session: Session, item: ServiceItem, option_ids: Sequence[int]
) -> list[ServiceOption]:
    if not option_ids:
        return []
    found = {
        o.id: o
        for o in session.scalars(
            select(ServiceOption).where(ServiceOption.id.in_(list(option_ids)))
        )
    }
    chosen: list[ServiceOption] = []
    for option_id in option_ids:
        option = found.get(option_id)
        if option is None or option.item_id != item.id or not option.is_active:
            raise ValidationError("pricing.option_unavailable", field="option_ids", id=option_id)
        if option in chosen:
            raise ValidationError("pricing.option_twice", field="option_ids", name=option.name)
        chosen.append(option)
    return chosen


def _place(session: Session, branch_id: int, district_id: int) -> tuple[Branch, District]:
    # one query for both: the district is joined whatever its branch, so each refusal
    # below is the one it was when they were read apart
    row = session.execute(
        select(Branch, District)
        .outerjoin(District, District.id == district_id)
        .where(Branch.id == branch_id)
    ).one_or_none()
    if row is None:
        raise ValidationError("branch.unknown", field="branch_id", id=branch_id)
    branch, district = row
    if not branch.is_active:
        raise ValidationError("branch.inactive", field="branch_id", name=branch.name)
    if district is None:
        raise ValidationError("catalog.unknown_district", field="district_id", id=district_id)
    if district.branch_id != branch.id:
        raise ValidationError(
            "pricing.district_other_branch", field="district_id", district=district.name
        )
    return branch, district


def _travel(rules: list[PriceRule], district: District, distance: int | None) -> QuoteLine | None:
    zone = next(
        (r for r in rules if r.kind == "travel_zone" and r.district_id == district.id), None
    )
    if zone is not None:
        label = t("pricing.line.travel_zone", district=district.name)
        return QuoteLine("travel", label, zone.amount_fen)
    if distance is None:
        return None
    bands = [
        r for r in rules if r.kind == "travel_distance" and in_band(distance, r.min_m, r.max_m)
    ]
    if not bands:
        return None
    band = max(bands, key=lambda r: (r.min_m or 0, r.id))
    return QuoteLine("travel", t("pricing.line.travel_distance", km=_km(distance)), band.amount_fen)


def _surcharges(
    rules: list[PriceRule], branch: Branch, starts_at: datetime, base_fen: int
) -> list[QuoteLine]:
    local = starts_at.astimezone(ZoneInfo(branch.timezone))
    minute = local.hour * 60 + local.minute
    lines: list[QuoteLine] = []
    night = [
        surcharge_fen(r.amount_fen, r.percent_bp, base_fen)
        for r in rules
        if r.kind == "night"
        and r.start_minute is not None
        and r.end_minute is not None
        and in_window(minute, r.start_minute, r.end_minute)
    ]
    if night:
        # windows of one scope never overlap; max() only guards against old data
        lines.append(QuoteLine("night", t("pricing.line.night"), max(night)))
    holiday = [
        surcharge_fen(r.amount_fen, r.percent_bp, base_fen)
        for r in rules
        if r.kind == "holiday" and r.on_date == local.date()
    ]
    if holiday:
        label = t("pricing.line.holiday", date=local.date().isoformat())
        lines.append(QuoteLine("holiday", label, max(holiday)))
    return [line for line in lines if line.amount_fen]


def quote(
    session: Session,
    *,
    branch_id: int,
    item_id: int,
    units: int,
    option_ids: Sequence[int] = (),
    district_id: int,
    location: LatLng | None,
    starts_at: datetime,
    customer_id: int | None = None,
    coupon_id: int | None = None,
    points_used: int = 0,
) -> Quote:
    """Price one booking line by line; without ``location`` the district centre is used.

    ``coupon_id`` and ``points_used`` (the customer's, so ``customer_id`` too) take their
    discount off, or are refused with the rule they break (field "coupon_id" / "points")."""
    if starts_at.tzinfo is None:
        raise ValidationError("pricing.naive_time", field="starts_at")
    branch, district = _place(session, branch_id, district_id)
    item, unit_price = _bookable_item(session, branch.id, item_id)
    units = _check_units(item, units)
    options = _chosen_options(session, item, option_ids)
    minutes = service_minutes(
        kind=item.kind,
        units=units,
        minutes_per_unit=item.minutes_per_unit,
        base_minutes=item.base_minutes,
        extra_minutes=sum(o.extra_minutes for o in options),
    )
    if item.kind == "visit" and minutes > MINUTES_PER_DAY:
        raise ValidationError("pricing.visit_too_long", field="units", minutes=minutes)
    base_fen = unit_price * units
    base_label = t(
        "pricing.line.base", item=item.name, units=units, unit=Msg(f"catalog.unit.{item.unit}")
    )
    lines = [QuoteLine("base", base_label, base_fen)]
    lines += [
        QuoteLine("option", t("pricing.line.option", name=o.name), o.price_fen) for o in options
    ]
    where = location or LatLng(district.center_lat, district.center_lng)
    office = (
        LatLng(branch.lat, branch.lng)
        if branch.lat is not None and branch.lng is not None
        else None
    )
    distance = distance_m(office, where) if office is not None else None
    if item.kind == "visit":
        rules = _effective_rules(session, branch.id)
        travel = _travel(rules, district, distance)
        if travel is not None and travel.amount_fen:
            lines.append(travel)
        lines += _surcharges(rules, branch, starts_at, base_fen)
    options_fen = sum(o.price_fen for o in options)
    travel_fen = sum(line.amount_fen for line in lines if line.code == "travel")
    surcharge = sum(line.amount_fen for line in lines if line.code in ("night", "holiday"))
    discount = 0
    priced = Quote(
        branch_id=branch.id,
        item_id=item.id,
        item_name=item.name,
        unit=item.unit,
        kind=item.kind,
        units=units,
        option_ids=tuple(o.id for o in options),
        base_fen=base_fen,
        options_fen=options_fen,
        travel_fee_fen=travel_fen,
        surcharge_fen=surcharge,
        discount_fen=discount,
        total_fen=base_fen + options_fen + travel_fen + surcharge - discount,
        duration_minutes=minutes,
        distance_m=distance,
        lines=tuple(lines),
        category_id=item.category_id,
    )
    if coupon_id is None and not points_used:
        return priced
    from jiazheng_desk.services import coupon_use  # it prices on top of this module

    return coupon_use.with_discounts(
        session, priced, customer_id=customer_id, coupon_id=coupon_id, points_used=points_used
    )
