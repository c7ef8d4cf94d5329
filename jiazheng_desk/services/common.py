"""Small shapes shared by the services: pages of results, text checks, JSON snapshots."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeAlias, TypeVar

from sqlalchemy import Select

from jiazheng_desk.i18n import Msg
from jiazheng_desk.services.errors import ValidationError

T = TypeVar("T")
# a SELECT of any columns, for helpers that add WHERE clauses to several queries
AnySelect: TypeAlias = Select[*tuple[Any, ...]]

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and the total number of rows that match the filter."""

    items: tuple[T, ...]
    total: int
    offset: int = 0


def clean_text(value: str | None, *, field: str, label: Msg, max_len: int, required: bool) -> str:
    """Strip a text field and refuse it when empty (if required) or too long."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError("error.required", field=field, label=label)
    if len(text) > max_len:
        raise ValidationError("error.too_long", field=field, label=label, max=max_len)
    return text


def clean_mobile(value: str | None, *, field: str = "phone", required: bool = False) -> str:
    """A mainland China mobile number (11 digits starting 13–19), spaces and dashes removed."""
    digits = re.sub(r"[\s-]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    if not digits and not required:
        return ""
    if not MOBILE_RE.match(digits):
        raise ValidationError("staff.bad_phone", field=field)
    return digits


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(obj: object, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of a row as a JSON-ready dict (for the audit log)."""
    return {name: jsonable(getattr(obj, name)) for name in fields}


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches ``text`` anywhere, with wildcards in it escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
