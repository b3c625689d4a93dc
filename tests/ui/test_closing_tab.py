"""The month-closing tab: preview with warnings, Close month fills the progress bar, the summary matches the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desktop.config import Settings
from desktop.core.db import Database
from desktop.core.models import Document
from desktop.ui.closing.tab import ClosingTab


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, tmp_path: Path, russian: None) -> ClosingTab:
    widget = ClosingTab(demo_db, settings=Settings(output_dir=str(tmp_path / "out"), pdf_converter="auto"))
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.period.setCurrentIndex(widget.period.findData("2026-10"))
    return widget


def _preview(qtbot: Any, tab: ClosingTab) -> None:
    task = tab.preview()
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass


def test_preview_lists_contracts_with_warnings_and_writes_nothing(qtbot: Any, tab: ClosingTab, demo_db: Database, tmp_path: Path) -> None:
    _preview(qtbot, tab)
    model = tab.model
    assert model.rowCount() > 20
    texts = [model.index(r, 8).data() or "" for r in range(model.rowCount())]
    assert any("доп. соглашением" in t for t in texts)
    assert any("e-mail" in t for t in texts) or any("истек" in t for t in texts)
    assert tab.close_button.isEnabled() and tab.status.text().startswith("К закрытию:")
    with demo_db.session() as session:
        assert session.scalar(select(func.count(Document.id))) == 0
    out = tmp_path / "preview.xlsx"
    assert tab.export_preview(out) == model.rowCount()
    assert load_workbook(out).active.cell(row=1, column=1).value == "Договор"


def test_close_month_runs_to_the_end_and_the_summary_matches_the_database(
    qtbot: Any, tab: ClosingTab, demo_db: Database
) -> None:
    _preview(qtbot, tab)
    first = next(r for r in range(tab.model.rowCount()) if tab.model.rows[r].will_issue)
    excluded = tab.model.rows[first]
    tab.model.setData(tab.model.index(first, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert excluded.excluded
    values: list[int] = []
    task = tab.close_month()
    task.progressed.connect(lambda done, total, text: values.append(done))
    with qtbot.waitSignal(task.finished, timeout=180000):
        pass
    result = tab.result
    assert result is not None and not result.cancelled
    assert tab.progress.value() == tab.progress.maximum()
    with demo_db.session() as session:
        counts = dict(session.execute(select(Document.kind, func.count(Document.id)).group_by(Document.kind)).all())
        assert session.scalar(select(func.count(Document.id)).where(Document.contract_id == excluded.contract_id)) == 0
    assert {k: v for k, v in result.documents.items() if v} == counts
    summary = tab.summary.toPlainText()
    assert f"Закрыто договоров: {result.contracts}" in summary and f"Актов: {result.documents['act']}" in summary


def test_cancel_leaves_a_consistent_state(qtbot: Any, tab: ClosingTab, demo_db: Database) -> None:
    _preview(qtbot, tab)
    task = tab.close_month()
    task.progressed.connect(lambda done, total, text: tab.cancel() if done >= 2 else None)
    with qtbot.waitSignal(task.finished, timeout=180000):
        pass
    assert tab.result is not None and tab.result.cancelled
    with demo_db.session() as session:
        rows = session.execute(select(Document.contract_id, Document.kind, Document.stage, Document.period)).all()
        contracts = {r[0] for r in rows}
    assert len(rows) == len(set(rows))
    assert 0 < len(contracts) < len([r for r in tab.model.plan.rows if r.will_issue]) + len(contracts)
