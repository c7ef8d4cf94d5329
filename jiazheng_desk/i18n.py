"""Language of user-facing messages outside Qt (errors, command line, API).

Qt widgets translate their own strings with ``self.tr()`` and ``resources/i18n``; the
messages that services, the command line and the API produce come from the catalog in
``messages.py`` and are rendered in the language of the current context.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jiazheng_desk.messages import MESSAGES

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_language: ContextVar[str] = ContextVar("jiazheng_language", default=DEFAULT_LANGUAGE)


def normalise_language(value: str | None) -> str:
    """Map 'en', 'en_US', 'zh', 'zh-CN' and the like to a shipped language."""
    if not value:
        return DEFAULT_LANGUAGE
    low = value.replace("-", "_").lower()
    if low.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def set_language(value: str | None) -> str:
    """Set the language of messages for this context (thread, task, request)."""
    lang = normalise_language(value)
    _language.set(lang)
    return lang


def current_language() -> str:
    return _language.get()


@dataclass(frozen=True)
class Msg:
    """A catalog key used as a parameter of another message, rendered in its language."""

    key: str


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """Render a catalog message; an unknown key renders as itself so nothing is lost."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    zh, en = entry
    lang = lang or current_language()
    template = en if lang == "en" else zh
    params = {k: t(v.key, lang) if isinstance(v, Msg) else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
