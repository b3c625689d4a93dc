"""The overview as a one-page PDF report (A4 landscape) for the managers' meeting.

A title line (date, own entity, whose clients) drawn as text, then the overview's counters and
charts rendered as vector graphics scaled to fit the rest of the page, so the text stays text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QRegion
from PySide6.QtWidgets import QWidget

PAGE_WIDTH_PX = 1400  # the width the page is laid out at, in screen pixels


def write_report(content: QWidget, path: Path, title: str, scope: str, font: QFont) -> None:
    """Write the overview ``content`` (the counters and charts) to ``path`` as one PDF page under a
    ``title`` line and a ``scope`` line in ``font``; raises OSError if it cannot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old_size = content.size()
    layout = content.layout()
    width = max(PAGE_WIDTH_PX, old_size.width())
    height = layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth() else -1
    if height <= 0:
        height = max(content.sizeHint().height(), old_size.height())
    content.resize(QSize(width, height))
    if layout is not None:
        layout.activate()

    writer = QPdfWriter(str(path))
    writer.setResolution(96)  # the widgets' own pixels: fonts keep their size relative to the charts
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(10, 10, 10, 10),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(QCoreApplication.translate("OverviewTab", "Overview"))
    writer.setCreator("AktDesk")
    painter = QPainter()
    if not painter.begin(writer):
        content.resize(old_size)
        raise OSError(f"cannot write {path}")
    try:
        page = QRectF(painter.viewport())
        title_font = QFont(font)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        painter.setFont(title_font)
        line = painter.fontMetrics().height()
        painter.drawText(QRectF(0, 0, page.width(), line), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(font)
        small = painter.fontMetrics().height()
        painter.drawText(QRectF(0, line + 2, page.width(), small), Qt.AlignmentFlag.AlignLeft, scope)
        top = line + small + 12
        area = QRectF(0, top, page.width(), page.height() - top)
        scale = min(area.width() / content.width(), area.height() / content.height())
        painter.translate(area.left(), area.top())
        painter.scale(scale, scale)
        content.render(painter, QPoint(0, 0), QRegion(), QWidget.RenderFlag.DrawChildren)
    finally:
        painter.end()
        content.resize(old_size)
        if layout is not None:
            layout.activate()
