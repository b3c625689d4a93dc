"""The contract print form: DOCX and PDF made from the contract card, with or without stamp and facsimile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common.formats import format_date
from desktop.core.common.safe_names import safe_file_name
from desktop.core.documents.context import ContextOptions, contract_context
from desktop.core.documents.paths import entity_folder, party_folder
from desktop.core.documents.render import render_to_file
from desktop.core.errors import UserError
from desktop.core.models import Agreement, AgreementChange, Contract, ContractLine, OwnEntity, Service


@dataclass(frozen=True)
class PrintedContract:
    docx: Path
    pdf: Path | None


def load_for_print(session: Session, contract_id: int) -> Contract:
    contract = session.scalars(
        select(Contract)
        .where(Contract.id == contract_id)
        .options(
            selectinload(Contract.lines).selectinload(ContractLine.service).selectinload(Service.unit),
            selectinload(Contract.agreements)
            .selectinload(Agreement.changes)
            .selectinload(AgreementChange.service),
            selectinload(Contract.own_entity).selectinload(OwnEntity.bank_accounts),
            selectinload(Contract.own_entity).selectinload(OwnEntity.vat_history),
            selectinload(Contract.counterparty),
        )
    ).first()
    if contract is None:
        raise UserError(f"Договор #{contract_id} не найден.")
    return contract


def contract_path(out_dir: Path, contract: Contract, with_stamp: bool, ext: str) -> Path:
    """``<out>/Договоры/<Entity>/<Client INN>/Договор <number> от <date>[ с печатью].<ext>``."""
    stem = f"Договор {contract.number} от {format_date(contract.date)}" + (" с печатью" if with_stamp else "")
    return (
        Path(out_dir)
        / "Договоры"
        / entity_folder(contract.own_entity.short_name)
        / party_folder(contract.counterparty.short_name, contract.counterparty.inn)
        / safe_file_name(stem, ext)
    )


def print_contract(
    session: Session, contract_id: int, out_dir: Path, *, with_stamp: bool, pdf_converter: str | None = "auto"
) -> PrintedContract:
    """Render the contract form to DOCX (and PDF unless ``pdf_converter`` is None); files written atomically."""
    contract = load_for_print(session, contract_id)
    context = contract_context(contract, ContextOptions(with_stamp=with_stamp))
    docx = render_to_file("contract", context, contract_path(out_dir, contract, with_stamp, "docx"))
    if pdf_converter is None:
        return PrintedContract(docx, None)
    # deferred: the PDF backends (psutil, pypdfium2) load only when a PDF is made
    from desktop.core.documents.pdf import detect_backend

    pdf = docx.with_suffix(".pdf")
    with detect_backend(pdf_converter) as backend:
        backend.convert([docx], [pdf])
    return PrintedContract(docx, pdf)
