"""First run on an empty database: create the first HQ administrator (no default password)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from jiazheng_desk.services import staff
from jiazheng_desk.tasks import TaskRunner
from jiazheng_desk.views.widgets.form import FormDialog


class FirstAdminDialog(FormDialog):
    """Asks for the first HQ administrator's user name, name and password."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, ok=QDialogButtonBox.StandardButton.Ok)
        self.setObjectName("firstAdminDialog")
        self._runner = runner
        self.created_username = ""
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("displayName")
        self.password = self.password_edit("password")
        self.confirm = self.password_edit("confirm")
        self.labels = [QLabel(self) for _ in range(4)]
        for label, key, widget in zip(
            self.labels,
            ("username", "display_name", "password", "confirm"),
            (self.username, self.display_name, self.password, self.confirm),
            strict=True,
        ):
            self.add_row(key, label, widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Create the first administrator"))
        self.intro.setText(
            self.tr(
                "This database has no staff accounts yet. Create the first HQ administrator; "
                "there is no default password."
            )
        )
        self.intro.show()
        texts = (
            self.tr("User name"),
            self.tr("Name"),
            self.tr("Password"),
            self.tr("Repeat password"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.ok_button.setText(self.tr("Create administrator"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def validate(self) -> bool:
        return self.same_text(self.password, self.confirm, "confirm")

    def save(self) -> None:
        self._runner.run_command(
            staff.create_first_admin,
            username=self.username.text(),
            display_name=self.display_name.text(),
            password=self.password.text(),
            on_done=self.saved,
            on_error=self.refused,
            changes={"staff"},
        )

    def saved(self, result: staff.StaffView) -> None:
        self.created_username = result.username
        super().saved(result)
