"""An invoice in print layout (reportlab, A4): seller and buyer, number and date, a line per
order, the total in figures and in Chinese capitals, the issuer, "作废 VOID" across a
voided one.

The Chinese font is embedded (a TTF/TTC found by ``find_cjk_font``): reportlab's built-in
``STSong-Light`` is not embedded and shows nothing in a viewer without Adobe's CJK packs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import t as translate
from jiazheng_desk.reports.excel import yuan_text
from jiazheng_desk.reports.rmb_words import amount_in_words
from jiazheng_desk.services import invoice_views
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import DomainError
from jiazheng_desk.services.invoice_views import InvoiceDocument
from jiazheng_desk.services.timeutil import local

FONT_ENV = "JIAZHENG_PDF_FONT"
FONT_NAME = "JiazhengCJK"
# TrueType outlines only: reportlab cannot embed the PostScript (CFF) outlines of the
# Noto/Source Han .otf/.ttc files
_SYSTEM_FONTS = (
    # Debian/Ubuntu: fonts-wqy-microhei, fonts-wqy-zenhei, fonts-arphic-uming
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    # Windows: Microsoft YaHei, SimHei, SimSun
    "{windir}/Fonts/msyh.ttc",
    "{windir}/Fonts/simhei.ttf",
    "{windir}/Fonts/simsun.ttc",
    # macOS
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)
# an invoice is a Chinese document, whatever the language of the desk or the app
LANGUAGE = "zh_CN"
RED = colors.HexColor("#b03a2e")
INK = colors.HexColor("#7a2e1b")


def t(key: str, lang: str = LANGUAGE, **params: Any) -> str:
    return translate(key, lang, **params)


class FontNotFound(DomainError):
    """No Chinese TrueType font to embed: the message says where it looked."""

    key = "invoice_pdf.no_font"


@dataclass(frozen=True)
class FontFile:
    path: Path
    # the face within a .ttc collection
    index: int = 0


def _bundled_fonts() -> list[Path]:
    """TTF/TTC files shipped in ``resources/fonts`` (the Windows installer bundles one)."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    folder = base / "resources" / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))


def font_candidates() -> list[Path]:
    """Where a Chinese font is looked for, in order: the setting, the bundle, the system."""
    found: list[Path] = []
    named = os.environ.get(FONT_ENV, "").strip()
    if named:
        found.append(Path(named))
    found.extend(_bundled_fonts())
    windir = os.environ.get("WINDIR", r"C:\Windows")
    found.extend(Path(p.format(windir=windir)) for p in _SYSTEM_FONTS)
    return found


def find_cjk_font(candidates: Sequence[Path] | None = None) -> FontFile:
    """The first Chinese TrueType font that exists, or ``FontNotFound`` listing the places."""
    places = list(candidates) if candidates is not None else font_candidates()
    for path in places:
        if path.is_file():
            return FontFile(path)
    raise FontNotFound(searched="; ".join(str(p) for p in places))


@lru_cache(maxsize=1)
def _register(path: str, index: int) -> str:
    pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
    return FONT_NAME


def cjk_font_name() -> str:
    """The registered name of the embedded Chinese font (registered once per process)."""
    font = find_cjk_font()
    return _register(str(font.path), font.index)


# --- the page ----------------------------------------------------------------------------


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, textColor=INK)
    return {
        "base": base,
        "title": ParagraphStyle(
            "title", parent=base, fontSize=18, leading=24, alignment=TA_CENTER, textColor=RED
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12, textColor=colors.black),
        "cell_right": ParagraphStyle(
            "cell_right",
            parent=base,
            fontSize=9,
            leading=12,
            alignment=TA_RIGHT,
            textColor=colors.black,
        ),
        "value": ParagraphStyle("value", parent=base, textColor=colors.black),
        "big": ParagraphStyle("big", parent=base, fontSize=11, leading=15, textColor=colors.black),
    }


def _party(label: str, rows: list[tuple[str, str]], st: dict[str, ParagraphStyle]) -> Table:
    """The buyer's or the seller's box: a narrow label column and name/value rows."""
    body = [
        [Paragraph(f"{name}：", st["base"]), Paragraph(_escape(value), st["value"])]
        for name, value in rows
    ]
    inner = Table(body, colWidths=[28 * mm, 128 * mm])
    inner.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    box = Table(
        [[Paragraph("<br/>".join(label), st["base"]), inner]], colWidths=[10 * mm, 160 * mm]
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("LINEAFTER", (0, 0), (0, 0), 0.8, INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, 0), "CENTER"),
            ]
        )
    )
    return box


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _lines_table(doc: InvoiceDocument, st: dict[str, ParagraphStyle]) -> Table:
    head = [
        Paragraph(t("invoice_pdf.col_service"), st["base"]),
        Paragraph(t("invoice_pdf.col_order"), st["base"]),
        Paragraph(t("invoice_pdf.col_day"), st["base"]),
        Paragraph(t("invoice_pdf.col_amount"), st["right"]),
    ]
    rows: list[list[Any]] = [head]
    for line in doc.lines:
        rows.append(
            [
                Paragraph(_escape(f"*家政服务*{line.service_name}"), st["cell"]),
                Paragraph(line.order_no, st["cell"]),
                Paragraph(line.service_day.isoformat(), st["cell"]),
                Paragraph(yuan_text(line.amount_fen), st["cell_right"]),
            ]
        )
    rows.append(
        [
            Paragraph(t("invoice_pdf.total"), st["base"]),
            "",
            "",
            Paragraph(f"¥{yuan_text(doc.amount_fen)}", st["cell_right"]),
        ]
    )
    rows.append(
        [
            Paragraph(t("invoice_pdf.total_words"), st["base"]),
            Paragraph(amount_in_words(doc.amount_fen), st["big"]),
            "",
            "",
        ]
    )
    n = len(rows)
    table = Table(rows, colWidths=[70 * mm, 40 * mm, 28 * mm, 32 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
                ("LINEABOVE", (0, n - 2), (-1, n - 2), 0.8, INK),
                ("LINEABOVE", (0, n - 1), (-1, n - 1), 0.6, INK),
                ("SPAN", (0, n - 2), (2, n - 2)),
                ("SPAN", (1, n - 1), (3, n - 1)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f6ede8")),
            ]
        )
    )
    return table


