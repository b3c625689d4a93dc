"""Settings: switching between SQLite and PostgreSQL from the dialog; bad values keep what worked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from desktop.config import load_settings, settings_path
from desktop.ui.settings.dialog import SettingsDialog
from tests.ui.user import clear_and_type, click, in_settings


def test_switch_from_sqlite_to_postgresql_and_back(
    qtbot: Any, main_window: Any, pg_url: str, tmp_path: Path, memory_keyring: Any
) -> None:
    url = make_url(pg_url)

    def postgresql(dialog: SettingsDialog) -> None:
        click(qtbot, dialog.pg_radio)
        clear_and_type(qtbot, dialog.host, url.host or "127.0.0.1")
        clear_and_type(qtbot, dialog.port, str(url.port or 5432))
        clear_and_type(qtbot, dialog.db_name, url.database or "")
        clear_and_type(qtbot, dialog.user, url.username or "")
        clear_and_type(qtbot, dialog.password, "pg-Секрет")

    [dialog] = in_settings(qtbot, main_window, postgresql)
    assert dialog.result_settings is not None, dialog.error.text()
    assert "PostgreSQL" in main_window.db_label.text() and str(url.database) in main_window.db_label.text()
    assert main_window.database.engine.dialect.name == "postgresql"
    qtbot.waitUntil(lambda: not main_window.contracts_tab.model.busy, timeout=10000)
    assert main_window.contracts_tab.model.rowCount() == 0  # a fresh server database, migrated on open
    saved = settings_path().read_text(encoding="utf-8")
    assert json.loads(saved)["database"]["kind"] == "postgresql"
    assert "pg-Секрет" not in saved
    assert (
        memory_keyring.get_password("AktDesk", dialog.result_settings.database.keyring_user()) == "pg-Секрет"
    )

    def sqlite(dialog: SettingsDialog) -> None:
        click(qtbot, dialog.sqlite_radio)
        clear_and_type(qtbot, dialog.sqlite_path, str(tmp_path / "again.sqlite"))

    [back] = in_settings(qtbot, main_window, sqlite)
    assert back.result_settings is not None, back.error.text()
    assert main_window.database.engine.dialect.name == "sqlite"
    assert "again.sqlite" in main_window.db_label.text()
    assert load_settings().database.kind == "sqlite"


def test_unreachable_server_is_named_and_the_working_database_stays(qtbot: Any, main_window: Any) -> None:
    before_db = main_window.database
    before_file = settings_path().read_text(encoding="utf-8") if settings_path().exists() else None

    def unreachable(dialog: SettingsDialog) -> None:
        click(qtbot, dialog.pg_radio)
        clear_and_type(qtbot, dialog.host, "127.0.0.1")
        clear_and_type(qtbot, dialog.port, "1")

    dialog, error = in_settings(qtbot, main_window, unreachable)
    assert dialog.result_settings is None
    assert "недоступен" in error and "127.0.0.1:1" in error
    assert main_window.database is before_db
    after_file = settings_path().read_text(encoding="utf-8") if settings_path().exists() else None
    assert after_file == before_file


def test_missing_share_folder_is_refused(qtbot: Any, main_window: Any, tmp_path: Path) -> None:
    def missing_share(dialog: SettingsDialog) -> None:
        clear_and_type(qtbot, dialog.sqlite_path, str(tmp_path / "x.sqlite"))
        clear_and_type(qtbot, dialog.share_root, str(tmp_path / "no" / "share"))

    dialog, error = in_settings(qtbot, main_window, missing_share)
    assert dialog.result_settings is None
    assert "Общая папка" in error and str(tmp_path / "no" / "share") in error
