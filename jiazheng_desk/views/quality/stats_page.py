"""Quality → Statistics: reviews, negative rate, complaints and open cases per branch and worker."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import quality
from jiazheng_desk.services.quality import QualityStats
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.quality import texts
from jiazheng_desk.views.quality.common import branch_filter, date_edit, period, today
from jiazheng_desk.views.widgets.table import make_list_table


class StatsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        first = today(ctx.tz)
        self.since = date_edit(self, "statsSince", first - timedelta(days=90))
        self.until = date_edit(self, "statsUntil", first)
        self.branch = branch_filter(ctx, self, "statsBranch", self.tr("All branches"))
        self.refresh = QPushButton(self.tr("Refresh"), self)
        self.refresh.setObjectName("statsRefresh")
        self.status = QLabel(self)
        self.status.setObjectName("statsStatus")
        headers = [
            self.tr("Name"),
            self.tr("Branch"),
            self.tr("Reviews"),
            self.tr("Average"),
            self.tr("Attitude"),
            self.tr("Skill"),
            self.tr("Efficiency"),
            self.tr("Punctuality"),
            self.tr("Negative"),
            self.tr("Negative rate"),
            self.tr("Complaints"),
            self.tr("By category"),
            self.tr("Open cases"),
            self.tr("Open complaints"),
            self.tr("Overdue"),
        ]
        self.branches = make_list_table(self, "branchStats", headers)
        self.workers = make_list_table(self, "workerStats", headers)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From"), self))
        top.addWidget(self.since)
        top.addWidget(QLabel(self.tr("to"), self))
        top.addWidget(self.until)
        top.addWidget(self.branch)
        top.addWidget(self.refresh)
        top.addStretch(1)
        top.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        parts = ((self.tr("Branches"), self.branches), (self.tr("Workers"), self.workers))
        for title, table in parts:
            holder = QWidget(splitter)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(QLabel(title, holder))
            box.addWidget(table)
            splitter.addWidget(holder)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter)
        self.refresh.clicked.connect(self.reload)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _d: self.reload())
        self.branch.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def reload(self) -> None:
        since, until = period(self.since, self.until, self.ctx.tz)
        self.status.setText(self.tr("Loading…"))
        self.ctx.runner.run_query(
            quality.list_branch_stats,
            actor=self.ctx.actor,
            since=since,
            until=until,
            on_done=lambda rows: self._fill(self.branches, rows),
            on_error=self._failed,
            key="quality.stats.branches",
        )
        self.ctx.runner.run_query(
            quality.list_worker_stats,
            actor=self.ctx.actor,
            branch_id=self.branch.currentData(),
            since=since,
            until=until,
            on_done=self._workers_loaded,
            on_error=self._failed,
            key="quality.stats.workers",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "quality" in changes:
            self.reload()

    def _failed(self, failure: TaskFailure) -> None:
        self.status.setText(failure.message)

    def _workers_loaded(self, rows: list[QualityStats]) -> None:
        self._fill(self.workers, rows)
        self.status.setText(self.tr("{n} workers").format(n=len(rows)))

    def _fill(self, table: QTableWidget, rows: list[QualityStats]) -> None:
        names = texts.categories()
        table.setRowCount(0)
        for s in rows:
            avg = s.averages
            cells = [
                s.name,
                s.branch_name,
                str(s.reviews),
                f"{avg['overall']:.2f}" if avg else "",
                f"{avg['attitude']:.2f}" if avg else "",
                f"{avg['skill']:.2f}" if avg else "",
                f"{avg['efficiency']:.2f}" if avg else "",
                f"{avg['punctuality']:.2f}" if avg else "",
                str(s.negative),
                f"{s.negative_rate:.1%}" if s.reviews else "",
                str(s.complaints),
                "，".join(f"{names.get(k, k)} {v}" for k, v in s.complaints_by_category.items()),
                str(s.open_cases),
                str(s.open_complaints),
                str(s.overdue_complaints),
            ]
            r = table.rowCount()
            table.insertRow(r)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= c <= 10 or c >= 12:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(r, c, item)
