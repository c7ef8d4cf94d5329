"""Workers & vetting → Workers and Expiring soon, driven through the widgets."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import AuditLog, Worker
from jiazheng_desk.services import pii
from jiazheng_desk.services.timeutil import local_day
from tests.booking_factories import give_certificate, make_worker, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff

TIMEOUT = 10_000
ID_NUMBER = "11010519491231002X"


def _open(qtbot, start_desk, live_db, role="vetting_officer"):
    today = local_day(clock.now(), "Asia/Shanghai")
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(s, role=role, branch=world.branch, username="vet", display_name="李审核")
        worker = make_worker(s, world, name="王芳")
        worker.gender = "female"
        worker.id_number_enc = pii.encrypt(ID_NUMBER)
        worker.id_number_suffix = "002X"
        give_certificate(s, worker, "健康证", today + timedelta(days=10))
        make_worker(s, world, name="李强")
        worker_id = worker.id
    desk = start_desk()
    log_in(qtbot, desk, "vet", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=TIMEOUT)
    page = desk.window.open_page("workers.records")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=TIMEOUT)
    return desk, page, worker_id


def _choose(qtbot, page, name):
    row = next(r for r in range(page.model.rowCount()) if page.model.item(r).name == name)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.current is not None and page.current.name == name, timeout=TIMEOUT)


def test_open_edit_suspend_and_reveal(qtbot, start_desk, live_db):
    _desk, page, worker_id = _open(qtbot, start_desk, live_db)
    # the list masks the ID number: stars and the last four only
    row = next(r for r in range(page.model.rowCount()) if page.model.item(r).name == "王芳")
    shown = page.model.data(page.model.index(row, 2))
    assert shown == "*" * 14 + "002X"
    _choose(qtbot, page, "王芳")
    profile = page.profile_tab
    assert profile.id_number.text() == "110***********002X"
    documents = page.documents_tab.table
    assert documents.rowCount() == 1 and documents.item(0, 5).text() == "还剩 10 天"

    # edit the profile
    profile.years.setValue(7)
    profile.address.setText("浦东新区张江路 1 号")
    profile.bank_name.setText("工商银行")
    profile.bank_account.setText("6222021234567890123")
    profile.save_button.click()
    qtbot.waitUntil(lambda: page.current.years_experience == 7, timeout=TIMEOUT)
    assert page.current.home_address == "浦东新区张江路 1 号"
    assert profile.bank_shown.text() == "**** **** 0123"
    # a bad phone is shown beside its field
    profile.phone.setText("123")
    profile.save_button.click()
    qtbot.waitUntil(profile.errors.fields["phone"].isVisible, timeout=TIMEOUT)

    # suspend with a reason
    assert page.suspend_button.isVisible()
    page.suspend_button.click()
    page.question.setTextValue("客户投诉待查")
    page.question.accept()
    qtbot.waitUntil(lambda: page.current.status == "suspended", timeout=TIMEOUT)
    assert "客户投诉待查" in page.state.text()
    assert page.suspend_button.text() == "恢复…"
    history = page.history_tab.table
    assert history.rowCount() == 1 and history.item(0, 5).text() == "客户投诉待查"
    qtbot.waitUntil(
        lambda: any(page.model.item(r).status == "suspended" for r in range(page.model.rowCount())),
        timeout=TIMEOUT,
    )

    # reveal the ID number: the clear value, and an audit row without it
    assert profile.show_id.isVisible()
    profile.show_id.click()
    qtbot.waitUntil(lambda: profile.id_number.text() == ID_NUMBER, timeout=TIMEOUT)
    with live_db.session() as s:
        rows = s.scalars(select(AuditLog).where(AuditLog.action == "worker.pii_reveal")).all()
        assert [json.loads(r.after_json) for r in rows] == [{"field": "id_number"}]
        assert rows[0].entity_id == worker_id and ID_NUMBER not in rows[0].after_json
        stored = s.get(Worker, worker_id)
        assert stored.years_experience == 7 and stored.status == "suspended"


def test_add_a_certificate_and_an_expired_one_is_refused(qtbot, start_desk, live_db):
    _desk, page, _worker_id = _open(qtbot, start_desk, live_db)
    _choose(qtbot, page, "李强")
    tab = page.documents_tab
    tab.add_button.click()
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    dialog.cert_type.setCurrentText("育婴师证")
    dialog.number.setText("YY-2026-001")
    dialog.issuer.setText("上海市人社局")
    dialog.expires_on.setDate(dialog.expires_on.date().addYears(-2))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    label = dialog.errors.fields["expires_on"]
    qtbot.waitUntil(label.isVisible, timeout=TIMEOUT)
    assert "不能登记或核验通过" in label.text()
    dialog.expires_on.setDate(dialog.expires_on.date().addYears(3))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=TIMEOUT)
    assert tab.table.item(0, 1).text() == "育婴师证"
    assert tab.table.item(0, 6).text() == "未审核"
    tab.table.selectRow(0)
    tab.verify_button.click()
    qtbot.waitUntil(lambda: page.current.documents[0].status == "verified", timeout=TIMEOUT)
    assert tab.table.item(0, 7).text() == "李审核"


def test_the_expiring_list_shows_the_certificate(qtbot, start_desk, live_db):
    desk, _page, _worker_id = _open(qtbot, start_desk, live_db)
    page = desk.window.open_page("workers.expiring")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=TIMEOUT)
    assert page.table.item(0, 1).text() == "还剩 10 天"
    assert page.table.item(0, 2).text() == "王芳"
    assert page.table.item(0, 4).text() == "健康证"
    page.days.setValue(5)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=TIMEOUT)


def test_a_dispatcher_sees_the_record_but_no_show_button(qtbot, start_desk, live_db):
    _desk, page, _worker_id = _open(qtbot, start_desk, live_db, role="dispatcher")
    _choose(qtbot, page, "王芳")
    profile = page.profile_tab
    assert profile.id_number.text() == "110***********002X"
    assert profile.show_id.isHidden() and profile.save_button.isHidden()
    assert page.suspend_button.isHidden()
    assert page.documents_tab.add_button.isHidden()
