"""Database access: engines, sessions, migrate-on-start (with an SQLite backup) and connection checks.

Errors of the database itself reach the user in Russian, never as SQL: an SQLite file that is
damaged (zero bytes, not an SQLite file, bad pages) is refused when it is opened and named with
the backup to restore (``backup_sqlite`` makes one before each migration); an ``OperationalError``,
``DataError`` or ``DatabaseError`` raised inside ``Database.session()`` / ``transaction()`` (a busy
SQLite file, a server gone, a login without privileges, a value too big for its column) becomes a
:class:`DatabaseError` saying what happened and what to do (``database_error``); the driver's text
and the SQL go to the log only.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import logging
import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DatabaseError as SqlDatabaseError
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.common.resources import resource_path
from desktop.core.errors import ConfigError, UserError

log = logging.getLogger(__name__)


class DatabaseError(UserError):
    """The database failed (busy, damaged, unreachable, no privileges, a value it cannot store)."""


REFUSAL = "AD403"  # the SQLSTATE of the database's own refusals (``aktdesk_refuse``, migration 0007)


def refusal_text(error: BaseException) -> str | None:
    """The Russian message of a refusal raised by the database's own rules, None for any other error."""
    orig = getattr(error, "orig", error)
    if getattr(orig, "sqlstate", None) != REFUSAL:
        return None
    diag = getattr(orig, "diag", None)
    return str(getattr(diag, "message_primary", None) or orig)


def call_function(session: Session, sql: str, params: dict[str, Any]) -> Any:
    """Run one of the database's functions (PostgreSQL) and return its value; when its rules refuse
    the caller, the refusal is raised as the ``DatabaseError`` it says (in Russian)."""
    try:
        return session.execute(text(sql), params).scalar()
    except DBAPIError as error:
        message = refusal_text(error)
        if message is None:
            raise
        raise DatabaseError(message) from error


SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_backups(path: Path) -> list[Path]:
    """The backups ``backup_sqlite`` made of this file, newest first."""
    try:
        return sorted(path.parent.glob(f"{glob_escape(path.name)}.*.bak"), reverse=True)
    except OSError:
        return []


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def damaged_message(path: Path, what: str) -> str:
    """The file is damaged: what is wrong with it and how to get the data back."""
    backups = sqlite_backups(path)
    if backups:
        restore = (
            f"Закройте программу, переименуйте повреждённый файл (например, в «{path.name}.damaged») и "
            f"восстановите резервную копию, которую программа сделала перед последним обновлением схемы: "
            f"«{backups[0]}» — скопируйте её под именем «{path.name}»."
        )
    else:
        restore = (
            "Резервной копии (.bak) рядом с файлом нет: восстановите файл из архива или выберите "
            "другую базу в «Файл → Настройки»."
        )
    return f"Файл базы данных «{path}» повреждён: {what}. Программа не будет его изменять. {restore}"


