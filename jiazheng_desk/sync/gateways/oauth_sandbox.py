"""WeChat / Alipay login's sandbox: the login code names the phone, nothing else passes.

``wx-13800138000`` (WeChat) and ``ali-13800138000`` (Alipay) stand for the account of
that phone; the provider's user id is derived from it, so the same code always maps to
the same linked account. Any other code is refused, as the provider refuses a stale one.
"""

from __future__ import annotations

import re

from jiazheng_desk.services.app_auth import ProviderAccount

PREFIXES = {"wechat": "wx-", "alipay": "ali-"}
_PHONE = re.compile(r"^1[3-9]\d{9}$")


class SandboxOAuthGateway:
    """Maps ``<prefix><phone>`` to that phone."""

    def phone_for(self, provider: str, provider_code: str) -> ProviderAccount | None:
        prefix = PREFIXES.get(provider)
        if prefix is None or not provider_code.startswith(prefix):
            return None
        phone = provider_code[len(prefix) :]
        if not _PHONE.match(phone):
            return None
        return ProviderAccount(uid=f"sandbox-{provider}-{phone}", phone=phone)
