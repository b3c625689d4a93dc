"""A sent UPD changed by an agreement, in the real main window: «Предпросмотр» shows the УКД with the
difference and makes nothing, «Закрыть месяц» issues it with its PDF and says so in the summary."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.config import Settings, load_settings, save_settings
from desktop.core.db import Database
from desktop.core.models import DocumentSet
from desktop.ui.closing.tab import ClosingTab
from tests.factories.corrections import (
    PERIOD,
    agree_price,
    close,
    documents_of,
    first_line,
    pick_contract,
    send,
)
from tests.ui.user import choose, click, error_dialogs, open_tab


def test_the_preview_shows_the_ukd_and_closing_issues_it(
    qtbot: Any, sqlite_db: Database, tmp_path: Path, russian: None
) -> None:
    from desktop.core.demo.data import fill_demo
    from desktop.ui.main_window import MainWindow
    from tests.factories import TODAY

    with sqlite_db.transaction() as session:
        fill_demo(session, clients=8, seed=5, today=TODAY)
    out = tmp_path / "out"
    contract_id = pick_contract(sqlite_db, vat=True, documents=DocumentSet.ACT_INVOICE_UPD)
    assert close(sqlite_db, None, out).errors == []  # October closed, its files made
    send(sqlite_db, contract_id)
    (upd,) = documents_of(sqlite_db, contract_id, "upd")
    _line, _quantity, price = first_line(sqlite_db, contract_id)
    agree_price(sqlite_db, contract_id, price + Decimal("1000.00"))

    save_settings(Settings(output_dir=str(out), pdf_converter="auto"))
    window = MainWindow(load_settings(), sqlite_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with error_dialogs() as errors:
        tab = open_tab(qtbot, window.tabs, "Закрытие месяца")
        assert isinstance(tab, ClosingTab)
        choose(qtbot, tab.period, data=PERIOD)
        click(qtbot, tab.preview_button)
        qtbot.waitUntil(
            lambda: bool(errors) or (tab.model.plan is not None and tab.preview_button.isEnabled()),
            timeout=60000,
        )
        model = tab.model
        (index,) = [r for r in range(model.rowCount()) if model.rows[r].contract_id == contract_id]
        assert model.index(index, 7).data() == "УКД"  # the one document to issue
        warning = model.index(index, 8).data()
        assert f"УКД к УПД № {upd.number} от 31.10.2026: было " in warning and "увеличение" in warning
        assert [r.contract_id for r in model.plan.issuing()] == [contract_id]
        assert tab.close_button.isEnabled() and documents_of(sqlite_db, contract_id, "ukd") == []

        previewed = model.plan
        click(qtbot, tab.close_button)
        qtbot.waitUntil(lambda: bool(errors) or tab.result is not None, timeout=180000)
        # The rows are refreshed after the run (a quiet preview).
        qtbot.waitUntil(lambda: bool(errors) or model.plan is not previewed, timeout=30000)
    assert errors == []
    result = tab.result
    assert result is not None and result.errors == [] and result.documents["ukd"] == 1
    assert sum(result.documents.values()) == 1
    (ukd,) = documents_of(sqlite_db, contract_id, "ukd")
    assert ukd.basis_id == upd.id and ukd.amount_total > 0
    assert ukd.pdf_path and Path(ukd.pdf_path).is_file()
    assert "УКД: 1" in tab.summary.toPlainText()
    # The refreshed rows: the contract has nothing more to issue.
    assert model.index(index, 7).data() == "уже закрыт"

    # The registry lists it as «УКД» under its own filter; it is not signed through scans.
    from desktop.ui.registry.tab import RegistryTab

    registry = open_tab(qtbot, window.tabs, "Реестр актов")
    assert isinstance(registry, RegistryTab)
    choose(qtbot, registry.kind, text="Корректировки (УКД)")
    qtbot.waitUntil(lambda: not registry.model.busy and registry.model.rowCount() == 1, timeout=10000)
    assert [registry.model.index(0, c).data() for c in (0, 1)] == ["УКД", ukd.number]
    assert registry.model.index(0, 8).data() == "—"
