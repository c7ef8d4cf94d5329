"""The desk's way in: wrong and right passwords, first run, forced password change."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from jiazheng_desk.services import staff
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff


def test_a_wrong_password_shows_the_error_in_the_dialog(qtbot, start_desk, admin):
    desk = start_desk()
    log_in(qtbot, desk, "boss", "not-the-password1")
    qtbot.waitUntil(desk.login.error.isVisible, timeout=10000)
    assert "用户名或密码错误" in desk.login.error.text()
    assert "4" in desk.login.error.text()  # tries left
    assert desk.window is None
    assert desk.login.password.text() == ""


def test_the_right_password_opens_the_main_window(qtbot, start_desk, admin):
    desk = start_desk()
    log_in(qtbot, desk, "boss", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible(), timeout=10000)
    window = desk.window
    assert not desk.login.isVisible()
    assert "王经理" in window.user_label.text() and "总部管理员" in window.user_label.text()
    assert window.branch_label.text() == "总部"
    assert "已连接" in window.connection_label.text()
    keys = window.page_keys()
    # HQ sees every area; System closes the navigation
    assert keys[-4:] == ["system.staff", "system.audit", "system.branches", "system.account"]
    assert {"orders.all", "catalog.items"} <= set(keys)


def test_a_dispatcher_sees_only_what_the_role_allows(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        make_staff(s, role="dispatcher", username="disp")
    desk = start_desk()
    log_in(qtbot, desk, "disp", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    keys = desk.window.page_keys()
    assert "system.account" in keys and "orders.all" in keys
    assert not {"system.staff", "system.audit", "system.branches"} & set(keys)
    assert not any(k.startswith("catalog.") for k in keys)


def test_first_run_creates_the_first_administrator(qtbot, start_desk):
    desk = start_desk()
    qtbot.waitUntil(lambda: getattr(desk, "first_run_dialog", None) is not None, timeout=10000)
    dialog = desk.first_run_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.username.setText("founder")
    dialog.display_name.setText("创始人")
    dialog.password.setText("Found1234")
    dialog.confirm.setText("Found1234")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert desk.login.username.text() == "founder"
    log_in(qtbot, desk, "founder", "Found1234")
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)


def test_first_run_refuses_a_weak_password_beside_the_field(qtbot, start_desk):
    desk = start_desk()
    qtbot.waitUntil(lambda: getattr(desk, "first_run_dialog", None) is not None, timeout=10000)
    dialog = desk.first_run_dialog
    dialog.username.setText("founder")
    dialog.display_name.setText("创始人")
    dialog.password.setText("weak")
    dialog.confirm.setText("weak")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    label = dialog.errors.fields["password"]
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert "8" in label.text()
    assert dialog.isVisible()


def test_a_reset_password_must_be_changed_before_the_window_opens(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        hq = make_staff(s, role="hq_admin", username="boss")
        user = make_staff(s, role="finance", username="fin")
        from tests.factories import actor

        staff.reset_password(s, actor=actor(hq), staff_id=user.id, new_password="Temp12345")
    desk = start_desk()
    log_in(qtbot, desk, "fin", "Temp12345")
    qtbot.waitUntil(lambda: getattr(desk, "password_dialog", None) is not None, timeout=10000)
    dialog = desk.password_dialog
    assert desk.window is None
    dialog.old.setText("Temp12345")
    dialog.new.setText("Mine12345")
    dialog.confirm.setText("Mine12345")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(qtbot, start_desk, admin):
    desk = start_desk()
    for _ in range(5):
        desk.login.error.hide()
        log_in(qtbot, desk, "boss", "wrong-pass1")
        qtbot.waitUntil(desk.login.error.isVisible, timeout=10000)
    assert "锁定" in desk.login.error.text()
    desk.login.error.hide()
    log_in(qtbot, desk, "boss", PASSWORD)
    qtbot.waitUntil(desk.login.error.isVisible, timeout=10000)
    assert "锁定" in desk.login.error.text() and desk.window is None


def test_the_login_dialog_switches_to_english(qtbot, start_desk, admin):
    desk = start_desk()
    desk.login.language.setCurrentIndex(desk.login.language.findData("en"))
    qtbot.waitUntil(lambda: desk.login.login_button.text() == "Log in", timeout=5000)
    log_in(qtbot, desk, "boss", "wrong-pass1")
    qtbot.waitUntil(desk.login.error.isVisible, timeout=10000)
    assert "Wrong user name or password" in desk.login.error.text()
    desk.set_language("zh_CN")
    qtbot.waitUntil(lambda: desk.login.login_button.text() == "登录", timeout=5000)


def test_logout_returns_to_the_login_dialog(qtbot, start_desk, admin):
    desk = start_desk()
    log_in(qtbot, desk, "boss", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    desk.window.logout()
    qtbot.waitUntil(lambda: desk.window is None and desk.login.isVisible(), timeout=10000)
    assert desk.login.password.text() == ""
    assert QApplication.instance() is not None
