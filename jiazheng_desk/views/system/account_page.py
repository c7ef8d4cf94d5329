"""System → My account: who is logged in, and changing one's own password."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jiazheng_desk.i18n import current_language, t
from jiazheng_desk.views import labels
from jiazheng_desk.views.main_window import DeskContext
from jiazheng_desk.views.password import ChangePasswordDialog


class AccountPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        actor = ctx.actor
        form = QFormLayout()
        form.addRow(self.tr("User name"), QLabel(ctx.session.username, self))
        form.addRow(self.tr("Name"), QLabel(actor.name, self))
        form.addRow(self.tr("Role"), QLabel(labels.role_name(actor.role or ""), self))
        form.addRow(
            self.tr("Branch"), QLabel(ctx.session.branch_name or self.tr("Headquarters"), self)
        )
        form.addRow(self.tr("Time zone"), QLabel(ctx.tz, self))
        allowed = sorted(t(f"perm.{p.value}") for p in ctx.permissions)
        separator = ", " if current_language() == "en" else "、"
        perms = QLabel(separator.join(allowed) if allowed else self.tr("none"), self)
        perms.setObjectName("accountPermissions")
        perms.setWordWrap(True)
        form.addRow(self.tr("Permissions"), perms)
        self.change_button = QPushButton(self.tr("Change password…"), self)
        self.change_button.setObjectName("changePassword")
        self.change_button.clicked.connect(
            lambda: ChangePasswordDialog(ctx.runner, actor, forced=False, parent=self).open()
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.change_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
