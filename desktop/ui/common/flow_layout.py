"""A toolbar row that wraps: its buttons go on as many lines as the width needs (Qt's flow layout).

A row of filters and buttons in a QHBoxLayout either makes the window wider than a 1280-pixel
screen or squeezes its buttons until their texts are cut; here every widget keeps its size hint
and what does not fit moves to the next line. ``add_stretch()`` marks where the rest of a line is
left empty (the following widgets are pushed to its right end).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout ---------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_stretch(self) -> None:
        """The following widgets go to the right end of their line."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:
        """One line of everything (what the row would like), the height of one line."""
        width = height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + self._gap()
            height = max(height, hint.height())
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as the widest widget: everything else wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.sizeHint())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # --- placing ---------------------------------------------------------------------------
    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) or 6

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty() or isinstance(item, QSpacerItem)]

    def _do_layout(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            if isinstance(item, QSpacerItem):
                lines[-1].append(item)
                continue
            width = item.sizeHint().width()
            if (
                lines[-1]
                and any(not isinstance(i, QSpacerItem) for i in lines[-1])
                and (used + width > area.width())
            ):
                lines.append([])
                used = 0
            lines[-1].append(item)
            used += width + gap
        y = area.y()
        for line in lines:
            widgets = [item for item in line if not isinstance(item, QSpacerItem)]
            if not widgets:
                continue
            height = max(item.sizeHint().height() for item in widgets)
            free = area.width() - sum(item.sizeHint().width() for item in widgets) - gap * (len(widgets) - 1)
            stretches = sum(1 for item in line if isinstance(item, QSpacerItem) and item is not line[0])
            x = area.x()
            for item in line:
                if isinstance(item, QSpacerItem):
                    if stretches and free > 0 and item is not line[0]:
                        x += free // stretches
                    continue
                hint = item.sizeHint()
                if apply:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(
                        QRect(QPoint(x, top), QSize(min(hint.width(), area.width()), hint.height()))
                    )
                x += hint.width() + gap
            y += height + gap
        return y - gap - rect.y() + margins.bottom() if y > area.y() else 0
