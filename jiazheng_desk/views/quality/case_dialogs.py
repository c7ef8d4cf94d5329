"""The dialogs of a case: call the customer back, and decide (each asks what it needs)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from jiazheng_desk.services import quality_cases, quality_decisions
from jiazheng_desk.services.quality_cases import CaseDetail
from jiazheng_desk.services.quality_decisions import Decision
from jiazheng_desk.views import fmt
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.quality import texts
from jiazheng_desk.views.quality.common import fen_of, money_edit
from jiazheng_desk.views.widgets.form import FormDialog

CHANGES = {"quality", "audit", "workers", "finance"}


def note_edit(parent: QWidget, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setFixedHeight(80)
    return edit


class CallDialog(FormDialog):
    """Note a call to the customer (回访) and how it went."""

    def __init__(self, ctx: DeskContext, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            intro=self.tr("Call {name} on {phone} about order {order}.").format(
                name=case.row.customer_name, phone=case.customer_phone, order=case.row.order_no
            ),
        )
        self.setObjectName("caseCallDialog")
        self.setWindowTitle(self.tr("Call the customer back"))
        self.ctx, self.case = ctx, case
        self.result_box = QComboBox(self)
        self.result_box.setObjectName("callResult")
        texts.fill(self.result_box, texts.call_results())
        self.note = note_edit(self, "callNote")
        self.add_row("result", self.tr("Result"), self.result_box)
        self.add_row("note", self.tr("What the customer said"), self.note)

    def save(self) -> None:
        self.ctx.runner.run_command(
            quality_cases.record_case_call,
            actor=self.ctx.actor,
            case_id=self.case.row.id,
            result=self.result_box.currentData(),
            note=self.note.toPlainText(),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )


class DecisionDialog(FormDialog):
    """Decide the case; the fields shown are those the chosen decision needs."""

    NEEDS_AMOUNT = ("compensation_coupon", "compensation_refund", "deduction")
    NEEDS_REASON = ("coaching", "deduction", "suspension", "blacklist")

    def __init__(self, ctx: DeskContext, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDecisionDialog")
        self.setWindowTitle(self.tr("Decide case #{id}").format(id=case.row.id))
        self.ctx, self.case = ctx, case
        self.decision = QComboBox(self)
        self.decision.setObjectName("decisionKind")
        texts.fill(self.decision, texts.decisions())
        self.amount = money_edit(self, "decisionAmount")
        self.amount_hint = QLabel(self)
        self.amount_hint.setObjectName("decisionAmountHint")
        self.amount_hint.setProperty("role", "hint")
        self.reason_type = QComboBox(self)
        self.reason_type.setObjectName("decisionReasonType")
        texts.fill(self.reason_type, texts.blacklist_reasons())
        self.note = note_edit(self, "decisionNote")
        self.amount_label = QLabel(self.tr("Amount"), self)
        self.reason_type_label = QLabel(self.tr("Blacklist reason"), self)
        self.note_label = QLabel(self)
        self.add_row("decision", self.tr("Decision"), self.decision)
        self.add_row("amount_fen", self.amount_label, self.amount)
        self.form.addRow("", self.amount_hint)
        self.add_row("reason_type", self.reason_type_label, self.reason_type)
        self.add_row("note", self.note_label, self.note)
        self.decision.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()

    def kind(self) -> str:
        return str(self.decision.currentData())

    def _show_fields(self) -> None:
        kind = self.kind()
        money = kind in self.NEEDS_AMOUNT
        self.amount.setVisible(money)
        self.amount_label.setVisible(money)
        self.amount_hint.setVisible(money)
        if kind == "compensation_refund":
            self.amount_hint.setText(
                self.tr("At most {amount}: paid and not yet refunded. Finance approves it.").format(
                    amount=fmt.yuan(self.case.refundable_fen)
                )
            )
        elif kind == "compensation_coupon":
            self.amount_hint.setText(self.tr("A coupon of this value goes to the customer."))
        else:
            self.amount_hint.setText(self.tr("Taken off the worker's next payroll."))
        blacklist = kind == "blacklist"
        self.reason_type.setVisible(blacklist)
        self.reason_type_label.setVisible(blacklist)
        self.note_label.setText(
            self.tr("Reason (required)") if kind in self.NEEDS_REASON else self.tr("Note")
        )
        self.errors.clear()
        self._fit()

    def save(self) -> None:
        kind = self.kind()
        self.ctx.runner.run_command(
            quality_decisions.decide_case,
            actor=self.ctx.actor,
            case_id=self.case.row.id,
            decision=Decision(
                kind=kind,
                note=self.note.toPlainText(),
                amount_fen=fen_of(self.amount) if kind in self.NEEDS_AMOUNT else None,
                reason_type=self.reason_type.currentData() if kind == "blacklist" else None,
            ),
            on_done=self.saved,
            on_error=self.refused,
            changes=CHANGES,
        )
