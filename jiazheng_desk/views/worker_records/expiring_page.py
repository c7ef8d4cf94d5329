"""Workers & vetting → Expiring soon: certificates of active workers that expire within
some days (30 by default), soonest first, with the services each one gates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import cert_expiry
from jiazheng_desk.services.cert_expiry import ExpiringCertificate
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.table import make_list_table
from jiazheng_desk.views.worker_records.texts import (
    SOON_DAYS,
    days_left_text,
    document_status_text,
    expiry_brush,
)


class ExpiringCertificatesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[ExpiringCertificate] = []
        self.days = QSpinBox(self)
        self.days.setObjectName("expiringDays")
        self.days.setRange(1, 366)
        self.days.setValue(SOON_DAYS)
        self.days.setPrefix(self.tr("Within "))
        self.days.setSuffix(self.tr(" days"))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshExpiring")
        self.count = QLabel(self)
        self.count.setObjectName("expiringCount")
        self.table = make_list_table(
            self,
            "expiringTable",
            [
                self.tr("Valid until"),
                self.tr("Days left"),
                self.tr("Worker"),
                self.tr("Mobile"),
                self.tr("Certificate"),
                self.tr("Number"),
                self.tr("State"),
                self.tr("Services it gates"),
                self.tr("Branch"),
            ],
        )
        hint = QLabel(
            self.tr(
                "From its expiry day a certificate no longer counts: the worker gets no "
                "orders, offers or pool orders for the services it gates. Workers are "
                "reminded in the app 30 and 7 days before."
            ),
            self,
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.days)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.days.valueChanged.connect(lambda _v: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.run_query(
            cert_expiry.list_expiring_certificates,
            actor=self.ctx.actor,
            within_days=self.days.value(),
            on_done=self._loaded,
            on_error=self._failed,
            key="workers.expiring",
        )

    def _loaded(self, items: list[ExpiringCertificate]) -> None:
        self.items = items
        self.count.setText(self.tr("{n} certificates").format(n=len(items)))
        self.table.setRowCount(len(items))
        for r, c in enumerate(items):
            cells = [
                c.expires_on.isoformat(),
                days_left_text(c.days_left),
                c.worker_name,
                c.worker_phone,
                c.cert_type,
                c.number,
                document_status_text(c.status),
                "、".join(c.services) or "—",
                c.branch_name,
            ]
            brush = expiry_brush(c.days_left)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if brush is not None and col in (0, 1):
                    item.setForeground(brush)
                self.table.setItem(r, col, item)

    def _failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "workers" in changes:
            self.reload()
