"""The orders list as an Excel workbook: read back with openpyxl, cell by cell."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest

from jiazheng_desk import clock
from jiazheng_desk.i18n import set_language, t
from jiazheng_desk.reports import excel
from jiazheng_desk.reports.excel import ExportCancelled, ReportColumn, ReportData, write_excel
from jiazheng_desk.reports.orders_excel import build_orders_report, export_orders_excel
from jiazheng_desk.services import order_export
from jiazheng_desk.services.order_list import OrderFilter
from tests.booking_factories import SH, local, make_order, make_world
from tests.factories import actor, make_staff

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
DAY = date(2026, 11, 23)
# (hour, state, base, travel, surcharge, discount)
ORDERS = [
    (9, "confirmed", 12_345, 1_000, 0, 0),
    (11, "completed", 20_000, 0, 3_000, 1_050),
    (13, "confirmed", 9_510_840, 2_001, 0, 0),  # ¥95,108.40: no 95108.39999999999
    (15, "cancelled", 5_000, 0, 0, 0),
    (17, "confirmed", 1, 0, 0, 0),
]


@pytest.fixture(autouse=True)
def _setup():
    clock.freeze(NOW)
    set_language("zh_CN")


@pytest.fixture
def data(db):
    world = make_world(db)
    made = []
    for hour, state, base, travel, surcharge, discount in ORDERS:
        order = make_order(db, world, local(DAY, hour), state=state)
        order.base_fen, order.travel_fee_fen = base, travel
        order.surcharge_fen, order.discount_fen = surcharge, discount
        order.total_fen = base + travel + surcharge - discount
        made.append(order)
    db.flush()
    hq = actor(make_staff(db, role="hq_admin"))
    return world, made, hq


def test_the_filtered_list_is_written_with_types_formats_filter_and_totals(db, data, tmp_path):
    _world, made, hq = data
    flt = OrderFilter(states=("confirmed", "completed"))
    path = tmp_path / "orders.xlsx"
    result = export_orders_excel(db, actor=hq, flt=flt, path=path)
    wanted = [o for o in reversed(made) if o.state != "cancelled"]  # newest service first
    assert result.rows == len(wanted) and not result.truncated
    assert result.total_fen == sum(o.total_fen for o in wanted)

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["订单"]
    sheet = book["订单"]
    keys = [c.key for c in build_orders_report(db, actor=hq, flt=flt).columns]
    col = {k: i + 1 for i, k in enumerate(keys)}
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["订单号", "服务日期", "开始时间"]
    assert header[col["total"] - 1] == "订单金额" and len(header) == len(keys)
    assert sheet.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(keys))
    assert sheet.auto_filter.ref == f"A1:{last}{len(wanted) + 1}"

    for row, order in enumerate(wanted, start=2):
        assert sheet.cell(row, col["order_no"]).value == order.order_no
        assert sheet.cell(row, col["state"]).value == t(f"order.state.{order.state}")
        starts = sheet.cell(row, col["starts_at"])
        # a real date, in Shanghai time, with a date format
        assert starts.value == order.starts_at.astimezone(SH).replace(tzinfo=None)
        assert starts.is_date and starts.number_format == "yyyy-mm-dd hh:mm"
        assert sheet.cell(row, col["service_day"]).value == datetime(2026, 11, 23)
        for key, fen in (
            ("base", order.base_fen),
            ("travel", order.travel_fee_fen),
            ("discount", -order.discount_fen),
            ("total", order.total_fen),
        ):
            cell = sheet.cell(row, col[key])
            assert Decimal(str(cell.value)) == Decimal(fen) / 100
            assert cell.number_format == "¥#,##0.00"

    totals = len(wanted) + 2
    assert sheet.cell(totals, 1).value == "合计"
    total_cell = sheet.cell(totals, col["total"])
    assert Decimal(str(total_cell.value)) == Decimal(result.total_fen) / 100
    assert total_cell.number_format == "¥#,##0.00"
    assert sheet.max_row == totals


def test_rows_are_read_a_chunk_at_a_time_in_the_list_order(db, data, monkeypatch):
    _world, made, hq = data
    monkeypatch.setattr(order_export, "MAX_IDS", 2)
    calls = []
    real = order_export.list_export_rows

    def spy(session, *, actor, ids):
        calls.append(list(ids))
        return real(session, actor=actor, ids=ids)

    monkeypatch.setattr(order_export, "list_export_rows", spy)
    report = build_orders_report(db, actor=hq, flt=OrderFilter())
    rows = list(report.stream())
    assert [r[0] for r in rows] == [o.order_no for o in reversed(made)]
    assert [len(c) for c in calls] == [2, 2, 1]
    assert report.total_of("total") == sum(o.total_fen for o in made)


def test_a_branch_sees_only_its_own_orders(db, data, tmp_path):
    world, made, _hq = data
    other = make_world(db)
    make_order(db, other, local(DAY, 10))
    dispatcher = actor(make_staff(db, role="dispatcher", branch=world.branch))
    result = export_orders_excel(db, actor=dispatcher, flt=OrderFilter(), path=tmp_path / "x.xlsx")
    assert result.rows == len(made)
    # nor can ids of another branch be asked for directly
    foreign = make_order(db, other, local(DAY, 11))
    assert order_export.list_export_rows(db, actor=dispatcher, ids=[foreign.id]) == []


def test_a_stopped_export_leaves_no_file(db, data, tmp_path):
    _world, _made, hq = data
    path = tmp_path / "stopped.xlsx"

    def stop(_done):
        raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        export_orders_excel(db, actor=hq, flt=OrderFilter(), path=path, progress=stop)
    assert list(tmp_path.iterdir()) == []


def test_the_generic_writer_sums_integers_and_keeps_text(tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "MAX_DATA_ROWS", 3)
    report = ReportData(
        title="t",
        sheet_name="收入/支出:2026",
        columns=(
            ReportColumn("name", "名称", width=10),
            ReportColumn("n", "数量", "int", total=True),
            ReportColumn("fen", "金额", "yuan", total=True),
        ),
        rows=iter([("a", 1, 10), ("b", 2, 1), ("c", 3, 99), ("d", 4, 1000)]),
        totals_label="合计",
    )
    written = write_excel(report, tmp_path / "g.xlsx")
    # only what fits is written, and only what is written is summed
    assert written == 3 and report.total_of("fen") == 110 and report.total_of("n") == 6
    sheet = openpyxl.load_workbook(tmp_path / "g.xlsx").active
    assert sheet.title == "收入 支出 2026"
    assert [c.value for c in sheet[5]] == ["合计", 6, 1.1]


def test_amounts_are_written_as_their_exact_decimal_text(tmp_path):
    report = ReportData(
        title="t",
        sheet_name="s",
        columns=(ReportColumn("fen", "金额", "yuan", total=True),),
        rows=iter([(9_510_840,), (-5,), (1,)]),
        totals_label="合计",
    )
    write_excel(report, tmp_path / "a.xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    values = [v.split("<")[0] for v in xml.split("<v>")[1:]]
    assert values == ["95108.40", "-0.05", "0.01", "95108.36"]
