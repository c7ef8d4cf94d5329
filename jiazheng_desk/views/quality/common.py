"""Small pieces the quality pages share: filters of branch and period, money input."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QWidget

from jiazheng_desk import clock
from jiazheng_desk.services import branches
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.timeutil import day_start_utc, local_day
from jiazheng_desk.views.main_window import DeskContext

MAX_YUAN = 100_000.0


def branch_filter(ctx: DeskContext, parent: QWidget, name: str, all_text: str) -> QComboBox:
    """A branch choice for HQ (hidden for branch staff, whose lists are their branch's)."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItem(all_text, None)
    combo.setVisible(ctx.actor.is_hq)
    if ctx.actor.is_hq:

        def loaded(items: list[BranchView]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for b in items:
                combo.addItem(b.name, b.id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

        ctx.runner.run_query(
            branches.list_branches, actor=ctx.actor, on_done=loaded, key=f"quality.{name}"
        )
    return combo


def date_edit(parent: QWidget, name: str, day: date) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def today(tz: str) -> date:
    return local_day(clock.now(), tz)


def day_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def period(since: QDateEdit, until: QDateEdit, tz: str) -> tuple[datetime, datetime]:
    """From the start of the first day to the end of the last, in UTC."""
    return (
        day_start_utc(day_of(since), tz),
        day_start_utc(day_of(until) + timedelta(days=1), tz),
    )


def money_edit(parent: QWidget, name: str) -> QDoubleSpinBox:
    """Yuan with two decimals; ``fen_of`` reads it back as integer fen."""
    edit = QDoubleSpinBox(parent)
    edit.setObjectName(name)
    edit.setDecimals(2)
    edit.setRange(0.0, MAX_YUAN)
    edit.setSingleStep(10.0)
    edit.setPrefix("¥ ")
    return edit


def fen_of(edit: QDoubleSpinBox) -> int:
    return round(edit.value() * 100)
