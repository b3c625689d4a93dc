"""Directories: the counterparties list and the own legal entities with their cards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.common.labels import PARTY_KIND_TITLES
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.parties import operations as party_operations
from desktop.core.parties.directory import AccountInput
from desktop.ui.common import changes
from desktop.ui.common.changes import notify_changed
from desktop.ui.common.history import history_html
from desktop.ui.common.lazy_table import Column, IdsQuery, LazyTableModel
from desktop.ui.common.table_view import RegistryView
from desktop.ui.parties.card import CounterpartyCard


class CounterpartiesModel(LazyTableModel):
    default_sort = ("name", False)

    def __init__(self, database: Database | None, parent: Any = None) -> None:
        self.columns = (
            Column("name", QCoreApplication.translate("CounterpartiesModel", "Name"), width=300),
            Column("inn", QCoreApplication.translate("CounterpartiesModel", "INN"), width=110),
            Column("kpp", QCoreApplication.translate("CounterpartiesModel", "KPP"), width=90),
            Column("kind", QCoreApplication.translate("CounterpartiesModel", "Kind"), width=80),
            Column("emails", QCoreApplication.translate("CounterpartiesModel", "E-mail"), width=220),
            Column("manager", QCoreApplication.translate("CounterpartiesModel", "Manager"), width=180),
        )
        self.search = ""
        super().__init__(database, parent)

    def ids_query(self, order_key: str, descending: bool) -> IdsQuery:
        search = self.search  # as it is now
        return lambda database: (
            party_operations.counterparty_ids(database, search, order_key, descending),
            None,
        )

    def load_rows(self, database: Database, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        rows = party_operations.counterparty_rows(database, ids)
        return {i: (r[0], r[1], r[2], PARTY_KIND_TITLES.get(r[3], r[3]), r[4], r[5]) for i, r in rows.items()}


class CounterpartiesDialog(QDialog):
    """The counterparties directory: search, open a card by double click, create a new one."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterpartiesDialog")
        self.setWindowTitle(self.tr("Counterparties"))
        self.resize(1000, 640)
        self.database = database
        self.model = CounterpartiesModel(database, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search by name or INN"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New counterparty…"), self)
        self.count = QLabel(self)
        self.view = RegistryView(self.model, "counterparties", self)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(250)
        timer.timeout.connect(self._filter)
        self.search.textChanged.connect(timer.start)
        self.new_button.clicked.connect(lambda: self.open_card(None))
        self.view.doubleClicked.connect(lambda _i: self.open_card(self.view.current_id()))
        self.model.modelReset.connect(
            lambda: self.count.setText(
                self.tr("Counterparties: %1").replace("%1", str(self.model.rowCount()))
            )
        )
        self.model.refresh()

    def _filter(self) -> None:
        self.model.search = self.search.text()
        self.model.refresh()

    def open_card(self, counterparty_id: int | None) -> None:
        card = CounterpartyCard(self.database, counterparty_id, self)
        card.saved.connect(lambda _id: self.model.refresh())

        def open_other(other: int) -> None:
            card.reject()
            self.open_card(other)

        card.open_other.connect(open_other)
        card.open()