def _header(doc: InvoiceDocument, st: dict[str, ParagraphStyle]) -> Table:
    issued = local(doc.issued_at, doc.timezone).date().isoformat()
    right = [
        [
            Paragraph(f"{t('invoice_pdf.number')}：", st["base"]),
            Paragraph(doc.invoice_no, st["big"]),
        ],
        [Paragraph(f"{t('invoice_pdf.date')}：", st["base"]), Paragraph(issued, st["value"])],
    ]
    meta = Table(right, colWidths=[22 * mm, 40 * mm])
    meta.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    head = Table(
        [[Paragraph(t("invoice_pdf.heading"), st["title"]), meta]],
        colWidths=[108 * mm, 62 * mm],
    )
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return head


def _watermark(doc: InvoiceDocument, font: str) -> Any:
    """Draws the page's furniture: the number at the foot and, when void, the stamp."""

    def draw(canvas: Canvas, _doc: Any) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(20 * mm, 12 * mm, t("invoice_pdf.footer"))
        canvas.drawRightString(
            width - 20 * mm, 12 * mm, f"{doc.invoice_no} · {canvas.getPageNumber()}"
        )
        if doc.state == "void":
            canvas.translate(width / 2, height / 2)
            canvas.rotate(30)
            canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.28))
            canvas.setFont(font, 110)
            canvas.drawCentredString(0, 10 * mm, t("invoice_pdf.void", lang="zh_CN"))
            canvas.setFont(font, 60)
            canvas.drawCentredString(0, -30 * mm, t("invoice_pdf.void", lang="en"))
        canvas.restoreState()

    return draw


def build_invoice_pdf(doc: InvoiceDocument) -> bytes:
    """The invoice as PDF bytes."""
    font = cjk_font_name()
    st = _styles(font)
    out = BytesIO()
    pdf = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=f"{t('invoice_pdf.heading')} {doc.invoice_no}",
        author=doc.seller_name,
    )
    personal = t("invoice_pdf.personal")
    seller_contact = "　".join(x for x in (doc.seller_address, doc.seller_phone) if x) or "—"
    story: list[Any] = [
        _header(doc, st),
        Spacer(1, 5 * mm),
        _party(
            t("invoice_pdf.buyer"),
            [
                (t("invoice_pdf.name"), doc.buyer_title),
                (t("invoice_pdf.tax_id"), doc.buyer_tax_id or f"（{personal}）"),
            ],
            st,
        ),
        Spacer(1, 3 * mm),
        _lines_table(doc, st),
        Spacer(1, 3 * mm),
        _party(
            t("invoice_pdf.seller"),
            [
                (t("invoice_pdf.name"), doc.seller_name),
                (t("invoice_pdf.address"), seller_contact),
            ],
            st,
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            f"{t('invoice_pdf.issuer')}：{_escape(doc.issuer_name or '—')}"
            f"　　{t('invoice_pdf.filing_ref')}：{_escape(doc.filing_ref or '—')}",
            st["base"],
        ),
    ]
    if doc.state == "void":
        voided = local(doc.voided_at, doc.timezone).date().isoformat() if doc.voided_at else ""
        story += [
            Spacer(1, 3 * mm),
            Paragraph(
                _escape(t("invoice_pdf.void_note", day=voided, reason=doc.void_reason)),
                ParagraphStyle("void", parent=st["base"], textColor=RED),
            ),
        ]
    draw = _watermark(doc, font)
    pdf.build(story, onFirstPage=draw, onLaterPages=draw)
    return out.getvalue()


def render_invoice_pdf(session: Session, *, actor: Actor, invoice_id: int) -> bytes:
    """An invoice the actor may see, as PDF bytes (the API's download, the desk's print)."""
    doc = invoice_views.get_invoice_document(session, actor=actor, invoice_id=invoice_id)
    return build_invoice_pdf(doc)


def save_invoice_pdf(session: Session, *, actor: Actor, invoice_id: int, path: str | Path) -> str:
    """Write an invoice's PDF to ``path`` (whole or not at all); return the path."""
    data = render_invoice_pdf(session, actor=actor, invoice_id=invoice_id)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.part")
    scratch.write_bytes(data)
    os.replace(scratch, target)
    return str(target)
