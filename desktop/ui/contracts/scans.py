"""Signed contract scans from the window: the copy to the share runs on a worker thread.

Used by the contracts tab (a drop on a row, the button) and by the contract card (a drop on the
card, its button), so both file scans the same way and tell the user the same things.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.contracts import operations as contract_operations
from desktop.core.contracts import scans as contract_scans
from desktop.core.db import Database
from desktop.core.models import ScanStatus
from desktop.core.scans.store import AttachResult, ScanStore
from desktop.ui.common import changes
from desktop.ui.common.changes import notify_changed
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.tasks import Task, run_task

# Listed for lupdate, which does not see the texts passed to _t().
TEXTS = (
    QT_TRANSLATE_NOOP("ContractScans", "Attach signed contract scan"),
    QT_TRANSLATE_NOOP("ContractScans", "Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"),
    QT_TRANSLATE_NOOP("ContractScans", "Signed contract scan"),
    QT_TRANSLATE_NOOP("ContractScans", "Copying the scan to the shared folder"),
    QT_TRANSLATE_NOOP("ContractScans", " and %1 more file(s)"),
    QT_TRANSLATE_NOOP("ContractScans", "Drop on contract № %1%2: "),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("ContractScans", text)


def choose_files(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent,
        _t("Attach signed contract scan"),
        "",
        _t("Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"),
    )
    return [Path(p) for p in paths]


def attach_files(
    parent: QWidget,
    database: Database,
    store: ScanStore,
    contract_id: int,
    files: list[Path],
    on_done: Callable[[AttachResult], None],
) -> Task:
    """Check and file ``files`` as the contract's signed scans; the user is told what happened."""

    def job(progress: Any, cancel: Any) -> AttachResult:
        progress(0, len(files), files[0].name if files else "")
        result = contract_operations.attach_contract_scans(database, store, contract_id, files)
        progress(len(files), len(files), "")
        return result

    def done(result: AttachResult) -> None:
        notify_changed(parent, changes.CONTRACTS)
        on_done(result)
        if result.message:
            (QMessageBox.warning if result.pending else QMessageBox.information)(
                parent, _t("Signed contract scan"), result.message
            )

    return run_task(parent, job, title=_t("Copying the scan to the shared folder"), on_success=done)


def drop_hint(database: Database, store: ScanStore, contract_id: int, files: list[Path]) -> str:
    """What dropping ``files`` on the contract will do, for the hint shown while they hover."""
    found = contract_operations.contract_drop_plan(database, store, contract_id, files[0])
    if found is None:
        return ""
    number, plan = found.number, found.plan
    more = _t(" and %1 more file(s)").replace("%1", str(len(files) - 1)) if len(files) > 1 else ""
    return _t("Drop on contract № %1%2: ").replace("%1", number).replace("%2", more) + plan


def scan_file(store: ScanStore, scan: contract_scans.ContractScan) -> Path | None:
    """The file of a scan: on the share, or in the outbox while it waits (None when it is gone)."""
    if scan.status == ScanStatus.STORED and scan.path and store.share_root is not None:
        path = Path(store.share_root) / scan.path
    elif scan.outbox_path:
        path = Path(scan.outbox_path)
    else:
        return None
    return path if path.is_file() else None


def open_scan(store: ScanStore, scan: contract_scans.ContractScan) -> bool:
    """Open a scan in the system viewer."""
    path = scan_file(store, scan)
    return path is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
