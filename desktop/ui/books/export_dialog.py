"""«Файл → Выгрузка в 1С…»: a month of one or all own entities as one EnterpriseData file for 1С:Бухгалтерия.

The person picks the month, the own entity (or all), the format (1.21 by default, 1.20 for an
older 1C) and the file (by default «1С ГГГГ-ММ.xml» in the documents folder of the settings);
«Выгрузить» writes it on a worker (``core.books.operations.export_1c``) and the dialog shows what
went into the file, or why nothing was written, in Russian.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.core.books.enterprisedata import DEFAULT_FORMAT, FORMATS
from desktop.core.books.operations import ExportSummary, export_1c, export_entities
from desktop.core.common.periods import recent_periods
from desktop.core.db import Database, database_error, is_database_failure
from desktop.core.errors import Cancelled, UserError
from desktop.ui.common.periods import add_periods, period_label
from desktop.ui.common.widgets import named, row_of, tab_order_by_layout
from desktop.ui.tasks import Task, run_task, show_error


class ExportDialog(QDialog):
    def __init__(
        self,
        database: Database,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportOneCDialog")
        self.setWindowTitle(self.tr("Export to 1C:Accounting"))
        self.setMinimumWidth(560)
        self.database = database
        self.settings = settings
        self.last_task: Task | None = None
        self.summary: ExportSummary | None = None
        self._default_path = ""
        self._create_controls(today or dt.date.today())
        self._lay_out()
        self.period.currentIndexChanged.connect(lambda _index: self._period_changed())
        self.browse_button.clicked.connect(lambda: self.browse())
        self.export_button.clicked.connect(lambda: self.export())
        self.buttons.rejected.connect(self.reject)
        tab_order_by_layout(self)
        self._period_changed()

    # --- building -------------------------------------------------------------------------------
    def _create_controls(self, today: dt.date) -> None:
        self.period = named(QComboBox(self), "exportPeriod")
        add_periods(self.period, recent_periods(today))
        self.period.setCurrentIndex(1)  # the month usually closed last
        self.entity = named(QComboBox(self), "exportEntity")
        self.entity.addItem(self.tr("All own entities"), "")
        try:
            entities = export_entities(self.database)
        except UserError:  # a database that cannot answer: «все», the export says what is wrong
            entities = []
        for inn, name in entities:
            self.entity.addItem(self.tr("%1, INN %2").replace("%1", name).replace("%2", inn), inn)
        self.format = named(QComboBox(self), "exportFormat")
        for version in sorted(FORMATS, reverse=True):
            self.format.addItem(f"EnterpriseData {version}", version)
        self.format.setCurrentIndex(self.format.findData(DEFAULT_FORMAT))
        self.format.setToolTip(self.tr("1.20 for 1C:Accounting releases that do not read 1.21 yet"))
        self.path = named(QLineEdit(self), "exportPath")
        self.browse_button = named(QPushButton(self.tr("&Browse…"), self), "exportBrowse")
        self.report = named(QLabel(self), "exportResult")
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.RichText)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = named(QPushButton(self.tr("E&xport"), self), "exportRun")
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self._label(self.tr("&Period:"), self.period), self.period)
        form.addRow(self._label(self.tr("Own &entity:"), self.entity), self.entity)
        form.addRow(self._label(self.tr("&Format:"), self.format), self.format)
        form.addRow(
            self._label(self.tr("F&ile:"), self.path), row_of(self, (self.path, 1), self.browse_button)
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)

    # --- the choice -----------------------------------------------------------------------------
    @property
    def current_period(self) -> str:
        return str(self.period.currentData())

    def default_path(self) -> Path:
        """«1С ГГГГ-ММ.xml» in the documents folder of the settings."""
        return self.settings.effective_output_dir() / f"1С {self.current_period}.xml"

    def _period_changed(self) -> None:
        """Another month: a file name still the default one follows it; one the person chose stays."""
        if not self.path.text().strip() or self.path.text() == self._default_path:
            self._default_path = str(self.default_path())
            self.path.setText(self._default_path)
        self.report.clear()

    def browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to 1C:Accounting"),
            self.path.text().strip() or str(self.default_path()),
            self.tr("EnterpriseData file (*.xml)"),
        )
        if chosen:
            self.path.setText(str(_with_xml(Path(chosen))))

    # --- the export -----------------------------------------------------------------------------
    def export(self) -> Task | None:
        text = self.path.text().strip()
        if not text:
            self._show_problem(self.tr("File: choose where to write the export."))
            self.path.setFocus()
            return None
        out = _with_xml(Path(text).expanduser())
        self.path.setText(str(out))
        database, period = self.database, self.current_period
        inn, version = str(self.entity.currentData() or ""), str(self.format.currentData())

        def job(_progress: Any, _cancel: Any) -> ExportSummary:
            return export_1c(database, period, [inn] if inn else [], version, out)

        self.summary = None
        self.export_button.setEnabled(False)
        self.report.setText(escape(self.tr("Exporting…")))
        self.last_task = run_task(
            self,
            job,
            title=self.tr("Export to 1C:Accounting"),
            on_success=self._exported,
            on_failure=self._failed,
            want_cancel=False,
        )
        self.last_task.finished.connect(lambda: self.export_button.setEnabled(True))
        return self.last_task

    def _exported(self, summary: ExportSummary) -> None:
        self.summary = summary
        kinds = self._kinds()
        order = {name: index for index, name in enumerate(kinds)}  # directories first, then documents
        lines = "".join(
            f"<tr><td>{escape(kinds.get(name, name))}</td><td align='right'>&nbsp;&nbsp;{count}</td></tr>"
            for name, count in sorted(
                summary.counts.items(), key=lambda item: (order.get(item[0], 99), item[0])
            )
            if count
        )
        head = (
            self.tr("Exported objects: %1 (EnterpriseData %2, %3)")
            .replace("%1", str(summary.total))
            .replace("%2", summary.format)
            .replace("%3", period_label(summary.period))
        )
        where = self.tr("File: %1").replace("%1", str(summary.path))
        self.report.setText(f"<p><b>{escape(head)}</b></p><table>{lines}</table><p>{escape(where)}</p>")

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.report.clear()
            return
        if is_database_failure(error):
            error = database_error(error)
        if isinstance(error, UserError):
            self._show_problem(error.message)
            return
        self.report.clear()
        show_error(self, error, title=self.tr("Export to 1C:Accounting"))

    def _show_problem(self, message: str) -> None:
        self.report.setText(f"<p style='color:#b00020'>{escape(message)}</p>")

    def _kinds(self) -> dict[str, str]:
        """The person's names of the 1C object types (``Документ.РеализацияТоваровУслуг`` → «Реализации…»)."""
        return {
            "Справочник.Организации": self.tr("Own entities"),
            "Справочник.Контрагенты": self.tr("Counterparties"),
            "Справочник.Договоры": self.tr("Contracts"),
            "Справочник.Номенклатура": self.tr("Services"),
            "Документ.РеализацияТоваровУслуг": self.tr("Sales (acts and UPDs)"),
            "Документ.СчетФактураВыданный.НаРеализацию": self.tr("Issued VAT invoices for sales"),
            "Документ.СчетФактураВыданный.НаАванс": self.tr("Issued VAT invoices for advances"),
            "Документ.СчетПокупателю": self.tr("Invoices for payment"),
            "Документ.ПБДСРасчетыСКонтрагентами": self.tr("Incoming payments"),
        }


def _with_xml(path: Path) -> Path:
    return path if path.suffix.lower() == ".xml" else path.with_name(path.name + ".xml")
