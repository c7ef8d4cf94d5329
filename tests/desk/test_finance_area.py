"""Finance in the desk: approve a refund request from the queue and see the balances move;
a new refund at the desk; the payments list exported to Excel; the split on an order."""

from __future__ import annotations

from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import Refund
from tests.booking_factories import local
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff
from tests.finance_factories import DAY, cancel, finish, make_fin_world, new_order, pay


def _seed(live_db):
    clock.freeze(local(DAY, 7))
    with live_db.session(write=True) as s:
        fw = make_fin_world(s)
        make_staff(s, role="finance", branch=fw.world.branch, username="cashier")
        done = new_order(s, fw, hour=9)
        pay(s, done)
        finish(s, done)
        clock.freeze(local(DAY, 7))
        later = new_order(s, fw, hour=15, day=DAY + timedelta(days=3))
        pay(s, later)
        cancel(s, fw, later)
        return fw.worker.id, fw.world.branch.id, done.order_no, later.order_no


def _balance(page, code):
    for b in page.balances:
        if b.code == code:
            return b.held_fen
    return None


def test_approve_a_refund_from_the_queue_and_see_the_balances(qtbot, start_desk, live_db, tmp_path):
    worker_id, branch_id, done_no, cancelled_no = _seed(live_db)
    desk = start_desk()
    log_in(qtbot, desk, "cashier", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)

    balances = desk.window.open_page("finance.balances")
    qtbot.waitUntil(lambda: bool(balances.balances), timeout=10000)
    # a branch's finance sees its branch and its workers, not the platform's accounts
    assert {b.kind for b in balances.balances} == {"worker", "branch"}
    assert _balance(balances, f"worker:{worker_id}") == 14_000
    # the cancelled order's payment is still shared out until its refund goes back
    assert _balance(balances, f"branch:{branch_id}") == 3_200 + 14_400

    payments = desk.window.open_page("finance.payments")
    qtbot.waitUntil(lambda: len(payments.payments) == 2 and len(payments.queue) == 1, timeout=10000)
    assert payments.queue[0].order_no == cancelled_no
    assert payments.queue[0].amount_fen == 20_000
    assert not payments.approve_button.isEnabled()
    payments.queue_table.selectRow(0)
    assert payments.approve_button.isEnabled()
    payments.approve_button.click()
    qtbot.waitUntil(lambda: not payments.queue, timeout=10000)

    desk.window.open_page("finance.balances")
    qtbot.waitUntil(lambda: _balance(balances, f"branch:{branch_id}") == 3_200, timeout=10000)
    assert _balance(balances, f"worker:{worker_id}") == 14_000
    # drill into the worker's entries
    row = next(i for i, b in enumerate(balances.balances) if b.code == f"worker:{worker_id}")
    balances.table.selectRow(row)
    qtbot.waitUntil(lambda: balances.entries.rowCount() == 1, timeout=10000)
    assert balances.entries.item(0, 2).text() == done_no
    assert balances.entries.item(0, 3).text() == "¥140.00"

    # a partial refund of the completed order from the desk
    payments = desk.window.open_page("finance.payments")
    payments.new_button.click()
    dialog = payments.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.order_no.setText(done_no)
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.money is not None, timeout=10000)
    assert dialog.money.refundable_fen == 20_000
    dialog.amount.setText("50")
    dialog.reason.setText("玻璃没擦干净")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    with live_db.session() as s:
        made = s.scalars(select(Refund).where(Refund.reason == "玻璃没擦干净")).one()
        assert (made.state, made.amount_fen) == ("done", 5_000)

    # the list to Excel: the totals read back
    target = tmp_path / "payments.xlsx"
    qtbot.waitUntil(lambda: len(payments.payments) == 2, timeout=10000)
    payments.export_to(str(target))
    qtbot.waitUntil(lambda: payments.export_button.isEnabled() and target.exists(), timeout=20000)
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4  # header, two payments, totals
    assert float(rows[-1][5]) == 400.0
    assert float(rows[-1][6]) == 250.0
    assert sheet.freeze_panes == "A2"
