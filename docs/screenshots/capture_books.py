"""Capture the books screenshots from a demo with a past, as `aktdesk --demo` makes it (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_books.py

Fills a fresh demo database (AKTDESK_HOME points at a temp folder), gives it its past (the last two
months closed with their PDFs, the statement matched, the overdue advance счета-фактуры issued), opens
the main window and, through its menus, saves:

- ``books-advances.png``: «Бухгалтерия → Авансы…» on the demo;
- ``books-sales-ledger.png``: «Бухгалтерия → Книга продаж…» for the quarter of the last closed month,
  built, with its check;
- ``registry-vat-invoices.png``: the registry with the kind «Счета-фактуры».

It prints the PDF of the first separate and the first advance счёт-фактура, for `pdftoppm`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.config import load_settings  # noqa: E402
from desktop.core.common.periods import last_periods  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.core.demo.history import add_demo_history  # noqa: E402
from desktop.core.models import Document, DocumentKind  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(HERE))
from capture import settle  # noqa: E402


def _dialog(app: QApplication, name: str) -> QDialog:
    for widget in app.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.objectName() == name and widget.isVisible():
            return widget
    raise SystemExit(f"no open dialog {name}")


def _wait(app: QApplication, done: object, rounds: int = 600) -> None:
    for _ in range(rounds):
        if done():  # type: ignore[operator]
            return
        settle(app, 100)
    raise SystemExit("the dialog did not finish its work")


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    home = Path(os.environ["AKTDESK_HOME"])
    database = open_database(f"sqlite:///{home / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=60, seed=1)
    add_demo_history(database, home / "Документы", pdf=True)
    settings = load_settings()
    window = MainWindow(settings, database)
    window.resize(1360, 820)
    window.show()
    settle(app, 500)

    window.advances_action.trigger()
    advances = _dialog(app, "advancesDialog")
    advances.resize(1300, 600)
    settle(app, 800)
    advances.grab().save(str(HERE / "books-advances.png"))
    advances.close()

    last = last_periods(dt.date.today(), 2)[0]
    year, month = (int(x) for x in last.split("-"))
    window.sales_ledger_action.trigger()
    ledger = _dialog(app, "salesLedgerDialog")
    ledger.resize(1360, 760)
    ledger.year.setValue(year)  # type: ignore[attr-defined]
    ledger.quarter.setCurrentIndex((month - 1) // 3)  # type: ignore[attr-defined]
    ledger.build_button.click()  # type: ignore[attr-defined]
    _wait(app, lambda: ledger.table.rowCount() > 0)  # type: ignore[attr-defined]
    settle(app, 800)
    ledger.grab().save(str(HERE / "books-sales-ledger.png"))
    ledger.close()

    tab = window.registry_tab
    window.tabs.setCurrentWidget(tab)
    tab.kind.setCurrentIndex(tab.kind.findText("Счета-фактуры"))
    settle(app, 1500)
    window.grab().save(str(HERE / "registry-vat-invoices.png"))

    with database.session() as session:
        for kind in (DocumentKind.SF, DocumentKind.ADVANCE_SF):
            doc = session.scalars(
                select(Document)
                .where(Document.kind == kind, Document.pdf_path.is_not(None))
                .order_by(Document.id)
            ).first()
            print(f"{kind.value}: {doc.pdf_path if doc else '—'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
