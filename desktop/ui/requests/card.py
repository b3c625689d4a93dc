"""The payment-request card: every field checked at the field, requisites from the counterparty directory,
the budget item and cost centre with what the item has paid and has approved this month, the buttons
of the steps the user's role allows (the others disabled with the reason), the approval route (the
waiting stage highlighted, earlier rounds folded), the history and comment thread, and attachments
(e-invoice, payment order) dropped or chosen. After a submit or an approval the next approvers get
an e-mail when a mail server is set (a failure is a line in the card, never undoes the step)."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, load_settings
from desktop.core.budget import operations as budget_operations
from desktop.core.budget.directory import Kind
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import (
    Decision,
    PaymentRequest,
    RequestStatus,
    Scan,
    ScanStatus,
)
from desktop.core.parties.operations import counterparty_choices, entity_choices
from desktop.core.requests import mailing, validation
from desktop.core.requests import operations as request_operations
from desktop.core.requests.mailing import Letter
from desktop.core.requests.operations import RouteRound, RouteStep
from desktop.core.requests.permissions import Action
from desktop.core.requests.validation import DirectoryCheck, RequestInput, RequestValidationError
from desktop.ui.common import fmt
from desktop.ui.common.dates import to_date, to_qdate
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.common.widgets import field_error, named, with_error
from desktop.ui.registry.drop_view import local_files
from desktop.ui.requests.model import STATUS_COLORS, status_title
from desktop.ui.tasks import run_task

LINE_FIELDS = (
    "subject",
    "contractor_name",
    "contractor_inn",
    "contractor_kpp",
    "contractor_bank_name",
    "contractor_bik",
    "contractor_account",
    "contractor_corr_account",
    "amount",
)
ERROR_FIELDS = (
    *LINE_FIELDS,
    "own_entity_id",
    "currency",
    "vat_rate",
    "pay_by",
    "purpose",
    "budget_item_id",
    "cost_centre_id",
)
ROUTE_COLUMNS = (
    QT_TRANSLATE_NOOP("RequestCard", "Stage"),
    QT_TRANSLATE_NOOP("RequestCard", "Who"),
    QT_TRANSLATE_NOOP("RequestCard", "Title"),
    QT_TRANSLATE_NOOP("RequestCard", "Decision"),
    QT_TRANSLATE_NOOP("RequestCard", "When"),
)  # a step's comment: a line under it
DECISION_TITLES = {
    Decision.APPROVED: QT_TRANSLATE_NOOP("RequestCard", "approved"),
    Decision.REJECTED: QT_TRANSLATE_NOOP("RequestCard", "rejected"),
    Decision.RETURNED: QT_TRANSLATE_NOOP("RequestCard", "returned"),
}
DECISION_COLORS = {Decision.APPROVED: "#26801f", Decision.REJECTED: "#b00020", Decision.RETURNED: "#8a5a00"}
WAITING_BACKGROUND = "#fff3cd"


class RequestCard(QDialog):
    """Create or work on a payment request as ``login``; ``changed`` tells the registry to refresh."""

    changed = Signal(int)

    def __init__(
        self,
        database: Database,
        request_id: int | None = None,
        parent: QWidget | None = None,
        *,
        login: str | None = None,
        settings: Settings | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requestCard")
        self.database = database
        self.request_id = request_id
        self.login = login or database.login  # who is connected (PostgreSQL: the database's login)
        self.settings = settings
        self.today = today or dt.date.today()
        self.setMinimumSize(1100, 720)
        self.setAcceptDrops(True)
        self._touched: set[str] = set()
        self._show_all_errors = False
        self._auto_purpose = ""
        self._loading = False
        self.status = RequestStatus.DRAFT
        self.required = request_operations.directories_in_use(database).required
        self.last_letters: list[Letter] = []
        self.last_mail: mailing.MailResult | BaseException | None = None
        self.mail_task: Any = None
        self.rounds: list[RouteRound] = []
        self._create_fields()
        self.errors = {name: field_error(self, name) for name in (*ERROR_FIELDS, "comment")}
        left, right = self._request_side(), self._thread_side()
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        bottom = self._step_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._fill_lists()
        self._connect()
        self.load()

    # --- building ---------------------------------------------------------------------------------
    def _create_fields(self) -> None:
        """The request's own fields: payer, counterparty, the line edits, currency, VAT, pay-by, purpose."""
        self.status_label = named(QLabel(self), "requestStatus")
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setWordWrap(True)
        self.entity = named(QComboBox(self), "own_entity_id")
        self.counterparty = named(QComboBox(self), "counterparty")
        self.counterparty.setEditable(True)
        self.counterparty.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer, line_edit = self.counterparty.completer(), self.counterparty.lineEdit()
        assert completer is not None and line_edit is not None  # an editable combo box has both
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        line_edit.setPlaceholderText(self.tr("Type a name or INN to fill the requisites"))
        self.edits: dict[str, QLineEdit] = {}
        for name in LINE_FIELDS:
            edit = named(QLineEdit(self), name)
            self.edits[name] = edit
        self.edits["amount"].setPlaceholderText("0,00")
        self.edits["amount"].setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edits["subject"].setPlaceholderText(
            self.tr("e.g. for communication services, invoice № 45 of 02.11.2026")
        )
        self.currency = named(QComboBox(self), "currency")
        for code in validation.CURRENCIES:
            self.currency.addItem(code, code)
        self.vat = named(QComboBox(self), "vat_rate")
        for rate in validation.VAT_RATES:
            self.vat.addItem(rate, rate)
        self.pay_by = named(QDateEdit(self), "pay_by")
        self.pay_by.setCalendarPopup(True)
        self.pay_by.setDisplayFormat("dd.MM.yyyy")
        self.pay_by.setDate(to_qdate(self.today + dt.timedelta(days=5)))
        self.budget_item = named(QComboBox(self), "budget_item_id")
        self.cost_centre = named(QComboBox(self), "cost_centre_id")
        self.budget_line = named(QLabel(self), "budgetFigures")
        self.budget_line.setWordWrap(True)
        self.budget_line.setStyleSheet("color: #1a5fb4")
        self.budget_line.hide()
        self.purpose = named(QPlainTextEdit(self), "purpose")
        self.purpose.setFixedHeight(58)
        self.purpose_count = named(QLabel(self), "purposeCount")
        self.fill_purpose = named(QPushButton(self.tr("Suggest"), self), "suggestPurpose")
        self.fill_purpose.setToolTip(self.tr("Write the purpose from what we pay for, the amount and VAT"))

    def _request_side(self) -> QWidget:
        """The left half: the status, the main form, the requisites and the purpose."""
        form = self._main_form()
        requisites = self._requisites_box()
        purpose_box = self._purpose_box()
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.status_label)
        left_layout.addLayout(form)
        left_layout.addWidget(requisites)
        left_layout.addWidget(
            QLabel(
                self.tr("Payment purpose* (with VAT, at most %1 characters)").replace(
                    "%1", str(validation.PURPOSE_LIMIT)
                ),
                self,
            )
        )
        left_layout.addWidget(purpose_box)
        left_layout.addStretch(1)
        return left

    def _main_form(self) -> QFormLayout:
        """Payer, what for, the contractor, the amount with currency and VAT, the pay-by date."""
        form = QFormLayout()
        form.addRow(self.tr("Payer"), with_error(self.entity, self.errors["own_entity_id"]))
        form.addRow(self.tr("What we pay for*"), with_error(self.edits["subject"], self.errors["subject"]))
        form.addRow(self.tr("From the directory"), self.counterparty)
        form.addRow(
            self.tr("Contractor*"), with_error(self.edits["contractor_name"], self.errors["contractor_name"])
        )
        money = QHBoxLayout()
        money.addWidget(with_error(self.edits["amount"], self.errors["amount"]), 2)
        money.addWidget(QLabel(self.tr("Currency*"), self))
        money.addWidget(with_error(self.currency, self.errors["currency"]))
        money.addWidget(QLabel(self.tr("VAT"), self))
        money.addWidget(with_error(self.vat, self.errors["vat_rate"]))
        form.addRow(self.tr("Invoice amount*"), money)
        form.addRow(self.tr("Pay by*"), with_error(self.pay_by, self.errors["pay_by"]))
        budget = QHBoxLayout()
        budget.addWidget(with_error(self.budget_item, self.errors["budget_item_id"]), 3)
        budget.addWidget(
            QLabel(
                self.tr("Cost centre*") if "cost_centre_id" in self.required else self.tr("Cost centre"), self
            )
        )
        budget.addWidget(with_error(self.cost_centre, self.errors["cost_centre_id"]), 2)
        form.addRow(
            self.tr("Budget item*") if "budget_item_id" in self.required else self.tr("Budget item"), budget
        )
        form.addRow("", self.budget_line)
        return form

    def _requisites_box(self) -> QGroupBox:
        """The contractor's INN and KPP, bank, BIK and accounts."""
        requisites = QGroupBox(self.tr("Contractor's requisites*"), self)
        req_form = QFormLayout(requisites)
        ids = QHBoxLayout()
        ids.addWidget(with_error(self.edits["contractor_inn"], self.errors["contractor_inn"]), 3)
        ids.addWidget(QLabel(self.tr("KPP"), self))
        ids.addWidget(with_error(self.edits["contractor_kpp"], self.errors["contractor_kpp"]), 2)
        req_form.addRow(self.tr("INN*"), ids)
        req_form.addRow(
            self.tr("Bank"),
            with_error(self.edits["contractor_bank_name"], self.errors["contractor_bank_name"]),
        )
        req_form.addRow(
            self.tr("Bank BIK"), with_error(self.edits["contractor_bik"], self.errors["contractor_bik"])
        )
        req_form.addRow(
            self.tr("Settlement account*"),
            with_error(self.edits["contractor_account"], self.errors["contractor_account"]),
        )
        req_form.addRow(
            self.tr("Correspondent account"),
            with_error(self.edits["contractor_corr_account"], self.errors["contractor_corr_account"]),
        )
        return requisites

    def _purpose_box(self) -> QWidget:
        """The purpose with its character count, the Suggest button and its error."""
        purpose_box = QWidget(self)
        purpose_layout = QVBoxLayout(purpose_box)
        purpose_layout.setContentsMargins(0, 0, 0, 0)
        purpose_layout.setSpacing(1)
        purpose_layout.addWidget(self.purpose)
        purpose_row = QHBoxLayout()
        purpose_row.addWidget(self.purpose_count, 1)
        purpose_row.addWidget(self.fill_purpose)
        purpose_layout.addLayout(purpose_row)
        purpose_layout.addWidget(self.errors["purpose"])
        return purpose_box

    def _route_box(self) -> QWidget:
        """The approval route: the current round's steps (the waiting stage highlighted), earlier
        rounds folded under «Предыдущие круги»; a draft shows the route it would take."""
        self.route = named(QTreeWidget(self), "requestRoute")
        self.route.setColumnCount(len(ROUTE_COLUMNS))
        self.route.setHeaderLabels([self.tr(c) for c in ROUTE_COLUMNS])
        self.route.setRootIsDecorated(True)
        self.route.setUniformRowHeights(True)
        self.route.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.route.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.route.setIndentation(12)
        self.route.itemExpanded.connect(self._fit_route)
        self.route.itemCollapsed.connect(self._fit_route)
        self.route_hint = named(QLabel(self), "routeHint")
        self.route_hint.setWordWrap(True)
        self.route_hint.setStyleSheet("color: gray")
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Approval route"), self))
        layout.addWidget(self.route)
        layout.addWidget(self.route_hint)
        return box

    def _thread_side(self) -> QWidget:
        """The right half: the route, the history and comments, the comment box, the attachments."""
        route = self._route_box()
        self.history = named(QTextBrowser(self), "requestHistory")
        self.history.setOpenLinks(False)
        self.comment = named(QPlainTextEdit(self), "comment")
        self.comment.setPlaceholderText(self.tr("A comment (required to reject or return for revision)"))
        self.comment.setFixedHeight(54)
        self.comment_button = named(QPushButton(self.tr("Add comment"), self), "addComment")
        self.attachments = named(QListWidget(self), "attachments")
        self.attachments.setMaximumHeight(90)
        self.attach_invoice = named(QPushButton(self.tr("E-invoice…"), self), "attachInvoice")
        self.attach_order = named(QPushButton(self.tr("Payment order…"), self), "attachOrder")
        self.drop_hint = QLabel(self.tr("Drop files on the card to attach them as the e-invoice."), self)
        self.drop_hint.setStyleSheet("color: gray; font-size: 11px")
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(route)
        right_layout.addWidget(QLabel(self.tr("History and comments"), self))
        right_layout.addWidget(self.history, 1)
        right_layout.addWidget(self.comment)
        right_layout.addWidget(self.errors["comment"])
        comment_row = QHBoxLayout()
        comment_row.addStretch(1)
        comment_row.addWidget(self.comment_button)
        right_layout.addLayout(comment_row)
        right_layout.addWidget(QLabel(self.tr("Attachments"), self))
        right_layout.addWidget(self.attachments)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach_invoice)
        attach_row.addWidget(self.attach_order)
        attach_row.addStretch(1)
        right_layout.addLayout(attach_row)
        right_layout.addWidget(self.drop_hint)
        return right

    def _step_buttons(self) -> QHBoxLayout:
        """Save, the workflow steps (enabled by ``load`` as the role allows), Close."""
        self.save_button = named(QPushButton(self.tr("Save draft"), self), "saveRequest")
        self.buttons: dict[Action, QPushButton] = {
            Action.SUBMIT: named(QPushButton(self.tr("Submit for approval"), self), "submitRequest"),
            Action.APPROVE: named(QPushButton(self.tr("Approve"), self), "approveRequest"),
            Action.RETURN: named(QPushButton(self.tr("Return for revision"), self), "returnRequest"),
            Action.REJECT: named(QPushButton(self.tr("Reject"), self), "rejectRequest"),
            Action.PAY: named(QPushButton(self.tr("Mark paid"), self), "payRequest"),
        }
        self.close_button = named(QPushButton(self.tr("Close"), self), "closeRequest")
        self.mail_status = named(QLabel(self), "mailStatus")
        self.mail_status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        for button in self.buttons.values():
            bottom.addWidget(button)
        bottom.addWidget(self.mail_status, 1)
        bottom.addWidget(self.close_button)
        return bottom

    def _connect(self) -> None:
        """Live checks on every change; the buttons, the counterparty choice, the attachment list."""
        for name, edit in self.edits.items():
            edit.textChanged.connect(self._changed)
            edit.textEdited.connect(lambda _t, n=name: self._touch(n))
        for combo in (self.currency, self.vat, self.entity, self.budget_item, self.cost_centre):
            combo.currentIndexChanged.connect(self._changed)
        self.budget_item.currentIndexChanged.connect(lambda _i: self._touch("budget_item_id"))
        self.cost_centre.currentIndexChanged.connect(lambda _i: self._touch("cost_centre_id"))
        self.budget_item.currentIndexChanged.connect(self._show_budget_figures)
        self.pay_by.dateChanged.connect(self._changed)
        self.purpose.textChanged.connect(self._purpose_edited)
        self.counterparty.currentIndexChanged.connect(self._counterparty_chosen)
        self.fill_purpose.clicked.connect(self.suggest_purpose)
        self.save_button.clicked.connect(self.save)
        self.buttons[Action.SUBMIT].clicked.connect(self.submit)
        for action in (Action.APPROVE, Action.RETURN, Action.REJECT, Action.PAY):
            self.buttons[action].clicked.connect(lambda _c=False, a=action: self.do(a))
        self.comment_button.clicked.connect(self.add_comment)
        self.attach_invoice.clicked.connect(lambda: self.choose_files("e_invoice"))
        self.attach_order.clicked.connect(lambda: self.choose_files("payment_order"))
        self.close_button.clicked.connect(self.reject)
        self.attachments.itemDoubleClicked.connect(self.open_attachment)

    # --- layout helpers -----------------------------------------------------------------------
    def _fill_lists(self) -> None:
        self.entity.addItem("", None)
        for entity_id, name in entity_choices(self.database, active_only=True):
            self.entity.addItem(name, entity_id)
        self.counterparty.addItem("", None)
        for party_id, name, inn in counterparty_choices(self.database):
            self.counterparty.addItem(f"{name} ({inn})", party_id)
        if self.entity.count() == 2:
            self.entity.setCurrentIndex(1)
        self._fill_directory(self.budget_item, Kind.ITEMS, None)
        self._fill_directory(self.cost_centre, Kind.CENTRES, None)

    def _fill_directory(self, combo: QComboBox, kind: Kind, keep: int | None) -> None:
        """The active entries of a directory (and ``keep``, the stored request's even if closed)."""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        for entry_id, title in budget_operations.entry_choices(self.database, kind, keep=keep):
            combo.addItem(title, entry_id)
        combo.blockSignals(False)

    # --- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the request as stored (or a new one) with the buttons the user may press."""
        self._loading = True
        card = (
            request_operations.request_card(self.database, self.request_id, self.login)
            if self.request_id
            else None
        )
        if card is None:
            allowed = self._show_new()
            self._show_route([])
        else:
            self._show(card.request, card.waiting)
            self._show_history(card.names, card.request)
            self._show_attachments(card.attachments)
            self._show_route(card.route)
            allowed = card.allowed
        self._loading = False
        self._enable(allowed)
        self._changed()
        self._show_budget_figures()

    def _show_new(self) -> dict[Action, str | None]:
        """A card for a new request: a draft with no history; what it allows before it is saved."""
        self.setWindowTitle(self.tr("New payment request"))
        self.status_label.setText(
            f"<b style='color:{STATUS_COLORS[RequestStatus.DRAFT]}'>{escape(status_title(RequestStatus.DRAFT))}</b>"
        )
        self.history.setHtml("")
        return {a: None for a in Action} | {
            Action.APPROVE: self.tr("Save and submit the request first."),
            Action.RETURN: self.tr("Save and submit the request first."),
            Action.REJECT: self.tr("Save and submit the request first."),
            Action.PAY: self.tr("Save and submit the request first."),
            Action.COMMENT: self.tr("Save the request first."),
            Action.ATTACH: self.tr("Save the request first."),
        }

    def _enable(self, allowed: dict[Action, str | None]) -> None:
        """Fields and buttons on or off as ``allowed`` says, the reason in the tooltip of those off."""
        self.allowed = allowed
        editable = allowed[Action.EDIT] is None
        text_fields: list[QLineEdit | QPlainTextEdit] = [*self.edits.values(), self.purpose]
        for field in text_fields:
            field.setReadOnly(not editable)
            field.setToolTip("" if editable else allowed[Action.EDIT] or "")
        for widget in (
            self.currency,
            self.vat,
            self.pay_by,
            self.counterparty,
            self.fill_purpose,
            self.budget_item,
            self.cost_centre,
        ):
            widget.setEnabled(editable)
            widget.setToolTip("" if editable else allowed[Action.EDIT] or "")
        self.entity.setEnabled(self.request_id is None)
        self.save_button.setEnabled(editable)
        self.save_button.setToolTip("" if editable else allowed[Action.EDIT] or "")
        for action, button in self.buttons.items():
            reason = allowed[action]
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
        for comment_widget in (self.comment_button, self.comment):
            comment_widget.setEnabled(allowed[Action.COMMENT] is None)
            comment_widget.setToolTip(allowed[Action.COMMENT] or "")
        for widget in (self.attach_invoice, self.attach_order):
            widget.setEnabled(allowed[Action.ATTACH] is None)
            widget.setToolTip(allowed[Action.ATTACH] or "")

    def _show(self, request: PaymentRequest, waiting: str) -> None:
        self.setWindowTitle(
            self.tr("Payment request № %1 of %2")
            .replace("%1", request.number)
            .replace("%2", fmt.date(fmt.local_time(request.created_at).date()))
        )
        color = STATUS_COLORS.get(request.status, "#000")
        extra = ""
        if request.status == RequestStatus.APPROVED and request.exported_at:
            extra = " · " + escape(
                self.tr("payment order exported %1").replace(
                    "%1", fmt.date(fmt.local_time(request.exported_at).date())
                )
            )
        if request.status == RequestStatus.PAID and request.paid_at:
            extra = " " + fmt.date(request.paid_at)
        if waiting:  # «— этап 2 из 2: Волков Сергей Николаевич (Финансовый директор)»
            extra = f" — {escape(waiting)}"
        self.status = request.status
        self.status_label.setText(
            f"<span style='font-size:14px'>{escape(self.windowTitle())} — "
            f"<b style='color:{color}'>{escape(status_title(request.status))}</b>{extra}</span>"
        )
        self.entity.setCurrentIndex(max(0, self.entity.findData(request.own_entity_id)))
        self.counterparty.setCurrentIndex(max(0, self.counterparty.findData(request.counterparty_id)))
        for name, edit in self.edits.items():
            value = getattr(request, name)
            edit.setText(fmt.money(value) if name == "amount" else str(value or ""))
        self.currency.setCurrentIndex(max(0, self.currency.findData(request.currency)))
        self.vat.setCurrentIndex(max(0, self.vat.findData(request.vat_rate)))
        self.pay_by.setDate(to_qdate(request.pay_by))
        for combo, kind, chosen in (
            (self.budget_item, Kind.ITEMS, request.budget_item_id),
            (self.cost_centre, Kind.CENTRES, request.cost_centre_id),
        ):
            if combo.findData(chosen) < 0:  # closed since: still shown on this request
                self._fill_directory(combo, kind, chosen)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.purpose.setPlainText(request.purpose)
        self._auto_purpose = validation.suggested_purpose(
            request.subject, request.amount, request.vat_rate, request.currency
        )

    def _show_history(self, names: dict[str, str], request: PaymentRequest) -> None:
        comment_word = self.tr("comment")
        parts = []
        for event in reversed(request.history):
            who = escape(names.get(event.user_login, event.user_login))
            when = fmt.moment(event.at)
            if event.to_status is not None:
                if event.from_status is None:
                    what = escape(status_title(event.to_status))
                else:
                    what = (
                        f"{escape(status_title(event.from_status))} → {escape(status_title(event.to_status))}"
                    )
                color = STATUS_COLORS.get(event.to_status, "#000")
                head = f"<b style='color:{color}'>{what}</b>"
            else:
                head = f"<i>{escape(comment_word)}</i>"
            body = (
                f"<tr><td style='background:#eef2f7; padding:3px 3px 3px 10px'>{escape(event.comment)}</td></tr>"
                if event.comment
                else ""
            )
            parts.append(
                "<table width='100%' cellspacing='0' cellpadding='1' style='margin-bottom:8px'>"
                f"<tr><td><span style='color:gray'>{when}</span> <b>{who}</b>: {head}</td></tr>{body}</table>"
            )
        self.history.setHtml("".join(parts))

    def _show_route(self, rounds: list[RouteRound]) -> None:
        """The current round's steps, then the earlier rounds folded (a return started a new one)."""
        self.route.clear()
        self.rounds = rounds
        if not rounds:
            self.route.hide()
            self._show_planned_route()
            return
        self.route.show()
        self.route_hint.hide()
        current, *earlier = rounds
        for step in current.steps:
            self._add_step(None, step, closed=False)
        if earlier:
            folder = QTreeWidgetItem([self.tr("Previous rounds")])
            self.route.addTopLevelItem(folder)
            folder.setFirstColumnSpanned(True)
            for past in earlier:
                round_item = QTreeWidgetItem([self.tr("Round %1").replace("%1", str(past.number))])
                folder.addChild(round_item)
                round_item.setFirstColumnSpanned(True)
                for step in past.steps:
                    self._add_step(round_item, step, closed=True)
                round_item.setExpanded(True)
            folder.setExpanded(True)  # sized with the earlier rounds unfolded, then folded
        for column in range(len(ROUTE_COLUMNS) - 1):  # the last one takes what is left
            self.route.resizeColumnToContents(column)
        if earlier:
            folder.setExpanded(False)
        self._fit_route()

    def _add_step(self, parent: QTreeWidgetItem | None, step: RouteStep, *, closed: bool) -> None:
        """A step's line (the waiting one highlighted), its comment on a line under it."""
        who = step.approver or self.tr("any approver")
        if step.decided_by and step.decided_by != step.approver:
            who = f"{who} ({step.decided_by})" if step.approver else step.decided_by
        if step.decision is not None:
            decision = self.tr(DECISION_TITLES[step.decision])
        elif step.waiting:
            decision = self.tr("waiting")
        else:
            decision = "—" if closed or self.status != RequestStatus.APPROVAL else self.tr("next")
        item = QTreeWidgetItem([str(step.stage), who, step.title, decision, fmt.moment(step.decided_at)])
        for column, text in ((1, who), (2, step.title)):
            item.setToolTip(column, text)
        if parent is None:
            self.route.addTopLevelItem(item)
        else:
            parent.addChild(item)
        if step.decision is not None:
            item.setForeground(3, QBrush(QColor(DECISION_COLORS[step.decision])))
        if step.waiting:
            font = QFont(item.font(0))
            font.setBold(True)
            for column in range(len(ROUTE_COLUMNS)):
                item.setBackground(column, QBrush(QColor(WAITING_BACKGROUND)))
                item.setFont(column, font)
        if step.comment:
            note = QTreeWidgetItem([f"«{step.comment}»"])
            note.setToolTip(0, step.comment)
            note.setForeground(0, QBrush(QColor("#555555")))
            item.addChild(note)
            note.setFirstColumnSpanned(True)
            item.setExpanded(True)

    def _fit_route(self, *_: Any) -> None:
        """As tall as its visible rows (folded earlier rounds: one row), at most eight of them."""

        def shown(item: QTreeWidgetItem | None) -> int:
            if item is None:
                return 0
            rows = 1
            if item.isExpanded():
                for index in range(item.childCount()):
                    rows += shown(item.child(index))
            return rows

        rows = 0
        for index in range(self.route.topLevelItemCount()):
            rows += shown(self.route.topLevelItem(index))
        row_height = max(self.route.sizeHintForRow(0), 18)
        header = self.route.header().sizeHint().height()
        self.route.setFixedHeight(
            header + row_height * min(max(rows, 1), 8) + 2 * self.route.frameWidth() + 2
        )

    def _show_planned_route(self) -> None:
        """A draft its author edits: the route it takes if submitted now (the payer's rules for its
        amount and item)."""
        if self.purpose.isReadOnly():
            self.route_hint.hide()
            return
        values = self.values()
        text = budget_operations.route_preview(
            self.database, values.own_entity_id, values.budget_item_id, values.amount or "", self.login
        )
        self.route_hint.setText(text)
        self.route_hint.show()

    def _show_budget_figures(self, *_: Any) -> None:
        """«По статье «01.01 Аренда» в 11.2026: оплачено …, согласовано к оплате …» (this request left out)."""
        figures = request_operations.budget_figures(
            self.database, self.budget_item.currentData(), self.today, self.request_id
        )
        if figures is None:
            self.budget_line.hide()
            return
        self.budget_line.setText(
            self.tr("By the item «%1» in %2: paid %3, approved for payment %4")
            .replace("%1", figures.item)
            .replace("%2", figures.month)
            .replace("%3", fmt.rub(figures.paid))
            .replace("%4", fmt.rub(figures.approved))
        )
        self.budget_line.show()

    def _show_attachments(self, scans: list[Scan]) -> None:
        self.attachments.clear()
        for scan in scans:
            role = self.tr("E-invoice") if scan.role == "e_invoice" else self.tr("Payment order")
            state = "" if scan.status == ScanStatus.STORED else " — " + self.tr("waiting in the queue")
            item = QListWidgetItem(f"{role}: {scan.original_name}{state}")
            item.setToolTip(scan.path or "")
            item.setData(
                Qt.ItemDataRole.UserRole, scan.path if scan.status == ScanStatus.STORED else scan.outbox_path
            )
            self.attachments.addItem(item)

    # --- values and validation ------------------------------------------------------------------
    def values(self) -> RequestInput:
        data: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        return RequestInput(
            own_entity_id=self.entity.currentData(),
            counterparty_id=self.counterparty.currentData(),
            currency=self.currency.currentData() or "",
            vat_rate=self.vat.currentData() or "",
            pay_by=to_date(self.pay_by.date()),
            purpose=self.purpose.toPlainText(),
            budget_item_id=self.budget_item.currentData(),
            cost_centre_id=self.cost_centre.currentData(),
            directories=DirectoryCheck(self.required),
            **data,
        )

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self._changed()

    def _purpose_edited(self) -> None:
        if not self._loading:
            self._touched.add("purpose")
        self._changed()

    def _changed(self, *_: Any) -> None:
        if self._loading:
            return
        values = self.values()
        if not self.purpose.isReadOnly():
            current = " ".join(values.purpose.split())
            if current in ("", self._auto_purpose):
                suggestion = validation.suggested_purpose(
                    values.subject, values.amount, values.vat_rate, values.currency
                )
                if suggestion and suggestion != current:
                    self._auto_purpose = suggestion
                    self._loading = True
                    self.purpose.setPlainText(suggestion)
                    self._loading = False
                    values = self.values()
        self.purpose_count.setText(
            self.tr("%1 of %2 characters")
            .replace("%1", str(len(" ".join(values.purpose.split()))))
            .replace("%2", str(validation.PURPOSE_LIMIT))
        )
        self.validate(values)
        if not self.rounds:
            self._show_planned_route()

    def validate(self, values: RequestInput | None = None) -> dict[str, str]:
        """Show the errors at their fields (on a new card only those the user has reached)."""
        values = values or self.values()
        today = self.today if self.request_id is None else None
        errors = validation.request_errors(values, today=today) if not self.purpose.isReadOnly() else {}
        for name in ERROR_FIELDS:
            message = errors.get(name)
            if message and not (
                self._show_all_errors or self.request_id is not None or name in self._touched
            ):
                message = None
            self._set_error(name, message)
        return errors

    def _set_error(self, name: str, message: str | None) -> None:
        label = self.errors[name]
        label.setText(message or "")
        label.setVisible(bool(message))
        widget = self.edits.get(name) or {"purpose": self.purpose, "comment": self.comment}.get(name)
        if widget is not None:
            widget.setStyleSheet("border: 1px solid #b00020" if message else "")

    def _counterparty_chosen(self, _index: int) -> None:
        party_id = self.counterparty.currentData()
        if party_id is None or self._loading or not self.counterparty.isEnabled():
            return
        values = request_operations.counterparty_requisites(self.database, party_id)
        if values is None:
            return
        for name, value in values.as_dict().items():
            self.edits[name].setText(value)
            self._touched.add(name)
        self._changed()

    def suggest_purpose(self) -> None:
        values = self.values()
        suggestion = validation.suggested_purpose(
            values.subject, values.amount, values.vat_rate, values.currency
        )
        if suggestion:
            self._auto_purpose = suggestion
            self.purpose.setPlainText(suggestion)

    # --- actions -----------------------------------------------------------------------------------
    def _save(self, submit_comment: str | None = None) -> tuple[int, list[Letter]]:
        return request_operations.save_request(
            self.database,
            self.request_id,
            self.values(),
            login=self.login,
            today=self.today,
            submit_comment=submit_comment,
        )

    def _handle(self, error: UserError) -> None:
        if isinstance(error, RequestValidationError):
            self._show_all_errors = True
            self.validate()
            for name, message in error.errors.items():
                if name in self.errors:
                    self._set_error(name, message)
        elif error.field == "comment":
            self._set_error("comment", error.message)
        QMessageBox.warning(self, self.windowTitle(), error.message)

    def _done(self, request_id: int) -> None:
        self.request_id = request_id
        self.comment.clear()
        self._set_error("comment", None)
        self.load()
        self.changed.emit(request_id)

    def save(self) -> bool:
        try:
            request_id, _letters = self._save()
        except UserError as error:
            self._handle(error)
            return False
        self._done(request_id)
        return True

    def submit(self) -> bool:
        """Save the draft and send it for approval in one step."""
        try:
            request_id, letters = self._save(submit_comment=self.comment.toPlainText())
        except UserError as error:
            self._handle(error)
            return False
        self._done(request_id)
        self.send_letters(letters)
        return True

    def do(self, action: Action) -> bool:
        if self.request_id is None:
            return False
        try:
            letters = request_operations.move_request(
                self.database,
                self.request_id,
                action,
                login=self.login,
                comment=self.comment.toPlainText(),
                paid_on=self.today,
            )
        except UserError as error:
            self._handle(error)
            return False
        self._done(self.request_id)
        self.send_letters(letters)
        return True

    # --- letters to the next approvers ---------------------------------------------------------
    def send_letters(self, letters: list[Letter]) -> Any:
        """E-mail the approvers the request now waits for, on a worker thread, when a mail server
        is set; the outcome is a line in the card (and the window's status bar), never a stop."""
        self.last_letters = letters
        settings = self.settings or load_settings()
        if not letters or not settings.effective_smtp().host.strip():
            return None
        self._mail_line(self.tr("Sending the e-mail to the approvers…"), warning=False)

        def job(progress: Any, cancel: Any) -> mailing.MailResult:
            return mailing.send_letters(settings.smtp_config(), letters)

        def done(result: mailing.MailResult) -> None:
            self.last_mail = result
            if result.failed:
                self._mail_line(
                    self.tr("The e-mail to the approvers was not sent: %1").replace(
                        "%1", "; ".join(result.failed)
                    ),
                    warning=True,
                )
            else:
                self._mail_line(
                    self.tr("E-mail sent to the approvers: %1").replace("%1", ", ".join(result.sent)),
                    warning=False,
                )

        def failed(error: BaseException) -> None:
            self.last_mail = error
            reason = error.message if isinstance(error, UserError) else str(error)
            self._mail_line(
                self.tr("The e-mail to the approvers was not sent: %1").replace("%1", reason), warning=True
            )

        self.mail_task = run_task(
            self,
            job,
            title=self.tr("Sending the e-mail to the approvers"),
            on_success=done,
            on_failure=failed,
            show_progress=False,
        )
        return self.mail_task

    def _mail_line(self, text: str, *, warning: bool) -> None:
        self.mail_status.setText(text)
        self.mail_status.setToolTip(text)
        self.mail_status.setStyleSheet("color: #b00020" if warning else "color: gray")
        parent = self.parentWidget()
        status_bar = getattr(parent.window(), "statusBar", None) if parent is not None else None
        if callable(status_bar):
            status_bar().showMessage(text, 15000)

    def add_comment(self) -> bool:
        if self.request_id is None:
            return False
        try:
            request_operations.comment_request(
                self.database, self.request_id, self.comment.toPlainText(), login=self.login
            )
        except UserError as error:
            self._handle(error)
            return False
        self._done(self.request_id)
        return True

    # --- attachments ----------------------------------------------------------------------------------
    def choose_files(self, role: str) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach a file"),
            "",
            self.tr("PDF or pictures (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"),
        )
        if paths:
            self.attach_files([Path(p) for p in paths], role)

    def attach_files(self, files: list[Path], role: str = "e_invoice") -> Any:
        """Copy files to the share on a worker thread (or queue them); the list shows them after."""
        request_id = self.request_id
        if request_id is None or self.allowed.get(Action.ATTACH) is not None:
            QMessageBox.information(self, self.windowTitle(), self.tr("Save the request first."))
            return None
        database = self.database
        store = (self.settings or load_settings()).scan_store()
        login = self.login

        def job(progress: Any, cancel: Any) -> Any:
            progress(0, len(files), files[0].name)
            result = request_operations.attach_to_request(
                database, store, request_id, files, role, login=login
            )
            progress(len(files), len(files), "")
            return result

        def done(result: Any) -> None:
            self.last_attach = result
            self._done(request_id)
            if result.message:
                (QMessageBox.warning if result.pending else QMessageBox.information)(
                    self, self.windowTitle(), result.message
                )

        self.last_task = run_task(
            self, job, title=self.tr("Copying the file to the shared folder"), on_success=done
        )
        return self.last_task

    def open_attachment(self, item: QListWidgetItem) -> None:
        """Open the stored file (on the share, or in the outbox while it waits there)."""
        path = item.data(Qt.ItemDataRole.UserRole)
        if not path:
            return
        root = (self.settings or load_settings()).effective_share_root()
        full = Path(path) if Path(path).is_absolute() else Path(root) / path
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(full)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()) and self.request_id is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.attach_files(files, "e_invoice")
