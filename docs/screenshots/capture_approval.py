"""Capture the approval-route screenshots (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_approval.py

Fills a fresh demo database (AKTDESK_HOME points at a temp folder) and saves:

- ``request_second_step.png``: the demo's office-rent request on the second step of its route
  (approved by the head of department, waiting for the financial director), its card opened as
  the financial director: the status «этап 2 из 2», the route with the waiting stage highlighted,
  the budget item's month figures;
- ``approval_routes.png``: «Справочники → Маршруты согласования» of the first own entity with the
  preview of a 150 000 ₽ request.
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
from sqlalchemy import select  # noqa: E402

from desktop.config import load_settings  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.core.models import PaymentRequest  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.budget.routes_dialog import ApprovalRoutesDialog  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.requests.card import RequestCard  # noqa: E402

sys.path.insert(0, str(HERE))
from capture import settle  # noqa: E402

FINANCIAL_DIRECTOR = "fin.director"


def second_step_request(database: object) -> int:
    """The demo's request waiting for its second stage (the financial director)."""
    with database.session() as session:  # type: ignore[attr-defined]
        for request in session.scalars(select(PaymentRequest).where(PaymentRequest.status == "approval")):
            if any(s.stage == 2 and s.decision is None for s in request.steps) and all(
                s.decision is not None for s in request.steps if s.stage == 1
            ):
                return int(request.id)
    raise SystemExit("the demo has no request on its second step")


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    home = Path(os.environ["AKTDESK_HOME"])
    database = open_database(f"sqlite:///{home / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=40, seed=1)
    settings = load_settings()
    window = MainWindow(settings, database)
    window.resize(1360, 820)
    window.tabs.setCurrentWidget(window.requests_tab)
    window.show()
    settle(app)

    request_id = second_step_request(database)
    card = RequestCard(
        database, request_id, window, login=FINANCIAL_DIRECTOR, settings=settings, today=dt.date.today()
    )
    card.resize(1240, 800)
    card.show()
    settle(app, 500)
    card.grab().save(str(HERE / "request_second_step.png"))
    card.close()

    routes = ApprovalRoutesDialog(database, window)
    routes.show()
    routes.preview_amount.setText("150 000")
    settle(app, 300)
    routes.grab().save(str(HERE / "approval_routes.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
