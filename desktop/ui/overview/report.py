"""The overview as a one-page PDF report (A4 landscape) for the managers' meeting.

A title line (date, own entity, whose clients) drawn as text, then the overview's counters and
charts rendered as vector graphics scaled to fit the rest of the page, so the text stays text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QRegion
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.ui.overview.tab import OverviewTab

PAGE_WIDTH_PX = 1400  # the width the page is laid out at, in screen pixels


def write_report(tab: OverviewTab, path: Path) -> None:
    """Write the overview shown in ``tab`` to ``path`` as one PDF page; raises OSError if it cannot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content: QWidget = tab.content
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
        title_font = QFont(tab.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        painter.setFont(title_font)
        today = tab.view.today if tab.view is not None else dt.date.today()
        title = QCoreApplication.translate("OverviewTab", "AktDesk overview on %1").replace(
            "%1", today.strftime("%d.%m.%Y")
        )
        scope = f"{tab.entity.currentText()} · {tab.scope_label.text()}"
        line = painter.fontMetrics().height()
        painter.drawText(QRectF(0, 0, page.width(), line), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(tab.font())
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
