"""Start the GUI: logging, translations, settings, signing in (PostgreSQL), the database, the main window."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.config import Settings, load_settings
from desktop.core.common.resources import resource_path
from desktop.core.db import Database, open_database
from desktop.core.demo import operations as demo_operations
from desktop.core.errors import Cancelled, UserError
from desktop.logging_setup import setup_logging
from desktop.ui.common import gui_gc
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.db_lock import DatabaseInUse, lock_database
from desktop.ui.errors import install_excepthook
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import wait_for_all
from desktop.ui.users.login_dialog import sign_in

log = logging.getLogger(__name__)


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load our .qm (Russian by default; English is the source language) and Qt's own."""
    translators: list[QTranslator] = []
    if language == "en":
        return translators
    ours = QTranslator(app)
    if ours.load(str(resource_path("resources", "i18n", f"aktdesk_{language}.qm"))):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.warning("Translation aktdesk_%s.qm not found", language)
    # Qt's own texts (standard buttons, the file dialog): PySide6's qtbase_<lang>.qm, or the copy
    # build.spec puts into resources/i18n/qt (a frozen Qt may not know its translations folder).
    qt = QTranslator(app)
    for folder in (
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(resource_path("resources", "i18n", "qt")),
    ):
        if qt.load(QLocale(language), "qtbase", "_", folder):
            app.installTranslator(qt)
            translators.append(qt)
            break
    else:
        log.warning("Qt translation qtbase_%s.qm not found", language)
    return translators


# Texts of Qt's own file dialog that qtbase_ru.qm leaves in English: listed here so that lupdate puts
# them into our .ts (context QFileDialog), where ru_dictionary.py translates them.
QT_OWN_TEXTS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def open_main_window(database: str | None = None, demo: bool = False, language: str | None = None) -> Any:
    """Create and show the main window (the caller runs the event loop).

    With ``demo`` the embedded demo database is opened and, on its first start, filled with
    200 demo clients by a task with a progress dialog (``window.demo_task``). On the PostgreSQL
    server of the settings the person signs in first (``login_dialog.sign_in``); their Cancel
    raises ``Cancelled``.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings: Settings = load_settings(demo=demo)  # the demo has its own database and documents folder
    install_translators(app, language or settings.language)
    if demo:
        url = settings.database_url().render_as_string(hide_password=False)
    elif database:
        url = database
    elif settings.database.kind == "postgresql" and not settings.env_database_url:
        signed_in = sign_in(settings)
        if signed_in is None:
            raise Cancelled
        url = signed_in
    else:
        url = settings.database_url().render_as_string(hide_password=False)
    opened: Database | None = None
    try:
        lock = lock_database(url)  # one window per SQLite file
    except DatabaseInUse as error:
        print(error.message, file=sys.stderr)
        QMessageBox.warning(None, "AktDesk", error.message)
        return None
    try:
        opened = open_database(url)
    except UserError as error:
        QMessageBox.warning(None, "AktDesk", error.message)
    window = MainWindow(settings, opened)
    window.database_lock = lock
    window.show()
    window.demo_task = None
    if demo and opened is not None:
        if demo_operations.database_is_empty(opened):
            window.demo_task = window.fill_demo(200, history=True)
        elif demo_operations.history_pending(opened):
            # the first fill was cancelled or killed midway: complete it
            window.demo_task = window.fill_demo(history=True, resume=True)
    if opened is not None and window.demo_task is None:  # the demo's own past issues its advances
        window.issue_overdue_advances()
    return window


def run_gui(database: str | None = None, demo: bool = False, language: str | None = None) -> int:
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("AktDesk")
    app.setOrganizationName("AktDesk")
    app.setWindowIcon(QIcon(str(resource_path("resources", "icons", "aktdesk.png"))))
    gui_gc.install(app)
    install_excepthook()
    try:
        window = open_main_window(database, demo, language)
    except Cancelled:  # «Вход в AktDesk» cancelled: nothing opened, nothing to report
        return 0
    if window is None:  # the database is open in another window
        return 1
    code = int(app.exec())
    wait_for_all()  # a job still running ends its transaction cleanly
    del window
    return code
