"""Sending packages and reminders through a real SMTP server on 127.0.0.1 (aiosmtpd), read back.

The documents are a real closed month (DOCX, PDF by LibreOffice, UPD XML) made once per module;
each test works on its own copy of the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from desktop.core.common.events import history
from desktop.core.db import Database
from desktop.core.errors import TemplateError
from desktop.core.jobs import CancelToken
from desktop.core.models import Counterparty, Dispatch, DispatchDocument, Document
from desktop.core.registry.queries import RegistryFilter, filtered_ids, load_rows
from desktop.core.sending.delivery import send_messages
from desktop.core.sending.edo import export_edo
from desktop.core.sending.packages import PackageOptions, plan_packages
from desktop.core.sending.reminders import ReminderOptions, plan_reminders, unsigned_act_ids
from desktop.core.sending.templates import load_template, mail_templates_dir
from desktop.core.sending.transport import SendError, SmtpConfig
from tests.factories import closed_month_file, copy_of
from tests.factories.smtp_server import SmtpServer, free_port

TODAY = dt.date(2026, 11, 22)
PERIOD = "2026-10"


@pytest.fixture(scope="module")
def closed_month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a closed October: four clients, every document with its PDF (and the UPD XML)."""

    def emails(client: Counterparty) -> str:
        director = f"; director{client.id}@client.test" if client.id == 2 else ""
        return f"buh{client.id}@client.test{director}"

    return closed_month_file(tmp_path_factory.mktemp("closed"), emails, period=PERIOD, today=TODAY)


@pytest.fixture
def db(closed_month: Path, tmp_path: Path) -> Iterator[Database]:
    with copy_of(closed_month, tmp_path) as database:
        yield database


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


def config_for(server: SmtpServer, **changes: object) -> SmtpConfig:
    values: dict[str, object] = dict(
        host=server.host, port=server.port, security="none", sender="buh@aktdesk.test", timeout=10
    )
    values.update(changes)
    return SmtpConfig(**values)  # type: ignore[arg-type]


def send_packages(db: Database, config: SmtpConfig, **options: object):  # type: ignore[no-untyped-def]
    with db.session() as session:
        messages = plan_packages(session, PERIOD, options=PackageOptions(**options))  # type: ignore[arg-type]
    return send_messages(db, messages, config, purpose="package", period=PERIOD)


def fns_name(path: str | Path) -> str:
    """The FNS name a UPD XML leaves the program under: its ``ИдФайл`` + ``.xml``."""
    return f"{etree.parse(str(path)).getroot().get('ИдФайл')}.xml"


