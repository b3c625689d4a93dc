"""The invoices of the Payments tab: what is paid (invoices, and UPDs of UPD-only contracts) with its state."""

from __future__ import annotations

from typing import Any

from desktop.ui.common import fmt
from desktop.ui.common.lazy_table import Column
from desktop.ui.registry.model import DocumentsModel

HIDDEN = ("signed", "scan", "sent")  # an invoice is not signed or scanned


class PayableDocumentsModel(DocumentsModel):
    """The registry's model restricted to the documents money is applied to."""

    background = False
    payable_only = True

    def display(self, column: Column, value: Any) -> str:
        text = super().display(column, value)
        if column.key == "paid" and value.paid == "partial":
            return f"{text}: {fmt.money(value.paid_amount)}"
        return text
