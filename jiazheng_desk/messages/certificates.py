"""Messages about certificates, shared by vetting and the worker record."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "certificate.expiry_required": (
        "请填写证书有效期：派单只认可有效期内的证书。",
        "Give the certificate's expiry date: dispatch counts a certificate only until it expires.",
    ),
    "certificate.expired": (
        "{cert}的有效期至 {day}（今天是 {today}）：派单从到期当天起不再认可，"
        "过期或今天到期的证书不能登记或核验通过。",
        "The {cert} expires on {day} (today is {today}); dispatch stops counting it on that "
        "day, so it cannot be recorded or verified.",
    ),
}
