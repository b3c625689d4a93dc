"""The template context of a letter to a client: client, own entity, period, documents and totals."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from desktop.core.common.formats import format_date
from desktop.core.common.labels import kind_title
from desktop.core.common.money import format_money
from desktop.core.common.periods import format_period
from desktop.core.documents.paths import KIND_ORDER
from desktop.core.models import Counterparty, Document, DocumentKind, OwnEntity

_EMAIL = re.compile(r"^[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+$")


def recipients_of(client: Counterparty) -> tuple[list[str], str | None]:
    """The client's document e-mails, or a problem naming what is wrong with them."""
    emails = client.email_list
    if not emails:
        return [], "в карточке клиента нет e-mail для документов"
    bad = [e for e in emails if not _EMAIL.match(e)]
    if bad:
        return emails, f"неверный e-mail в карточке клиента: «{bad[0]}»"
    return emails, None


def _entity(entity: OwnEntity) -> dict[str, Any]:
    return {
        "name": entity.short_name,
        "full_name": entity.full_name,
        "inn": entity.inn,
        "phone": entity.phone or "",
        "email": entity.email or "",
    }


def document_item(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "kind": document.kind,
        "title": kind_title(document.kind),
        "number": document.number,
        "date": format_date(document.date),
        "amount": format_money(document.amount_total),
        "amount_value": document.amount_total,
        "contract": document.contract.number,
        "period": document.period,
        "period_text": format_period(document.period_start, document.period_end),
        "entity": document.own_entity.short_name,
    }


def documents_text(documents: Sequence[Document]) -> str:
    return ", ".join(f"{kind_title(d.kind)} № {d.number}" for d in documents)


def sort_documents(documents: Sequence[Document]) -> list[Document]:
    return sorted(
        documents, key=lambda d: (d.own_entity_id, d.contract_id, d.period, KIND_ORDER.get(d.kind, 9), d.seq)
    )


def letter_context(
    client: Counterparty,
    documents: Sequence[Document],
    *,
    attachments: Sequence[str] = (),
    sender_name: str = "",
    today: dt.date | None = None,
    totals_of: Sequence[Document] | None = None,
    attached: bool = False,
) -> dict[str, Any]:
    """Everything a mail template may use (listed in ``forms/mail/README.md``).

    ``totals_of`` are the documents the totals count (a package counts one sale once: the
    invoice, or the UPD when there is no invoice — never act + invoice + UPD added together).
    """
    entities: dict[int, OwnEntity] = {}
    for document in documents:
        entities.setdefault(document.own_entity_id, document.own_entity)
    counted = list(totals_of if totals_of is not None else documents)
    net = sum((d.amount_net for d in counted), Decimal("0.00"))
    vat = sum((d.amount_vat for d in counted), Decimal("0.00"))
    total = sum((d.amount_total for d in counted), Decimal("0.00"))
    starts = [d.period_start for d in documents]
    ends = [d.period_end for d in documents]
    period = min((d.period for d in documents), default="")
    return {
        "client": {
            "name": client.short_name,
            "full_name": client.full_name,
            "inn": client.inn,
            "kpp": client.kpp or "",
            "emails": client.emails,
        },
        "entity": _entity(next(iter(entities.values()))) if entities else _entity(OwnEntity(short_name="")),
        "entities": [_entity(e) for e in entities.values()],
        "period": period,
        "period_text": format_period(min(starts), max(ends)) if starts else "",
        "documents": [document_item(d) for d in documents],
        "totals": {
            "net": format_money(net),
            "vat": format_money(vat),
            "total": format_money(total),
            "net_value": net,
            "vat_value": vat,
            "total_value": total,
        },
        "attachments": list(attachments),
        "attached": attached,
        "sender_name": sender_name,
        "today": format_date(today or dt.date.today()),
    }


def sale_documents(documents: Sequence[Document]) -> list[Document]:
    """One document per sale for the totals: the invoices, plus UPDs of contracts without an invoice."""
    with_invoice = {(d.contract_id, d.period) for d in documents if d.kind == DocumentKind.INVOICE}
    return [
        d
        for d in documents
        if d.kind == DocumentKind.INVOICE
        or (d.kind == DocumentKind.UPD and (d.contract_id, d.period) not in with_invoice)
    ] or [d for d in documents if d.kind == DocumentKind.ACT]
