"""Messages of ID-number checks (GB 11643)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "idcard.required": ("请填写身份证号。", "Please enter the ID number."),
    "idcard.old_format": (
        "这是旧的 15 位身份证号，请填写 18 位的新号码。",
        "This is an old 15-digit ID number; please enter the 18-character number.",
    ),
    "idcard.bad_length": (
        "身份证号应为 18 位，现在是 {length} 位。",
        "An ID number has 18 characters; this one has {length}.",
    ),
    "idcard.bad_chars": (
        "身份证号前 17 位应为数字，最后一位为数字或 X。",
        "An ID number is 17 digits followed by a digit or X.",
    ),
    "idcard.bad_checksum": (
        "身份证号校验位不对，请逐位核对是否输错。",
        "The ID number's check digit does not match; please check it for a typo.",
    ),
    "idcard.bad_region": (
        "身份证号开头的地区码 {region} 不存在。",
        "The ID number starts with region code {region}, which does not exist.",
    ),
    "idcard.bad_birth_date": (
        "身份证号中的出生日期 {text} 不是有效日期。",
        "The birth date {text} in the ID number is not a valid date.",
    ),
    "idcard.future_birth_date": (
        "身份证号中的出生日期 {day} 晚于今天。",
        "The birth date {day} in the ID number is in the future.",
    ),
}
