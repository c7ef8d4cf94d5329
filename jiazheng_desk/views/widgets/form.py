"""Forms: inline error messages beside fields, and the dialog every form of the desk uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.tasks import TaskFailure


def error_label(parent: QWidget | None = None, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name or "fieldError")
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


class FormErrors:
    """Maps a service's ``field`` names to labels; anything else goes to the general one."""

    def __init__(self, general: QLabel, fields: dict[str, QLabel]) -> None:
        self.general = general
        self.fields = fields

    def clear(self) -> None:
        for label in (self.general, *self.fields.values()):
            label.clear()
            label.hide()

    def show(self, failure: TaskFailure) -> str:
        """Show the message beside its field (or on top); return where it went."""
        self.clear()
        field = str(getattr(failure.error, "field", None) or "")
        label = self.fields.get(field, self.general)
        label.setText(failure.message)
        label.show()
        return field if label is not self.general else ""

    def show_text(self, field: str, text: str) -> None:
        self.clear()
        label = self.fields.get(field, self.general)
        label.setText(text)
        label.show()


class FormDialog(QDialog):
    """A form whose OK runs one command; a refusal is shown beside its field and the
    dialog stays open with everything typed, so nothing is lost."""

    # each form defines how it saves (usually one ``run_command``)
    save: Callable[[], None]

    def __init__(
        self,
        parent: QWidget | None,
        *,
        intro: str = "",
        ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save,
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(460)
        self.result_value: Any = None
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        self.errors = FormErrors(error_label(self, "formError"), {})
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def add_row(self, key: str, label: str | QLabel, widget: QWidget) -> None:
        """A labelled field with its own error line underneath."""
        self.form.addRow(label, widget)
        error = error_label(self, f"error:{key}")
        self.errors.fields[key] = error
        self.form.addRow("", error)

    def password_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def same_text(self, first: QLineEdit, second: QLineEdit, key: str) -> bool:
        """The two entries of a password agree, or say so beside the second."""
        if first.text() == second.text():
            return True
        self.errors.show_text(key, self.tr("The two passwords do not match."))
        self._fit()
        return False

    def submit(self) -> None:
        self.errors.clear()
        if not self.validate():
            return
        self.buttons.setEnabled(False)
        self.save()

    def validate(self) -> bool:
        """Checks that need no database (the services check everything again)."""
        return True

    def saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def refused(self, failure: TaskFailure) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(failure)
        self._fit()

    def _fit(self) -> None:
        # a wrapped error line needs more height than the row had
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
