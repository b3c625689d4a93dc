"""Справочники → Статьи ДДС и ЦФО: the budget items and the cost centres payment requests are charged
to — add, edit, deactivate; read-only for those who do not keep them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.budget import operations as budget_operations
from desktop.core.budget.directory import EntryFieldsError, EntryInput, Kind
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.ui.common import changes
from desktop.ui.common.changes import notify_changed
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.common.widgets import named, pick_table

HEADERS = (
    QT_TRANSLATE_NOOP("EntriesPane", "Code"),
    QT_TRANSLATE_NOOP("EntriesPane", "Name"),
    QT_TRANSLATE_NOOP("EntriesPane", "Active"),
)
ERROR_STYLE = "border: 1px solid #b00020"


class EntriesPane(QWidget):
    """One directory: its table, the card of the chosen entry (code, name, active), New and Save."""

    def __init__(self, database: Database, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind.value}Pane")
        self.database = database
        self.kind = kind
        self.entry_id: int | None = None
        self.rows: list[budget_operations.EntryRow] = []
        self.hint = named(QLabel(self), "entriesHint")
        self.hint.setWordWrap(True)
        self.table = pick_table(self, "entriesTable", [self.tr(h) for h in HEADERS])
        self.code = named(QLineEdit(self), "entryCode")
        self.code.setPlaceholderText("01.01")
        self.name = named(QLineEdit(self), "entryName")
        self.active = named(QCheckBox(self.tr("Active (offered for new requests)"), self), "entryActive")
        self.active.setChecked(True)
        self.error = named(QLabel(self), "entryError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.new_button = named(QPushButton(self.tr("New"), self), "newEntry")
        self.save_button = named(QPushButton(self.tr("Save"), self), "saveEntry")
        form = QFormLayout()
        form.addRow(self.tr("Code:"), self.code)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow("", self.active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._select)
        self.new_button.clicked.connect(self.new_entry)
        self.save_button.clicked.connect(self.save)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.rows, refusal = budget_operations.entries(self.database, self.kind)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for r, entry in enumerate(self.rows):
            values = (entry.code, entry.name, self.tr("yes") if entry.is_active else self.tr("no"))
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        editable = refusal is None
        for widget in (self.code, self.name, self.active, self.new_button, self.save_button):
            widget.setEnabled(editable)
        self.hint.setText(
            self.tr(
                "A closed entry is no longer offered for new requests; the requests charged to it keep it."
            )
            if editable
            else refusal or ""
        )
        row = next((i for i, r in enumerate(self.rows) if r.id == select_id), -1)
        if row >= 0:
            self.table.selectRow(row)

    def _select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.rows[rows[0].row()]
        self.entry_id = entry.id
        self.code.setText(entry.code)
        self.name.setText(entry.name)
        self.active.setChecked(entry.is_active)
        self._show_errors({}, "")

    def new_entry(self) -> None:
        self.table.clearSelection()
        self.entry_id = None
        self.code.clear()
        self.name.clear()
        self.active.setChecked(True)
        self._show_errors({}, "")
        self.code.setFocus()

    def values(self) -> EntryInput:
        return EntryInput(code=self.code.text(), name=self.name.text(), is_active=self.active.isChecked())

    def _show_errors(self, errors: dict[str, str], message: str) -> None:
        for field, widget in (("code", self.code), ("name", self.name)):
            widget.setStyleSheet(ERROR_STYLE if field in errors else "")
        self.error.setText(message)

    def save(self) -> bool:
        try:
            saved = budget_operations.save_entry(self.database, self.kind, self.values(), self.entry_id)
        except EntryFieldsError as error:
            self._show_errors(error.errors, error.message)
            return False
        except UserError as error:
            self._show_errors({}, error.message)
            return False
        self._show_errors({}, "")
        self.entry_id = saved
        self.reload(select_id=saved)
        notify_changed(self, changes.REQUESTS)
        return True

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter saves the entry
            self.save()
            return
        super().keyPressEvent(event)


class BudgetDirectoriesDialog(QDialog):
    """The two directories on two tabs: «Статьи ДДС» and «ЦФО»."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("budgetDirectoriesDialog")
        self.setWindowTitle(self.tr("Budget items and cost centres"))
        self.resize(720, 560)
        self.items = EntriesPane(database, Kind.ITEMS, self)
        self.centres = EntriesPane(database, Kind.CENTRES, self)
        self.tabs = named(QTabWidget(self), "budgetTabs")
        self.tabs.addTab(self.items, self.tr("Budget items"))
        self.tabs.addTab(self.centres, self.tr("Cost centres"))
        self.close_button = named(QPushButton(self.tr("Close"), self), "closeBudget")
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter saves, never closes
            current = self.tabs.currentWidget()
            if isinstance(current, EntriesPane):
                current.save()
            return
        super().keyPressEvent(event)
