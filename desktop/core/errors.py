"""Errors the user can fix: one family, each carrying a message fit to show (in Russian)."""

from __future__ import annotations

import errno


class UserError(Exception):
    """A problem the user can fix; ``str(error)`` is the message to show."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(UserError):
    """Input that breaks a rule (a requisite, a required field, a file row)."""


class ConfigError(UserError):
    """Settings that cannot work: an unreachable server, a wrong password, a missing folder."""


class StorageError(UserError):
    """A folder or file that cannot be read or written (share down, locked file, disk full)."""


class TemplateError(UserError):
    """A print form that cannot be rendered (unknown placeholder, syntax error, missing image)."""


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel; the job leaves a consistent state."""


# The OS's own texts are English («No such file or directory»): the user reads these instead.
_ERRNO_RU = {
    errno.ENOENT: "нет такого файла или папки",
    errno.EACCES: "нет доступа",
    errno.EPERM: "операция не разрешена",
    errno.EEXIST: "файл уже существует",
    errno.ENOTDIR: "это не папка",
    errno.EISDIR: "это папка, а не файл",
    errno.ENOTEMPTY: "папка не пуста",
    errno.ENOSPC: "на диске нет места",
    errno.EROFS: "диск доступен только для чтения",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.EBUSY: "файл занят другой программой",
    errno.EMFILE: "открыто слишком много файлов",
    errno.EIO: "ошибка ввода-вывода",
    errno.EINVAL: "недопустимое имя файла или значение",
    errno.EXDEV: "перенос между дисками невозможен",
    errno.ETIMEDOUT: "время ожидания истекло",
    errno.ECONNREFUSED: "соединение отклонено",
    errno.ECONNRESET: "соединение разорвано",
    errno.ECONNABORTED: "соединение прервано",
    errno.EHOSTUNREACH: "узел недоступен",
    errno.ENETUNREACH: "сеть недоступна",
    errno.EPIPE: "соединение закрыто другой стороной",
}
# Windows error codes (``OSError.winerror``), more precise than the errno they map to.
_WINERROR_RU = {
    2: "нет такого файла",
    3: "путь не найден",
    5: "нет доступа",
    32: "файл занят другой программой",
    33: "часть файла заблокирована другой программой",
    53: "сетевой путь не найден",
    64: "сетевое имя больше недоступно",
    67: "сетевое имя не найдено",
    112: "на диске нет места",
    123: "недопустимое имя файла",
    206: "слишком длинное имя файла",
    1326: "неверное имя пользователя или пароль",
}


def os_error_text(error: OSError) -> str:
    """What went wrong, in Russian: «нет такого файла или папки» (the path is the caller's to name)."""
    winerror = getattr(error, "winerror", None)
    if winerror in _WINERROR_RU:
        return _WINERROR_RU[winerror]
    if error.errno in _ERRNO_RU:
        return _ERRNO_RU[error.errno]
    if isinstance(error, TimeoutError):
        return "время ожидания истекло"
    return f"ошибка системы {error.errno}" if error.errno else "ошибка системы"


def unexpected_error_text(error: BaseException) -> str:
    """An error with no message of ours (a bug, or an OS error nobody caught): an OS error in
    Russian with its file, anything else as its type and text (for the log and the support)."""
    if isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        return f"{os_error_text(error)}{where}"
    return f"{type(error).__name__}: {error}"
