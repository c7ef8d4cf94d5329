"""Dialogs to create and edit a branch and the districts it serves."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLineEdit, QWidget

from jiazheng_desk.services import branches
from jiazheng_desk.services.branches import BranchView, DistrictView
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog


class BranchDialog(FormDialog):
    def __init__(
        self, ctx: DeskContext, existing: BranchView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("branchDialog")
        self.existing = existing
        self.setWindowTitle(self.tr("New branch") if existing is None else self.tr("Edit branch"))
        self.code = QLineEdit(self)
        self.code.setObjectName("code")
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.city = QLineEdit(self)
        self.city.setObjectName("city")
        self.timezone = QLineEdit("Asia/Shanghai", self)
        self.timezone.setObjectName("timezone")
        self.address = QLineEdit(self)
        self.address.setObjectName("address")
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.active = QCheckBox(self.tr("In service"), self)
        self.active.setChecked(True)
        for key, label, widget in (
            ("code", self.tr("Code"), self.code),
            ("name", self.tr("Name"), self.name),
            ("city", self.tr("City"), self.city),
            ("timezone", self.tr("Time zone"), self.timezone),
            ("address", self.tr("Address"), self.address),
            ("phone", self.tr("Phone"), self.phone),
        ):
            self.add_row(key, label, widget)
        self.form.addRow("", self.active)
        if existing is not None:
            self.code.setText(existing.code)
            self.name.setText(existing.name)
            self.city.setText(existing.city)
            self.timezone.setText(existing.timezone)
            self.address.setText(existing.address)
            self.phone.setText(existing.phone)
            self.active.setChecked(existing.is_active)

    def save(self) -> None:
        self.ctx.runner.run_command(
            branches.save_branch,
            actor=self.ctx.actor,
            branch_id=self.existing.id if self.existing else None,
            code=self.code.text(),
            name=self.name.text(),
            city=self.city.text(),
            timezone=self.timezone.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            is_active=self.active.isChecked(),
            on_done=self.saved,
            on_error=self.refused,
            changes={"branches", "audit"},
        )


class DistrictDialog(FormDialog):
    def __init__(
        self,
        ctx: DeskContext,
        branch: BranchView,
        existing: DistrictView | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("districtDialog")
        self.branch = branch
        self.existing = existing
        self.setWindowTitle(
            self.tr("New district of {branch}").format(branch=branch.name)
            if existing is None
            else self.tr("Edit district")
        )
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.lat = QDoubleSpinBox(self)
        self.lat.setObjectName("lat")
        self.lat.setRange(-90, 90)
        self.lat.setDecimals(6)
        self.lng = QDoubleSpinBox(self)
        self.lng.setObjectName("lng")
        self.lng.setRange(-180, 180)
        self.lng.setDecimals(6)
        self.active = QCheckBox(self.tr("In service"), self)
        self.active.setChecked(True)
        self.add_row("name", self.tr("District"), self.name)
        self.add_row("center_lat", self.tr("Centre latitude"), self.lat)
        self.add_row("center_lng", self.tr("Centre longitude"), self.lng)
        self.form.addRow("", self.active)
        if existing is not None:
            self.name.setText(existing.name)
            self.lat.setValue(existing.center_lat)
            self.lng.setValue(existing.center_lng)
            self.active.setChecked(existing.is_active)
        elif branch.districts:
            self.lat.setValue(branch.districts[0].center_lat)
            self.lng.setValue(branch.districts[0].center_lng)

    def save(self) -> None:
        self.ctx.runner.run_command(
            branches.save_district,
            actor=self.ctx.actor,
            district_id=self.existing.id if self.existing else None,
            branch_id=self.branch.id,
            name=self.name.text(),
            center_lat=self.lat.value(),
            center_lng=self.lng.value(),
            is_active=self.active.isChecked(),
            on_done=self.saved,
            on_error=self.refused,
            changes={"branches", "audit"},
        )
