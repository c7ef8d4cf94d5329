"""The small dialogs of the desk: errors, information, a question with a text answer.

All of them are non-blocking (``open()``, not ``exec()``): the event loop, and with it
every running task and timer of the desk, keeps going while they are shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from jiazheng_desk.tasks import TaskFailure


def show_failure(parent: QWidget | None, failure: TaskFailure) -> QMessageBox:
    """A readable dialog: the message of a refusal, or "unexpected error, see the log"."""
    title = (
        QCoreApplication.translate("Errors", "Cannot do that")
        if failure.expected
        else QCoreApplication.translate("Errors", "Unexpected error")
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning if failure.expected else QMessageBox.Icon.Critical,
        title,
        failure.message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("errorDialog")
    box.open()
    return box


def inform(parent: QWidget | None, title: str, text: str, name: str = "infoDialog") -> QMessageBox:
    """An information box whose text can be selected and copied."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName(name)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def ask_text(
    parent: QWidget,
    title: str,
    label: str,
    on_ok: Callable[[str], None],
    *,
    text: str = "",
    name: str = "askText",
) -> QInputDialog:
    """Ask for a line of text; ``on_ok`` gets it when the user confirms."""
    dialog = QInputDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(text)
    dialog.textValueSelected.connect(on_ok)
    dialog.open()
    return dialog
