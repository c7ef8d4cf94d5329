"""The split of an order's money, for the order detail: who gets what (worker, travel,
commission, coupons, franchisor, branch), what the ledger holds, and the worker's pay
line by line (a pro-rata cut said in words)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jiazheng_desk.services import finance
from jiazheng_desk.services.finance import SplitPreview
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.finance.common import (
    fill,
    percent_text,
    rule_kind_name,
    scope_name,
    share_key_name,
)
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table


class SplitPanel(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id: int | None = None
        self.preview: SplitPreview | None = None
        self.setObjectName("splitPanel")
        self.heading = QLabel(self)
        self.heading.setObjectName("splitHeading")
        self.heading.setWordWrap(True)
        self.table = make_list_table(
            self,
            "splitTable",
            [self.tr("Share"), self.tr("Amount"), self.tr("In the ledger"), self.tr("Note")],
        )
        self.pay_title = QLabel(self)
        self.pay_title.setObjectName("splitPayTitle")
        self.pay = make_list_table(self, "splitPay", [self.tr("Worker's pay"), self.tr("Amount")])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.pay_title)
        layout.addWidget(self.pay, 1)

    def show_order(self, order_id: int) -> None:
        self.order_id = order_id
        self.ctx.runner.run_query(
            finance.preview_split,
            actor=self.ctx.actor,
            order_id=order_id,
            on_done=self._loaded,
            on_error=self._failed,
            key=f"finance.split.{id(self)}",
        )

    def _failed(self, failure: TaskFailure) -> None:
        self.heading.setText(failure.message)

    def _loaded(self, p: SplitPreview) -> None:
        if p.order_id != self.order_id:
            return
        self.preview = p
        basis = (
            self.tr("As shared in the ledger")
            if p.basis == "settled"
            else self.tr("Forecast: as if completed and paid in full")
        )
        self.heading.setText(
            self.tr(
                "{basis}. Paid {paid}, refunded {refunded}, discount {discount}; "
                "revenue {revenue}; commission {commission}, franchisor {franchisor} of "
                "the margin."
            ).format(
                basis=basis,
                paid=fmt.yuan(p.paid_fen),
                refunded=fmt.yuan(p.refunded_fen),
                discount=fmt.yuan(p.discount_fen),
                revenue=fmt.yuan(p.revenue_fen),
                commission=percent_text(p.commission_bp),
                franchisor=percent_text(p.franchisor_bp),
            )
        )
        fill(
            self.table,
            [
                [
                    share_key_name(line.key),
                    fmt.yuan(line.amount_fen),
                    fmt.yuan(line.posted_fen),
                    line.text,
                ]
                for line in p.lines
            ],
            right=(1, 2),
        )
        if p.pay is None:
            self.pay_title.setText(self.tr("No worker on the order."))
            fill(self.pay, [])
            return
        self.pay_title.setText(
            self.tr("Pay rule: {scope}, {kind}").format(
                scope=scope_name(p.pay.rule_scope), kind=rule_kind_name(p.pay.rule_kind)
            )
        )
        rows = [[line.text, fmt.yuan(line.amount_fen)] for line in p.pay.lines]
        rows.append([self.tr("Total"), fmt.yuan(p.pay.total_fen)])
        fill(self.pay, rows, right=(1,))
