"""Settings: saved without secrets, environment overrides, damaged files, checks before saving."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.config import (
    Settings,
    check_settings,
    get_secret,
    load_settings,
    save_settings,
    set_secret,
    settings_path,
)
from desktop.core.errors import ConfigError


def test_password_goes_to_the_keyring_never_to_the_file(memory_keyring: object) -> None:
    settings = Settings()
    settings.database.kind = "postgresql"
    settings.database.host = "db.example"
    set_secret(settings.database.keyring_user(), "s3cret-Пароль")
    save_settings(settings)
    text = settings_path().read_text(encoding="utf-8")
    assert "s3cret" not in text
    loaded = load_settings()
    assert loaded.database.host == "db.example"
    assert loaded.database_url().password == "s3cret-Пароль"
    assert get_secret("postgres@db.example:5432/aktdesk") == "s3cret-Пароль"


def test_environment_overrides_but_is_not_saved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AKTDESK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    monkeypatch.setenv("AKTDESK_SHARE_ROOT", str(tmp_path))
    settings = load_settings()
    assert settings.database_url().database == str(tmp_path / "env.sqlite")
    assert settings.effective_share_root() == str(tmp_path)
    save_settings(settings)
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["share_root"] == "" and "env_database_url" not in saved


def test_damaged_settings_file_falls_back_to_defaults() -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{ not json", encoding="utf-8")
    settings = load_settings()
    assert settings.database.kind == "sqlite"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda s, t: setattr(s.database, "sqlite_path", str(t / "missing" / "a.sqlite")),
            "sqlite_path",
            "не найдена",
        ),
        (lambda s, t: setattr(s, "share_root", str(t / "no-share")), "share_root", "Общая папка"),
        (lambda s, t: setattr(s, "output_dir", str(t / "a" / "b" / "c")), "output_dir", "не существует"),
    ],
)
def test_bad_settings_are_refused_with_the_field_named(
    tmp_path: Path, change, field: str, words: str
) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    settings.database.sqlite_path = str(tmp_path / "ok.sqlite")
    change(settings, tmp_path)
    with pytest.raises(ConfigError) as error:
        check_settings(settings)
    assert error.value.field == field
    assert words in error.value.message


def test_unreachable_postgresql_server_is_named() -> None:
    settings = Settings()
    settings.database.kind = "postgresql"
    settings.database.host = "127.0.0.1"
    settings.database.port = 1  # nothing listens there
    with pytest.raises(ConfigError) as error:
        check_settings(settings, "x")
    assert "недоступен" in error.value.message and "127.0.0.1:1" in error.value.message


def test_missing_postgresql_database_is_named(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_url)
    settings = Settings()
    settings.database.kind = "postgresql"
    settings.database.host = url.host or "127.0.0.1"
    settings.database.port = url.port or 5432
    settings.database.user = url.username or "postgres"
    settings.database.name = "no_such_database_aktdesk"
    with pytest.raises(ConfigError) as error:
        check_settings(settings, url.password)
    assert "no_such_database_aktdesk" in error.value.message and "не существует" in error.value.message
