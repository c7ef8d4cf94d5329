"""Finance → Balances: what each account holds (platform, franchisor, each branch, each
worker's payable…) and, for the chosen account, its entries."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from jiazheng_desk.services import ledger
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.ledger import AccountBalance, EntryView
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.finance.common import account_kind_name, fill, txn_kind_name
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table

KINDS = (
    "worker",
    "branch",
    "franchisor",
    "platform",
    "coupons",
    "travel",
    "refunds",
    "clearing",
    "gateway",
)


class BalancesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.balances: list[AccountBalance] = []
        self.kind = QComboBox(self)
        self.kind.setObjectName("balanceKind")
        self.kind.addItem(self.tr("Every account"), None)
        for k in KINDS:
            self.kind.addItem(account_kind_name(k), k)
        self.summary = QLabel(self)
        self.summary.setObjectName("balanceSummary")
        self.table = make_list_table(
            self,
            "balancesTable",
            [self.tr("Account"), self.tr("Name"), self.tr("Balance"), self.tr("Entries")],
        )
        self.entries_title = QLabel(self.tr("Choose an account to see its entries."), self)
        self.entries_title.setObjectName("entriesTitle")
        self.entries = make_list_table(
            self,
            "entriesTable",
            [
                self.tr("Time"),
                self.tr("Kind"),
                self.tr("Order"),
                self.tr("Amount"),
                self.tr("Memo"),
            ],
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show"), self))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.summary)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.entries_title)
        lower_layout.addWidget(self.entries, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([400, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.itemSelectionChanged.connect(self._chosen)
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.run_query(
            ledger.list_balances,
            actor=self.ctx.actor,
            kind=self.kind.currentData(),
            on_done=self._loaded,
            on_error=self._failed,
            key="finance.balances",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "finance" in changes:
            self.reload()

    def _failed(self, failure: TaskFailure) -> None:
        self.summary.setText(failure.message)

    def _loaded(self, balances: list[AccountBalance]) -> None:
        chosen = self.selected()
        self.balances = balances
        fill(
            self.table,
            [
                [
                    account_kind_name(b.kind),
                    b.name if b.name != b.code else "",
                    fmt.yuan(b.held_fen),
                    str(b.entries),
                ]
                for b in balances
            ],
            right=(2, 3),
        )
        for row, b in enumerate(balances):
            if chosen is not None and b.id == chosen.id:
                self.table.selectRow(row)
        owed = sum(b.held_fen for b in balances if b.kind == "worker")
        self.summary.setText(
            self.tr("{n} accounts; payable to workers {owed}").format(
                n=len(balances), owed=fmt.yuan(owed)
            )
        )
        if chosen is not None:
            self._chosen()

    def selected(self) -> AccountBalance | None:
        rows = self.table.selectionModel().selectedRows()
        return self.balances[rows[0].row()] if rows and rows[0].row() < len(self.balances) else None

    def _chosen(self) -> None:
        account = self.selected()
        if account is None:
            return
        self.ctx.runner.run_query(
            ledger.list_entries,
            actor=self.ctx.actor,
            account_id=account.id,
            on_done=partial(self._entries_loaded, account),
            on_error=self._failed,
            key="finance.entries",
        )

    def _entries_loaded(self, account: AccountBalance, page: Page[EntryView]) -> None:
        self.entries_title.setText(
            self.tr("{account} {name}: {n} entries, balance {balance}").format(
                account=account_kind_name(account.kind),
                name=account.name if account.name != account.code else "",
                n=page.total,
                balance=fmt.yuan(account.held_fen),
            )
        )
        sign = 1 if account.kind in ledger.DEBIT_KINDS else -1
        fill(
            self.entries,
            [
                [
                    fmt.local_time(e.created_at, self.ctx.tz),
                    txn_kind_name(e.txn_kind),
                    e.order_no,
                    fmt.yuan(sign * e.amount_fen),
                    e.memo,
                ]
                for e in page.items
            ],
            right=(3,),
        )
