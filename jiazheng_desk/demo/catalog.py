"""Rows of the branches, districts, skills, service catalogue, branch prices and price rules.

Ids follow the position in ``catalog_data`` (first row = 1): the demo only writes into an
empty database.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from jiazheng_desk.demo.catalog_data import (
    BRANCH_PRICES,
    BRANCHES,
    CATEGORIES,
    CITY,
    HOLIDAY_PERCENT_BP,
    HOLIDAYS,
    ITEMS,
    NIGHT_END_MINUTE,
    NIGHT_PERCENT_BP,
    NIGHT_START_MINUTE,
    SKILL_INDEX,
    SKILLS,
    TIMEZONE,
    TRAVEL_BANDS,
)
from jiazheng_desk.demo.frame import Frame

Row = dict[str, Any]


def option_ids() -> dict[tuple[int, int], int]:
    """(item index, option index) -> service_option id."""
    out: dict[tuple[int, int], int] = {}
    for i, item in enumerate(ITEMS):
        for j in range(len(item.options)):
            out[(i, j)] = len(out) + 1
    return out


def holiday_dates(frame: Frame) -> list[tuple[date, str]]:
    """The next occurrence of each fixed holiday on or after the first day of history."""
    start = frame.date(frame.first)
    out = []
    for month, day, name in HOLIDAYS:
        when = date(start.year, month, day)
        out.append((when if when >= start else date(start.year + 1, month, day), name))
    return out


def catalog_rows(frame: Frame, created: datetime) -> list[tuple[str, list[Row]]]:
    """Branches, districts, skills, categories, items, options, branch prices, price rules."""
    branches = [
        {
            "id": i + 1,
            "code": b.slug,
            "name": b.name,
            "city": CITY,
            "timezone": TIMEZONE,
            "address": b.address,
            "lat": b.lat,
            "lng": b.lng,
            "phone": b.phone,
            "is_active": True,
            "created_at": created,
        }
        for i, b in enumerate(BRANCHES)
    ]
    districts: list[Row] = []
    for i, b in enumerate(BRANCHES):
        for d in b.districts:
            districts.append(
                {
                    "id": len(districts) + 1,
                    "branch_id": i + 1,
                    "city": CITY,
                    "name": d.name,
                    "center_lat": d.lat,
                    "center_lng": d.lng,
                    "is_active": True,
                }
            )
    skills = [
        {"id": i + 1, "code": s.code, "name": s.name, "required_cert_type": s.cert}
        for i, s in enumerate(SKILLS)
    ]
    category_id = {code: i + 1 for i, (code, _) in enumerate(CATEGORIES)}
    categories = [
        {"id": i + 1, "code": code, "name": name, "sort_order": i, "is_active": True}
        for i, (code, name) in enumerate(CATEGORIES)
    ]
    items = [
        {
            "id": i + 1,
            "category_id": category_id[it.category],
            "code": it.code,
            "name": it.name,
            "unit": it.unit,
            "kind": it.kind,
            "min_units": it.min_units,
            "minutes_per_unit": it.minutes_per_unit,
            "base_minutes": it.base_minutes,
            "base_price_fen": it.price_fen,
            "skill_id": SKILL_INDEX[it.skill] + 1,
            "required_level": it.level,
            "description": it.description,
            "process_text": "",
            "tools_text": "",
            "photo_paths": "",
            "sort_order": i,
            "is_active": True,
            "retired_at": None,
            "created_at": created,
        }
        for i, it in enumerate(ITEMS)
    ]
    options = [
        {
            "id": oid,
            "item_id": i + 1,
            "name": ITEMS[i].options[j].name,
            "price_fen": ITEMS[i].options[j].price_fen,
            "extra_minutes": ITEMS[i].options[j].extra_minutes,
            "is_active": True,
        }
        for (i, j), oid in option_ids().items()
    ]
    slug_id = {b.slug: i + 1 for i, b in enumerate(BRANCHES)}
    item_id = {it.code: i + 1 for i, it in enumerate(ITEMS)}
    prices = [
        {
            "id": n + 1,
            "branch_id": slug_id[slug],
            "item_id": item_id[code],
            "price_fen": fen,
            "updated_at": created,
        }
        for n, (slug, code, fen) in enumerate(BRANCH_PRICES)
    ]
    rules: list[Row] = []

    def rule(kind: str, name: str, **values: Any) -> None:
        row: Row = {
            "id": len(rules) + 1,
            "branch_id": None,
            "kind": kind,
            "name": name,
            "min_m": None,
            "max_m": None,
            "district_id": None,
            "start_minute": None,
            "end_minute": None,
            "on_date": None,
            "amount_fen": 0,
            "percent_bp": 0,
            "is_active": True,
            "created_at": created,
        }
        row.update(values)
        rules.append(row)

    for lo, hi, fee in TRAVEL_BANDS:
        band = f"{lo // 1000}-{hi // 1000}公里" if hi else f"{lo // 1000}公里以上"
        rule("travel_distance", f"上门费 {band}", min_m=lo, max_m=hi, amount_fen=fee)
    rule(
        "night",
        "夜间服务加价",
        start_minute=NIGHT_START_MINUTE,
        end_minute=NIGHT_END_MINUTE,
        percent_bp=NIGHT_PERCENT_BP,
    )
    for when, name in holiday_dates(frame):
        rule("holiday", f"{name}加价", on_date=when, percent_bp=HOLIDAY_PERCENT_BP)
    return [
        ("branch", branches),
        ("district", districts),
        ("skill", skills),
        ("service_category", categories),
        ("service_item", items),
        ("service_option", options),
        ("branch_price", prices),
        ("price_rule", rules),
    ]
