"""How people are named to strangers: a worker as "王阿姨", a reviewer as "张*".

The apps show workers to customers who have not booked them yet, and reviews to everyone;
a full name together with the district and the photo would find the person at home, so
only the surname (with the customary 阿姨 / 师傅) leaves the building.
"""

from __future__ import annotations

import re

# two-character surnames: "欧阳娜娜" is 欧阳阿姨, not 欧阿姨
COMPOUND_SURNAMES = frozenset(
    {
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "令狐",
        "夏侯",
        "长孙",
        "宇文",
        "司徒",
        "轩辕",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
    }
)
HONORIFICS = {"female": "阿姨", "male": "师傅"}
# gender not recorded: 老师 is polite for either
NEUTRAL_HONORIFIC = "老师"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def surname(name: str) -> str:
    """The family name of a Chinese name ("欧阳娜娜" -> "欧阳"); else the first word."""
    text = name.strip()
    if not text:
        return ""
    if _CJK.match(text[0]):
        return text[:2] if text[:2] in COMPOUND_SURNAMES and len(text) > 2 else text[0]
    return text.split()[0]


def public_name(name: str, gender: str) -> str:
    """A worker as customers address them: surname + 阿姨 / 师傅 ("王阿姨")."""
    family = surname(name)
    honorific = HONORIFICS.get(gender, NEUTRAL_HONORIFIC)
    if not family:
        return honorific
    if _CJK.match(family[0]):
        return family + honorific
    return f"{family} {honorific}"


def masked_name(name: str) -> str:
    """A customer as others see them under a review: the first character and a star."""
    text = name.strip()
    return f"{text[0]}*" if text else "*"
