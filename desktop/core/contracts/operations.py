"""Operations of the contract screens (each takes a :class:`Database` and returns plain data or
detached rows): the registry's lazy table, a contract with everything its card shows, its scans,
the choices of the new-contract wizard, and the writes of the card and the wizard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common import numbering
from desktop.core.contracts import registry as contract_registry
from desktop.core.contracts import scans as contract_scans
from desktop.core.contracts import work_orders
from desktop.core.contracts.editing import (
    ChangeInput,
    ContractInput,
    ContractTemplate,
    add_agreement,
    create_contract,
    entity_pays_vat,
    format_contract_number,
    input_from_previous,
    step_errors,
    templates_for,
    update_contract,
)
from desktop.core.contracts.importing import (
    ImportResult,
    import_contracts,
    import_counterparties,
    import_work_orders,
)
from desktop.core.contracts.registry import ContractFilter

if TYPE_CHECKING:
    from desktop.core.contracts.printing import PrintedContract
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import Agreement, Contract, ContractLine, Counterparty, OwnEntity, Service, User
from desktop.core.scans.store import AttachResult, ScanStore

# --- the registry ------------------------------------------------------------------------


def contract_ids(
    database: Database, flt: ContractFilter, order_key: str = "number", descending: bool = False
) -> list[int]:
    with database.session() as session:
        return list(session.scalars(contract_registry.select_ids(flt, order_key, descending)))


def contract_rows(database: Database, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """id → (number, date, client, entity, kind, amount|None, status, scan state, valid_to, manager)."""
    with database.session() as session:
        states = contract_scans.scan_states(session, ids)
        return {
            k: (*v[:7], states.get(k, contract_scans.NONE), *v[7:9])
            for k, v in contract_registry.load_rows(session, ids).items()
        }


def export_contract_rows(database: Database, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    with database.session() as session:
        return contract_registry.export_rows(session, ids)


def get_contract(database: Database, contract_id: int) -> Contract | None:
    """A contract with its lines (and services), agreements, parties and manager (detached)."""
    with database.session() as session:
        return session.scalar(
            select(Contract)
            .where(Contract.id == contract_id)
            .options(
                selectinload(Contract.lines).selectinload(ContractLine.service),
                selectinload(Contract.agreements).selectinload(Agreement.changes),
                selectinload(Contract.counterparty),
                selectinload(Contract.own_entity).selectinload(OwnEntity.vat_history),
                selectinload(Contract.manager),
            )
        )


def sf_issued(contract: Contract, day: dt.date | None = None) -> bool:
    """Whether the contract's sales get a счёт-фактура (a separate one or a UPD status 1): the own
    entity pays VAT (on ``day``, today by default) and the buyer has not waived them. The
    contract comes from :func:`get_contract` (its entity's VAT regimes loaded)."""
    return entity_pays_vat(contract.own_entity, day or dt.date.today()) and not contract.sf_waived


def pays_vat(contract: Contract, day: dt.date | None = None) -> bool:
    """Whether the contract's own entity pays VAT on ``day`` (today by default); see :func:`sf_issued`."""
    return entity_pays_vat(contract.own_entity, day or dt.date.today())


def contract_scan_list(database: Database, contract_id: int) -> list[contract_scans.ContractScan]:
    with database.session() as session:
        return contract_scans.list_scans(session, contract_id)


# --- scans ----------------------------------------------------------------------------------


def attach_contract_scans(
    database: Database, store: ScanStore, contract_id: int, files: Sequence[Path]
) -> AttachResult:
    """File ``files`` as the contract's signed scans, in one transaction."""
    with database.transaction() as session:
        contract = session.get(Contract, contract_id)
        if contract is None:
            raise UserError("Договор не найден.")
        return contract_scans.attach(session, store, contract, files)


@dataclass(frozen=True)
class DropPlan:
    number: str  # of the contract
    plan: str  # what a drop will do, or why it cannot


def contract_drop_plan(database: Database, store: ScanStore, contract_id: int, path: Path) -> DropPlan | None:
    """What dropping ``path`` on the contract will do (None when the contract is gone)."""
    with database.session() as session:
        contract = session.get(Contract, contract_id)
        if contract is None:
            return None
        try:
            plan = contract_scans.plan(store, contract, path)
        except UserError as error:
            plan = error.message
        return DropPlan(contract.number, plan)


# --- writes of the card ---------------------------------------------------------------------


def set_contract_status(database: Database, contract_id: int, status: str) -> None:
    with database.transaction() as session:
        update_contract(session, contract_id, {"status": status})


def save_agreement(
    database: Database,
    contract_id: int,
    number: str,
    date: dt.date,
    effective: dt.date,
    changes: list[ChangeInput],
    *,
    description: str = "",
    ends_contract_on: dt.date | None = None,
) -> None:
    """A supplementary agreement of a contract (``add_agreement``), in one transaction."""
    with database.transaction() as session:
        add_agreement(
            session,
            contract_id,
            number,
            date,
            effective,
            changes,
            description=description,
            ends_contract_on=ends_contract_on,
        )


# --- the new-contract wizard ----------------------------------------------------------------


def allowed_entities(database: Database, login: str) -> list[OwnEntity]:
    """Active own entities of the user's region (all of them for a user without a region)."""
    with database.session() as session:
        user = session.scalar(select(User).where(User.login == login))
        stmt = select(OwnEntity).where(OwnEntity.is_active.is_(True)).order_by(OwnEntity.short_name)
        if user is not None and user.region:
            stmt = stmt.where(OwnEntity.region == user.region)
        return list(session.scalars(stmt))


def contracts_of_client(database: Database, counterparty_id: int) -> list[tuple[int, str, dt.date]]:
    """(id, number, date) of a client's contracts, the newest first."""
    with database.session() as session:
        return [
            (cid, number, date)
            for cid, number, date in session.execute(
                select(Contract.id, Contract.number, Contract.date)
                .where(Contract.counterparty_id == counterparty_id)
                .order_by(Contract.date.desc())
            )
        ]


def active_services(database: Database) -> list[tuple[int, str]]:
    """(id, name) of the active services by name."""
    with database.session() as session:
        return [
            (sid, name)
            for sid, name in session.execute(
                select(Service.id, Service.name).where(Service.is_active.is_(True)).order_by(Service.name)
            )
        ]


def entity_pays_vat_on(database: Database, own_entity_id: int, day: dt.date) -> bool:
    """Whether the own entity pays VAT on ``day``: the wizard then offers the buyer's waiver of
    счета-фактуры and names the «акт + счёт» package «Акт, счёт и счёт-фактура»."""
    with database.session() as session:
        entity = session.scalar(
            select(OwnEntity)
            .where(OwnEntity.id == own_entity_id)
            .options(selectinload(OwnEntity.vat_history))
        )
        return entity is not None and entity_pays_vat(entity, day)


def wizard_step_errors(database: Database, data: ContractInput, step: int) -> dict[str, str]:
    with database.session() as session:
        return step_errors(session, data, step)


def input_from_previous_contract(database: Database, previous_id: int, today: dt.date) -> ContractInput:
    """A new contract's input copied from a previous one, for the year after it (this year at least)."""
    with database.session() as session:
        old = session.get(Contract, previous_id)
        if old is None:
            raise UserError("Договор не найден.")
        year = max(today.year, old.date.year + 1)
        return input_from_previous(session, previous_id, year)


@dataclass(frozen=True)
class TemplateChoice:
    templates: list[ContractTemplate]
    next_number: str  # the number the pattern gives next


def template_choice(
    database: Database, own_entity_id: int | None, counterparty_id: int | None, year: int
) -> TemplateChoice | None:
    """The templates that fit an own entity and a client, and the next contract number of the year."""
    with database.session() as session:
        entity = session.get(OwnEntity, own_entity_id) if own_entity_id is not None else None
        party = session.get(Counterparty, counterparty_id) if counterparty_id is not None else None
        if entity is None or party is None:
            return None
        upcoming = numbering.peek(session, entity.id, "contract", year) + 1
        return TemplateChoice(
            templates_for(entity, party),
            format_contract_number(entity.contract_number_pattern, entity.doc_prefix, year, upcoming),
        )


def create_new_contract(database: Database, data: ContractInput) -> int:
    """Create the contract of the wizard; its id."""
    with database.transaction() as session:
        return create_contract(session, data).id


def print_contract_files(
    database: Database, contract_id: int, out: Path, *, with_stamp: bool, pdf_converter: str | None
) -> PrintedContract:
    """The contract's DOCX and PDF in ``out`` (``print_contract``)."""
    from desktop.core.contracts.printing import print_contract  # deferred: the DOCX renderer is heavy

    with database.session() as session:
        return print_contract(session, contract_id, out, with_stamp=with_stamp, pdf_converter=pdf_converter)


# --- work orders and imports ------------------------------------------------------------------


def period_work_orders(
    database: Database,
    period: str,
    contract_ids: Sequence[int] | None,
    own_entity_id: int | None,
    shown: int | None,
) -> tuple[list[work_orders.ContractChoice], list[work_orders.WorkOrderRow]]:
    """The contracts that take work orders in ``period`` and the orders of the ``shown`` one (of all
    of them when None)."""
    with database.session() as session:
        choices = work_orders.contract_choices(session, period, contract_ids, own_entity_id)
        ids = [shown] if shown else [c.id for c in choices]
        return choices, work_orders.load(session, period, ids)


def save_work_orders(
    database: Database, period: str, rows: Sequence[work_orders.WorkOrderRow], deleted_ids: Sequence[int]
) -> work_orders.SaveResult:
    with database.transaction() as session:
        return work_orders.save(session, period, rows, deleted_ids)


IMPORTERS: dict[str, Callable[[Session, Path], ImportResult]] = {
    "counterparties": import_counterparties,
    "contracts": import_contracts,
    "work_orders": import_work_orders,
}


def import_file(database: Database, what: str, path: Path, *, commit: bool) -> ImportResult:
    """Import counterparties, contracts or work orders from an Excel or CSV file; ``commit=False``
    is the preview: everything is checked and written, then rolled back."""
    importer = IMPORTERS[what]
    if commit:
        with database.transaction() as session:
            return importer(session, path)
    with database.write_sessions() as session:
        try:
            return importer(session, path)
        finally:
            session.rollback()
