"""Quality & care in the desk: a negative review shows its case; a deduction is decided."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from jiazheng_desk.models import Customer, Order, PayAdjustment
from jiazheng_desk.services import quality_cases
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff
from tests.quality_factories import open_shop, review


def _seed(live_db):
    with live_db.session(write=True) as s:
        shop = open_shop(s)
        make_staff(s, role="branch_manager", branch=shop.world.branch, username="manager")
        review(s, shop, overall=5, text="很好")
        bad = review(s, shop, overall=3, punctuality=2, text="迟到了半小时")
        return shop.worker.id, bad.id, shop.boss


def _rows(page):
    return [page.model.item(r) for r in range(page.model.rowCount())]


def test_a_negative_review_leads_to_its_case_and_a_deduction(qtbot, start_desk, live_db):
    worker_id, review_id, boss = _seed(live_db)
    desk = start_desk()
    log_in(qtbot, desk, "manager", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    reviews = desk.window.open_page("quality.reviews")
    qtbot.waitUntil(lambda: len(_rows(reviews)) == 2, timeout=10000)
    reviews.negative.setChecked(True)
    qtbot.waitUntil(lambda: [r.id for r in _rows(reviews)] == [review_id], timeout=10000)
    row = _rows(reviews)[0]
    assert row.case_id is not None
    assert reviews.model.data(reviews.model.index(0, 9)).endswith("待处理")
    reviews.table.selectRow(0)
    assert reviews.case_button.isEnabled()
    reviews.case_button.click()

    cases = desk.window.stack.currentWidget()
    assert cases.objectName() == "page:quality.cases"
    qtbot.waitUntil(
        lambda: cases.detail is not None and cases.detail.row.id == row.case_id, timeout=10000
    )
    assert "迟到了半小时" in cases.summary.text()
    assert cases.decide_button.isEnabled()
    cases.decide_button.click()
    dialog = cases.decision_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.decision.setCurrentIndex(dialog.decision.findData("deduction"))
    assert dialog.amount.isVisible()
    assert not dialog.reason_type.isVisible()
    dialog.amount.setValue(50)
    # no reason: refused beside the field, the dialog stays open
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.errors.fields["note"].isVisible(), timeout=10000)
    assert dialog.isVisible()
    dialog.note.setPlainText("迟到半小时，按规定扣款")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(
        lambda: cases.detail is not None and cases.detail.row.state == "decided", timeout=10000
    )
    assert "¥50.00" in cases.decision_text.text()
    assert cases.close_button.isEnabled()
    assert [s.event for s in cases.detail.steps] == ["open", "decide"]

    with live_db.session() as s:
        adjustment = s.scalar(select(PayAdjustment).where(PayAdjustment.worker_id == worker_id))
        assert (adjustment.kind, adjustment.amount_fen, adjustment.reason) == (
            "deduction",
            5000,
            "迟到半小时，按规定扣款",
        )
        record = quality_cases.list_worker_quality(s, actor=boss, worker_id=worker_id)
    assert [a.amount_fen for a in record.adjustments] == [5000]
    assert [c.decision for c in record.cases] == ["deduction"]


def test_a_phone_complaint_is_filed_and_resolved(qtbot, start_desk, live_db):
    _seed(live_db)
    desk = start_desk()
    log_in(qtbot, desk, "manager", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    page = desk.window.open_page("quality.complaints")
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=10000)
    page.new_button.click()
    dialog = page.new_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    # nobody chosen yet: refused with a message
    dialog.text.setPlainText("阿姨迟到")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.errors.fields["customer_id"].isVisible(), timeout=10000)
    with live_db.session() as s:
        order = s.scalars(select(Order).order_by(Order.id)).first()
        phone = s.get(Customer, order.customer_id).phone
    dialog.picker.set_text(phone)
    qtbot.keyClick(dialog.picker.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.customer is not None, timeout=10000)
    qtbot.waitUntil(lambda: dialog.order.count() > 1, timeout=10000)
    dialog.category.setCurrentIndex(dialog.category.findData("late"))
    dialog.priority.setCurrentIndex(dialog.priority.findData("urgent"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10000)
    assert page.detail.row.state == "open"
    assert page.detail.row.order_id is not None
    assert page.start_button.isEnabled()
    page.start_button.click()
    qtbot.waitUntil(lambda: page.detail.row.state == "in_progress", timeout=10000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
