"""The login dialog: shown first, while the database is connected in the background."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.views.widgets.form import error_label

LANGUAGE_CHOICES = (("zh_CN", "中文"), ("en", "English"))


class LoginDialog(QDialog):
    """User name, password, language; the database state underneath."""

    login_requested = Signal(str, str)
    language_chosen = Signal(str)
    retry_requested = Signal()
    first_shown = Signal()

    def __init__(self, language: str, database_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setMinimumWidth(420)
        self._shown_once = False
        self._ready = False
        self._busy = False

        self.title = QLabel(self)
        self.title.setObjectName("loginTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, label in LANGUAGE_CHOICES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(self.language.currentData())
        )
        self.error = error_label(self, "loginError")
        self.database = QLabel(self)
        self.database.setObjectName("databaseState")
        self.database.setWordWrap(True)
        self.database.setProperty("role", "hint")
        self._database_label = database_label
        self._database_text = ""
        self.retry = QPushButton(self)
        self.retry.setObjectName("retryButton")
        self.retry.hide()
        self.retry.clicked.connect(self.retry_requested.emit)
        self.login_button = QPushButton(self)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)

        self.username_label = QLabel(self)
        self.password_label = QLabel(self)
        self.language_label = QLabel(self)
        self.form = QFormLayout()
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.language_label, self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry)
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.database)
        layout.addLayout(buttons)
        self.retranslate()
        self.set_connecting()
        self.username.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("家政 Desk — Log in"))
        self.title.setText(self.tr("家政 Desk"))
        self.username.setPlaceholderText(self.tr("User name"))
        self.password.setPlaceholderText(self.tr("Password"))
        self.username_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.language_label.setText(self.tr("Language"))
        self.login_button.setText(self.tr("Log in"))
        self.retry.setText(self.tr("Retry"))
        self._render_database()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()

    # --- state ------------------------------------------------------------------------

    def _render_database(self) -> None:
        state = {
            "connecting": self.tr("Connecting to the database…"),
            "ready": self.tr("Database ready"),
            "failed": self.tr("Database not available"),
        }.get(self._database_text, "")
        self.database.setText(f"{state}: {self._database_label}" if state else self._database_label)

    def set_connecting(self) -> None:
        self._ready = False
        self._database_text = "connecting"
        self.retry.hide()
        self.error.hide()
        self._render_database()
        self._update_button()

    def set_ready(self, database_label: str) -> None:
        self._ready = True
        self._database_label = database_label
        self._database_text = "ready"
        self.retry.hide()
        self._render_database()
        self._update_button()

    def set_unavailable(self, message: str) -> None:
        self._ready = False
        self._database_text = "failed"
        self._render_database()
        self.show_error(message)
        self.retry.show()
        self._update_button()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_button()

    def _update_button(self) -> None:
        self.login_button.setEnabled(self._ready and not self._busy)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def reset_for_login(self, username: str = "") -> None:
        """Back to an empty password (after logout or the first-run dialog)."""
        if username:
            self.username.setText(username)
        self.password.clear()
        self.error.hide()
        self.set_busy(False)
        (self.password if self.username.text() else self.username).setFocus()

    def _submit(self) -> None:
        if not self.login_button.isEnabled():
            return
        if not self.username.text().strip() or not self.password.text():
            self.show_error(self.tr("Enter your user name and password."))
            return
        self.error.hide()
        self.set_busy(True)
        self.login_requested.emit(self.username.text().strip(), self.password.text())
