"""Paths to the resources shipped beside the package (translations, style sheet, icons)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` of the checkout, or of the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translation_file(language: str) -> Path:
    return resources_dir() / "i18n" / f"{language}.qm"


def style_sheet() -> Path:
    return resources_dir() / "qss" / "desk.qss"


def icon_file(name: str) -> Path:
    return resources_dir() / "icons" / name
