"""The buyer's tax id on an invoice: the unified social credit code (统一社会信用代码).

GB 32100-2015: 18 characters from a 31-character alphabet (digits and capitals without
I, O, S, V, Z): the registering authority, the kind of entity, the 6-digit division code,
the 9-character organisation code, and a check character. The check character is
``31 - (Σ value(cᵢ) × wᵢ mod 31)`` (31 counting as 0) with the weights ``3ⁱ mod 31``.
"""

from __future__ import annotations

import re

from jiazheng_desk.services.errors import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_SHAPE = re.compile(rf"^[{ALPHABET}]{{2}}\d{{6}}[{ALPHABET}]{{10}}$")


def check_character(first17: str) -> str:
    """The check character of the first 17 characters of a code."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise_tax_id(text: str | None) -> str:
    """Capitals without spaces or dashes (as people type it off a business licence)."""
    return re.sub(r"[\s\-]", "", text or "").upper()


def clean_tax_id(text: str | None, *, field: str = "tax_id") -> str:
    """A valid unified social credit code, normalised; refuses any other form."""
    code = normalise_tax_id(text)
    if len(code) != LENGTH:
        raise ValidationError("invoice.tax_id_length", field=field, length=len(code))
    if not _SHAPE.match(code):
        raise ValidationError("invoice.tax_id_characters", field=field)
    if code[17] != check_character(code[:17]):
        raise ValidationError("invoice.tax_id_check", field=field)
    return code
