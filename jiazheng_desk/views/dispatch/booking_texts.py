"""The booking page's sentences: the shortcut line, what is missing before confirming, the
summary of what will be booked, and what was booked. Kept apart from the page so that the
page reads as the flow of the steps.

Each string is a literal ``translate("BookingTexts", …)`` call so that lupdate finds it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from jiazheng_desk import clock
from jiazheng_desk.services.customer_views import CustomerDetail
from jiazheng_desk.views.dispatch import texts
from jiazheng_desk.views.dispatch.commands import BookingOutcome
from jiazheng_desk.views.orders import texts as order_texts

if TYPE_CHECKING:
    from jiazheng_desk.views.dispatch.booking_page import BookingPage


# the steps' frames: a calm border, a tick in green once a step has what it needs
STYLE = """
QGroupBox { font-weight: bold; border: 1px solid #cbd2d9; border-radius: 4px;
            margin-top: 10px; background: #ffffff; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #24303f; }
QGroupBox[step="done"] { border-color: #7bc096; }
QGroupBox[step="done"]::title { color: #1e7b45; }
QGroupBox QLabel, QGroupBox QRadioButton, QGroupBox QCheckBox { font-weight: normal; }
QGroupBox QTableWidget, QGroupBox QListWidget, QGroupBox QLineEdit, QGroupBox QComboBox,
QGroupBox QSpinBox, QGroupBox QDateEdit, QGroupBox QTimeEdit, QGroupBox QPushButton
    { font-weight: normal; }
QLabel#bookingResult { background: #e6f4ea; border: 1px solid #7bc096; border-radius: 4px;
                       padding: 8px 10px; color: #14532d; font-weight: bold; }
QLabel#quoteTotal { color: #1f2933; }
QTableWidget#slotGrid QHeaderView::section { padding: 1px 0px; }
"""


def shortcut_hint() -> str:
    return QCoreApplication.translate(
        "BookingTexts",
        "Ctrl+N new booking · F2 customer · F3 service · F4 address · F5 time · "
        "F6 worker · Enter next step · Ctrl+Enter confirm",
    )


def not_bookable(detail: CustomerDetail) -> str:
    return QCoreApplication.translate("BookingTexts", "{name} cannot book: {reason}").format(
        name=detail.name, reason=detail.status_reason or detail.status
    )


def local_day(value: datetime, tz: str) -> date:
    return value.astimezone(ZoneInfo(tz)).date()


def default_start(tz: str) -> datetime:
    """Tomorrow 10:00 local: what the quote is priced for until a time is chosen."""
    zone = ZoneInfo(tz)
    tomorrow = clock.now().astimezone(zone).date() + timedelta(days=1)
    return datetime(tomorrow.year, tomorrow.month, tomorrow.day, 10, tzinfo=zone)


def missing(page: BookingPage) -> list[tuple[int, str]]:
    """What each step still lacks before the booking can be sent, by step number."""
    out: list[tuple[int, str]] = []
    if page.customer is None:
        out.append(
            (1, QCoreApplication.translate("BookingTexts", "Find or register the customer."))
        )
    elif not page.customer.bookable:
        out.append((1, not_bookable(page.customer)))
        return out
    if page.service.current_item() is None:
        out.append((2, QCoreApplication.translate("BookingTexts", "Choose a service.")))
    if page.customer is not None and page.address is None:
        out.append((3, QCoreApplication.translate("BookingTexts", "Choose or add an address.")))
    if page.when.chosen is None:
        out.append(
            (4, QCoreApplication.translate("BookingTexts", "Choose a time in the grid or type it."))
        )
    if page.who.mode() == "worker" and page.who.chosen() is None:
        out.append(
            (
                5,
                QCoreApplication.translate(
                    "BookingTexts", "Choose a worker, or take Auto or Not yet."
                ),
            )
        )
    return out


def summary(page: BookingPage) -> str:
    """One line of what Confirm would book."""
    item = page.service.current_item()
    if page.customer is None or item is None or page.when.chosen is None:
        return ""
    tz = page.when.tz
    start = page.when.chosen
    when = f"{texts.day_label(local_day(start, tz))} {texts.hhmm(start, tz)}"
    mode = page.who.mode()
    chosen = page.who.chosen()
    if mode == "auto":
        who = QCoreApplication.translate("BookingTexts", "best free worker")
    elif mode == "none" or chosen is None:
        who = QCoreApplication.translate("BookingTexts", "no worker yet")
    elif page.who.offer():
        who = QCoreApplication.translate("BookingTexts", "offer to {name}").format(name=chosen.name)
    else:
        who = chosen.name
    amount = order_texts.unit_text(item.unit, page.service.units.value())
    parts = [page.customer.name, f"{item.name} {amount}", when, who]
    plan = page.service.repeat_plan()
    if plan is not None:
        parts.append(texts.repeat_text(plan.rule))
    days_off = page.service.days_off_chosen()
    if item.kind == "placement" and days_off:
        parts.append(
            QCoreApplication.translate("BookingTexts", "{n} days off").format(n=len(days_off))
        )
    return " · ".join(parts)


def booked_text(outcome: BookingOutcome) -> str:
    """What was booked, for the banner on top of the page."""
    d = outcome.first
    window = order_texts.window_text(d.starts_at, d.ends_at, d.timezone, this_year=clock.now().year)
    who = d.worker_name or QCoreApplication.translate("BookingTexts", "waiting for a worker")
    if d.worker_name and d.state == "offered":
        who = QCoreApplication.translate("BookingTexts", "offered to {name}").format(
            name=d.worker_name
        )
    text = QCoreApplication.translate(
        "BookingTexts", "Booked {no}: {customer} · {service} · {window} · {who}"
    ).format(no=d.order_no, customer=d.customer_name, service=d.item_name, window=window, who=who)
    if outcome.series_id is not None:
        text += " · " + QCoreApplication.translate("BookingTexts", "{n} visits booked").format(
            n=len(outcome.order_ids)
        )
        if outcome.unassigned:
            text += " · " + QCoreApplication.translate(
                "BookingTexts", "{n} of them wait for a worker"
            ).format(n=len(outcome.unassigned))
    return text
