"""Amounts in Chinese capitals (大写金额) as written on invoices and cheques.

The rules of the People's Bank's 《正确填写票据和结算凭证的基本规定》: digits 零壹贰叁肆伍陆柒
捌玖, units 拾佰仟 within groups of four and 万/亿 between them; one 零 for any run of
zeros between two written digits (also across a group of four); "整" after 元 when there
are no 角 and 分; 零 between 元 and 分 when 角 is zero; nothing but 角 and 分 below one
yuan. Amounts come as integer fen (never a float).

    12345   -> 壹佰贰拾叁元肆角伍分
    10000   -> 壹佰元整
    100005  -> 壹仟元零伍分
    1000100 -> 壹万零壹元整
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
# the unit of each group of four digits, from the lowest
SECTIONS = ("", "万", "亿", "万亿")
MAX_FEN = 10 ** (4 * len(SECTIONS)) * 100 - 1


def _integer(yuan: int) -> str:
    """Whole yuan in capitals, without the 元 (empty for zero)."""
    groups: list[int] = []
    while yuan:
        yuan, group = divmod(yuan, 10_000)
        groups.append(group)
    out: list[str] = []
    started = False
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = pending_zero or started
            continue
        for position, char in enumerate(f"{group:04d}"):
            digit = int(char)
            if digit == 0:
                pending_zero = pending_zero or started
                continue
            if pending_zero:
                out.append("零")
                pending_zero = False
            out.append(DIGITS[digit] + UNITS[3 - position])
            started = True
        out.append(SECTIONS[index])
    return "".join(out)


def amount_in_words(fen: int) -> str:
    """An amount of integer fen in Chinese capitals; a negative one starts with 负."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError("amount_in_words takes integer fen")
    if abs(fen) > MAX_FEN:
        raise ValueError(f"amount too large for Chinese capitals: {fen} fen")
    sign = "负" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    jiao, fen_digit = divmod(cents, 10)
    whole = _integer(yuan)
    text = f"{whole}元" if whole else ""
    if jiao == 0 and fen_digit == 0:
        return f"{sign}{text or '零元'}整"
    if jiao:
        text += f"{DIGITS[jiao]}角"
    elif whole:
        text += "零"
    if fen_digit:
        text += f"{DIGITS[fen_digit]}分"
    return sign + text
