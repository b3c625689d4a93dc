"""What a notification opens, by its ``object_type``: a closed deal's act in the registry, a payment
request's card, a document request's card (``MainWindow.open_doc_request``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.core.doc_requests.workflow import OBJECT_TYPE as DOC_REQUEST
from desktop.core.errors import UserError
from desktop.core.payments.closed import CLOSED
from desktop.core.requests.notices import OBJECT_TYPE as PAYMENT_REQUEST
from desktop.ui.tasks import show_error


def _closed(window: Any, object_id: int) -> bool:
    if not window.registry_tab.show_document(object_id):
        return False
    window.tabs.setCurrentWidget(window.registry_tab)  # a shown tab reloads: the choice waits for it
    return True


def _payment_request(window: Any, object_id: int) -> bool:
    if not window.requests_tab.show_request(object_id):
        return False
    window.tabs.setCurrentWidget(window.requests_tab)
    return True


def _doc_request(window: Any, object_id: int) -> bool:
    return window.open_doc_request(object_id) is not None


OPENERS: dict[str, Callable[[Any, int], bool]] = {
    CLOSED: _closed,
    PAYMENT_REQUEST: _payment_request,
    DOC_REQUEST: _doc_request,
}


def open_object(window: Any, object_type: str, object_id: int, *, title: str, not_found: str) -> bool:
    """Show the object in ``window`` (the main window); ``not_found`` is said (under ``title``) when
    there is no opener for its type or the object is gone."""
    opener = OPENERS.get(object_type)
    if opener is not None and opener(window, object_id):
        return True
    show_error(window, UserError(not_found), title=title)
    return False
