"""Customers area and the customer picker, driven through the widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from jiazheng_desk.views.customers.picker import CustomerPicker
from tests.customer_factories import make_customer
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_branch, make_staff

TIMEOUT = 10_000


def _open_page(qtbot, start_desk, live_db, role="dispatcher"):
    with live_db.session(write=True) as s:
        branch = make_branch(s, name="浦东分公司", code="PD", districts=("浦东新区", "张江"))
        make_staff(s, role=role, branch=branch, username="disp", display_name="小调度")
        make_customer(s, name="张伟", phone="13912345678", branch=branch, address="世纪大道 1 号")
        make_customer(s, name="李娜", phone="13887654321", branch=branch)
    desk = start_desk()
    log_in(qtbot, desk, "disp", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=TIMEOUT)
    page = desk.window.open_page("customers.customers")
    qtbot.waitUntil(lambda: bool(page.districts), timeout=TIMEOUT)
    return desk, page


def _hit_names(table):
    return [h.name for h in table.hits]


def test_search_by_phone_digits_and_enter_opens_the_profile(qtbot, start_desk, live_db):
    _desk, page = _open_page(qtbot, start_desk, live_db)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "5678")
    qtbot.waitUntil(lambda: _hit_names(page.hits) == ["张伟"], timeout=TIMEOUT)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.current is not None, timeout=TIMEOUT)
    assert page.current.name == "张伟" and "13912345678" in page.title.text()
    assert page.right.currentIndex() == 1
    assert page.address_tab.table.rowCount() == 1
    assert page.address_tab.table.item(0, 1).text() == "世纪大道 1 号"
    # a dispatcher may not freeze or close (README's role map)
    assert page.freeze_button.isHidden() and page.close_button.isHidden()

    page.search.setText("")
    qtbot.keyClicks(page.search, "ln")  # pinyin initials of 李娜
    qtbot.waitUntil(lambda: _hit_names(page.hits) == ["李娜"], timeout=TIMEOUT)


def test_enter_right_after_typing_waits_for_the_answer(qtbot, start_desk, live_db):
    _desk, page = _open_page(qtbot, start_desk, live_db)
    qtbot.keyClicks(page.search, "7654")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # before the debounce ran
    qtbot.waitUntil(lambda: page.current is not None, timeout=TIMEOUT)
    assert page.current.name == "李娜"


def test_create_a_customer_with_an_address_and_find_them_again(qtbot, start_desk, live_db):
    _desk, page = _open_page(qtbot, start_desk, live_db)
    qtbot.keyClicks(page.search, "13600001111")
    qtbot.waitUntil(lambda: "13600001111" in page.count.text(), timeout=TIMEOUT)
    page.new_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    assert dialog.phone.text() == "13600001111"  # taken from the search box
    dialog.name.setText("王芳")  # QtTest types ASCII only
    dialog.gender.setCurrentIndex(dialog.gender.findData("female"))
    dialog.district.setCurrentIndex(1)
    dialog.address.setText("张江路 88 弄 3 号 502")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.name == "王芳", timeout=TIMEOUT
    )
    (address,) = page.current.addresses
    assert address.address_text == "张江路 88 弄 3 号 502" and address.is_default
    assert address.district_name == dialog.district.currentText()

    page.search.setText("")
    qtbot.keyClicks(page.search, "wf")
    qtbot.waitUntil(lambda: _hit_names(page.hits) == ["王芳"], timeout=TIMEOUT)
    assert page.hits.item(0, 1).text() == "13600001111"


def test_a_bad_phone_and_a_duplicate_are_shown_beside_the_field(qtbot, start_desk, live_db):
    _desk, page = _open_page(qtbot, start_desk, live_db)
    page.new_customer()
    dialog = page.dialog
    qtbot.keyClicks(dialog.phone, "12345")
    dialog.name.setText("某人")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    label = dialog.errors.fields["phone"]
    qtbot.waitUntil(label.isVisible, timeout=TIMEOUT)
    assert "11" in label.text()
    dialog.phone.setText("13912345678")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "张伟" in label.text(), timeout=TIMEOUT)
    assert dialog.open_existing.isVisible()
    dialog.open_existing.click()
    qtbot.waitUntil(lambda: page.current is not None, timeout=TIMEOUT)
    assert page.current.name == "张伟"


def test_a_manager_freezes_and_the_state_shows(qtbot, start_desk, live_db):
    _desk, page = _open_page(qtbot, start_desk, live_db, role="branch_manager")
    qtbot.keyClicks(page.search, "13912345678")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.current is not None, timeout=TIMEOUT)
    assert page.freeze_button.isVisible() and page.close_button.isHidden()  # HQ closes
    page.freeze_button.click()
    page.question.setTextValue("多次爽约")
    page.question.accept()
    qtbot.waitUntil(lambda: page.current.status == "frozen", timeout=TIMEOUT)
    assert "多次爽约" in page.state.text()
    # the list shows the new state after the change
    qtbot.waitUntil(
        lambda: page.hits.hits and page.hits.hits[0].status == "frozen", timeout=TIMEOUT
    )
    assert page.freeze_button.text() != "Freeze…"


def test_the_picker_emits_the_chosen_and_the_registered_customer(qtbot, start_desk, live_db):
    desk, page = _open_page(qtbot, start_desk, live_db)
    picker = CustomerPicker(page.ctx)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: bool(picker.districts), timeout=TIMEOUT)
    picker.field.setFocus()
    qtbot.keyClicks(picker.field, "zw")
    qtbot.waitUntil(lambda: _hit_names(picker.hits) == ["张伟"], timeout=TIMEOUT)
    with qtbot.waitSignal(picker.customer_chosen, timeout=TIMEOUT) as chosen:
        qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    detail = chosen.args[0]
    assert detail.name == "张伟" and detail.default_address.address_text == "世纪大道 1 号"

    picker.set_text("13700002222")
    qtbot.waitUntil(picker.new_form.isVisible, timeout=TIMEOUT)
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)
    assert picker.new_name.hasFocus()
    picker.new_name.setText("赵六")
    picker.new_address.setText("川沙路 5 号")
    with qtbot.waitSignal(picker.customer_chosen, timeout=TIMEOUT) as registered:
        picker.register_button.click()
    detail = registered.args[0]
    assert (detail.name, detail.phone, detail.channel) == ("赵六", "13700002222", "phone")
    assert detail.default_address.address_text == "川沙路 5 号"
    picker.clear()
    assert picker.text() == "" and picker.new_form.isHidden()
    qtbot.waitUntil(lambda: desk.runner.pending_count == 0, timeout=TIMEOUT)
