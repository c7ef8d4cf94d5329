"""System → Branches: the branches of the franchise and the districts each one serves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches
from jiazheng_desk.services.branches import BranchView, DistrictView
from jiazheng_desk.views import labels
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.system.branch_dialogs import BranchDialog, DistrictDialog


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


class BranchesPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[BranchView] = []
        self.show_inactive = QCheckBox(self.tr("Show closed branches"), self)
        self.show_inactive.setObjectName("showInactiveBranches")
        self.new_branch = QPushButton(self.tr("New branch…"), self)
        self.new_branch.setObjectName("newBranch")
        self.edit_branch = QPushButton(self.tr("Edit branch…"), self)
        self.edit_branch.setObjectName("editBranch")
        self.new_district = QPushButton(self.tr("New district…"), self)
        self.new_district.setObjectName("newDistrict")
        self.edit_district = QPushButton(self.tr("Edit district…"), self)
        self.edit_district.setObjectName("editDistrict")
        self.branch_table = _table(
            self,
            "branchTable",
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("City"),
                self.tr("Time zone"),
                self.tr("Phone"),
                self.tr("In service"),
            ],
        )
        self.district_table = _table(
            self,
            "districtTable",
            [
                self.tr("District"),
                self.tr("Centre latitude"),
                self.tr("Centre longitude"),
                self.tr("In service"),
            ],
        )
        actions = QHBoxLayout()
        for w in (self.new_branch, self.edit_branch, self.new_district, self.edit_district):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.show_inactive)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.district_title = QLabel(self.tr("Districts"), lower)
        lower_layout.addWidget(self.district_title)
        lower_layout.addWidget(self.district_table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.branch_table)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(splitter)

        self.show_inactive.toggled.connect(lambda _b: self.reload())
        self.branch_table.itemSelectionChanged.connect(self._show_districts)
        self.new_branch.clicked.connect(lambda: BranchDialog(ctx, None, self).open())
        self.edit_branch.clicked.connect(self._edit_branch)
        self.new_district.clicked.connect(self._new_district)
        self.edit_district.clicked.connect(self._edit_district)
        self.branch_table.doubleClicked.connect(lambda _i: self._edit_branch())
        self.district_table.doubleClicked.connect(lambda _i: self._edit_district())
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            include_inactive=self.show_inactive.isChecked(),
            on_done=self._loaded,
            key="branches.list",
        )

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "branches" in changes:
            self.reload()

    def _loaded(self, items: list[BranchView]) -> None:
        selected = self.selected_branch()
        self.items = items
        self.branch_table.setRowCount(len(items))
        for row, b in enumerate(items):
            values = (b.code, b.name, b.city, b.timezone, b.phone, labels.yes_no(b.is_active))
            for col, text in enumerate(values):
                self.branch_table.setItem(row, col, QTableWidgetItem(text))
        if selected is not None:
            for row, b in enumerate(items):
                if b.id == selected.id:
                    self.branch_table.selectRow(row)
        elif items:
            self.branch_table.selectRow(0)
        self._show_districts()

    def selected_branch(self) -> BranchView | None:
        rows = self.branch_table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def selected_district(self) -> DistrictView | None:
        branch = self.selected_branch()
        rows = self.district_table.selectionModel().selectedRows()
        if branch is None or not rows or rows[0].row() >= len(branch.districts):
            return None
        return branch.districts[rows[0].row()]

    def _show_districts(self) -> None:
        branch = self.selected_branch()
        districts = branch.districts if branch else ()
        self.district_title.setText(
            self.tr("Districts of {branch}").format(branch=branch.name)
            if branch
            else self.tr("Districts")
        )
        self.district_table.setRowCount(len(districts))
        for row, d in enumerate(districts):
            values = (
                d.name,
                f"{d.center_lat:.6f}",
                f"{d.center_lng:.6f}",
                labels.yes_no(d.is_active),
            )
            for col, text in enumerate(values):
                self.district_table.setItem(row, col, QTableWidgetItem(text))
        self.edit_branch.setEnabled(branch is not None)
        self.new_district.setEnabled(branch is not None)
        self.edit_district.setEnabled(bool(districts))

    def _edit_branch(self) -> None:
        branch = self.selected_branch()
        if branch is not None:
            BranchDialog(self.ctx, branch, self).open()

    def _new_district(self) -> None:
        branch = self.selected_branch()
        if branch is not None:
            DistrictDialog(self.ctx, branch, None, self).open()

    def _edit_district(self) -> None:
        branch = self.selected_branch()
        district = self.selected_district()
        if branch is not None and district is not None:
            DistrictDialog(self.ctx, branch, district, self).open()
