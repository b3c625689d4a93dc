"""«Справка → Журнал изменений»: who changed which record, when, and each field from → to.

A window of its own (not modal: the person may keep it open beside the tabs), with the filters
(period, person, kind of object, action, text), the entries newest first in a lazy table, the
chosen entry whole under it, and the filtered entries exported to Excel.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.audit import describe, titles
from desktop.core.audit import operations as audit_operations
from desktop.core.audit.queries import AuditFilter, AuditRow
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.ui.audit.model import AuditModel
from desktop.ui.common.dates import to_date, to_qdate
from desktop.ui.common.state import ui_state
from desktop.ui.common.table_view import RegistryView
from desktop.ui.common.widgets import named, tab_order_by_layout
from desktop.ui.tasks import Task, run_task, show_error


class AuditDialog(QDialog):
    def __init__(
        self, database: Database, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Change log"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setMinimumSize(980, 560)
        self.database = database
        self.today = today or dt.date.today()
        self.model = AuditModel(database, self)
        self.last_task: Task | None = None
        self.last_export: Path | None = None
        self._create_controls()
        self._lay_out()
        self._connect()
        tab_order_by_layout(self)
        self.restore_state()
        self.reload()

    # --- building -------------------------------------------------------------------------------
    def _create_controls(self) -> None:
        self.has_period = named(QCheckBox(self.tr("&Period from"), self), "auditHasPeriod")
        self.date_from = named(QDateEdit(to_qdate(self.today.replace(day=1)), self), "auditDateFrom")
        self.date_to = named(QDateEdit(to_qdate(self.today), self), "auditDateTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.person = named(QComboBox(self), "auditPerson")
        self.object = named(QComboBox(self), "auditObject")
        self.action = named(QComboBox(self), "auditAction")
        self.action.addItem(self.tr("All"), None)
        for action in titles.ACTIONS:
            self.action.addItem(titles.action_title(action), action)
        self.search = named(QLineEdit(self), "auditSearch")
        self.search.setPlaceholderText(self.tr("Text in the changes, a name, a number or an id"))
        self.search.setClearButtonEnabled(True)
        self.refresh_button = named(QPushButton(self.tr("Re&fresh"), self), "auditRefresh")
        self.refresh_button.setToolTip(self.tr("Read the log again (F5)"))
        self.export_button = named(QPushButton(self.tr("&Export to Excel…"), self), "auditExport")
        self.view = RegistryView(self.model, "audit", self)
        self.view.setObjectName("auditView")
        self.view.setSelectionMode(RegistryView.SelectionMode.SingleSelection)
        self.details = named(QTextBrowser(self), "auditDetails")
        self.details.setOpenLinks(False)
        self.footer = named(QLabel(self), "auditFooter")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _lay_out(self) -> None:
        """The filters on two lines, the table over the chosen entry, the count and the buttons."""
        first = QHBoxLayout()
        first.addWidget(self.has_period)
        first.addWidget(self.date_from)
        first.addWidget(QLabel(self.tr("to"), self))
        first.addWidget(self.date_to)
        first.addSpacing(12)
        first.addWidget(self._label(self.tr("Us&er:"), self.person))
        first.addWidget(self.person, 1)
        first.addWidget(self._label(self.tr("&Object:"), self.object))
        first.addWidget(self.object, 1)
        first.addWidget(self._label(self.tr("&Action:"), self.action))
        first.addWidget(self.action)
        second = QHBoxLayout()
        second.addWidget(self._label(self.tr("&Search:"), self.search))
        second.addWidget(self.search, 1)
        second.addWidget(self.refresh_button)
        second.addWidget(self.export_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("auditSplitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.footer, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        """Filters apply at once (the search after a pause); a chosen row shows whole below."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.has_period.toggled.connect(lambda _on: self.apply_filters())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _date: self._date_edited())
        for combo in (self.person, self.object, self.action):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.refresh_button.clicked.connect(lambda: self.reload())
        refresh_key = QShortcut(QKeySequence(Qt.Key.Key_F5), self)  # the window's F5 stays in the window
        refresh_key.activated.connect(lambda: self.reload())
        self.export_button.clicked.connect(lambda: self.export_dialog())
        self.buttons.rejected.connect(self.reject)
        self.model.modelReset.connect(self._rows_changed)
        self.view.selectionModel().currentRowChanged.connect(lambda _now, _before: self._show_details())

    # --- data -----------------------------------------------------------------------------------
    def set_database(self, database: Database) -> None:
        """Another database opened in the window: its log, from the same filters."""
        self.database = database
        self.model.set_database(database, load=False)
        self.reload()

    def reload(self) -> None:
        """The choices of the drop-downs (people and objects the log names now), then the rows."""
        try:
            choices = audit_operations.filter_choices(self.database)
        except UserError as error:  # a database that cannot answer: said in Russian, the dialog stays
            show_error(self, error, title=self.tr("Change log"))
            return
        self._fill(self.person, choices.people)
        self._fill(self.object, choices.objects)
        self.apply_filters()

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        """``items`` after «Все», the chosen one kept when it is still there."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All"), None)
        for value, title in items:
            combo.addItem(title, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _date_edited(self) -> None:
        if not self.has_period.isChecked():
            self.has_period.setChecked(True)  # (applies the filter itself)
        else:
            self.apply_filters()

    def current_filter(self) -> AuditFilter:
        period = self.has_period.isChecked()
        return AuditFilter(
            date_from=to_date(self.date_from.date()) if period else None,
            date_to=to_date(self.date_to.date()) if period else None,
            login=self.person.currentData(),
            table=self.object.currentData(),
            action=self.action.currentData(),
            search=self.search.text(),
        )

    def apply_filters(self) -> None:
        self._timer.stop()
        self.model.filter = self.current_filter()
        self.model.refresh()

    def _rows_changed(self) -> None:
        count = self.model.summary if isinstance(self.model.summary, int) else self.model.rowCount()
        self.footer.setText(self.tr("Entries: %1").replace("%1", str(count)))
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._show_details()

    def current_row(self) -> AuditRow | None:
        index = self.view.currentIndex()
        return self.model.row_object(index.row()) if index.isValid() else None

    def _show_details(self) -> None:
        row = self.current_row()
        if row is None:
            empty = self.tr("No entries.")
            self.details.setHtml(f"<p style='color:gray'>{escape(empty)}</p>")
            return
        self.details.setHtml(details_html(row, (self.tr("Field"), self.tr("Was"), self.tr("Became"))))

    # --- export ---------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), "Журнал изменений.xlsx", "Excel (*.xlsx)"
        )
        if path:
            chosen = Path(path)
            self.export_to(
                chosen if chosen.suffix.lower() == ".xlsx" else chosen.with_name(chosen.name + ".xlsx")
            )

    def export_to(self, path: Path) -> Task:
        database, flt = self.database, self.current_filter()

        def job(progress: Any, cancel: Any) -> int:
            return audit_operations.export_log(database, path, flt, progress=progress, cancel=cancel)

        def done(count: int) -> None:
            self.last_export = path
            self.footer.setText(
                self.tr("Exported entries: %1 → %2").replace("%1", str(count)).replace("%2", str(path))
            )

        def failed(error: BaseException) -> None:
            show_error(self, error, title=self.tr("Export to Excel"))

        self.last_task = run_task(
            self, job, title=self.tr("Writing the change log"), on_success=done, on_failure=failed
        )
        return self.last_task

    # --- state ----------------------------------------------------------------------------------
    def restore_state(self) -> None:
        state = ui_state()
        geometry = state.value("audit/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 680)
        self.view.restore_state(state)

    def done(self, result: int) -> None:
        state = ui_state()
        state.setValue("audit/geometry", self.saveGeometry())
        self.view.save_state(state)
        super().done(result)


def details_html(row: AuditRow, headers: tuple[str, str, str]) -> str:
    """The entry whole: when, who, what, and each field as it was and became."""
    title = " · ".join(
        escape(part)
        for part in (describe.moment_text(row.at), row.who, f"{row.object} {row.reference}", row.action_title)
    )
    cells = "".join(
        f"<tr><td>{escape(c.title)}</td><td>{_multiline(c.old)}</td><td>{_multiline(c.new)}</td></tr>"
        for c in row.changes
    )
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in headers)
    return (
        f"<p><b>{title}</b></p>"
        f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{cells}</table>"
    )


def _multiline(text: str) -> str:
    return escape(text).replace("\n", "<br>")
