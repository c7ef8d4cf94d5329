"""System → Audit log: who did what, when, with the values before and after."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import audit
from jiazheng_desk.views import fmt, labels
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class AuditPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # "today" in the branch's time zone, not the machine's
        local_today = clock.now().astimezone(ZoneInfo(ctx.tz)).date()
        today = QDate(local_today.year, local_today.month, local_today.day)
        self.since = QDateEdit(today.addDays(-6), self)
        self.since.setObjectName("auditSince")
        self.until = QDateEdit(today, self)
        self.until.setObjectName("auditUntil")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.actor_text = QLineEdit(self)
        self.actor_text.setObjectName("auditActor")
        self.actor_text.setPlaceholderText(self.tr("Who"))
        self.actor_text.setClearButtonEnabled(True)
        self.action = QComboBox(self)
        self.action.setObjectName("auditAction")
        self.action.addItem(self.tr("All actions"), "")
        self.entity = QComboBox(self)
        self.entity.setObjectName("auditEntity")
        self.entity.addItem(self.tr("All records"), "")
        self.entity_id = QLineEdit(self)
        self.entity_id.setObjectName("auditEntityId")
        self.entity_id.setPlaceholderText(self.tr("Record no."))
        self.entity_id.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.entity_id.setMaximumWidth(110)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("auditRefresh")
        self.count = QLabel(self)
        self.count.setObjectName("auditCount")

        self.model = PagedTableModel(ctx.runner, self._columns(), key="audit.list", parent=self)
        self.table = make_table(self.model, self, "auditTable", sort_column=0, descending=True)
        self.model.loaded.connect(lambda n: self.count.setText(self.tr("{n} entries").format(n=n)))
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))

        self.detail = QTableWidget(0, 3, self)
        self.detail.setObjectName("auditDetail")
        self.detail.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        self.detail.verticalHeader().hide()
        self.detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("From"), self))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.until)
        for w in (self.actor_text, self.action, self.entity, self.entity_id, self.refresh_button):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([500, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.reload)
        for line in (self.actor_text, self.entity_id):
            line.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.action, self.entity):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for date_edit in (self.since, self.until):
            date_edit.dateChanged.connect(lambda _d: self._debounce.start())
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self.refresh()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz
        return [
            Column(
                self.tr("Time"),
                lambda e: fmt.local_time(e.created_at, tz, seconds=True),
                "created_at",
            ),
            Column(
                self.tr("Who"),
                lambda e: e.actor_name or labels.actor_kind_name(e.actor_kind),
                "actor_name",
            ),
            Column(self.tr("Kind"), lambda e: labels.actor_kind_name(e.actor_kind)),
            Column(self.tr("Via"), lambda e: labels.source_name(e.source)),
            Column(
                self.tr("Action"),
                lambda e: labels.action_name(e.action),
                "action",
                tooltip=lambda e: e.action,
            ),
            Column(
                self.tr("Record"),
                lambda e: labels.entity_name(e.entity),
                "entity",
                tooltip=lambda e: e.entity,
            ),
            Column(
                self.tr("No."),
                lambda e: "" if e.entity_id is None else str(e.entity_id),
                "entity_id",
                align_right=True,
            ),
        ]

    def _day_start_utc(self, day: QDate) -> datetime:
        local = datetime(day.year(), day.month(), day.day(), tzinfo=ZoneInfo(self.ctx.tz))
        return local.astimezone(UTC)

    def current_filter(self) -> audit.AuditFilter:
        entity_id = self.entity_id.text().strip()
        return audit.AuditFilter(
            since=self._day_start_utc(self.since.date()),
            until=self._day_start_utc(self.until.date()) + timedelta(days=1),
            actor_text=self.actor_text.text(),
            action=self.action.currentData() or "",
            entity=self.entity.currentData() or "",
            entity_id=int(entity_id) if entity_id.isdigit() else None,
        )

    def refresh(self) -> None:
        """Reload the vocabulary of the filters and the list."""
        self.ctx.runner.run_query(
            audit.audit_vocabulary,
            actor=self.ctx.actor,
            on_done=self._vocabulary,
            key="audit.vocabulary",
        )
        self.reload()

    def _vocabulary(self, result: tuple[list[str], list[str]]) -> None:
        actions, entities = result
        for combo, values, name in (
            (self.action, actions, labels.action_name),
            (self.entity, entities, labels.entity_name),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(name(value), value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(audit.list_audit, actor=self.ctx.actor, flt=self.current_filter())
        )
        self.detail.setRowCount(0)

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if changes:
            # every mutation writes an audit row
            self.reload()

    def _show_detail(self) -> None:
        entry = self.model.item(selected_row(self.table))
        self.detail.setRowCount(0)
        if not isinstance(entry, audit.AuditEntry):
            return
        keys = sorted(set(entry.before) | set(entry.after))
        self.detail.setRowCount(len(keys))
        for row, key in enumerate(keys):
            before = _value_text(entry.before.get(key))
            after = _value_text(entry.after.get(key))
            for col, text in enumerate((key, before, after)):
                item = QTableWidgetItem(text)
                if col and key in entry.before and key in entry.after and before != after:
                    item.setBackground(Qt.GlobalColor.yellow)
                self.detail.setItem(row, col, item)
