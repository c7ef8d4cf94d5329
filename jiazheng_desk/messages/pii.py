"""Messages about personal data."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "pii.no_key": (
        "本机还没有配置个人信息加密密钥，请运行 jiazheng-desk config data-key。",
        "This machine has no key for personal data yet; run jiazheng-desk config data-key.",
    ),
    "pii.wrong_key": (
        "个人信息加密密钥与数据库不匹配，请向总部索取正确的密钥。",
        "The personal-data key does not match the database; ask HQ for the right key.",
    ),
    "config.data_key_saved": (
        "个人信息加密密钥已保存到系统密码库。",
        "The personal-data key was saved in the keyring.",
    ),
    "config.bad_data_key": (
        "密钥格式不对（应为 44 个字符的 Fernet 密钥）。",
        "That is not a valid key (a 44-character Fernet key).",
    ),
}