class OwnEntityCard(QDialog):
    """An own legal entity: requisites, VAT regime, numbering, signer, stamp and facsimile, accounts."""

    FIELDS = (
        "short_name",
        "full_name",
        "inn",
        "kpp",
        "ogrn",
        "legal_address",
        "region",
        "doc_prefix",
        "contract_number_pattern",
        "director_position",
        "director_name",
        "director_basis",
        "accountant_name",
        "email",
        "phone",
        "edo_id",
    )

    def __init__(
        self, database: Database, entity_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ownEntityCard")
        self.setWindowTitle(self.tr("Own legal entity"))
        self.resize(760, 720)
        self.database = database
        self.entity_id = entity_id
        form = self._build_form()
        self._build_images(form)
        self._build_accounts()
        self._lay_out(form)
        if entity_id is not None:
            self._load()

    def _build_form(self) -> QFormLayout:
        """The requisites' fields and the VAT regime."""
        titles = {
            "short_name": self.tr("Short name"),
            "full_name": self.tr("Full name"),
            "inn": self.tr("INN"),
            "kpp": self.tr("KPP"),
            "ogrn": self.tr("OGRN / OGRNIP"),
            "legal_address": self.tr("Legal address"),
            "region": self.tr("Region"),
            "doc_prefix": self.tr("Document number prefix"),
            "contract_number_pattern": self.tr("Contract number pattern"),
            "director_position": self.tr("Signer's position"),
            "director_name": self.tr("Signer"),
            "director_basis": self.tr("Acting on the basis of"),
            "accountant_name": self.tr("Chief accountant"),
            "email": self.tr("E-mail"),
            "phone": self.tr("Phone"),
            "edo_id": self.tr("EDO participant ID"),
        }
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name in self.FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            self.edits[name] = edit
            form.addRow(titles[name], edit)
        self.edits["contract_number_pattern"].setPlaceholderText("{prefix}-{year}/{seq}")
        self.vat = QComboBox(self)
        self.vat.setObjectName("vat_regime")
        for code, title in (
            ("vat22", self.tr("VAT at the general rate (22%)")),
            ("vat10", self.tr("VAT 10%")),
            ("vat0", self.tr("VAT 0%")),
            ("no_vat", self.tr("Without VAT (not a VAT payer)")),
            ("usn5", self.tr("Simplified system, VAT 5%")),
            ("usn7", self.tr("Simplified system, VAT 7%")),
        ):
            self.vat.addItem(title, code)
        form.addRow(self.tr("VAT regime"), self.vat)
        return form

    def _build_images(self, form: QFormLayout) -> None:
        """The stamp and the facsimile: a path, a button to choose it and a preview each."""
        self.images: dict[str, QLineEdit] = {}
        self.previews: dict[str, QLabel] = {}
        for name, title in (
            ("stamp_image", self.tr("Stamp (PNG)")),
            ("facsimile_image", self.tr("Facsimile (PNG)")),
        ):
            row = QHBoxLayout()
            edit = QLineEdit(self)
            edit.setObjectName(name)
            preview = QLabel(self)
            preview.setFixedSize(64, 64)
            button = QPushButton("…", self)
            button.setFixedWidth(32)
            button.clicked.connect(lambda _=False, e=edit: self._choose_image(e))
            edit.textChanged.connect(lambda text, p=preview: self._preview(p, text))
            row.addWidget(edit, 1)
            row.addWidget(button)
            row.addWidget(preview)
            form.addRow(title, row)
            self.images[name] = edit
            self.previews[name] = preview

    def _build_accounts(self) -> None:
        self.accounts = QTableWidget(0, 5, self)
        self.accounts.setObjectName("accounts")
        self.accounts.setHorizontalHeaderLabels(
            [
                self.tr("Bank"),
                self.tr("BIK"),
                self.tr("Settlement account"),
                self.tr("Correspondent account"),
                self.tr("Main"),
            ]
        )
        self.accounts.setColumnWidth(0, 220)
        self.accounts.setColumnWidth(2, 170)
        self.accounts.setColumnWidth(3, 170)
        self.add_account = QPushButton(self.tr("Add account"), self)
        self.add_account.clicked.connect(lambda: self.add_account_row(AccountInput("", "", "", "")))

    def _lay_out(self, form: QFormLayout) -> None:
        self.history = QTextBrowser(self)
        requisites = QWidget(self)
        requisites_layout = QVBoxLayout(requisites)
        requisites_layout.addLayout(form)
        requisites_layout.addWidget(QLabel(self.tr("Bank accounts"), self))
        requisites_layout.addWidget(self.accounts)
        requisites_layout.addWidget(self.add_account)
        tabs = QTabWidget(self)
        tabs.addTab(requisites, self.tr("Requisites"))
        tabs.addTab(self.history, self.tr("History"))
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @staticmethod
    def _preview(label: QLabel, path: str) -> None:
        pixmap = QPixmap(path) if path else QPixmap()
        if pixmap.isNull():
            label.clear()
        else:
            label.setPixmap(pixmap.scaled(64, 64))

    def _choose_image(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), "", "PNG (*.png)")
        if path:
            edit.setText(path)

    def add_account_row(self, account: AccountInput) -> None:
        row = self.accounts.rowCount()
        self.accounts.insertRow(row)
        for column, value in enumerate(
            (account.bank_name, account.bik, account.account, account.corr_account)
        ):
            self.accounts.setItem(row, column, QTableWidgetItem(value))
        primary = QCheckBox(self.accounts)
        primary.setChecked(account.is_primary)
        self.accounts.setCellWidget(row, 4, primary)

    def _load(self) -> None:
        assert self.entity_id is not None
        entity = party_operations.get_own_entity(self.database, self.entity_id)
        if entity is None:
            return
        for name, edit in self.edits.items():
            edit.setText(str(getattr(entity, name) or ""))
        for name, edit in self.images.items():
            edit.setText(getattr(entity, name) or "")
        self.vat.setCurrentIndex(max(0, self.vat.findData(entity.vat_regime)))
        for account in entity.bank_accounts:
            self.add_account_row(
                AccountInput(
                    account.bank_name,
                    account.bik,
                    account.account,
                    account.corr_account,
                    account.is_primary,
                )
            )
        self.history.setHtml(history_html(self.database, "own_entity", entity.id))

    def values(self) -> tuple[dict[str, Any], list[AccountInput]]:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values.update({name: edit.text() for name, edit in self.images.items()})
        values["vat_regime"] = self.vat.currentData()
        accounts = []
        for row in range(self.accounts.rowCount()):
            cells = [(item.text() if (item := self.accounts.item(row, c)) else "").strip() for c in range(4)]
            if not any(cells):
                continue
            bank_name, bik, account, corr_account = cells
            primary = self.accounts.cellWidget(row, 4)
            accounts.append(
                AccountInput(
                    bank_name,
                    bik,
                    account,
                    corr_account,
                    is_primary=isinstance(primary, QCheckBox) and primary.isChecked(),
                )
            )
        return values, accounts

    def save(self) -> None:
        values, accounts = self.values()
        try:
            self.entity_id = party_operations.save_own_entity_card(
                self.database, values, accounts, self.entity_id
            )
        except UserError as error:
            self.error.setText(error.message)
            return
        notify_changed(self, changes.PARTIES)
        self.accept()


class OwnEntitiesDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownEntitiesDialog")
        self.setWindowTitle(self.tr("Own legal entities"))
        self.resize(560, 380)
        self.database = database
        self.list = QListWidget(self)
        new_button = QPushButton(self.tr("New own entity…"), self)
        open_button = QPushButton(self.tr("Open"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        new_button.clicked.connect(lambda: self.open_card(None))
        open_button.clicked.connect(self._open_current)
        self.list.itemDoubleClicked.connect(lambda _item: self._open_current())
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for entity in party_operations.list_own_entities(self.database):
            item = QListWidgetItem(f"{entity.short_name} — {entity.region} (ИНН {entity.inn})", self.list)
            item.setData(256, entity.id)

    def _open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.open_card(item.data(256))

    def open_card(self, entity_id: int | None) -> None:
        card = OwnEntityCard(self.database, entity_id, self)
        card.accepted.connect(self.reload)
        card.open()
