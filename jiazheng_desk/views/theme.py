"""Fonts, translations and the style sheet of the application."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from jiazheng_desk.i18n import set_language
from jiazheng_desk.views.resources import style_sheet, translation_file

log = logging.getLogger(__name__)

# Named explicitly: with only Noto CJK installed, Qt falls back to the Japanese glyph
# shapes (STACK.md). Windows desks have Microsoft YaHei; Linux test machines WenQuanYi.
CJK_FONT_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "SimSun",
]

_installed: list[QTranslator] = []


def apply_fonts(app: QApplication, point_size: int = 10) -> None:
    font = QFont()
    font.setFamilies(CJK_FONT_FAMILIES)
    font.setPointSize(point_size)
    app.setFont(font)


def apply_style(app: QApplication) -> None:
    path = style_sheet()
    if path.exists():
        app.setStyleSheet(path.read_text(encoding="utf-8"))


def install_language(app: QApplication, language: str) -> str:
    """Load the desk's and Qt's own translations for a language; return the one used."""
    lang = set_language(language)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        desk = QTranslator(app)
        if desk.load(str(translation_file("zh_CN"))):
            app.installTranslator(desk)
            _installed.append(desk)
        else:
            log.warning("translation %s could not be loaded", translation_file("zh_CN"))
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return lang
