"""The «Реестр актов» tab: every act, invoice and UPD with its signed / scan / sent / paid / closed state.

Filters on any column, saved filters, counts and totals of the filtered rows, export to Excel,
and signed scans dropped onto a row (copied to the shared folder on a worker thread).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, load_settings
from desktop.core.common.exports import export_rows
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import SIGNABLE_KINDS, DocumentKind
from desktop.core.registry import operations as registry_operations
from desktop.core.registry import queries as registry
from desktop.core.registry.queries import RegistryFilter
from desktop.core.scans import operations as scan_operations
from desktop.core.scans.store import AttachResult, share_problem
from desktop.core.users.operations import user_choices
from desktop.ui.common import changes, fmt
from desktop.ui.common.changes import notify_changed
from desktop.ui.common.entity_choice import EntityChoice
from desktop.ui.common.flow_layout import FlowLayout
from desktop.ui.common.saved_filters import SavedFilters, SavedFiltersBar
from desktop.ui.common.state import ui_state
from desktop.ui.common.widgets import named, named_combo
from desktop.ui.registry.drop_view import ScanDropView
from desktop.ui.registry.model import DocumentsModel
from desktop.ui.tasks import run_task


class RegistryTab(QWidget):
    def __init__(
        self, database: Database | None, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registryTab")
        self.database = database
        self.settings = settings or load_settings()
        self.model = DocumentsModel(database, self, totals=True)
        self._build_filters()
        self._build_actions()
        self._build_table()
        self._lay_out()
        self._connect()
        self._hover_plan: dict[tuple[int, str], str] = {}
        # The outbox is retried automatically while anything waits in it.
        self.outbox_timer = QTimer(self)
        self.outbox_timer.setInterval(60_000)
        self.outbox_timer.timeout.connect(lambda: self.retry_outbox(quiet=True))
        self.outbox_timer.start()
        self.reload()
        # Scans queued in an earlier session go to the share as soon as the program starts.
        QTimer.singleShot(0, lambda: self.retry_outbox(quiet=True))

    # --- building -----------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("registrySearch")
        self.search.setPlaceholderText(self.tr("Search by number, client, INN or e-mail"))
        self.search.setClearButtonEnabled(True)
        self.kind = named_combo(
            self,
            "registryKind",
            [
                (self.tr("All documents"), None),
                (self.tr("Acts"), [DocumentKind.ACT.value]),
                (self.tr("Invoices"), [DocumentKind.INVOICE.value]),
                (self.tr("UPD"), [DocumentKind.UPD.value]),
                (self.tr("Corrections (UKD)"), [DocumentKind.UKD.value]),
                (self.tr("VAT invoices"), [DocumentKind.SF.value, DocumentKind.ADVANCE_SF.value]),
                (self.tr("Acts and UPD"), [kind.value for kind in SIGNABLE_KINDS]),
            ],
        )
        self.period_from = named_combo(self, "registryPeriodFrom", [(self.tr("from any period"), None)])
        self.period_to = named_combo(self, "registryPeriodTo", [(self.tr("to any period"), None)])
        self.entity = EntityChoice(self, "registryEntity")
        self.manager = named_combo(self, "registryManager", [(self.tr("All managers"), None)])
        self.signed = named_combo(
            self,
            "registrySigned",
            [(self.tr("Signed or not"), None), (self.tr("Unsigned"), False), (self.tr("Signed"), True)],
        )
        self.paid = named_combo(
            self,
            "registryPaid",
            [
                (self.tr("Any payment"), None),
                (self.tr("Not fully paid"), "not_paid"),
                (self.tr("Unpaid"), "unpaid"),
                (self.tr("Partly paid"), "partial"),
                (self.tr("Paid"), "paid"),
            ],
        )
        self.closed = named_combo(
            self,
            "registryClosed",
            [(self.tr("Closed or not"), None), (self.tr("Not closed"), False), (self.tr("Closed"), True)],
        )

    def _build_actions(self) -> None:
        self.export_button = QPushButton(self.tr("E&xport…"), self)
        self.export_button.setObjectName("registryExport")
        self.attach_button = QPushButton(self.tr("A&ttach scan…"), self)
        self.attach_button.setObjectName("attachScan")
        self.inbox_button = named(QPushButton(self.tr("Sort scan&s…"), self), "scanInbox")
        self.inbox_button.setToolTip(
            self.tr("A folder or a multi-page scan of signed acts: each act is found by its QR code")
        )
        self.outbox_button = named(QPushButton(self), "retryOutbox")
        self.remind_button = named(QPushButton(self.tr("Remind cl&ients…"), self), "remindClients")
        self.remind_button.setToolTip(
            self.tr("E-mail each client its unsigned acts: the selected rows, or all filtered")
        )
        self.saved = SavedFiltersBar(SavedFilters(ui_state(), "registry"), self.current_filter_dict, self)
        self.saved.chosen.connect(self.set_filter_dict)

    def _build_table(self) -> None:
        self.view = ScanDropView(self.model, "registry", self)
        self.view.setObjectName("registryView")
        self.hint = QLabel(self)
        self.hint.setObjectName("dropHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("background: #fff8d6; padding: 4px; border: 1px solid #e0c060")
        self.hint.hide()
        self.footer = QLabel(self)
        self.footer.setObjectName("registryFooter")

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.kind)
        top.addWidget(self.period_from)
        top.addWidget(self.period_to)
        top.addWidget(self.entity)
        top.addWidget(self.manager)
        second = FlowLayout()  # wraps at a narrow window instead of cutting the buttons
        second.addWidget(self.signed)
        second.addWidget(self.paid)
        second.addWidget(self.closed)
        second.add_stretch()
        second.addWidget(self.attach_button)
        second.addWidget(self.inbox_button)
        second.addWidget(self.outbox_button)
        second.addWidget(self.remind_button)
        second.addWidget(self.export_button)
        second.addWidget(self.saved)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)

    def _connect(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        for combo in (
            self.kind,
            self.period_from,
            self.period_to,
            self.manager,
            self.signed,
            self.paid,
            self.closed,
        ):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.entity.changed.connect(self.apply_filters)
        self.export_button.clicked.connect(self.export_dialog)
        self.attach_button.clicked.connect(self.attach_dialog)
        self.inbox_button.clicked.connect(lambda: self.open_inbox())
        self.view.files_dropped_outside.connect(lambda paths: self.open_inbox(paths))  # not on a row: by QR
        self.outbox_button.clicked.connect(lambda: self.retry_outbox())  # not clicked(bool) into `quiet`
        self.remind_button.clicked.connect(lambda: self.remind_dialog())
        self.view.files_dropped.connect(self.attach_files)
        self.view.hover_changed.connect(self._show_hover)
        self.view.doubleClicked.connect(lambda _i: self.open_card(self.view.current_id()))
        self.model.modelReset.connect(self._update_footer)

    # --- data -------------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.model.set_database(database, load=False)
        self.reload()

    def reload(self) -> None:
        self._fill_lists()
        self.model.refresh()
        self._update_outbox()

    def _refill(self, combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for title, value in items:
            combo.addItem(title, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _fill_lists(self) -> None:
        periods: list[str] = []
        managers: list[tuple[str, Any]] = []
        if self.database is not None:
            periods = registry_operations.document_periods(self.database)
            self.entity.load(self.database)
            managers = [(n, i) for i, n in user_choices(self.database, managers_only=True)]
        self._refill(self.period_from, [(p, p) for p in periods])
        self._refill(self.period_to, [(p, p) for p in periods])
        self._refill(self.manager, managers)

    def current_filter(self) -> RegistryFilter:
        return RegistryFilter(
            kinds=list(self.kind.currentData() or []),
            period_from=self.period_from.currentData(),
            period_to=self.period_to.currentData(),
            **self.entity.filter_fields(),
            manager_id=self.manager.currentData(),
            signed=self.signed.currentData(),
            paid=self.paid.currentData(),
            closed=self.closed.currentData(),
            search=self.search.text(),
        )

    def current_filter_dict(self) -> dict[str, Any]:
        return self.current_filter().as_dict()

    def set_filter_dict(self, values: dict[str, Any]) -> None:
        """Apply a saved (or an overview's) filter to the widgets and the model."""
        flt = RegistryFilter.from_dict(values)
        combos = {
            self.kind: flt.kinds or None,
            self.period_from: flt.period_from,
            self.period_to: flt.period_to,
            self.manager: flt.manager_id,
            self.signed: flt.signed,
            self.paid: flt.paid,
            self.closed: flt.closed,
        }
        for combo, value in combos.items():
            combo.blockSignals(True)
            index = combo.findData(value)
            if index < 0 and value is not None:
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self.entity.choose_filter(flt)
        self.search.blockSignals(True)
        self.search.setText(flt.search)
        self.search.blockSignals(False)
        self.apply_filters()

    def show_filter(self, flt: RegistryFilter) -> None:
        """Show exactly the rows of ``flt`` (an overview figure): the widgets show what they can,
        the model also gets the fields they cannot (document dates, one client, no manager)."""
        self._shown_filter: RegistryFilter | None = flt
        try:
            self.set_filter_dict(flt.as_dict())
        finally:
            self._shown_filter = None

    def apply_filters(self) -> None:
        self.model.filter = getattr(self, "_shown_filter", None) or self.current_filter()
        self.model.refresh()

    def _update_footer(self) -> None:
        if self.database is None or self.model.summary is None:
            self.footer.clear()
            return
        count, total, unpaid = self.model.summary  # computed with the rows, off the GUI thread
        self.footer.setText(
            self.tr("Documents: %1   Amount: %2   Not paid: %3")
            .replace("%1", str(count))
            .replace("%2", fmt.rub(total))
            .replace("%3", fmt.rub(unpaid))
        )

    def _update_outbox(self) -> None:
        pending = 0
        if self.database is not None:
            store = self.settings.scan_store()
            pending = scan_operations.queued_scans(self.database, store)  # this workstation's, not another's
        self.outbox_button.setText(self.tr("Send queued scans (%1)").replace("%1", str(pending)))
        self.outbox_button.setEnabled(pending > 0)
        self.pending_scans = pending

    # --- scans ------------------------------------------------------------------------
    def _show_hover(self, document_id: int, files: list[Path]) -> None:
        if document_id < 0 or not files or self.database is None:
            self.hint.hide()
            return
        key = (document_id, str(files[0]))
        if key not in self._hover_plan:
            store = self.settings.scan_store()
            found = registry_operations.document_drop_plan(self.database, store, document_id, files[0])
            number, plan = found.number, found.plan
            more = (
                self.tr(" and %1 more file(s)").replace("%1", str(len(files) - 1)) if len(files) > 1 else ""
            )
            self._hover_plan[key] = (
                self.tr("Drop on № %1%2: ").replace("%1", number).replace("%2", more) + plan
            )
        self.hint.setText(self._hover_plan[key])
        self.hint.show()

    def attach_dialog(self) -> None:
        document_id = self.view.current_id()
        if document_id is None:
            QMessageBox.information(self, self.tr("Attach scan"), self.tr("Select a document first."))
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach scan"),
            "",
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"),
        )
        if paths:
            self.attach_files(document_id, [Path(p) for p in paths])

    def attach_files(self, document_id: int, files: list[Path], force: bool = False) -> Any:
        """File scans dropped or chosen for one document; a page whose id QR names another act or
        UPD is filed only after the person confirms (``force``)."""
        database = self.database
        if database is None:
            return None
        if any(f.is_dir() for f in files):  # a folder is a stack of scans: sorted by the QR codes
            return self.open_inbox(files)
        store = self.settings.scan_store()

        def job(progress: Any, cancel: Any) -> Any:
            progress(0, len(files), files[0].name)
            result = registry_operations.attach_to_document(database, store, document_id, files, force=force)
            if not isinstance(result, AttachResult):
                return result  # another document's QR: asked before filing
            progress(len(files), len(files), "")
            return result

        def done(result: Any) -> None:
            from desktop.core.scans.inbox import ForeignScanError  # deferred: as in job() above

            if isinstance(result, ForeignScanError):
                answer = QMessageBox.question(
                    self,
                    self.tr("Attach scan"),
                    result.message
                    + "\n\n"
                    + self.tr("Attach it to the document %1 anyway?").replace("%1", result.target),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                self.foreign_scan = result
                if answer == QMessageBox.StandardButton.Yes:
                    self.attach_files(document_id, files, force=True)
                return
            notify_changed(self, changes.SCANS)
            self.model.refresh(then=lambda: shown(result))
            self._update_outbox()

        def shown(result: Any) -> None:
            row = self.model.row_of(document_id)
            if row is not None:
                self.view.selectRow(row)
            if result.message:
                (QMessageBox.warning if result.pending else QMessageBox.information)(
                    self, self.tr("Attach scan"), result.message
                )
            self.last_attach = result

        self.last_task = run_task(
            self, job, title=self.tr("Copying the scan to the shared folder"), on_success=done
        )
        return self.last_task

    def open_inbox(self, paths: list[Path] | None = None) -> Any:
        """«Разобрать сканы»: file a folder or multi-page scan act by act (opened with ``paths`` running)."""
        if self.database is None:
            return None
        # deferred: the dialog loads the inbox (the documents' modules, ~2 s) on first use
        from desktop.ui.scans.inbox_dialog import InboxDialog

        dialog = InboxDialog(self.database, self.settings, self, paths)
        dialog.filed.connect(self.model.refresh)
        dialog.filed.connect(self._update_outbox)
        dialog.open()
        self.inbox_dialog = dialog
        return dialog

    def retry_outbox(self, quiet: bool = False) -> Any:
        database = self.database
        if database is None or (quiet and not getattr(self, "pending_scans", 0)):
            return None
        store = self.settings.scan_store()

        def job(progress: Any, cancel: Any) -> tuple[int, int]:
            return scan_operations.retry_outbox(database, store)

        def done(result: tuple[int, int]) -> None:
            if result[0]:
                notify_changed(self, changes.SCANS)
            self.model.refresh()
            self._update_outbox()
            stored, pending = result
            if not quiet:
                text = (
                    self.tr("Sent to the shared folder: %1; still queued: %2")
                    .replace("%1", str(stored))
                    .replace("%2", str(pending))
                )
                if pending:
                    text += "\n" + (share_problem(store.share_root) or "")
                QMessageBox.information(self, self.tr("Scan queue"), text)

        self.last_task = run_task(
            self, job, title=self.tr("Sending queued scans"), on_success=done, show_progress=not quiet
        )
        return self.last_task

    def remind_dialog(self) -> Any:
        """Reminders about the unsigned acts among the selected rows (or all rows of the filter)."""
        if self.database is None:
            return None
        from desktop.ui.sending.dialog import RemindDialog  # deferred: the sending modules load on first use

        ids = self.view.selected_ids() or self.model.ids()
        dialog = RemindDialog(self.database, ids, self, self.settings)
        dialog.finished.connect(lambda _r: self.model.refresh())
        dialog.open()
        self.last_remind = dialog
        return dialog

    def show_document(self, document_id: int) -> bool:
        """The documents of this one's contract (its client's when it has none), the document chosen
        and its card open (a notification «Сделка закрыта»); False when there is no such document."""
        if self.database is None:
            return False
        card = registry_operations.document_card(self.database, document_id)
        if card is None:
            return False
        document = card.document
        if document.contract_id is not None:
            self.show_filter(RegistryFilter(contract_id=document.contract_id))
        else:
            self.show_filter(RegistryFilter(counterparty_id=document.counterparty_id))

        def chosen() -> None:
            row = self.model.row_of(document_id)
            if row is not None:
                index = self.model.index(row, 0)
                self.view.setCurrentIndex(index)  # the whole row is chosen (rows are selected whole)
                self.view.scrollTo(index)
            self.open_card(document_id)

        self.model.refresh(then=chosen)
        return True

    def open_card(self, document_id: int | None) -> None:
        if document_id is None or self.database is None:
            return
        from desktop.ui.registry.card import DocumentCard  # deferred: the card's modules load on first use

        card = DocumentCard(self.database, document_id, self, self.settings)
        card.attach_requested.connect(self.attach_files)
        card.open()

    # --- export -----------------------------------------------------------------------
    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export"), "Реестр.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int:
        if self.database is None:
            return 0
        try:
            rows = registry_operations.export_document_rows(self.database, self.model.ids())
            count = export_rows(path, registry.EXPORT_COLUMNS, rows, sheet_title="Реестр")
        except UserError as error:
            QMessageBox.warning(self, self.tr("Export"), error.message)
            return 0
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Exported rows: %1").replace("%1", str(count)), 5000)
        return count

    def save_state(self, settings: QSettings) -> None:
        self.view.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.view.restore_state(settings)
