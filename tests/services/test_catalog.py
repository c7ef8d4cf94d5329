"""The catalogue: reading (public and staff), changing it, branch prices and price rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import AuditLog, BranchPrice, District, ServiceCategory
from jiazheng_desk.services import catalog, price_rules, pricing
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.catalog_factories import (
    make_category,
    make_item,
    make_office_branch,
    make_option,
    make_skill,
    set_price,
)
from tests.factories import actor, make_staff

SHANGHAI = timezone(timedelta(hours=8))


@pytest.fixture(autouse=True)
def _chinese():
    set_language("zh_CN")


@pytest.fixture
def world(db):
    """Two branches, HQ, a manager and a dispatcher of the first, a category and a skill."""
    a, b = make_office_branch(db), make_office_branch(db)
    return {
        "a": a,
        "b": b,
        "hq": actor(make_staff(db, role="hq_admin")),
        "manager": actor(make_staff(db, role="branch_manager", branch=a)),
        "dispatcher": actor(make_staff(db, role="dispatcher", branch=a)),
        "category": make_category(db),
        "skill": make_skill(db),
    }


def _item_args(world, **kw):
    args = {
        "item_id": None,
        "category_id": world["category"].id,
        "code": "daily_clean",
        "name": "日常保洁",
        "unit": "hour",
        "kind": "visit",
        "min_units": 2,
        "minutes_per_unit": 60,
        "base_minutes": 0,
        "base_price_fen": 4500,
        "skill_id": world["skill"].id,
        "required_level": 1,
        "description": "客厅、卧室、厨房、卫生间日常清洁",
        "process_text": "1. 除尘\n2. 擦拭\n3. 拖地",
        "tools_text": "吸尘器、抹布",
        "photo_paths": ["photos/a.jpg", " ", "photos/b.jpg"],
    }
    args.update(kw)
    return args


def _items(categories):
    return [i for c in categories for i in c.items]


def test_hq_creates_an_item_with_options_and_everyone_reads_it(db, world):
    view = catalog.save_item(db, actor=world["hq"], **_item_args(world))
    assert (view.name, view.unit, view.price_fen, view.skill_name) == (
        "日常保洁",
        "hour",
        4500,
        "保洁",
    )
    assert view.photo_paths == ("photos/a.jpg", "photos/b.jpg")
    option = catalog.save_option(
        db,
        actor=world["hq"],
        option_id=None,
        item_id=view.id,
        name="擦玻璃",
        price_fen=3000,
        extra_minutes=30,
    )
    catalog.save_option(
        db,
        actor=world["hq"],
        option_id=None,
        item_id=view.id,
        name="旧附加项",
        price_fen=100,
        is_active=False,
    )
    public = _items(catalog.list_catalog(db))
    mine = next(i for i in public if i.id == view.id)
    assert [o.name for o in mine.options] == ["擦玻璃"]  # the app sees only what it can book
    staff_view = catalog.get_item(db, item_id=view.id, actor=world["dispatcher"])
    assert [o.name for o in staff_view.options] == ["擦玻璃", "旧附加项"]
    changed = catalog.save_option(
        db,
        actor=world["hq"],
        option_id=option.id,
        item_id=view.id,
        name="擦玻璃（内外）",
        price_fen=3500,
        extra_minutes=40,
    )
    assert (changed.price_fen, changed.extra_minutes) == (3500, 40)


def test_the_effective_price_is_the_branch_price_or_the_base(db, world):
    item = make_item(db, category=world["category"], skill=world["skill"], base_price_fen=4500)
    set_price(db, world["a"], item, 5000)
    seen_a = catalog.get_item(db, item_id=item.id, branch_id=world["a"].id)
    seen_b = catalog.get_item(db, item_id=item.id, branch_id=world["b"].id)
    assert (seen_a.price_fen, seen_a.branch_price_fen) == (5000, 5000)
    assert (seen_b.price_fen, seen_b.branch_price_fen) == (4500, None)
    # a manager sees their own branch's prices without asking
    assert catalog.get_item(db, item_id=item.id, actor=world["manager"]).price_fen == 5000
    with pytest.raises(PermissionDenied):
        catalog.list_catalog(db, actor=world["manager"], branch_id=world["b"].id)


def test_a_manager_sets_only_their_own_branch_price(db, world):
    item = make_item(db, category=world["category"], skill=world["skill"])
    view = catalog.set_branch_price(
        db, actor=world["manager"], branch_id=world["a"].id, item_id=item.id, price_fen=5200
    )
    assert view.price_fen == 5200 and view.branch_id == world["a"].id
    with pytest.raises(PermissionDenied):
        catalog.set_branch_price(
            db, actor=world["manager"], branch_id=world["b"].id, item_id=item.id, price_fen=5200
        )
    back = catalog.set_branch_price(
        db, actor=world["manager"], branch_id=world["a"].id, item_id=item.id, price_fen=None
    )
    assert (back.price_fen, back.branch_price_fen) == (item.base_price_fen, None)
    assert db.scalars(select(BranchPrice).where(BranchPrice.item_id == item.id)).all() == []
    entries = db.scalars(
        select(AuditLog).where(
            AuditLog.action == "catalog.branch_price.set", AuditLog.entity_id == item.id
        )
    ).all()
    assert [(e.branch_id, e.after_json) for e in entries][-1] == (
        world["a"].id,
        f'{{"branch_id": {world["a"].id}, "price_fen": null}}',
    )
    # HQ sets any branch's price
    hq_view = catalog.set_branch_price(
        db, actor=world["hq"], branch_id=world["b"].id, item_id=item.id, price_fen=4800
    )
    assert hq_view.price_fen == 4800


def test_only_hq_changes_the_catalogue_and_dispatchers_change_nothing(db, world):
    item = make_item(db, category=world["category"], skill=world["skill"])
    for who in ("manager", "dispatcher"):
        with pytest.raises(PermissionDenied):
            catalog.save_item(db, actor=world[who], **_item_args(world))
        with pytest.raises(PermissionDenied):
            catalog.save_category(db, actor=world[who], category_id=None, code="x1", name="新分类")
        with pytest.raises(PermissionDenied):
            catalog.retire_item(db, actor=world[who], item_id=item.id)
        with pytest.raises(PermissionDenied):
            catalog.save_option(
                db, actor=world[who], option_id=None, item_id=item.id, name="加项", price_fen=1
            )
    with pytest.raises(PermissionDenied):
        catalog.set_branch_price(
            db, actor=world["dispatcher"], branch_id=world["a"].id, item_id=item.id, price_fen=1
        )
    # reading is fine for every staff member
    assert catalog.list_catalog(db, actor=world["dispatcher"])


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"code": "x"}, "code"),
        ({"code": "有空格 的"}, "code"),
        ({"name": "  "}, "name"),
        ({"name": "长" * 65}, "name"),
        ({"unit": "kg"}, "unit"),
        ({"kind": "forever"}, "kind"),
        ({"kind": "placement", "unit": "hour"}, "unit"),
        ({"min_units": 0}, "min_units"),
        ({"min_units": 1.5}, "min_units"),
        ({"min_units": 30}, "min_units"),  # 30 h in one visit
        ({"minutes_per_unit": 0}, "minutes_per_unit"),
        ({"base_minutes": -5}, "base_minutes"),
        ({"base_price_fen": -1}, "base_price_fen"),
        ({"base_price_fen": 10_000_001}, "base_price_fen"),
        ({"base_price_fen": 45.5}, "base_price_fen"),
        ({"base_price_fen": True}, "base_price_fen"),
        ({"required_level": 0}, "required_level"),
        ({"required_level": 6}, "required_level"),
        ({"skill_id": 999_999}, "skill_id"),
        ({"category_id": 999_999}, "category_id"),
        ({"description": "字" * 2001}, "description"),
        ({"process_text": "字" * 4001}, "process_text"),
        ({"tools_text": "字" * 2001}, "tools_text"),
        ({"photo_paths": [f"p{i}.jpg" for i in range(13)]}, "photo_paths"),
        ({"photo_paths": ["a" * 256]}, "photo_paths"),
    ],
)
def test_bad_item_input_names_the_field(db, world, kw, field):
    with pytest.raises(ValidationError) as err:
        catalog.save_item(db, actor=world["hq"], **_item_args(world, **kw))
    assert err.value.field == field
    assert str(err.value) and not str(err.value).startswith("catalog.")


def test_codes_are_unique_and_options_refuse_nonsense(db, world):
    first = catalog.save_item(db, actor=world["hq"], **_item_args(world))
    with pytest.raises(ValidationError) as err:
        catalog.save_item(db, actor=world["hq"], **_item_args(world, name="另一个"))
    assert err.value.field == "code"
    # saving an item under its own code is fine
    catalog.save_item(
        db, actor=world["hq"], **_item_args(world, item_id=first.id, name="日常保洁A")
    )
    for kw, field in (
        ({"price_fen": -100}, "price_fen"),
        ({"extra_minutes": -1}, "extra_minutes"),
        ({"name": ""}, "name"),
    ):
        args = {"option_id": None, "item_id": first.id, "name": "擦玻璃", "price_fen": 3000}
        args.update(kw)
        with pytest.raises(ValidationError) as err:
            catalog.save_option(db, actor=world["hq"], **args)
        assert err.value.field == field
    with pytest.raises(NotFound):
        catalog.save_option(
            db, actor=world["hq"], option_id=None, item_id=999_999, name="x", price_fen=1
        )


def test_categories_and_what_the_app_sees(db, world):
    view = catalog.save_category(
        db, actor=world["hq"], category_id=None, code="repair", name="家庭维修", sort_order=3
    )
    item = make_item(db, category=db.get(ServiceCategory, view.id), skill=world["skill"])
    assert item.id in [i.id for i in _items(catalog.list_catalog(db))]
    catalog.save_category(
        db, actor=world["hq"], category_id=view.id, code="repair", name="家庭维修", is_active=False
    )
    assert view.id not in [c.id for c in catalog.list_catalog(db)]
    # the app cannot ask for hidden things; staff can
    assert view.id not in [c.id for c in catalog.list_catalog(db, include_retired=True)]
    shown = catalog.list_catalog(db, actor=world["manager"], include_retired=True)
    assert item.id in [i.id for i in _items(shown)]
    with pytest.raises(ValidationError) as err:
        catalog.save_category(db, actor=world["hq"], category_id=None, code="repair", name="重复")
    assert err.value.field == "code"


def test_retired_items_stay_readable_but_cannot_be_quoted(db, world):
    item = make_item(db, category=world["category"], skill=world["skill"])
    make_option(db, item)
    district = db.scalars(select(District).where(District.branch_id == world["a"].id)).one()
    when = datetime(2026, 11, 17, 10, tzinfo=SHANGHAI)

    def price():
        return pricing.quote(
            db,
            branch_id=world["a"].id,
            item_id=item.id,
            units=2,
            district_id=district.id,
            location=None,
            starts_at=when,
        )

    assert price().total_fen == 9000
    view = catalog.retire_item(db, actor=world["hq"], item_id=item.id, reason="停售")
    assert view.retired and view.retired_at is not None
    assert item.id not in [i.id for i in _items(catalog.list_catalog(db))]
    assert item.id not in [i.id for i in _items(catalog.list_catalog(db, actor=world["manager"]))]
    assert catalog.get_item(db, item_id=item.id).name == item.name  # an old order shows it
    with pytest.raises(ValidationError) as err:
        price()
    assert err.value.field == "item_id"
    with pytest.raises(Conflict):
        catalog.retire_item(db, actor=world["hq"], item_id=item.id)
    catalog.restore_item(db, actor=world["hq"], item_id=item.id)
    assert price().total_fen == 9000
    actions = db.scalars(
        select(AuditLog.action)
        .where(AuditLog.entity == "service_item", AuditLog.entity_id == item.id)
        .order_by(AuditLog.id)
    ).all()
    assert actions == ["catalog.item.retire", "catalog.item.restore"]


def test_list_skills(db, world):
    assert "保洁" in [s.name for s in catalog.list_skills(db)]


# --- price rules -----------------------------------------------------------------------


def _rule(world, who="hq", **kw):
    args = {
        "rule_id": None,
        "branch_id": None,
        "kind": "travel_distance",
        "name": "上门费 3-8公里",
        "min_m": 3000,
        "max_m": 8000,
        "amount_fen": 1000,
    }
    args.update(kw)
    return args


def test_rules_of_each_kind_and_who_may_save_them(db, world):
    hq, manager = world["hq"], world["manager"]
    band = price_rules.save_price_rule(db, actor=hq, **_rule(world))
    assert (band.min_m, band.max_m, band.amount_fen, band.branch_name) == (3000, 8000, 1000, "")
    district = db.scalars(select(District).where(District.branch_id == world["a"].id)).one()
    zone = price_rules.save_price_rule(
        db,
        actor=manager,
        **_rule(
            world,
            branch_id=world["a"].id,
            kind="travel_zone",
            name="本区",
            district_id=district.id,
            min_m=5,
        ),
    )
    assert (zone.district_name, zone.min_m, zone.branch_id) == (district.name, None, world["a"].id)
    night = price_rules.save_price_rule(
        db,
        actor=hq,
        **_rule(
            world,
            kind="night",
            name="夜间",
            start_minute=1200,
            end_minute=360,
            amount_fen=0,
            percent_bp=2000,
        ),
    )
    assert (night.start_minute, night.end_minute, night.percent_bp) == (1200, 360, 2000)
    holiday = price_rules.save_price_rule(
        db,
        actor=hq,
        **_rule(
            world,
            kind="holiday",
            name="国庆",
            on_date=date(2026, 10, 1),
            amount_fen=0,
            percent_bp=5000,
        ),
    )
    assert holiday.on_date == date(2026, 10, 1)
    # a manager sees their branch's and the general rules, and may not touch the general ones
    seen = {r.id for r in price_rules.list_price_rules(db, actor=manager)}
    assert {band.id, zone.id, night.id, holiday.id} <= seen
    with pytest.raises(PermissionDenied):
        price_rules.save_price_rule(db, actor=manager, **_rule(world, min_m=20000, max_m=None))
    with pytest.raises(PermissionDenied):
        price_rules.save_price_rule(
            db, actor=manager, **_rule(world, rule_id=band.id, branch_id=world["a"].id)
        )
    with pytest.raises(PermissionDenied):
        price_rules.save_price_rule(db, actor=manager, **_rule(world, branch_id=world["b"].id))
    with pytest.raises(PermissionDenied):
        price_rules.delete_price_rule(db, actor=manager, rule_id=night.id)
    with pytest.raises(PermissionDenied):
        price_rules.save_price_rule(
            db, actor=world["dispatcher"], **_rule(world, branch_id=world["a"].id)
        )
    price_rules.delete_price_rule(db, actor=manager, rule_id=zone.id)
    assert zone.id not in {r.id for r in price_rules.list_price_rules(db, actor=hq)}


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"kind": "weekend"}, "kind"),
        ({"name": ""}, "name"),
        ({"min_m": None}, "min_m"),
        ({"min_m": -1}, "min_m"),
        ({"max_m": 3000}, "max_m"),
        ({"max_m": 2_000_000}, "max_m"),
        ({"percent_bp": 500}, "percent_bp"),
        ({"amount_fen": -1}, "amount_fen"),
        ({"kind": "travel_zone", "district_id": None}, "district_id"),
        ({"kind": "night", "start_minute": 1200, "end_minute": 1200}, "end_minute"),
        ({"kind": "night", "start_minute": 1440, "end_minute": 360}, "start_minute"),
        ({"kind": "night", "start_minute": 1200}, "end_minute"),
        ({"kind": "holiday"}, "on_date"),
        ({"kind": "holiday", "on_date": date(2026, 10, 1), "percent_bp": 30_001}, "percent_bp"),
    ],
)
def test_bad_rules_name_the_field(db, world, kw, field):
    with pytest.raises(ValidationError) as err:
        price_rules.save_price_rule(db, actor=world["hq"], **_rule(world, **kw))
    assert err.value.field == field


def test_rules_of_one_scope_never_overlap(db, world):
    hq = world["hq"]
    price_rules.save_price_rule(db, actor=hq, **_rule(world))
    with pytest.raises(ValidationError) as err:
        price_rules.save_price_rule(db, actor=hq, **_rule(world, min_m=7000, max_m=None))
    assert err.value.field == "min_m" and "上门费 3-8公里" in str(err.value)
    # touching bands are fine; so is the same band for one branch
    price_rules.save_price_rule(db, actor=hq, **_rule(world, min_m=8000, max_m=None))
    price_rules.save_price_rule(db, actor=hq, **_rule(world, branch_id=world["a"].id))
    night = {"kind": "night", "name": "夜间", "amount_fen": 500}
    price_rules.save_price_rule(
        db, actor=hq, **_rule(world, start_minute=1320, end_minute=300, **night)
    )
    with pytest.raises(ValidationError) as err:
        price_rules.save_price_rule(
            db, actor=hq, **_rule(world, start_minute=0, end_minute=60, **night)
        )
    assert err.value.field == "start_minute"
    price_rules.save_price_rule(
        db, actor=hq, **_rule(world, start_minute=300, end_minute=360, **night)
    )
    holiday = {"kind": "holiday", "name": "元旦", "on_date": date(2027, 1, 1), "amount_fen": 500}
    price_rules.save_price_rule(db, actor=hq, **_rule(world, **holiday))
    with pytest.raises(ValidationError) as err:
        price_rules.save_price_rule(db, actor=hq, **_rule(world, **holiday))
    assert err.value.field == "on_date"
    # an inactive rule may overlap (it is kept for later)
    price_rules.save_price_rule(db, actor=hq, **_rule(world, is_active=False, **holiday))


def test_a_branch_zone_must_be_one_of_its_districts(db, world):
    district_b = db.scalars(select(District).where(District.branch_id == world["b"].id)).one()
    with pytest.raises(ValidationError) as err:
        price_rules.save_price_rule(
            db,
            actor=world["hq"],
            **_rule(world, branch_id=world["a"].id, kind="travel_zone", district_id=district_b.id),
        )
    assert err.value.field == "district_id"
