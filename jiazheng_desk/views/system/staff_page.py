"""System → Staff: find, create, edit, deactivate and reset the passwords of staff."""

from __future__ import annotations

import secrets
import string
from functools import partial
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk import clock
from jiazheng_desk.services import branches, staff
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.permissions import Perm, can_manage_role
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt, labels
from jiazheng_desk.views.dialogs import ask_text, inform
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.system.staff_dialog import StaffDialog
from jiazheng_desk.views.widgets.paged_model import Column, PagedTableModel, list_fetch
from jiazheng_desk.views.widgets.table import make_table, selected_row

GREY = QBrush(QColor("#8a8f98"))


def temporary_password() -> str:
    """A readable temporary password: letters and digits, no look-alikes."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(10))
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            return candidate


class StaffPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.branches: list[BranchView] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("staffSearch")
        self.search.setPlaceholderText(self.tr("Find by user name, name or phone"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.role_filter = QComboBox(self)
        self.role_filter.setObjectName("roleFilter")
        self.role_filter.addItem(self.tr("All roles"), None)
        for role in labels.ROLES:
            self.role_filter.addItem(labels.role_name(role), role)
        self.branch_filter = QComboBox(self)
        self.branch_filter.setObjectName("branchFilter")
        self.branch_filter.addItem(self.tr("All branches"), None)
        self.branch_filter.setVisible(ctx.actor.is_hq)
        self.show_inactive = QCheckBox(self.tr("Show deactivated"), self)
        self.show_inactive.setObjectName("showInactive")
        self.count = QLabel(self)
        self.count.setObjectName("staffCount")

        self.new_button = QPushButton(self.tr("New…"), self)
        self.new_button.setObjectName("newStaff")
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("editStaff")
        self.toggle_button = QPushButton(self.tr("Deactivate"), self)
        self.toggle_button.setObjectName("toggleActive")
        self.reset_button = QPushButton(self.tr("Reset password…"), self)
        self.reset_button.setObjectName("resetPassword")

        self.model = PagedTableModel(ctx.runner, self._columns(), key="staff.list", parent=self)
        self.table = make_table(self.model, self, "staffTable")
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self._load_failed)

        filters = QHBoxLayout()
        for w in (self.search, self.role_filter, self.branch_filter, self.show_inactive):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        actions = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.toggle_button, self.reset_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.role_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.branch_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_inactive.toggled.connect(lambda _b: self.reload())
        self.new_button.clicked.connect(self.new_staff)
        self.edit_button.clicked.connect(self.edit)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.new_button.setVisible(ctx.can(Perm.STAFF_CREATE))
        self.edit_button.setVisible(ctx.can(Perm.STAFF_UPDATE))
        self.toggle_button.setVisible(ctx.can(Perm.STAFF_DEACTIVATE))
        self.reset_button.setVisible(ctx.can(Perm.STAFF_RESET_PASSWORD))
        self._update_buttons()
        self._load_branches()
        self.reload()

    def _columns(self) -> list[Column]:
        tz = self.ctx.tz

        def state(v: staff.StaffView) -> str:
            if not v.is_active:
                return self.tr("Deactivated")
            if v.locked_until is not None and v.locked_until > clock.now():
                return self.tr("Locked until {time}").format(
                    time=fmt.local_time(v.locked_until, tz)
                )
            if v.must_change_password:
                return self.tr("Must change password")
            return self.tr("Active")

        def grey(v: staff.StaffView) -> Any:
            return None if v.is_active else GREY

        return [
            Column(self.tr("User name"), lambda v: v.username, "username", foreground=grey),
            Column(self.tr("Name"), lambda v: v.display_name, "display_name", foreground=grey),
            Column(self.tr("Role"), lambda v: labels.role_name(v.role), "role", foreground=grey),
            Column(
                self.tr("Branch"),
                lambda v: v.branch_name or self.tr("Headquarters"),
                "branch_id",
                foreground=grey,
            ),
            Column(self.tr("Mobile phone"), lambda v: v.phone, None, foreground=grey),
            Column(self.tr("State"), state, None, foreground=grey),
            Column(
                self.tr("Last login"),
                lambda v: fmt.local_time(v.last_login_at, tz),
                "last_login_at",
                foreground=grey,
            ),
        ]

    # --- loading ----------------------------------------------------------------------

    def _load_branches(self) -> None:
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            on_done=self._branches_loaded,
            key="staff.branches",
        )

    def _branches_loaded(self, items: list[BranchView]) -> None:
        self.branches = items
        current = self.branch_filter.currentData()
        self.branch_filter.blockSignals(True)
        self.branch_filter.clear()
        self.branch_filter.addItem(self.tr("All branches"), None)
        for b in items:
            self.branch_filter.addItem(b.name, b.id)
        self.branch_filter.setCurrentIndex(max(0, self.branch_filter.findData(current)))
        self.branch_filter.blockSignals(False)

    def current_filter(self) -> staff.StaffFilter:
        return staff.StaffFilter(
            text=self.search.text(),
            role=self.role_filter.currentData(),
            branch_id=self.branch_filter.currentData(),
            include_inactive=self.show_inactive.isChecked(),
        )

    def reload(self) -> None:
        self.model.set_fetch(
            list_fetch(staff.list_staff, actor=self.ctx.actor, flt=self.current_filter())
        )
        self._update_buttons()

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("{n} staff").format(n=total))
        self._update_buttons()

    def _load_failed(self, failure: TaskFailure) -> None:
        self.count.setText(failure.message)

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "staff" in changes:
            self.reload()
        if "branches" in changes:
            self._load_branches()

    # --- actions ----------------------------------------------------------------------

    def selected(self) -> staff.StaffView | None:
        item = self.model.item(selected_row(self.table))
        return item if isinstance(item, staff.StaffView) else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        manageable = chosen is not None and can_manage_role(self.ctx.actor, chosen.role)
        self.edit_button.setEnabled(manageable)
        self.reset_button.setEnabled(manageable and bool(chosen and chosen.is_active))
        self.toggle_button.setEnabled(
            manageable and chosen is not None and chosen.id != self.ctx.actor.id
        )
        self.toggle_button.setText(
            self.tr("Reactivate")
            if chosen is not None and not chosen.is_active
            else self.tr("Deactivate")
        )

    def new_staff(self) -> None:
        self.dialog = StaffDialog(self.ctx, self.branches, None, self)
        self.dialog.open()

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is None or not self.edit_button.isEnabled():
            return
        self.dialog = StaffDialog(self.ctx, self.branches, chosen, self)
        self.dialog.open()

    def toggle_active(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return

        def apply(reason: str) -> None:
            self.ctx.runner.run_command(
                staff.set_active,
                actor=self.ctx.actor,
                staff_id=chosen.id,
                active=not chosen.is_active,
                reason=reason,
                changes={"staff", "audit"},
            )

        if not chosen.is_active:
            apply("")
            return
        self.question = ask_text(
            self,
            self.tr("Deactivate {name}").format(name=chosen.display_name),
            self.tr("Reason (kept in the audit log):"),
            apply,
            name="deactivateReason",
        )

    def reset_password(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return

        def apply(password: str) -> None:
            self.ctx.runner.run_command(
                staff.reset_password,
                actor=self.ctx.actor,
                staff_id=chosen.id,
                new_password=password,
                on_done=partial(self._password_reset, password),
                changes={"staff", "audit"},
            )

        self.question = ask_text(
            self,
            self.tr("Reset password of {name}").format(name=chosen.display_name),
            self.tr("Temporary password (the user must change it at the next login):"),
            apply,
            text=temporary_password(),
            name="resetPasswordAsk",
        )

    def _password_reset(self, password: str, view: staff.StaffView) -> None:
        self.last_info = inform(
            self,
            self.tr("Password reset"),
            self.tr(
                "{name} can now log in as {user} with the temporary password:\n\n{password}\n\n"
                "The account is unlocked; a new password is required at the next login."
            ).format(name=view.display_name, user=view.username, password=password),
            "passwordResetInfo",
        )
