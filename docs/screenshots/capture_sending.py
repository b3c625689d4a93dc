"""Capture ``sending.png``: the send dialog after a run (run under Xvfb):

    xvfb-run -a -s "-screen 0 1400x900x24" uv run python docs/screenshots/capture_sending.py

A fresh demo database (8 clients) is closed for October 2026 with PDFs, a local SMTP server
(aiosmtpd) takes the mail and refuses one client's address, and the dialog is captured with
the sent rows and the failure in red. Then ``mail-templates.png``: the mail template editor
with a misspelt name refused in red beside the sample letter.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("AKTDESK_HOME", tempfile.mkdtemp(prefix="aktdesk-shots-"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.config import SmtpSettings, load_settings  # noqa: E402
from desktop.core.closing import plan as closing  # noqa: E402
from desktop.core.closing.files import FileWriter  # noqa: E402
from desktop.core.db import open_database  # noqa: E402
from desktop.core.demo.data import fill_demo  # noqa: E402
from desktop.core.models import Counterparty  # noqa: E402
from desktop.ui.app import install_translators  # noqa: E402
from desktop.ui.sending.dialog import SendDialog  # noqa: E402
from tests.factories.smtp_server import SmtpServer  # noqa: E402

PERIOD = "2026-10"


def main() -> int:
    app = QApplication(sys.argv)
    install_translators(app, "ru")
    home = Path(os.environ["AKTDESK_HOME"])
    database = open_database(f"sqlite:///{home / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=8, seed=1, today=dt.date(2026, 11, 22))
    with database.session() as session:
        plan = closing.plan(session, PERIOD)
    writer = FileWriter(database, home / "out", pdf=True)
    try:
        result = closing.execute(database, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    server = SmtpServer().start()
    with database.session() as session:
        clients = list(session.scalars(select_clients()))
    refused = next(c for c in clients[2:] if len(c.email_list) == 1)
    address = refused.email_list[0]
    server.recorder.refuse[address] = f"550 5.1.1 <{address}>: Recipient address rejected"
    settings = load_settings()
    settings.smtp = SmtpSettings(
        host="127.0.0.1",
        port=server.port,
        security="none",
        sender="buh@aktservis.ru",
        sender_name="Бухгалтерия",
    )
    dialog = SendDialog(database, PERIOD, settings=settings)
    dialog.resize(1240, 560)
    dialog.show()
    while not dialog.ready:
        app.processEvents()
    dialog.send()
    while dialog.report is None:
        app.processEvents()
    for _ in range(10):
        app.processEvents()
    dialog.grab().save(str(HERE / "sending.png"))
    server.stop()

    # Справочники → Шаблоны писем with a misspelt name: refused in red, the sample stays.
    from desktop.ui.sending.templates_dialog import MailTemplatesDialog

    editor = MailTemplatesDialog(database)
    editor.resize(1180, 620)
    editor.show()
    text = editor.editor.toPlainText()
    editor.editor.setPlainText(text.replace("{{ client.name }}", "{{ client.nmae }}", 1))
    editor.try_it()
    for _ in range(10):
        app.processEvents()
    editor.grab().save(str(HERE / "mail-templates.png"))
    database.dispose()
    return 0


def select_clients():  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    return select(Counterparty).order_by(Counterparty.short_name)


if __name__ == "__main__":
    sys.exit(main())
