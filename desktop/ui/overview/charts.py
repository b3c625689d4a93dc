"""Chart panels of the overview (QtCharts): each bar and slice remembers the figure it shows and reports clicks."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QPieSlice,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.core.overview.queries import Figure

GREEN = QColor("#4caf50")
GREY = QColor("#b0bec5")
RED = QColor("#e53935")
BLUE = QColor("#1e88e5")
ORANGE = QColor("#fb8c00")
AGE_COLORS = (QColor("#81c784"), QColor("#ffd54f"), QColor("#ffb74d"), QColor("#e57373"))

Labeller = Callable[[Figure], str]


def round_scale(top: float, *, integer: bool) -> tuple[float, float]:
    """The axis end and tick step for values up to ``top``: a step of 1, 2, 2.5 or 5 × 10ⁿ giving
    four to six ticks, the end a multiple of the step above ``top`` (counts: whole steps)."""
    if top <= 0:
        return 1.0, 1.0
    rough = top / 5
    power = 10.0 ** math.floor(math.log10(rough))
    multiples = (1, 2, 2.5, 5, 10) if power >= 10 else (1, 2, 5, 10)  # 2.5 only for whole steps
    step = next(m * power for m in multiples if m * power >= rough)
    if integer:
        step = max(1.0, float(math.ceil(step)))
    maximum = step * math.ceil(top * 1.1 / step)  # room for the labels above the bars
    return round(maximum, 6), round(step, 6)


def thousands(amount: Decimal) -> float:
    """Money on a chart axis, in thousands of roubles (the axis title says so)."""
    return float(amount / 1000)


class ChartPanel(QChartView):
    """A chart whose bars (or slices) are overview figures; ``figure_clicked`` says which one was clicked."""

    figure_clicked = Signal(object)

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        font = QFont(chart.titleFont())
        font.setBold(True)
        font.setPointSize(font.pointSize() + 1)
        chart.setTitleFont(font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart, parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(250)
        # (series set or slice, figures by index) for clicks and tests
        self.sets: list[tuple[QBarSet, list[Figure]]] = []
        self.slices: list[tuple[QPieSlice, Figure]] = []
        self.tooltip: Callable[[Figure], str] | None = None

    def clear(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.sets = []
        self.slices = []

    def figures(self) -> list[Figure]:
        return [f for _s, figures in self.sets for f in figures] + [f for _s, f in self.slices]

    def _wire_set(self, bar_set: QBarSet, figures: list[Figure]) -> None:
        self.sets.append((bar_set, figures))
        bar_set.clicked.connect(lambda index, f=figures: self._clicked(f, index))
        bar_set.hovered.connect(lambda state, index, f=figures: self._hovered(state, f, index))

    def _clicked(self, figures: list[Figure], index: int) -> None:
        if 0 <= index < len(figures):
            self.figure_clicked.emit(figures[index])

    def _hovered(self, state: bool, figures: list[Figure], index: int) -> None:
        if state and self.tooltip is not None and 0 <= index < len(figures):
            QToolTip.showText(QCursor.pos(), self.tooltip(figures[index]), self)
        else:
            QToolTip.hideText()

    # --- kinds of charts -----------------------------------------------------------------
    def stacked(
        self,
        categories: Sequence[str],
        rows: Sequence[tuple[str, QColor, list[Figure]]],
        axis_title: str,
    ) -> None:
        """Stacked bars of counts: one set per row (closed / not closed / failed), one bar per category."""
        self.clear()
        series = QStackedBarSeries()
        top = 0
        for title, color, figures in rows:
            bar_set = QBarSet(title)
            bar_set.setColor(color)
            bar_set.setBorderColor(color.darker(120))
            for figure in figures:
                bar_set.append(figure.count)
            series.append(bar_set)
            self._wire_set(bar_set, figures)
        for index in range(len(categories)):
            top = max(top, sum(figures[index].count for _t, _c, figures in rows))
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        self.chart().addSeries(series)
        self._axes(series, categories, top, axis_title, horizontal=False, integer=True)

    def bars(
        self,
        categories: Sequence[str],
        figures: list[Figure],
        title: str,
        color: QColor,
        axis_title: str,
        *,
        horizontal: bool = False,
    ) -> None:
        """One bar per figure, its length the amount in thousands of roubles."""
        self.clear()
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        bar_set = QBarSet(title)
        bar_set.setColor(color)
        bar_set.setBorderColor(color.darker(120))
        top = max((thousands(f.amount) for f in figures), default=0.0)
        digits = 0 if top >= 100 else 1  # whole thousands on the bars unless all of them are small
        for figure in figures:
            bar_set.append(round(thousands(figure.amount), digits))
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        self._wire_set(bar_set, figures)
        self.chart().addSeries(series)
        self.chart().legend().setVisible(False)
        self._axes(series, categories, top, axis_title, horizontal=horizontal, integer=False)

    def pie(self, figures: list[Figure], labels: Sequence[str], colors: Sequence[QColor]) -> None:
        self.clear()
        series = QPieSeries()
        series.setPieSize(0.8)
        for figure, label, color in zip(figures, labels, colors, strict=False):
            # Made here (not by series.append(label, value)) so that Python knows when Qt deletes it.
            pie_slice = QPieSlice(label, max(float(figure.amount), 0.0))
            series.append(pie_slice)
            pie_slice.setColor(color)
            pie_slice.setLabelVisible(False)  # the legend names each slice with its amount
            self.slices.append((pie_slice, figure))
            pie_slice.clicked.connect(lambda f=figure: self.figure_clicked.emit(f))
            pie_slice.hovered.connect(lambda state, s=pie_slice: s.setExploded(state))
        self.chart().addSeries(series)
        self.chart().legend().setVisible(True)
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignRight)

    def _axes(
        self,
        series: QBarSeries | QStackedBarSeries | QHorizontalBarSeries,
        categories: Sequence[str],
        top: float,
        title: str,
        *,
        horizontal: bool,
        integer: bool,
    ) -> None:
        chart = self.chart()
        category_axis = QBarCategoryAxis()
        category_axis.append(list(categories))
        value_axis = QValueAxis()
        value_axis.setTitleText(title)
        maximum, step = round_scale(top, integer=integer)
        value_axis.setRange(0, maximum)
        value_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        value_axis.setTickAnchor(0)
        value_axis.setTickInterval(step)
        value_axis.setLabelFormat("%d" if step >= 1 else "%.1f")
        if top <= 0:  # nothing to show: no ticks, no labels, no grid (not «0 0 1 1»)
            value_axis.setLabelsVisible(False)
            value_axis.setGridLineVisible(False)
            value_axis.setTickInterval(maximum)
        if horizontal:
            # Names of clients and managers: a smaller font so that ten of them are never elided.
            font = QFont(category_axis.labelsFont())
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
            category_axis.setLabelsFont(font)
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(category_axis)
        series.attachAxis(value_axis)
