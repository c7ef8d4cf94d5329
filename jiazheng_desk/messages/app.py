"""Messages of the customer and worker apps' accounts."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "app.no_token": ("请先登录。", "Please log in."),
    "app.bad_token": ("登录已失效，请重新登录。", "Your login has expired; please log in again."),
    "app.wrong_app": ("该账号不能在此 App 中使用。", "This account cannot be used in this app."),
    "app.account_blocked": (
        "账号已被冻结或停用，请联系客服。",
        "This account is frozen or suspended; please contact customer service.",
    ),
}
