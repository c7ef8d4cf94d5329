"""Finance → Reconciliation: the payment gateway's statement of a day against our
payments, refunds and ledger; the differences listed."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jiazheng_desk import clock
from jiazheng_desk.services import reconciliation
from jiazheng_desk.services.reconciliation import Reconciliation
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.finance.common import fill, problem_name
from jiazheng_desk.views.finance.gateways import statement_gateway
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table


def _money(value: int | None) -> str:
    return "" if value is None else fmt.yuan(value)


class ReconcilePage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Reconciliation | None = None
        self.day = QDateEdit(self)
        self.day.setObjectName("reconcileDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        yesterday = clock.now().date() - timedelta(days=1)
        self.day.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        self.load_button = QPushButton(self.tr("Load the statement and compare"), self)
        self.load_button.setObjectName("reconcileLoad")
        self.summary = QLabel(self.tr("Pick a day and load the gateway's statement."), self)
        self.summary.setObjectName("reconcileSummary")
        self.summary.setWordWrap(True)
        self.table = make_list_table(
            self,
            "differencesTable",
            [
                self.tr("Problem"),
                self.tr("Gateway reference"),
                self.tr("Kind"),
                self.tr("Order"),
                self.tr("Ours"),
                self.tr("Statement"),
                self.tr("Ledger"),
            ],
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day"), self))
        top.addWidget(self.day)
        top.addWidget(self.load_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.load_button.clicked.connect(self.load)

    def load(self) -> None:
        q = self.day.date()
        self.load_button.setEnabled(False)
        self.ctx.runner.run_query(
            reconciliation.find_differences,
            actor=self.ctx.actor,
            day=date(q.year(), q.month(), q.day()),
            gateway=statement_gateway(),
            on_done=self._loaded,
            on_error=self._failed,
            key="finance.reconcile",
        )

    def _failed(self, failure: TaskFailure) -> None:
        self.load_button.setEnabled(True)
        self.summary.setText(failure.message)

    def _loaded(self, result: Reconciliation) -> None:
        self.load_button.setEnabled(True)
        self.result = result
        self.summary.setText(
            self.tr(
                "{day}: statement {lines} lines, {total}; our payments and refunds {ours} "
                "lines, {ours_total}; ledger {ledger}. {n} differences."
            ).format(
                day=result.day.isoformat(),
                lines=result.statement_lines,
                total=fmt.yuan(result.statement_total_fen),
                ours=result.ours_lines,
                ours_total=fmt.yuan(result.ours_total_fen),
                ledger=fmt.yuan(result.ledger_total_fen),
                n=len(result.differences),
            )
        )
        kinds = {"payment": self.tr("Payment"), "refund": self.tr("Refund")}
        fill(
            self.table,
            [
                [
                    problem_name(d.problem),
                    d.gateway_ref,
                    kinds.get(d.kind, d.kind),
                    d.order_no,
                    _money(d.ours_fen),
                    _money(d.theirs_fen),
                    _money(d.ledger_fen),
                ]
                for d in result.differences
            ],
            right=(4, 5, 6),
        )
