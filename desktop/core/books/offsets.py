"""Which advance счета-фактуры a sale offsets (line 5б of a счёт-фактура or UPD, column 11а of the
sales ledger; Tax Code art. 169 p. 5 sub. 4 from 2026, Decree 1137 as amended by Decree 26 of
23.01.2026 from 01.04.2026; docs/domain.md, «Advances»).

A sale of a contract's period offsets the advance счета-фактуры issued on that contract's prepayment
invoice for the same period (the 100% invoice, or the 70% stage of a 70/30 contract), dated on or
before the sale.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.models import Document, DocumentKind, DocumentStage

# Line 5б is printed on documents dated from this day (Decree 26 of 23.01.2026).
LINE_5B_FROM = dt.date(2026, 4, 1)


def offset_advances(session: Session, contract_id: int, period: str, on: dt.date) -> list[Document]:
    """The current advance счета-фактуры a sale of ``contract_id`` for ``period`` dated ``on`` offsets,
    in the order of their dates and numbers."""
    invoices = select(Document.id).where(
        Document.contract_id == contract_id,
        Document.kind == DocumentKind.INVOICE,
        Document.stage == DocumentStage.PREPAY,
        Document.period == period,
    )
    return list(
        session.scalars(
            select(Document)
            .where(
                Document.kind == DocumentKind.ADVANCE_SF,
                Document.current.is_(True),
                Document.basis_id.in_(invoices),
                Document.date <= on,
            )
            .order_by(Document.date, Document.seq)
        )
    )


def line_5b(session: Session, sale: Document) -> str:
    """The text of line 5б of ``sale`` (a separate счёт-фактура or a UPD with status 1): «№ 12 от
    03.12.2026; № 15 от 05.12.2026», or «—» when it offsets none; empty before 01.04.2026."""
    if sale.date < LINE_5B_FROM:
        return ""
    advances = offset_advances(session, sale.contract_id, sale.period, sale.date)
    if not advances:
        return "—"
    return "; ".join(f"№ {doc.number} от {doc.date:%d.%m.%Y}" for doc in advances)
