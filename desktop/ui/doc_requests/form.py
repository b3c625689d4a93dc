"""The fields of a document request: the region, then the own entities working there, the client
(or a new one through the directory's card), what is wanted, the contract form offered for that
entity and client (or an existing contract), payment, dates, the services the entity sells, a
comment. Every change is checked at once (``operations.problems``): what is wrong shows under its field,
and the line under the form says what is still missing before the request can be sent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.common.labels import DOC_REQUEST_WANTED_TITLES
from desktop.core.common.money import PRICE, QUANTITY, parse_decimal
from desktop.core.db import Database
from desktop.core.doc_requests import operations
from desktop.core.doc_requests.validation import RequestInput, RequestLine, describe
from desktop.core.models import PaymentTerms
from desktop.core.parties.operations import counterparty_choices
from desktop.ui.common.dates import to_date, to_qdate
from desktop.ui.common.widgets import field_error, named, row_of, with_error
from desktop.ui.parties.card import CounterpartyCard

FIELDS = (
    "region",
    "own_entity",
    "counterparty",
    "wanted",
    "template",
    "contract",
    "payment_terms",
    "contract_date",
    "invoice_date",
    "valid_from",
    "valid_to",
    "lines",
    "comment",
)


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = named(QDateEdit(parent), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setDate(QDate.currentDate())
    return edit


class RequestForm(QWidget):
    """The editable request; ``data()`` is what it says, ``problems`` why it cannot be sent yet."""

    changed = Signal()

    def __init__(
        self, database: Database, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("docRequestForm")
        self.database = database
        self.today = today or dt.date.today()
        self.problems: dict[str, str] = {}
        self._loading = False
        self._services: list[tuple[int, str]] = []
        self._create_fields()
        self._lay_out()
        self._connect()
        self._reload_regions()
        self._region_changed()

    # --- building ---------------------------------------------------------------------------
    def _create_fields(self) -> None:
        self.region = named(QComboBox(self), "docRequestRegion")
        self.entity = named(QComboBox(self), "docRequestEntity")
        self.client = named(QComboBox(self), "docRequestClient")
        self.client.setMinimumContentsLength(30)
        self.new_client = named(QPushButton(self.tr("New client…"), self), "docRequestNewClient")
        self.wants = {
            key: named(QCheckBox(title, self), f"docRequestWant_{key}")
            for key, title in DOC_REQUEST_WANTED_TITLES.items()
        }
        self.template = named(QComboBox(self), "docRequestTemplate")
        self.contract = named(QComboBox(self), "docRequestContract")
        self.payment = named(QComboBox(self), "docRequestPayment")
        for title, value in (
            (self.tr("Prepayment 100%"), PaymentTerms.PREPAY_100),
            (self.tr("Prepayment 70%, the rest 30% after the act"), PaymentTerms.PREPAY_70_30),
            (self.tr("Postpayment"), PaymentTerms.POSTPAY),
        ):
            self.payment.addItem(title, value)
        self.contract_date = _date_edit(self, "docRequestContractDate")
        self.invoice_date = _date_edit(self, "docRequestInvoiceDate")
        self.valid_from = _date_edit(self, "docRequestValidFrom")
        self.has_end = named(QCheckBox(self.tr("until"), self), "docRequestHasEnd")
        self.valid_to = _date_edit(self, "docRequestValidTo")
        self.valid_to.setEnabled(False)
        self.facsimile = named(
            QCheckBox(self.tr("The contract allows a facsimile (copies with the stamp too)"), self),
            "docRequestFacsimile",
        )
        self.lines = named(QTableWidget(0, 3, self), "docRequestLines")
        self.lines.setHorizontalHeaderLabels([self.tr("Service"), self.tr("Quantity"), self.tr("Price")])
        self.lines.setColumnWidth(0, 320)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.verticalHeader().setVisible(False)
        self.add_line_button = named(QPushButton(self.tr("Add service"), self), "docRequestAddLine")
        self.remove_line_button = named(QPushButton(self.tr("Remove"), self), "docRequestRemoveLine")
        self.comment = named(QPlainTextEdit(self), "docRequestComment")
        self.comment.setPlaceholderText(self.tr("What the accountant should know"))
        self.comment.setMaximumHeight(70)
        self.errors = {key: field_error(self, f"docRequest_{key}") for key in FIELDS}
        self.missing = named(QLabel(self), "docRequestMissing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #8a5a00")

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Region:"), with_error(self.region, self.errors["region"]))
        form.addRow(self.tr("Own entity:"), with_error(self.entity, self.errors["own_entity"]))
        form.addRow(
            self.tr("Client:"),
            with_error(row_of(self, (self.client, 1), self.new_client), self.errors["counterparty"]),
        )
        wanted = QWidget(self)
        wanted_layout = QHBoxLayout(wanted)
        wanted_layout.setContentsMargins(0, 0, 0, 0)
        for box in self.wants.values():
            wanted_layout.addWidget(box)
        wanted_layout.addStretch(1)
        form.addRow(self.tr("Documents wanted:"), with_error(wanted, self.errors["wanted"]))
        form.addRow(self.tr("Contract form:"), with_error(self.template, self.errors["template"]))
        form.addRow(self.tr("Existing contract:"), with_error(self.contract, self.errors["contract"]))
        form.addRow(self.tr("Payment:"), with_error(self.payment, self.errors["payment_terms"]))
        dates = row_of(
            self,
            self.tr("contract of"),
            self.contract_date,
            self.tr("invoice of"),
            self.invoice_date,
            None,
        )
        form.addRow(self.tr("Dates:"), dates)
        for key in ("contract_date", "invoice_date"):
            form.addRow("", self.errors[key])
        services = row_of(self, self.tr("from"), self.valid_from, self.has_end, self.valid_to, None)
        form.addRow(self.tr("Services:"), services)
        for key in ("valid_from", "valid_to"):
            form.addRow("", self.errors[key])
        form.addRow("", self.facsimile)
        buttons = row_of(self, self.add_line_button, self.remove_line_button, None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addWidget(buttons)
        layout.addWidget(self.errors["lines"])
        layout.addWidget(QLabel(self.tr("Comment:"), self))
        layout.addWidget(self.comment)
        layout.addWidget(self.errors["comment"])
        layout.addWidget(self.missing)

    def _connect(self) -> None:
        self.region.currentIndexChanged.connect(lambda _i: self._region_changed())
        self.entity.currentIndexChanged.connect(lambda _i: self._parties_changed())
        self.client.currentIndexChanged.connect(lambda _i: self._parties_changed())
        self.new_client.clicked.connect(lambda: self.add_client())
        for box in self.wants.values():
            box.toggled.connect(lambda _on: self._wanted_changed())
        for combo in (self.template, self.contract, self.payment):
            combo.currentIndexChanged.connect(lambda _i: self.check())
        for edit in (self.contract_date, self.invoice_date, self.valid_from, self.valid_to):
            edit.dateChanged.connect(lambda _d: self.check())
        self.has_end.toggled.connect(lambda _on: self._end_toggled())
        self.facsimile.toggled.connect(lambda _on: self.check())
        self.comment.textChanged.connect(lambda: self.check())
        self.lines.itemChanged.connect(lambda _item: self.check())
        self.add_line_button.clicked.connect(lambda: self.add_line())
        self.remove_line_button.clicked.connect(lambda: self._remove_line())

    def _end_toggled(self) -> None:
        self.valid_to.setEnabled(self.has_end.isChecked())
        self.check()

    # --- the choices, each narrowing the next ------------------------------------------------
    def _reload_regions(self) -> None:
        self._loading = True
        self.region.clear()
        self.region.addItem(self.tr("Any region"), "")
        for region in operations.form_choices(self.database).regions:
            self.region.addItem(region, region)
        self._fill_clients()
        self._loading = False

    def _fill_clients(self) -> None:
        self.client.clear()
        self.client.addItem("", None)
        for cid, name, inn in counterparty_choices(self.database):
            self.client.addItem(f"{name} ({inn})", cid)

    def _region_changed(self) -> None:
        """Only the entities working in the region are offered."""
        chosen = self.entity.currentData()
        self._loading = True
        self.entity.clear()
        self.entity.addItem("", None)
        for eid, name in operations.form_choices(self.database, self.region.currentData() or "").entities:
            self.entity.addItem(name, eid)
        self.entity.setCurrentIndex(max(0, self.entity.findData(chosen)))
        if self.entity.count() == 2:
            self.entity.setCurrentIndex(1)
        self._loading = False
        self._parties_changed()

    def _parties_changed(self) -> None:
        """The contract forms for the entity and the client's kind, its services, the client's contracts."""
        if self._loading:
            return
        choices = operations.form_choices(
            self.database,
            self.region.currentData() or "",
            self.entity.currentData(),
            self.client.currentData(),
        )
        self._loading = True
        for combo, items in ((self.template, choices.templates), (self.contract, choices.contracts)):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem("", None)
            for value, title in items:
                combo.addItem(title, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        if self.template.count() == 2 and self.wants["contract"].isChecked():
            self.template.setCurrentIndex(1)
        self._services = choices.services
        for row in range(self.lines.rowCount()):
            self._fill_services(self._service_combo(row))
        self._loading = False
        self._wanted_changed()

    def _wanted_changed(self) -> None:
        """A new contract takes a form; documents on an existing contract take that contract."""
        new_contract = self.wants["contract"].isChecked()
        self.template.setEnabled(new_contract)
        self.contract.setEnabled(not new_contract)
        self.contract_date.setEnabled(new_contract)
        self.invoice_date.setEnabled(self.wants["invoice"].isChecked())
        self.payment.setEnabled(new_contract or self.wants["invoice"].isChecked())
        if new_contract and self.template.currentData() is None and self.template.count() == 2:
            self.template.setCurrentIndex(1)
        self.check()

    def add_client(self) -> CounterpartyCard:
        """A new client through the directory's card (its requisites checked there), then chosen here."""
        card = CounterpartyCard(self.database, None, self)
        card.saved.connect(self._client_added)
        card.open()
        return card

    def _client_added(self, counterparty_id: int) -> None:
        self._loading = True
        self._fill_clients()
        self._loading = False
        self.client.setCurrentIndex(max(0, self.client.findData(counterparty_id)))

    # --- the services table ------------------------------------------------------------------
    def _service_combo(self, row: int) -> QComboBox:
        combo = self.lines.cellWidget(row, 0)
        assert isinstance(combo, QComboBox)
        return combo

    def _fill_services(self, combo: QComboBox) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        for sid, name in self._services:
            combo.addItem(name, sid)
        index = combo.findData(chosen)
        if index < 0 and chosen is not None:  # a service the entity does not sell: kept, and refused
            combo.addItem(self.tr("(not sold by this entity)"), chosen)
            index = combo.count() - 1
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def add_line(
        self, service_id: int | None = None, quantity: Decimal = Decimal(1), price: Decimal | None = None
    ) -> int:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        combo = named(QComboBox(self.lines), f"docRequestService{row + 1}")
        self.lines.setCellWidget(row, 0, combo)
        combo.addItem("", service_id)
        combo.setCurrentIndex(0)
        self._fill_services(combo)
        combo.currentIndexChanged.connect(lambda _i: self.check())
        self.lines.blockSignals(True)
        self.lines.setItem(row, 1, QTableWidgetItem(f"{quantity.normalize():f}"))
        self.lines.setItem(row, 2, QTableWidgetItem("" if price is None else f"{price:.2f}"))
        self.lines.blockSignals(False)
        self.check()
        return row

    def _remove_line(self) -> None:
        row = self.lines.currentRow()
        if row >= 0:
            self.lines.removeRow(row)
            self.check()

    def _line_values(self) -> tuple[list[RequestLine], dict[str, str]]:
        lines, typed = [], {}
        for row in range(self.lines.rowCount()):
            service_id = self._service_combo(row).currentData()
            values = []
            for column, kind, title in ((1, QUANTITY, "количество"), (2, PRICE, "цена")):
                item = self.lines.item(row, column)
                text = item.text() if item is not None else ""
                try:
                    values.append(parse_decimal(text, kind, title) if text.strip() else Decimal(0))
                except ValueError as error:  # the one number parser: NaN, 1e400, 0,005 are refused
                    typed[f"line:{row + 1}"] = f"Строка {row + 1}: {error}."
                    values.append(Decimal(0))
            if service_id is None:
                typed.setdefault(f"line:{row + 1}", f"Строка {row + 1}: не выбрана услуга.")
                continue
            lines.append(RequestLine(service_id=service_id, quantity=values[0], price=values[1]))
        return lines, typed

    # --- the request -------------------------------------------------------------------------
    def data(self) -> RequestInput:
        return self._request(self._line_values()[0])

    def _request(self, lines: list[RequestLine]) -> RequestInput:
        wanted = tuple(key for key, box in self.wants.items() if box.isChecked())
        new_contract = "contract" in wanted
        return RequestInput(
            own_entity_id=self.entity.currentData(),
            counterparty_id=self.client.currentData(),
            region=self.region.currentData() or "",
            wanted=wanted,
            template=(self.template.currentData() or "") if new_contract else "",
            contract_id=None if new_contract else self.contract.currentData(),
            payment_terms=self.payment.currentData(),
            contract_date=to_date(self.contract_date.date()) if new_contract else None,
            invoice_date=to_date(self.invoice_date.date()) if "invoice" in wanted else None,
            valid_from=to_date(self.valid_from.date()),
            valid_to=to_date(self.valid_to.date()) if self.has_end.isChecked() else None,
            facsimile_allowed=self.facsimile.isChecked(),
            comment=self.comment.toPlainText().strip(),
            lines=lines,
        )

    def load(self, data: RequestInput) -> None:
        """Show a saved request (its draft to go on with, or what was asked for)."""
        self._loading = True
        self.region.setCurrentIndex(max(0, self.region.findData(data.region)))
        self._loading = False
        self._region_changed()
        self._loading = True
        self.entity.setCurrentIndex(max(0, self.entity.findData(data.own_entity_id)))
        self.client.setCurrentIndex(max(0, self.client.findData(data.counterparty_id)))
        for key, box in self.wants.items():
            box.blockSignals(True)
            box.setChecked(key in data.wanted)
            box.blockSignals(False)
        self._loading = False
        self._parties_changed()
        self._loading = True
        self.template.setCurrentIndex(max(0, self.template.findData(data.template or None)))
        self.contract.setCurrentIndex(max(0, self.contract.findData(data.contract_id)))
        self.payment.setCurrentIndex(max(0, self.payment.findData(data.payment_terms)))
        for edit, day in (
            (self.contract_date, data.contract_date),
            (self.invoice_date, data.invoice_date),
            (self.valid_from, data.valid_from),
            (self.valid_to, data.valid_to),
        ):
            if day is not None:
                edit.setDate(to_qdate(day))
        self.has_end.setChecked(data.valid_to is not None)
        self.facsimile.setChecked(data.facsimile_allowed)
        self.comment.setPlainText(data.comment)
        self.lines.setRowCount(0)
        for line in data.lines:
            self.add_line(line.service_id, line.quantity, line.price)
        self._loading = False
        self._wanted_changed()

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QComboBox, QCheckBox, QDateEdit, QPushButton)):
                widget.setEnabled(not read_only)
        self.comment.setReadOnly(read_only)
        triggers = QAbstractItemView.EditTrigger
        editable = triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        self.lines.setEditTriggers(triggers.NoEditTriggers if read_only else editable)
        if not read_only:
            self._wanted_changed()
            self.valid_to.setEnabled(self.has_end.isChecked())
        self.missing.setVisible(not read_only)

    def check(self, *_: Any) -> bool:
        """Show what is wrong under each field and what is missing under the form; True if it can be sent."""
        if self._loading:
            return False
        lines, typed = self._line_values()
        fields, lacking = operations.problems(self.database, self._request(lines))
        wrong = {**fields, **typed}
        self.problems = {**fields, **lacking, **typed}
        for key, label in self.errors.items():
            text = wrong.get(key, "")
            if key == "lines":
                text = "\n".join(v for k, v in wrong.items() if k.startswith("line:"))
            label.setText(text)
            label.setVisible(bool(text))
        missing = {k: v for k, v in lacking.items() if k not in wrong}
        self.missing.setText(
            self.tr("To send it, fill in: %1").replace("%1", "; ".join(describe(missing))) if missing else ""
        )
        self.changed.emit()
        return not self.problems
