"""The «Договоры» tab: the contracts registry with search, filters and a detail pane."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.core.db import Database
from desktop.core.models import Agreement, Contract, OwnEntity
from desktop.ui.common import fmt
from desktop.ui.common.table_view import RegistryView
from desktop.ui.contracts.model import STATUS_TITLES, ContractsModel, kind_title, status_title

TERMS_TITLES = {
    "prepay100": QT_TRANSLATE_NOOP("ContractsTab", "100% prepayment"),
    "prepay70": QT_TRANSLATE_NOOP("ContractsTab", "70/30"),
    "postpay": QT_TRANSLATE_NOOP("ContractsTab", "Postpayment"),
}
DOCSET_TITLES = {
    "act_invoice": QT_TRANSLATE_NOOP("ContractsTab", "Act + invoice"),
    "upd": QT_TRANSLATE_NOOP("ContractsTab", "UPD"),
    "act_invoice_upd": QT_TRANSLATE_NOOP("ContractsTab", "Act + invoice + UPD"),
}
PERIOD_TITLES = {
    "month": QT_TRANSLATE_NOOP("ContractsTab", "Monthly"),
    "quarter": QT_TRANSLATE_NOOP("ContractsTab", "Quarterly"),
    "year": QT_TRANSLATE_NOOP("ContractsTab", "Yearly"),
}


class ContractsTab(QWidget):
    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractsTab")
        self.database = database
        self.model = ContractsModel(database, self)

        self.search = QLineEdit(self)
        self.search.setObjectName("contractsSearch")
        self.search.setPlaceholderText(self.tr("Search by number, client or INN"))
        self.search.setClearButtonEnabled(True)
        self.entity = QComboBox(self)
        self.entity.setObjectName("contractsEntity")
        self.status = QComboBox(self)
        self.status.setObjectName("contractsStatus")
        self.status.addItem(self.tr("All statuses"), None)
        for code in STATUS_TITLES:
            self.status.addItem(status_title(code), code)
        self.count = QLabel(self)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.entity, 2)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.count)

        self.view = RegistryView(self.model, "contracts", self)
        self.view.setObjectName("contractsView")
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("contractDetail")
        self.detail.setOpenLinks(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        # Typing refilters after a short pause, not on every key.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.entity.currentIndexChanged.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(self.apply_filters)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.model.modelReset.connect(self._update_count)
        self.reload()

    # --- data ---------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        self.model.database = database
        self.reload()

    def reload(self) -> None:
        self._fill_entities()
        self.model.refresh()
        self._show_current()

    def _fill_entities(self) -> None:
        current = self.entity.currentData()
        self.entity.blockSignals(True)
        self.entity.clear()
        self.entity.addItem(self.tr("All own entities"), None)
        if self.database is not None:
            with self.database.session() as session:
                for entity_id, name in session.execute(
                    select(OwnEntity.id, OwnEntity.short_name).order_by(OwnEntity.short_name)
                ):
                    self.entity.addItem(name, entity_id)
        index = self.entity.findData(current)
        self.entity.setCurrentIndex(max(index, 0))
        self.entity.blockSignals(False)

    def apply_filters(self) -> None:
        self.model.search = self.search.text()
        self.model.own_entity_id = self.entity.currentData()
        self.model.status = self.status.currentData()
        self.model.refresh()
        self._show_current()

    def _update_count(self) -> None:
        self.count.setText(self.tr("Contracts: %n", "", self.model.rowCount()))

    # --- detail pane ---------------------------------------------------------------
    def _show_current(self, *_: Any) -> None:
        contract_id = self.view.current_id()
        if contract_id is None or self.database is None:
            self.detail.setHtml(
                f"<p style='color:gray'>{escape(self.tr('Select a contract to see its terms.'))}</p>"
            )
            return
        with self.database.session() as session:
            contract = session.scalar(
                select(Contract)
                .where(Contract.id == contract_id)
                .options(
                    selectinload(Contract.lines),
                    selectinload(Contract.agreements).selectinload(Agreement.changes),
                    selectinload(Contract.counterparty),
                    selectinload(Contract.own_entity),
                    selectinload(Contract.manager),
                )
            )
            if contract is None:
                self.detail.clear()
                return
            self.detail.setHtml(self.contract_html(contract))

    def contract_html(self, c: Contract) -> str:
        tr = self.tr
        party = c.counterparty
        rows = [
            (
                tr("Client"),
                f"{escape(party.short_name)}<br><small>{tr('INN')} {party.inn}"
                + (f", {tr('KPP')} {party.kpp}" if party.kpp else "")
                + "</small>",
            ),
            (tr("Own entity"), escape(c.own_entity.short_name)),
            (tr("Type"), kind_title(c.kind)),
            (tr("Billing"), tr(PERIOD_TITLES.get(c.periodicity, c.periodicity))),
            (
                tr("Payment"),
                tr(TERMS_TITLES.get(c.payment_terms, c.payment_terms))
                + (f", {c.postpay_days} {tr('days')}" if c.payment_terms == "postpay" else ""),
            ),
            (tr("Documents"), tr(DOCSET_TITLES.get(c.documents, c.documents))),
            (tr("Valid"), f"{fmt.date(c.valid_from)} – {fmt.date(c.valid_to) or tr('indefinitely')}"),
            (tr("Status"), status_title(c.status)),
            (tr("Manager"), escape(c.manager.full_name) if c.manager else "—"),
            (tr("E-mail"), escape(party.emails) or f"<span style='color:#b00'>{tr('no e-mail')}</span>"),
        ]
        html = [f"<h3>{escape(tr('Contract'))} № {escape(c.number)} {tr('of')} {fmt.date(c.date)}</h3>"]
        html.append("<table cellspacing='0' cellpadding='2'>")
        for title, value in rows:
            html.append(f"<tr><td style='color:#555'>{escape(title)}</td><td>{value}</td></tr>")
        html.append("</table>")
        html.append(
            f"<h4>{escape(tr('Specification'))}</h4><table border='1' cellspacing='0' cellpadding='3'>"
        )
        html.append(f"<tr><th>№</th><th>{tr('Service')}</th><th>{tr('Qty')}</th><th>{tr('Price')}</th></tr>")
        for line in c.lines:
            name = line.description or (line.service.name if line.service else "")
            html.append(
                f"<tr><td>{line.position}</td><td>{escape(name)}</td>"
                f"<td align='right'>{line.quantity.normalize():f}</td>"
                f"<td align='right'>{fmt.money(line.price)}</td></tr>"
            )
        html.append("</table>")
        if c.agreements:
            html.append(f"<h4>{escape(tr('Supplementary agreements'))}</h4><ul>")
            for agreement in c.agreements:
                html.append(
                    f"<li>№ {escape(agreement.number)} {tr('of')} {fmt.date(agreement.date)}, "
                    f"{tr('effective from')} {fmt.date(agreement.effective_date)}: "
                    f"{escape(agreement.description)}</li>"
                )
            html.append("</ul>")
        return "".join(html)

    # --- state ----------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        self.view.save_state(settings)
        settings.setValue("contracts/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        self.view.restore_state(settings)
        state = settings.value("contracts/splitter")
        if state is not None:
            self.splitter.restoreState(state)
