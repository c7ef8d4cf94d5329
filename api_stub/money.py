"""Money in API answers: integer fen for programs, a formatted string for people.

    {"total_fen": 12345, "total": "¥123.45"}

Fen stay integers end to end (never a float); the string is for showing as it is.
"""

from __future__ import annotations


def yuan(fen: int) -> str:
    """12345 -> "¥123.45"; -500 -> "-¥5.00"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole}.{cents:02d}"


def money(name: str, fen: int) -> dict[str, int | str]:
    """The pair of fields for an amount: ``{name}_fen`` and ``name``."""
    return {f"{name}_fen": fen, name: yuan(fen)}
