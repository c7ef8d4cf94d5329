"""tasks.py: work runs off the GUI thread, errors reach one handler, stale results are dropped."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.tasks import TaskFailure, TaskRunner


@pytest.fixture
def runner(qtbot, live_db):
    r = TaskRunner(live_db)
    yield r
    qtbot.waitUntil(lambda: r.pending_count == 0, timeout=10000)
    r.wait_for_threads()


def test_a_slow_query_does_not_block_the_event_loop(qtbot, runner):
    release = threading.Event()
    ticks = []
    results = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()

    def slow_query(session):
        assert threading.current_thread() is not threading.main_thread()
        release.wait(10)
        return session.connection().exec_driver_sql("SELECT 42").scalar()

    runner.run_query(slow_query, on_done=results.append)
    # the GUI thread keeps turning while the query is held up in the pool
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)
    assert results == []
    release.set()
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    timer.stop()


def test_a_domain_error_reaches_the_error_handler_with_its_message(qtbot, runner):
    def refuse(session):
        raise ValidationError("auth.weak_password", field="password", min=8)

    with qtbot.waitSignal(runner.failed, timeout=5000) as signal:
        runner.run_command(refuse)
    failure: TaskFailure = signal.args[0]
    assert failure.expected and "8" in failure.message
    assert isinstance(failure.error, ValidationError)


def test_a_bug_is_logged_and_shown_without_a_traceback(qtbot, runner):
    def broken(session):
        raise RuntimeError("boom")

    with qtbot.waitSignal(runner.failed, timeout=5000) as signal:
        runner.run_query(broken)
    failure: TaskFailure = signal.args[0]
    assert not failure.expected
    assert "Traceback" not in failure.message and "boom" not in failure.message


def test_on_error_takes_the_error_instead_of_the_handler(qtbot, runner):
    seen = []
    handler_calls = []
    runner.failed.connect(handler_calls.append)
    runner.run_query(lambda s: 1 / 0, on_error=seen.append)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    assert handler_calls == []


def test_a_stale_result_is_dropped(qtbot, runner):
    release_old = threading.Event()
    delivered = []

    def old(session):
        release_old.wait(10)
        return "old"

    runner.run_query(old, on_done=delivered.append, key="filter")
    runner.run_query(lambda s: "new", on_done=delivered.append, key="filter")
    qtbot.waitUntil(lambda: delivered == ["new"], timeout=5000)
    release_old.set()
    qtbot.waitUntil(lambda: runner.pending_count == 0, timeout=5000)
    assert delivered == ["new"]


def test_a_command_broadcasts_what_it_changed(qtbot, runner):
    with qtbot.waitSignal(runner.changed, timeout=5000) as signal:
        runner.run_command(lambda s: None, changes={"staff"})
    assert signal.args[0] == frozenset({"staff"})


def test_commands_commit_and_queries_see_it(qtbot, runner):
    from jiazheng_desk.models import Branch

    done = []
    runner.run_command(
        lambda s: s.add(Branch(code="T1", name="任务门店", city="上海")), on_done=done.append
    )
    qtbot.waitUntil(lambda: len(done) == 1, timeout=5000)
    names = []
    runner.run_query(
        lambda s: s.query(Branch.name).filter_by(code="T1").scalar(), on_done=names.append
    )
    qtbot.waitUntil(lambda: names == ["任务门店"], timeout=5000)


def test_a_lost_database_is_reported_as_a_connection_change(qtbot):
    from jiazheng_desk.db import Database, make_engine

    runner = TaskRunner(Database(make_engine("mysql+pymysql://root@127.0.0.1:1/nowhere")))
    runner.note_connection(True)
    failures = []
    with qtbot.waitSignal(runner.connection_changed, timeout=10000) as signal:
        runner.run_query(lambda s: s.connection(), on_error=failures.append)
    assert signal.args == [False]
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert failures[0].expected and failures[0].connection_lost
    runner.wait_for_threads()


def test_a_closed_runner_drops_the_answers_still_queued(qtbot, live_db):
    """An answer queued behind the desk's shutdown never reaches the torn-down widgets."""
    runner = TaskRunner(live_db)
    results = []
    runner.run_query(lambda session: 1, on_done=results.append)
    runner.wait_for_threads()  # done in the pool; the answer waits in the event queue
    runner.close()
    qtbot.wait(50)
    assert results == []
    runner.run_query(lambda session: 2, on_done=results.append)
    runner.wait_for_threads()
    qtbot.wait(50)
    assert results == []
