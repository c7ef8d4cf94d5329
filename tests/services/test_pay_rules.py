"""Pay rules: validation, the most specific rule wins, pro rata made explicit, travel."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jiazheng_desk import clock
from jiazheng_desk.services import finance_settings, pay_rules
from jiazheng_desk.services.errors import Conflict, PermissionDenied, ValidationError
from tests.booking_factories import local, make_worker
from tests.finance_factories import DAY, finish, make_fin_world, new_order


@pytest.fixture(autouse=True)
def _morning():
    clock.freeze(local(DAY, 8))


def _rule(db, fw, **kw):
    args = {"kind": "share", "value": 6000, "valid_from": date(2026, 1, 1)} | kw
    return pay_rules.create_pay_rule(db, actor=fw.hq, **args)


def test_the_most_specific_rule_valid_on_the_day_wins(db):
    fw = make_fin_world(db)
    w = fw.world
    order = new_order(db, fw)
    assert pay_rules.worker_pay_for(db, order).rule_scope == "default"
    assert pay_rules.worker_pay_for(db, order).total_fen == 14_000
    steps = [
        ({"category_id": w.item.category_id, "value": 5000}, "category", 10_000),
        ({"item_id": w.item.id, "value": 5500}, "item", 11_000),
        (
            {"branch_id": w.branch.id, "category_id": w.item.category_id, "value": 6000},
            "branch_category",
            12_000,
        ),
        ({"branch_id": w.branch.id, "item_id": w.item.id, "value": 6500}, "branch_item", 13_000),
        ({"worker_id": fw.worker.id, "kind": "per_visit", "value": 9_000}, "worker", 9_000),
        (
            {"worker_id": fw.worker.id, "item_id": w.item.id, "kind": "hourly", "value": 4_000},
            "worker_item",
            8_000,
        ),
    ]
    for kw, scope, pay in steps:
        _rule(db, fw, **kw)
        got = pay_rules.worker_pay_for(db, order)
        assert (got.rule_scope, got.total_fen) == (scope, pay)
    # another worker: the branch + item rule
    other = new_order(db, fw, hour=14, worker=make_worker(db, w))
    assert pay_rules.worker_pay_for(db, other).rule_scope == "branch_item"
    # a rule that ended before the order's day does not apply
    late = new_order(db, fw, day=date(2027, 3, 1))
    ended = next(r for r in pay_rules.list_pay_rules(db, actor=fw.hq) if r.scope == "worker_item")
    pay_rules.end_pay_rule(db, actor=fw.hq, rule_id=ended.id, last_day=date(2027, 1, 31))
    assert pay_rules.worker_pay_for(db, late).rule_scope == "worker"
    with pytest.raises(Conflict):
        pay_rules.end_pay_rule(db, actor=fw.hq, rule_id=ended.id, last_day=date(2027, 2, 1))


def test_an_early_end_is_paid_pro_rata_and_says_so(db):
    fw = make_fin_world(db)
    _rule(db, fw, worker_id=fw.worker.id, kind="hourly", value=6_000)
    order = new_order(db, fw, travel=800)
    finish(db, order, at=order.starts_at + timedelta(minutes=60))
    pay = pay_rules.worker_pay_for(db, order)
    assert pay.prorata and (pay.worked_minutes, pay.booked_minutes) == (60, 120)
    assert [(line.key, line.amount_fen) for line in pay.lines] == [
        ("rule", 12_000),
        ("prorata", -6_000),
        ("travel", 800),
    ]
    assert "60" in pay.lines[1].text and "120" in pay.lines[1].text
    assert pay.total_fen == 6_800


def test_within_the_grace_no_cut_and_travel_kept_when_the_setting_says(db):
    fw = make_fin_world(db)
    finance_settings.set_finance_setting(
        db, actor=fw.hq, key="finance.travel_to_worker", value=False
    )
    order = new_order(db, fw, travel=800, total=20_800)
    finish(db, order, at=order.ends_at - timedelta(minutes=10))
    pay = pay_rules.worker_pay_for(db, order)
    assert not pay.prorata
    assert [line.key for line in pay.lines] == ["rule"]
    assert pay.total_fen == 14_000


def test_per_day_for_a_placement(db):
    fw = make_fin_world(db)
    _rule(db, fw, item_id=fw.world.placement_item.id, kind="per_day", value=20_000)
    from tests.booking_factories import make_order

    order = make_order(
        db, fw.world, local(DAY, 9), 3 * 24 * 60, item=fw.world.placement_item, worker=fw.worker
    )
    assert pay_rules.worker_pay_for(db, order).total_fen == 60_000


@pytest.mark.parametrize(
    ("kw", "key"),
    [
        ({"value": 0}, "pay_rule.value_positive"),
        ({"value": -5}, "pay_rule.value_positive"),
        ({"value": 10_001}, "pay_rule.too_high_share"),
        ({"kind": "hourly", "value": 100_001}, "pay_rule.too_high_hourly"),
        ({"kind": "weekly"}, "pay_rule.bad_kind"),
        ({"valid_to": date(2025, 12, 31)}, "pay_rule.ends_before_start"),
        ({"valid_from": date(1990, 1, 1)}, "pay_rule.bad_day"),
        ({"item_id": None, "category_id": None}, "pay_rule.bad_scope"),
    ],
)
def test_bad_rules_are_refused(db, kw, key):
    fw = make_fin_world(db)
    args = {"item_id": fw.world.item.id} | kw
    with pytest.raises(ValidationError) as err:
        _rule(db, fw, **args)
    assert err.value.key == key
    assert pay_rules.list_pay_rules(db, actor=fw.hq) == []


def test_periods_of_one_scope_may_not_overlap(db):
    fw = make_fin_world(db)
    item = fw.world.item.id
    first = _rule(db, fw, item_id=item, valid_to=date(2026, 6, 30))
    with pytest.raises(ValidationError) as err:
        _rule(db, fw, item_id=item, valid_from=date(2026, 6, 30))
    assert err.value.key == "pay_rule.overlap"
    _rule(db, fw, item_id=item, valid_from=date(2026, 7, 1))
    # another scope may overlap
    _rule(db, fw, branch_id=fw.world.branch.id, item_id=item)
    with pytest.raises(ValidationError):
        pay_rules.update_pay_rule(
            db,
            actor=fw.hq,
            rule_id=first.id,
            kind="share",
            value=5000,
            valid_from=date(2026, 1, 1),
            valid_to=None,
        )
    changed = pay_rules.update_pay_rule(
        db,
        actor=fw.hq,
        rule_id=first.id,
        kind="hourly",
        value=3000,
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 6, 30),
    )
    assert (changed.kind, changed.value) == ("hourly", 3000)


def test_who_may_write_which_rule(db):
    fw = make_fin_world(db)
    other = make_fin_world(db)
    # a branch's finance writes its workers' and branch's rules, not general ones
    mine = pay_rules.create_pay_rule(
        db, actor=fw.finance, kind="per_visit", value=5000, valid_from=DAY, worker_id=fw.worker.id
    )
    assert mine.worker_name == fw.worker.name
    with pytest.raises(PermissionDenied):
        pay_rules.create_pay_rule(
            db, actor=fw.finance, kind="share", value=5000, valid_from=DAY, item_id=fw.world.item.id
        )
    with pytest.raises(PermissionDenied):
        pay_rules.create_pay_rule(
            db,
            actor=fw.finance,
            kind="share",
            value=5000,
            valid_from=DAY,
            worker_id=other.worker.id,
        )
    with pytest.raises(PermissionDenied):
        pay_rules.create_pay_rule(
            db,
            actor=fw.dispatcher,
            kind="share",
            value=5000,
            valid_from=DAY,
            worker_id=fw.worker.id,
        )
    assert [r.id for r in pay_rules.list_pay_rules(db, actor=other.finance)] == []
    with pytest.raises(PermissionDenied):
        pay_rules.get_pay_rule(db, actor=other.finance, rule_id=mine.id)
