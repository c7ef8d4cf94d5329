"""Start the desk: the login dialog first, the database in the background, then the window.

Nothing heavy is imported before the login dialog is on screen (SQLAlchemy, the models
and the services load in the background while the user types), so the desk starts about
as fast as a bare Qt window.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from jiazheng_desk.config import Settings, describe_db_url, save_file_settings
from jiazheng_desk.tasks import TaskFailure, TaskRunner
from jiazheng_desk.views import theme, uistate
from jiazheng_desk.views.login import LoginDialog

if TYPE_CHECKING:
    from jiazheng_desk.db import Database
    from jiazheng_desk.services.auth import StaffSession
    from jiazheng_desk.views.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    database: Database
    label: str
    embedded: bool
    needs_first_admin: bool


def prepare_database(settings: Settings) -> Prepared:
    """Connect, bring the schema up to date (embedded) or refuse (MySQL), look for staff."""
    from jiazheng_desk import schema
    from jiazheng_desk.config import load_data_key
    from jiazheng_desk.db import Database, make_engine, ping
    from jiazheng_desk.services import auth, pii, staff

    auth.configure_hashing(settings.hashing)
    pii.configure(load_data_key(settings))
    engine = make_engine(settings.effective_db_url, tls=settings.tls)
    database = Database(engine)
    try:
        ping(engine)
        schema.ensure_schema(engine, auto_upgrade=settings.is_embedded)
        with database.session() as session:
            first = staff.needs_first_admin(session)
    except BaseException:
        engine.dispose()
        raise
    return Prepared(database, database.label, database.embedded, first)


class DeskController(QObject):
    """Drives login, first run, forced password change, the main window and logout."""

    def __init__(
        self, app: QApplication, settings: Settings, *, startup_probe: bool = False
    ) -> None:
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.startup_probe = startup_probe
        self.runner = TaskRunner(None, parent=self)
        self.runner.failed.connect(self._show_failure)
        self.prepared: Prepared | None = None
        self.window: MainWindow | None = None
        self.session: StaffSession | None = None
        self.login = LoginDialog(settings.language, describe_db_url(settings.effective_db_url))
        self.login.login_requested.connect(self._login)
        self.login.language_chosen.connect(self.set_language)
        self.login.retry_requested.connect(self.connect_database)
        self.login.first_shown.connect(self._login_shown)
        self.login.rejected.connect(self._login_closed)

    def start(self) -> None:
        self.login.show()
        self.connect_database()

    def _login_shown(self) -> None:
        if self.startup_probe:
            print("login-shown", flush=True)
            QTimer.singleShot(0, self.app.quit)

    # --- database ---------------------------------------------------------------------

    def connect_database(self) -> None:
        self.login.set_connecting()
        self.runner.run_call(
            prepare_database,
            self.settings,
            on_done=self._database_ready,
            on_error=self._database_failed,
            key="startup.prepare",
        )

    def _database_ready(self, prepared: Prepared) -> None:
        if self.prepared is not None:
            self.prepared.database.dispose()
        self.prepared = prepared
        self.runner.database = prepared.database
        self.login.set_ready(prepared.label)
        if prepared.needs_first_admin and not self.startup_probe:
            self._first_run()

    def _database_failed(self, failure: TaskFailure) -> None:
        self.login.set_unavailable(failure.message)

    def _first_run(self) -> None:
        from jiazheng_desk.views.first_run import FirstAdminDialog

        dialog = FirstAdminDialog(self.runner, self.login)
        dialog.accepted.connect(lambda: self.login.reset_for_login(dialog.created_username))
        dialog.open()
        self.first_run_dialog = dialog

    # --- login ------------------------------------------------------------------------

    def _login(self, username: str, password: str) -> None:
        from jiazheng_desk.services import auth

        self.runner.run_command(
            auth.login,
            username=username,
            password=password,
            on_done=self._logged_in,
            on_error=self._login_refused,
            changes={"audit"},
        )

    def _login_refused(self, failure: TaskFailure) -> None:
        self.login.set_busy(False)
        self.login.password.clear()
        self.login.show_error(failure.message)

    def _logged_in(self, session: StaffSession) -> None:
        self.session = session
        if session.must_change_password:
            from jiazheng_desk.views.password import ChangePasswordDialog

            dialog = ChangePasswordDialog(
                self.runner, session.actor, forced=True, parent=self.login
            )
            dialog.accepted.connect(self._open_main_window)
            dialog.rejected.connect(lambda: self.login.reset_for_login())
            dialog.open()
            self.password_dialog = dialog
            return
        self._open_main_window()

    def _open_main_window(self) -> None:
        from jiazheng_desk.views.main_window import MainWindow

        assert self.session is not None
        assert self.prepared is not None
        window = MainWindow(
            self.runner,
            self.session,
            database_label=self.prepared.label,
            embedded=self.prepared.embedded,
        )
        window.logout_requested.connect(self._logged_out)
        window.language_requested.connect(self._switch_language_in_window)
        self.window = window
        self.login.hide()
        window.show()

    def _logged_out(self) -> None:
        self.window = None
        self.session = None
        self.login.reset_for_login()
        self.login.show()

    def _login_closed(self) -> None:
        if self.window is None:
            self.app.quit()

    # --- language and errors -----------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.settings = _with_language(self.settings, theme.install_language(self.app, language))
        try:
            save_file_settings(self.settings.paths, {"language": self.settings.language})
        except OSError as exc:
            log.warning("could not save the language: %s", exc)

    def _switch_language_in_window(self, language: str) -> None:
        """Rebuild the main window in the new language, keeping the login session."""
        self.set_language(language)
        old = self.window
        if old is None:
            return
        old.logout_requested.disconnect(self._logged_out)
        old.close()
        self._open_main_window()

    def _show_failure(self, failure: TaskFailure) -> None:
        from jiazheng_desk.views.dialogs import show_failure

        show_failure(self.window or self.login, failure)

    def shutdown(self) -> None:
        self.runner.wait_for_threads(5000)
        self.runner.close()
        if self.prepared is not None:
            self.prepared.database.dispose()


def _with_language(settings: Settings, language: str) -> Settings:
    from dataclasses import replace

    return replace(settings, language=language)


def create_application(settings: Settings, argv: list[str] | None = None) -> QApplication:
    """The QApplication with fonts, style, translations and where UI state is kept."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("jiazheng-desk")
    app.setOrganizationName("jiazheng")
    app.setApplicationDisplayName("家政 Desk")
    uistate.configure(settings.paths.config_file.parent / "desk-ui.ini")
    theme.apply_fonts(app)
    theme.apply_style(app)
    theme.install_language(app, settings.language)
    return app


def run_desk(settings: Settings, *, startup_probe: bool = False) -> int:
    """Run the desktop until the last window closes; return the exit code."""
    app = create_application(settings)
    controller = DeskController(app, settings, startup_probe=startup_probe)
    controller.start()
    code: Any = app.exec()
    controller.shutdown()
    return int(code)
