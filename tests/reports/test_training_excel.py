"""Training results and the who-needs list as Excel: read back with openpyxl, cell by cell."""

from __future__ import annotations

from datetime import UTC, datetime

import openpyxl
import pytest

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language
from jiazheng_desk.reports.training_excel import export_training_excel
from jiazheng_desk.services import training
from jiazheng_desk.services.errors import PermissionDenied
from tests.booking_factories import make_worker, make_world
from tests.factories import actor, make_staff
from tests.training_factories import offline

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _setup():
    clock.freeze(NOW)
    set_language("zh_CN")


@pytest.fixture
def course(db):
    world = make_world(db)
    officer = actor(
        make_staff(db, role="vetting_officer", branch=world.branch, display_name="李老师")
    )
    view = training.create_course(
        db, actor=officer, data=offline(title="养老护理", skill_id=world.skill.id, pass_mark=70)
    )
    names = ("王芳", "李娜", "张敏", "刘洋")
    workers = [make_worker(db, world, name=n) for n in names]
    for worker, score in zip(workers[:3], (70, 69, 95), strict=True):
        e = training.enroll_worker(db, actor=officer, course_id=view.id, worker_id=worker.id)
        training.record_attendance(db, actor=officer, enrollment_id=e.id)
        training.record_exam(db, actor=officer, enrollment_id=e.id, score=score)
    return world, officer, view, workers


def test_results_per_course_are_written_cell_by_cell(db, course, tmp_path):
    _world, officer, view, workers = course
    path = tmp_path / "results.xlsx"
    done = export_training_excel(db, actor=officer, kind="results", course_id=view.id, path=path)
    assert done.rows == 3
    sheet = openpyxl.load_workbook(path)["考试成绩"]
    header = [c.value for c in sheet[1]]
    assert header == [
        "课程",
        "服务人员",
        "手机号",
        "门店",
        "成绩",
        "及格分",
        "结果",
        "录入人",
        "考试时间",
    ]
    rows = {sheet.cell(r, 2).value: [c.value for c in sheet[r]] for r in range(2, 5)}
    assert rows["王芳"][4:8] == [70, 70, "通过", "李老师"]  # the pass mark itself passes
    assert rows["李娜"][4:7] == [69, 70, "未通过"]
    assert rows["张敏"][0] == "养老护理" and rows["张敏"][2] == workers[2].phone
    taken = sheet.cell(2, 9)
    assert taken.value == datetime(2026, 11, 20, 9, 0)  # Shanghai time, no zone
    assert taken.number_format == "yyyy-mm-dd hh:mm"
    assert sheet.cell(5, 1).value == "合计 3 行"


def test_the_who_needs_list_names_the_failed_and_the_never_enrolled(db, course, tmp_path):
    _world, officer, view, _workers = course
    path = tmp_path / "needs.xlsx"
    done = export_training_excel(db, actor=officer, kind="needs", course_id=view.id, path=path)
    assert done.rows == 2
    sheet = openpyxl.load_workbook(path)["待培训"]
    assert [c.value for c in sheet[1]] == [
        "课程",
        "服务人员",
        "手机号",
        "门店",
        "从业年限",
        "人员状态",
        "培训状态",
    ]
    found = {sheet.cell(r, 2).value: [c.value for c in sheet[r]] for r in (2, 3)}
    assert found["李娜"][4:] == [0, "在岗", "未通过"]
    assert found["刘洋"][4:] == [0, "在岗", "未报名"]


def test_a_dispatcher_cannot_export(db, course, tmp_path):
    world, _officer, view, _workers = course
    dispatcher = actor(make_staff(db, role="dispatcher", branch=world.branch))
    path = tmp_path / "no.xlsx"
    with pytest.raises(PermissionDenied):
        export_training_excel(db, actor=dispatcher, kind="results", course_id=view.id, path=path)
    assert not path.exists()
