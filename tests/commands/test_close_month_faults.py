"""close-month under faults, through the real command: a run killed mid-PDF leaves nothing behind
(no LibreOffice, no temp file) and the next run completes every file; Ctrl+C / SIGTERM stop it cleanly."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from sqlalchemy import func, select

from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.pdf import find_soffice, page_count
from desktop.core.models import Document
from tests.factories.waiting import wait_for

TODAY = dt.date(2026, 11, 22)
PERIOD = "2026-10"

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def _close(url: str, out: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop",
            "--database",
            url,
            "close-month",
            "--period",
            PERIOD,
            "--out",
            str(out),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )


def _finish(url: str, out: Path, *args: str) -> dict:  # type: ignore[type-arg]
    process = _close(url, out, *args, "--json")
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    result = json.loads(stdout)
    assert result["errors"] == []
    return result  # type: ignore[no-any-return]


def _office_processes(home: Path) -> list[psutil.Process]:
    """LibreOffice and UNO worker processes working on this test's profiles."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or ())
        if str(home) in cmdline and ("UserInstallation" in cmdline or "uno_worker" in cmdline):
            found.append(proc)
    return [p for p in found if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def _files(out: Path) -> dict[str, Path]:
    """Every file under ``out`` by its relative name; the UPD XML's name carries the day it was made."""
    return {
        re.sub(r"^(.*ON_NSCHFDOPPR_[^/]*_)\d{8}(_[^/]*)$", r"\1<day>\2", str(p.relative_to(out))): p
        for p in out.rglob("*")
        if p.is_file()
    }


def _filled(path: Path) -> str:
    url = f"sqlite:///{path}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=200, seed=11, today=TODAY)
    database.dispose()
    return url


@needs_soffice
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_run_killed_mid_pdf_leaves_no_office_and_the_rerun_makes_every_file(
    tmp_path: Path, isolated_home: Path
) -> None:
    crash_db = tmp_path / "crash.sqlite"
    _filled(crash_db)
    shutil.copyfile(crash_db, tmp_path / "clean.sqlite")
    clean_out, crash_out = tmp_path / "clean", tmp_path / "crash"
    clean = _finish(f"sqlite:///{tmp_path / 'clean.sqlite'}", clean_out)
    expected = _files(clean_out)
    pdfs = [name for name in expected if name.endswith(".pdf")]
    assert clean["pdf"] > 300 and len(pdfs) >= clean["pdf"]

    process = _close(f"sqlite:///{crash_db}", crash_out)
    wait_for(
        lambda: process.poll() is not None or len(list(crash_out.rglob("*.pdf"))) >= 20,
        300,
        "no PDF was made",
    )
    os.killpg(process.pid, signal.SIGKILL)  # the whole group: the command and its rendering workers
    process.wait()
    made = len(list(crash_out.rglob("*.pdf")))
    assert 20 <= made < len(pdfs), "the run must be killed in the middle of its PDFs"
    # Nothing of the killed run's LibreOffice stays (the old code left soffice.bin running for good).
    wait_for(lambda: not _office_processes(isolated_home), 30, "LibreOffice outlived the killed run")

    # What a kill in the middle of writing a file leaves: a temp file beside the documents.
    client = next(crash_out.rglob("*.docx")).parent
    (client / ".~k1l2l3.tmp").write_bytes(b"PK\x03\x04 half a document")
    assert (crash_out / ".batches").is_dir()  # the killed run's merged DOCX

    rerun = _finish(f"sqlite:///{crash_db}", crash_out)
    assert not _office_processes(isolated_home)
    got = _files(crash_out)
    assert sorted(got) == sorted(expected)
    for name in pdfs:
        assert page_count(got[name]) == page_count(expected[name]), name
    database = open_database(f"sqlite:///{crash_db}")
    with database.session() as session:
        documents = session.scalar(select(func.count(Document.id)))
        without_pdf = session.scalar(select(func.count(Document.id)).where(Document.pdf_path.is_(None)))
    database.dispose()
    assert documents == sum(clean["documents"].values()) and without_pdf == 0
    assert rerun["skipped_existing"] > 0

    # And a run after that finds nothing missing.
    again = _finish(f"sqlite:///{crash_db}", crash_out)
    assert again["pdf"] == 0 and sum(again["documents"].values()) == 0
    assert sorted(_files(crash_out)) == sorted(expected)


@needs_soffice
@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_rerun_makes_each_missing_file_of_the_period(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'files.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=8, seed=11, today=TODAY)
    out = tmp_path / "out"
    _finish(url, out)
    expected = _files(out)
    with database.session() as session:
        documents = list(session.scalars(select(Document).order_by(Document.id)))
    act = next(d for d in documents if d.kind == "act")
    upd = next(d for d in documents if d.kind == "upd")
    invoice = next(d for d in documents if d.kind == "invoice")
    Path(act.pdf_path or "").unlink()  # a DOCX without its PDF
    Path(upd.xml_path or "").unlink()  # a PDF without its XML
    Path(invoice.docx_path or "").unlink()  # a recorded path that is not on disk
    Path(invoice.pdf_path or "").unlink()
    database.dispose()

    rerun = _finish(url, out)
    assert sum(rerun["documents"].values()) == 0 and rerun["xml"] == 1 and rerun["pdf"] == 3
    got = _files(out)
    assert sorted(got) == sorted(expected)
    for name in ("pdf", "xml", "docx"):
        for path in (Path(act.pdf_path or ""), Path(upd.xml_path or ""), Path(invoice.docx_path or "")):
            assert path.is_file() and path.stat().st_size > 0, name
    assert page_count(Path(act.pdf_path or "")) == page_count(
        expected[str(Path(act.pdf_path or "").relative_to(out))]
    )


def _stop(tmp_path: Path, sig: signal.Signals, *args: str) -> tuple[str, int, str, str, Path]:
    url = f"sqlite:///{tmp_path / 'stop.sqlite'}"
    _filled(tmp_path / "stop.sqlite")
    out = tmp_path / "out"
    process = _close(url, out, "--no-pdf", *args)
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # the progress bar: a line per tenth of the contracts
        seen.append(line)
        match = re.search(r"\] (\d+)/(\d+)", line)
        if match and 0 < int(match.group(1)) < int(match.group(2)):
            break
    else:
        pytest.fail("no progress was shown: " + "".join(seen))
    if sig == signal.SIGINT:
        os.killpg(process.pid, sig)  # Ctrl+C: the terminal signals the whole foreground group
    else:
        process.send_signal(sig)
    stdout, rest = process.communicate(timeout=300)
    return url, process.returncode, stdout, "".join(seen) + rest, out


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_stops_the_closing_after_the_current_contract(tmp_path: Path, sig: signal.Signals) -> None:
    url, code, stdout, stderr, out = _stop(tmp_path, sig)
    assert code == 130, stderr
    assert "Прервано." in stderr and "Traceback" not in stderr
    match = re.search(
        r"Прервано\. Сделано до остановки — Период 2026-10: договоров (\d+), актов (\d+)", stdout
    )
    assert match, stdout
    stopped_at = int(match.group(1))
    database = open_database(url)
    with database.session() as session:
        made = session.scalar(select(func.count(Document.id))) or 0
        contracts = session.scalar(select(func.count(func.distinct(Document.contract_id)))) or 0
    assert 0 < contracts == stopped_at and made > 0  # each contract it closed is whole, no other begun
    assert all(p.is_file() for p in [Path(d) for d in _recorded(database)])  # the files of what was made

    rerun = _finish(url, out, "--no-pdf")
    assert rerun["skipped_existing"] == made and rerun["contracts"] > 0
    with database.session() as session:
        assert (session.scalar(select(func.count(Document.id))) or 0) == made + sum(
            rerun["documents"].values()
        )
        assert session.scalar(select(func.count(Document.id)).where(Document.docx_path.is_(None))) == 0
    database.dispose()


def _recorded(database) -> list[str]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return [p for p in session.scalars(select(Document.docx_path)) if p]
