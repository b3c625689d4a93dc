"""Sending end to end through the command line: demo data → close-month with PDFs → send / remind /
edo export, against a real SMTP server on 127.0.0.1; what arrives is read back and the log checked."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from desktop.core.db import open_database
from desktop.core.models import Counterparty, Dispatch, Document
from tests.factories.smtp_server import SmtpServer, free_port

PERIOD = "2026-10"


def fns_name(path: str | Path) -> str:
    """The FNS name a UPD XML leaves the program under: its ``ИдФайл`` + ``.xml``."""
    return f"{etree.parse(str(path)).getroot().get('ИдФайл')}.xml"


def aktdesk(url: str, *args: str, smtp_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("AKTDESK_SMTP_URL", None)
    if smtp_url:
        env["AKTDESK_SMTP_URL"] = smtp_url
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("send_cli")
    url = f"sqlite:///{folder / 'e2e.sqlite'}"
    demo = aktdesk(url, "demo", "--clients", "4", "--seed", "5")
    assert demo.returncode == 0, demo.stderr
    close = aktdesk(url, "close-month", "--period", PERIOD, "--out", str(folder / "out"), "--json")
    assert close.returncode == 0, close.stderr
    summary = json.loads(close.stdout)
    assert summary["pdf"] == sum(summary["documents"].values()) > 0
    return folder / "e2e.sqlite"


@pytest.fixture
def url(closed: Path, tmp_path: Path) -> str:
    shutil.copyfile(closed, tmp_path / "e2e.sqlite")
    return f"sqlite:///{tmp_path / 'e2e.sqlite'}"


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


def smtp_url(port: int) -> str:
    return f"smtp://127.0.0.1:{port}?security=none&from=buh@aktdesk.test"


def test_send_dry_run_then_send_then_nothing_twice(url: str, server: SmtpServer) -> None:
    dry = aktdesk(url, "send", "--period", PERIOD, "--dry-run", "--json", smtp_url=smtp_url(server.port))
    assert dry.returncode == 0, dry.stderr
    planned = json.loads(dry.stdout)
    assert planned["dry_run"] and planned["planned"] == 4 and not server.messages
    assert all(
        m["status"] == "planned" and m["subject"].startswith("Закрывающие документы за октябрь 2026 г.")
        for m in planned["messages"]
    )

    sent = aktdesk(url, "send", "--period", PERIOD, "--json", smtp_url=smtp_url(server.port))
    assert sent.returncode == 0, sent.stderr
    report = json.loads(sent.stdout)
    assert (report["sent"], report["failed"], report["skipped"]) == (4, 0, 0)
    assert len(server.messages) == 4
    database = open_database(url)
    with database.session() as session:
        for received in server.messages:
            client = session.scalars(
                select(Counterparty).where(Counterparty.emails.like(f"%{received.rcpt_tos[0]}%"))
            ).one()
            assert received.rcpt_tos == client.email_list
            documents = session.scalars(select(Document).where(Document.counterparty_id == client.id)).all()
            files = {Path(d.pdf_path).name: Path(d.pdf_path) for d in documents}  # type: ignore[arg-type]
            files |= {fns_name(d.xml_path): Path(d.xml_path) for d in documents if d.kind in ("upd", "sf")}  # type: ignore[arg-type]
            assert {n: hashlib.sha256(b).hexdigest() for n, b in received.attachments().items()} == {
                n: hashlib.sha256(p.read_bytes()).hexdigest() for n, p in files.items()
            }
            assert client.short_name in received.body()
            assert all(d.sent_via == "email" for d in documents)
        assert [d.status for d in session.scalars(select(Dispatch))] == ["sent"] * 4
    database.dispose()

    again = aktdesk(url, "send", "--period", PERIOD, smtp_url=smtp_url(server.port))
    assert again.returncode == 0 and "Отправлено: 0, ошибок: 0, пропущено: 4" in again.stdout
    assert again.stdout.count("уже отправлено") == 4 and len(server.messages) == 4


def test_refusals_and_a_server_that_is_down_exit_1_with_the_reason_in_the_log(
    url: str, server: SmtpServer
) -> None:
    database = open_database(url)
    with database.session() as session:
        client = session.scalars(select(Counterparty).order_by(Counterparty.id)).first()
        assert client is not None
        address, inn = client.email_list[0], client.inn
    server.recorder.refuse[address] = "550 5.1.1 No such user here"
    result = aktdesk(url, "send", "--period", PERIOD, "--json", smtp_url=smtp_url(server.port))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    (failed,) = [m for m in report["messages"] if m["status"] == "failed"]
    assert failed["inn"] == inn and "550 5.1.1 No such user here" in failed["reason"]
    assert report["sent"] == 3

    port = free_port()
    down = aktdesk(url, "send", "--period", PERIOD, "--client", inn, smtp_url=smtp_url(port))
    assert down.returncode == 1
    assert f"Сервер почты 127.0.0.1:{port} отказал в соединении" in down.stderr
    with database.session() as session:
        log = [
            (d.status, d.error or "")
            for d in session.scalars(
                select(Dispatch).where(Dispatch.counterparty_id == client.id).order_by(Dispatch.id)
            )
        ]
    assert [s for s, _e in log] == ["failed", "failed"]
    assert "550 5.1.1" in log[0][1] and "отказал в соединении" in log[1][1]
    database.dispose()

    server.recorder.refuse.clear()
    retry = aktdesk(url, "send", "--period", PERIOD, "--json", smtp_url=smtp_url(server.port))
    assert retry.returncode == 0
    assert [m["inn"] for m in json.loads(retry.stdout)["messages"] if m["status"] == "sent"] == [inn]


def test_settings_that_cannot_work_are_named_with_exit_2(url: str) -> None:
    nothing = aktdesk(url, "send", "--period", PERIOD)
    assert nothing.returncode == 2 and "Не указан сервер исходящей почты (SMTP)" in nothing.stderr
    no_password = aktdesk(
        url, "send", "--period", PERIOD, smtp_url="smtp://robot@127.0.0.1:2525?from=r@a.test"
    )
    assert no_password.returncode == 2
    assert "Пароль почты для «robot» на 127.0.0.1:2525 не сохранён" in no_password.stderr
    bad_period = aktdesk(url, "send", "--period", "2026-13")
    assert bad_period.returncode == 2 and "ожидается ГГГГ-ММ" in bad_period.stderr


def test_remind_unsigned_and_edo_export(url: str, server: SmtpServer, tmp_path: Path) -> None:
    remind = aktdesk(
        url,
        "remind",
        "--unsigned",
        "--period",
        PERIOD,
        "--attach-pdf",
        "--json",
        smtp_url=smtp_url(server.port),
    )
    assert remind.returncode == 0, remind.stderr
    report = json.loads(remind.stdout)
    assert report["sent"] == len(server.messages) == 4
    assert all("Напоминание: не подписаны акты" in m.message["Subject"] for m in server.messages)
    assert all(
        list(m.attachments()) and all(n.endswith(".pdf") for n in m.attachments()) for m in server.messages
    )

    out = tmp_path / "edo"
    export = aktdesk(
        url, "edo", "export", "--period", PERIOD, "--out", str(out), "--zip", "--mark-sent", "--json"
    )
    assert export.returncode == 0, export.stderr
    result = json.loads(export.stdout)
    assert result["files"] >= 1 and result["errors"] == 0
    for item in result["clients"]:
        with zipfile.ZipFile(item["output"]) as zf:
            assert [n for n in zf.namelist()] == [f["name"] for f in item["files"]]
            assert all(n.startswith("ON_NSCHFDOPPR_") for n in zf.namelist())
        assert item["marked"]
    database = open_database(url)
    with database.session() as session:
        upds = session.scalars(select(Document).where(Document.kind == "upd")).all()
        assert upds and all(u.sent_via == "edo" for u in upds)
    database.dispose()
