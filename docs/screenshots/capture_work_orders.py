"""Capture the work orders editor and the contracts registry with its signed-scan column (under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_work_orders.py

Saves ``work-orders.png`` (a variable contract's October work orders, one cell wrong) and
``contracts-scans.png`` (the contracts tab after a signed scan was dropped on a row).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from desktop.config import Settings  # noqa: E402
from desktop.core.contracts import scans as contract_scans  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.core.models import Contract, WorkOrder  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402

sys.path.insert(0, str(HERE))
from capture import settle  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    home = Path(os.environ["AKTDESK_HOME"])
    database = open_database(f"sqlite:///{home / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=60, seed=1, today=dt.date(2026, 11, 22))
    share = home / "share"
    share.mkdir(exist_ok=True)
    settings = Settings(share_root=str(share))

    from desktop.ui.contracts.work_orders import COL, WorkOrdersDialog

    with database.session() as session:
        contract_id = session.scalar(
            select(WorkOrder.contract_id)
            .where(WorkOrder.date >= dt.date(2026, 10, 1), WorkOrder.date <= dt.date(2026, 10, 31))
            .group_by(WorkOrder.contract_id)
            .order_by(func.count(WorkOrder.id).desc(), WorkOrder.contract_id)
            .limit(1)
        )
    dialog = WorkOrdersDialog(database, "2026-10")
    dialog.contract_filter.setCurrentIndex(dialog.contract_filter.findData(contract_id))
    dialog.resize(1330, 520)
    dialog.show()
    row = dialog.add_row()
    dialog.table.item(row, COL["quantity"]).setText("-2")
    dialog.table.item(row, COL["performer"]).setText("Петров А.")
    dialog.table.item(row, COL["request_number"]).setText("З-501")
    dialog.table.clearSelection()
    settle(app)
    dialog.grab().save(str(HERE / "work-orders.png"))
    dialog.close()

    from desktop.ui.contracts.tab import ContractsTab

    with database.transaction() as session:
        pdf = home / "signed.pdf"
        pdf.write_bytes(b"%PDF-1.4\n% signed contract\n%%EOF\n")
        contracts = list(session.scalars(select(Contract).order_by(Contract.date.desc()).limit(4)))
        contract_scans.attach(session, settings.scan_store(), contracts[0], [pdf])
        store = settings.scan_store()
        store.share_root = home / "away"
        contract_scans.attach(session, store, contracts[2], [pdf])
    tab = ContractsTab(database, settings=settings)
    tab.resize(1360, 560)
    tab.show()
    while tab.model.busy:
        settle(app, 50)
    settle(app)
    tab.view.selectRow(0)
    tab.splitter.setSizes([1000, 360])
    tab.view.horizontalScrollBar().setValue(tab.view.horizontalScrollBar().maximum())
    settle(app)
    tab.grab().save(str(HERE / "contracts-scans.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
