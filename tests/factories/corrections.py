"""A sale sent to the client and then changed by an agreement: the way to a УКД.

One fixed monthly contract of the demo is picked (a VAT payer's or not), given the package asked
for, closed for real; its sale is sent the way the send step records it (``record_dispatch``), and
an agreement changing the price is saved the way the contract card saves it (``save_agreement``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.closing.files import FileWriter
from desktop.core.common.catalog import entity_regime_on
from desktop.core.contracts.editing import ChangeInput
from desktop.core.contracts.operations import save_agreement
from desktop.core.db import Database
from desktop.core.models import (
    Contract,
    ContractKind,
    ContractLine,
    Document,
    DocumentSet,
    PaymentTerms,
    Periodicity,
    VatRegime,
)
from desktop.core.sending.compose import Outgoing
from desktop.core.sending.delivery import Outcome, record_dispatch

PERIOD = "2026-10"
START, END = dt.date(2026, 10, 1), dt.date(2026, 10, 31)


def pick_contract(database: Database, *, vat: bool, documents: DocumentSet) -> int:
    """A fixed monthly post-payment contract in force all of October, without agreements, of a VAT
    payer (or of an entity without VAT), with the given package."""
    with database.transaction() as session:
        for contract in session.scalars(
            select(Contract)
            .where(
                Contract.kind == ContractKind.FIXED,
                Contract.periodicity == Periodicity.MONTH,
                Contract.status == "active",
                Contract.valid_from <= START,
            )
            .order_by(Contract.id)
        ):
            if (contract.valid_to is not None and contract.valid_to < END) or contract.agreements:
                continue
            if (entity_regime_on(contract.own_entity, END) != VatRegime.NO_VAT) != vat:
                continue
            if not contract.lines:
                continue
            contract.documents = documents
            contract.payment_terms = PaymentTerms.POSTPAY
            return contract.id
    raise AssertionError("no such contract in the demo")


def close(
    database: Database, contract_id: int | None, out: Path, *, pdf: bool = True
) -> closing.ClosingResult:
    """Close October for this contract (None: every contract) with its files, as the closing tab does."""
    with database.session() as session:
        plan = closing.plan(session, PERIOD, contract_ids=None if contract_id is None else [contract_id])
    writer = FileWriter(database, out, pdf=pdf)
    try:
        result = closing.execute(database, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    return result


def send(database: Database, contract_id: int) -> None:
    """Record the October package of the contract as sent by e-mail (what the send step records)."""
    with database.session() as session:
        documents = list(
            session.scalars(
                select(Document).where(
                    Document.contract_id == contract_id, Document.period == PERIOD, Document.current.is_(True)
                )
            )
        )
        party = documents[0].counterparty
        message = Outgoing(
            purpose="package",
            counterparty_id=party.id,
            client=party.short_name,
            inn=party.inn,
            period=PERIOD,
            recipients=["buh@client.example"],
            document_ids=[d.id for d in documents],
            subject=f"Документы за {PERIOD}",
        )
    record_dispatch(database, message, Outcome(message, "sent", reply="250 OK"), user="tester")


def first_line(database: Database, contract_id: int) -> tuple[int, Decimal, Decimal]:
    """(id, quantity, price) of the contract's first specification line."""
    with database.session() as session:
        line = session.scalars(
            select(ContractLine)
            .where(ContractLine.contract_id == contract_id)
            .order_by(ContractLine.position)
        ).first()
        assert line is not None
        return line.id, line.quantity, line.price


def agree_price(
    database: Database,
    contract_id: int,
    price: Decimal,
    *,
    number: str = "1",
    effective: dt.date = START,
    signed: dt.date = dt.date(2026, 11, 25),
) -> None:
    """A supplementary agreement setting the first line's price from ``effective``."""
    line_id, _quantity, _price = first_line(database, contract_id)
    save_agreement(
        database,
        contract_id,
        number,
        signed,
        effective,
        [ChangeInput("change", contract_line_id=line_id, price=price)],
        description="Изменение цены",
    )


def documents_of(database: Database, contract_id: int, kind: str) -> list[Document]:
    with database.session() as session:
        found = list(
            session.scalars(
                select(Document)
                .where(Document.contract_id == contract_id, Document.kind == kind)
                .order_by(Document.id)
            )
        )
        for document in found:
            _ = document.lines, document.basis
        return found
