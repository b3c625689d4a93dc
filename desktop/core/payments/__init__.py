"""Incoming payments: bank statements stored once, receipts applied to invoices, closed deals notified."""

from desktop.core.payments.allocation import (
    CONFIDENCE_RU,
    MANUAL,
    OverpaymentError,
    Part,
    allocate,
    free_amount,
    payable_clause,
    refresh_totals,
    set_ignored,
    suggest,
    unallocate,
)
from desktop.core.payments.closed import CLOSED, ClosedPair, closed_pair, notify_closed
from desktop.core.payments.importing import ImportReport, import_statements, own_accounts, store_statement
from desktop.core.payments.queries import (
    NO_CLIENT,
    DocumentPayment,
    InvoiceChoice,
    QueuedPayment,
    grouped,
    invoice_choices,
    payments_of_document,
    unallocated_payments,
)

__all__ = [
    "CLOSED",
    "CONFIDENCE_RU",
    "MANUAL",
    "NO_CLIENT",
    "ClosedPair",
    "DocumentPayment",
    "ImportReport",
    "InvoiceChoice",
    "OverpaymentError",
    "Part",
    "QueuedPayment",
    "allocate",
    "closed_pair",
    "free_amount",
    "grouped",
    "import_statements",
    "invoice_choices",
    "notify_closed",
    "own_accounts",
    "payable_clause",
    "payments_of_document",
    "refresh_totals",
    "set_ignored",
    "store_statement",
    "suggest",
    "unallocate",
    "unallocated_payments",
]
