"""Settings: a JSON file in the user's config folder, environment overrides, secrets in the keyring.

The settings file never holds a password: the PostgreSQL password lives in the OS keyring
under the service ``AktDesk`` and the user name ``user@host:port/db``. Environment variables
override the file for automation: ``AKTDESK_DATABASE_URL`` (a full SQLAlchemy URL, password
included if the caller wants), ``AKTDESK_SHARE_ROOT`` and ``AKTDESK_SMTP_URL``
(``smtp://user@host:port?security=starttls``: host, port and login of the mail server; the SMTP
password still comes from the keyring). ``AKTDESK_HOME`` moves the config,
data and log folders (used by tests and portable installs).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

import platformdirs
from sqlalchemy.engine import URL, make_url

from desktop.core.errors import ConfigError

if TYPE_CHECKING:
    from desktop.core.scans.store import ScanStore
from desktop.core.common.files import write_atomic

APP_NAME = "AktDesk"
KEYRING_SERVICE = "AktDesk"
PDF_CONVERTERS = ("auto", "word", "libreoffice")
LANGUAGES = ("ru", "en")
SMTP_SECURITY = ("starttls", "ssl", "none")


def config_dir() -> Path:
    home = os.environ.get("AKTDESK_HOME")
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    home = os.environ.get("AKTDESK_HOME")
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = os.environ.get("AKTDESK_HOME")
    if home:
        return Path(home) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def default_sqlite_path() -> Path:
    return data_dir() / "aktdesk.sqlite"


def demo_sqlite_path() -> Path:
    return data_dir() / "demo.sqlite"


def demo_output_dir() -> Path:
    """Where the demo database's documents go: a folder of its own, never the real documents folder."""
    return data_dir() / "demo" / "Документы"


@dataclass
class DatabaseSettings:
    kind: str = "sqlite"  # "sqlite" | "postgresql"
    sqlite_path: str = ""  # empty: default_sqlite_path()
    host: str = "127.0.0.1"
    port: int = 5432
    name: str = "aktdesk"
    user: str = "postgres"

    def keyring_user(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.name}"

    def url(self, password: str | None = None) -> URL:
        if self.kind == "postgresql":
            return URL.create(
                "postgresql+psycopg",
                username=self.user or None,
                password=password or None,
                host=self.host,
                port=self.port,
                database=self.name,
            )
        if self.sqlite_path:
            path = Path(self.sqlite_path)
        else:
            path = default_sqlite_path()
            path.parent.mkdir(parents=True, exist_ok=True)  # the default place is ours to create
        return URL.create("sqlite", database=str(path))


@dataclass
class SmtpSettings:
    """The mail server documents are sent through; the password is in the keyring (``keyring_user``)."""

    host: str = ""
    port: int = 587
    security: str = "starttls"  # "starttls" | "ssl" | "none"
    login: str = ""  # empty: the server takes mail without AUTH
    sender: str = ""  # the From address; empty: the login
    sender_name: str = ""
    attach_docx: bool = False
    attach_xml: bool = True
    timeout: int = 30
    verify_tls: bool = True  # False only for an internal server with a self-signed certificate

    def keyring_user(self) -> str:
        return f"smtp:{self.login}@{self.host}:{self.port}"

    def transport(self, password: str | None) -> Any:
        """The core's ``SmtpConfig`` for these settings and ``password``."""
        from desktop.core.sending.transport import SmtpConfig  # deferred: smtplib and ssl load only for mail

        return SmtpConfig(
            host=self.host,
            port=int(self.port),
            security=self.security,
            login=self.login,
            password=password or None,
            sender=self.sender or self.login,
            sender_name=self.sender_name,
            timeout=float(self.timeout),
            verify_tls=bool(self.verify_tls),
        )


