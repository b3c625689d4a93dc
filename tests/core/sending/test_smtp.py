"""The SMTP transport and its settings: each failure named (DNS, refused, TLS, login), the test message,
``AKTDESK_SMTP_URL`` and the password from the keyring; the log of a message on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.config import SmtpSettings, load_settings, save_settings, set_secret, settings_path
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.errors import ConfigError
from desktop.core.models import Dispatch, Document
from desktop.core.sending.delivery import send_messages, send_test_message
from desktop.core.sending.packages import plan_packages
from desktop.core.sending.transport import SendError, SmtpConfig
from tests.factories import first_contract, make_document
from tests.factories.smtp_server import SmtpServer, free_port, self_signed_context


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


def test_the_test_message_arrives_with_the_servers_answer(server: SmtpServer) -> None:
    config = SmtpConfig(host="127.0.0.1", port=server.port, security="none", sender="buh@aktdesk.test")
    reply = send_test_message(config, "me@aktdesk.test")
    assert reply == "250 2.0.0 Ok: queued as TEST0001"
    (received,) = server.messages
    assert received.rcpt_tos == ["me@aktdesk.test"] and received.mail_from == "buh@aktdesk.test"
    assert received.message["Subject"] == "AktDesk: проверка отправки почты"
    assert "настройки почты верны" in received.body()


@pytest.mark.parametrize(
    ("config", "kind", "text"),
    [
        (
            SmtpConfig(
                host="no-such-mail-server.invalid", port=25, security="none", sender="a@b.test", timeout=10
            ),
            "dns",
            "Сервер почты «no-such-mail-server.invalid» не найден (ошибка DNS)",
        ),
        (
            SmtpConfig(host="127.0.0.1", port=0, sender="a@b.test"),
            "config",
            "Неверный порт сервера почты: 0.",
        ),
        (SmtpConfig(host="127.0.0.1", security="none", sender=""), "config", "Не указан адрес отправителя"),
    ],
)
def test_failures_before_any_conversation_are_named(config: SmtpConfig, kind: str, text: str) -> None:
    with pytest.raises(SendError) as caught:
        send_test_message(config)
    assert caught.value.kind == kind and text in caught.value.message


def test_a_closed_port_is_refused_connection() -> None:
    port = free_port()
    with pytest.raises(SendError) as caught:
        send_test_message(SmtpConfig(host="127.0.0.1", port=port, security="none", sender="a@b.test"))
    assert caught.value.kind == "refused"
    assert caught.value.message.startswith(f"Сервер почты 127.0.0.1:{port} отказал в соединении")


def test_tls_mismatches_are_named(server: SmtpServer) -> None:
    ssl_on_plain = SmtpConfig(
        host="127.0.0.1", port=server.port, security="ssl", sender="a@b.test", timeout=10
    )
    with pytest.raises(SendError) as caught:
        send_test_message(ssl_on_plain)
    assert caught.value.kind == "tls"
    assert caught.value.message.startswith(f"Ошибка TLS при соединении с 127.0.0.1:{server.port}")
    assert "SSL/TLS" in caught.value.message

    starttls_unsupported = SmtpConfig(
        host="127.0.0.1", port=server.port, security="starttls", sender="a@b.test"
    )
    with pytest.raises(SendError) as caught:
        send_test_message(starttls_unsupported)
    assert caught.value.kind == "tls" and "не поддерживает STARTTLS" in caught.value.message
    assert not server.messages


def test_a_wrong_password_and_a_server_without_auth_are_named() -> None:
    server = SmtpServer(users={"buh": "secret"}).start()
    try:
        base = dict(
            host="127.0.0.1", port=server.port, security="none", sender="buh@aktdesk.test", login="buh"
        )
        with pytest.raises(SendError) as caught:
            send_test_message(SmtpConfig(**base, password="wrong"))  # type: ignore[arg-type]
        assert caught.value.kind == "auth"
        assert caught.value.message == (
            f"Сервер почты 127.0.0.1:{server.port} не принял логин «buh» и пароль: "
            "535 5.7.8 Authentication credentials invalid."
        )
        assert send_test_message(SmtpConfig(**base, password="secret")).startswith("250")  # type: ignore[arg-type]
    finally:
        server.stop()
    plain = SmtpServer().start()
    try:
        with pytest.raises(SendError, match="не предлагает авторизацию"):
            send_test_message(
                SmtpConfig(
                    host="127.0.0.1",
                    port=plain.port,
                    security="none",
                    sender="a@b.test",
                    login="x",
                    password="y",
                )
            )
    finally:
        plain.stop()


def test_smtp_settings_are_saved_without_the_password_and_the_url_overrides_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = load_settings()
    settings.smtp = SmtpSettings(host="mail.example.ru", port=465, security="ssl", login="buh@example.ru")
    save_settings(settings)
    set_secret(settings.smtp.keyring_user(), "s3cret")

    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["smtp"]["host"] == "mail.example.ru" and "s3cret" not in settings_path().read_text(
        encoding="utf-8"
    )
    config = load_settings().smtp_config()
    assert (config.host, config.port, config.security, config.password) == (
        "mail.example.ru",
        465,
        "ssl",
        "s3cret",
    )
    assert config.sender_address() == "buh@example.ru"

    monkeypatch.setenv(
        "AKTDESK_SMTP_URL", "smtp://robot%40example.ru@127.0.0.1:2525?security=none&from=robot@example.ru"
    )
    overridden = load_settings()
    config = overridden.smtp_config()
    assert (config.host, config.port, config.security, config.login) == (
        "127.0.0.1",
        2525,
        "none",
        "robot@example.ru",
    )
    assert config.password is None  # the password of that login is not in the keyring yet
    set_secret(overridden.effective_smtp().keyring_user(), "robot-pass")
    assert load_settings().smtp_config().password == "robot-pass"
    save_settings(overridden)
    assert json.loads(settings_path().read_text(encoding="utf-8"))["smtp"]["host"] == "mail.example.ru"

    monkeypatch.setenv("AKTDESK_SMTP_URL", "smtp://u:pw@host:25")
    with pytest.raises(ConfigError, match="не должен содержать пароль"):
        load_settings().smtp_config()
    monkeypatch.setenv("AKTDESK_SMTP_URL", "http://host")
    with pytest.raises(ConfigError, match="ожидается smtp://"):
        load_settings().smtp_config()


def test_each_message_is_logged_on_sqlite_and_postgresql(
    any_db: Database, server: SmtpServer, tmp_path: Path
) -> None:
    with any_db.transaction() as session:
        fill_demo(session, clients=2, seed=3)
        contract = first_contract(session)
        contract.counterparty.emails = "buh@client.test"
        act = make_document(session, contract, "act")
        invoice = make_document(session, contract, "invoice")
        for document, data in ((act, b"%PDF-1.4 act\n"), (invoice, b"%PDF-1.4 invoice\n")):
            path = tmp_path / f"{document.kind} {document.number}.pdf"
            path.write_bytes(data)
            document.pdf_path = str(path)
        client_id = contract.counterparty_id
    config = SmtpConfig(host="127.0.0.1", port=server.port, security="none", sender="buh@aktdesk.test")
    with any_db.session() as session:
        messages = plan_packages(session, "2026-10", counterparty_ids=[client_id])
    report = send_messages(any_db, messages, config, purpose="package", period="2026-10")
    assert len(report.sent) == 1
    assert sorted(server.messages[0].attachments()) == ["act 1.pdf", "invoice 1.pdf"]
    with any_db.session() as session:
        dispatch = session.scalars(select(Dispatch)).one()
        assert dispatch.counterparty_id == client_id and dispatch.status == "sent"
        assert sorted(d.document_id for d in dispatch.documents) == sorted([act.id, invoice.id])
        assert all(session.get(Document, i).sent_via == "email" for i in (act.id, invoice.id))  # type: ignore[union-attr]
        again = plan_packages(session, "2026-10", counterparty_ids=[client_id])
    assert again[0].already_sent is not None


def test_starttls_and_ssl_check_the_certificate_and_carry_the_login(tmp_path: Path) -> None:

    context = self_signed_context(tmp_path)
    server = SmtpServer(users={"buh": "secret"}, starttls=context).start()
    try:
        base = dict(host="127.0.0.1", port=server.port, security="starttls", sender="buh@aktdesk.test")
        with pytest.raises(SendError) as caught:
            send_test_message(SmtpConfig(**base, login="buh", password="secret"))  # type: ignore[arg-type]
        assert caught.value.kind == "tls"
        assert caught.value.message.startswith(
            f"Ошибка TLS при соединении с 127.0.0.1:{server.port}: сертификат сервера не прошёл проверку"
        )
        trusted = SmtpConfig(**base, login="buh", password="secret", verify_tls=False)  # type: ignore[arg-type]
        assert send_test_message(trusted).startswith("250")  # AUTH only offered after STARTTLS
        assert server.messages[0].rcpt_tos == ["buh@aktdesk.test"]
    finally:
        server.stop()

    implicit = SmtpServer(implicit_tls=self_signed_context(tmp_path)).start()
    try:
        config = SmtpConfig(
            host="127.0.0.1", port=implicit.port, security="ssl", sender="a@b.test", verify_tls=False
        )
        assert send_test_message(config).startswith("250") and len(implicit.messages) == 1
        plain_client = SmtpConfig(
            host="127.0.0.1", port=implicit.port, security="none", sender="a@b.test", timeout=2
        )
        with pytest.raises(SendError) as caught:
            send_test_message(plain_client)
        # A TLS port spoken to in plain text: the server drops it (or both sides wait): named either way.
        assert caught.value.kind in ("network", "timeout") and "режим защиты" in caught.value.message
    finally:
        implicit.stop()
