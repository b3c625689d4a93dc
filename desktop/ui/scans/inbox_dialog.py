"""«Разобрать сканы»: a folder or multi-page scan of signed acts filed act by act by their id QR codes.

Drop a folder or files (or choose them); the core inbox runs on a worker thread with progress
and cancel. The dialog then lists the acts filed (or queued, or already attached), the pages it
could not recognise with a thumbnail each, and lets the user assign selected pages to an act by
its number — filed exactly as a recognised range.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.core.db import Database
from desktop.core.scans import operations as scan_operations
from desktop.core.scans.inbox import (
    FiledRange,
    ForeignScanError,
    InboxReport,
    PageRef,
    UnrecognisedPage,
    assign_pages,
    run_inbox,
)
from desktop.ui.registry.drop_view import local_files
from desktop.ui.tasks import Task, run_task

PAGE_ROLE = Qt.ItemDataRole.UserRole


def _pages_text(pages: list[PageRef]) -> str:
    first, last = pages[0], pages[-1]
    if first.source == last.source:
        return f"{first.source.name}: " + ", ".join(str(p.index + 1) for p in pages)
    return "; ".join(f"{p.source.name}: {p.index + 1}" for p in pages)


class InboxDialog(QDialog):
    filed = Signal()  # something was filed: the registry reloads

    def __init__(
        self,
        database: Database,
        settings: Settings,
        parent: QWidget | None = None,
        paths: list[Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanInboxDialog")
        self.setWindowTitle(self.tr("Sort scans"))
        self.setAcceptDrops(True)
        self.resize(900, 680)
        self.database = database
        self.settings = settings
        self.report: InboxReport | None = None
        self.task: Task | None = None

        self.drop_label = QLabel(
            self.tr(
                "Drop a folder or PDF / image files of signed acts here, or choose them. "
                "Each act is found by the QR code in its title; the pages after it belong to it. "
                "The files themselves are not moved or changed."
            ),
            self,
        )
        self.drop_label.setObjectName("inboxDropArea")
        self.drop_label.setWordWrap(True)
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_label.setMinimumHeight(64)
        self.drop_label.setStyleSheet(
            "border: 2px dashed #9aa; border-radius: 6px; padding: 8px; color: #444"
        )
        self.files_button = QPushButton(self.tr("Choose files…"), self)
        self.files_button.setObjectName("inboxChooseFiles")
        self.folder_button = QPushButton(self.tr("Choose folder…"), self)
        self.folder_button.setObjectName("inboxChooseFolder")
        self.summary = QLabel(self)
        self.summary.setObjectName("inboxSummary")
        self.summary.setWordWrap(True)

        self.filed_list = QTreeWidget(self)
        self.filed_list.setObjectName("inboxFiled")
        self.filed_list.setRootIsDecorated(False)
        self.filed_list.setHeaderLabels([self.tr("Document"), self.tr("Pages"), self.tr("Result")])
        header = self.filed_list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.unrecognised = QListWidget(self)
        self.unrecognised.setObjectName("inboxUnrecognised")
        self.unrecognised.setIconSize(QSize(110, 110))
        self.unrecognised.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.unrecognised.setWordWrap(True)
        self.number = QLineEdit(self)
        self.number.setObjectName("inboxAssignNumber")
        self.number.setPlaceholderText(self.tr("Act or UPD number, e.g. АС-12"))
        self.assign_button = QPushButton(self.tr("Attach selected pages to this act"), self)
        self.assign_button.setObjectName("inboxAssign")
        self.errors = QListWidget(self)
        self.errors.setObjectName("inboxErrors")
        self.errors.setMaximumHeight(90)
        self.errors_label = QLabel(self.tr("Not read or not stored:"), self)

        choose = QHBoxLayout()
        choose.addWidget(self.files_button)
        choose.addWidget(self.folder_button)
        choose.addStretch(1)
        assign = QHBoxLayout()
        assign.addWidget(QLabel(self.tr("Number:"), self))
        assign.addWidget(self.number, 1)
        assign.addWidget(self.assign_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_label)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Filed:"), self))
        layout.addWidget(self.filed_list, 2)
        layout.addWidget(
            QLabel(self.tr("Unrecognised pages — select them and attach to an act by its number:"), self)
        )
        layout.addWidget(self.unrecognised, 3)
        layout.addLayout(assign)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.assign_button.clicked.connect(lambda: self.assign_selected())
        self.number.returnPressed.connect(self.assign_selected)
        self.unrecognised.itemSelectionChanged.connect(self._update_buttons)
        self.number.textChanged.connect(self._update_buttons)
        self._update_buttons()
        self.errors.hide()
        self.errors_label.hide()
        if paths:
            self.start(paths)

    # --- input --------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()) and not self._busy():
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if not files or self._busy():
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.start(files)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Sort scans"),
            "",
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"),
        )
        if paths:
            self.start([Path(p) for p in paths])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Sort scans"))
        if folder:
            self.start([Path(folder)])

    def _busy(self) -> bool:
        return self.task is not None and self.task.running

    # --- the run ------------------------------------------------------------------------------
    def start(self, paths: list[Path]) -> Task | None:
        if self._busy():
            return None
        database, store = self.database, self.settings.scan_store()
        self.summary.setText(self.tr("Reading pages…"))
        self._set_enabled(False)

        def job(progress: Any, cancel: Any) -> InboxReport:
            return run_inbox(database, store, paths, progress, cancel)

        self.task = run_task(
            self,
            job,
            title=self.tr("Sorting scans"),
            on_success=self.show_report,
        )
        self.task.finished.connect(lambda: self._set_enabled(True))
        return self.task

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.files_button, self.folder_button):
            widget.setEnabled(enabled)
        if enabled and self.report is None:
            self.summary.clear()
        self._update_buttons()

    def show_report(self, report: InboxReport) -> None:
        self.report = report
        self.filed_list.clear()
        for filed in report.filed:
            self._add_filed(filed)
        self.unrecognised.clear()
        for page in report.unrecognised:
            self._add_unrecognised(page)
        self.errors.clear()
        for error in report.errors:
            where = Path(error.file).name + (
                self.tr(", page %1").replace("%1", str(error.page)) if error.page else ""
            )
            self.errors.addItem(f"{where} — {error.message}")
        self.errors.setVisible(bool(report.errors))
        self.errors_label.setVisible(bool(report.errors))
        self._update_summary()
        if report.filed:
            self.filed.emit()

    def _add_filed(self, filed: FiledRange) -> None:
        result = {
            "stored": filed.path,
            "pending": self.tr("queued: the shared folder is unreachable"),
            "duplicate": self.tr("already attached"),
        }[filed.status]
        item = QTreeWidgetItem([filed.title, _pages_text(filed.pages), result])
        item.setData(0, PAGE_ROLE, filed.status)
        item.setToolTip(2, result)
        if filed.status == "pending":
            item.setForeground(2, Qt.GlobalColor.darkRed)
        self.filed_list.addTopLevelItem(item)

    def _add_unrecognised(self, page: UnrecognisedPage) -> None:
        item = QListWidgetItem(
            f"{page.page.source.name}, " + self.tr("page %1").replace("%1", str(page.page.index + 1))
        )
        item.setText(item.text() + "\n" + page.reason)
        item.setToolTip(f"{page.page.source}\n{page.reason}")
        pixmap = QPixmap()
        if page.thumbnail and pixmap.loadFromData(page.thumbnail, "PNG"):
            item.setIcon(QIcon(pixmap))
        item.setData(PAGE_ROLE, page.page)
        self.unrecognised.addItem(item)

    def _update_summary(self) -> None:
        report = self.report
        if report is None:
            return
        counts = [
            (self.tr("pages"), report.pages),
            (self.tr("filed"), len(report.with_status("stored"))),
            (self.tr("queued"), len(report.with_status("pending"))),
            (self.tr("already attached"), len(report.with_status("duplicate"))),
            (self.tr("unrecognised pages"), self.unrecognised.count()),
            (self.tr("errors"), len(report.errors)),
        ]
        text = ";  ".join(f"{name}: {count}" for name, count in counts)
        if report.message and report.with_status("pending"):
            text += "\n" + report.message
        self.summary.setText(text)

    def _update_buttons(self) -> None:
        self.assign_button.setEnabled(
            bool(self.unrecognised.selectedItems()) and bool(self.number.text().strip()) and not self._busy()
        )

    # --- manual assignment -------------------------------------------------------------------
    def assign_selected(self, force: bool = False) -> Task | None:
        """File the chosen unrecognised pages to the act numbered in the field; a page whose id QR
        names another act is filed only after the person confirms (``force``)."""
        items = self.unrecognised.selectedItems()
        number = self.number.text().strip()
        if not items or not number or self._busy():
            return None
        candidates = scan_operations.signable_documents(self.database, number)
        if not candidates:
            QMessageBox.warning(
                self,
                self.tr("Sort scans"),
                self.tr("No act or UPD with the number «%1».").replace("%1", number),
            )
            return None
        document_id, _title = candidates[0]
        if len(candidates) > 1:
            titles = [t for _, t in candidates]
            chosen, ok = QInputDialog.getItem(
                self,
                self.tr("Sort scans"),
                self.tr("Several documents have this number. Which one is it?"),
                titles,
                0,
                False,
            )
            if not ok:
                return None
            document_id = candidates[titles.index(chosen)][0]
        rows = sorted(self.unrecognised.row(item) for item in items)
        pages: list[PageRef] = [self.unrecognised.item(row).data(PAGE_ROLE) for row in rows]
        database, store = self.database, self.settings.scan_store()

        def job(progress: Any, cancel: Any) -> FiledRange | ForeignScanError:
            progress(0, 1, number)
            try:
                return assign_pages(database, store, document_id, pages, force=force)
            except ForeignScanError as error:
                return error

        def done(filed: FiledRange | ForeignScanError) -> None:
            if isinstance(filed, ForeignScanError):
                answer = QMessageBox.question(
                    self,
                    self.tr("Sort scans"),
                    filed.message
                    + "\n\n"
                    + self.tr("Attach the pages to the document %1 anyway?").replace("%1", filed.target),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer == QMessageBox.StandardButton.Yes:
                    QTimer.singleShot(0, lambda: self.assign_selected(force=True))
                return
            for row in reversed(rows):
                self.unrecognised.takeItem(row)
            if self.report is not None:
                self.report.filed.append(filed)
                if filed.status == "pending":
                    self.report.message = filed.message
            self._add_filed(filed)
            self.number.clear()
            self._update_summary()
            self.filed.emit()

        self._set_enabled(False)
        self.task = run_task(self, job, title=self.tr("Attaching pages"), on_success=done)
        self.task.finished.connect(lambda: self._set_enabled(True))
        return self.task
