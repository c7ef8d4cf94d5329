"""Change one's own password (required after a reset)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from jiazheng_desk.services import auth
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.tasks import TaskRunner
from jiazheng_desk.views.widgets.form import FormDialog


class ChangePasswordDialog(FormDialog):
    def __init__(
        self, runner: TaskRunner, actor: Actor, *, forced: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self._runner = runner
        self._actor = actor
        self.intro.setText(
            self.tr("Your password was reset. Choose a new one before you go on.")
            if forced
            else self.tr("At least 8 characters, with letters and digits.")
        )
        self.intro.show()
        self.old = self.password_edit("oldPassword")
        self.new = self.password_edit("newPassword")
        self.confirm = self.password_edit("confirmPassword")
        self.add_row("old_password", self.tr("Current password"), self.old)
        self.add_row("new_password", self.tr("New password"), self.new)
        self.add_row("confirm", self.tr("Repeat new password"), self.confirm)

    def validate(self) -> bool:
        return self.same_text(self.new, self.confirm, "confirm")

    def save(self) -> None:
        self._runner.run_command(
            auth.change_own_password,
            actor=self._actor,
            old_password=self.old.text(),
            new_password=self.new.text(),
            on_done=self.saved,
            on_error=self.refused,
            changes={"staff"},
        )
