"""Справочники → Маршруты согласования: each own entity's rules (who approves a payment request above
which amount, at which stage, for which budget item) and a preview of the route of an amount typed.
Only an admin changes them; the others see them read-only, with a line saying so."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.budget import operations as budget_operations
from desktop.core.budget.directory import Kind
from desktop.core.budget.rules import STAGES, RuleFieldsError, RuleInput
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.parties.operations import entity_choices
from desktop.ui.common import fmt
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.common.widgets import field_error, named, pick_table, row_of, with_error

HEADERS = (
    QT_TRANSLATE_NOOP("ApprovalRoutesDialog", "Stage"),
    QT_TRANSLATE_NOOP("ApprovalRoutesDialog", "Budget item"),
    QT_TRANSLATE_NOOP("ApprovalRoutesDialog", "Amount above"),
    QT_TRANSLATE_NOOP("ApprovalRoutesDialog", "Approver"),
    QT_TRANSLATE_NOOP("ApprovalRoutesDialog", "Title on the route"),
)
ERROR_STYLE = "border: 1px solid #b00020"


class ApprovalRoutesDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalRoutesDialog")
        self.setWindowTitle(self.tr("Approval routes"))
        self.resize(920, 640)
        self.database = database
        self.rule_id: int | None = None
        self.rows: list[budget_operations.RuleRow] = []
        self._create_widgets()
        self._lay_out()
        self._fill_lists()
        self._connect()
        self.reload()

    # --- building -----------------------------------------------------------------------------
    def _create_widgets(self) -> None:
        self.entity = named(QComboBox(self), "routeEntity")
        self.hint = named(QLabel(self), "routesHint")
        self.hint.setWordWrap(True)
        self.table = pick_table(self, "rulesTable", [self.tr(h) for h in HEADERS])
        self.item = named(QComboBox(self), "ruleItem")
        self.amount = named(QLineEdit(self), "ruleAmount")
        self.amount.setPlaceholderText(self.tr("0 — any amount"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.stage = named(QComboBox(self), "ruleStage")
        for stage in STAGES:
            self.stage.addItem(str(stage), stage)
        self.approver = named(QComboBox(self), "ruleApprover")
        self.title = named(QLineEdit(self), "ruleTitle")
        self.title.setPlaceholderText(self.tr("e.g. Head of department"))
        self.errors = {
            name: field_error(self, name)
            for name in (
                "own_entity_id",
                "budget_item_id",
                "amount_above",
                "stage",
                "approver_login",
                "title",
            )
        }
        self.error = named(QLabel(self), "ruleError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.new_button = named(QPushButton(self.tr("New rule"), self), "newRule")
        self.save_button = named(QPushButton(self.tr("Save rule"), self), "saveRule")
        self.delete_button = named(QPushButton(self.tr("Delete rule"), self), "deleteRule")
        self.preview_amount = named(QLineEdit(self), "previewAmount")
        self.preview_amount.setPlaceholderText("150 000")
        self.preview_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.preview_item = named(QComboBox(self), "previewItem")
        self.preview = named(QLabel(self), "routePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Own entity:"), self))
        top.addWidget(with_error(self.entity, self.errors["own_entity_id"]), 1)
        form_box = QGroupBox(self.tr("Rule"), self)
        form = QFormLayout(form_box)
        form.addRow(self.tr("Budget item:"), with_error(self.item, self.errors["budget_item_id"]))
        form.addRow(
            self.tr("Amount above, ₽:"),
            row_of(
                self,
                (with_error(self.amount, self.errors["amount_above"]), 2),
                self.tr("Stage:"),
                (with_error(self.stage, self.errors["stage"]), 1),
                None,
            ),
        )
        form.addRow(self.tr("Approver:"), with_error(self.approver, self.errors["approver_login"]))
        form.addRow(self.tr("Title on the route:"), with_error(self.title, self.errors["title"]))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        preview_box = QGroupBox(self.tr("Which route a request takes"), self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(
            row_of(
                self,
                self.tr("Request amount, ₽:"),
                (self.preview_amount, 1),
                self.tr("budget item:"),
                (self.preview_item, 2),
            )
        )
        preview_layout.addWidget(self.preview)
        close_button = named(QPushButton(self.tr("Close"), self), "closeRoutes")
        close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(form_box)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(preview_box)
        layout.addLayout(bottom)

    def _fill_lists(self) -> None:
        for entity_id, name in entity_choices(self.database, active_only=True):
            self.entity.addItem(name, entity_id)
        for combo in (self.item, self.preview_item):
            combo.addItem(self.tr("Any"), None)
            for item_id, title in budget_operations.entry_choices(self.database, Kind.ITEMS):
                combo.addItem(title, item_id)
        self.approver.addItem("", "")
        for login, title in budget_operations.approver_choices(self.database):
            self.approver.addItem(title, login)

    def _connect(self) -> None:
        self.entity.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.itemSelectionChanged.connect(self._select)
        self.new_button.clicked.connect(self.new_rule)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.preview_amount.textChanged.connect(self.update_preview)
        self.preview_item.currentIndexChanged.connect(self.update_preview)

    # --- data ---------------------------------------------------------------------------------
    def entity_id(self) -> int | None:
        value = self.entity.currentData()
        return int(value) if value is not None else None

    def reload(self, select_id: int | None = None) -> None:
        entity_id = self.entity_id()
        refusal: str | None = None
        self.rows = []
        if entity_id is not None:
            self.rows, refusal = budget_operations.rules_of(self.database, entity_id)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for r, rule in enumerate(self.rows):
            values = (
                str(rule.stage),
                rule.budget_item or self.tr("Any"),
                fmt.money(rule.amount_above),
                rule.approver,
                rule.title,
            )
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if c == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, cell)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.editable = entity_id is not None and refusal is None
        for widget in (
            self.item,
            self.amount,
            self.stage,
            self.approver,
            self.title,
            self.new_button,
            self.save_button,
        ):
            widget.setEnabled(self.editable)
        self.delete_button.setEnabled(self.editable and self.rule_id is not None)
        if refusal is not None:
            self.hint.setText(refusal + " " + self.tr("The routes are shown read-only."))
        else:
            self.hint.setText(
                self.tr(
                    "A request goes through every rule of its payer whose amount it exceeds and whose budget "
                    "item is its own or «Any». Stage 2 waits for stage 1; the approvers of one stage decide "
                    "in parallel. A return for revision starts the route again."
                )
            )
        row = next((i for i, r in enumerate(self.rows) if r.id == select_id), -1)
        if row >= 0:
            self.table.selectRow(row)
        elif select_id is None:
            self.new_rule()
        self.update_preview()

    def _select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        rule = self.rows[rows[0].row()]
        self.rule_id = rule.id
        self.item.setCurrentIndex(max(0, self.item.findData(rule.budget_item_id)))
        self.amount.setText(fmt.money(rule.amount_above))
        self.stage.setCurrentIndex(max(0, self.stage.findData(rule.stage)))
        index = self.approver.findData(rule.approver_login)
        if index < 0:  # a user disabled since: shown, to be replaced
            self.approver.addItem(rule.approver, rule.approver_login)
            index = self.approver.count() - 1
        self.approver.setCurrentIndex(index)
        self.title.setText(rule.title)
        self.delete_button.setEnabled(self.editable)
        self._show_errors({}, "")

    def new_rule(self) -> None:
        self.table.clearSelection()
        self.rule_id = None
        self.item.setCurrentIndex(0)
        self.amount.clear()
        self.stage.setCurrentIndex(0)
        self.approver.setCurrentIndex(0)
        self.title.clear()
        self.delete_button.setEnabled(False)
        self._show_errors({}, "")

    def values(self) -> RuleInput:
        return RuleInput(
            own_entity_id=self.entity_id(),
            budget_item_id=self.item.currentData(),
            amount_above=self.amount.text(),
            stage=int(self.stage.currentData()),
            approver_login=str(self.approver.currentData() or ""),
            title=self.title.text(),
        )

    def _show_errors(self, errors: dict[str, str], message: str) -> None:
        widgets: dict[str, QWidget] = {
            "own_entity_id": self.entity,
            "budget_item_id": self.item,
            "amount_above": self.amount,
            "stage": self.stage,
            "approver_login": self.approver,
            "title": self.title,
        }
        for name, label in self.errors.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
            widgets[name].setStyleSheet(ERROR_STYLE if name in errors else "")
        self.error.setText(message)

    def save(self) -> bool:
        try:
            saved = budget_operations.save_rule(self.database, self.values(), self.rule_id)
        except RuleFieldsError as error:
            self._show_errors(error.errors, "")
            return False
        except UserError as error:
            self._show_errors({}, error.message)
            return False
        self.rule_id = saved
        self.reload(select_id=saved)
        return True

    def delete(self) -> bool:
        if self.rule_id is None:
            return False
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("Delete the rule? Requests already on approval keep their route."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            budget_operations.delete_rule(self.database, self.rule_id)
        except UserError as error:
            self._show_errors({}, error.message)
            return False
        self.rule_id = None
        self.reload()
        return True

    def update_preview(self, *_: Any) -> None:
        self.preview.setText(
            budget_operations.route_preview(
                self.database, self.entity_id(), self.preview_item.currentData(), self.preview_amount.text()
            )
        )

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter saves the rule, never closes
            if self.editable:
                self.save()
            return
        super().keyPressEvent(event)