def smtp_from_url(base: SmtpSettings, url: str) -> SmtpSettings:
    """``AKTDESK_SMTP_URL`` applied over the settings: host, port, login, ``?security=`` (and ``&from=``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ConfigError(
            f"AKTDESK_SMTP_URL «{url}»: ожидается smtp://логин@сервер:порт?security=starttls", field="smtp"
        )
    if parts.password:
        raise ConfigError(
            "AKTDESK_SMTP_URL не должен содержать пароль: пароль SMTP хранится в хранилище паролей системы.",
            field="smtp",
        )
    result = dataclasses.replace(base)
    result.host = parts.hostname
    security = (parse_qs(parts.query).get("security") or [""])[0].lower()
    if security and security not in SMTP_SECURITY:
        raise ConfigError(
            f"AKTDESK_SMTP_URL: неизвестный режим защиты «{security}» (starttls, ssl или none).", field="smtp"
        )
    result.security = security or ("ssl" if parts.scheme == "smtps" else base.security)
    try:
        port = parts.port
    except ValueError:
        raise ConfigError(f"AKTDESK_SMTP_URL «{url}»: неверный порт.", field="smtp") from None
    result.port = port or (465 if result.security == "ssl" else 587)
    result.login = unquote(parts.username or "")
    sender = (parse_qs(parts.query).get("from") or [""])[0]
    if sender:
        result.sender = sender
    return result


@dataclass
class Settings:
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    share_root: str = ""  # the shared folder for signed scans (UNC path on Windows)
    output_dir: str = ""  # where generated documents go; empty: <Documents>/AktDesk
    pdf_converter: str = "auto"
    language: str = "ru"
    scan_max_mb: int = 50
    scan_pattern: str = "Акты выполненных работ/{year}/{client}/{number} от {date}"
    contract_scan_pattern: str = "Договоры/{client}/{number} от {date}"
    # Overrides from the environment are applied on load and never saved back.
    env_database_url: str | None = field(default=None, repr=False, compare=False)
    env_share_root: str | None = field(default=None, repr=False, compare=False)
    env_smtp_url: str | None = field(default=None, repr=False, compare=False)
    # ``--demo``: the demo database and its own documents folder (never saved either).
    demo: bool = field(default=False, repr=False, compare=False)

    def update_from(self, other: Settings) -> None:
        """Take every value of ``other`` in place: whoever holds this object sees the new settings."""
        for item in dataclasses.fields(self):
            setattr(self, item.name, copy.deepcopy(getattr(other, item.name)))

    # --- effective values -------------------------------------------------
    def effective_share_root(self) -> str:
        return self.env_share_root or self.share_root

    def effective_output_dir(self) -> Path:
        if self.demo:
            return demo_output_dir()
        if self.output_dir:
            return Path(self.output_dir)
        return Path(platformdirs.user_documents_dir()) / APP_NAME

    def scan_store(self) -> ScanStore:
        """The shared-folder store of signed scans, with its outbox in the user's data folder."""
        # deferred: the store and its owners load the ORM models and the features; settings load without them
        from desktop.core.scans.owners import SCAN_OWNERS
        from desktop.core.scans.store import ScanStore

        root = self.effective_share_root()
        return ScanStore(
            Path(root) if root else None,
            data_dir() / "outbox",
            pattern=self.scan_pattern,
            max_bytes=self.scan_max_mb * 1024 * 1024,
            contract_pattern=self.contract_scan_pattern,
            owners=SCAN_OWNERS,
        )

    def effective_smtp(self) -> SmtpSettings:
        if self.env_smtp_url:
            return smtp_from_url(self.smtp, self.env_smtp_url)
        return self.smtp

    def smtp_config(self) -> Any:
        """The core's ``SmtpConfig`` of the effective mail server, with its password from the keyring."""
        smtp = self.effective_smtp()
        return smtp.transport(get_secret(smtp.keyring_user()) if smtp.login else None)

    def database_url(self) -> URL:
        """The URL to connect with, the password taken from the keyring."""
        if self.demo:
            demo_sqlite_path().parent.mkdir(parents=True, exist_ok=True)
            return URL.create("sqlite", database=str(demo_sqlite_path()))
        if self.env_database_url:
            return make_url(self.env_database_url)
        password = None
        if self.database.kind == "postgresql":
            password = get_secret(self.database.keyring_user())
        return self.database.url(password)

    # --- persistence ---------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("env_database_url", None)
        data.pop("env_share_root", None)
        data.pop("env_smtp_url", None)
        data.pop("demo", None)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        db_fields = {f.name for f in dataclasses.fields(DatabaseSettings)}
        db = DatabaseSettings(**{k: v for k, v in dict(data.get("database") or {}).items() if k in db_fields})
        smtp_fields = {f.name for f in dataclasses.fields(SmtpSettings)}
        smtp = SmtpSettings(**{k: v for k, v in dict(data.get("smtp") or {}).items() if k in smtp_fields})
        if smtp.security not in SMTP_SECURITY:
            smtp.security = "starttls"
        own = {f.name for f in dataclasses.fields(cls)} - {
            "database",
            "smtp",
            "env_database_url",
            "env_share_root",
            "env_smtp_url",
            "demo",
        }
        settings = cls(database=db, smtp=smtp, **{k: v for k, v in data.items() if k in own})
        if settings.pdf_converter not in PDF_CONVERTERS:
            settings.pdf_converter = "auto"
        if settings.language not in LANGUAGES:
            settings.language = "ru"
        return settings


