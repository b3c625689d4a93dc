"""Signed scans of contracts: filed on the shared folder like the acts' scans, or queued in the outbox.

A contract's scan goes to ``<share>/Договоры/<Client>/<number> от <date>.<ext>`` (the pattern is
the setting ``contract_scan_pattern``), through the same store as the acts (``ScanStore``: checked
by content, copied atomically, SHA-256 verified, outbox when the share cannot take it). The
contract counts as signed (``Contract.scan_path``) only once a scan is safely on the share;
``SCAN_OWNER`` is how the store marks it so when a queued scan is filed later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import case, exists, select
from sqlalchemy.orm import Session

from desktop.core.common.events import acting_login, log_event
from desktop.core.common.safe_names import safe_file_name, safe_name
from desktop.core.doc_requests.follow import follow_contract
from desktop.core.documents.paths import party_folder
from desktop.core.models import Contract, Scan, ScanStatus
from desktop.core.scans.files import EXTENSIONS
from desktop.core.scans.store import (
    DEFAULT_CONTRACT_PATTERN,
    FILE_NAME_MAX,
    AttachResult,
    ScanOwner,
    ScanStore,
    top_folder,
)

# The states of the contracts registry's column (stable codes; the window translates them).
SIGNED, PENDING, NONE = "yes", "pending", "no"


def contract_scan_relative_path(
    contract: Contract, kind: str, pattern: str = DEFAULT_CONTRACT_PATTERN
) -> Path:
    """Where a contract's scan goes, relative to the share root."""
    party = contract.counterparty
    values = {
        "client": party_folder(party.short_name, party.inn),
        # «АС-2026/9» must not open a folder «9»: slashes of the number become dashes.
        "number": contract.number.replace("/", "-").replace("\\", "-"),
        "date": contract.date.strftime("%d.%m.%Y"),
        "year": f"{contract.date.year:04d}",
        "entity": contract.own_entity.short_name if contract.own_entity is not None else "",
    }
    parts = pattern.format(**values).replace("\\", "/").split("/")
    folders = [safe_name(p) for p in parts[:-1] if p.strip()]
    return Path(*folders, safe_file_name(parts[-1], EXTENSIONS[kind], FILE_NAME_MAX))


def plan(store: ScanStore, contract: Contract, path: Path) -> str:
    """What a drop of ``path`` onto ``contract`` will do (for the hover hint)."""
    return store.plan_drop(
        path, lambda scan: contract_scan_relative_path(contract, scan.kind, store.contract_pattern)
    )


def attach(
    session: Session, store: ScanStore, contract: Contract, files: Sequence[Path], *, user: str | None = None
) -> AttachResult:
    """File signed scans of one contract. All files are checked first: one bad file stops the drop."""
    user = acting_login(session, user)
    scans = store.check_files(files)
    known = set(session.scalars(select(Scan.sha256).where(Scan.contract_id == contract.id)))

    def link(row: Scan) -> None:
        row.contract_id = contract.id

    result, problem = store.store_files(
        session,
        scans,
        known,
        lambda scan: contract_scan_relative_path(contract, scan.kind, store.contract_pattern),
        link,
        user=user,
    )
    mark_signed(session, contract)
    log_event(
        session,
        "contract",
        contract.id,
        "scan",
        {"stored": result.stored, "pending": result.pending, "duplicates": result.duplicates},
        user=user,
    )
    return store.explain(
        result,
        problem,
        queued="Скан сохранён в локальную очередь ({outbox}) и будет отправлен на общую папку автоматически; договор станет подписанным после этого.",
        duplicate="Этот файл уже прикреплён к договору.",
    )


def mark_signed(session: Session, contract: Contract) -> None:
    """The contract's first scan on the share becomes its signed copy (a queued one does not count)."""
    if contract.scan_path:
        return
    first = session.scalar(
        select(Scan)
        .where(Scan.contract_id == contract.id, Scan.status == ScanStatus.STORED)
        .order_by(Scan.id)
        .limit(1)
    )
    if first is not None:
        contract.scan_path = first.path
        contract.scan_sha256 = first.sha256
        follow_contract(session, contract.id)  # a document request for it may close now


def _queued_scan_stored(session: Session, row: Scan, user: str | None) -> None:
    """A queued scan reached the share: the contract may now count as signed."""
    contract = session.get(Contract, row.contract_id)
    if contract is not None:
        mark_signed(session, contract)
        log_event(session, "contract", contract.id, "scan", {"stored": [row.path]}, user=user)


# How the scan store, which never imports this module, knows contracts' scans (scans/store.py).
SCAN_OWNER = ScanOwner(
    "contract",
    Scan.contract_id,
    folder=lambda store: top_folder(store.contract_pattern),
    on_stored=_queued_scan_stored,
)


def scan_state_expr() -> Any:
    """SQL: "yes" (a scan on the share), "pending" (only queued ones) or "no", per contract row."""
    stored = exists().where(Scan.contract_id == Contract.id, Scan.status == ScanStatus.STORED)
    pending = exists().where(Scan.contract_id == Contract.id, Scan.status == ScanStatus.PENDING)
    return case(
        (Contract.scan_path.is_not(None), SIGNED),
        (stored, SIGNED),
        (pending, PENDING),
        else_=NONE,
    )


def scan_states(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """id → "yes" / "pending" / "no" for the given contracts."""
    if not ids:
        return {}
    rows = session.execute(select(Contract.id, scan_state_expr()).where(Contract.id.in_(ids)))
    return {contract_id: state for contract_id, state in rows}


@dataclass(frozen=True)
class ContractScan:
    id: int
    original_name: str
    status: ScanStatus
    path: str | None  # relative to the share when stored
    outbox_path: str | None
    added_at: Any
    added_by: str
    last_error: str | None


def list_scans(session: Session, contract_id: int) -> list[ContractScan]:
    return [
        ContractScan(
            s.id, s.original_name, s.status, s.path, s.outbox_path, s.added_at, s.added_by, s.last_error
        )
        for s in session.scalars(select(Scan).where(Scan.contract_id == contract_id).order_by(Scan.id))
    ]
