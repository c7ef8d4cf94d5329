"""Finance → Invoice requests in the desk: issue, save the PDF, void, reject, export."""

from __future__ import annotations

from datetime import UTC, datetime

import openpyxl
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import Invoice, InvoiceRequest
from tests.desk.conftest import log_in
from tests.factories import PASSWORD, make_staff
from tests.invoice_factories import ask, open_shop, paid_order

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def _seed(live_db):
    clock.freeze(NOW)
    with live_db.session(write=True) as s:
        shop = open_shop(s)
        make_staff(s, role="finance", branch=shop.world.branch, username="cashier")
        make_staff(s, role="dispatcher", branch=shop.world.branch, username="dispatcher")
        company = ask(s, shop, [paid_order(s, shop), paid_order(s, shop, hour=14)])
        person = ask(s, shop, [paid_order(s, shop, hour=16)], title="张伟", tax_id=None)
        return company.id, person.id


def _rows(page):
    return [page.model.item(r) for r in range(page.model.rowCount())]


def _select(qtbot, page, request_id):
    qtbot.waitUntil(lambda: request_id in [r.id for r in _rows(page)], timeout=10000)
    row = [r.id for r in _rows(page)].index(request_id)
    page.table.selectRow(row)
    qtbot.waitUntil(
        lambda: page.detail is not None and page.detail.row.id == request_id, timeout=10000
    )


def _answer(qtbot, page, text):
    dialog = page.question
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.setTextValue(text)
    dialog.accept()


def test_issue_save_void_reject_and_export(qtbot, start_desk, live_db, tmp_path, monkeypatch):
    company_id, person_id = _seed(live_db)
    desk = start_desk()
    log_in(qtbot, desk, "cashier", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    page = desk.window.open_page("invoices.requests")
    qtbot.waitUntil(lambda: len(_rows(page)) == 2, timeout=10000)
    assert page.state.currentData() == "requested"

    _select(qtbot, page, company_id)
    assert "贰佰元整" in page.summary.text()
    assert page.lines.rowCount() == 2
    assert page.issue_button.isEnabled() and not page.void_button.isEnabled()
    assert not page.save_button.isEnabled()
    page.issue_button.click()
    confirm = page.question
    qtbot.waitUntil(confirm.isVisible, timeout=5000)
    confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.detail.row.state == "issued", timeout=10000)
    number = page.detail.row.invoice_no
    assert number.endswith("2026000001")
    assert page.detail.filing_ref.startswith("SBX-INV-")
    assert number in page.summary.text()
    assert page.void_button.isEnabled() and page.save_button.isEnabled()
    assert not page.issue_button.isEnabled()

    target = tmp_path / "out" / "invoice"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    page.save_button.click()
    qtbot.waitUntil(lambda: page.last_saved.endswith("invoice.pdf"), timeout=15000)
    text = "".join(p.extract_text() for p in PdfReader(page.last_saved).pages)
    assert number in text and "上海星河科技有限公司" in text and "贰佰元整" in text

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    page.print_button.click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=15000)
    assert opened[0].endswith(f"{number}.pdf")

    page.void_button.click()
    _answer(qtbot, page, "开票信息有误")
    qtbot.waitUntil(lambda: page.detail.row.state == "voided", timeout=10000)
    assert "开票信息有误" in page.summary.text()
    assert [s.event for s in page.detail.steps][-2:] == ["void", "void"]
    # the history shows each step once: asked, issued (with the reference), voided
    assert page.steps.rowCount() == 3
    assert page.steps.item(1, 3).text() == page.detail.filing_ref
    assert page.steps.item(2, 3).text() == "开票信息有误"

    _select(qtbot, page, person_id)
    page.reject_button.click()
    _answer(qtbot, page, "请提供正确的抬头")
    qtbot.waitUntil(lambda: page.detail.row.state == "rejected", timeout=10000)

    # the default filter shows what is waiting: nothing now
    qtbot.waitUntil(lambda: _rows(page) == [], timeout=10000)
    page.state.setCurrentIndex(page.state.findData(None))
    qtbot.waitUntil(lambda: len(_rows(page)) == 2, timeout=10000)

    book = tmp_path / "invoices"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(book), ""))
    )
    page.export_button.click()
    qtbot.waitUntil(lambda: page.last_saved.endswith("invoices.xlsx"), timeout=15000)
    sheet = openpyxl.load_workbook(page.last_saved).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][0] == number
    assert values[1][5] == 0 and float(values[1][6]) == 200.0  # voided: in its own column
    assert values[-1][6] == 200

    with live_db.session() as s:
        states = dict(s.execute(select(InvoiceRequest.id, InvoiceRequest.state)).all())
        invoice = s.scalar(select(Invoice))
    assert states == {company_id: "voided", person_id: "rejected"}
    assert (invoice.state, invoice.void_reason) == ("void", "开票信息有误")


def test_a_refusal_shows_and_nothing_changes(qtbot, start_desk, live_db):
    company_id, _ = _seed(live_db)
    desk = start_desk()
    log_in(qtbot, desk, "cashier", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    page = desk.window.open_page("invoices.requests")
    _select(qtbot, page, company_id)
    page.reject_button.click()
    _answer(qtbot, page, "   ")
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == "errorDialog" and w.isVisible()
            for w in desk.window.findChildren(QMessageBox)
        ),
        timeout=10000,
    )
    with live_db.session() as s:
        assert s.get(InvoiceRequest, company_id).state == "requested"


def test_a_dispatcher_has_no_invoices(qtbot, start_desk, live_db):
    _seed(live_db)
    desk = start_desk()
    log_in(qtbot, desk, "dispatcher", PASSWORD)
    qtbot.waitUntil(lambda: desk.window is not None, timeout=10000)
    assert "invoices.requests" not in [s.key for s in desk.window._specs]
