"""Capture the screenshots in this folder from the real window (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture.py

It fills a fresh demo database (AKTDESK_HOME points at a temp folder), opens the main window
and saves PNGs of what a user sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.config import load_settings  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402


def settle(app: QApplication, ms: int = 300) -> None:
    loop_end = QTimer()
    loop_end.setSingleShot(True)
    loop_end.start(ms)
    while loop_end.isActive():
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    database = open_database(f"sqlite:///{Path(os.environ['AKTDESK_HOME']) / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=200, seed=1)
    share = Path(os.environ["AKTDESK_HOME"]) / "share"
    share.mkdir(exist_ok=True)
    settings = load_settings()
    settings.share_root = str(share)
    settings.output_dir = str(Path(os.environ["AKTDESK_HOME"]) / "out")
    window = MainWindow(settings, database)
    window.resize(1360, 820)
    window.show()
    settle(app)
    window.tabs.setCurrentWidget(window.contracts_tab)
    window.contracts_tab.view.selectRow(3)
    settle(app)
    window.grab().save(str(HERE / "main-window.png"))
    for name in sys.argv[1:] or SHOTS:
        globals()[f"shot_{name}"](app, window)
    return 0


SHOTS = ("wizard", "contract_card", "closing", "registry")


def shot_wizard(app: QApplication, window: MainWindow) -> None:
    from sqlalchemy import select

    from desktop.core.models import Contract
    from desktop.ui.contracts.wizard import ContractWizard

    wizard = ContractWizard(window.database, window)
    wizard.show()
    with window.database.session() as session:
        old = session.scalar(
            select(Contract).where(Contract.kind == "fixed", Contract.status == "active").limit(1)
        )
    page = wizard.parties_page
    page.client.setCurrentIndex(page.client.findData(old.counterparty_id))
    page.based_on.setCurrentIndex(page.based_on.findData(old.id))
    page.copy_button.click()
    for _ in range(3):
        wizard.next()
    settle(app)
    wizard.grab().save(str(HERE / "contract-wizard.png"))
    wizard.back()
    wizard.back()
    wizard.template_page.number.setText(old.number)  # a taken number: Next is blocked with the reason
    settle(app)
    wizard.grab().save(str(HERE / "contract-wizard-blocked.png"))
    wizard.reject()


def shot_contract_card(app: QApplication, window: MainWindow) -> None:
    from sqlalchemy import select

    from desktop.core.models import Agreement
    from desktop.ui.contracts.card import ContractCard

    with window.database.session() as session:
        contract_id = session.scalar(select(Agreement.contract_id).limit(1))
    card = ContractCard(window.database, contract_id, window)
    card.show()
    settle(app)
    card.grab().save(str(HERE / "contract-card.png"))
    card.reject()


def shot_closing(app: QApplication, window: MainWindow) -> None:
    tab = window.closing_tab
    window.tabs.setCurrentWidget(tab)
    tab.period.setCurrentIndex(1)
    task = tab.preview()
    while task.running:
        app.processEvents()
    settle(app)
    tab.view.selectRow(2)
    settle(app)
    window.grab().save(str(HERE / "closing-preview.png"))
    task = tab.close_month()
    shot_taken = False
    while task.running:
        app.processEvents()
        if not shot_taken and tab.progress.maximum() // 3 < tab.progress.value() < tab.progress.maximum():
            window.grab().save(str(HERE / "closing-mid-run.png"))
            shot_taken = True
    settle(app, 2000)
    window.grab().save(str(HERE / "closing-summary.png"))


def shot_registry(app: QApplication, window: MainWindow) -> None:
    tab = window.registry_tab
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    tab.set_filter_dict({"kinds": ["act", "upd"], "signed": False})
    settle(app)
    window.grab().save(str(HERE / "registry-unsigned.png"))
    # A drop in progress: the hint says where the file will go.
    scan = Path(os.environ["AKTDESK_HOME"]) / "скан.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    tab.view.selectRow(1)
    tab._show_hover(tab.model.row_id(1), [scan])
    settle(app)
    window.grab().save(str(HERE / "registry-drop.png"))


if __name__ == "__main__":
    sys.exit(main())