def load_settings(path: Path | None = None, *, demo: bool = False) -> Settings:
    """Read the settings file (defaults when absent or unreadable) and apply the environment;
    with ``demo`` the demo database and its own documents folder (``--demo``)."""
    path = path or settings_path()
    settings = Settings()
    if path.exists():
        try:
            settings = Settings.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            # A damaged settings file must not stop the program: start on defaults, keep the file.
            settings = Settings()
    settings.env_database_url = os.environ.get("AKTDESK_DATABASE_URL") or None
    settings.env_share_root = os.environ.get("AKTDESK_SHARE_ROOT") or None
    settings.env_smtp_url = os.environ.get("AKTDESK_SMTP_URL") or None
    settings.demo = demo
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings file atomically (never a password: see ``set_secret``)."""
    path = path or settings_path()
    text = json.dumps(settings.to_json(), ensure_ascii=False, indent=2)
    write_atomic(path, text.encode("utf-8"))


def get_secret(user: str) -> str | None:
    # deferred: keyring looks up its backends (entry points) when imported; only secrets need it
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, user)
    except KeyringError:
        return None


def set_secret(user: str, secret: str | None) -> None:
    # deferred: keyring looks up its backends (entry points) when imported; only secrets need it
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    if secret:
        keyring.set_password(KEYRING_SERVICE, user, secret)
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, user)
    except (PasswordDeleteError, KeyringError):
        pass


def check_settings(settings: Settings, password: str | None = None) -> None:
    """Check that new settings can work before they replace the working ones.

    Raises ``ConfigError`` naming the field: a missing folder, an unreachable server,
    a wrong password, a database that does not exist.
    """
    # deferred: the ORM and the resources load only for the check
    from desktop.core.db import check_connection

    if settings.database.kind not in ("sqlite", "postgresql"):
        raise ConfigError(f"Неизвестный тип базы данных: {settings.database.kind}", field="database")
    if settings.database.kind == "postgresql":
        if not settings.database.host.strip():
            raise ConfigError("Укажите сервер PostgreSQL.", field="host")
        if not settings.database.name.strip():
            raise ConfigError("Укажите имя базы данных.", field="name")
        if not (0 < int(settings.database.port) < 65536):
            raise ConfigError(f"Неверный порт: {settings.database.port}", field="port")
    # The demo's own database is not one the dialog can change: it is open already.
    if not settings.demo:
        check_connection(settings.database.url(password))
    if settings.share_root:
        share = Path(settings.share_root)
        if not share.is_dir():
            raise ConfigError(
                f"Общая папка для сканов недоступна или не существует: {share}", field="share_root"
            )
    if settings.output_dir:
        out = Path(settings.output_dir)
        if not out.is_dir() and not out.parent.is_dir():
            raise ConfigError(f"Папка для документов не существует: {out}", field="output_dir")
    if settings.pdf_converter not in PDF_CONVERTERS:
        raise ConfigError(f"Неизвестный конвертер PDF: {settings.pdf_converter}", field="pdf_converter")
