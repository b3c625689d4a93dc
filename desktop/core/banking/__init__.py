"""Bank files in the 1CClientBankExchange format: statements in, payment orders out, receipts matched to invoices."""

from desktop.core.banking.refs import InvoiceRef, extract_invoice_refs, normalize_invoice_number
from desktop.core.banking.statement import (
    AccountSection,
    BankDocument,
    BankFileError,
    Direction,
    FilesResult,
    Party,
    Statement,
    direction,
    fingerprint,
    new_documents,
    parse_amount,
    parse_date,
    parse_statement,
    read_statement_files,
)

__all__ = [
    "AccountSection",
    "BankDocument",
    "BankFileError",
    "Direction",
    "FilesResult",
    "InvoiceRef",
    "Party",
    "Statement",
    "direction",
    "extract_invoice_refs",
    "fingerprint",
    "new_documents",
    "normalize_invoice_number",
    "parse_amount",
    "parse_date",
    "parse_statement",
    "read_statement_files",
]
