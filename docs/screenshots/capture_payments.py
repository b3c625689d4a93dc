"""Capture the Payments tab with unallocated payments (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_payments.py

Demo data, October 2026 closed (documents in the database only), a bank statement in which some
clients name their invoices, some pay part, some pay without a number and one stranger pays;
then the tab after the statement was imported, a partly paid invoice selected.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.config import load_settings  # noqa: E402
from desktop.core.closing import plan as closing  # noqa: E402
from desktop.core.common.events import current_login  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.core.models import BankAccount, Contract, Counterparty, Document, User  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))
from capture import settle  # noqa: E402

from tests.factories.payments import Pay, statement, write_statement  # noqa: E402

TODAY = dt.date(2026, 11, 22)


def _quoted(name: str) -> str:
    return name.replace("«", '"').replace("»", '"')


def main() -> int:
    app = QApplication(sys.argv)
    translators = install_translators(app, "ru")  # kept: a dropped translator stops translating
    home = Path(os.environ["AKTDESK_HOME"])
    database = open_database(f"sqlite:///{home / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=80, seed=3, today=TODAY)
    with database.session() as session:
        plan = closing.plan(session, "2026-10")
    closing.execute(database, plan)

    with database.transaction() as session:
        entity_id = session.scalars(select(Document.own_entity_id).where(Document.kind == "invoice")).first()
        account = session.scalars(
            select(BankAccount.account).where(BankAccount.own_entity_id == entity_id)
        ).first()
        invoices = list(
            session.scalars(
                select(Document)
                .where(
                    Document.kind == "invoice",
                    Document.own_entity_id == entity_id,
                    Document.current.is_(True),
                )
                .order_by(Document.id)
            )
        )
        invoices.sort(key=lambda d: d.stage != "full")  # the first one is paid in full and closes its deal
        pays: list[Pay] = []
        for index, invoice in enumerate(invoices[:14]):
            client = session.get(Counterparty, invoice.counterparty_id)
            assert client is not None
            ref = f"№ {invoice.number} от {invoice.date:%d.%m.%Y}"
            kind = index % 4
            if kind == 0:
                amount, purpose = invoice.amount_total, f"Оплата по счету {ref} за услуги. В т.ч. НДС"
            elif kind == 1:
                amount, purpose = (
                    (invoice.amount_total / 2).quantize(Decimal("0.01")),
                    f"Частичная оплата сч. {ref}",
                )
            else:
                amount = invoice.amount_total + Decimal(150 * (index + 1))
                purpose = "Оплата за услуги по договору за октябрь 2026 г."
            pays.append(
                Pay(
                    str(300 + index),
                    "12.11.2026",
                    f"{amount:.2f}",
                    purpose,
                    client.inn,
                    client.account or "40702810000000000011",
                    _quoted(client.short_name),
                    own_account=account or "",
                )
            )
        pays.append(
            Pay(
                "77",
                "13.11.2026",
                "4500.00",
                "Оплата за ООО Василек по счету 9",
                "7728168971",
                "40702810500000099999",
                "ИП Сидоров П.П.",
                own_account=account or "",
            )
        )
        pays.append(
            Pay(
                "78",
                "13.11.2026",
                "25000.00",
                "Возврат займа по договору № 3-З",
                "7710140679",
                "40702810600000055555",
                'ООО "Склад-Сервис"',
                own_account=account or "",
            )
        )
        # one closed deal for the person at the keyboard, so the status bar has a notification
        me = session.scalars(select(User).where(User.login == current_login())).first()
        first = invoices[0]
        contract = session.get(Contract, first.contract_id)
        if me is not None and contract is not None:
            contract.manager_id = me.id
            for act in session.scalars(
                select(Document).where(
                    Document.contract_id == first.contract_id,
                    Document.period == first.period,
                    Document.kind.in_(("act", "upd")),
                )
            ):
                act.signed = True
    path = write_statement(home / "kl_to_1c.txt", statement(pays))

    settings = load_settings()
    window = MainWindow(settings, database)
    window.resize(1360, 860)
    window.show()
    window.tabs.setCurrentWidget(window.payments_tab)
    tab = window.payments_tab
    task = tab.import_files([path])
    assert task is not None
    while task.running:
        app.processEvents()
    settle(app, 500)
    tab.paid.setCurrentIndex(tab.paid.findData("partial"))
    settle(app)
    tab.view.selectRow(0)
    tab.splitter.setSizes([430, 330])
    settle(app, 500)
    window.grab().save(str(HERE / "payments-unallocated.png"))
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
