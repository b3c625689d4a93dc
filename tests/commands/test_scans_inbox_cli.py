"""`aktdesk scans inbox PATH` end to end: a scanned stack filed from the command line, its exit status."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.db import open_database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.context import ID_QR_PREFIX
from desktop.core.models import Document
from tests.factories.scan_inbox import blank_page, pdf_page_count, qr_page, save_pdf

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def month(tmp_path: Path) -> tuple[str, list[tuple[int, str]]]:
    """A closed month (documents in the database only): the URL and its acts as (id, number)."""
    url = f"sqlite:///{tmp_path / 'aktdesk.sqlite'}"
    database = open_database(url)
    with database.transaction() as session:
        fill_demo(session, clients=3, seed=21, today=TODAY)
    with database.session() as session:
        plan = closing.plan(session, "2026-10")
    closing.execute(database, plan)
    with database.session() as session:
        acts = [(d.id, d.number) for d in session.scalars(select(Document).where(Document.kind == "act"))]
    database.dispose()
    return url, acts


def _inbox(url: str, share: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AKTDESK_SHARE_ROOT": str(share)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "scans", "inbox", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def _signed(url: str, document_id: int) -> bool:
    database = open_database(url)
    with database.session() as session:
        document = session.get(Document, document_id)
        signed = bool(document and document.signed)
    database.dispose()
    return signed


def test_inbox_files_each_act_and_a_rerun_finds_them_attached(
    month: tuple[str, list[tuple[int, str]]], tmp_path: Path
) -> None:
    url, acts = month
    (a, _), (b, _) = acts[:2]
    stack = save_pdf(
        [qr_page(f"{ID_QR_PREFIX}{a}"), qr_page(None, "page 2"), qr_page(f"{ID_QR_PREFIX}{b}")],
        tmp_path / "Сканы" / "пачка.pdf",
    )
    share = tmp_path / "share"
    share.mkdir()

    done = _inbox(url, share, str(tmp_path / "Сканы"), "--json")

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [(s["document_id"], [p["page"] for p in s["pages"]]) for s in report["stored"]] == [
        (a, [1, 2]),
        (b, [3]),
    ]
    assert pdf_page_count(share / report["stored"][0]["path"]) == 2
    assert _signed(url, a) and _signed(url, b)

    again = _inbox(url, share, str(stack))
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("Уже прикреплён") == 2


def test_unrecognised_pages_and_bad_files_exit_1_naming_file_page_and_reason(
    month: tuple[str, list[tuple[int, str]]], tmp_path: Path
) -> None:
    url, acts = month
    stack = save_pdf([blank_page(), qr_page(f"{ID_QR_PREFIX}{acts[0][0]}")], tmp_path / "scan.pdf")
    not_a_scan = tmp_path / "акт.pdf"
    not_a_scan.write_text("not a pdf at all")
    share = tmp_path / "share"
    share.mkdir()

    done = _inbox(url, share, str(stack), str(not_a_scan))

    assert done.returncode == 1
    assert "Не распознана: scan.pdf, стр. 1 — Пустая страница" in done.stderr
    assert "Ошибка: акт.pdf — Файл «акт.pdf» не является PDF или изображением" in done.stderr
    assert "Сохранено:" in done.stdout and _signed(url, acts[0][0])  # the rest was filed all the same


def test_an_unreachable_share_queues_the_scans_and_exits_3(
    month: tuple[str, list[tuple[int, str]]], tmp_path: Path
) -> None:
    url, acts = month
    stack = save_pdf([qr_page(f"{ID_QR_PREFIX}{acts[0][0]}")], tmp_path / "scan.pdf")
    share = tmp_path / "share"  # not there

    done = _inbox(url, share, str(stack))

    assert done.returncode == 3
    assert f"Общая папка недоступна: {share}" in done.stderr and "очередь" in done.stderr
    assert not _signed(url, acts[0][0])


def test_a_missing_folder_is_a_user_error(month: tuple[str, list[tuple[int, str]]], tmp_path: Path) -> None:
    url, _ = month
    done = _inbox(url, tmp_path, str(tmp_path / "нет папки"))
    assert done.returncode == 2 and "не найден" in done.stderr


def test_unrecognised_pages_are_attached_by_hand_with_act_and_pages(
    month: tuple[str, list[tuple[int, str]]], tmp_path: Path
) -> None:
    url, acts = month
    database = open_database(url)
    with database.session() as session:  # an act whose number is unique among acts and UPDs
        from desktop.core.scans.inbox import find_signable

        act, number = next((i, n) for i, n in acts if len(find_signable(session, n)) == 1)
    database.dispose()
    stack = save_pdf([qr_page(None, "p1"), qr_page(None, "p2"), qr_page(None, "p3")], tmp_path / "скан.pdf")
    share = tmp_path / "share"
    share.mkdir()

    listed = _inbox(url, share, str(stack))
    assert listed.returncode == 1 and "--pages 1,2 --act" in listed.stderr

    wrong = _inbox(url, share, str(stack), "--act", number, "--pages", "2-5")
    assert wrong.returncode == 2 and "нет страницы 4 (всего страниц: 3)" in wrong.stderr
    unknown = _inbox(url, share, str(stack), "--act", "НЕТ-1", "--pages", "1")
    assert unknown.returncode == 2 and "Акт № НЕТ-1 не найден" in unknown.stderr

    done = _inbox(url, share, str(stack), "--act", number, "--pages", "1-2")
    assert done.returncode == 0, done.stderr
    assert "скан.pdf, стр. 1, 2: Сохранено:" in done.stdout
    assert _signed(url, act)
    stored = next(share.rglob("*.pdf"))
    assert pdf_page_count(stored) == 2


def test_pages_attached_by_hand_whose_qr_names_another_act_need_force(
    month: tuple[str, list[tuple[int, str]]], tmp_path: Path
) -> None:
    url, acts = month
    database = open_database(url)
    with database.session() as session:
        from desktop.core.scans.inbox import find_signable

        act, number = next((i, n) for i, n in acts if len(find_signable(session, n)) == 1)
        other, other_number = next((i, n) for i, n in acts if i != act)
    database.dispose()
    stack = save_pdf([qr_page(None, "p1"), qr_page(f"{ID_QR_PREFIX}{other}")], tmp_path / "скан.pdf")
    share = tmp_path / "share"
    share.mkdir()

    refused = _inbox(url, share, str(stack), "--act", number, "--pages", "1-2")
    assert refused.returncode == 2, refused.stderr
    assert f"Файл «скан.pdf», стр. 2: QR-код другого документа — Акт № {other_number} от" in refused.stderr
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    assert not _signed(url, act) and not any(share.rglob("*.pdf"))

    forced = _inbox(url, share, str(stack), "--act", number, "--pages", "1-2", "--force")
    assert forced.returncode == 0, forced.stderr
    assert _signed(url, act) and not _signed(url, other)
