"""The send and reminder dialogs against a real SMTP server on 127.0.0.1: progress, failures in red
with the server's reason, Retry, Cancel; the SMTP settings' test message; the entry points in the
closing and registry tabs."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.config import (
    Settings,
    SmtpSettings,
    default_sqlite_path,
    get_secret,
    load_settings,
    save_settings,
    settings_path,
)
from desktop.core.db import Database
from desktop.core.models import Counterparty, Dispatch, Document
from desktop.ui.sending.dialog import RemindDialog, SendDialog
from desktop.ui.sending.edo_dialog import EdoExportDialog
from desktop.ui.sending.log_dialog import DispatchLogDialog
from tests.factories import closed_month_file, copy_of
from tests.factories.smtp_server import SmtpServer, free_port
from tests.ui.user import (
    choose,
    clear_and_type,
    click,
    click_cell,
    error_dialogs,
    in_settings,
    open_tab,
    press,
    top_dialog,
)

PERIOD = "2026-10"


@pytest.fixture(scope="module")
def closed_month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return closed_month_file(
        tmp_path_factory.mktemp("closed_ui"),
        lambda client: f"buh{client.id}@client.test",
        period=PERIOD,
        today=dt.date(2026, 11, 22),
    )


@pytest.fixture
def db(closed_month: Path, tmp_path: Path) -> Iterator[Database]:
    with copy_of(closed_month, tmp_path) as database:
        yield database


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    smtp = SmtpServer().start()
    yield smtp
    smtp.recorder.gate = None
    smtp.stop()


def planned(qtbot: Any, dialog: Any) -> Any:
    """The dialog on screen plans its messages on a worker thread: wait for the list."""
    if not dialog.isVisible():
        dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=20000)
    return dialog


def clients_with_documents(db: Database) -> list[int]:
    with db.session() as session:
        return sorted(set(session.scalars(select(Document.counterparty_id).where(Document.period == PERIOD))))


def mail_settings(port: int) -> Settings:
    settings = load_settings()
    settings.smtp = SmtpSettings(
        host="127.0.0.1", port=port, security="none", sender="buh@aktdesk.test", sender_name="Бухгалтерия"
    )
    return settings


def test_send_dialog_sends_lists_a_refusal_in_red_and_retry_sends_it(
    qtbot: Any, russian: None, db: Database, server: SmtpServer
) -> None:
    ids = clients_with_documents(db)
    first, refused, *others = ids
    server.recorder.refuse[f"buh{refused}@client.test"] = "550 5.1.1 Mailbox unavailable"
    dialog = SendDialog(db, PERIOD, settings=mail_settings(server.port))
    qtbot.addWidget(dialog)
    dialog.show()
    planned(qtbot, dialog)
    clients = dialog.table.rowCount()
    assert clients == len(ids) >= 3 and dialog.windowTitle() == "Отправка документов клиентам — 2026-10"
    assert dialog.row_status(first)[0] == "к отправке" and ".pdf" in dialog.row_status(first)[1], (
        dialog.row_status(first)
    )
    assert dialog.send_button.isEnabled() and not dialog.retry_button.isEnabled()

    click(qtbot, dialog.send_button)
    assert dialog.cancel_button.isEnabled()  # the window stays live: the work is on a worker thread
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    assert dialog.row_status(refused) == (
        "ошибка",
        f"Сервер почты отклонил получателей: buh{refused}@client.test — 550 5.1.1 Mailbox unavailable.",
    )
    assert dialog.table.item(_row(dialog, refused), 3).foreground().color().name() == "#b00020"
    assert all(dialog.row_status(i)[0] == "отправлено" for i in [first, *others])
    assert "queued as TEST" in dialog.row_status(first)[1]
    assert dialog.progress.value() == dialog.progress.maximum() == clients
    assert dialog.status.text() == f"К отправке: 0   Отправлено: {clients - 1}   Ошибок: 1   Пропущено: 0"
    assert dialog.retry_button.isEnabled() and not dialog.send_button.isEnabled()
    dialog.grab().save(str(Path(settings_path()).parent / "sending.png"))

    server.recorder.refuse.clear()
    click(qtbot, dialog.retry_button)
    qtbot.waitUntil(lambda: dialog.row_status(refused)[0] == "отправлено", timeout=30000)
    assert [m.rcpt_tos for m in server.messages][-1] == [f"buh{refused}@client.test"]
    assert len(server.messages) == clients and not dialog.retry_button.isEnabled()
    with db.session() as session:
        statuses = sorted(d.status for d in session.scalars(select(Dispatch)))
    assert statuses == ["failed"] + ["sent"] * clients

    reopened = planned(qtbot, SendDialog(db, PERIOD, settings=mail_settings(server.port)))
    qtbot.addWidget(reopened)
    assert {reopened.row_status(i)[0] for i in ids} == {"пропущено"}  # nothing goes twice by accident
    assert not reopened.send_button.isEnabled()
    click(qtbot, reopened.resend)  # the explicit resend
    planned(qtbot, reopened)
    assert reopened.row_status(first)[0] == "к отправке" and reopened.send_button.isEnabled()


def _row(dialog: Any, counterparty_id: int) -> int:
    from PySide6.QtCore import Qt

    return next(
        r
        for r in range(dialog.table.rowCount())
        if dialog.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == counterparty_id
    )


def test_cancel_stops_after_the_message_being_sent(
    qtbot: Any, russian: None, db: Database, server: SmtpServer
) -> None:
    server.recorder.gate = threading.Event()
    dialog = planned(qtbot, SendDialog(db, PERIOD, settings=mail_settings(server.port)))
    qtbot.addWidget(dialog)
    click(qtbot, dialog.send_button)
    assert server.recorder.arrived.wait(20)  # the first message is at the server, held there
    click(qtbot, dialog.cancel_button)
    assert dialog.status.text() == "Отмена после текущего письма…"
    server.recorder.gate.set()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    assert dialog.report.cancelled and len(server.messages) == 1
    rows = dialog.table.rowCount()
    assert [dialog.table.item(r, 3).text() for r in range(rows)].count("отправлено") == 1
    assert dialog.send_button.isEnabled()  # the rest can still be sent


def test_a_server_that_is_down_is_named_on_every_row(qtbot: Any, russian: None, db: Database) -> None:
    port = free_port()
    dialog = planned(qtbot, SendDialog(db, PERIOD, settings=mail_settings(port)))
    qtbot.addWidget(dialog)
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    for client_id in clients_with_documents(db):
        status, details = dialog.row_status(client_id)
        assert status == "ошибка" and details.startswith(
            f"Сервер почты 127.0.0.1:{port} отказал в соединении"
        )
    assert dialog.retry_button.isEnabled()


def test_reminders_from_the_registry_go_to_the_clients_of_the_selected_unsigned_acts(
    qtbot: Any, russian: None, db: Database, server: SmtpServer
) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(mail_settings(server.port), db)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    tab = open_tab(qtbot, window.tabs, "Реестр актов")
    qtbot.waitUntil(lambda: not tab.model.busy and tab.model.rowCount() > 0, timeout=10000)
    with db.session() as session:
        acts = list(session.scalars(select(Document).where(Document.kind.in_(("act", "upd")))))
    # A client with one act to sign: once reminded of it, it has nothing new to be reminded of today.
    act = next(a for a in acts if [b.counterparty_id for b in acts].count(a.counterparty_id) == 1)
    client = act.counterparty_id
    row = tab.model.row_of(act.id)
    assert row is not None
    click_cell(qtbot, tab.view, row, 1)
    click(qtbot, tab.remind_button)  # «Напомнить клиентам…»
    dialog = planned(qtbot, top_dialog(RemindDialog))
    assert dialog.windowTitle() == "Напоминание клиентам о неподписанных актах"
    assert dialog.table.rowCount() == 1 and dialog.row_status(client)[0] == "к отправке"
    click(qtbot, dialog.attach_pdf)
    planned(qtbot, dialog)
    assert Path(act.pdf_path).name in dialog.row_status(client)[1]  # type: ignore[arg-type]
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    (received,) = server.messages
    assert received.rcpt_tos == [f"buh{client}@client.test"]
    assert f"№ {act.number}" in received.body() and list(received.attachments()) == [Path(act.pdf_path).name]  # type: ignore[arg-type]
    click(qtbot, dialog.close_button)

    qtbot.mouseClick(
        tab.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        tab.view.visualRect(tab.model.index(row, 1)).center(),
    )
    assert tab.view.selected_ids() == []  # Ctrl+click: nothing selected
    click(qtbot, tab.remind_button)
    everything = planned(qtbot, top_dialog(RemindDialog))  # every unsigned act of the filter
    assert everything.table.rowCount() == len(clients_with_documents(db))
    assert everything.row_status(client)[0] == "пропущено"  # reminded today already


def test_settings_test_message_names_the_problem_and_the_password_goes_to_the_keyring(
    qtbot: Any, main_window: Any, server: SmtpServer, memory_keyring: Any
) -> None:
    default_sqlite_path().parent.mkdir(parents=True, exist_ok=True)

    def mail(dialog: Any) -> None:
        assert dialog.smtp_test_button.text() == "Отправить тестовое письмо"
        clear_and_type(qtbot, dialog.smtp_host, "127.0.0.1")
        clear_and_type(qtbot, dialog.smtp_port, str(free_port()))
        choose(qtbot, dialog.smtp_security, data="none")
        clear_and_type(qtbot, dialog.smtp_sender, "buh@aktdesk.test")
        click(qtbot, dialog.smtp_test_button)
        qtbot.waitUntil(lambda: dialog.smtp_test_button.isEnabled(), timeout=20000)
        assert "отказал в соединении" in dialog.smtp_test_result.text()

        clear_and_type(qtbot, dialog.smtp_port, str(server.port))
        click(qtbot, dialog.smtp_test_button)
        qtbot.waitUntil(lambda: dialog.smtp_test_button.isEnabled(), timeout=20000)
        assert dialog.smtp_test_result.text().startswith("Отправлено на buh@aktdesk.test. Ответ сервера: 250")
        assert server.messages[0].rcpt_tos == ["buh@aktdesk.test"]

        clear_and_type(qtbot, dialog.smtp_login, "buh@aktdesk.test")
        clear_and_type(qtbot, dialog.smtp_password, "почта-Секрет")

    [dialog] = in_settings(qtbot, main_window, mail)
    assert dialog.result_settings is not None, dialog.error.text()
    saved = settings_path().read_text(encoding="utf-8")
    assert '"host": "127.0.0.1"' in saved and "почта-Секрет" not in saved
    smtp = load_settings().smtp
    assert (smtp.port, smtp.security, smtp.login) == (server.port, "none", "buh@aktdesk.test")
    assert get_secret(smtp.keyring_user()) == "почта-Секрет"
    assert main_window.settings.smtp.port == server.port  # the window works with the new settings


def test_an_internal_server_with_a_self_signed_certificate_is_trusted_only_when_told(
    qtbot: Any, main_window: Any, memory_keyring: Any, tmp_path: Path
) -> None:
    from tests.factories.smtp_server import self_signed_context

    starttls = SmtpServer(starttls=self_signed_context(tmp_path)).start()
    try:
        default_sqlite_path().parent.mkdir(parents=True, exist_ok=True)

        def mail(dialog: Any) -> None:
            assert dialog.smtp_verify_tls.isChecked() and dialog.smtp_timeout.value() == 30
            assert dialog.smtp_verify_tls.text() == "Проверять сертификат сервера"
            clear_and_type(qtbot, dialog.smtp_host, "127.0.0.1")
            clear_and_type(qtbot, dialog.smtp_port, str(starttls.port))
            clear_and_type(qtbot, dialog.smtp_sender, "buh@aktdesk.test")
            click(qtbot, dialog.smtp_test_button)
            qtbot.waitUntil(lambda: dialog.smtp_test_button.isEnabled(), timeout=20000)
            assert "сертификат сервера не прошёл проверку" in dialog.smtp_test_result.text()
            assert starttls.messages == []

            click(qtbot, dialog.smtp_verify_tls)  # untick «Проверять сертификат сервера»
            assert not dialog.smtp_verify_tls.isChecked()
            clear_and_type(qtbot, dialog.smtp_timeout, "12")
            click(qtbot, dialog.smtp_test_button)
            qtbot.waitUntil(lambda: dialog.smtp_test_button.isEnabled(), timeout=20000)
            assert dialog.smtp_test_result.text().startswith("Отправлено на buh@aktdesk.test"), (
                dialog.smtp_test_result.text()
            )

        [dialog] = in_settings(qtbot, main_window, mail)
        assert dialog.result_settings is not None, dialog.error.text()
        settings = load_settings()
        assert (settings.smtp.verify_tls, settings.smtp.timeout) == (False, 12)
        config = settings.smtp_config()
        assert (config.verify_tls, config.timeout) == (False, 12.0)  # what sending uses
    finally:
        starttls.stop()


def test_the_closing_tab_offers_sending_after_a_run(
    qtbot: Any, russian: None, tmp_path: Path, server: SmtpServer
) -> None:
    """Предпросмотр, Закрыть месяц, then «Отправить клиентам…» opens the sending of that period."""
    from desktop.core.db import open_database
    from desktop.core.demo.data import fill_demo
    from desktop.ui.closing.tab import ClosingTab
    from desktop.ui.main_window import MainWindow

    database = open_database(f"sqlite:///{tmp_path / 'month.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=3, seed=5, today=dt.date(2026, 11, 22))
        for client in session.scalars(select(Counterparty)):
            client.emails = f"buh{client.id}@client.test"
    settings = mail_settings(server.port)
    settings.output_dir = str(tmp_path / "out")
    save_settings(settings)
    window = MainWindow(load_settings(), database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tab = open_tab(qtbot, window.tabs, "Закрытие месяца")
    assert isinstance(tab, ClosingTab)
    choose(qtbot, tab.period, data=PERIOD)
    assert not tab.send_button.isEnabled() and tab.send_button.text() == "Отправить &клиентам…"
    with error_dialogs() as errors:
        click(qtbot, tab.preview_button)
        qtbot.waitUntil(lambda: bool(errors) or tab.close_button.isEnabled(), timeout=30000)
        click(qtbot, tab.close_button)
        qtbot.waitUntil(lambda: bool(errors) or tab.send_button.isEnabled(), timeout=180000)
    assert errors == []
    click(qtbot, tab.send_button)
    dialog = planned(qtbot, top_dialog(SendDialog))
    assert dialog.period == PERIOD and dialog.table.rowCount() == len(clients_with_documents(database)) > 0
    assert dialog.send_button.isEnabled()
    qtbot.waitUntil(lambda: tab.task is None or not tab.task.running, timeout=20000)
    database.dispose()


def test_the_sending_log_lists_each_message_with_the_answer_or_the_error(
    qtbot: Any, russian: None, db: Database, server: SmtpServer
) -> None:
    refused = clients_with_documents(db)[1]
    server.recorder.refuse[f"buh{refused}@client.test"] = "550 5.1.1 Mailbox unavailable"
    dialog = planned(qtbot, SendDialog(db, PERIOD, settings=mail_settings(server.port)))
    qtbot.addWidget(dialog)
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    click(qtbot, dialog.log_button)
    log = top_dialog(DispatchLogDialog)
    assert log.windowTitle() == "Журнал отправки" and log.table.rowCount() == len(clients_with_documents(db))
    texts = {
        log.table.item(r, 4).text(): [log.table.item(r, c).text() for c in range(log.table.columnCount())]
        for r in range(log.table.rowCount())
    }
    with db.session() as session:
        name = session.get(Counterparty, refused).short_name  # type: ignore[union-attr]
    row = texts[name]
    assert row[2:4] == ["e-mail", "пакет документов 2026-10"] and row[5] == f"buh{refused}@client.test"
    assert row[8] == "ошибка" and "550 5.1.1 Mailbox unavailable" in row[9]
    assert all(r[8] == "отправлено" and r[9].startswith("250") for n, r in texts.items() if n != name)
    click(qtbot, log.failed_only)
    assert log.table.rowCount() == 1 and log.table.item(0, 4).text() == name


def test_edo_export_from_the_send_dialog_as_files_or_zips_marked_sent_only_when_asked(
    qtbot: Any, russian: None, db: Database, tmp_path: Path
) -> None:
    import zipfile

    from desktop.core.registry.queries import RegistryFilter, filtered_ids

    dialog = planned(qtbot, SendDialog(db, PERIOD, settings=mail_settings(free_port())))
    qtbot.addWidget(dialog)
    assert dialog.edo_button.text() == "Выгрузить УПД для ЭДО…"
    with db.session() as session:
        upds = list(
            session.scalars(select(Document).where(Document.kind == "upd", Document.period == PERIOD))
        )
    assert upds

    # XML files into a folder, not marked: nothing in the registry says "sent by EDO".
    click(qtbot, dialog.edo_button)
    options = top_dialog(EdoExportDialog)
    assert options.as_zip.isChecked() and options.mark_sent.isChecked()  # the usual upload
    assert options.chosen_folder().parts[-2:] == ("ЭДО", PERIOD)
    clear_and_type(qtbot, options.folder, str(tmp_path / "xml"))
    click(qtbot, options.as_files)
    click(qtbot, options.mark_sent)  # unticked
    assert options.as_files.isChecked() and not options.mark_sent.isChecked()
    press(qtbot, options.buttons, options.buttons.StandardButton.Ok)
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.running, timeout=20000)
    names = sorted(p.name for p in (tmp_path / "xml").rglob("*.xml"))
    assert names == sorted(f"{etree.parse(u.xml_path).getroot().get('ИдФайл')}.xml" for u in upds)  # type: ignore[arg-type]
    assert f"Выгружено файлов УПД: {len(upds)}" in dialog.edo_message.text()
    dialog.edo_message.close()
    with db.session() as session:
        assert filtered_ids(session, RegistryFilter(kinds=["upd"], sent=True)) == []

    # The usual way: a ZIP per client, marked as sent by EDO.
    click(qtbot, dialog.edo_button)
    options = top_dialog(EdoExportDialog)
    clear_and_type(qtbot, options.folder, str(tmp_path / "zip"))
    press(qtbot, options.buttons, options.buttons.StandardButton.Ok)
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.running, timeout=20000)
    archives = sorted((tmp_path / "zip").rglob("*.zip"))
    assert archives and sum(len(zipfile.ZipFile(a).namelist()) for a in archives) == len(upds)
    with db.session() as session:
        assert set(filtered_ids(session, RegistryFilter(kinds=["upd"], sent=True))) == {u.id for u in upds}
    dialog.edo_message.close()


def test_the_edo_export_needs_a_folder(qtbot: Any, russian: None, tmp_path: Path) -> None:
    from desktop.ui.sending.edo_dialog import EdoExportDialog

    options = EdoExportDialog(tmp_path)
    qtbot.addWidget(options)
    ok = options.buttons.button(options.buttons.StandardButton.Ok)
    assert ok.text() == "Выгрузить" and ok.isEnabled()
    clear_and_type(qtbot, options.folder, "  ")
    assert not ok.isEnabled()
