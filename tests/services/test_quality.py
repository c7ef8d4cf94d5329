"""Negative reviews open follow-up cases; the steps and decisions of a case."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select

from jiazheng_desk import clock
from jiazheng_desk.models import (
    BlacklistEntry,
    Complaint,
    Coupon,
    PayAdjustment,
    QualityCase,
    Refund,
    Review,
    StateEvent,
    Worker,
)
from jiazheng_desk.services import quality, quality_cases, quality_decisions
from jiazheng_desk.services.errors import (
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jiazheng_desk.services.quality import ReviewFilter
from jiazheng_desk.services.quality_cases import CaseFilter
from jiazheng_desk.services.quality_decisions import Decision
from tests.booking_factories import local, make_world
from tests.factories import actor, make_staff
from tests.quality_factories import DAY, completed_order, open_shop, review


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(local(DAY, 20))


def _case_of(db, review_id):
    return db.scalar(select(QualityCase).where(QualityCase.review_id == review_id))


def _opened(db, shop, **scores):
    made = review(db, shop, **scores)
    case = _case_of(db, made.id)
    assert case is not None
    return case


def test_one_low_dimension_opens_a_case_and_all_threes_do_not(db):
    shop = open_shop(db)
    mixed = review(db, shop, overall=3, attitude=3, skill=3, efficiency=3, punctuality=2)
    threes = review(db, shop, overall=3, attitude=3, skill=3, efficiency=3, punctuality=3)
    low = review(db, shop, overall=2, attitude=4, skill=4, efficiency=4, punctuality=4)
    case = _case_of(db, mixed.id)
    assert case is not None
    assert (case.state, case.worker_id, case.branch_id) == ("open", shop.worker.id, shop.branch_id)
    assert _case_of(db, threes.id) is None
    assert _case_of(db, low.id) is not None
    opened = db.scalar(
        select(StateEvent).where(
            StateEvent.entity == "quality_case", StateEvent.entity_id == case.id
        )
    )
    assert (opened.event, opened.to_state) == ("open", "open")


def test_catching_up_on_old_reviews_is_idempotent(db):
    shop = open_shop(db)
    order = completed_order(db, shop)
    # a review written before cases existed: a row without its case
    db.execute(
        insert(Review),
        {
            "order_id": order.id,
            "customer_id": order.customer_id,
            "worker_id": shop.worker.id,
            "attitude": 1,
            "skill": 4,
            "efficiency": 4,
            "punctuality": 4,
            "overall": 3,
            "text": "态度差",
            "reply_text": "",
            "is_hidden": False,
            "created_at": clock.now(),
        },
    )
    auto = review(db, shop, overall=1, attitude=1, skill=1, efficiency=1, punctuality=1)
    assert quality_cases.open_cases_for_negative_reviews(db, actor=shop.boss) == 1
    assert quality_cases.open_cases_for_negative_reviews(db, actor=shop.boss) == 0
    count = db.scalar(
        select(func.count(QualityCase.id)).where(QualityCase.branch_id == shop.branch_id)
    )
    assert count == 2
    assert _case_of(db, auto.id) is not None


def test_steps_are_kept_as_state_history(db):
    shop = open_shop(db)
    case = _opened(db, shop, overall=2)
    dispatcher = actor(make_staff(db, role="dispatcher", branch=shop.world.branch))
    quality_cases.assign_case(db, actor=shop.boss, case_id=case.id, owner_id=dispatcher.id)
    quality_cases.add_investigation_note(
        db, actor=dispatcher, case_id=case.id, note="服务人员说客户家没有清洁剂"
    )
    quality_cases.record_case_call(
        db, actor=dispatcher, case_id=case.id, result="neutral", note="客户接受解释"
    )
    quality_decisions.decide_case(
        db, actor=dispatcher, case_id=case.id, decision=Decision("coaching", note="清洁流程培训")
    )
    detail = quality_cases.close_case(db, actor=shop.boss, case_id=case.id)
    assert [(s.event, s.from_state, s.to_state) for s in detail.steps] == [
        ("open", "", "open"),
        ("assign", "open", "open"),
        ("investigate", "open", "investigating"),
        ("contact", "investigating", "contacted"),
        ("decide", "contacted", "decided"),
        ("close", "decided", "closed"),
    ]
    assert detail.steps[2].actor_name == "测试员工"
    assert "清洁剂" in detail.investigation
    assert detail.row.owner_id == dispatcher.id
    assert [(c.kind, c.state, c.result) for c in detail.calls] == [("follow_up", "done", "neutral")]
    with pytest.raises(IllegalTransition):
        quality_decisions.decide_case(
            db, actor=shop.boss, case_id=case.id, decision=Decision("no_fault")
        )


def test_a_refund_is_requested_never_above_what_was_paid(db):
    shop = open_shop(db)
    order = completed_order(db, shop, paid_fen=8800)
    case = _opened(db, shop, overall=1, order=order)
    with pytest.raises(ValidationError) as refused:
        quality_decisions.decide_case(
            db,
            actor=shop.boss,
            case_id=case.id,
            decision=Decision("compensation_refund", amount_fen=8801),
        )
    assert refused.value.field == "amount_fen"
    with pytest.raises(ValidationError):
        quality_decisions.decide_case(
            db,
            actor=shop.boss,
            case_id=case.id,
            decision=Decision("compensation_refund", amount_fen=-5),
        )
    detail = quality_decisions.decide_case(
        db,
        actor=shop.boss,
        case_id=case.id,
        decision=Decision("compensation_refund", amount_fen=3000, note="退部分服务费"),
    )
    refund = db.scalar(select(Refund).where(Refund.order_id == order.id))
    assert (refund.amount_fen, refund.state, refund.created_by) == (
        3000,
        "requested",
        shop.manager.id,
    )
    assert detail.row.decision == "compensation_refund"
    assert detail.refundable_fen == 5800


def test_an_unpaid_order_has_nothing_to_refund(db):
    shop = open_shop(db)
    case = _opened(db, shop, overall=1, order=completed_order(db, shop, paid_fen=0))
    with pytest.raises(ValidationError) as refused:
        quality_decisions.decide_case(
            db,
            actor=shop.boss,
            case_id=case.id,
            decision=Decision("compensation_refund", amount_fen=100),
        )
    assert refused.value.key == "quality.nothing_to_refund"


def test_a_coupon_goes_to_the_customer(db):
    shop = open_shop(db)
    case = _opened(db, shop, overall=2)
    detail = quality_decisions.decide_case(
        db,
        actor=shop.boss,
        case_id=case.id,
        decision=Decision("compensation_coupon", amount_fen=2000),
    )
    coupon = db.scalar(select(Coupon).where(Coupon.customer_id == case.customer_id))
    assert coupon is not None
    assert coupon.state == "issued"
    assert (detail.row.decision, detail.row.amount_fen) == ("compensation_coupon", 2000)


def test_a_deduction_is_a_pay_adjustment_on_the_worker_record(db):
    shop = open_shop(db)
    case = _opened(db, shop, overall=1)
    with pytest.raises(ValidationError) as no_reason:
        quality_decisions.decide_case(
            db, actor=shop.boss, case_id=case.id, decision=Decision("deduction", amount_fen=500)
        )
    assert no_reason.value.field == "note"
    quality_decisions.decide_case(
        db,
        actor=shop.boss,
        case_id=case.id,
        decision=Decision("deduction", amount_fen=5000, note="迟到两小时"),
    )
    row = db.scalar(select(PayAdjustment).where(PayAdjustment.worker_id == shop.worker.id))
    assert (row.kind, row.amount_fen, row.reason, row.order_id) == (
        "deduction",
        5000,
        "迟到两小时",
        case.order_id,
    )
    record = quality_cases.list_worker_quality(db, actor=shop.boss, worker_id=shop.worker.id)
    assert [a.amount_fen for a in record.adjustments] == [5000]
    assert [c.decision for c in record.cases] == ["deduction"]
    assert record.negative_count == 1
    assert "decide" in [s.event for s in record.history]


def test_suspension_and_blacklist_change_the_worker(db):
    shop = open_shop(db)
    first = _opened(db, shop, overall=1)
    quality_decisions.decide_case(
        db, actor=shop.boss, case_id=first.id, decision=Decision("suspension", note="多次投诉")
    )
    worker = db.get(Worker, shop.worker.id)
    db.refresh(worker)
    assert (worker.status, worker.status_reason) == ("suspended", "多次投诉")
    second = _opened(db, shop, overall=1)
    with pytest.raises(ValidationError):
        quality_decisions.decide_case(
            db, actor=shop.boss, case_id=second.id, decision=Decision("blacklist", note="偷窃")
        )
    quality_decisions.decide_case(
        db,
        actor=shop.boss,
        case_id=second.id,
        decision=Decision("blacklist", note="偷窃客户财物", reason_type="fraud"),
    )
    entry = db.scalar(select(BlacklistEntry).where(BlacklistEntry.phone == worker.phone))
    assert entry is not None
    assert entry.reason_type == "fraud"
    history = quality_cases.list_worker_quality(db, actor=shop.boss, worker_id=worker.id).history
    assert ("suspend", "active", "suspended") in [
        (s.event, s.from_state, s.to_state) for s in history
    ]


def test_finance_without_quality_handle_is_refused(db):
    shop = open_shop(db)
    case = _opened(db, shop, overall=1)
    finance = actor(make_staff(db, role="finance", branch=shop.world.branch))
    with pytest.raises(PermissionDenied):
        quality_cases.list_cases(db, actor=finance)
    with pytest.raises(PermissionDenied):
        quality_decisions.decide_case(
            db,
            actor=finance,
            case_id=case.id,
            decision=Decision("compensation_refund", amount_fen=100),
        )
    with pytest.raises(PermissionDenied):
        quality.list_reviews(db, actor=finance)


def test_money_decisions_need_their_own_permission(db):
    shop = open_shop(db)
    case = _opened(db, shop, overall=1)
    dispatcher = actor(make_staff(db, role="dispatcher", branch=shop.world.branch))
    for decision in (
        Decision("compensation_refund", amount_fen=100),
        Decision("compensation_coupon", amount_fen=100),
        Decision("suspension", note="x"),
    ):
        with pytest.raises(PermissionDenied):
            quality_decisions.decide_case(db, actor=dispatcher, case_id=case.id, decision=decision)
    assert quality_cases.get_case(db, actor=shop.boss, case_id=case.id).row.state == "open"


def test_another_branch_does_not_see_the_case(db):
    shop = open_shop(db)
    case = _opened(db, shop, overall=1)
    other = actor(make_staff(db, role="branch_manager", branch=make_world(db).branch))
    with pytest.raises(NotFound):
        quality_cases.get_case(db, actor=other, case_id=case.id)
    assert quality_cases.list_cases(db, actor=other).total == 0
    assert quality_cases.list_cases(db, actor=shop.boss, flt=CaseFilter(state="active")).total == 1


def test_reviews_list_filters_and_shows_the_case(db):
    shop = open_shop(db)
    good = review(db, shop, overall=5, text="很好")
    bad = review(db, shop, overall=4, attitude=2)
    page = quality.list_reviews(db, actor=shop.boss, flt=ReviewFilter(negative_only=True))
    assert [r.id for r in page.items] == [bad.id]
    assert page.items[0].case_id == _case_of(db, bad.id).id
    assert page.items[0].case_state == "open"
    texts = quality.list_reviews(db, actor=shop.boss, flt=ReviewFilter(with_text_only=True))
    assert [r.id for r in texts.items] == [good.id]
    ranged = quality.list_reviews(
        db, actor=shop.boss, flt=ReviewFilter(min_overall=5, worker_id=shop.worker.id)
    )
    assert [r.id for r in ranged.items] == [good.id]
    with pytest.raises(ValidationError):
        quality.list_reviews(db, actor=shop.boss, flt=ReviewFilter(min_overall=4, max_overall=2))


def test_statistics_per_worker_and_branch(db):
    shop = open_shop(db)
    review(db, shop, overall=5)
    review(db, shop, overall=5)
    review(db, shop, overall=3, punctuality=1)
    review(db, shop, overall=1)
    db.add(
        Complaint(
            branch_id=shop.branch_id,
            worker_id=shop.worker.id,
            category="late",
            text="迟到",
            created_at=clock.now(),
        )
    )
    db.flush()
    (row,) = quality.list_worker_stats(db, actor=shop.boss)
    assert (row.key, row.reviews, row.negative) == (shop.worker.id, 4, 2)
    assert row.negative_rate == 0.5
    assert row.averages["overall"] == 3.5
    assert row.complaints_by_category == {"late": 1}
    assert row.open_cases == 2
    (branch,) = quality.list_branch_stats(db, actor=shop.boss)
    assert (branch.key, branch.reviews, branch.complaints) == (shop.branch_id, 4, 1)
