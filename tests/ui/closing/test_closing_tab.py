"""The month-closing tab of the real main window, clicked as a person does: Предпросмотр lists the
contracts with warnings, Закрыть месяц fills the progress bar to N / N, the summary matches the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from desktop.config import Settings, load_settings, save_settings
from desktop.core.db import Database, open_database
from desktop.core.demo.data import fill_demo
from desktop.core.models import Document
from desktop.ui.closing.tab import ClosingTab
from tests.factories import TODAY
from tests.factories.closing import SAME_NUMBER, repair, same_number_one_failing
from tests.ui.user import answering, choose, click, error_dialogs, file_chosen, open_tab, toggle_check

PERIOD = "2026-10"


def _window(qtbot: Any, database: Database, out: Path) -> Any:
    from desktop.ui.main_window import MainWindow

    save_settings(Settings(output_dir=str(out), pdf_converter="auto"))  # Файл → Настройки, saved before
    window = MainWindow(load_settings(), database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def errors() -> Iterator[list[str]]:
    with error_dialogs() as seen:
        yield seen
    assert seen == []


@pytest.fixture
def window(qtbot: Any, demo_db: Database, tmp_path: Path, russian: None) -> Any:
    return _window(qtbot, demo_db, tmp_path / "out")


def _closing_tab(qtbot: Any, window: Any) -> ClosingTab:
    tab = open_tab(qtbot, window.tabs, "Закрытие месяца")
    assert isinstance(tab, ClosingTab)
    choose(qtbot, tab.period, data=PERIOD)
    return tab


def _preview(qtbot: Any, tab: ClosingTab, errors: list[str]) -> None:
    click(qtbot, tab.preview_button)
    qtbot.waitUntil(
        lambda: bool(errors) or (tab.model.plan is not None and tab.preview_button.isEnabled()), timeout=30000
    )
    assert errors == []


def _close_month(qtbot: Any, tab: ClosingTab, errors: list[str]) -> None:
    click(qtbot, tab.close_button)
    qtbot.waitUntil(lambda: bool(errors) or tab.result is not None, timeout=180000)
    assert errors == [], errors
    qtbot.waitUntil(lambda: tab.preview_button.isEnabled(), timeout=30000)  # the rows refreshed after the run


def test_preview_lists_contracts_with_warnings_and_writes_nothing(
    qtbot: Any, window: Any, demo_db: Database, tmp_path: Path, errors: list[str]
) -> None:
    tab = _closing_tab(qtbot, window)
    _preview(qtbot, tab, errors)
    model = tab.model
    assert model.rowCount() > 20
    texts = [model.index(r, 8).data() or "" for r in range(model.rowCount())]
    assert any("доп. соглашением" in t for t in texts)
    assert any("e-mail" in t for t in texts) or any("истек" in t for t in texts)
    assert tab.close_button.isEnabled() and tab.status.text().startswith("К закрытию:")
    with demo_db.session() as session:
        assert session.scalar(select(func.count(Document.id))) == 0
    out = tmp_path / "preview.xlsx"
    with answering(qtbot, file_chosen(out), QFileDialog):
        click(qtbot, tab.export_button)
    sheet = load_workbook(out).active
    assert sheet.cell(row=1, column=1).value == "Договор" and sheet.max_row == model.rowCount() + 1


def test_close_month_runs_to_the_end_and_the_summary_matches_the_database(
    qtbot: Any, window: Any, demo_db: Database, errors: list[str]
) -> None:
    tab = _closing_tab(qtbot, window)
    _preview(qtbot, tab, errors)
    first = next(r for r in range(tab.model.rowCount()) if tab.model.rows[r].will_issue)
    excluded = tab.model.rows[first]
    toggle_check(qtbot, tab.view, first)  # unticked: left out of this run
    assert excluded.excluded
    closing = len(tab.model.plan.issuing())
    values: list[tuple[int, int, str]] = []  # (value, maximum, status) each time the bar moves
    tab.progress.valueChanged.connect(lambda v: values.append((v, tab.progress.maximum(), tab.status.text())))
    _close_month(qtbot, tab, errors)
    result = tab.result
    assert result is not None and not result.cancelled and result.errors == []
    assert result.contracts == closing
    assert (
        tab.progress.value() == tab.progress.maximum() == closing
        and tab.progress.text() == f"{closing} / {closing}"
    )
    # The contracts, then the PDFs, each counted up from where it starts, never back within it.
    contracts = [v for v, top, _ in values if top == closing]
    pdfs = [(v, top) for v, top, status in values if "Создание PDF" in status]
    assert contracts == sorted(contracts) and contracts[-1] == closing
    assert pdfs and [v for v, _ in pdfs] == sorted(v for v, _ in pdfs)
    assert values.index(next(x for x in values if "Создание PDF" in x[2])) > values.index(
        next(x for x in values if x[0] == closing)
    )
    with demo_db.session() as session:
        counts = dict(
            session.execute(select(Document.kind, func.count(Document.id)).group_by(Document.kind)).all()
        )
        assert (
            session.scalar(
                select(func.count(Document.id)).where(Document.contract_id == excluded.contract_id)
            )
            == 0
        )
    assert {k: v for k, v in result.documents.items() if v} == counts
    summary = tab.summary.toPlainText()
    assert (
        f"Закрыто договоров: {result.contracts}" in summary and f"Актов: {result.documents['act']}" in summary
    )
    assert tab.send_button.isEnabled()


def test_cancel_leaves_a_consistent_state(
    qtbot: Any, window: Any, demo_db: Database, errors: list[str]
) -> None:
    tab = _closing_tab(qtbot, window)
    _preview(qtbot, tab, errors)
    cancelled: list[bool] = []

    def cancel_at_two(value: int) -> None:
        if value >= 2 and not cancelled and tab.cancel_button.isEnabled():
            cancelled.append(True)
            click(qtbot, tab.cancel_button)

    tab.progress.valueChanged.connect(cancel_at_two)
    _close_month(qtbot, tab, errors)
    assert cancelled and tab.result is not None and tab.result.cancelled
    with demo_db.session() as session:
        rows = session.execute(
            select(Document.contract_id, Document.kind, Document.stage, Document.period)
        ).all()
        contracts = {r[0] for r in rows}
    assert len(rows) == len(set(rows))
    assert 0 < len(contracts) < len([r for r in tab.model.plan.rows if r.will_issue]) + len(contracts)


def test_preview_then_close_month_in_the_window_makes_the_files_of_every_contract(
    qtbot: Any, tmp_path: Path, russian: None, errors: list[str]
) -> None:
    """The headline job on a small demo database: two clicks, every document made, N / N."""
    database = open_database(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=6, seed=11, today=TODAY)
    out = tmp_path / "Документы"
    window = _window(qtbot, database, out)
    tab = _closing_tab(qtbot, window)
    _preview(qtbot, tab, errors)
    contracts = {r.contract_id for r in tab.model.plan.issuing()}
    issuing = len(contracts)
    assert issuing > 0 and tab.close_button.isEnabled()
    _close_month(qtbot, tab, errors)

    assert tab.progress.text() == f"{issuing} / {issuing}"
    assert tab.status.text() == f"Закрытие месяца: {issuing} / {issuing}"  # no dangling space or comma
    assert tab.result.contracts == issuing and tab.result.errors == []
    with database.session() as session:
        documents = list(session.scalars(select(Document).where(Document.period == PERIOD)))
    assert {d.contract_id for d in documents} == contracts
    assert documents and all(d.pdf_path and Path(d.pdf_path).is_file() for d in documents)
    assert all(out in Path(d.pdf_path).parents for d in documents)
    assert str(out) in tab.summary.toPlainText()
    assert not tab.close_button.isEnabled()  # the rows now say "already closed": nothing left to close
    database.dispose()


def test_retry_failed_closes_the_failed_contract_not_its_namesake_of_another_entity(
    qtbot: Any, tmp_path: Path, russian: None, errors: list[str]
) -> None:
    """Two own entities each have a contract «Д-1» and one of them fails: after the contract is
    fixed, «Повторить неудачные» closes that contract alone (picked by id, not by number)."""
    database = open_database(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=12, seed=11, today=TODAY)
    broken = same_number_one_failing(database, PERIOD)
    tab = _closing_tab(qtbot, _window(qtbot, database, tmp_path / "out"))

    def new_plan(shown: object) -> None:  # a preview that started after ``shown`` was on screen has ended
        qtbot.waitUntil(
            lambda: bool(errors) or (tab.model.plan is not shown and not (tab.task and tab.task.running)),
            timeout=60000,
        )
        assert errors == []

    _preview(qtbot, tab, errors)
    shown = tab.model.plan
    _close_month(qtbot, tab, errors)
    new_plan(shown)  # the rows refreshed after the run
    failed = [e for e in tab.result.errors if e.contract_id is not None]
    assert [(e.contract, e.contract_id) for e in failed] == [(SAME_NUMBER, broken.fails)]
    assert tab.retry_button.isEnabled()

    repair(database, broken)
    shown = tab.model.plan
    click(qtbot, tab.preview_button)  # the corrected terms
    new_plan(shown)
    first = tab.result
    click(qtbot, tab.retry_button)
    qtbot.waitUntil(lambda: bool(errors) or tab.result is not first, timeout=180000)
    assert errors == []
    retried = tab.result
    assert retried.planned == retried.contracts == 1 and retried.errors == [], retried.errors
    with database.session() as session:
        made = set(session.scalars(select(Document.contract_id).where(Document.id.in_(retried.document_ids))))
    assert made == {broken.fails}
    qtbot.waitUntil(lambda: not (tab.task and tab.task.running), timeout=60000)  # the refresh after the run
    database.dispose()


def test_close_month_issues_the_sf_with_the_act_and_the_preview_names_the_waiver(
    qtbot: Any, tmp_path: Path, russian: None, errors: list[str]
) -> None:
    """A VAT payer's «акт + счёт» contract: the preview lists the счёт-фактура, Закрыть месяц
    writes its PDF and XML; a buyer's waiver is shown in the preview and gets none."""
    from desktop.core.closing import plan as closing
    from desktop.core.models import Contract, DocumentSet, VatRegime

    database = open_database(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=6, seed=11, today=TODAY)
    with database.session() as session:
        vat = [
            r for r in closing.plan(session, PERIOD).issuing() if r.regime != VatRegime.NO_VAT and r.vat > 0
        ]
    issued, waived = vat[0].contract_id, vat[1].contract_id
    with database.transaction() as session:
        for contract_id in (issued, waived):
            contract = session.get(Contract, contract_id)
            assert contract is not None
            contract.documents = DocumentSet.ACT_INVOICE
        contract = session.get(Contract, waived)
        assert contract is not None
        contract.sf_waived, contract.sf_waiver_basis = True, "Соглашение от 10.01.2026"
    window = _window(qtbot, database, tmp_path / "Документы")
    tab = _closing_tab(qtbot, window)
    _preview(qtbot, tab, errors)
    rows = {r.contract_id: i for i, r in enumerate(tab.model.rows)}
    documents_column = next(
        c
        for c in range(tab.model.columnCount())
        if tab.model.headerData(c, Qt.Orientation.Horizontal) == "Документы"
    )
    shown = tab.model.index(rows[issued], documents_column).data()
    assert "счёт-фактура" in shown and "акт" in shown
    assert "счёт-фактура" not in tab.model.index(rows[waived], documents_column).data()
    warnings = "\n".join(
        str(tab.model.index(rows[waived], c).data() or "") for c in range(tab.model.columnCount())
    )
    assert (
        "Счёт-фактура не выставляется: покупатель не плательщик НДС, согласие — Соглашение от 10.01.2026"
        in warnings
    )
    _close_month(qtbot, tab, errors)

    assert tab.result.errors == [] and tab.result.documents["sf"] >= 1
    with database.session() as session:
        sfs = {d.contract_id: d for d in session.scalars(select(Document).where(Document.kind == "sf"))}
    assert waived not in sfs
    sf = sfs[issued]
    assert sf.pdf_path and Path(sf.pdf_path).is_file() and Path(sf.pdf_path).name.startswith("Счёт-фактура ")
    assert sf.xml_path and Path(sf.xml_path).is_file()
    assert "Счета-фактуры" in tab.summary.toPlainText()
    database.dispose()
