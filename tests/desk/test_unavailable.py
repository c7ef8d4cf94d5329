"""A database the desk cannot use: a readable message on the login dialog, and Retry."""

from __future__ import annotations

from sqlalchemy import text

from jiazheng_desk.config import load_settings
from jiazheng_desk.views.app import DeskController, create_application


def _desk(qtbot, url: str) -> DeskController:
    settings = load_settings(flags={"db_url": url, "language": "en"})
    controller = DeskController(create_application(settings), settings)
    controller.start()
    qtbot.waitUntil(controller.login.error.isVisible, timeout=15000)
    return controller


def _close(qtbot, controller: DeskController) -> None:
    qtbot.waitUntil(lambda: controller.runner.pending_count == 0, timeout=10000)
    controller.login.close()
    controller.shutdown()


def test_unreachable_database_says_so_and_offers_retry(qtbot):
    desk = _desk(qtbot, "mysql+pymysql://root@127.0.0.1:1/nowhere")
    assert "Cannot reach the database server 127.0.0.1:1" in desk.login.error.text()
    assert desk.login.retry.isVisible() and not desk.login.login_button.isEnabled()
    desk.login.retry.click()
    qtbot.waitUntil(desk.login.error.isVisible, timeout=15000)
    _close(qtbot, desk)


def test_an_older_mysql_schema_is_refused_with_the_command(qtbot, mysql_server):
    name = mysql_server.create_database("jiazheng_old")
    url = mysql_server.url_for(name)
    desk = _desk(qtbot, url)
    assert "jiazheng-desk db upgrade --db" in desk.login.error.text()
    _close(qtbot, desk)
    mysql_server.drop_database(name)


def test_an_embedded_database_is_upgraded_by_the_desk(qtbot, tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    settings = load_settings(flags={"db_url": url})
    desk = DeskController(create_application(settings), settings)
    desk.start()
    qtbot.waitUntil(lambda: desk.prepared is not None, timeout=15000)
    with desk.prepared.database.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    _close(qtbot, desk)
