"""Every message key the code raises or renders exists in the catalog."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from jiazheng_desk.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    p
    for folder in ("jiazheng_desk", "api_stub")
    for p in (ROOT / folder).rglob("*.py")
    if "messages" not in p.parts and "migrations" not in p.parts
)
# calls whose first string argument is a catalog key
KEYED = {
    "t",
    "ValidationError",
    "Conflict",
    "DomainError",
    "PermissionDenied",
    "AuthenticationError",
    "IllegalTransition",
    "DemoError",
    "Problem",
    "Msg",
    "CustomerNotBookable",
}


def _keys(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in KEYED:
            continue
        for arg in node.args[:2]:
            text = arg.value if isinstance(arg, ast.Constant) else None
            if (
                isinstance(text, str)
                and "." in text
                and " " not in text
                and text.split(".")[0].isidentifier()
            ):
                found.append((node.lineno, text))
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_keys_exist(path):
    missing = [(line, key) for line, key in _keys(path) if key not in MESSAGES]
    assert not missing, f"keys not in jiazheng_desk/messages: {missing}"


def test_every_audited_action_has_a_name():
    """Static actions written by services are named for the audit page (dynamic ones below)."""
    codes = set()
    for path in (ROOT / "jiazheng_desk" / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or getattr(node.func, "attr", "") != "record":
                continue
            for kw in node.keywords:
                if kw.arg == "action" and isinstance(kw.value, ast.Constant):
                    codes.add(str(kw.value.value))
    dynamic = (
        {f"order.{e}" for e in ("assign", "offer", "grab", "release")}
        | {f"offer.{s}" for s in ("rejected", "expired", "withdrawn")}
        | {
            "change.staff_approved",
            "change.rejected",
            "change.customer_accepted",
            "change.customer_declined",
            "staff.deactivate",
            "catalog.category.update",
            "catalog.item.update",
            "catalog.option.update",
            "catalog.price_rule.update",
        }
    )
    missing = sorted(c for c in codes | dynamic if f"audit.action.{c}" not in MESSAGES)
    assert not missing, f"name these in jiazheng_desk/messages/audit.py: {missing}"
