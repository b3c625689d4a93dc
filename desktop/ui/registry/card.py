"""A document's card: requisites, lines, scans with a thumbnail, and the document's history."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, load_settings
from desktop.core.common.labels import kind_title
from desktop.core.db import Database
from desktop.core.registry.operations import document_card
from desktop.ui.common import fmt
from desktop.ui.common.history import history_html
from desktop.ui.registry.drop_view import local_files


def thumbnail(path: Path, size: int = 220) -> QPixmap:
    """The first page of a PDF or the image itself, scaled for the card."""
    if path.suffix.lower() == ".pdf":
        try:
            import pypdfium2 as pdfium  # deferred: pypdfium2 loads only when a PDF thumbnail is drawn

            pdf = pdfium.PdfDocument(str(path))
            try:
                page = pdf[0]
                bitmap = page.render(scale=size / max(page.get_width(), page.get_height()))
                image = bitmap.to_pil()
            finally:
                pdf.close()
            data = image.convert("RGB").tobytes()
            qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888)
            return QPixmap.fromImage(qimage.copy())
        except Exception:
            return QPixmap()
    pixmap = QPixmap(str(path))
    return pixmap.scaled(size, size) if not pixmap.isNull() else pixmap


class DocumentCard(QDialog):
    attach_requested = Signal(int, list)

    def __init__(
        self,
        database: Database,
        document_id: int,
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentCard")
        self.setAcceptDrops(True)
        self.database = database
        self.document_id = document_id
        self.share = (settings or load_settings()).scan_store().share_root
        self.resize(860, 620)
        self.details = QTextBrowser(self)
        self.history = QTextBrowser(self)
        self.scans = QListWidget(self)
        self.scans.setObjectName("scans")
        self.preview = QLabel(self)
        self.preview.setFixedSize(230, 230)
        self.preview.setStyleSheet("border: 1px solid #ccc; background: white")
        open_button = QPushButton(self.tr("Open scan"), self)
        attach_button = QPushButton(self.tr("Attach scan…"), self)
        scans_tab = QWidget(self)
        scans_layout = QHBoxLayout(scans_tab)
        left = QVBoxLayout()
        left.addWidget(self.scans, 1)
        row = QHBoxLayout()
        row.addWidget(attach_button)
        row.addWidget(open_button)
        left.addLayout(row)
        left.addWidget(QLabel(self.tr("You can also drop files onto this card."), self))
        scans_layout.addLayout(left, 1)
        scans_layout.addWidget(self.preview)
        tabs = QTabWidget(self)
        tabs.addTab(self.details, self.tr("Document"))
        tabs.addTab(scans_tab, self.tr("Scans"))
        tabs.addTab(self.history, self.tr("History"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(close)
        self.scans.currentItemChanged.connect(self._preview)
        self.scans.itemDoubleClicked.connect(lambda _item: self.open_scan())
        open_button.clicked.connect(self.open_scan)
        attach_button.clicked.connect(self._attach)
        self.reload()

    def reload(self) -> None:
        card = document_card(self.database, self.document_id)
        if card is None:
            return
        doc = card.document
        self.setWindowTitle(f"{kind_title(doc.kind)} № {doc.number} от {fmt.date(doc.date)}")
        lines = "".join(
            f"<tr><td>{line.position}</td><td>{escape(line.name)}</td><td align='right'>{line.quantity.normalize():f}</td>"
            f"<td align='right'>{fmt.money(line.amount_total)}</td></tr>"
            for line in doc.lines
        )
        state = (
            self.tr("signed by %1 on %2")
            .replace("%1", doc.signed_by or "")
            .replace("%2", fmt.date(doc.signed_at.date()) if doc.signed_at else "")
            if doc.signed
            else self.tr("not signed")
        )
        self.details.setHtml(
            f"<h3>{escape(self.windowTitle())}</h3>"
            f"<p>{escape(doc.own_entity.short_name)} → {escape(doc.counterparty.short_name)} "
            f"(ИНН {doc.counterparty.inn})<br>Период: {doc.period}; сумма {fmt.rub(doc.amount_total)}, "
            f"в т.ч. НДС {fmt.rub(doc.amount_vat)}; оплачено {fmt.rub(doc.paid_amount)}<br>"
            f"{escape(state)}</p><table border='1' cellspacing='0' cellpadding='3'>{lines}</table>"
        )
        self.history.setHtml(history_html(self.database, "document", doc.id))
        self.scans.clear()
        for scan in card.scans:
            where = (
                scan.path
                if scan.status == "stored"
                else self.tr("pending: %1").replace("%1", scan.last_error or "")
            )
            item = QListWidgetItem(f"{scan.original_name} — {where}", self.scans)
            item.setData(256, scan.path if scan.status == "stored" else scan.outbox_path)
            item.setData(257, str(scan.status))
        if self.scans.count():
            self.scans.setCurrentRow(0)

    def _scan_file(self) -> Path | None:
        item = self.scans.currentItem()
        if item is None:
            return None
        path = item.data(256)
        if item.data(257) == "stored" and self.share is not None:
            return Path(self.share, path)
        return Path(path) if path else None

    def _preview(self, *_: object) -> None:
        path = self._scan_file()
        if path is None or not path.exists():
            self.preview.setText(self.tr("no preview"))
            return
        self.preview.setPixmap(thumbnail(path))

    def open_scan(self) -> None:
        path = self._scan_file()
        if path is not None and path.exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _attach(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach scan"), "", "*.pdf *.jpg *.jpeg *.png *.tif *.tiff"
        )
        if paths:
            self.attach_requested.emit(self.document_id, [Path(p) for p in paths])
            self.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.attach_requested.emit(self.document_id, files)
            self.accept()