def sha(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_each_client_gets_its_package_with_the_files_and_every_message_is_logged(
    db: Database, server: SmtpServer
) -> None:
    report = send_packages(db, config_for(server, sender_name="Бухгалтерия"))
    assert len(report.sent) == 4 and not report.failed and not report.skipped
    assert len(server.messages) == 4
    with db.session() as session:
        by_address = {tuple(m.rcpt_tos): m for m in server.messages}
        for client in session.scalars(select(Counterparty).order_by(Counterparty.id)):
            received = by_address[tuple(client.email_list)]
            message = received.message
            assert message["To"] == ", ".join(client.email_list)
            assert "Бухгалтерия" in message["From"] and "buh@aktdesk.test" in message["From"]
            documents = list(
                session.scalars(
                    select(Document).where(Document.counterparty_id == client.id, Document.period == PERIOD)
                )
            )
            expected = {Path(d.pdf_path).name: sha(d.pdf_path) for d in documents}  # type: ignore[arg-type]
            # The UPD's XML and the счёт-фактура's (sent with the act), each under its FNS name.
            expected |= {fns_name(d.xml_path): sha(d.xml_path) for d in documents if d.kind in ("upd", "sf")}  # type: ignore[arg-type]
            got = {name: hashlib.sha256(data).hexdigest() for name, data in received.attachments().items()}
            assert got == expected
            assert any(name.startswith("Акт ") and name.endswith(".pdf") for name in got)
            if any(d.kind == "sf" for d in documents):
                assert any(name.startswith("Счёт-фактура ") and name.endswith(".pdf") for name in got)
            subject = message["Subject"]
            assert "октябрь 2026" in subject and documents[0].own_entity.short_name in subject
            body = received.body()
            assert client.short_name in body
            for document in documents:
                assert f"№ {document.number} от 31.10.2026" in body
            invoice_total = sum(d.amount_total for d in documents if d.kind == "invoice")
            assert f"Итого: {invoice_total:,.2f}".replace(",", "\u00a0").replace(".", ",").replace(
                "\u00a0", " "
            ) in body.replace("\u00a0", " ")

            dispatch = session.scalars(select(Dispatch).where(Dispatch.counterparty_id == client.id)).one()
            assert (dispatch.status, dispatch.channel, dispatch.purpose, dispatch.period) == (
                "sent",
                "email",
                "package",
                PERIOD,
            )
            assert dispatch.recipients == "; ".join(client.email_list) and dispatch.subject == subject
            assert "queued as TEST" in dispatch.server_reply and dispatch.error is None
            assert {a["name"]: a["sha256"] for a in json.loads(dispatch.attachments)} == expected
            assert {d.document_id for d in dispatch.documents} == {d.id for d in documents}
            for document in documents:
                assert document.sent_via == "email" and document.sent_at is not None
                assert [e.action for e in history(session, "document", document.id)][-1] == "sent"


def test_a_package_already_sent_is_skipped_and_a_resend_is_explicit(db: Database, server: SmtpServer) -> None:
    config = config_for(server)
    send_packages(db, config)
    again = send_packages(db, config)
    assert len(again.skipped) == 4 and not again.sent
    assert all("уже отправлено" in o.reason for o in again.skipped)
    assert len(server.messages) == 4
    resent = send_packages(db, config, resend=True)
    assert len(resent.sent) == 4 and len(server.messages) == 8
    with db.session() as session:
        assert len(list(session.scalars(select(Dispatch)))) == 8


def test_a_refused_recipient_is_listed_with_the_reason_and_retry_sends_only_it(
    db: Database, server: SmtpServer
) -> None:
    server.recorder.refuse["buh3@client.test"] = "550 5.1.1 <buh3@client.test>: Recipient address rejected"
    report = send_packages(db, config_for(server))
    assert len(report.sent) == 3 and len(report.failed) == 1
    failed = report.failed[0]
    assert failed.outgoing.recipients == ["buh3@client.test"] and failed.retryable
    assert "отклонил получателей" in failed.reason and "550 5.1.1" in failed.reason
    with db.session() as session:
        dispatch = session.get(Dispatch, failed.dispatch_id)
        assert dispatch is not None and dispatch.status == "failed"
        assert "550 5.1.1" in (dispatch.error or "") and dispatch.recipients == "buh3@client.test"
        assert json.loads(dispatch.attachments)  # what it would have carried is recorded too
        for link in session.scalars(
            select(DispatchDocument).where(DispatchDocument.dispatch_id == dispatch.id)
        ):
            document = session.get(Document, link.document_id)
            assert document is not None and document.sent_at is None

    server.recorder.refuse.clear()
    retry = send_packages(db, config_for(server))
    assert [o.outgoing.recipients for o in retry.sent] == [["buh3@client.test"]]
    assert len(retry.skipped) == 3
    assert [m.rcpt_tos for m in server.messages][-1] == ["buh3@client.test"]


def test_a_message_refused_after_data_is_failed_with_the_server_answer(
    db: Database, server: SmtpServer
) -> None:
    server.recorder.data_reply = "554 5.7.1 Message rejected as spam"
    report = send_packages(db, config_for(server))
    assert len(report.failed) == 4 and not server.messages
    assert "отклонил письмо: 554 5.7.1 Message rejected as spam" in report.failed[0].reason


def test_a_server_that_is_down_fails_every_message_and_the_log_says_why(db: Database) -> None:
    port = free_port()  # nothing listens there
    report = send_packages(db, SmtpConfig(host="127.0.0.1", port=port, security="none", sender="a@b.test"))
    assert len(report.failed) == 4 and not report.sent
    expected = f"Сервер почты 127.0.0.1:{port} отказал в соединении"
    assert all(o.reason.startswith(expected) for o in report.failed)
    with db.session() as session:
        dispatches = list(session.scalars(select(Dispatch)))
        assert len(dispatches) == 4 and all(
            d.status == "failed" and expected in (d.error or "") for d in dispatches
        )
        assert session.scalar(select(Document.id).where(Document.sent_at.is_not(None))) is None


def test_unusable_settings_stop_before_anything_is_tried_or_logged(db: Database) -> None:
    with pytest.raises(SendError, match="Не указан сервер исходящей почты"):
        send_packages(db, SmtpConfig(host="", sender="a@b.test"))
    with pytest.raises(SendError, match=r"Пароль почты для «buh» на mail\.test:587 не сохранён"):
        send_packages(db, SmtpConfig(host="mail.test", login="buh", sender="a@b.test"))
    with db.session() as session:
        assert session.scalar(select(Dispatch.id)) is None


def test_login_is_checked_and_a_wrong_password_is_named(db: Database) -> None:
    server = SmtpServer(users={"buh@aktdesk.test": "right"}).start()
    try:
        wrong = send_packages(db, config_for(server, login="buh@aktdesk.test", password="wrong"))
        assert len(wrong.failed) == 4
        assert wrong.failed[0].kind == "auth"
        assert "не принял логин «buh@aktdesk.test» и пароль: 535" in wrong.failed[0].reason
        right = send_packages(db, config_for(server, login="buh@aktdesk.test", password="right"))
        assert len(right.sent) == 4 and len(server.messages) == 4
    finally:
        server.stop()


def test_a_client_without_e_mail_is_skipped_with_the_reason(db: Database, server: SmtpServer) -> None:
    with db.transaction() as session:
        client = session.get(Counterparty, 1)
        assert client is not None
        client.emails = ""
        other = session.get(Counterparty, 2)
        assert other is not None
        other.emails = "buh at client"
    report = send_packages(db, config_for(server))
    reasons = {o.outgoing.counterparty_id: o.reason for o in report.skipped}
    assert reasons == {
        1: "в карточке клиента нет e-mail для документов",
        2: "неверный e-mail в карточке клиента: «buh at client»",
    }
    assert len(server.messages) == 2


def test_cancel_stops_between_messages(db: Database, server: SmtpServer) -> None:
    token = CancelToken()
    with db.session() as session:
        messages = plan_packages(session, PERIOD)

    def progress(done: int, total: int, text: str) -> None:
        if done == 0:  # Cancel pressed while the first message is going out: it finishes, no other starts
            token.cancel()

    report = send_messages(
        db, messages, config_for(server), purpose="package", period=PERIOD, progress=progress, cancel=token
    )
    assert report.cancelled and len(report.sent) == 1 and len(server.messages) == 1


def test_edited_templates_are_used_and_an_unknown_name_is_reported(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    shutil.copytree(mail_templates_dir(), folder)
    (folder / "package.txt").write_text(
        "Тема: Документы {{ client.inn }} за {{ period }}\n\nДокументов: {{ documents|length }}, "
        "сумма {{ totals.total }}.\n",
        encoding="utf-8",
    )
    with db.session() as session:
        client = session.get(Counterparty, 1)
        assert client is not None
        messages = plan_packages(
            session, PERIOD, template=load_template("package", folder), counterparty_ids=[1]
        )
    assert messages[0].subject == f"Документы {client.inn} за {PERIOD}"
    assert messages[0].body.startswith("Документов: ")

    (folder / "package.txt").write_text("Тема: {{ client.nmae }}\n\nТекст\n", encoding="utf-8")
    with db.session() as session, pytest.raises(TemplateError, match=r"package\.txt.*nmae"):
        plan_packages(session, PERIOD, template=load_template("package", folder))
    (folder / "package.txt").write_text("Документы\n\nТекст\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="первая строка должна начинаться с «Тема:»"):
        load_template("package", folder)


def test_reminders_list_each_clients_unsigned_acts_and_attach_the_pdfs(
    db: Database, server: SmtpServer
) -> None:
    with db.transaction() as session:
        signed = session.scalars(
            select(Document).where(Document.kind == "act", Document.counterparty_id == 1)
        ).first()
        assert signed is not None
        signed.signed = True
    with db.session() as session:
        ids = unsigned_act_ids(session)
        messages = plan_reminders(session, ids, options=ReminderOptions(attach_pdf=True), today=TODAY)
        unsigned = {
            d.counterparty_id: d
            for d in session.scalars(
                select(Document).where(Document.kind.in_(("act", "upd")), Document.signed.is_(False))
            )
        }
    assert 1 not in {m.counterparty_id for m in messages}  # its only act is signed
    report = send_messages(db, messages, config_for(server), purpose="reminder")
    assert len(report.sent) == len(messages) == len(server.messages) >= 3
    with db.session() as session:
        for received in server.messages:
            client = session.scalars(
                select(Counterparty).where(Counterparty.emails.like(f"%{received.rcpt_tos[0]}%"))
            ).one()
            documents = list(
                session.scalars(
                    select(Document).where(
                        Document.counterparty_id == client.id,
                        Document.kind.in_(("act", "upd")),
                        Document.signed.is_(False),
                    )
                )
            )
            assert "Напоминание: не подписаны акты" in received.message["Subject"]
            body = received.body()
            assert client.short_name in body and "прикладываем" in body
            for document in documents:
                assert f"№ {document.number} от 31.10.2026 за октябрь 2026 г." in body
            attachments = received.attachments()
            assert {n: hashlib.sha256(b).hexdigest() for n, b in attachments.items()} == {
                Path(d.pdf_path).name: sha(d.pdf_path)
                for d in documents  # type: ignore[arg-type]
            }
        dispatches = list(session.scalars(select(Dispatch)))
        assert {d.purpose for d in dispatches} == {"reminder"} and all(d.status == "sent" for d in dispatches)
    assert unsigned  # the fixture really has unsigned acts

    with db.session() as session:
        again = plan_reminders(session, unsigned_act_ids(session))
    assert all(m.already_sent is not None for m in again)  # reminded today already
    with db.session() as session:
        forced = plan_reminders(session, unsigned_act_ids(session), options=ReminderOptions(resend=True))
    assert all(m.already_sent is None for m in forced)


def test_a_upd_xml_recorded_under_its_long_fns_name_by_an_older_version_is_still_exported_and_attached(
    db: Database, tmp_path: Path
) -> None:

    with db.transaction() as session:
        upd = session.scalars(
            select(Document).where(Document.kind == "upd", Document.period == PERIOD)
        ).first()
        assert upd is not None and upd.xml_path
        old = (
            tmp_path / "old" / fns_name(upd.xml_path)
        )  # how older versions named it (the module's files stay)
        old.parent.mkdir()
        shutil.copyfile(upd.xml_path, old)
        upd.xml_path = str(old)
        upd_id = upd.id
    report = export_edo(db, PERIOD, tmp_path / "edo")
    assert not report.errors
    assert (tmp_path / "edo" / old.name).read_bytes() == old.read_bytes()
    with db.session() as session:
        (message,) = [
            m
            for m in plan_packages(session, PERIOD, options=PackageOptions(attach_xml=True))
            if upd_id in m.document_ids
        ]
    assert (old, old.name) in message.files


def test_edo_export_writes_the_upd_xml_under_its_own_name_and_marks_them_sent_by_edo(
    db: Database, tmp_path: Path
) -> None:

    out = tmp_path / "edo"
    report = export_edo(db, PERIOD, out, mark_sent=True)
    with db.session() as session:
        upds = list(
            session.scalars(select(Document).where(Document.kind == "upd", Document.period == PERIOD))
        )
        assert upds and report.files == len(upds) and not report.errors
        for upd in upds:
            # The folder's short name stays home; the file leaves under its FNS name, ИдФайл.xml.
            assert Path(upd.xml_path).name == f"УПД {upd.number} от 31.10.2026.xml"  # type: ignore[arg-type]
            exported = out / fns_name(upd.xml_path)  # type: ignore[arg-type]
            assert exported.read_bytes() == Path(upd.xml_path).read_bytes()  # type: ignore[arg-type]
            assert exported.name.startswith("ON_NSCHFDOPPR_")
            assert etree.parse(str(exported)).getroot().get("ИдФайл") == exported.stem
            assert upd.sent_via == "edo" and upd.sent_at is not None
        assert all("нет идентификатора участника ЭДО" in report.clients[0].warnings[0] for _ in upds)
        dispatches = list(session.scalars(select(Dispatch)))
        assert {(d.channel, d.status) for d in dispatches} == {("edo", "sent")}
        assert json.loads(dispatches[0].attachments)[0]["sha256"] == sha(upds[0].xml_path)  # type: ignore[arg-type]
        sent_ids = filtered_ids(session, RegistryFilter(kinds=["upd"], sent=True))
        assert set(sent_ids) == {u.id for u in upds}
        assert {r.sent_via for r in load_rows(session, sent_ids).values()} == {"edo"}
    again = export_edo(db, PERIOD, out, mark_sent=True)
    assert not any(c.marked for c in again.clients)  # marked once
    with db.session() as session:
        assert len(list(session.scalars(select(Dispatch)))) == len(report.clients)


def test_edo_export_as_one_zip_per_client(db: Database, tmp_path: Path) -> None:

    report = export_edo(db, PERIOD, tmp_path / "zip", as_zip=True)
    with db.session() as session:
        upds = list(
            session.scalars(select(Document).where(Document.kind == "upd", Document.period == PERIOD))
        )
        assert session.scalar(select(Document.id).where(Document.sent_via.is_not(None))) is None  # not marked
    by_client: dict[int, list[Document]] = {}
    for upd in upds:
        by_client.setdefault(upd.counterparty_id, []).append(upd)
    zips = sorted((tmp_path / "zip").glob("*.zip"))
    assert len(zips) == len(by_client) == len(report.clients)
    for item in report.clients:
        path = Path(item.output)
        assert (
            path.name.startswith(item.client)
            and item.inn in path.name
            and path.name.endswith(f"{PERIOD}.zip")
        )
        with zipfile.ZipFile(path) as zf:
            assert sorted(zf.namelist()) == sorted(f["name"] for f in item.files)
            for name in zf.namelist():
                assert hashlib.sha256(zf.read(name)).hexdigest() == next(
                    f["sha256"] for f in item.files if f["name"] == name
                )


def test_a_package_sent_meanwhile_from_another_window_is_not_sent_again(
    db: Database, server: SmtpServer
) -> None:
    with db.session() as session:
        mine = plan_packages(session, PERIOD)
        theirs = plan_packages(session, PERIOD)  # a colleague opened the same list
    first = send_messages(db, theirs, config_for(server), purpose="package", period=PERIOD)
    assert len(first.sent) == 4
    second = send_messages(db, mine, config_for(server), purpose="package", period=PERIOD)
    assert len(second.skipped) == 4 and all("уже отправлено" in o.reason for o in second.skipped)
    assert len(server.messages) == 4
