"""Unhandled exceptions in the GUI: a fixable error is a warning; a bug is logged with its traceback and shown."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import ValidationError
from desktop.logging_setup import log_file, setup_logging
from desktop.ui import errors


def test_a_bug_is_logged_with_traceback_and_shown(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    setup_logging()
    shown: list[BaseException] = []
    monkeypatch.setattr(errors, "show_unexpected_error", lambda parent, error: shown.append(error))
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError:
        errors.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1
    text = log_file().read_text(encoding="utf-8")
    assert "Unhandled exception" in text and "Traceback" in text and "division by zero in a slot" in text


def test_a_user_error_is_a_warning_with_its_message(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    try:
        raise ValidationError("ИНН: неверная контрольная сумма")
    except ValidationError:
        errors.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert warned == ["ИНН: неверная контрольная сумма"]


def test_passwords_never_reach_the_log() -> None:
    import logging

    setup_logging()
    logging.getLogger("test").warning("connecting to postgresql+psycopg://buh:S3cret!@db.local/aktdesk")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file().read_text(encoding="utf-8")
    assert "S3cret!" not in text and "buh:***@db.local" in text
