"""GUI fixtures: a demo database and the main window on it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop.config import load_settings
from desktop.core.db import Database, open_database
from desktop.core.demo.data import fill_demo
from desktop.ui.app import install_translators
from tests.factories import TODAY


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp: QApplication) -> None:
    """As in the app: cycles are collected on the GUI thread, never on a worker thread."""
    from desktop.ui.common import gui_gc

    gui_gc.install(qapp)


@pytest.fixture(scope="session")
def russian(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "ru")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def demo_db(tmp_path: Any) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    with database.transaction() as session:
        fill_demo(session, clients=40, seed=7, today=TODAY)
    yield database
    database.dispose()


@pytest.fixture
def main_window(qtbot: Any, demo_db: Database, russian: None) -> Any:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(load_settings(), demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(autouse=True)
def no_job_left_running() -> Iterator[None]:
    """A test ends only when the jobs it started have ended (as the app does at exit)."""
    yield
    from desktop.ui.tasks import wait_for_all

    wait_for_all()
