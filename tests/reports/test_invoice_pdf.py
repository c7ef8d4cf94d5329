"""The invoice PDF (read back with pypdf) and amounts in Chinese capitals (大写)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from jiazheng_desk import clock
from jiazheng_desk.reports import invoice_pdf
from jiazheng_desk.reports.invoice_pdf import FontNotFound, build_invoice_pdf, find_cjk_font
from jiazheng_desk.reports.rmb_words import MAX_FEN, amount_in_words
from jiazheng_desk.services import invoices
from jiazheng_desk.services.invoice_views import InvoiceDocument, RequestLine
from jiazheng_desk.sync.gateways.invoice_sandbox import SandboxInvoiceGateway
from tests.invoice_factories import COMPANY_TAX_ID, ask, open_shop, paid_order

# --- 大写 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (0, "零元整"),
        (1, "壹分"),
        (10, "壹角"),
        (11, "壹角壹分"),
        (100, "壹元整"),
        (105, "壹元零伍分"),
        (150, "壹元伍角"),
        (1000, "壹拾元整"),
        (1005, "壹拾元零伍分"),
        (12345, "壹佰贰拾叁元肆角伍分"),
        (10000, "壹佰元整"),
        (10010, "壹佰元壹角"),
        (10500, "壹佰零伍元整"),
        (11000, "壹佰壹拾元整"),
        (100500, "壹仟零伍元整"),
        (100005, "壹仟元零伍分"),
        (101000, "壹仟零壹拾元整"),
        (1000000, "壹万元整"),
        (1000100, "壹万零壹元整"),
        (1010000, "壹万零壹佰元整"),
        (1100000, "壹万壹仟元整"),
        (10001000, "壹拾万零壹拾元整"),
        (20000000, "贰拾万元整"),
        (100000000, "壹佰万元整"),
        (100001000, "壹佰万零壹拾元整"),
        (1000100000, "壹仟万零壹仟元整"),
        (1000010000, "壹仟万零壹佰元整"),
        (1001000000, "壹仟零壹万元整"),
        (10000000000, "壹亿元整"),
        (10000000100, "壹亿零壹元整"),
        (10010000000, "壹亿零壹拾万元整"),
        (10100000000, "壹亿零壹佰万元整"),
        (123456789012, "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
        (999999999, "玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        (-10000, "负壹佰元整"),
        (-5, "负伍分"),
    ],
)
def test_amount_in_capitals(fen, words):
    assert amount_in_words(fen) == words


def test_capitals_never_repeat_a_zero_nor_end_with_one():
    for fen in range(0, 2_000_000, 997):
        words = amount_in_words(fen)
        assert "零零" not in words, fen
        assert not words.rstrip("整").endswith("零"), fen
        assert "零元" not in words or fen == 0, fen
        assert words.endswith("整") == (fen % 100 == 0), fen


def test_capitals_read_back_to_the_amount():
    """A small parser of the capitals gives back the amount, over a wide spread of values."""
    digits = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
    units = {"拾": 10, "佰": 100, "仟": 1000}

    def parse(words: str) -> int:
        total = section = number = 0
        fen = 0
        for char in words.removesuffix("整"):
            if char in digits:
                number = digits[char]
            elif char in units:
                section += number * units[char]
                number = 0
            elif char == "万":
                total += (section + number) * 10_000
                section = number = 0
            elif char == "亿":
                total = (total + section + number) * 100_000_000
                section = number = 0
            elif char == "元":
                total += section + number
                section = number = 0
            elif char == "角":
                fen += number * 10
                number = 0
            elif char == "分":
                fen += number
                number = 0
        return total * 100 + fen

    value = 1
    while value < 10**11:  # up to 千亿 yuan (the parser knows no 万亿)
        for fen in (value, value * 7 + 3, value * 13 + 40, value * 101):
            assert parse(amount_in_words(fen)) == fen, fen
        value *= 3


def test_capitals_refuse_floats_and_too_much():
    with pytest.raises(TypeError):
        amount_in_words(123.45)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="too large"):
        amount_in_words(MAX_FEN + 1)


# --- the font ------------------------------------------------------------------------


def test_the_font_is_found_or_the_error_says_where_it_looked(tmp_path):
    assert find_cjk_font().path.is_file()
    missing = [tmp_path / "nope.ttf", Path("/no/such/simsun.ttc")]
    with pytest.raises(FontNotFound) as err:
        find_cjk_font(missing)
    message = err.value.message("en")
    assert "nope.ttf" in message and "simsun.ttc" in message
    assert "JIAZHENG_PDF_FONT" in message


def test_the_font_setting_comes_first(monkeypatch):
    found = find_cjk_font()
    monkeypatch.setenv(invoice_pdf.FONT_ENV, str(found.path))
    assert invoice_pdf.font_candidates()[0] == found.path


# --- the PDF -------------------------------------------------------------------------


def _text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _doc(**change) -> InvoiceDocument:
    lines = (
        RequestLine(1, "JZ26111300123", "空调清洗", date(2026, 11, 17), 10000),
        RequestLine(2, "JZ26111800038", "日常保洁", date(2026, 11, 19), 2345),
    )
    values = {
        "invoice_id": 1,
        "invoice_no": "PUDONG2026000123",
        "state": "issued",
        "issued_at": datetime(2026, 11, 30, 17, 0, tzinfo=UTC),
        "timezone": "Asia/Shanghai",
        "seller_name": "浦东分店",
        "seller_code": "pudong",
        "seller_address": "上海市浦东新区张杨路1500号2楼",
        "seller_phone": "021-58881234",
        "buyer_title": "上海星河信息科技有限公司",
        "buyer_tax_id": COMPANY_TAX_ID,
        "buyer_email": "a@b.cn",
        "lines": lines,
        "amount_fen": 12345,
        "issuer_name": "卞小红",
        "void_reason": "",
        "voided_at": None,
        "filing_ref": "SBX-INV-PUDONG2026000123-3bdb7613",
    }
    values.update(change)
    return InvoiceDocument(**values)


def test_the_pdf_says_who_what_and_how_much():
    data = build_invoice_pdf(_doc())
    assert data.startswith(b"%PDF")
    text = _text(data)
    for expected in (
        "上海星河信息科技有限公司",
        COMPANY_TAX_ID,
        "PUDONG2026000123",
        "123.45",
        "壹佰贰拾叁元肆角伍分",
        "浦东分店",
        "卞小红",
        "JZ26111300123",
        "空调清洗",
        "100.00",
        "23.45",
        # issued on 1 December in Shanghai (17:00 UTC on 30 November)
        "2026-12-01",
    ):
        assert expected in text, expected
    assert "作废" not in text


def test_the_font_is_embedded():
    reader = PdfReader(BytesIO(build_invoice_pdf(_doc())))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.append(font["/BaseFont"])
    assert embedded, "the Chinese font is not embedded"


def test_a_personal_buyer_and_a_void_stamp():
    text = _text(
        build_invoice_pdf(
            _doc(
                buyer_title="张伟",
                buyer_tax_id="",
                state="void",
                void_reason="客户要求更换抬头",
                voided_at=datetime(2026, 12, 2, 2, 0, tzinfo=UTC),
            )
        )
    )
    assert "张伟" in text and "个人" in text
    assert "作废" in text and "VOID" in text
    assert "客户要求更换抬头" in text and "2026-12-02" in text


def test_many_lines_run_over_pages_with_the_total_at_the_end():
    lines = tuple(
        RequestLine(i, f"JZ{i:011d}", "钟点保姆", date(2026, 11, 1 + i % 28), 12345)
        for i in range(60)
    )
    data = build_invoice_pdf(_doc(lines=lines, amount_fen=12345 * 60))
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) >= 2
    last = reader.pages[-1].extract_text()
    assert "柒仟肆佰零柒元整" in last  # 7407.00
    assert f"JZ{59:011d}" in _text(data)


def test_rendered_from_the_database_for_its_customer_only(db):
    clock.freeze(datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    shop = open_shop(db)
    made = ask(db, shop, [paid_order(db, shop), paid_order(db, shop, hour=14, refund_fen=1055)])
    done = invoices.issue_invoice(
        db, actor=shop.finance, request_id=made.id, gateway=SandboxInvoiceGateway()
    )
    data = invoice_pdf.render_invoice_pdf(db, actor=shop.customer, invoice_id=done.row.invoice_id)
    text = _text(data)
    assert done.row.invoice_no in text
    assert "189.45" in text and "壹佰捌拾玖元肆角伍分" in text
    assert "李会计" in text


def test_saved_whole_to_a_file(db, tmp_path):
    clock.freeze(datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    shop = open_shop(db)
    made = ask(db, shop, [paid_order(db, shop)])
    done = invoices.issue_invoice(
        db, actor=shop.finance, request_id=made.id, gateway=SandboxInvoiceGateway()
    )
    target = tmp_path / "sub" / "x.pdf"
    path = invoice_pdf.save_invoice_pdf(
        db, actor=shop.finance, invoice_id=done.row.invoice_id, path=target
    )
    assert Path(path) == target and target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in target.parent.iterdir()] == ["x.pdf"]
