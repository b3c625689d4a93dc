"""Where an overview figure leads: the tab that lists its rows, with the figure's filter applied."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.core.overview.queries import Figure


def open_figure(window: Any, figure: Figure) -> QWidget | None:
    """Switch ``window``'s tabs to the list behind ``figure``; returns the tab shown (None if there is none)."""
    tabs: QTabWidget = window.tabs
    target: QWidget | None = None
    if figure.target == "registry" and figure.registry is not None:
        target = window.registry_tab
        window.registry_tab.show_filter(figure.registry)
    elif figure.target == "contracts" and figure.contracts is not None:
        target = window.contracts_tab
        window.contracts_tab.set_filter_dict(figure.contracts.as_dict())
    elif figure.target == "closing" and figure.period is not None:
        target = window.closing_tab
        combo = window.closing_tab.period
        index = combo.findData(figure.period)
        if index >= 0:
            combo.setCurrentIndex(index)
    elif figure.target == "requests":
        target = window.requests_tab
        if figure.requests is not None:
            window.requests_tab.set_filter_dict(figure.requests.as_dict())
    elif figure.target == "payments":
        target = window.payments_tab
    if target is not None and tabs.indexOf(target) >= 0:
        tabs.setCurrentWidget(target)  # a shown tab reloads: the selection below comes after it
    if figure.target == "payments":
        window.payments_tab.show_unallocated()
    return target
