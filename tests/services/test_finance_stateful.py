"""Random payments, refunds, cancellations and completions: after every step each
transaction balances, no worker is owed a negative amount, and the money adds up."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.db import WRITE_OPTION
from jiazheng_desk.models import Order, Refund
from jiazheng_desk.services import finance, ledger, refunds
from jiazheng_desk.services.errors import DomainError
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


def _machine(engine):
    class Money(RuleBasedStateMachine):
        @initialize()
        def open(self) -> None:
            clock.freeze(local(DAY, 7))
            self.conn = engine.connect().execution_options(**{WRITE_OPTION: True})
            self.outer = self.conn.begin()
            self.db = Session(bind=self.conn, join_transaction_mode="create_savepoint")
            self.fw = make_fin_world(self.db)
            self.orders: list[Order] = []
            self.slot = 0

        def teardown(self) -> None:
            if hasattr(self, "db"):
                self.db.close()
                self.outer.rollback()
                self.conn.close()
            clock.reset()

        def _pick(self, index: int, states: tuple[str, ...]) -> Order | None:
            live = [o for o in self.orders if o.state in states]
            return live[index % len(live)] if live else None

        @rule(
            total=st.integers(100, 80_000),
            travel=st.integers(0, 3_000),
            discount=st.integers(0, 5_000),
            days=st.integers(0, 3),
        )
        def book(self, total: int, travel: int, discount: int, days: int) -> None:
            self.slot += 1
            order = new_order(
                self.db,
                self.fw,
                hour=8 + self.slot % 10,
                total=total,
                travel=min(travel, total),
                discount=discount,
                day=DAY + timedelta(days=days + self.slot // 10),
            )
            self.orders.append(order)

        @rule(i=st.integers(0, 99))
        def pay_it(self, i: int) -> None:
            order = self._pick(i, ("accepted", "completed"))
            if order is not None:
                money = refunds.get_order_money(self.db, actor=self.fw.hq, order_id=order.id)
                if money.paid_fen < money.total_fen:
                    pay(self.db, order)

        @rule(i=st.integers(0, 99), early=st.integers(0, 119))
        def complete(self, i: int, early: int) -> None:
            order = self._pick(i, ("accepted",))
            if order is not None:
                finish(self.db, order, at=order.ends_at - timedelta(minutes=early))
                clock.freeze(local(DAY, 7))

        @rule(i=st.integers(0, 99))
        def cancel_it(self, i: int) -> None:
            order = self._pick(i, ("accepted",))
            if order is not None:
                cancel(self.db, self.fw, order)

        @rule(i=st.integers(0, 99), share=st.integers(1, 100))
        def refund(self, i: int, share: int) -> None:
            order = self._pick(i, ("accepted", "completed", "cancelled"))
            if order is None:
                return
            money = refunds.get_order_money(self.db, actor=self.fw.hq, order_id=order.id)
            amount = max(1, money.refundable_fen * share // 100)
            try:
                refunds.create_refund(
                    self.db,
                    actor=self.fw.finance,
                    order_id=order.id,
                    amount_fen=amount,
                    reason="随机退款",
                )
            except DomainError:
                assert money.refundable_fen < amount
            self.db.refresh(order)

        @rule(i=st.integers(0, 99), approve=st.booleans())
        def decide(self, i: int, approve: bool) -> None:
            waiting = self.db.scalars(select(Refund).where(Refund.state == "requested")).all()
            if not waiting:
                return
            request = waiting[i % len(waiting)]
            if approve:
                try:
                    refunds.approve_refund(self.db, actor=self.fw.finance, refund_id=request.id)
                except DomainError:
                    refunds.reject_refund(
                        self.db, actor=self.fw.finance, refund_id=request.id, reason="超出"
                    )
            else:
                refunds.reject_refund(
                    self.db, actor=self.fw.finance, refund_id=request.id, reason="不同意"
                )
            for order in self.orders:
                self.db.refresh(order)

        @invariant()
        def every_transaction_balances(self) -> None:
            if hasattr(self, "db"):
                assert ledger.find_unbalanced_txns(self.db) == []

        @invariant()
        def no_worker_owed_less_than_nothing(self) -> None:
            if hasattr(self, "db"):
                assert ledger.get_worker_payable(self.db, worker_id=self.fw.worker.id) >= 0

        @invariant()
        def the_money_adds_up(self) -> None:
            if not hasattr(self, "db"):
                return
            # everything paid is shared out, refunded, or still clearing for open orders
            assert shares(self.db) + refunded_total(self.db) + held(
                self.db, ("clearing",)
            ) == paid_total(self.db)
            for order in self.orders:
                if order.state in finance.SETTLED_STATES:
                    preview = finance.preview_split(self.db, actor=self.fw.hq, order_id=order.id)
                    assert preview.pending_fen == 0
                    kept = sum(line.posted_fen for line in preview.lines)
                    assert kept + preview.refunded_fen == preview.paid_fen

    return Money


def test_random_money_movements_keep_the_ledger_whole(engine):
    run_state_machine_as_test(
        _machine(engine),
        settings=settings(
            max_examples=8,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        ),
    )
