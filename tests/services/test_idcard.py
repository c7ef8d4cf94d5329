"""GB 11643 ID numbers: the check digit, the birth date, the sex, and clear refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.idcard import check_char, is_valid_id_number, parse_id_number


def with_check(first17: str) -> str:
    return first17 + check_char(first17)


@pytest.mark.parametrize(
    ("number", "birth", "sex", "region", "province"),
    [
        # the standard's own example
        ("11010519491231002X", date(1949, 12, 31), "female", "110105", "北京"),
        ("110101199003070011", date(1990, 3, 7), "male", "110101", "北京"),
        ("440308199901010012", date(1999, 1, 1), "male", "440308", "广东"),
        ("310104198802290020", date(1988, 2, 29), "female", "310104", "上海"),
    ],
)
def test_valid_numbers_say_birth_date_sex_and_region(number, birth, sex, region, province):
    card = parse_id_number(number)
    assert (card.number, card.birth_date, card.sex, card.region, card.province) == (
        number,
        birth,
        sex,
        region,
        province,
    )
    assert card.suffix == number[-4:]


def test_what_phones_type_is_normalised():
    # a lower-case x, spaces, full-width digits and Ｘ from a Chinese keyboard
    assert parse_id_number("11010519491231002x").number == "11010519491231002X"
    assert parse_id_number(" 110105 19491231 002X ").number == "11010519491231002X"
    assert parse_id_number("１１０１０５１９４９１２３１００２Ｘ").number == "11010519491231002X"


def test_the_check_digit_catches_a_single_typo_and_a_swap():
    good = "110101199003070011"
    for i in range(17):
        digit = str((int(good[i]) + 1) % 10)
        assert not is_valid_id_number(good[:i] + digit + good[i + 1 :]), i
    swapped = good[:3] + good[4] + good[3] + good[5:]
    assert swapped != good and not is_valid_id_number(swapped)


def _refusal(text, **kw) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_id_number(text, **kw)
    return caught.value


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "idcard.required"),
        (None, "idcard.required"),
        ("110101900307001", "idcard.old_format"),
        ("1101011990030700", "idcard.bad_length"),
        ("1101011990030700111", "idcard.bad_length"),
        ("11010119900307A011", "idcard.bad_chars"),
        ("11010119900307001Y", "idcard.bad_chars"),
        ("110101199003070012", "idcard.bad_checksum"),
        ("11010519491231002X"[:-1] + "0", "idcard.bad_checksum"),
        (with_check("99010119900307001"), "idcard.bad_region"),
        (with_check("11010119900230001"), "idcard.bad_birth_date"),
        (with_check("11010118991231001"), "idcard.bad_birth_date"),
        (with_check("11010120990101001"), "idcard.future_birth_date"),
    ],
)
def test_bad_numbers_are_refused_with_the_reason_and_the_field(text, key):
    error = _refusal(text)
    assert (error.key, error.field) == (key, "id_number")
    assert error.message("en") != key  # the catalog has words for it
    assert is_valid_id_number(text) is False


def test_the_field_name_is_the_callers():
    assert _refusal("123", field="real_id").field == "real_id"


def test_messages_are_plain_words():
    error = _refusal("1101011990030700")
    assert error.message("en") == "An ID number has 18 characters; this one has 16."
    assert t("idcard.bad_checksum", "en").startswith("The ID number's check digit")


def test_a_birth_date_of_today_is_fine_tomorrow_is_not():
    clock.freeze(datetime(2026, 11, 20, 4, 0, tzinfo=UTC))  # 12:00 in Shanghai
    today = with_check("11010120261120002")
    assert parse_id_number(today).birth_date == date(2026, 11, 20)
    tomorrow = with_check("11010120261121002")
    assert _refusal(tomorrow).key == "idcard.future_birth_date"


def test_age_on_a_day():
    card = parse_id_number("310104198802290020")
    assert card.age_on(date(2026, 2, 28)) == 37
    assert card.age_on(date(2026, 3, 1)) == 38
