"""Desk fixtures: a controller on a live database, and a guard against leaked tasks/windows."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from jiazheng_desk.config import load_settings
from jiazheng_desk.db import Database
from jiazheng_desk.views.app import DeskController, create_application
from tests.factories import make_staff


def _url(database: Database) -> str:
    return database.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def start_desk(qtbot, live_db: Database) -> Iterator[Callable[..., DeskController]]:
    """Start the desk against ``live_db``; waits until the database is ready."""
    started: list[DeskController] = []

    def start(*, wait_ready: bool = True, language: str = "zh_CN") -> DeskController:
        settings = load_settings(flags={"db_url": _url(live_db), "language": language})
        app = create_application(settings)
        controller = DeskController(app, settings)
        started.append(controller)
        controller.start()
        if wait_ready:
            qtbot.waitUntil(lambda: controller.prepared is not None, timeout=15000)
        return controller

    yield start
    for controller in started:
        # a test must not leave database work running behind it
        qtbot.waitUntil(lambda c=controller: c.runner.pending_count == 0, timeout=10000)
        if controller.window is not None:
            controller.window.close()
        controller.login.close()
        controller.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        # closed is not gone: thousands of leftover widgets made every later test slower
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture
def admin(live_db: Database):
    """An HQ administrator ``boss`` / ``Passw0rd!`` in the live database."""
    with live_db.session(write=True) as s:
        return make_staff(s, role="hq_admin", username="boss", display_name="王经理")


def log_in(qtbot, controller: DeskController, username: str, password: str) -> None:
    qtbot.waitUntil(controller.login.login_button.isEnabled, timeout=15000)
    controller.login.username.setText(username)
    controller.login.password.setText(password)
    controller.login.login_button.click()
