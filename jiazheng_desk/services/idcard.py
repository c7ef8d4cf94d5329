"""Resident ID numbers of mainland China (GB 11643-1999): parse, check, read what they say.

An 18-character number is the 6-digit region of first registration, the birth date
(YYYYMMDD), a 3-digit sequence whose last digit is odd for men and even for women, and a
check character (ISO 7064 MOD 11-2; 10 is written X). The check catches every single
wrong digit and every swap of two neighbours: the typos people make on a phone keyboard.

Used by the worker application, vetting and the customers' real-name check; it reads
nothing from the database.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from jiazheng_desk import clock
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.timeutil import DEFAULT_TZ, local_day

# 2^(17 - i) mod 11 for the 17 digits before the check character
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# the first two digits: provinces, autonomous regions and municipalities; 81/82/83 are the
# residence permits of Hong Kong, Macao and Taiwan residents (same format, same check)
PROVINCES = {
    "11": "北京",
    "12": "天津",
    "13": "河北",
    "14": "山西",
    "15": "内蒙古",
    "21": "辽宁",
    "22": "吉林",
    "23": "黑龙江",
    "31": "上海",
    "32": "江苏",
    "33": "浙江",
    "34": "安徽",
    "35": "福建",
    "36": "江西",
    "37": "山东",
    "41": "河南",
    "42": "湖北",
    "43": "湖南",
    "44": "广东",
    "45": "广西",
    "46": "海南",
    "50": "重庆",
    "51": "四川",
    "52": "贵州",
    "53": "云南",
    "54": "西藏",
    "61": "陕西",
    "62": "甘肃",
    "63": "青海",
    "64": "宁夏",
    "65": "新疆",
    "71": "台湾",
    "81": "香港",
    "82": "澳门",
    "83": "台湾",
}
# nobody alive was registered before this; an earlier date is a typo
EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True)
class IdCard:
    """What an ID number says about its holder."""

    number: str
    region: str
    province: str
    birth_date: date
    # female | male (the codes people's gender fields use)
    sex: str

    @property
    def suffix(self) -> str:
        """The last four characters, kept in clear for search and masks."""
        return self.number[-4:]

    def age_on(self, day: date) -> int:
        """Full years of age on a day."""
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


def normalise(text: str | None) -> str:
    """Spaces out, full-width digits and ｘ to ASCII, x to X (as typed on phones)."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split()).upper()


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of 17 digits."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def parse_id_number(
    text: str | None, *, field: str = "id_number", today: date | None = None
) -> IdCard:
    """Check an 18-character ID number and read its region, birth date and sex.

    Each refusal is a ``ValidationError`` naming ``field`` and saying what is wrong, so the
    form can show it beside the box.
    """
    number = normalise(text)
    if not number:
        raise ValidationError("idcard.required", field=field)
    if len(number) == 15 and number.isdigit():
        # first-generation cards: expired since 2013, and they carry no check digit
        raise ValidationError("idcard.old_format", field=field)
    if len(number) != 18:
        raise ValidationError("idcard.bad_length", field=field, length=len(number))
    body, last = number[:17], number[17]
    if not (body.isascii() and body.isdigit()) or last not in "0123456789X":
        raise ValidationError("idcard.bad_chars", field=field)
    if last != check_char(body):
        # checked before the parts: a typo anywhere shows up here, and "the birth date is
        # wrong" would mislead when the slip was in fact in the region or the sequence
        raise ValidationError("idcard.bad_checksum", field=field)
    province = PROVINCES.get(body[:2])
    if province is None:
        raise ValidationError("idcard.bad_region", field=field, region=body[:6])
    try:
        born = date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        raise ValidationError("idcard.bad_birth_date", field=field, text=body[6:14]) from None
    today = today or local_day(clock.now(), DEFAULT_TZ)
    if born > today:
        raise ValidationError("idcard.future_birth_date", field=field, day=born.isoformat())
    if born < EARLIEST_BIRTH:
        raise ValidationError("idcard.bad_birth_date", field=field, text=body[6:14])
    sex = "male" if int(body[16]) % 2 else "female"
    return IdCard(number, body[:6], province, born, sex)


def is_valid_id_number(text: str | None) -> bool:
    """Whether a number passes every check (for filters and imports that only ask)."""
    try:
        parse_id_number(text)
    except ValidationError:
        return False
    return True
