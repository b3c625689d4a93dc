"""Errors the user can fix: one family, each carrying a message fit to show (in Russian)."""

from __future__ import annotations


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
