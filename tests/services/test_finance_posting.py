"""Posting an order's money: payment, completion split, cancellation fee, refunds,
reconciliation; the money invariant and bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jiazheng_desk import clock
from jiazheng_desk.models import LedgerEntry, LedgerTxn, Order, PayAdjustment, Refund, StateEvent
from jiazheng_desk.services import (
    finance,
    finance_settings,
    ledger,
    reconciliation,
    refunds,
)
from jiazheng_desk.services.errors import Conflict, PermissionDenied, ValidationError
from jiazheng_desk.sync.gateways.statement_sandbox import SandboxStatementGateway
from tests.booking_factories import local
from tests.finance_factories import (
    DAY,
    cancel,
    finish,
    held,
    make_fin_world,
    new_order,
    paid_total,
    pay,
    refunded_total,
    shares,
)


@pytest.fixture(autouse=True)
def _morning():
    clock.freeze(local(DAY, 8))


def _txns(db) -> int:
    return int(db.scalar(select(func.count()).select_from(LedgerTxn)) or 0)


def _balanced_and_whole(db) -> None:
    assert ledger.find_unbalanced_txns(db) == []
    assert shares(db) + refunded_total(db) == paid_total(db) - held(db, ("clearing",))


def test_a_payment_posts_gateway_and_clearing(db):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    pay(db, order)
    assert ledger.get_balance_of(db, "gateway") == 20_000
    assert held(db, ("clearing",)) == 20_000
    assert [t.kind for t in ledger.list_order_txns(db, order_id=order.id)] == ["payment"]
    _balanced_and_whole(db)


def test_completion_splits_worker_commission_franchisor_and_branch(db):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    pay(db, order)
    finish(db, order)
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 14_000  # 70 %
    assert ledger.get_balance_of(db, "platform") == -2_000  # 10 %
    assert ledger.get_balance_of(db, "franchisor") == -800  # 20 % of the 4,000 margin
    assert ledger.get_balance_of(db, "branch", fw.world.branch.id) == -3_200
    assert held(db, ("clearing",)) == 0
    _balanced_and_whole(db)
    # settling again changes nothing
    before = _txns(db)
    assert finance.settle_order(db, actor=fw.hq, order_id=order.id, kind="completion") is None
    assert _txns(db) == before


def test_coupon_discount_is_funded_by_the_platform_and_travel_goes_to_the_worker(db):
    fw = make_fin_world(db)
    order = new_order(db, fw, total=18_000, discount=3_000, travel=1_000)
    pay(db, order)
    finish(db, order)
    # price for the worker: 18,000 + 3,000 - 1,000 travel = 20,000 -> 14,000 + 1,000 travel
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 15_000
    assert ledger.get_balance_of(db, "coupons") == 3_000
    # commission on revenue less travel: (18,000 + 3,000 - 1,000) × 10 %
    assert ledger.get_balance_of(db, "platform") == -2_000
    _balanced_and_whole(db)


def test_travel_kept_by_the_branch_when_not_passed_on(db):
    fw = make_fin_world(db)
    finance_settings.set_finance_setting(
        db, actor=fw.hq, key="finance.travel_to_worker", value=False, branch_id=fw.world.branch.id
    )
    order = new_order(db, fw, total=21_000, travel=1_000)
    pay(db, order)
    finish(db, order)
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 14_000
    assert ledger.get_balance_of(db, "travel", fw.world.branch.id) == -1_000
    _balanced_and_whole(db)


def test_commission_per_category_and_the_branch_override(db):
    fw = make_fin_world(db)
    code = db.scalar(
        select(finance.ServiceCategory.code).where(
            finance.ServiceCategory.id == fw.world.item.category_id
        )
    )
    finance_settings.set_category_commission(
        db, actor=fw.hq, category_code=code, commission_bp=1500
    )
    assert finance.commission_bp_for(db, branch_id=fw.world.branch.id, category_code=code) == 1500
    finance_settings.set_finance_setting(
        db, actor=fw.hq, key="finance.branch_commission_bp", value=500, branch_id=fw.world.branch.id
    )
    assert finance.commission_bp_for(db, branch_id=fw.world.branch.id, category_code=code) == 500
    order = new_order(db, fw)
    pay(db, order)
    finish(db, order)
    assert ledger.get_balance_of(db, "platform") == -1_000
    with pytest.raises(ValidationError):
        finance_settings.set_finance_setting(
            db, actor=fw.hq, key="finance.branch_commission_bp", value=500
        )
    with pytest.raises(ValidationError):
        finance_settings.set_category_commission(
            db, actor=fw.hq, category_code=code, commission_bp=10_001
        )
    with pytest.raises(PermissionDenied):
        finance_settings.set_finance_setting(
            db, actor=fw.finance, key="finance.commission_bp", value=900
        )


def test_a_payment_after_the_visit_is_shared_out_when_it_comes(db):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    finish(db, order)
    # the worker is owed at once; the branch is short until the customer pays
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 14_000
    assert ledger.get_balance_of(db, "branch", fw.world.branch.id) == 14_000
    pay(db, order)
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 14_000
    assert ledger.get_balance_of(db, "branch", fw.world.branch.id) == -3_200
    _balanced_and_whole(db)


def test_cancellation_fee_is_revenue_and_the_rest_is_asked_back(db):
    fw = make_fin_world(db)
    clock.freeze(local(DAY, 9))  # an hour before: the late fee (20 %)
    order = new_order(db, fw)
    pay(db, order)
    cancel(db, fw, order)
    assert order.cancel_fee_fen == 4_000
    request = db.scalars(select(Refund).where(Refund.order_id == order.id)).one()
    assert (request.state, request.amount_fen) == ("requested", 16_000)
    _balanced_and_whole(db)
    refunds.approve_refund(db, actor=fw.finance, refund_id=request.id)
    # 4,000 kept: platform 400, margin 3,600 -> franchisor 720, branch 2,880
    assert ledger.get_balance_of(db, "platform") == -400
    assert ledger.get_balance_of(db, "franchisor") == -720
    assert ledger.get_balance_of(db, "branch", fw.world.branch.id) == -2_880
    assert ledger.get_balance_of(db, "refunds") == -16_000
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 0
    _balanced_and_whole(db)


def test_a_free_cancellation_refunded_in_full_moves_the_order_to_refunded(db):
    fw = make_fin_world(db)
    order = new_order(db, fw, day=DAY.replace(day=DAY.day + 3))
    pay(db, order)
    cancel(db, fw, order)
    request = db.scalars(select(Refund).where(Refund.order_id == order.id)).one()
    assert request.amount_fen == 20_000
    refunds.approve_refund(db, actor=fw.finance, refund_id=request.id, note="同意")
    db.refresh(order)
    assert order.state == "refunded"
    assert held(db, ("platform", "branch", "franchisor")) == 0
    _balanced_and_whole(db)


def test_refund_after_completion_comes_out_of_the_shares_not_the_worker(db):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    pay(db, order)
    finish(db, order)
    row = refunds.create_refund(
        db, actor=fw.finance, order_id=order.id, amount_fen=5_000, reason="服务不满意"
    )
    assert row.state == "done" and row.gateway_ref
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 14_000
    # 15,000 kept: platform 1,500, margin -500 -> no franchisor share, branch -500
    assert ledger.get_balance_of(db, "platform") == -1_500
    assert ledger.get_balance_of(db, "franchisor") == 0
    assert ledger.get_balance_of(db, "branch", fw.world.branch.id) == 500
    _balanced_and_whole(db)


@pytest.mark.parametrize("amount", [0, -100, 20_001, 10**12, True])
def test_bad_refunds_are_refused_and_nothing_posted(db, amount):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    pay(db, order)
    before = (_txns(db), db.scalar(select(func.count()).select_from(Refund)))
    with pytest.raises(ValidationError):
        refunds.create_refund(
            db, actor=fw.finance, order_id=order.id, amount_fen=amount, reason="退"
        )
    assert (_txns(db), db.scalar(select(func.count()).select_from(Refund))) == before


def test_a_refund_without_reason_or_permission_is_refused(db):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    pay(db, order)
    with pytest.raises(ValidationError):
        refunds.create_refund(db, actor=fw.finance, order_id=order.id, amount_fen=100, reason=" ")
    with pytest.raises(PermissionDenied):
        refunds.create_refund(
            db, actor=fw.dispatcher, order_id=order.id, amount_fen=100, reason="退"
        )
    other = make_fin_world(db)
    with pytest.raises(PermissionDenied):
        refunds.create_refund(
            db, actor=other.finance, order_id=order.id, amount_fen=100, reason="退"
        )


def test_approving_more_than_is_left_is_refused(db):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    payment_id = pay(db, order)
    first = refunds.create_refund(
        db, actor=fw.finance, order_id=order.id, amount_fen=15_000, reason="部分"
    )
    assert first.refundable_fen == 5_000
    # a request written before (the quality decision caps at request time)
    db.add(
        Refund(
            payment_id=payment_id,
            order_id=order.id,
            amount_fen=8_000,
            reason="质量",
            state="requested",
        )
    )
    db.flush()
    request = db.scalars(select(Refund).where(Refund.state == "requested")).one()
    before = _txns(db)
    with pytest.raises(Conflict):
        refunds.approve_refund(db, actor=fw.finance, refund_id=request.id)
    assert _txns(db) == before
    refunds.reject_refund(db, actor=fw.finance, refund_id=request.id, reason="超出可退金额")
    db.refresh(request)
    assert request.state == "rejected"
    event = db.scalars(
        select(StateEvent).where(StateEvent.entity == "refund", StateEvent.entity_id == request.id)
    ).one()
    assert (event.to_state, event.reason) == ("rejected", "超出可退金额")
    with pytest.raises(Conflict):
        refunds.reject_refund(db, actor=fw.finance, refund_id=request.id, reason="again")
    queue = refunds.list_refunds(db, actor=fw.finance)
    assert queue.total == 0


def test_preview_split_forecasts_an_open_order_and_shows_a_settled_one(db):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    preview = finance.preview_split(db, actor=fw.finance, order_id=order.id)
    assert preview.basis == "forecast"
    amounts = {line.key: line.amount_fen for line in preview.lines}
    assert amounts == {"worker": 14_000, "platform": 2_000, "franchisor": 800, "branch": 3_200}
    assert all(line.posted_fen == 0 for line in preview.lines)
    assert preview.pay is not None and preview.pay.rule_scope == "default"
    pay(db, order)
    finish(db, order)
    settled = finance.preview_split(db, actor=fw.finance, order_id=order.id)
    assert settled.basis == "settled" and settled.pending_fen == 0
    assert {line.key: line.posted_fen for line in settled.lines} == amounts
    with pytest.raises(PermissionDenied):
        finance.preview_split(db, actor=make_fin_world(db).finance, order_id=order.id)


def test_a_pay_adjustment_is_posted_once(db):
    fw = make_fin_world(db)
    adj = PayAdjustment(worker_id=fw.worker.id, kind="bonus", amount_fen=5_000, reason="好评奖励")
    db.add(adj)
    db.flush()
    finance.post_pay_adjustment(db, actor=fw.finance, adjustment_id=adj.id)
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 5_000
    with pytest.raises(Conflict):
        finance.post_pay_adjustment(db, actor=fw.finance, adjustment_id=adj.id)
    cut = PayAdjustment(worker_id=fw.worker.id, kind="deduction", amount_fen=2_000, reason="迟到")
    db.add(cut)
    db.flush()
    finance.post_pay_adjustment(db, actor=fw.finance, adjustment_id=cut.id)
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 3_000
    assert ledger.find_unbalanced_txns(db) == []


def test_reconciliation_finds_injected_differences(db):
    fw = make_fin_world(db)
    first, second, third = (new_order(db, fw, hour=h) for h in (10, 13, 16))
    for order in (first, second, third):
        pay(db, order)
    refunds.create_refund(db, actor=fw.hq, order_id=third.id, amount_fen=1_000, reason="差价")
    clean = reconciliation.find_differences(
        db, actor=fw.hq, day=DAY, gateway=SandboxStatementGateway()
    )
    assert clean.differences == ()
    assert clean.statement_total_fen == clean.ours_total_fen == clean.ledger_total_fen == 59_000
    refs = [r.gateway_ref for r in db.scalars(select(finance.Payment).order_by(finance.Payment.id))]
    sandbox = SandboxStatementGateway(
        drop=(refs[0],), amounts={refs[1]: 19_999}, extra=(("SBX-999999", "payment", 500),)
    )
    found = reconciliation.find_differences(db, actor=fw.hq, day=DAY, gateway=sandbox)
    problems = {(d.problem, d.gateway_ref) for d in found.differences}
    assert problems == {
        ("missing_theirs", refs[0]),
        ("amount", refs[1]),
        ("missing_ours", "SBX-999999"),
    }
    with pytest.raises(ValidationError):
        reconciliation.find_differences(db, actor=fw.hq, day=DAY, statement="a,b\n1,2\n")


def test_a_payment_row_without_its_ledger_posting_is_listed(db):
    fw = make_fin_world(db)
    order = new_order(db, fw)
    pay(db, order)
    txn = db.scalars(select(LedgerTxn).where(LedgerTxn.order_id == order.id)).one()
    # a payment the demo wrote in bulk, say: no posting
    db.execute(LedgerEntry.__table__.delete().where(LedgerEntry.txn_id == txn.id))
    db.execute(LedgerTxn.__table__.delete().where(LedgerTxn.id == txn.id))
    found = reconciliation.find_differences(
        db, actor=fw.hq, day=DAY, gateway=SandboxStatementGateway()
    )
    assert [d.problem for d in found.differences] == ["not_posted"]


def test_the_whole_ledger_table_balances(db):
    fw = make_fin_world(db)
    for hour in (9, 12, 15):
        order = new_order(db, fw, hour=hour + 1)
        pay(db, order)
        finish(db, order)
    refunds.create_refund(
        db, actor=fw.finance, order_id=order.id, amount_fen=2_000, reason="部分退款"
    )
    unbalanced = db.execute(
        select(LedgerEntry.txn_id)
        .group_by(LedgerEntry.txn_id)
        .having(func.sum(LedgerEntry.amount_fen) != 0)
    ).all()
    assert unbalanced == []
    assert db.scalar(select(func.count()).select_from(Order).where(Order.state == "completed")) >= 3
    _balanced_and_whole(db)
