"""Both languages are complete: the message catalog and the Qt translation."""

from __future__ import annotations

import string

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from jiazheng_desk.i18n import LANGUAGES, t
from jiazheng_desk.messages import MESSAGES
from jiazheng_desk.views.resources import translation_file
from scripts.i18n import check


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    zh, en = MESSAGES[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)


def test_unknown_keys_render_as_themselves():
    assert t("no.such.key") == "no.such.key"
    assert t("auth.wrong_password", lang="en") == "Wrong user name or password."


def test_the_qt_translation_is_complete_and_compiled():
    assert check() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_shipped_language_loads(qapp, language):
    if language == "en":
        return  # the source strings are English
    translator = QTranslator()
    assert translator.load(str(translation_file(language)))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("LoginDialog", "Log in") == "登录"
    finally:
        QCoreApplication.removeTranslator(translator)
