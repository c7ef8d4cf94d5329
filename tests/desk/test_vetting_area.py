"""Workers & vetting → Applications and Blacklist, driven through the widgets: open a
case, run the checks, look at a photo, approve with skills — and dispatch then offers the
worker for those services."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from jiazheng_desk import clock
from jiazheng_desk.config import default_paths
from jiazheng_desk.models import CustomerAddress, ServiceItem, StaffUser
from jiazheng_desk.services import dispatch
from jiazheng_desk.services.auth import actor_for
from tests.booking_factories import local, make_customer, make_order, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff
from tests.vetting_factories import apply

DAY = date(2026, 11, 23)


def _setup(live_db, *, name: str, id_number: str, real_photos: bool = False):
    clock.freeze(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(
            s, role="vetting_officer", branch=world.branch, username="vetter", display_name="审核员"
        )
        applied = apply(
            s,
            world,
            name=name,
            id_number=id_number,
            media_dir=default_paths().media_dir if real_photos else None,
        )
        _customer, address = make_customer(s, world)
        dispatcher = make_staff(s, role="dispatcher", branch=world.branch, username="disp")
        return {
            "branch": world.branch.id,
            "skill": world.skill.id,
            "district": world.district.id,
            "worker": applied.worker.id,
            "item": world.item.id,
            "address": address.id,
            "dispatcher": dispatcher.id,
        }


def _open_queue(qtbot, start_desk):
    desk = start_desk()
    log_in(qtbot, desk, "vetter", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    page = desk.window.open_page("vetting.queue")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.panel.case is not None, timeout=10000)
    return desk, page


def _results(panel) -> dict[str, str]:
    return {c.kind: c.result for c in panel.case.checks}


def _select_check(panel, kind: str) -> None:
    for row in range(panel.checks.rowCount()):
        if panel.checks.item(row, 0).data(Qt.ItemDataRole.UserRole) == kind:
            panel.checks.selectRow(row)
            return
    raise AssertionError(kind)


def test_open_a_case_run_the_checks_approve_and_the_worker_is_a_candidate(
    qtbot, start_desk, live_db
):
    # 王芳 is one of the identity sandbox's people, so the real-name check passes
    ids = _setup(live_db, name="王芳", id_number="310104198506122348", real_photos=True)
    skill_id, district_id, worker_id = ids["skill"], ids["district"], ids["worker"]
    _desk, page = _open_queue(qtbot, start_desk)
    panel = page.panel
    assert panel.case.name == "王芳" and panel.case.id_number_masked == "310***********2348"
    assert "310104198506122348" not in panel.info.text()
    assert panel.take_button.isEnabled()
    panel.take_button.click()
    qtbot.waitUntil(lambda: panel.case.state == "under_review", timeout=10000)

    # a photo of the ID card: shown, rotated, zoomed
    panel.tabs.setCurrentIndex(1)
    panel.documents.selectRow(0)
    qtbot.waitUntil(lambda: panel.photo.item is not None, timeout=10000)
    panel.photo.rotate_right.click()
    assert panel.photo.rotation == 90 and panel.photo.item.rotation() == 90
    before = panel.photo.zoom
    panel.photo.zoom_in.click()
    assert panel.photo.zoom > before

    panel.tabs.setCurrentIndex(0)
    panel.run_all_button.click()
    qtbot.waitUntil(lambda: _results(panel)["background"] != "pending", timeout=10000)
    results = _results(panel)
    assert all(
        results[k] == "passed"
        for k in ("id_number", "duplicate", "blacklist", "background", "identity", "training")
    ), results
    assert results["interview"] == "pending"
    row = [c.kind for c in panel.case.checks].index("identity")
    assert panel.checks.item(row, 3).text() == "审核员"

    _select_check(panel, "interview")
    assert not panel.run_button.isEnabled()  # recorded by the officer, not run
    panel.interview_button.click()
    dialog = panel.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.video.setChecked(True)
    dialog.notes.setPlainText("表达清楚，有五年经验")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: _results(panel)["interview"] == "passed", timeout=10000)
    assert panel.case.blocking == ()

    panel.approve_button.click()
    qtbot.waitUntil(
        lambda: getattr(panel.dialog, "objectName", lambda: "")() == "approveDialog", timeout=10000
    )
    dialog = panel.dialog
    assert dialog.skill_items[skill_id].checkState() == Qt.CheckState.Checked  # as asked
    dialog.levels[skill_id].setValue(3)
    assert dialog.district_boxes[district_id].isChecked()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: panel.case.state == "approved", timeout=10000)
    assert "审核员" in panel.decision.text()
    assert not panel.approve_button.isEnabled() and not panel.run_all_button.isEnabled()

    with live_db.session(write=True) as s:
        item = s.get(ServiceItem, ids["item"])
        address = s.get(CustomerAddress, ids["address"])
        world = SimpleNamespace(branch=SimpleNamespace(id=ids["branch"]), item=item)
        order = make_order(s, world, local(DAY, 10), item=item, address=address)
        dispatcher = actor_for(s.get(StaffUser, ids["dispatcher"]))
        found = dispatch.candidates(s, order_id=order.id, actor=dispatcher)
        assert worker_id in [c.worker_id for c in found]


def test_an_unanswered_gateway_looks_different_and_blocks_approval(qtbot, start_desk, live_db):
    # 钱多多 is the sandboxes' silent person: neither the background nor the identity
    # check answers
    _setup(live_db, name="钱多多", id_number="320583197802153450")
    _desk, page = _open_queue(qtbot, start_desk)
    panel = page.panel
    panel.run_all_button.click()
    qtbot.waitUntil(lambda: _results(panel)["background"] != "pending", timeout=10000)
    assert _results(panel)["background"] == "not_answered"
    assert _results(panel)["identity"] == "not_answered"
    row = [c.kind for c in panel.case.checks].index("background")
    result = panel.checks.item(row, 1)
    assert result.text() == "⚠ 未应答，请重试"
    passed_row = [c.kind for c in panel.case.checks].index("duplicate")
    assert result.foreground().color() != panel.checks.item(passed_row, 1).foreground().color()
    # retry one check alone: still no answer, still not passed
    _select_check(panel, "background")
    assert panel.run_button.isEnabled()
    panel.approve_button.click()
    qtbot.waitUntil(
        lambda: getattr(panel.dialog, "objectName", lambda: "")() == "approveDialog", timeout=10000
    )
    dialog = panel.dialog
    assert "背景调查" in dialog.intro.text()
    assert not dialog.override.isEnabled()  # a vetting officer cannot override
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(dialog.errors.general.isVisible, timeout=10000)
    assert "总部" in dialog.errors.general.text()
    assert panel.case.state == "new"
    dialog.reject()


def test_blacklist_add_and_release(qtbot, start_desk, live_db):
    _setup(live_db, name="赵丽", id_number="110105198203150025")
    desk = start_desk()
    log_in(qtbot, desk, "vetter", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    page = desk.window.open_page("vetting.blacklist")
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10000)
    assert page.model.rowCount() == 0
    page.add_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.name.setText("赵丽")
    qtbot.keyClicks(dialog.id_number, "110105198203150025")
    dialog.reason_type.setCurrentIndex(dialog.reason_type.findData("fraud"))
    dialog.evidence.setPlainText("伪造健康证")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    assert page.model.data(page.model.index(0, 3)) == "欺诈"
    # the applicant with that number now fails the blacklist check
    queue = desk.window.open_page("vetting.queue")
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=10000)
    queue.table.selectRow(0)
    qtbot.waitUntil(lambda: queue.panel.case is not None, timeout=10000)
    _select_check(queue.panel, "blacklist")
    queue.panel.run_button.click()
    qtbot.waitUntil(lambda: _results(queue.panel)["blacklist"] == "failed", timeout=10000)

    desk.window.open_page("vetting.blacklist")
    page.table.selectRow(0)
    assert page.release_button.isEnabled()
    page.release_button.click()
    page.question.setTextValue("核实为误录")
    page.question.accept()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10000)
    page.show_released.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    assert "审核员" in page.model.data(page.model.index(0, 7))