def check_sqlite_file(path: Path) -> None:
    """Refuse a damaged SQLite file before anything writes to it (a zero-byte file would otherwise
    silently become a new empty database). A missing file is fine: it is created."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as error:
        raise ConfigError(
            f"Не удалось открыть файл базы данных «{path}»: {error.strerror or error}."
        ) from error
    if size == 0:
        raise ConfigError(damaged_message(path, "файл пуст (0 байт)"), field="sqlite_path")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ConfigError(
            f"Не удалось прочитать файл базы данных «{path}»: {error.strerror or error}."
        ) from error
    if header != SQLITE_HEADER:
        raise ConfigError(damaged_message(path, "это не файл базы данных SQLite"), field="sqlite_path")
    try:
        connection = sqlite3.connect(path, timeout=5)
        try:
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return  # busy, not damaged: the first statement waits for it or says so
        log.warning("quick_check of %s failed", path, exc_info=error)
        raise ConfigError(damaged_message(path, "файл не читается"), field="sqlite_path") from error
    except sqlite3.DatabaseError as error:
        log.warning("quick_check of %s failed", path, exc_info=error)
        raise ConfigError(damaged_message(path, "файл не читается"), field="sqlite_path") from error
    if problems != ["ok"]:
        log.warning("quick_check of %s: %s", path, problems)
        raise ConfigError(damaged_message(path, "повреждены страницы данных"), field="sqlite_path")


def _driver_text(error: BaseException) -> str:
    return str(getattr(error, "orig", None) or error).lower()


def database_error(error: BaseException, url: URL | str | None = None) -> DatabaseError:
    """A database failure as the user must read it: what happened and what to do (the raw text,
    with its SQL, is logged here and nowhere shown)."""
    refused = refusal_text(error)
    if refused is not None:
        log.info("refused by the database: %s", refused)
        return DatabaseError(refused)
    log.error("database error", exc_info=(type(error), error, error.__traceback__))
    text_ = _driver_text(error)
    url = make_url(url) if url is not None else None
    where = f" ({describe_url(url)})" if url is not None else ""
    sqlite_path = Path(url.database) if url is not None and is_sqlite(url) and url.database else None
    if "database is locked" in text_ or "database table is locked" in text_ or "sqlite_busy" in text_:
        return DatabaseError(
            f"База данных занята{where}: в неё сейчас пишет другая программа или другая копия AktDesk, "
            "и она не освободилась за 30 секунд. Ничего не сохранено. Подождите, пока другая запись "
            "закончится, и повторите; если база занята постоянно — закройте другие копии программы."
        )
    if "malformed" in text_ or "file is not a database" in text_ or "disk image" in text_:
        if sqlite_path is not None:
            return DatabaseError(damaged_message(sqlite_path, "повреждены страницы данных"))
        return DatabaseError(
            f"База данных повреждена{where}. Восстановите её из резервной копии (.bak), которую программа "
            "сделала перед последним обновлением схемы."
        )
    if "readonly database" in text_ or "read-only" in text_ or "read only" in text_:
        return DatabaseError(
            f"База данных открыта только для чтения{where}: изменения не сохранены. Проверьте права на файл "
            "и папку базы (или права пользователя на сервере) и повторите."
        )
    if "disk is full" in text_ or "no space left" in text_ or "disk i/o error" in text_:
        return DatabaseError(
            f"Не удалось записать в базу данных{where}: диск заполнен или недоступен. Ничего не сохранено. "
            "Освободите место на диске (или проверьте сетевой диск) и повторите."
        )
    if "permission denied" in text_ or "must be owner" in text_ or "insufficientprivilege" in text_:
        user = f"«{url.username}» " if url is not None and url.username else ""
        return DatabaseError(
            f"У пользователя {user}нет прав на эту операцию в базе данных{where}. Ничего не сохранено. "
            "Попросите администратора базы выдать ему права на таблицы AktDesk (или войдите под "
            "пользователем с правами в «Файл → Настройки»)."
        )
    if (
        "numeric field overflow" in text_
        or "out of range" in text_
        or "value too long" in text_
        or "too big" in text_
    ):
        return DatabaseError(
            "Значение не помещается в поле базы данных (слишком большое число или слишком длинный "
            "текст). Ничего не сохранено. Исправьте значение и повторите."
        )
    if (
        "server closed the connection" in text_
        or "connection" in text_
        or "terminating" in text_
        or "could not connect" in text_
        or "timeout" in text_
    ):
        return DatabaseError(
            f"Связь с сервером базы данных прервалась{where}. Ничего не сохранено. Проверьте сеть и "
            "сервер и повторите."
        )
    return DatabaseError(
        f"Ошибка базы данных{where}: операция не выполнена, изменения не сохранены. Повторите; если ошибка "
        "повторяется, передайте администратору журнал работы (Справка → Открыть журнал работы)."
    )


def is_database_failure(error: BaseException) -> bool:
    """A failure of the database itself (translated by ``database_error``), not a rule the code
    handles (a unique key: ``IntegrityError``)."""
    return isinstance(error, SqlDatabaseError | sqlite3.DatabaseError) and not isinstance(
        error, IntegrityError | sqlite3.IntegrityError
    )


def is_sqlite(url: URL | str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: URL | str) -> Path | None:
    """The file of an SQLite database; None for PostgreSQL and in-memory databases."""
    parsed = make_url(url)
    if not is_sqlite(parsed) or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


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
    # Who the audit triggers write (migration 0007): the OS login until a Database says who acts.
    _register_login(dbapi_connection, None, os_login())
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except Exception:  # in-memory databases have no WAL
        pass
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _register_login(dbapi_connection: Any, _record: Any, login: str) -> None:
    dbapi_connection.create_function("aktdesk_login", 0, lambda: login)


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


def os_login() -> str:
    """The OS login of the person at the keyboard (who the single-user SQLite mode trusts)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass
