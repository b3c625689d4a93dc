"""Issue 17 walked through on a real PostgreSQL with real logins (run under Xvfb):

    AKTDESK_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_identity.py

``AKTDESK_PG_URL`` is a login that may create databases and roles (it becomes the schema's owner).
A fresh database ``aktdesk_walk_…`` is migrated and filled with the demo by the owner; every demo
user gets a login of their own through the program's user function (``save_user_card``, as
«Пользователи и роли» does); then, each as their own connection:

1. the manager tries psql ``UPDATE payment_requests SET status = 'approved'`` (refused by
   PostgreSQL) and the window's status bar shows who he is: ``identity-manager.png``;
2. the financial director's «Ждут моего согласования» and the card of the request on the second
   step of its route: ``identity-second-step.png``; he approves it by the card's button;
3. the accountant's «Справка → Журнал изменений» filtered to payment requests:
   ``audit-log.png`` (the approval with the director's login and the server's time).

The database and the logins are dropped at the end. What each step saw is printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-identity-"))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import create_engine, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desktop.config import load_settings  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.core.models import PaymentRequest, User  # noqa: E402
from desktop.core.requests.permissions import Action  # noqa: E402
from desktop.core.users.accounts import as_input  # noqa: E402
from desktop.core.users.operations import save_user_card  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.requests.card import RequestCard  # noqa: E402

sys.path.insert(0, str(HERE))
from capture import settle  # noqa: E402

MANAGER, FINANCIAL_DIRECTOR, ACCOUNTANT = "m.smirnov", "fin.director", "buh.ivanova"
PASSWORD = "Пароль-2026"


def second_step_request(database: object) -> int:
    with database.session() as session:  # type: ignore[attr-defined]
        for request in session.scalars(select(PaymentRequest).where(PaymentRequest.status == "approval")):
            if any(s.stage == 2 and s.decision is None for s in request.steps) and all(
                s.decision is not None for s in request.steps if s.stage == 1
            ):
                return int(request.id)
    raise SystemExit("the demo has no request on its second step")


def main() -> int:
    admin = make_url(
        os.environ.get("AKTDESK_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    )
    name = f"aktdesk_walk_{uuid.uuid4().hex[:8]}"
    server = create_engine(admin, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.set(database=name)
    logins: list[str] = []
    try:
        owner = open_database(url)
        with owner.transaction() as session:
            fill_demo(session, clients=30, seed=1)
        with owner.session() as session:
            people = [u for u in session.scalars(select(User)) if u.login != owner.login and "." in u.login]
        for user in people:
            values = as_input(user)
            values.password = PASSWORD
            save_user_card(owner, values, user.id)
            logins.append(user.login)
        print(f"logins made by the program: {', '.join(logins)}")
        return walk(url, second_step_request(owner))
    finally:
        with server.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": name}
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            for login in logins:
                conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        server.dispose()


def as_person(url: object, login: str) -> object:
    return open_database(url.set(username=login, password=PASSWORD))  # type: ignore[attr-defined]


def walk(url: object, request_id: int) -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    settings = load_settings()

    refused = subprocess.run(
        ["psql", "-X", "-h", url.host, "-U", MANAGER, "-d", url.database, "-v", "VERBOSITY=verbose",  # type: ignore[attr-defined]
         "-c", f"UPDATE payment_requests SET status = 'approved' WHERE id = {request_id}"],
        capture_output=True, text=True, env={**os.environ, "PGPASSWORD": PASSWORD}, check=False,
    )  # fmt: skip
    print(f"1. psql as {MANAGER}: exit {refused.returncode}: {refused.stderr.strip().splitlines()[0]}")

    manager = as_person(url, MANAGER)
    window = MainWindow(settings, manager)
    window.resize(1360, 820)
    window.tabs.setCurrentWidget(window.requests_tab)
    window.show()
    settle(app, 800)
    print(f"   status bar: {window.user_label.text()}")
    window.grab().save(str(HERE / "identity-manager.png"))
    window.close()
    manager.dispose()  # type: ignore[attr-defined]

    director = as_person(url, FINANCIAL_DIRECTOR)
    window = MainWindow(settings, director)
    window.resize(1360, 820)
    window.tabs.setCurrentWidget(window.requests_tab)
    window.show()
    settle(app, 500)
    card = RequestCard(director, request_id, window, settings=settings)
    card.resize(1240, 800)
    card.show()
    settle(app, 600)
    print(f"2. {FINANCIAL_DIRECTOR}'s card: {card.status_label.text()}")
    card.grab().save(str(HERE / "identity-second-step.png"))
    QTest.mouseClick(card.buttons[Action.APPROVE], Qt.MouseButton.LeftButton)
    settle(app, 600)
    print(f"   after «Согласовать»: {card.status_label.text()}")
    card.close()
    window.close()
    director.dispose()  # type: ignore[attr-defined]

    accountant = as_person(url, ACCOUNTANT)
    window = MainWindow(settings, accountant)
    window.resize(1360, 820)
    window.show()
    settle(app, 500)
    dialog = window.open_audit_log()
    settle(app, 500)
    assert dialog is not None
    kind = dialog.object
    kind.setCurrentIndex(kind.findText("Заявка на оплату"))
    settle(app, 800)
    dialog.resize(1300, 700)
    settle(app, 300)
    model = dialog.model
    print(f"3. audit log, payment requests: {model.rowCount()} rows; newest:")
    for row in range(min(3, model.rowCount())):
        print("   " + " | ".join(str(model.index(row, c).data()) for c in range(model.columnCount())))
    dialog.grab().save(str(HERE / "audit-log.png"))
    window.close()
    accountant.dispose()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
