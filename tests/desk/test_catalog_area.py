"""Catalogue → Services and prices, Price rules and Try a quote, driven through the widgets.

The desk runs in Chinese; the catalogue's own widget strings may still be English until
their translations are merged, so only service messages are matched by their words.
"""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from jiazheng_desk.models import Branch
from tests.catalog_factories import (
    make_category,
    make_item,
    make_office_branch,
    make_option,
    make_rule,
    make_skill,
)
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff


def _seed(live_db):
    with live_db.session(write=True) as s:
        branch = make_office_branch(s, name="浦东分店")
        make_staff(
            s, role="branch_manager", branch=branch, username="manager", display_name="赵经理"
        )
        make_staff(s, role="hq_admin", username="boss", display_name="王总")
        item = make_item(s, category=make_category(s), skill=make_skill(s), base_price_fen=4500)
        option = make_option(s, item, name="擦玻璃", price_fen=3000, extra_minutes=30)
        return item.id, option.id


def _open(qtbot, start_desk, username, key):
    desk = start_desk()
    log_in(qtbot, desk, username, PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    return desk, desk.window.open_page(key)


def _row_of(page, item_id):
    return next(r for r, item in enumerate(page.shown) if item.id == item_id)


def _price_text(page, item_id):
    return page.table.item(_row_of(page, item_id), 6).text()


def test_a_manager_sets_the_branch_price_and_the_list_shows_it(qtbot, start_desk, live_db):
    item_id, _option = _seed(live_db)
    _desk, page = _open(qtbot, start_desk, "manager", "catalog.items")
    qtbot.waitUntil(lambda: len(page.shown) == 1, timeout=10000)
    assert not page.new_item.isVisible() and not page.retire_button.isVisible()
    assert _price_text(page, item_id) == "¥45.00"
    page.table.selectRow(_row_of(page, item_id))
    assert page.price_button.isEnabled()
    page.price_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "52.50")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: _price_text(page, item_id) == "¥52.50", timeout=10000)
    assert not dialog.isVisible()
    assert page.shown[_row_of(page, item_id)].branch_price_fen == 5250
    assert page.table.item(_row_of(page, item_id), 7).text() == "¥45.00"  # the base stays


def test_bad_prices_are_refused_beside_the_field(qtbot, start_desk, live_db):
    item_id, _option = _seed(live_db)
    _desk, page = _open(qtbot, start_desk, "manager", "catalog.items")
    qtbot.waitUntil(lambda: len(page.shown) == 1, timeout=10000)
    page.table.selectRow(_row_of(page, item_id))
    page.price_button.click()
    dialog = page.dialog
    label = dialog.errors.fields["price_fen"]
    # not a number: refused before anything is sent
    qtbot.keyClicks(dialog.price, "abc")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert label.isVisible() and label.text()
    # a number beyond the ceiling: the service's own words, beside the same field
    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "2000000")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "100,000" in label.text(), timeout=10000)
    assert label.isVisible() and "价格" in label.text()
    assert dialog.isVisible() and dialog.price.text() == "2000000"
    dialog.reject()
    assert _price_text(page, item_id) == "¥45.00"


def test_the_quote_preview_shows_what_the_customer_pays(qtbot, start_desk, live_db):
    item_id, option_id = _seed(live_db)
    with live_db.session(write=True) as s:
        # the district centre of the factory is about 4.2 km from the office
        make_rule(s, "travel_distance", min_m=3000, max_m=8000, amount_fen=1000)
        make_rule(s, "night", start_minute=20 * 60, end_minute=6 * 60, percent_bp=2000)
    desk, page = _open(qtbot, start_desk, "manager", "catalog.quote")
    qtbot.waitUntil(lambda: page.last_quote is not None, timeout=10000)
    assert page.selected_item().id == item_id
    assert page.total.text() == "¥100.00"  # the minimum 2 hours at ¥45 + ¥10 travel, at 10:00
    page.units.setValue(3)
    page.check_option(option_id)
    page.time.setTime(QTime(21, 0))

    def settled():
        quote = page.last_quote
        return (
            quote is not None
            and quote.units == 3
            and quote.option_ids == (option_id,)
            and quote.surcharge_fen > 0
        )

    qtbot.waitUntil(settled, timeout=10000)
    # 3 × ¥45 + ¥30 add-on + ¥10 travel (3–8 km) + 20 % night of ¥135
    assert page.total.text() == "¥202.00"
    lines = [page.lines.item(r, 1).text() for r in range(page.lines.rowCount())]
    assert lines == ["¥135.00", "¥30.00", "¥10.00", "¥27.00"]
    # below the minimum: the refusal shows beside the units
    page.units.setValue(1)
    units_error = page.errors.fields["units"]
    qtbot.waitUntil(units_error.isVisible, timeout=10000)
    assert "2" in units_error.text() and page.total.text() == "—"
    qtbot.waitUntil(
        lambda: not page._debounce.isActive() and desk.runner.pending_count == 0, timeout=10000
    )


def test_hq_retires_an_item_after_confirming(qtbot, start_desk, live_db):
    item_id, _option = _seed(live_db)
    _desk, page = _open(qtbot, start_desk, "boss", "catalog.items")
    qtbot.waitUntil(lambda: len(page.shown) == 1, timeout=10000)
    page.table.selectRow(_row_of(page, item_id))
    page.retire_button.click()
    page.question.setTextValue("停售")
    page.question.accept()
    qtbot.waitUntil(lambda: len(page.shown) == 0, timeout=10000)
    page.show_retired.setChecked(True)
    qtbot.waitUntil(lambda: len(page.shown) == 1 and page.shown[0].retired, timeout=10000)
    page.table.selectRow(0)
    page.retire_button.click()  # now "Restore…", with a yes/no question
    page.question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: len(page.shown) == 1 and not page.shown[0].retired, timeout=10000)


def test_hq_edits_an_item_and_its_branch_price_in_one_save(qtbot, start_desk, live_db):
    item_id, _option = _seed(live_db)
    with live_db.session() as s:
        branch_id = s.scalar(select(Branch.id))
    _desk, page = _open(qtbot, start_desk, "boss", "catalog.items")
    qtbot.waitUntil(
        lambda: page.branch.findData(branch_id) >= 0 and bool(page.skills), timeout=10000
    )
    page.branch.setCurrentIndex(page.branch.findData(branch_id))
    qtbot.waitUntil(lambda: len(page.shown) == 1 and page.shown[0].branch_id == branch_id)
    page.table.selectRow(0)
    page.edit_item.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert [dialog.options_table.item(0, 0).text()] == ["擦玻璃"]
    dialog.name.setText("日常保洁（新）")
    dialog.description.setPlainText("客厅、卧室日常清洁")
    dialog.branch_price.setText("48")
    # a nonsense minimum is refused beside its field, on the tab that holds it
    dialog.min_units.setValue(30)
    dialog.tabs.setCurrentIndex(1)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    label = dialog.errors.fields["min_units"]
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert dialog.tabs.currentIndex() == 0 and "24" in label.text()
    dialog.min_units.setValue(2)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: page.shown and page.shown[0].name == "日常保洁（新）", timeout=10000)
    assert _price_text(page, item_id) == "¥48.00"
    assert page.shown[0].description == "客厅、卧室日常清洁"
