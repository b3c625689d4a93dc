"""Capture the payment-request screenshots (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_requests.py

Demo data, a few requests taken through the approval by the demo users (manager, approver,
accountant) with comments, then the tab «Заявки на оплату» and one request card with its history.
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
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.core.models import Counterparty, OwnEntity  # noqa: E402
from desktop.core.requests import attachments, validation, workflow  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.requests.card import RequestCard  # noqa: E402

sys.path.insert(0, str(HERE))
from capture import settle  # noqa: E402

TODAY = dt.date.today()
MANAGER, APPROVER, ACCOUNTANT = (
    "m.smirnov",
    "ruk.sidorov",
    "buh.ivanova",
)  # the head: stage 1 of the demo route
REQUESTS = (
    # subject, amount, VAT, days to pay, where it goes, comments
    (
        "за услуги связи по счёту № 45 от 02.11.2026",
        "12200.00",
        "22%",
        3,
        "approved",
        "Срочно: иначе отключат связь",
    ),
    ("за аренду офиса за декабрь 2026 по счёту № 1207", "183000.00", "22%", 7, "approval", ""),
    ("Ремонт кондиционеров по договору № 7 от 01.02.2026", "45500.00", "без НДС", 2, "paid", ""),
    ("за канцелярские товары по счёту № 889", "8430.50", "22%", 10, "draft", ""),
    ("за обучение бухгалтеров (семинар 1С)", "36000.00", "без НДС", 5, "rejected", "Не в этом квартале"),
    ("за лицензии ПО на 2027 год по счёту № 3051", "96600.00", "22%", 12, "approval", ""),
)


def fill(database: object) -> int:
    with database.transaction() as session:  # type: ignore[attr-defined]
        entity = session.scalars(select(OwnEntity).order_by(OwnEntity.id)).first()
        parties = list(
            session.scalars(
                select(Counterparty)
                .where(Counterparty.account.is_not(None), Counterparty.kind == "legal")
                .order_by(Counterparty.id)
                .limit(12)
            )
        )
        shown = 0
        for index, (subject, amount, vat, days, status, comment) in enumerate(REQUESTS):
            values = validation.RequestInput(
                own_entity_id=entity.id,
                subject=subject,
                counterparty_id=parties[index * 2].id,
                amount=Decimal(amount),
                vat_rate=vat,
                pay_by=TODAY + dt.timedelta(days=days),
            )
            request = workflow.create_request(session, values, login=MANAGER, today=TODAY)
            if index == 0:
                shown = request.id
            if status == "draft":
                continue
            workflow.submit(
                session, request.id, login=MANAGER, comment=comment if status == "approved" else ""
            )
            if status == "approval":
                continue
            if status == "rejected":
                workflow.reject(session, request.id, login=APPROVER, comment=comment)
                continue
            if index == 0:
                workflow.return_for_revision(
                    session, request.id, login=APPROVER, comment="Приложите счёт от оператора"
                )
                workflow.add_comment(session, request.id, "Счёт приложил, он пришёл по ЭДО", login=MANAGER)
                workflow.submit(session, request.id, login=MANAGER)
            workflow.approve(session, request.id, login=APPROVER, comment="Согласовано, оплатить до пятницы")
            if status == "paid":
                workflow.mark_paid(session, request.id, login=ACCOUNTANT, paid_on=TODAY)
        return shown


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    home = Path(os.environ["AKTDESK_HOME"])
    database = open_database(f"sqlite:///{home / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=40, seed=1)
    request_id = fill(database)
    settings = load_settings()
    settings.share_root = str(home / "share")
    (home / "share").mkdir(exist_ok=True)
    invoice = home / "Счёт 45 от 02.11.2026.pdf"
    invoice.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with database.transaction() as session:
        attachments.attach(session, settings.scan_store(), request_id, [invoice], "e_invoice", login=MANAGER)

    window = MainWindow(settings, database)
    window.resize(1360, 820)
    window.requests_tab.login = ACCOUNTANT
    window.requests_tab.today = TODAY
    window.requests_tab.apply_filters()
    window.tabs.setCurrentWidget(window.requests_tab)
    window.show()
    settle(app)
    window.grab().save(str(HERE / "requests-tab.png"))

    card = RequestCard(database, request_id, window, login=ACCOUNTANT, settings=settings, today=TODAY)
    card.resize(1240, 780)
    card.show()
    settle(app, 500)
    card.grab().save(str(HERE / "request-card.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
