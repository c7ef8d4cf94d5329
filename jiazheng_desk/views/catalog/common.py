"""What the catalogue's pages and dialogs share: money and percent entry, names, a question.

Money is typed in yuan and turned into fen by exact decimal parsing — no float ever
stands between the keyboard and the integer the service gets.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from jiazheng_desk.services.price_rules import PriceRuleView
from jiazheng_desk.views import fmt

# "45", "45.5", "1,234.50", "¥45": whole units and up to two decimals
_HUNDREDTHS_RE = re.compile(r"^(\d{1,9})(?:\.(\d{1,2}))?$")
CHANGES = {"catalog", "audit"}


def parse_hundredths(text: str) -> int | None:
    """'45.5' -> 4550 (fen, or basis points of a percent); empty -> None; else ValueError."""
    cleaned = text.strip().replace(",", "").replace("，", "").lstrip("¥￥").strip()
    if not cleaned:
        return None
    match = _HUNDREDTHS_RE.match(cleaned)
    if match is None:
        raise ValueError(text)
    whole, part = match.group(1), (match.group(2) or "").ljust(2, "0")
    return int(whole) * 100 + int(part)


def hundredths_text(value: int | None) -> str:
    """4550 -> '45.50' (the inverse of ``parse_hundredths``)."""
    if value is None:
        return ""
    whole, part = divmod(value, 100)
    return f"{whole}.{part:02d}"


class AmountEdit(QLineEdit):
    """A line for an amount in yuan (or a percentage) with two decimals at most."""

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(160)

    def set_value(self, value: int | None) -> None:
        self.setText(hundredths_text(value))

    def value(self) -> int | None:
        """Fen (or basis points); None when empty; ValueError when it is not a number."""
        return parse_hundredths(self.text())


def bad_amount_text() -> str:
    return QCoreApplication.translate("CatalogNames", "Enter an amount like 45 or 45.50.")


def bad_percent_text() -> str:
    return QCoreApplication.translate("CatalogNames", "Enter a percentage like 20 or 12.5.")


def unit_name(unit: str) -> str:
    """How an item is charged: per visit, per hour …"""
    names = {
        "visit": QCoreApplication.translate("CatalogNames", "Per visit"),
        "hour": QCoreApplication.translate("CatalogNames", "Per hour"),
        "sqm": QCoreApplication.translate("CatalogNames", "Per m²"),
        "day": QCoreApplication.translate("CatalogNames", "Per day"),
    }
    return names.get(unit, unit)


def unit_short(unit: str) -> str:
    """The unit after a number: 3 hours, 120 m²."""
    names = {
        "visit": QCoreApplication.translate("CatalogNames", "visit"),
        "hour": QCoreApplication.translate("CatalogNames", "hour"),
        "sqm": QCoreApplication.translate("CatalogNames", "m²"),
        "day": QCoreApplication.translate("CatalogNames", "day"),
    }
    return names.get(unit, unit)


def kind_name(kind: str) -> str:
    names = {
        "visit": QCoreApplication.translate("CatalogNames", "Visit"),
        "placement": QCoreApplication.translate("CatalogNames", "Live-in placement"),
    }
    return names.get(kind, kind)


def rule_kind_name(kind: str) -> str:
    names = {
        "travel_distance": QCoreApplication.translate("CatalogNames", "Travel fee by distance"),
        "travel_zone": QCoreApplication.translate("CatalogNames", "Travel fee by district"),
        "night": QCoreApplication.translate("CatalogNames", "Night surcharge"),
        "holiday": QCoreApplication.translate("CatalogNames", "Holiday surcharge"),
    }
    return names.get(kind, kind)


def duration_text(kind: str, unit: str, minutes_per_unit: int, base_minutes: int) -> str:
    """How long the work takes: '60 min per hour', '2 min per m² + 30 min', 'whole days'."""
    if kind == "placement":
        return QCoreApplication.translate("CatalogNames", "Whole days")
    text = QCoreApplication.translate("CatalogNames", "{minutes} min per {unit}").format(
        minutes=minutes_per_unit, unit=unit_short(unit)
    )
    if base_minutes:
        text += QCoreApplication.translate("CatalogNames", " + {minutes} min").format(
            minutes=base_minutes
        )
    return text


def minutes_text(minutes: int) -> str:
    """630 -> '10 h 30 min'; whole days for placements."""
    if minutes >= 24 * 60 and minutes % (24 * 60) == 0:
        return QCoreApplication.translate("CatalogNames", "{n} days").format(n=minutes // 1440)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return QCoreApplication.translate("CatalogNames", "{m} min").format(m=rest)
    if not rest:
        return QCoreApplication.translate("CatalogNames", "{h} h").format(h=hours)
    return QCoreApplication.translate("CatalogNames", "{h} h {m} min").format(h=hours, m=rest)


def _clock(minute: int | None) -> str:
    return "" if minute is None else f"{minute // 60:02d}:{minute % 60:02d}"


def _km(metres: int) -> str:
    return f"{metres // 1000}.{metres % 1000 // 100}"


def rule_condition(rule: PriceRuleView) -> str:
    """When a rule applies: '3.0–8.0 km', '15.0 km or more', a district, a window, a date."""
    if rule.kind == "travel_distance":
        low = _km(rule.min_m or 0)
        if rule.max_m is None:
            return QCoreApplication.translate("CatalogNames", "{low} km or more").format(low=low)
        return QCoreApplication.translate("CatalogNames", "{low}–{high} km").format(
            low=low, high=_km(rule.max_m)
        )
    if rule.kind == "travel_zone":
        return rule.district_name
    if rule.kind == "night":
        return f"{_clock(rule.start_minute)}–{_clock(rule.end_minute)}"
    return rule.on_date.isoformat() if rule.on_date else ""


def rule_fee(rule: PriceRuleView) -> str:
    """'¥10.00', '+20%', '¥5.00 + 10%'."""
    parts = []
    if rule.amount_fen or not rule.percent_bp:
        parts.append(fmt.yuan(rule.amount_fen))
    if rule.percent_bp:
        parts.append(
            QCoreApplication.translate("CatalogNames", "{percent}% of the price").format(
                percent=hundredths_text(rule.percent_bp).removesuffix(".00")
            )
        )
    return " + ".join(parts)


def confirm(
    parent: QWidget, title: str, text: str, on_yes: Callable[[], object], name: str
) -> QMessageBox:
    """A non-blocking yes/no question; ``on_yes`` runs only on Yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName(name)
    box.setDefaultButton(QMessageBox.StandardButton.No)

    def answered(button: object) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:  # type: ignore[arg-type]
            on_yes()

    box.buttonClicked.connect(answered)
    box.open()
    return box
