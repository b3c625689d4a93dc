"""What a счёт-фактура refers to, read from the database: its act (line 5а), the receipts of the
prepayment it offsets (line 5) and the advance счета-фактуры (line 5б); ``context`` stays pure."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.books.offsets import line_5b, offset_advances
from desktop.core.documents.context import SaleLinks
from desktop.core.models import Document, DocumentKind, DocumentStage


def sale_links(session: Session, doc: Document) -> SaleLinks | None:
    """The links of a separate счёт-фактура or a UPD with status 1; None for any other document."""
    if doc.kind == DocumentKind.UPD and doc.upd_status == 1:
        shipping = None  # the UPD is its own document of shipment
    elif doc.kind == DocumentKind.SF:
        act = session.scalars(
            select(Document).where(
                Document.contract_id == doc.contract_id,
                Document.period == doc.period,
                Document.kind == DocumentKind.ACT,
                Document.stage == DocumentStage.FULL,
                Document.current.is_(True),
            )
        ).first()
        shipping = (act.number, act.date) if act is not None else None
    else:
        return None
    advances = offset_advances(session, doc.contract_id, doc.period, doc.date)
    payments = tuple(
        (advance.payment.number or "—", advance.payment.date)
        for advance in advances
        if advance.payment is not None
    )
    return SaleLinks(shipping=shipping, payments=payments, line_5b=line_5b(session, doc))
