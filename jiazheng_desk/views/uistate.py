"""Where window layout and column widths are remembered (an INI file beside the config)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

_path: Path | None = None


def configure(path: Path) -> None:
    global _path
    _path = path


def ui_settings() -> QSettings:
    if _path is None:
        return QSettings()
    return QSettings(str(_path), QSettings.Format.IniFormat)
