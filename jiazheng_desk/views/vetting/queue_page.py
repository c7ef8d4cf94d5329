"""Workers & vetting → Applications: the branch's queue, filtered by state and found by
name, phone, pinyin initials or the last digits of the ID number; the chosen case opens
on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import vetting
from jiazheng_desk.services.vetting import QueueRow
from jiazheng_desk.views import fmt
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.vetting import texts
from jiazheng_desk.views.vetting.case_panel import CasePanel
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row

# an application waiting longer than this is shown in the warning colour
LATE_MINUTES = 3 * 24 * 60


class QueuePage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.counts: dict[str, int] = {}
        self.search = QLineEdit(self)
        self.search.setObjectName("vettingSearch")
        self.search.setPlaceholderText(self.tr("Name, phone, initials (wxl) or ID last digits"))
        self.search.setClearButtonEnabled(True)
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.addItem(self.tr("Open applications"), "open")
        for state in texts.STATES:
            self.state_filter.addItem(texts.state_name(state), state)
        self.state_filter.addItem(self.tr("All"), None)
        self.count = QLabel(self)
        self.count.setObjectName("queueCount")
        self.count.setProperty("role", "hint")

        self.model = PagedTableModel(ctx.runner, self._columns(), key="vetting.queue", parent=self)
        self.table = make_table(self.model, self, "queueTable")
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(lambda f: self.count.setText(f.message))
        self.panel = CasePanel(ctx, self)
        self.empty = QLabel(self.tr("Choose an application on the left."), self)
        self.empty.setObjectName("noCase")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setProperty("role", "hint")
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty)
        self.right.addWidget(self.panel)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.state_filter)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 840])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.state_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._chosen())
        self.reload()

    def _columns(self) -> list[Column]:
        def late(row: QueueRow) -> object:
            if row.state in ("new", "under_review") and row.age_minutes > LATE_MINUTES:
                return texts.result_brush("not_answered")
            return None

        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("State"), lambda r: texts.state_name(r.state), "state"),
            Column(
                self.tr("Waiting"),
                lambda r: texts.age_text(r.age_minutes),
                "created_at",
                align_right=True,
                foreground=late,
                tooltip=lambda r: fmt.local_time(r.created_at, self.ctx.tz),
            ),
            Column(self.tr("Asks for"), lambda r: r.requested_skills),
            Column(self.tr("Mobile phone"), lambda r: r.phone),
            Column(self.tr("ID number"), lambda r: r.id_number_masked),
            Column(self.tr("Branch"), lambda r: r.branch_name),
        ]

    def current_filter(self) -> vetting.QueueFilter:
        state = self.state_filter.currentData()
        return vetting.QueueFilter(
            state=None if state == "open" else state,
            text=self.search.text(),
            open_only=state == "open",
        )

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(vetting.list_applications, actor=self.ctx.actor, flt=self.current_filter())
        )
        self.ctx.runner.run_query(
            vetting.get_queue_counts,
            actor=self.ctx.actor,
            on_done=self._counted,
            on_error=lambda _f: None,
            key="vetting.counts",
        )

    def _counted(self, counts: dict[str, int]) -> None:
        self.counts = counts
        for i in range(self.state_filter.count()):
            state = self.state_filter.itemData(i)
            if state in texts.STATES:
                self.state_filter.setItemText(
                    i, f"{texts.state_name(state)} ({counts.get(state, 0)})"
                )

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("{n} applications").format(n=total))

    def _chosen(self) -> None:
        row = self.model.item(selected_row(self.table))
        if isinstance(row, QueueRow):
            self.right.setCurrentIndex(1)
            if self.panel.case is None or self.panel.case.id != row.id:
                self.panel.load(row.id)

    def open_case(self, case_id: int) -> None:
        self.right.setCurrentIndex(1)
        self.panel.load(case_id)

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "vetting" in changes or "blacklist" in changes:
            self.reload()
