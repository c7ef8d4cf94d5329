"""The quote, component by component, with the fen amounts worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import AuditLog, District
from jiazheng_desk.services import pricing
from jiazheng_desk.services.errors import ValidationError
from tests.catalog_factories import (
    make_category,
    make_item,
    make_office_branch,
    make_option,
    make_rule,
    north_of_office,
    set_price,
)

SHANGHAI = timezone(timedelta(hours=8))
# a Tuesday, 10:00 in 上海: no night, no holiday
DAYTIME = datetime(2026, 11, 17, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _chinese():
    # other tests may leave the message language at English
    set_language("zh_CN")


@pytest.fixture
def shop(db):
    """A branch with an office, its district, 日常保洁 at ¥45/h (min 2 h) and two options."""
    branch = make_office_branch(db)
    district = db.scalars(select(District).where(District.branch_id == branch.id)).one()
    item = make_item(db)
    glass = make_option(db, item, name="擦玻璃", price_fen=3000, extra_minutes=30)
    soap = make_option(db, item, name="自带清洁剂", price_fen=2000, extra_minutes=0)
    return branch, district, item, glass, soap


def _quote(db, shop, **kw):
    branch, district, item, _glass, _soap = shop
    args = {
        "branch_id": branch.id,
        "item_id": item.id,
        "units": 3,
        "district_id": district.id,
        "location": north_of_office(1000),
        "starts_at": DAYTIME,
    }
    args.update(kw)
    return pricing.quote(db, **args)


def test_base_price_times_units_and_no_rules(db, shop):
    q = _quote(db, shop)
    assert (q.base_fen, q.options_fen, q.travel_fee_fen, q.surcharge_fen) == (13500, 0, 0, 0)
    assert q.total_fen == 13500 and q.discount_fen == 0
    assert q.duration_minutes == 180 and q.distance_m == 1000
    assert [line.code for line in q.lines] == ["base"]
    assert q.lines[0].label == "日常保洁（3小时）"


def test_the_branch_price_replaces_the_base_price(db, shop):
    branch, _d, item, _g, _s = shop
    set_price(db, branch, item, 5000)
    other = make_office_branch(db)
    assert _quote(db, shop).base_fen == 15000
    other_district = db.scalars(select(District).where(District.branch_id == other.id)).one()
    q = _quote(db, shop, branch_id=other.id, district_id=other_district.id)
    assert q.base_fen == 13500  # no price of its own: the base price


def test_options_are_added_once_with_their_minutes(db, shop):
    _b, _d, _i, glass, soap = shop
    q = _quote(db, shop, option_ids=[glass.id, soap.id])
    assert (q.options_fen, q.total_fen) == (5000, 18500)
    assert q.duration_minutes == 3 * 60 + 30
    assert q.option_ids == (glass.id, soap.id)
    assert [(line.code, line.label, line.amount_fen) for line in q.lines[1:]] == [
        ("option", "附加：擦玻璃", 3000),
        ("option", "附加：自带清洁剂", 2000),
    ]


@pytest.mark.parametrize(
    ("metres", "fee"),
    [
        (2999, 0),
        (3000, 1000),
        (7999, 1000),
        (8000, 2000),
        (14999, 2000),
        (15000, 3500),
        (90000, 3500),
    ],
)
def test_distance_bands_include_their_minimum_and_exclude_their_maximum(db, shop, metres, fee):
    make_rule(db, "travel_distance", min_m=3000, max_m=8000, amount_fen=1000)
    make_rule(db, "travel_distance", min_m=8000, max_m=15000, amount_fen=2000)
    make_rule(db, "travel_distance", min_m=15000, max_m=None, amount_fen=3500)
    q = _quote(db, shop, location=north_of_office(metres))
    assert q.distance_m == metres
    assert q.travel_fee_fen == fee and q.total_fen == 13500 + fee
    assert [line.code for line in q.lines].count("travel") == (1 if fee else 0)


def test_without_a_location_the_district_centre_is_measured(db, shop):
    make_rule(db, "travel_distance", min_m=0, max_m=None, amount_fen=800)
    q = _quote(db, shop, location=None)
    assert q.distance_m is not None and q.distance_m > 0
    assert q.travel_fee_fen == 800


def test_an_office_without_coordinates_charges_no_distance_band(db, shop):
    branch, _d, _i, _g, _s = shop
    branch.lat = branch.lng = None
    db.flush()
    make_rule(db, "travel_distance", min_m=0, max_m=None, amount_fen=800)
    q = _quote(db, shop)
    assert q.distance_m is None and q.travel_fee_fen == 0


def test_a_zone_beats_the_distance_band(db, shop):
    _b, district, _i, _g, _s = shop
    make_rule(db, "travel_distance", min_m=3000, max_m=None, amount_fen=1000)
    make_rule(db, "travel_zone", district_id=district.id, amount_fen=2500)
    q = _quote(db, shop, location=north_of_office(5000))
    assert q.travel_fee_fen == 2500
    travel = next(line for line in q.lines if line.code == "travel")
    assert travel.label == f"上门费（{district.name}）"


def test_a_branch_rule_beats_the_all_branch_rule(db, shop):
    branch, district, _i, _g, _s = shop
    # the branch's band table replaces the general one (even where it has no band)
    make_rule(db, "travel_distance", min_m=0, max_m=None, amount_fen=1000)
    make_rule(db, "travel_distance", branch=branch, min_m=2000, max_m=None, amount_fen=600)
    assert _quote(db, shop, location=north_of_office(5000)).travel_fee_fen == 600
    assert _quote(db, shop, location=north_of_office(1000)).travel_fee_fen == 0
    # a branch zone for the district beats the all-branch zone for it
    make_rule(db, "travel_zone", district_id=district.id, amount_fen=2000)
    make_rule(db, "travel_zone", branch=branch, district_id=district.id, amount_fen=1500)
    assert _quote(db, shop).travel_fee_fen == 1500
    # a branch's night window replaces the all-branch one
    make_rule(db, "night", start_minute=20 * 60, end_minute=6 * 60, percent_bp=2000)
    make_rule(db, "night", branch=branch, start_minute=22 * 60, end_minute=6 * 60, amount_fen=900)
    at_21 = datetime(2026, 11, 17, 21, 0, tzinfo=SHANGHAI)
    at_23 = datetime(2026, 11, 17, 23, 0, tzinfo=SHANGHAI)
    assert _quote(db, shop, starts_at=at_21).surcharge_fen == 0
    assert _quote(db, shop, starts_at=at_23).surcharge_fen == 900
    # another branch still gets the general rules
    other = make_office_branch(db)
    other_district = db.scalars(select(District).where(District.branch_id == other.id)).one()
    q = _quote(db, shop, branch_id=other.id, district_id=other_district.id, starts_at=at_21)
    assert (q.travel_fee_fen, q.surcharge_fen) == (1000, 13500 * 2000 // 10000)


@pytest.mark.parametrize(
    ("hour", "minute", "night"),
    [(19, 59, False), (20, 0, True), (23, 30, True), (0, 0, True), (5, 59, True), (6, 0, False)],
)
def test_a_night_window_wrapping_midnight_in_local_time(db, shop, hour, minute, night):
    make_rule(db, "night", start_minute=20 * 60, end_minute=6 * 60, percent_bp=2000)
    local = datetime(2026, 11, 17, hour, minute, tzinfo=SHANGHAI)
    # handed in as UTC: the branch's zone decides what "night" is
    q = _quote(db, shop, starts_at=local.astimezone(UTC))
    assert q.surcharge_fen == (2700 if night else 0)  # 20 % of 13500
    assert ("night" in [line.code for line in q.lines]) is night


def test_a_window_within_one_day_and_a_fixed_amount_plus_a_share(db, shop):
    make_rule(
        db, "night", start_minute=12 * 60, end_minute=14 * 60, amount_fen=500, percent_bp=1000
    )
    q = _quote(db, shop, starts_at=datetime(2026, 11, 17, 13, 0, tzinfo=SHANGHAI))
    assert q.surcharge_fen == 500 + 1350
    assert (
        _quote(db, shop, starts_at=datetime(2026, 11, 17, 14, 0, tzinfo=SHANGHAI)).surcharge_fen
        == 0
    )


def test_shares_are_rounded_down_to_the_fen(db, shop):
    make_rule(db, "night", start_minute=0, end_minute=6 * 60, percent_bp=3333)
    q = _quote(db, shop, starts_at=datetime(2026, 11, 17, 1, 0, tzinfo=SHANGHAI))
    assert q.surcharge_fen == 4499  # 13500 × 33.33 % = 4499.55


def test_holiday_on_the_local_date_adds_to_night(db, shop):
    make_rule(db, "holiday", name="国庆节加价", on_date=date(2026, 10, 1), percent_bp=5000)
    make_rule(db, "night", start_minute=20 * 60, end_minute=6 * 60, percent_bp=2000)
    # 00:30 on 1 October in 上海 is still 30 September in UTC
    starts = datetime(2026, 9, 30, 16, 30, tzinfo=UTC)
    q = _quote(db, shop, starts_at=starts)
    assert (q.surcharge_fen, q.total_fen) == (6750 + 2700, 13500 + 9450)
    assert [line.code for line in q.lines] == ["base", "night", "holiday"]
    assert q.lines[2].label == "节假日加价（2026-10-01）"
    assert _quote(db, shop, starts_at=datetime(2026, 10, 2, 10, tzinfo=SHANGHAI)).surcharge_fen == 0


def test_a_placement_is_days_without_travel_or_surcharges(db, shop):
    maternity = make_item(
        db,
        name="月嫂",
        unit="day",
        kind="placement",
        min_units=26,
        minutes_per_unit=1440,
        base_price_fen=55000,
        required_level=2,
    )
    make_rule(db, "travel_distance", min_m=0, max_m=None, amount_fen=1000)
    make_rule(db, "holiday", on_date=date(2026, 10, 1), percent_bp=5000)
    make_rule(db, "night", start_minute=20 * 60, end_minute=6 * 60, percent_bp=2000)
    q = _quote(
        db,
        shop,
        item_id=maternity.id,
        units=26,
        starts_at=datetime(2026, 10, 1, 21, 0, tzinfo=SHANGHAI),
    )
    assert (q.base_fen, q.travel_fee_fen, q.surcharge_fen, q.total_fen) == (1430000, 0, 0, 1430000)
    assert q.duration_minutes == 26 * 1440 and q.kind == "placement" and q.unit == "day"


def test_labels_follow_the_language(db, shop):
    make_rule(db, "travel_distance", min_m=0, max_m=None, amount_fen=500)
    set_language("en")
    try:
        q = _quote(db, shop, location=north_of_office(5240))
    finally:
        set_language("zh_CN")
    assert [line.label for line in q.lines] == ["日常保洁 (3 h)", "Travel fee (5.2 km)"]


def _field(db, shop, **kw):
    with pytest.raises(ValidationError) as err:
        _quote(db, shop, **kw)
    assert str(err.value)
    return err.value.field


def test_units_are_refused_below_the_minimum(db, shop):
    assert _field(db, shop, units=0) == "units"
    assert _field(db, shop, units=-1) == "units"
    assert _field(db, shop, units=1) == "units"  # min_units 2
    assert _field(db, shop, units=2.5) == "units"
    assert _field(db, shop, units=25) == "units"  # 25 h: more than a day in one visit


def test_options_must_belong_to_the_item_and_be_offered(db, shop):
    _b, _d, _i, glass, _s = shop
    stranger = make_option(db, make_item(db), name="除螨")
    retired = make_option(db, shop[2], name="旧附加项", is_active=False)
    assert _field(db, shop, option_ids=[stranger.id]) == "option_ids"
    assert _field(db, shop, option_ids=[retired.id]) == "option_ids"
    assert _field(db, shop, option_ids=[glass.id, glass.id]) == "option_ids"
    assert _field(db, shop, option_ids=[999_999]) == "option_ids"


def test_retired_items_and_items_of_inactive_categories_are_refused(db, shop):
    _b, _d, item, _g, _s = shop
    item.is_active = False
    item.retired_at = datetime(2026, 1, 1, tzinfo=UTC)
    db.flush()
    assert _field(db, shop) == "item_id"
    hidden = make_item(db, category=make_category(db, is_active=False))
    assert _field(db, shop, item_id=hidden.id) == "item_id"
    assert _field(db, shop, item_id=999_999) == "item_id"


def test_place_and_time_are_checked(db, shop):
    other = make_office_branch(db)
    other_district = db.scalars(select(District).where(District.branch_id == other.id)).one()
    assert _field(db, shop, district_id=other_district.id) == "district_id"
    assert _field(db, shop, district_id=999_999) == "district_id"
    assert _field(db, shop, branch_id=999_999) == "branch_id"
    assert _field(db, shop, starts_at=datetime(2026, 11, 17, 10, 0)) == "starts_at"


def test_a_quote_writes_nothing(db, shop):
    before = db.scalar(select(func.count(AuditLog.id)))
    _quote(db, shop)
    assert not db.new and not db.dirty and not db.deleted
    assert db.scalar(select(func.count(AuditLog.id))) == before
