"""Файл → Выгрузка в 1С…, driven as a person would on a demo with closed months: the month, the
own entity and the format chosen, the file picked in the file dialog, «Выгрузить» pressed; the file
is on disk and valid, the dialog says what went into it — or, in Russian, why nothing was written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.config import load_settings
from desktop.core.books.operations import export_entities
from desktop.core.common.periods import recent_periods
from desktop.core.db import Database, open_database
from desktop.core.demo.data import fill_demo
from desktop.core.demo.history import add_demo_history
from desktop.ui.books.export_dialog import ExportDialog
from tests.core.books.xsd import refs, schema_errors
from tests.factories import copy_of
from tests.ui.user import answering, choose, clear_and_type, click, file_chosen, top_dialog, trigger

LAST_CLOSED = recent_periods(dt.date.today())[1]  # the month the dialog offers first


@pytest.fixture(scope="module")
def closed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as ``aktdesk --demo`` makes it today: the last two months closed, a matched statement."""
    folder = tmp_path_factory.mktemp("closed")
    database = open_database(f"sqlite:///{folder / 'closed.sqlite'}")
    today = dt.date.today()
    with database.transaction() as session:
        fill_demo(session, clients=8, seed=3, today=today)
    history = add_demo_history(database, folder / "out", today=today, pdf=False)
    assert history.errors == [] and history.periods[-1] == LAST_CLOSED
    database.dispose()
    return folder / "closed.sqlite"


@pytest.fixture
def closed(closed_file: Path, tmp_path: Path) -> Iterator[Database]:
    with copy_of(closed_file, tmp_path) as database:
        yield database


@pytest.fixture
def window(qtbot: Any, closed: Database, russian: None) -> Any:
    from desktop.ui.main_window import MainWindow

    shown = MainWindow(load_settings(), closed)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _open(qtbot: Any, window: Any) -> ExportDialog:
    trigger(window, "Файл", "Выгрузка в 1С…")
    dialog = top_dialog(ExportDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Выгрузка в 1С:Бухгалтерию"
    return dialog


def _export(qtbot: Any, dialog: ExportDialog) -> None:
    click(qtbot, dialog.export_button)
    task = dialog.last_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    qtbot.waitUntil(dialog.export_button.isEnabled)


def test_the_last_closed_month_goes_to_the_chosen_file_and_the_dialog_says_what_it_holds(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    dialog = _open(qtbot, window)
    assert dialog.period.currentData() == LAST_CLOSED
    assert dialog.entity.currentText() == "Все юрлица"
    assert dialog.format.currentText() == "EnterpriseData 1.21"
    default = Path(dialog.path.text())
    assert default.name == f"1С {LAST_CLOSED}.xml"
    assert default.parent == window.settings.effective_output_dir()

    out = tmp_path / "выгрузка" / "для бухгалтерии"  # no «.xml»: the dialog adds it
    with answering(qtbot, file_chosen(out), QFileDialog):
        click(qtbot, dialog.browse_button)
    assert dialog.path.text() == str(out) + ".xml"
    _export(qtbot, dialog)

    written = Path(str(out) + ".xml")
    assert written.is_file()
    assert schema_errors(written, "1.21") == []
    summary = dialog.summary
    assert summary is not None and summary.path == written and summary.format == "1.21"
    assert len(refs(written)) == summary.total > 0
    shown = dialog.report.text()
    assert f"Выгружено объектов: {summary.total} (EnterpriseData 1.21, " in shown
    for label in ("Организации", "Контрагенты", "Договоры", "Реализации (акты и УПД)", "Счета покупателям",
                  "Поступления на расчётный счёт"):  # fmt: skip
        assert label in shown, label
    assert "Документ." not in shown and "Справочник." not in shown
    assert f"Файл: {written}" in shown


def test_one_entity_in_format_1_20_to_a_typed_path(
    qtbot: Any, window: Any, closed: Database, tmp_path: Path
) -> None:
    inn, name = export_entities(closed)[0]
    dialog = _open(qtbot, window)
    choose(qtbot, dialog.format, text="EnterpriseData 1.20")
    choose(qtbot, dialog.entity, data=inn)
    assert dialog.entity.currentText() == f"{name}, ИНН {inn}"
    out = tmp_path / "одно юрлицо.xml"
    clear_and_type(qtbot, dialog.path, str(out))
    _export(qtbot, dialog)

    assert schema_errors(out, "1.20") == []
    summary = dialog.summary
    assert summary is not None and summary.entities == [inn] and summary.format == "1.20"
    assert summary.counts["Справочник.Организации"] == 1
    assert "(EnterpriseData 1.20, " in dialog.report.text()


def test_a_month_with_nothing_to_export_is_said_in_russian_and_writes_nothing(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    dialog = _open(qtbot, window)
    oldest = recent_periods(dt.date.today())[-1]
    choose(qtbot, dialog.period, data=oldest)
    assert Path(dialog.path.text()).name == f"1С {oldest}.xml"  # the default name follows the month
    out = tmp_path / "пусто.xml"
    clear_and_type(qtbot, dialog.path, str(out))
    _export(qtbot, dialog)

    assert not out.exists()
    assert dialog.summary is None
    assert f"За период {oldest} нечего выгружать в 1С" in dialog.report.text()
    assert dialog.isVisible()  # the person can pick another month


def test_a_folder_that_cannot_be_written_is_said_in_russian(qtbot: Any, window: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "не папка"
    blocker.write_text("a file where the folder should be")
    dialog = _open(qtbot, window)
    clear_and_type(qtbot, dialog.path, str(blocker / "1С.xml"))
    _export(qtbot, dialog)

    shown = dialog.report.text()
    assert "недоступна для записи" in shown and "Traceback" not in shown
    assert dialog.summary is None


def test_an_empty_file_line_is_refused_before_anything_runs(qtbot: Any, window: Any) -> None:
    dialog = _open(qtbot, window)
    clear_and_type(qtbot, dialog.path, "")
    click(qtbot, dialog.export_button)
    assert dialog.last_task is None
    assert "Файл: укажите, куда записать выгрузку." in dialog.report.text()
