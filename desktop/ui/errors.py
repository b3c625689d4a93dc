"""Unexpected errors in the GUI: logged with a traceback, shown as a short dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.db import database_error, is_database_failure
from desktop.core.errors import UserError, unexpected_error_text
from desktop.logging_setup import log_file

log = logging.getLogger("desktop.ui")


def show_unexpected_error(parent: QWidget | None, error: BaseException) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Unexpected error"))
    box.setText(
        QCoreApplication.translate(
            "Errors", "Something went wrong. The details were written to the log file."
        )
    )
    box.setInformativeText(f"{unexpected_error_text(error)}\n\n{log_file()}")
    box.setDetailedText("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    box.exec()


def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the GUI: a fixable error is a warning, anything else a logged bug."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    parent = QApplication.activeWindow()
    if is_database_failure(error):  # a database failure is said in Russian; its SQL goes to the log
        error = database_error(error)
    if isinstance(error, UserError):
        QMessageBox.warning(parent, "AktDesk", error.message)
        return
    log.error("Unhandled exception", exc_info=(kind, error, tb))
    if QApplication.instance() is not None:
        show_unexpected_error(parent, error)


def install_excepthook() -> None:
    sys.excepthook = excepthook
