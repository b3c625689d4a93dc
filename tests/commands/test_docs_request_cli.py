"""`aktdesk docs-request` in a child process on a small demo: a standard request sent from a JSON file
comes back «Готово» with the contract and the invoice as DOCX and PDF; a request missing what its
documents need exits 2 naming the fields and stays a draft; `show --json` lists the files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop.core.db import open_database
from desktop.core.doc_requests import operations
from tests.factories.cli import cli, demo
from tests.factories.waiting import wait_for


def _request_file(path: Path, db_file: Path, **changes: Any) -> Path:
    """A standard request for the demo's legal client of its first entity, with ``changes``."""
    entity_inn, client_inn = _PARTIES[db_file]
    with sqlite3.connect(db_file) as conn:
        kpp = conn.execute("SELECT kpp FROM counterparties WHERE inn = ?", (client_inn,)).fetchone()[0]
        service = conn.execute(
            "SELECT name FROM services WHERE vat_rate IS NULL ORDER BY id LIMIT 1"
        ).fetchone()[0]
    data: dict[str, Any] = {
        "client": {"inn": client_inn, "kpp": kpp},
        "entity": entity_inn,
        "documents": ["contract", "invoice"],
        "template": "services",
        "payment": "100%",
        "contract_date": "2026-12-02",
        "invoice_date": "2026-12-02",
        "valid_from": "2026-12-01",
        "valid_to": "2027-11-30",
        "lines": [{"service": service, "quantity": "1", "price": "12500.00"}],
        "comment": "Клиент ждёт договор сегодня",
    }
    data.update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


_PARTIES: dict[Path, tuple[str, str]] = {}  # a demo file → (its entity's INN, its legal client's INN)


def _demo(tmp_path: Path) -> tuple[str, Path]:
    db_file = tmp_path / "demo.db"
    url = f"sqlite:///{db_file}"
    _PARTIES[db_file] = demo(url)
    return url, db_file


def test_a_standard_request_from_a_file_comes_back_ready_with_word_and_pdf(tmp_path: Path) -> None:
    url, db_file = _demo(tmp_path)
    request = _request_file(tmp_path / "request.json", db_file)
    out = tmp_path / "docs"
    done = cli(
        url,
        "docs-request",
        "create",
        str(request),
        "--send",
        "--out",
        str(out),
        "--login",
        "manager",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["state"] == "ready" and shown["state_title"] == "Готово" and shown["initiator"] == "manager"
    files = {(row["what"], row["format"]): Path(row["file"]) for row in shown["made"]}
    assert set(files) == {("contract", "docx"), ("contract", "pdf"), ("invoice", "docx"), ("invoice", "pdf")}
    assert all(path.is_file() and path.is_relative_to(out) for path in files.values())
    text = subprocess.run(
        ["pdftotext", "-layout", str(files[("invoice", "pdf")]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Договор № {shown['contract']}" in text and "12 500,00" in text
    again = cli(url, "docs-request", "show", str(shown["id"]), "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["made"] == shown["made"]
    listed = json.loads(cli(url, "docs-request", "list", "--state", "ready", "--json").stdout)
    assert [(row["id"], row["waiting"]) for row in listed] == [(shown["id"], "ждёт оригиналов, ждёт оплаты")]


def test_a_request_that_cannot_be_sent_exits_2_naming_the_missing_fields_and_stays_a_draft(
    tmp_path: Path,
) -> None:
    url, db_file = _demo(tmp_path)
    request = _request_file(tmp_path / "request.json", db_file, invoice_date="", template="")
    done = cli(
        url, "docs-request", "create", str(request), "--send", "--out", str(tmp_path / "docs"), "--no-pdf"
    )
    assert done.returncode == 2
    assert "Запрос нельзя отправить" in done.stderr
    assert "Форма договора: не выбрана" in done.stderr and "Дата счёта: не указана" in done.stderr
    assert "Traceback" not in done.stderr
    drafts = json.loads(cli(url, "docs-request", "list", "--state", "draft", "--json").stdout)
    assert len(drafts) == 1 and drafts[0]["state_title"] == "Черновик"
    assert not (tmp_path / "docs").exists()


def test_a_wrong_file_is_refused_with_every_wrong_key_named(tmp_path: Path) -> None:
    url, db_file = _demo(tmp_path)
    request = _request_file(
        tmp_path / "request.json",
        db_file,
        entity="0000000000",
        lines=[{"service": "Нет такой услуги", "price": "1"}, {"service": 1, "price": "двенадцать"}],
        valid_from="31-12-2026",
    )
    done = cli(url, "docs-request", "create", str(request))
    assert done.returncode == 2
    for expected in (
        "Юрлицо: своего юрлица с ИНН 0000000000 нет в справочнике",
        "Строка 1: услуги «Нет такой услуги» нет в каталоге",
        "Строка 2: цена «двенадцать» — не число",
        "Начало оказания услуг: «31-12-2026» — не дата",
    ):
        assert expected in done.stderr
    assert json.loads(cli(url, "docs-request", "list", "--json").stdout) == []
    missing = cli(url, "docs-request", "show", "42", "--json")
    assert missing.returncode == 2 and "Запрос документов № 42 не найден" in missing.stderr


def test_a_sending_killed_after_the_contract_is_made_is_finished_by_the_accountant_without_doubles(
    tmp_path: Path,
) -> None:
    url, db_file = _demo(tmp_path)
    request = _request_file(tmp_path / "request.json", db_file)
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--database", url, "docs-request", "create", str(request), "--send",
         "--out", str(tmp_path / "killed")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )  # fmt: skip

    def contract_made() -> bool:
        with sqlite3.connect(db_file) as conn:
            row = conn.execute("SELECT contract_id FROM doc_requests ORDER BY id DESC LIMIT 1").fetchone()
        return process.poll() is not None or (row is not None and row[0] is not None)

    wait_for(contract_made, 120, "the contract was never made")
    os.killpg(process.pid, signal.SIGKILL)  # the command, LibreOffice and all, while the files are written
    process.wait()
    with sqlite3.connect(db_file) as conn:
        request_id, state = conn.execute(
            "SELECT id, state FROM doc_requests ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert state == "sent", "the run must be killed between the contract and its files"

    accountant = open_database(url, login="buh.ivanova")  # the demo's accountant, in the window
    try:
        files = operations.prepare(accountant, request_id, None, tmp_path / "docs")
        operations.complete(accountant, request_id)
    finally:
        accountant.dispose()
    assert sorted(p.suffix for p in files) == [".docx", ".docx", ".pdf", ".pdf"]
    assert all(p.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04") for p in files)
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("SELECT state FROM doc_requests WHERE id = ?", (request_id,)).fetchone() == (
            "ready",
        )
        contracts = conn.execute(
            "SELECT count(*) FROM contracts WHERE id = (SELECT contract_id FROM doc_requests WHERE id = ?)",
            (request_id,),
        ).fetchone()
        invoices = conn.execute(
            "SELECT count(*) FROM documents WHERE kind = 'invoice' AND contract_id = "
            "(SELECT contract_id FROM doc_requests WHERE id = ?)",
            (request_id,),
        ).fetchone()
    assert contracts == (1,) and invoices == (1,)  # nothing made twice
