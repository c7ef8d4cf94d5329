"""Every mutation of finance's services writes its audit row (see test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import Order, PayAdjustment, Refund
from jiazheng_desk.services import finance, finance_settings, ledger, pay_rules, refunds
from jiazheng_desk.services.actor import Actor
from tests.booking_factories import local
from tests.finance_factories import DAY, cancel, finish, make_fin_world, new_order, pay
from tests.services.audit_support import audit_rows


def _cases(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    fw = make_fin_world(db)
    system = Actor.system()

    def paid_order(hour: int) -> Order:
        order = new_order(db, fw, hour=hour)
        pay(db, order)
        return order

    def requested(hour: int) -> int:
        order = paid_order(hour)
        refund = Refund(
            payment_id=db.scalar(
                select(finance.Payment.id).where(finance.Payment.order_id == order.id)
            ),
            order_id=order.id,
            amount_fen=1000,
            reason="质量",
            state="requested",
        )
        db.add(refund)
        db.flush()
        return refund.id

    def posted_txn() -> int:
        a, b = ledger.ensure_account(db, "platform"), ledger.ensure_account(db, "fees")
        return ledger.post(db, actor=system, kind="test", entries=[(a, -5), (b, 5)])

    def rule() -> int:
        return pay_rules.create_pay_rule(
            db,
            actor=fw.hq,
            kind="share",
            value=5000,
            valid_from=date(2026, 1, 1),
            item_id=fw.world.item.id,
        ).id

    def adjustment() -> int:
        adj = PayAdjustment(worker_id=fw.worker.id, kind="bonus", amount_fen=100, reason="奖励")
        db.add(adj)
        db.flush()
        return adj.id

    def completed_unsettled() -> Order:
        order = paid_order(15)
        finish(db, order)
        return order

    def ended_paid_back() -> Any:
        order = completed_unsettled()
        db.execute(
            Refund.__table__.insert().values(
                payment_id=db.scalar(
                    select(finance.Payment.id).where(finance.Payment.order_id == order.id)
                ),
                order_id=order.id,
                amount_fen=order.total_fen,
                reason="全退",
                state="done",
            )
        )
        return finance.mark_order_refunded(db, actor=fw.finance, order=order, reason="全退")

    def settle_changed() -> Any:
        order = paid_order(17)
        db.execute(Order.__table__.update().where(Order.id == order.id).values(state="completed"))
        return finance.settle_order(db, actor=fw.hq, order_id=order.id, kind="completion")

    return {
        "ledger.post": (posted_txn, "ledger.post"),
        "ledger.reverse": (
            lambda: ledger.reverse(db, actor=fw.hq, txn_id=posted_txn(), reason="更正"),
            "ledger.post",
        ),
        "pay_rules.create_pay_rule": (rule, "pay_rule.create"),
        "pay_rules.update_pay_rule": (
            lambda: pay_rules.update_pay_rule(
                db,
                actor=fw.hq,
                rule_id=rule(),
                kind="hourly",
                value=3000,
                valid_from=date(2026, 1, 1),
            ),
            "pay_rule.update",
        ),
        "pay_rules.end_pay_rule": (
            lambda: pay_rules.end_pay_rule(db, actor=fw.hq, rule_id=rule(), last_day=DAY),
            "pay_rule.update",
        ),
        "finance.settle_order": (settle_changed, "ledger.post"),
        "finance.post_payment": (lambda: paid_order(9), "ledger.post"),
        "finance.on_order_completed": (completed_unsettled, "ledger.post"),
        "finance.on_order_cancelled": (
            lambda: cancel(db, fw, paid_order(10)),
            "refund.request",
        ),
        "finance.post_pay_adjustment": (
            lambda: finance.post_pay_adjustment(db, actor=fw.finance, adjustment_id=adjustment()),
            "ledger.post",
        ),
        "finance.mark_order_refunded": (ended_paid_back, "order.refund"),
        "refunds.approve_refund": (
            lambda: refunds.approve_refund(db, actor=fw.finance, refund_id=requested(11)),
            "refund.approve",
        ),
        "refunds.reject_refund": (
            lambda: refunds.reject_refund(
                db, actor=fw.finance, refund_id=requested(12), reason="否"
            ),
            "refund.reject",
        ),
        "refunds.create_refund": (
            lambda: refunds.create_refund(
                db, actor=fw.finance, order_id=paid_order(13).id, amount_fen=500, reason="退"
            ),
            "refund.create",
        ),
        "finance_settings.set_finance_setting": (
            lambda: finance_settings.set_finance_setting(
                db, actor=fw.hq, key="finance.commission_bp", value=900
            ),
            "settings.set",
        ),
        "finance_settings.save_finance_settings": (
            lambda: finance_settings.save_finance_settings(
                db,
                actor=fw.hq,
                values={"finance.franchisor_share_bp": 1500},
                categories={_code(db, fw): 700},
            ),
            "settings.set",
        ),
        "finance_settings.set_category_commission": (
            lambda: finance_settings.set_category_commission(
                db, actor=fw.hq, category_code=_code(db, fw), commission_bp=800
            ),
            "settings.set",
        ),
    }


def _code(db: Any, fw: Any) -> str:
    return str(
        db.scalar(
            select(finance.ServiceCategory.code).where(
                finance.ServiceCategory.id == fw.world.item.category_id
            )
        )
    )


FINANCE_MUTATIONS = [
    "ledger.post",
    "ledger.reverse",
    "pay_rules.create_pay_rule",
    "pay_rules.update_pay_rule",
    "pay_rules.end_pay_rule",
    "finance.settle_order",
    "finance.post_payment",
    "finance.on_order_completed",
    "finance.on_order_cancelled",
    "finance.post_pay_adjustment",
    "finance.mark_order_refunded",
    "refunds.approve_refund",
    "refunds.reject_refund",
    "refunds.create_refund",
    "finance_settings.set_finance_setting",
    "finance_settings.set_category_commission",
    "finance_settings.save_finance_settings",
]
FINANCE_READS = {
    "pay_rules.worker_pay_for",
    "finance.commission_bp_for",
    "finance.preview_split",
    "refunds.iter_payments",
    # a chart-of-accounts row made on first use, only inside a posting (which audits);
    # and a row lock
    "ledger.ensure_account",
    "ledger.lock_account",
}


@pytest.mark.parametrize("name", FINANCE_MUTATIONS)
def test_every_finance_mutation_writes_an_audit_row(db, name):
    clock.freeze(local(DAY, 8))
    call, action = _cases(db)[name]
    before = audit_rows(db, action)
    call()
    assert audit_rows(db, action) > before
