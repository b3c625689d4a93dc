"""The main window: the working tabs, the menu, and the status bar naming the user and the open database."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Protocol

from PySide6.QtCore import QLockFile, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from desktop import __version__
from desktop.config import Settings
from desktop.core.books.advance_run import issue_with_files, may_issue
from desktop.core.books.advances import IssueResult
from desktop.core.db import Database, open_database
from desktop.core.demo.operations import fill_demo_database
from desktop.core.errors import Cancelled, UserError
from desktop.core.users.operations import who_is_here
from desktop.logging_setup import log_file
from desktop.ui.audit.dialog import AuditDialog
from desktop.ui.books.advances_dialog import AdvancesDialog
from desktop.ui.books.export_dialog import ExportDialog
from desktop.ui.books.sales_ledger_dialog import SalesLedgerDialog
from desktop.ui.budget.directory_dialog import BudgetDirectoriesDialog
from desktop.ui.budget.routes_dialog import ApprovalRoutesDialog
from desktop.ui.closing.tab import ClosingTab
from desktop.ui.common import changes
from desktop.ui.common.changes import Changes, within
from desktop.ui.common.state import ui_state
from desktop.ui.common.widgets import tab_order_by_layout
from desktop.ui.contracts.tab import ContractsTab
from desktop.ui.db_lock import lock_database
from desktop.ui.doc_requests.card import DocRequestCard
from desktop.ui.doc_requests.tab import DocRequestsTab
from desktop.ui.notifications.button import NotificationsButton
from desktop.ui.notifications.openers import open_object
from desktop.ui.overview.navigate import open_figure
from desktop.ui.overview.tab import OverviewTab
from desktop.ui.parties.directory import CounterpartiesDialog, OwnEntitiesDialog
from desktop.ui.payments.tab import PaymentsTab
from desktop.ui.registry.tab import RegistryTab
from desktop.ui.requests.tab import RequestsTab
from desktop.ui.sending.templates_dialog import MailTemplatesDialog
from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.tasks import Task, run_task, show_error
from desktop.ui.users.dialog import UsersDialog

log = logging.getLogger(__name__)


class StatefulTab(Protocol):
    def set_database(self, database: Database | None) -> None: ...
    def reload(self) -> None: ...
    def save_state(self, settings: QSettings) -> None: ...
    def restore_state(self, settings: QSettings) -> None: ...


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.database = database
        self.database_lock: QLockFile | None = None  # one window per SQLite file (db_lock)
        self.demo_task: Task | None = None  # the demo fill open_window() started (tests wait for it)
        self.advances_task: Task | None = None  # the overdue advance счета-фактуры issued at start-up
        self.audit_dialog: AuditDialog | None = None  # Справка → Журнал изменений, once opened
        self.setWindowTitle("AktDesk")
        self._placed = False
        # Data changed by one tab (or a dialog): the shown tab reads it again (_data_changed).
        self.changes = Changes(self)
        self.changes.changed.connect(self._data_changed)
        self._build_tabs(settings, database)
        self._build_status_bar(database)
        self._build_menu()
        self._update_status()
        self.restore_state()

    # --- tabs ------------------------------------------------------------------------
    def _build_tabs(self, settings: Settings, database: Database | None) -> None:
        """The working tabs, the overview first; a click on a figure opens the registry it counts."""
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.contracts_tab = ContractsTab(database, self, settings)
        self.closing_tab = ClosingTab(database, self, settings)
        self.registry_tab = RegistryTab(database, self, settings)
        self.payments_tab = PaymentsTab(database, self)
        self.requests_tab = RequestsTab(database, self, settings)
        self.doc_requests_tab = DocRequestsTab(database, self, settings)
        self.tabs.addTab(self.contracts_tab, self.tr("&Contracts"))
        self.tabs.addTab(self.closing_tab, self.tr("&Month closing"))
        self.tabs.addTab(self.registry_tab, self.tr("&Acts registry"))
        self.tabs.addTab(self.payments_tab, self.tr("&Payments"))
        self.tabs.addTab(self.requests_tab, self.tr("Payment &requests"))
        self.tabs.addTab(self.doc_requests_tab, self.tr("&Document requests"))
        self.overview_tab = OverviewTab(database, self)
        self.overview_tab.figure_clicked.connect(lambda figure: open_figure(self, figure))
        self.tabs.insertTab(0, self.overview_tab, self.tr("&Overview"))
        self.tabs.setCurrentIndex(0)
        self.setCentralWidget(self.tabs)
        for tab in self.working_tabs():
            tab_order_by_layout(tab)  # type: ignore[arg-type]
        self._build_tab_keys()

    def _build_status_bar(self, database: Database | None) -> None:
        """The notifications, who the user is and the open database; the tabs read the data again
        when shown."""
        self.db_label = QLabel(self)
        self.db_label.setObjectName("databaseLabel")
        self.user_label = QLabel(self)
        self.user_label.setObjectName("userLabel")
        self.notifications = NotificationsButton(database, self, opener=self.open_notification_object)
        self.statusBar().addPermanentWidget(self.notifications)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self.payments_tab.changed.connect(lambda: self.changes.notify(changes.PAYMENTS, self.payments_tab))
        self.tabs.currentChanged.connect(lambda _index: self.notifications.refresh())
        # Documents made elsewhere (the CLI, another workstation) appear when a tab is shown and on F5.
        self.tabs.currentChanged.connect(lambda _index: self.refresh_current())
        self.closing_tab.closed.connect(self._month_closed)

    def open_notification_object(self, object_type: str, object_id: int) -> bool:
        """What a notification of the centre is about, shown (``notifications/openers.py``); says so
        when it is gone."""
        return open_object(
            self,
            object_type,
            object_id,
            title=self.tr("Notifications"),
            not_found=self.tr("The notification's object was not found"),
        )

    def working_tabs(self) -> list[StatefulTab]:
        return [
            self.overview_tab,
            self.contracts_tab,
            self.closing_tab,
            self.registry_tab,
            self.payments_tab,
            self.requests_tab,
            self.doc_requests_tab,
        ]

    def _build_tab_keys(self) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab (and Ctrl+PgDown / Ctrl+PgUp) go to the next / previous tab
        wherever the focus is (a table or a text field would otherwise keep the keys)."""
        for keys, step in (
            (("Ctrl+Tab", "Ctrl+PgDown"), 1),
            (("Ctrl+Shift+Tab", "Ctrl+Backtab", "Ctrl+PgUp"), -1),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, step=step: self.step_tab(step))
            self.addAction(action)

    def step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
        self.tabs.currentWidget().setFocus(Qt.FocusReason.TabFocusReason)

    def fit_to_screen(self) -> None:
        """1280 × 800 or less: never larger than the available part of the screen (taskbar excluded),
        centred on it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        available = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders, once shown
        width = min(1280, available.width() - frame.width())
        height = min(800, available.height() - frame.height())
        self.resize(max(width, self.minimumSizeHint().width()), height)
        self.move(
            available.x() + max(0, (available.width() - self.frameGeometry().width()) // 2),
            available.y() + max(0, (available.height() - self.frameGeometry().height()) // 2),
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            # The frame (title bar, borders) is known only once the window is shown.
            QTimer.singleShot(0, self._keep_on_screen)

    def _keep_on_screen(self) -> None:
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        if not screen.availableGeometry().contains(self.frameGeometry()):
            self.fit_to_screen()

    def set_database(self, database: Database | None) -> None:
        old = self.database
        self.database = database
        for tab in self.working_tabs():
            tab.set_database(database)
        self.notifications.set_database(database)
        if self.audit_dialog is not None and database is not None:
            self.audit_dialog.set_database(database)
        elif self.audit_dialog is not None:
            self.audit_dialog.close()
        if old is not None and old is not database:
            old.dispose()
        self._update_status()

    def reload_all(self) -> None:
        for tab in self.working_tabs():
            tab.reload()

    def refresh_current(self, asked: bool = False) -> None:
        """Read the shown tab again from the database; ``asked``: F5 (the overview recomputes itself
        when shown, so only F5 refreshes it here)."""
        tab = self.tabs.currentWidget()
        if tab is self.overview_tab:
            if asked:
                self.overview_tab.refresh()
            return
        reload = getattr(tab, "reload", None)
        if reload is not None and self.isVisible():
            reload()

    def _month_closed(self, result: Any) -> None:
        """A closing run ended: the registry and the payments show its documents."""
        self.registry_tab.reload()
        self.payments_tab.reload()
        self.changes.notify(changes.DOCUMENTS, self.closing_tab)

    def _data_changed(self, entity: str) -> None:
        """An operation changed data: the notifications are counted again and the shown tab reads
        the data again now (unless it did the change and showed it itself); the other tabs read
        theirs when they are shown."""
        self.notifications.refresh()
        if not within(self.changes.origin, self.tabs.currentWidget()):
            self.refresh_current(asked=True)

    def _update_status(self) -> None:
        if self.database is None:
            self.db_label.setText(self.tr("No database connection"))
            self.user_label.clear()
        else:
            self.db_label.setText(self.tr("Database: %1").replace("%1", self.database.describe()))
            self.user_label.setText(self._user_text(self.database))

    def _user_text(self, database: Database) -> str:
        """Who the program's user is: the OS login on SQLite (said to be single-user), the
        database's login with its name and role on PostgreSQL."""
        if not database.multi_user:
            return self.tr("Single-user mode (SQLite): user — %1").replace("%1", database.login)
        try:
            identity = who_is_here(database)
        except UserError:
            log.warning("the user of %s could not be read", database.login, exc_info=True)
            return database.login
        if identity.full_name is None:
            return self.tr("%1: not in the users list").replace("%1", identity.login)
        return (
            self.tr("%1 (%2), %3")
            .replace("%1", identity.full_name)
            .replace("%2", identity.login)
            .replace("%3", identity.role or "")
        )

    # --- menu ------------------------------------------------------------------------
    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        self.demo_action = QAction(self.tr("Fill with &demo data…"), self)
        self.demo_action.triggered.connect(self.ask_fill_demo)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        self.export_1c_action = QAction(self.tr("&Export to 1C…"), self)
        self.export_1c_action.triggered.connect(lambda: self.open_export_1c())
        file_menu.addAction(self.export_1c_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        keys = [QKeySequence(Qt.Key.Key_F5)]  # F5 everywhere, and the platform's own key if another
        keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh) if k not in keys]
        self.refresh_action.setShortcuts(keys)
        self.refresh_action.triggered.connect(lambda: self.refresh_current(asked=True))
        view_menu.addAction(self.refresh_action)

        directories = self.menuBar().addMenu(self.tr("&Directories"))
        counterparties_action = QAction(self.tr("&Counterparties…"), self)
        counterparties_action.triggered.connect(self.open_counterparties)
        directories.addAction(counterparties_action)
        entities_action = QAction(self.tr("&Own legal entities…"), self)
        entities_action.triggered.connect(self.open_own_entities)
        directories.addAction(entities_action)
        users_action = QAction(self.tr("&Users and roles…"), self)
        users_action.triggered.connect(self.open_users)
        directories.addAction(users_action)
        budget_action = QAction(self.tr("&Budget items and cost centres…"), self)
        budget_action.triggered.connect(self.open_budget_directories)
        directories.addAction(budget_action)
        routes_action = QAction(self.tr("&Approval routes…"), self)
        routes_action.triggered.connect(self.open_approval_routes)
        directories.addAction(routes_action)
        templates_action = QAction(self.tr("&Mail templates…"), self)
        templates_action.triggered.connect(self.open_mail_templates)
        directories.addAction(templates_action)

        accounting_menu = self.menuBar().addMenu(self.tr("&Accounting"))
        self.sales_ledger_action = QAction(self.tr("&Sales ledger…"), self)
        self.sales_ledger_action.triggered.connect(lambda: self.open_sales_ledger())
        accounting_menu.addAction(self.sales_ledger_action)
        self.advances_action = QAction(self.tr("&Advances…"), self)
        self.advances_action.triggered.connect(lambda: self.open_advances())
        accounting_menu.addAction(self.advances_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        log_action = QAction(self.tr("Open the &log file"), self)
        log_action.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file()))))
        help_menu.addAction(log_action)
        audit_action = QAction(self.tr("&Change log…"), self)
        audit_action.triggered.connect(lambda: self.open_audit_log())
        help_menu.addAction(audit_action)
        about_action = QAction(self.tr("&About AktDesk"), self)
        about_action.triggered.connect(self.about)
        help_menu.addAction(about_action)

    def open_doc_request(self, request_id: int) -> DocRequestCard | None:
        """The «Запросы документов» tab shown with the request chosen, and its card open."""
        try:
            card = self.doc_requests_tab.open_request(request_id)
        except UserError:  # gone since (the caller says so)
            return None
        self.tabs.setCurrentWidget(self.doc_requests_tab)
        self.doc_requests_tab.select(request_id)
        return card

    def open_export_1c(self) -> ExportDialog | None:
        """Файл → Выгрузка в 1С: a month as one EnterpriseData file."""
        if self.database is None:
            return None
        dialog = ExportDialog(self.database, self.settings, self)
        dialog.open()
        return dialog

    def open_sales_ledger(self) -> SalesLedgerDialog | None:
        """Бухгалтерия → Книга продаж: the quarter's sales ledger, its check and the .xlsx."""
        if self.database is None:
            return None
        dialog = SalesLedgerDialog(self.database, self.settings, self)
        dialog.open()
        return dialog

    def open_advances(self) -> AdvancesDialog | None:
        """Бухгалтерия → Авансы: the advances received, their счета-фактуры, what is not offset."""
        if self.database is None:
            return None
        dialog = AdvancesDialog(self.database, self.settings, self)
        dialog.finished.connect(lambda _result: self.changes.notify(changes.DOCUMENTS, dialog))
        dialog.open()
        return dialog

    def issue_overdue_advances(self, today: dt.date | None = None) -> Task | None:
        """At start-up: the advance счета-фактуры whose five days are over, issued on a worker with
        their files (for an accountant or an administrator; nothing for the others), and said in the
        status bar."""
        database = self.database
        if database is None:
            return None
        day = today or dt.date.today()
        out, converter = self.settings.effective_output_dir(), self.settings.pdf_converter

        def job(_progress: Any, _cancel: Any) -> IssueResult | None:
            if not may_issue(database):
                return None
            return issue_with_files(database, day, out, overdue_only=True, pdf_converter=converter)

        def done(result: IssueResult | None) -> None:
            if result is None or not (result.document_ids or result.refusals):
                return
            text = self.tr("Advance VAT invoices issued: %1").replace("%1", str(len(result.document_ids)))
            if result.refusals:
                text += " " + self.tr("(not issued: %1, see Accounting → Advances)").replace(
                    "%1", str(len(result.refusals))
                )
                log.warning("advance VAT invoices refused at start-up: %s", result.refusals)
            self.statusBar().showMessage(text)
            if result.document_ids:
                self.changes.notify(changes.DOCUMENTS, self)

        def failed(error: BaseException) -> None:
            log.warning("overdue advance VAT invoices not issued at start-up", exc_info=error)

        self.advances_task = run_task(
            self,
            job,
            title=self.tr("Advance VAT invoices"),
            on_success=done,
            on_failure=failed,
            show_progress=False,
            want_cancel=False,
        )
        return self.advances_task

    def open_counterparties(self) -> None:
        if self.database is not None:
            CounterpartiesDialog(self.database, self).open()

    def open_own_entities(self) -> None:
        if self.database is not None:
            dialog = OwnEntitiesDialog(self.database, self)
            dialog.finished.connect(lambda _code: self.reload_all())
            dialog.open()

    def open_users(self) -> None:
        if self.database is not None:
            dialog = UsersDialog(self.database, self)
            dialog.finished.connect(lambda _code: self._users_changed())
            dialog.open()

    def _users_changed(self) -> None:
        """A role or a name may have changed: the tabs and the status bar show them again."""
        self.reload_all()
        self._update_status()

    def open_budget_directories(self) -> None:
        if self.database is not None:
            BudgetDirectoriesDialog(self.database, self).open()

    def open_approval_routes(self) -> None:
        if self.database is not None:
            ApprovalRoutesDialog(self.database, self).open()

    def open_mail_templates(self) -> QDialog | None:
        if self.database is None:
            return None
        dialog = MailTemplatesDialog(self.database, self)
        dialog.open()
        return dialog

    def open_audit_log(self) -> AuditDialog | None:
        """The change log beside the window (not modal): one window, read again when shown again."""
        if self.database is None:
            return None
        if self.audit_dialog is None:
            self.audit_dialog = AuditDialog(self.database, self)
        elif not self.audit_dialog.isVisible():
            self.audit_dialog.reload()
        self.audit_dialog.show()
        self.audit_dialog.raise_()
        self.audit_dialog.activateWindow()
        return self.audit_dialog

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About AktDesk"),
            self.tr("AktDesk %1: month closing, acts registry and payments.").replace("%1", __version__),
        )

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted or dialog.result_settings is None:
            return
        new = dialog.result_settings
        new.env_database_url = self.settings.env_database_url
        new.env_share_root = self.settings.env_share_root
        new.demo = self.settings.demo
        self.apply_settings(new)

    def apply_settings(self, new: Settings) -> None:
        """Reopen the database if its URL changed; on failure the old database stays open.

        Every tab (and every dialog it opens) holds this window's one ``Settings`` object, so the
        new values are copied into it: the share, documents folder, PDF converter and mail server
        saved in the dialog are used at once, without a restart."""
        old_url = self.settings.database_url()
        new_url = new.database_url()
        if self.database is None or str(old_url) != str(new_url) or old_url.password != new_url.password:
            lock = self.database_lock
            try:
                if str(old_url) != str(new_url):
                    lock = lock_database(new_url)  # another window may have the new file open
                database = open_database(new_url)
            except UserError as error:
                if lock is not None and lock is not self.database_lock:
                    lock.unlock()
                QMessageBox.warning(self, self.tr("Settings"), error.message)
                return
            if self.database_lock is not None and lock is not self.database_lock:
                self.database_lock.unlock()
            self.database_lock = lock
            self.settings.update_from(new)
            self.set_database(database)
        else:
            self.settings.update_from(new)

    # --- demo data -------------------------------------------------------------------
    def ask_fill_demo(self) -> None:
        clients, ok = QInputDialog.getInt(
            self, self.tr("Demo data"), self.tr("Number of clients:"), 200, 1, 20000, 50
        )
        if ok:
            self.fill_demo(clients)

    def fill_demo(
        self, clients: int = 200, seed: int = 1, *, history: bool = False, resume: bool = False
    ) -> Task | None:
        """Demo directories and contracts; with ``history`` also the last two months closed (with
        their files, into the documents folder) and a bank statement matched (``demo_history``).
        ``resume`` completes the past of a demo whose first fill was cancelled or killed."""
        database = self.database
        if database is None:
            QMessageBox.warning(self, self.tr("Demo data"), self.tr("No database connection"))
            return None
        out, converter = self.settings.effective_output_dir(), self.settings.pdf_converter

        def job(progress: Any, cancel: Any) -> Any:
            return fill_demo_database(
                database,
                out,
                clients=clients,
                seed=seed,
                history=history,
                resume=resume,
                pdf_converter=converter,
                progress=progress,
                cancel=cancel,
            )

        def failed(error: BaseException) -> None:
            self.reload_all()
            if isinstance(error, Cancelled):
                self.statusBar().showMessage(
                    self.tr("Demo data cancelled: the next start of the demo completes them.")
                )
            else:
                show_error(self, error, title=self.tr("Filling demo data"))

        return run_task(
            self,
            job,
            title=self.tr("Filling demo data"),
            on_success=lambda _summary: self.reload_all(),
            on_failure=failed,
        )

    # --- state -----------------------------------------------------------------------
    def restore_state(self) -> None:
        state = ui_state()
        geometry = state.value("window/geometry")
        # restoreGeometry keeps the window on an available screen (a monitor unplugged since)
        if geometry is None or not self.restoreGeometry(geometry):
            self.fit_to_screen()
        window_state = state.value("window/state")
        if window_state is not None:
            self.restoreState(window_state)
        index = state.value("window/tab", 0)
        try:
            self.tabs.setCurrentIndex(int(index))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            pass
        for tab in self.working_tabs():
            tab.restore_state(state)

    def save_state(self) -> None:
        state = ui_state()
        state.setValue("window/geometry", self.saveGeometry())
        state.setValue("window/state", self.saveState())
        state.setValue("window/tab", self.tabs.currentIndex())
        for tab in self.working_tabs():
            tab.save_state(state)
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        if event.isAccepted():
            self.notifications.stop_listening()  # its thread ends with the window
        if event.isAccepted() and self.audit_dialog is not None:
            self.audit_dialog.close()
        if event.isAccepted() and self.database_lock is not None:
            self.database_lock.unlock()  # the file may be opened by another window now
            self.database_lock = None
