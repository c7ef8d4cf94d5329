"""Pinyin initials of Chinese names, for find-as-you-type ("zw" finds 张伟).

Customers and workers both keep ``name_initials``; one rule makes both searchable alike.
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

# surnames read differently from the character's most common reading
SURNAME_INITIALS = {
    "单": "s",
    "曾": "z",
    "解": "x",
    "仇": "q",
    "区": "o",
    "查": "z",
    "朴": "p",
    "盖": "g",
    "覃": "q",
    "尉": "y",
    "乐": "y",
    "缪": "m",
    "秘": "b",
    "种": "c",
}
# pypinyin costs tens of µs a call; names share a few thousand characters
_initial_memo: dict[str, str] = {}
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _initial(ch: str) -> str:
    got = _initial_memo.get(ch)
    if got is None:
        got = lazy_pinyin(ch, style=Style.FIRST_LETTER)[0][:1].lower()
        _initial_memo[ch] = got
    return got


def name_initials(name: str) -> str:
    """Lower-case pinyin initials of a name ("张伟" -> "zw"; "Tom Lee" -> "tl")."""
    out: list[str] = []
    word_start = True
    for i, ch in enumerate(name.strip()):
        if _CJK_RE.match(ch):
            out.append(SURNAME_INITIALS.get(ch, "") if i == 0 else "")
            if not out[-1]:
                out[-1] = _initial(ch)
            word_start = True
        elif ch.isascii() and ch.isalpha():
            if word_start:
                out.append(ch.lower())
            word_start = False
        else:
            word_start = True
    return "".join(out)[:32]
