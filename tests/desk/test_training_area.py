"""Training pages driven through the widgets: a course, an enrolment, a passing score, a
higher level; needs and results lists; the Excel export."""

from __future__ import annotations

from datetime import UTC, datetime

import openpyxl
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import WorkerSkill
from jiazheng_desk.services import training
from tests.booking_factories import make_worker, make_world
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, actor, make_staff
from tests.training_factories import make_course

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def _start(qtbot, start_desk, live_db, role="hq_admin"):
    clock.freeze(NOW)
    with live_db.session(write=True) as s:
        world = make_world(s)
        make_staff(s, role=role, branch=world.branch, username="boss", display_name="王经理")
        worker = make_worker(s, world, name="张秀英", level=2)
        ids = {"branch": world.branch.id, "skill": world.skill.id, "worker": worker.id}
        ids["phone"] = worker.phone
    desk = start_desk()
    log_in(qtbot, desk, "boss", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    return desk, ids


def _titles(model):
    return [model.item(r).title for r in range(model.rowCount())]


def test_create_enrol_pass_and_the_level_rises(qtbot, start_desk, live_db):
    desk, ids = _start(qtbot, start_desk, live_db)
    page = desk.window.open_page("training.courses")
    qtbot.waitUntil(lambda: bool(page.skills) and not page.model.is_loading, timeout=10000)

    page.new_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.title.setText("母婴护理进阶")
    dialog.mode.setCurrentIndex(dialog.mode.findData("online"))
    assert dialog.video.isEnabled() and not dialog.seats.isEnabled()
    qtbot.keyClicks(dialog.video, "https://video.example.com/muying")
    dialog.branch.setCurrentIndex(dialog.branch.findData(ids["branch"]))
    dialog.skill.setCurrentIndex(dialog.skill.findData(ids["skill"]))
    dialog.raises.setCurrentIndex(dialog.raises.findData(4))
    dialog.pass_mark.setValue(70)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "母婴护理进阶" in _titles(page.model), timeout=10000)
    assert not dialog.isVisible()

    page.table.selectRow(_titles(page.model).index("母婴护理进阶"))
    panel = page.panel
    qtbot.waitUntil(lambda: "1" in panel.summary.text(), timeout=10000)  # for 1 worker
    panel.enrol_button.click()
    enrol = panel.dialog
    qtbot.keyClicks(enrol.search, ids["phone"][-5:])
    qtbot.waitUntil(lambda: len(enrol.hits) == 1, timeout=10000)
    assert enrol.table.item(0, 0).text() == "张秀英"
    assert enrol.table.item(0, 4).text() == "是"  # the course is for her
    enrol.enrol_button.click()
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=10000)
    assert panel.table.item(0, 2).text() == "已报名"
    assert not panel.attend_button.isVisible()  # online: no attendance

    panel.table.selectRow(0)
    assert panel.score_button.isEnabled()
    panel.score_button.click()
    panel.question.setIntValue(70)  # the pass mark itself passes
    panel.question.accept()
    qtbot.waitUntil(lambda: panel.last_change is not None, timeout=10000)
    assert (panel.last_change.state, panel.last_change.score) == ("passed", 70)
    qtbot.waitUntil(lambda: panel.table.item(0, 2).text() == "已通过", timeout=10000)
    assert "4" in panel.info.text()
    with live_db.session() as s:
        level = s.scalar(
            select(WorkerSkill.level).where(
                WorkerSkill.worker_id == ids["worker"], WorkerSkill.skill_id == ids["skill"]
            )
        )
    assert level == 4


def test_a_refused_course_keeps_the_form_open_with_the_message_beside_the_field(
    qtbot, start_desk, live_db
):
    desk, _ids = _start(qtbot, start_desk, live_db)
    page = desk.window.open_page("training.courses")
    page.new_button.click()
    dialog = page.dialog
    dialog.title.setText("安全规范")
    dialog.mode.setCurrentIndex(dialog.mode.findData("online"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    label = dialog.errors.fields["video_url"]
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert "视频链接" in label.text()
    assert dialog.isVisible() and dialog.title.text() == "安全规范"


def test_offline_attendance_push_needs_results_and_export(
    qtbot, start_desk, live_db, tmp_path, monkeypatch
):
    desk, ids = _start(qtbot, start_desk, live_db)
    with live_db.session(write=True) as s:
        from jiazheng_desk.models import Branch

        course = make_course(
            s, s.get(Branch, ids["branch"]), title="养老护理", skill_id=ids["skill"], seats=3
        )
        course_id = course.id
    page = desk.window.open_page("training.courses")
    qtbot.waitUntil(lambda: "养老护理" in _titles(page.model), timeout=10000)
    page.table.selectRow(_titles(page.model).index("养老护理"))
    page.push_button.click()
    qtbot.waitUntil(lambda: getattr(page, "last_push", None) is not None, timeout=10000)
    assert page.last_push.notified == 1

    needs = desk.window.open_page("training.needs")
    qtbot.waitUntil(lambda: needs.needs.rowCount() == 1, timeout=10000)
    assert needs.needs.item(0).worker_name == "张秀英"

    with live_db.session(write=True) as s:
        boss = actor(make_staff(s, role="hq_admin", display_name="李老师"))
        e = training.enroll_worker(s, actor=boss, course_id=course_id, worker_id=ids["worker"])
    panel = page.panel
    panel.reload()
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=10000)
    panel.table.selectRow(0)
    assert not panel.score_button.isEnabled()  # offline: attendance first
    panel.attend_button.click()
    qtbot.waitUntil(lambda: panel.rows and panel.rows[0].state == "attended", timeout=10000)
    panel.table.selectRow(0)
    panel.score_button.click()
    panel.question.setIntValue(59)
    panel.question.accept()
    qtbot.waitUntil(lambda: panel.rows and panel.rows[0].state == "failed", timeout=10000)
    assert panel.rows[0].id == e.id

    results = desk.window.open_page("training.results")
    qtbot.waitUntil(lambda: results.model.rowCount() == 1, timeout=10000)
    assert results.model.data(results.model.index(0, 5)) == "59"
    assert results.model.data(results.model.index(0, 7)) == "未通过"
    target = tmp_path / "成绩.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    results.export_button.click()
    qtbot.waitUntil(lambda: results.exporter.message is not None, timeout=10000)
    sheet = openpyxl.load_workbook(target).active
    assert [sheet.cell(2, c).value for c in (1, 2, 5, 7)] == ["养老护理", "张秀英", 59, "未通过"]
    # the failed worker needs the course again
    qtbot.waitUntil(lambda: needs.needs.rowCount() == 1, timeout=10000)
    assert needs.needs.item(0).state == "failed"


def test_cancelling_the_save_dialog_writes_nothing(qtbot, start_desk, live_db, monkeypatch):
    desk, _ids = _start(qtbot, start_desk, live_db)
    results = desk.window.open_page("training.results")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    results.export_button.click()
    assert not results.exporter.running and results.exporter.message is None


def test_a_dispatcher_has_no_training_pages(qtbot, start_desk, live_db):
    desk, _ids = _start(qtbot, start_desk, live_db, role="dispatcher")
    assert not [k for k in desk.window.page_keys() if k.startswith("training.")]
