"""The «Договоры» tab: the contracts registry with search, filters and a detail pane."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, load_settings
from desktop.core.common.exports import export_rows
from desktop.core.contracts import operations as contract_operations
from desktop.core.contracts import registry as contract_registry
from desktop.core.contracts import scans as contract_scans
from desktop.core.contracts.registry import ContractFilter
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import ContractKind
from desktop.core.scans import operations as scan_operations
from desktop.core.scans.store import share_problem
from desktop.core.users.operations import user_choices
from desktop.ui.common import changes
from desktop.ui.common.changes import notify_changed
from desktop.ui.common.entity_choice import EntityChoice
from desktop.ui.common.saved_filters import SavedFilters, SavedFiltersBar
from desktop.ui.common.state import ui_state
from desktop.ui.common.widgets import named
from desktop.ui.contracts import scans
from desktop.ui.contracts.card import ContractCard
from desktop.ui.contracts.detail import contract_html
from desktop.ui.contracts.model import STATUS_TITLES, ContractsModel, kind_title, status_title
from desktop.ui.contracts.wizard import ContractWizard
from desktop.ui.parties.import_dialog import ImportDialog
from desktop.ui.registry.drop_view import ScanDropView
from desktop.ui.tasks import run_task


class ContractsTab(QWidget):
    def __init__(
        self, database: Database | None, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contractsTab")
        self.database = database
        self.settings = settings or load_settings()
        self.model = ContractsModel(database, self)
        self._build_filters()
        self._build_actions()
        self._build_table()
        self._lay_out()
        self._connect()
        self._hover_plan: dict[tuple[int, str], str] = {}
        self.reload()

    # --- building -------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("contractsSearch")
        self.search.setPlaceholderText(self.tr("Search by number, client or INN"))
        self.search.setClearButtonEnabled(True)
        self.entity = EntityChoice(self, "contractsEntity")
        self.kind = QComboBox(self)
        self.kind.setObjectName("contractsKind")
        self.kind.addItem(self.tr("All types"), None)
        for kind in ContractKind:
            self.kind.addItem(kind_title(kind), kind.value)
        self.status = QComboBox(self)
        self.status.setObjectName("contractsStatus")
        self.status.addItem(self.tr("All statuses"), None)
        for code in STATUS_TITLES:
            self.status.addItem(status_title(code), code.value)
        self.manager = QComboBox(self)
        self.manager.setObjectName("contractsManager")
        self.expiring = QSpinBox(self)
        self.expiring.setObjectName("contractsExpiring")
        self.expiring.setRange(0, 3650)
        self.expiring.setSpecialValueText(self.tr("any end date"))
        self.expiring.setPrefix(self.tr("ending within "))
        self.expiring.setSuffix(self.tr(" days"))
        self.count = QLabel(self)
        self.count.setObjectName("contractsCount")

    def _build_actions(self) -> None:
        self.new_button = QPushButton(self.tr("&New contract…"), self)
        self.new_button.setObjectName("newContract")
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setObjectName("importButton")
        self.export_button = QPushButton(self.tr("E&xport to Excel…"), self)
        self.export_button.setObjectName("exportContracts")
        self.attach_button = QPushButton(self.tr("A&ttach signed scan…"), self)
        self.attach_button.setObjectName("attachContractScan")
        self.outbox_button = named(QPushButton(self), "retryContractOutbox")
        self.saved = SavedFiltersBar(SavedFilters(ui_state(), "contracts"), self.current_filter_dict, self)
        self.saved.chosen.connect(self.set_filter_dict)

    def _build_table(self) -> None:
        # Signed scans dropped from Explorer onto a row: the acts registry's drop view.
        self.view = ScanDropView(self.model, "contracts", self)
        self.view.setObjectName("contractsView")
        self.hint = QLabel(self)
        self.hint.setObjectName("contractDropHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("background: #fff8d6; padding: 4px; border: 1px solid #e0c060")
        self.hint.hide()
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("contractDetail")
        self.detail.setOpenLinks(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.attach_button)
        actions.addWidget(self.outbox_button)
        actions.addStretch(1)
        actions.addWidget(self.saved)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.entity, 2)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.manager, 1)
        filters.addWidget(self.expiring, 1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.hint)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        # Typing refilters after a short pause, not on every key.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        for combo in (self.kind, self.status, self.manager):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.entity.changed.connect(self.apply_filters)
        self.expiring.valueChanged.connect(self.apply_filters)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.view.doubleClicked.connect(lambda _index: self.open_current())
        self.model.modelReset.connect(self._update_count)
        self.new_button.clicked.connect(self.new_contract)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_visible)
        self.attach_button.clicked.connect(self.attach_dialog)
        self.outbox_button.clicked.connect(self.retry_outbox)
        self.view.files_dropped.connect(self.attach_files)
        self.view.hover_changed.connect(self._show_hover)

    # --- data ---------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.model.set_database(database, load=False)
        self.reload()

    def reload(self) -> None:
        self._fill_combos()
        self.model.refresh(then=self._show_current)
        self._update_outbox()
        for widget in (self.new_button, self.import_button, self.export_button, self.attach_button):
            widget.setEnabled(self.database is not None)

    def _fill_combos(self) -> None:
        def fill(combo: QComboBox, everything: str, items: list[tuple[Any, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value, title in items:
                combo.addItem(title, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

        managers: list[tuple[Any, str]] = []
        if self.database is not None:
            self.entity.load(self.database)
            managers = list(user_choices(self.database))
        fill(self.manager, self.tr("All managers"), managers)

    def current_filter(self) -> ContractFilter:
        return ContractFilter(
            search=self.search.text(),
            **self.entity.filter_fields(),
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            manager_id=self.manager.currentData(),
            expiring_within_days=self.expiring.value() or None,
        )

    def current_filter_dict(self) -> dict[str, Any]:
        return self.current_filter().as_dict()

    def set_filter_dict(self, values: dict[str, Any]) -> None:
        flt = ContractFilter.from_dict(values)
        widgets = (self.search, self.entity, self.kind, self.status, self.manager, self.expiring)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.setText(flt.search)
        self.entity.choose_filter(flt)
        for combo, value in (
            (self.kind, flt.kind),
            (self.status, flt.status),
            (self.manager, flt.manager_id),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.expiring.setValue(flt.expiring_within_days or 0)
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.model.filter = self.current_filter()
        self.model.refresh(then=self._show_current)

    def _update_count(self) -> None:
        self.count.setText(self.tr("Contracts: %n", "", self.model.rowCount()))

    # --- actions ------------------------------------------------------------------------
    def new_contract(self) -> None:
        if self.database is None:
            return
        wizard = ContractWizard(self.database, self)
        wizard.created.connect(self._created)
        wizard.open()

    def _created(self, contract_id: int) -> None:
        notify_changed(self, changes.CONTRACTS)
        self.model.refresh(then=lambda: self.select_contract(contract_id))

    def select_contract(self, contract_id: int) -> None:
        row = self.model.row_of(contract_id)
        if row is not None:
            self.view.selectRow(row)

    def open_current(self) -> None:
        contract_id = self.view.current_id()
        if contract_id is None or self.database is None:
            return
        card = ContractCard(self.database, contract_id, self, settings=self.settings)
        card.changed.connect(self.model.refresh)
        card.changed.connect(self._update_outbox)
        card.changed.connect(lambda: notify_changed(self, changes.CONTRACTS))
        card.open()

    def import_file(self) -> None:
        if self.database is None:
            return
        dialog = ImportDialog(self.database, self)
        dialog.imported.connect(self.reload)
        dialog.imported.connect(lambda *_: notify_changed(self, changes.CONTRACTS))
        dialog.open()

    def export_visible(self) -> None:
        if self.database is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), "Договоры.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if not path:
            return
        ids = self.model.ids()
        try:
            rows = contract_operations.export_contract_rows(self.database, ids)
            export_rows(Path(path), contract_registry.EXPORT_COLUMNS, rows, sheet_title="Договоры")
        except UserError as error:
            QMessageBox.warning(self, self.tr("Export to Excel"), error.message)
            return
        window = self.window()
        if isinstance(window, QMainWindow):  # a tab shown alone (tests) has no status bar
            window.statusBar().showMessage(self.tr("Exported rows: %1").replace("%1", str(len(rows))), 5000)

    # --- signed scans ------------------------------------------------------------------
    def attach_dialog(self) -> None:
        contract_id = self.view.current_id()
        if contract_id is None:
            QMessageBox.information(self, self.tr("Attach signed scan"), self.tr("Select a contract first."))
            return
        files = scans.choose_files(self)
        if files:
            self.attach_files(contract_id, files)

    def attach_files(self, contract_id: int, files: list[Path]) -> Any:
        if self.database is None or not files:
            return None

        def done(result: Any) -> None:
            self._update_outbox()
            self.model.refresh(then=lambda: shown(result))

        def shown(result: Any) -> None:
            row = self.model.row_of(contract_id)
            if row is not None:
                self.view.selectRow(row)
            self.last_attach = result

        self.last_task = scans.attach_files(
            self, self.database, self.settings.scan_store(), contract_id, files, done
        )
        return self.last_task

    def _show_hover(self, contract_id: int, files: list[Path]) -> None:
        if contract_id < 0 or not files or self.database is None:
            self.hint.hide()
            return
        key = (contract_id, str(files[0]))
        if key not in self._hover_plan:
            self._hover_plan[key] = scans.drop_hint(
                self.database, self.settings.scan_store(), contract_id, files
            )
        self.hint.setText(self._hover_plan[key])
        self.hint.show()

    def _update_outbox(self) -> None:
        pending = 0
        if self.database is not None:
            store = self.settings.scan_store()
            pending = scan_operations.queued_scans(self.database, store, owner=contract_scans.SCAN_OWNER)
        self.outbox_button.setText(self.tr("Send queued scans (%1)").replace("%1", str(pending)))
        self.outbox_button.setEnabled(pending > 0)
        self.outbox_button.setVisible(pending > 0)
        self.pending_scans = pending

    def retry_outbox(self) -> Any:
        """Send the queued scans (of contracts and of acts alike) to the share."""
        database = self.database
        if database is None:
            return None
        store = self.settings.scan_store()

        def job(progress: Any, cancel: Any) -> tuple[int, int]:
            return scan_operations.retry_outbox(database, store)

        def done(result: tuple[int, int]) -> None:
            self._update_outbox()
            self.model.refresh()
            stored, pending = result
            if pending:
                QMessageBox.warning(
                    self,
                    self.tr("Scan queue"),
                    self.tr("Sent to the shared folder: %1; still queued: %2")
                    .replace("%1", str(stored))
                    .replace("%2", str(pending))
                    + "\n"
                    + (share_problem(store.share_root) or ""),
                )

        self.last_task = run_task(self, job, title=self.tr("Sending queued scans"), on_success=done)
        return self.last_task

    # --- detail pane ---------------------------------------------------------------
    def _show_current(self, *_: Any) -> None:
        contract_id = self.view.current_id()
        if contract_id is None or self.database is None:
            hint = self.tr(
                "Select a contract to see its terms."
            )  # not inside the f-string: lupdate skips those
            self.detail.setHtml(f"<p style='color:gray'>{escape(hint)}</p>")
            return
        contract = contract_operations.get_contract(self.database, contract_id)
        if contract is None:
            self.detail.clear()
            return
        self.detail.setHtml(contract_html(contract))

    # --- state ----------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        self.view.save_state(settings)
        settings.setValue("contracts/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        self.view.restore_state(settings)
        state = settings.value("contracts/splitter")
        if state is not None:
            self.splitter.restoreState(state)
