"""Database access: engines, sessions, migrate-on-start (with an SQLite backup) and connection checks."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.errors import ConfigError
from desktop.core.resources import resource_path


def is_sqlite(url: URL | str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def describe_url(url: URL | str) -> str:
    """A short human description of a database, without the password (for the status bar)."""
    url = make_url(url)
    if is_sqlite(url):
        return f"SQLite: {url.database or ':memory:'}"
    return f"PostgreSQL: {url.username or ''}@{url.host}:{url.port or 5432}/{url.database}"


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_on_begin), as the pysqlite docs recommend.
    dbapi_connection.isolation_level = None
    # SQLite's own lower() folds ASCII only: searches must match «РОМАШКА» with «ромашка».
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except Exception:  # in-memory databases have no WAL
        pass
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    # Writers take the lock at BEGIN (rule 4: numbers in an immediate transaction), so two
    # processes never both read the same last number and fail on upgrade; readers stay deferred.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: URL | str, **kwargs: Any) -> Engine:
    url = make_url(url)
    if is_sqlite(url):
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("connect_args", {"connect_timeout": 5})
    return create_engine(url, **kwargs)


def writer(engine: Engine) -> Engine:
    """The same engine, but transactions take the write lock at once on SQLite."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(sqlite_begin="IMMEDIATE")
    return engine


@dataclass
class Database:
    """An open database: its engine and a session factory. Pass it in; never a global."""

    engine: Engine

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.write_sessions = sessionmaker(writer(self.engine), expire_on_commit=False)

    @property
    def url(self) -> URL:
        return self.engine.url

    def describe(self) -> str:
        return describe_url(self.engine.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (closed at the end, nothing committed)."""
        with self.sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: committed at the end, rolled back on any error."""
        with self.write_sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def explain_connection_error(url: URL, error: Exception) -> str:
    """Turn a driver error into a message that says what is wrong (in Russian)."""
    text_ = str(getattr(error, "orig", error) or error).lower()
    where = describe_url(url)
    if is_sqlite(url):
        folder = Path(url.database or "").parent
        if not folder.exists():
            return f"Папка базы данных не найдена: {folder}"
        return f"Не удалось открыть файл базы данных {url.database}: {getattr(error, 'orig', error)}"
    if "password authentication failed" in text_ or "no password supplied" in text_:
        return f"Неверный пароль пользователя «{url.username}» для сервера {url.host}:{url.port or 5432}."
    if "does not exist" in text_ and "database" in text_:
        return f"База данных «{url.database}» не существует на сервере {url.host}:{url.port or 5432}."
    if "role" in text_ and "does not exist" in text_:
        return f"Пользователь «{url.username}» не существует на сервере {url.host}:{url.port or 5432}."
    if (
        "connection refused" in text_
        or "could not connect" in text_
        or "timeout" in text_
        or "name or service not known" in text_
        or "could not translate host name" in text_
        or "no route to host" in text_
        or "connection failed" in text_
    ):
        return f"Сервер базы данных недоступен: {url.host}:{url.port or 5432} ({where})."
    return f"Не удалось подключиться к базе данных ({where}): {getattr(error, 'orig', error)}"


def check_connection(url: URL | str) -> None:
    """Connect once and run a trivial query; raise ConfigError with a specific message if it fails."""
    url = make_url(url)
    if is_sqlite(url) and url.database and url.database != ":memory:":
        folder = Path(url.database).parent
        if not folder.is_dir():
            raise ConfigError(f"Папка базы данных не найдена: {folder}", field="sqlite_path")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as error:
        raise ConfigError(explain_connection_error(url, error), field="database") from error
    finally:
        engine.dispose()


# --- migrations ------------------------------------------------------------------


def alembic_config(url: URL | str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resource_path("db")))
    # The URL goes through attributes (not the ini), so a password with "%" survives.
    cfg.attributes["url"] = make_url(url)
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The schema version recorded in the database (None for an empty one)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


_REVISION = re.compile(r"^(down_)?revision(?:: [^=]+)? = (None|['\"]([^'\"]+)['\"])", re.MULTILINE)


def head_revision() -> str | None:
    """The newest migration, read from db/versions without importing Alembic (it is slow to import)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in resource_path("db", "versions").glob("*.py"):
        for match in _REVISION.finditer(path.read_text(encoding="utf-8")):
            if match.group(3):
                (parents if match.group(1) else revisions).add(match.group(3))
    heads = revisions - parents
    if len(heads) > 1:
        raise RuntimeError(f"several migration heads: {sorted(heads)}")
    return next(iter(heads), None)


def backup_sqlite(path: Path) -> Path:
    """Copy an SQLite file next to itself before a migration: ``name.YYYYmmdd-HHMMSS.bak``.

    SQLite's online backup is used, not a file copy: in WAL mode the latest pages may still
    be in the ``-wal`` file, which a plain copy of the main file would miss.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def migrate(engine: Engine) -> Path | None:
    """Bring the schema to head. Returns the backup made of an SQLite file, if any."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    from alembic import command

    backup = None
    url = engine.url
    if is_sqlite(url) and current is not None and url.database and url.database != ":memory:":
        backup = backup_sqlite(Path(url.database))
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup


def open_database(url: URL | str, *, migrate_schema: bool = True) -> Database:
    """Connect (with a clear error when that fails) and migrate to head."""
    url = make_url(url)
    check_connection(url)
    engine = make_engine(url)
    if migrate_schema:
        migrate(engine)
    return Database(engine)


def has_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())