class Database:
    """An open database: its engine, a session factory and who is connected. Pass it in; never a global.

    ``login`` is who the program acts as: on PostgreSQL the server's ``session_user`` (each person
    connects with their own login, and the database enforces what that login may do); on SQLite,
    a single-user file, the OS login (or what a headless command was told with ``--login``).
    Every session carries it in ``session.info["login"]`` (``events.acting_login`` reads it).
    """

    engine: Engine
    login: str = ""

    def __post_init__(self) -> None:
        self.owner = False
        if self.multi_user:
            self.login, self.owner = server_identity(self.engine)
        elif not self.login:
            self.login = os_login()
        if not self.multi_user and self.login != os_login():
            self.engine.dispose()  # pooled connections know only the OS login
            event.listen(self.engine, "connect", functools.partial(_register_login, login=self.login))
        self.info: dict[str, Any] = {"login": self.login, "enforced": self.multi_user, "owner": self.owner}
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, info=self.info)
        self.write_sessions = sessionmaker(writer(self.engine), expire_on_commit=False, info=self.info)

    def acting(self, login: str | None = None) -> str:
        """Who acts when a caller names ``login`` (``who_acts``)."""
        return who_acts(self.info, login)

    @property
    def multi_user(self) -> bool:
        """PostgreSQL: several people, each with a database login and the rights of their role."""
        return self.engine.dialect.name != "sqlite"

    @property
    def url(self) -> URL:
        return self.engine.url

    def describe(self) -> str:
        return describe_url(self.engine.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (closed at the end, nothing committed)."""
        try:
            with self.sessions() as session:
                yield session
        except Exception as error:
            if is_database_failure(error):
                raise database_error(error, self.engine.url) from error
            raise

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: committed at the end, rolled back on any error."""
        try:
            with self.write_sessions() as session, session.begin():
                yield session
        except Exception as error:
            if is_database_failure(error):
                raise database_error(error, self.engine.url) from error
            raise

    def dispose(self) -> None:
        self.engine.dispose()


_OWNS_SCHEMA = (
    "SELECT pg_has_role(current_user, c.relowner, 'MEMBER') FROM pg_class c "
    "WHERE c.relname = 'alembic_version' AND c.relnamespace = current_schema()::regnamespace"
)


def server_identity(engine: Engine) -> tuple[str, bool]:
    """The login the server knows the connection by (PostgreSQL's ``session_user``), and whether it
    owns AktDesk's tables (the login that migrates) — one round trip, at open."""
    with engine.connect() as conn:
        login, owner = conn.execute(text(f"SELECT session_user, coalesce(({_OWNS_SCHEMA}), false)")).one()
    return str(login), bool(owner)


def who_acts(info: Mapping[str, Any], login: str | None = None) -> str:
    """Who acts when a caller names ``login``, from a session's (or a ``Database``'s) ``info``: the
    connection's login on PostgreSQL — except for the schema's owner, which may act for someone
    (demo data, maintenance) — and ``login`` or the database's user on SQLite."""
    known = info.get("login")
    if info.get("enforced") and known and not info.get("owner"):
        return str(known)
    return login or known or os_login()


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
        if "mode=memory" not in str(url):
            check_sqlite_file(Path(url.database))
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
    from alembic.config import Config  # deferred: alembic (mako, pygments) is heavy, for migrations only

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


def owns_schema(engine: Engine) -> bool:
    """Whether the login of ``engine`` owns AktDesk's tables (PostgreSQL: the login that migrates)."""
    return server_identity(engine)[1]


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
    if current is not None and not is_sqlite(engine.url) and not owns_schema(engine):
        raise ConfigError(
            f"Схема базы данных устарела (версия {current}, программе нужна {head}), а обновить её может "
            f"только владелец базы, не пользователь «{engine.url.username}». Попросите администратора "
            "выполнить «aktdesk --database <адрес базы с логином владельца> migrate».",
            field="database",
        )
    from alembic import command  # deferred: alembic is heavy, loaded only when there is a migration to run

    backup = None
    url = engine.url
    if is_sqlite(url) and current is not None and url.database and url.database != ":memory:":
        backup = backup_sqlite(Path(url.database))
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup


def open_database(url: URL | str, *, migrate_schema: bool = True, login: str | None = None) -> Database:
    """Connect (with a clear error when that fails) and migrate to head.

    ``login``: who acts on a single-user SQLite file (default: the OS login); PostgreSQL refuses it,
    its user is the connection's login."""
    url = make_url(url)
    if login and not is_sqlite(url):
        raise ConfigError(
            "На PostgreSQL пользователь программы — логин подключения к базе; указать другого нельзя.",
            field="login",
        )
    check_connection(url)
    engine = make_engine(url)
    if migrate_schema:
        try:
            migrate(engine)
        except Exception as error:
            engine.dispose()
            if is_database_failure(error):
                raise database_error(error, url) from error
            raise
    return Database(engine, login=login or "")
