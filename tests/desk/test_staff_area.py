"""System → Staff and System → Audit log, driven through the widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_branch, make_staff


def _open_main(qtbot, start_desk, live_db):
    with live_db.session(write=True) as s:
        make_staff(s, role="hq_admin", username="boss", display_name="王经理")
        make_branch(s, name="浦东分公司", code="PD")
    desk = start_desk()
    log_in(qtbot, desk, "boss", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    page = desk.window.open_page("system.staff")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and len(page.branches) == 1, timeout=10000)
    return desk, page


def _usernames(page):
    return [page.model.item(r).username for r in range(page.model.rowCount())]


def test_creating_staff_shows_it_in_the_list_and_in_the_audit_log(qtbot, start_desk, live_db):
    desk, page = _open_main(qtbot, start_desk, live_db)
    page.new_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.username, "zhang.wei")
    dialog.display_name.setText("张伟")  # QtTest types ASCII only
    dialog.role.setCurrentIndex(dialog.role.findData("dispatcher"))
    dialog.branch.setCurrentIndex(dialog.branch.findText("浦东分公司"))
    qtbot.keyClicks(dialog.phone, "13912345678")
    qtbot.keyClicks(dialog.password, "Start1234")
    qtbot.keyClicks(dialog.confirm, "Start1234")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "zhang.wei" in _usernames(page), timeout=10000)
    row = _usernames(page).index("zhang.wei")
    assert page.model.data(page.model.index(row, 1)) == "张伟"
    assert page.model.data(page.model.index(row, 2)) == "调度员"
    assert page.model.data(page.model.index(row, 3)) == "浦东分公司"
    assert page.model.data(page.model.index(row, 5)) == "需修改密码"

    audit = desk.window.open_page("system.audit")

    def created_rows():
        return [
            audit.model.item(r)
            for r in range(audit.model.rowCount())
            if audit.model.item(r).action == "staff.create"
        ]

    qtbot.waitUntil(lambda: len(created_rows()) == 1, timeout=10000)
    entry = created_rows()[0]
    assert entry.after["username"] == "zhang.wei" and entry.actor_name == "王经理"
    row = [audit.model.item(r) for r in range(audit.model.rowCount())].index(entry)
    assert audit.model.data(audit.model.index(row, 4)) == "新建员工"
    audit.table.selectRow(row)
    qtbot.waitUntil(lambda: audit.detail.rowCount() > 0, timeout=5000)
    fields = [audit.detail.item(r, 0).text() for r in range(audit.detail.rowCount())]
    assert "username" in fields


def test_a_bad_user_name_is_shown_beside_the_field(qtbot, start_desk, live_db):
    _desk, page = _open_main(qtbot, start_desk, live_db)
    page.new_button.click()
    dialog = page.dialog
    qtbot.keyClicks(dialog.username, "no spaces allowed")
    dialog.display_name.setText("某人")
    qtbot.keyClicks(dialog.password, "Start1234")
    qtbot.keyClicks(dialog.confirm, "Start1234")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    label = dialog.errors.fields["username"]
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert "用户名" in label.text()
    assert dialog.isVisible()  # nothing lost: the form stays open with what was typed
    assert dialog.display_name.text() == "某人"


def test_deactivate_and_reset_password_from_the_list(qtbot, start_desk, live_db):
    _desk, page = _open_main(qtbot, start_desk, live_db)
    with live_db.session(write=True) as s:
        make_staff(s, role="finance", username="cashier", display_name="出纳")
    page.reload()
    qtbot.waitUntil(lambda: "cashier" in _usernames(page), timeout=10000)
    page.table.selectRow(_usernames(page).index("cashier"))
    assert page.reset_button.isEnabled()
    page.reset_button.click()
    page.question.setTextValue("Reset1234")
    page.question.accept()
    qtbot.waitUntil(lambda: getattr(page, "last_info", None) is not None, timeout=10000)
    assert "Reset1234" in page.last_info.text()
    page.last_info.accept()
    # the list reloads after the change and keeps the selection
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10000)
    assert page.selected() is not None and page.selected().username == "cashier"

    page.table.selectRow(_usernames(page).index("cashier"))
    page.toggle_button.click()
    page.question.setTextValue("离职")
    page.question.accept()
    qtbot.waitUntil(lambda: "cashier" not in _usernames(page), timeout=10000)
    page.show_inactive.setChecked(True)
    qtbot.waitUntil(lambda: "cashier" in _usernames(page), timeout=10000)
    row = _usernames(page).index("cashier")
    assert page.model.data(page.model.index(row, 5)) == "已停用"
    color = page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
    assert color is not None


def test_search_filters_in_the_database(qtbot, start_desk, live_db):
    _desk, page = _open_main(qtbot, start_desk, live_db)
    with live_db.session(write=True) as s:
        for i in range(3):
            make_staff(s, role="dispatcher", username=f"disp{i}", display_name=f"调度{i}")
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=10000)
    page.search.setText("调度1")
    qtbot.waitUntil(lambda: _usernames(page) == ["disp1"], timeout=10000)
    assert page.count.text() == "共 1 名员工"
