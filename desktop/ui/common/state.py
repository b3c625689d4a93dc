"""Where the interface keeps its state between runs (geometry, columns, saved filters)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.config import config_dir


def ui_state() -> QSettings:
    """An ini file beside the settings (so AKTDESK_HOME moves it too)."""
    return QSettings(str(config_dir() / "ui_state.ini"), QSettings.Format.IniFormat)
