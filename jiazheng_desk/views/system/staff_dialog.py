"""Create or edit a staff account, with errors shown beside their fields."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from jiazheng_desk.services import staff
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.permissions import can_manage_role
from jiazheng_desk.views import labels
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.widgets.form import FormDialog


class StaffDialog(FormDialog):
    """New staff member (with a first password) or changes to an existing one."""

    def __init__(
        self,
        ctx: DeskContext,
        branches: list[BranchView],
        existing: staff.StaffView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staffDialog")
        self.ctx = ctx
        self.existing = existing
        self.setWindowTitle(
            self.tr("New staff member") if existing is None else self.tr("Edit staff member")
        )
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("displayName")
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in labels.ROLES:
            if can_manage_role(ctx.actor, role) or (existing and existing.role == role):
                self.role.addItem(labels.role_name(role), role)
        self.branch = QComboBox(self)
        self.branch.setObjectName("branch")
        for b in branches:
            self.branch.addItem(b.name, b.id)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.password = self.password_edit("password")
        self.confirm = self.password_edit("confirm")

        self.add_row("username", self.tr("User name"), self.username)
        self.add_row("display_name", self.tr("Name"), self.display_name)
        self.add_row("role", self.tr("Role"), self.role)
        self.add_row("branch_id", self.tr("Branch"), self.branch)
        self.add_row("phone", self.tr("Mobile phone"), self.phone)
        if existing is None:
            self.add_row("password", self.tr("First password"), self.password)
            self.add_row("confirm", self.tr("Repeat password"), self.confirm)
            self.intro.setText(
                self.tr("The new member must change this password at the first login.")
            )
            self.intro.setProperty("role", "hint")
            self.intro.show()
        self.role.currentIndexChanged.connect(self._role_changed)
        if existing is not None:
            self.username.setText(existing.username)
            self.username.setReadOnly(True)
            self.display_name.setText(existing.display_name)
            self.role.setCurrentIndex(max(0, self.role.findData(existing.role)))
            if existing.branch_id is not None:
                self.branch.setCurrentIndex(max(0, self.branch.findData(existing.branch_id)))
            self.phone.setText(existing.phone)
        else:
            # most new staff are dispatchers; HQ picks another role on purpose
            self.role.setCurrentIndex(max(0, self.role.findData("dispatcher")))
            if ctx.actor.branch_id is not None:
                self.branch.setCurrentIndex(max(0, self.branch.findData(ctx.actor.branch_id)))
        self._role_changed()

    def _role_changed(self) -> None:
        hq = self.role.currentData() == "hq_admin"
        self.branch.setEnabled(not hq and bool(self.ctx.actor.is_hq))

    def validate(self) -> bool:
        return self.existing is not None or self.same_text(self.password, self.confirm, "confirm")

    def save(self) -> None:
        role = self.role.currentData()
        common = {
            "actor": self.ctx.actor,
            "display_name": self.display_name.text(),
            "role": role,
            "branch_id": None if role == "hq_admin" else self.branch.currentData(),
            "phone": self.phone.text(),
            "on_done": self.saved,
            "on_error": self.refused,
            "changes": {"staff", "audit"},
        }
        if self.existing is None:
            self.ctx.runner.run_command(
                staff.create_staff,
                username=self.username.text(),
                password=self.password.text(),
                **common,
            )
        else:
            self.ctx.runner.run_command(staff.update_staff, staff_id=self.existing.id, **common)
