"""Data changed: a small notifier so that the other tabs of the window show the change.

After an operation that changes data (a month closed, a scan attached, a card saved, a statement
imported…) the screen that did it calls :func:`notify_changed`; the main window owns one
:class:`Changes` and, on ``changed``, reads the shown tab again at once (the others read
themselves again when they are shown, as they always do). A screen outside a main window (a test
of one tab) notifies nobody.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

# The entities a notification names.
CONTRACTS = "contracts"
DOCUMENTS = "documents"  # a month closed: acts, invoices, UPD
SCANS = "scans"
PAYMENTS = "payments"
REQUESTS = "requests"
DOC_REQUESTS = "doc_requests"  # document requests of the managers
PARTIES = "parties"  # counterparties and own entities


class Changes(QObject):
    """``changed(entity)`` after an operation changed data; ``origin`` is the widget that did it."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.origin: QWidget | None = None

    def notify(self, entity: str, origin: QWidget | None = None) -> None:
        self.origin = origin
        try:
            self.changed.emit(entity)
        finally:
            self.origin = None


def changes_of(widget: QWidget | None) -> Changes | None:
    """The notifier of the window ``widget`` is in (a dialog: of the window that opened it)."""
    while widget is not None:
        changes = getattr(widget, "changes", None)
        if isinstance(changes, Changes):
            return changes
        widget = widget.parentWidget()
    return None


def notify_changed(widget: QWidget, entity: str) -> None:
    """Tell the window (its other tabs) that ``widget`` changed data of ``entity``."""
    changes = changes_of(widget)
    if changes is not None:
        changes.notify(entity, widget)


def within(widget: QWidget | None, container: QWidget) -> bool:
    """``widget`` is ``container`` or inside it, dialogs opened from it included."""
    while widget is not None:
        if widget is container:
            return True
        widget = widget.parentWidget()
    return False
