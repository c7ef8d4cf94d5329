"""The frame of one step of the booking page, and Enter-to-advance for its fields.

A step is a group box titled with its number, its name and its shortcut key ("2 服务项目
F3"); under its fields an error line says what is wrong with this step only, so the
dispatcher sees at once where to look.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from jiazheng_desk.views.widgets.form import error_label


class StepBox(QGroupBox):
    """A numbered step with its fields and an error line under them."""

    def __init__(self, number: int, title: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.name = title
        self.key = key
        self.setObjectName(f"step{number}")
        self.setProperty("step", "todo")
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(6)
        self.error = error_label(self, f"stepError{number}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 14, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error)
        self._retitle(False)

    def _retitle(self, done: bool) -> None:
        mark = "✓" if done else str(self.number)
        self.setTitle(f"{mark}  {self.name}   {self.key}")

    def set_done(self, done: bool) -> None:
        """A tick instead of the number once the step has what the booking needs."""
        self._retitle(done)
        self.setProperty("step", "done" if done else "todo")
        self.style().unpolish(self)
        self.style().polish(self)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def clear_error(self) -> None:
        self.set_error("")

    @property
    def error_text(self) -> str:
        return self.error.text() if self.error.isVisible() else ""


class _EnterFilter(QObject):
    def __init__(self, target: QWidget, action: Callable[[], None]) -> None:
        super().__init__(target)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.action()
            return True
        return False


def on_enter(widget: QWidget, action: Callable[[], None]) -> None:
    """Enter (without Ctrl, which confirms the booking) in ``widget`` runs ``action``."""
    widget.installEventFilter(_EnterFilter(widget, action))


def step_label(text: str, parent: QWidget | None = None, *, hint: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if hint:
        label.setProperty("role", "hint")
    return label
