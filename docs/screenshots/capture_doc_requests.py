"""Capture the document requests screenshots on a demo (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_doc_requests.py

Fills a fresh demo database (AKTDESK_HOME points at a temp folder), opens the main window, and
through its buttons saves:

- ``doc-request-form.png``: «Запросы документов → Новый запрос…» filled for a standard request
  (a new contract and its invoice), before it is sent;
- ``doc-request-ready.png``: the same request after «Отправить»: «Готово», its contract and invoice
  as DOCX and PDF, the history;
- ``doc-request-queue.png``: the accountants' queue with the demo's requests;
- ``notification-centre.png``: the notification centre after the sending.

It prints the PDF files made, for `pdftoppm`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox  # noqa: E402

from desktop.config import load_settings  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(HERE))
from capture import settle  # noqa: E402


def _choose(combo: QComboBox, index: int) -> None:
    combo.setCurrentIndex(index)


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    home = Path(os.environ["AKTDESK_HOME"])
    database = open_database(f"sqlite:///{home / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=60, seed=1)
    settings = load_settings()
    settings.output_dir = str(home / "Документы")
    QMessageBox.information = lambda *a, **k: QMessageBox.StandardButton.Ok  # type: ignore[method-assign]
    window = MainWindow(settings, database)
    window.resize(1360, 820)
    window.show()
    settle(app, 500)

    tab = window.doc_requests_tab
    window.tabs.setCurrentWidget(tab)
    settle(app, 300)
    card = tab.open_request(None)
    assert card is not None
    form = card.form
    _choose(form.region, 1)
    settle(app, 100)
    clients = [i for i in range(1, form.client.count()) if "ООО" in form.client.itemText(i)]
    _choose(form.client, clients[0] if clients else 1)
    form.wants["contract"].setChecked(True)
    form.wants["invoice"].setChecked(True)
    settle(app, 100)
    if form.template.currentIndex() <= 0 and form.template.count() > 1:
        _choose(form.template, 1)
    row = form.add_line()
    combo = form.lines.cellWidget(row, 0)
    assert isinstance(combo, QComboBox)
    _choose(combo, 1)
    form.lines.item(row, 2).setText(f"{Decimal('45000'):.2f}")  # type: ignore[union-attr]
    form.comment.setPlainText("Клиент ждёт договор и счёт сегодня")
    settle(app, 300)
    card.grab().save(str(HERE / "doc-request-form.png"))
    print("can be sent:", card.send_button.isEnabled(), "| missing:", form.missing.text())

    card.send_button.click()
    for _ in range(900):
        settle(app, 100)
        if card.task is not None and not card.task.running:
            break
    settle(app, 500)
    card.grab().save(str(HERE / "doc-request-ready.png"))
    for index in range(card.files.count()):
        path = card.files.item(index).data(Qt.ItemDataRole.UserRole)
        if str(path).endswith(".pdf"):
            print("pdf:", path)
    card.close()

    tab.view_combo.setCurrentIndex(tab.view_combo.findData("queue"))
    settle(app, 300)
    window.grab().save(str(HERE / "doc-request-queue.png"))

    window.notifications.click()
    settle(app, 500)
    for widget in app.topLevelWidgets():
        if (
            isinstance(widget, QDialog)
            and widget.objectName() == "notificationsDialog"
            and widget.isVisible()
        ):
            widget.grab().save(str(HERE / "notification-centre.png"))
            widget.close()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
