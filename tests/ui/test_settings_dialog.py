"""Settings: switching between SQLite and PostgreSQL from the dialog; bad values keep what worked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy.engine import make_url

from desktop.config import load_settings, settings_path
from desktop.ui.settings.dialog import SettingsDialog


def _press_ok(qtbot: Any, dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_switch_from_sqlite_to_postgresql_and_back(
    qtbot: Any, main_window: Any, pg_url: str, tmp_path: Path, memory_keyring: Any
) -> None:
    url = make_url(pg_url)
    dialog = SettingsDialog(main_window.settings, main_window)
    qtbot.addWidget(dialog)
    dialog.pg_radio.setChecked(True)
    dialog.host.setText(url.host or "127.0.0.1")
    dialog.port.setValue(url.port or 5432)
    dialog.db_name.setText(url.database or "")
    dialog.user.setText(url.username or "")
    dialog.password.setText("pg-Секрет")
    _press_ok(qtbot, dialog)
    assert dialog.result_settings is not None, dialog.error.text()
    main_window.apply_settings(dialog.result_settings)
    assert "PostgreSQL" in main_window.db_label.text() and str(url.database) in main_window.db_label.text()
    assert main_window.database.engine.dialect.name == "postgresql"
    assert main_window.contracts_tab.model.rowCount() == 0  # a fresh server database, migrated on open
    saved = settings_path().read_text(encoding="utf-8")
    assert json.loads(saved)["database"]["kind"] == "postgresql"
    assert "pg-Секрет" not in saved
    assert memory_keyring.get_password("AktDesk", dialog.result_settings.database.keyring_user()) == "pg-Секрет"

    back = SettingsDialog(main_window.settings, main_window)
    qtbot.addWidget(back)
    back.sqlite_radio.setChecked(True)
    back.sqlite_path.setText(str(tmp_path / "again.sqlite"))
    _press_ok(qtbot, back)
    assert back.result_settings is not None, back.error.text()
    main_window.apply_settings(back.result_settings)
    assert main_window.database.engine.dialect.name == "sqlite"
    assert "again.sqlite" in main_window.db_label.text()
    assert load_settings().database.kind == "sqlite"


def test_unreachable_server_is_named_and_the_working_database_stays(qtbot: Any, main_window: Any) -> None:
    before_db = main_window.database
    before_file = settings_path().read_text(encoding="utf-8") if settings_path().exists() else None
    dialog = SettingsDialog(main_window.settings, main_window)
    qtbot.addWidget(dialog)
    dialog.pg_radio.setChecked(True)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)
    _press_ok(qtbot, dialog)
    assert dialog.result_settings is None
    assert "недоступен" in dialog.error.text() and "127.0.0.1:1" in dialog.error.text()
    assert main_window.database is before_db
    after_file = settings_path().read_text(encoding="utf-8") if settings_path().exists() else None
    assert after_file == before_file


def test_missing_share_folder_is_refused(qtbot: Any, main_window: Any, tmp_path: Path) -> None:
    dialog = SettingsDialog(main_window.settings, main_window)
    qtbot.addWidget(dialog)
    dialog.sqlite_path.setText(str(tmp_path / "x.sqlite"))
    dialog.share_root.setText(str(tmp_path / "no" / "share"))
    _press_ok(qtbot, dialog)
    assert dialog.result_settings is None
    assert "Общая папка" in dialog.error.text() and str(tmp_path / "no" / "share") in dialog.error.text()
