"""The counterparty card: every requisite a document needs, checked inline as the user types."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import Counterparty, PartyKind
from desktop.core.parties.directory import (
    COUNTERPARTY_FIELDS,
    DuplicateCounterpartyError,
    RequisitesError,
    counterparty_errors,
    save_counterparty,
)
from desktop.core.users.accounts import manager_choices
from desktop.ui.common.history import history_html

TEXT_FIELDS = tuple(name for name in COUNTERPARTY_FIELDS if name not in ("kind", "manager_id"))


class CounterpartyCard(QDialog):
    """Create or edit a counterparty; errors are shown at each field and block saving."""

    saved = Signal(int)
    open_other = Signal(int)  # the user followed the link to an existing duplicate card

    def __init__(
        self, database: Database, counterparty_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("counterpartyCard")
        self.database = database
        self.counterparty_id = counterparty_id
        self.setWindowTitle(self.tr("Counterparty") if counterparty_id else self.tr("New counterparty"))
        self.setMinimumWidth(620)
        titles = {
            "short_name": self.tr("Short name"),
            "full_name": self.tr("Full name"),
            "inn": self.tr("INN"),
            "kpp": self.tr("KPP"),
            "ogrn": self.tr("OGRN / OGRNIP"),
            "legal_address": self.tr("Legal address"),
            "postal_address": self.tr("Postal address"),
            "bank_name": self.tr("Bank"),
            "bik": self.tr("BIK"),
            "account": self.tr("Settlement account"),
            "corr_account": self.tr("Correspondent account"),
            "director_position": self.tr("Signer's position"),
            "director_name": self.tr("Signer"),
            "director_basis": self.tr("Acting on the basis of"),
            "emails": self.tr("E-mails for documents"),
            "phone": self.tr("Phone"),
            "region": self.tr("Region"),
            "edo_id": self.tr("EDO participant ID"),
        }
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("Legal entity"), PartyKind.LEGAL.value)
        self.kind.addItem(self.tr("Sole proprietor"), PartyKind.ENTREPRENEUR.value)
        self.kind.addItem(self.tr("Private person"), PartyKind.PERSON.value)
        self.manager = QComboBox(self)
        self.manager.setObjectName("manager")
        self.manager.addItem("—", None)
        with database.session() as session:
            for choice in manager_choices(session, any_role=True, active_only=True):
                self.manager.addItem(choice.title, choice.id)

        self.edits: dict[str, QLineEdit] = {}
        self._touched: set[str] = set()
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        for name in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            error = QLabel(self)
            error.setObjectName(f"{name}_error")
            error.setStyleSheet("color: #b00020; font-size: 11px")
            error.hide()
            box = QWidget(self)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(1)
            box_layout.addWidget(edit)
            box_layout.addWidget(error)
            form.addRow(titles[name], box)
            self.edits[name] = edit
            self.errors[name] = error
            edit.textChanged.connect(self.validate)
            edit.textEdited.connect(lambda _text, n=name: self._touch(n))
        form.addRow(self.tr("Manager"), self.manager)
        # «ФИО» only for a person: a legal entity has its «Полное наименование»
        self.full_name_label = form.labelForField(self.edits["full_name"].parentWidget())
        self.kind.currentIndexChanged.connect(self._name_the_full_name)
        self.kind.currentIndexChanged.connect(self.validate)

        self.duplicate = QLabel(self)
        self.duplicate.setObjectName("duplicateWarning")
        self.duplicate.setStyleSheet("color: #8a5a00")
        self.duplicate.setWordWrap(True)
        self.duplicate.hide()
        self.duplicate.linkActivated.connect(self._open_duplicate)
        self._duplicate_id: int | None = None

        requisites = QWidget(self)
        requisites_layout = QVBoxLayout(requisites)
        requisites_layout.addLayout(form)
        requisites_layout.addWidget(self.duplicate)
        self.history = QTextBrowser(self)
        self.history.setObjectName("history")
        tabs = QTabWidget(self)
        tabs.addTab(requisites, self.tr("Requisites"))
        tabs.addTab(self.history, self.tr("History"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.buttons)
        if counterparty_id is not None:
            self._load()
        self.validate()

    def _load(self) -> None:
        with self.database.session() as session:
            party = session.get(Counterparty, self.counterparty_id)
            if party is None:
                return
            self.kind.setCurrentIndex(max(0, self.kind.findData(party.kind)))
            for name, edit in self.edits.items():
                edit.setText(str(getattr(party, name) or ""))
            self.manager.setCurrentIndex(max(0, self.manager.findData(party.manager_id)))
            self.history.setHtml(history_html(session, "counterparty", party.id))

    def _touch(self, name: str) -> None:
        # textEdited comes after textChanged: validate again now that the field counts as touched.
        self._touched.add(name)
        self.validate()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values["kind"] = self.kind.currentData()
        values["manager_id"] = self.manager.currentData()
        return {k: v for k, v in values.items() if k in COUNTERPARTY_FIELDS}

    def _name_the_full_name(self) -> None:
        legal = self.kind.currentData() == PartyKind.LEGAL.value
        if isinstance(self.full_name_label, QLabel):
            self.full_name_label.setText(
                self.tr("Full name") if legal else self.tr("Full name of the person")
            )

    def validate(self) -> dict[str, str]:
        """Show every error at its field; Save is enabled only when there is none."""
        values = self.values()
        errors = counterparty_errors({k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()})
        kpp_needed = values["kind"] == PartyKind.LEGAL.value
        self.edits["kpp"].setEnabled(kpp_needed)
        for name, label in self.errors.items():
            message = errors.get(name)
            if message and self.counterparty_id is None and name not in self._touched:
                message = None  # a new card does not shout at fields the user has not reached yet
            label.setText(message or "")
            label.setVisible(bool(message))
            self.edits[name].setStyleSheet("border: 1px solid #b00020" if message else "")
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not errors)
        save.setToolTip("\n".join(errors.values()))
        return errors

    def save(self) -> None:
        try:
            with self.database.transaction() as session:
                result = save_counterparty(session, self.values(), self.counterparty_id)
                saved_id = result.counterparty.id
        except DuplicateCounterpartyError as error:
            self._duplicate_id = error.duplicate_of
            link = self.tr("Open the existing card")  # not inside the f-string: lupdate skips those
            self.duplicate.setText(f"{error.message} <a href='open'>{link}</a>")
            self.duplicate.show()
            return
        except RequisitesError as error:
            self.validate()
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        except ValidationError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        self.counterparty_id = saved_id
        self.saved.emit(saved_id)
        self.accept()

    def _open_duplicate(self, _link: str) -> None:
        if self._duplicate_id is not None:
            self.open_other.emit(self._duplicate_id)
