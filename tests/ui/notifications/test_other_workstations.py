"""Two workstations on PostgreSQL: the window of a manager (login A) counts a notification written by
another program — an accountant (login B) rejecting A's document request with `aktdesk docs-request
reject` in a child process — within seconds, the minute's poll notwithstanding; when the server
kills the listener's connection it comes back and the next notification is counted as quickly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.config import load_settings
from desktop.core.db import Database
from desktop.core.doc_requests import operations, workflow
from desktop.core.models import Notification
from desktop.ui.main_window import MainWindow
from desktop.ui.notifications.button import POLL_MS
from tests.factories.cli import cli
from tests.factories.doc_requests import TODAY, setup, standard_input
from tests.factories.logins import People
from tests.factories.requests import ACCOUNTANT, INITIATOR, USERS

pytestmark = pytest.mark.pg

SOON = 10000  # ms: «within seconds»


def _listening(owner: Database, login: str) -> list[int]:
    """The backends of ``login`` waiting on LISTEN (what the window's listener holds)."""
    with owner.session() as session:
        return list(
            session.scalars(
                text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND usename = :login AND query LIKE 'LISTEN%'"
                ),
                {"login": login},
            )
        )


def _count(window: MainWindow) -> int:
    return int(window.notifications.text().rsplit(" ", 1)[1])


def test_a_rejection_on_another_workstation_is_counted_at_once_and_after_a_killed_connection(
    qtbot: Any, russian: None, pg_people: People, tmp_path: Path
) -> None:
    for login, name, role in USERS:
        pg_people.add(login, role, name)
    with pg_people.owner.transaction() as session:
        ids = setup(session, users=False)
    manager = pg_people.db(INITIATOR)
    with manager.transaction() as session:
        first = workflow.save_draft(session, standard_input(ids), today=TODAY).id
    operations.send(manager, first, tmp_path, pdf_converter=None)  # ready at once: its contract
    with pg_people.owner.session() as session:
        contract_id = session.scalar(text("SELECT contract_id FROM doc_requests WHERE id = :i"), {"i": first})
    with manager.transaction() as session:
        queued = workflow.save_draft(
            session,
            standard_input(ids, wanted=("act",), contract_id=contract_id, template="", lines=[]),
            today=TODAY,
        ).id
    assert operations.send(manager, queued, tmp_path, pdf_converter=None).state == "sent"

    window = MainWindow(load_settings(), manager)  # A's workstation
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.overview_tab.task is None, timeout=60000)
    button = window.notifications
    login_a = pg_people.login(INITIATOR)
    qtbot.waitUntil(lambda: len(_listening(pg_people.owner, login_a)) == 1, timeout=SOON)
    before = _count(window)

    accountant_url = pg_people.url.set(username=pg_people.login(ACCOUNTANT)).render_as_string(
        hide_password=False
    )
    done = cli(accountant_url, "docs-request", "reject", str(queued), "--reason", "Нет скана доверенности")
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(lambda: _count(window) == before + 1, timeout=SOON)
    assert button.poll_timer.isActive() and button.poll_timer.interval() == POLL_MS == 60_000
    assert button.font().bold()

    # The server drops the listener's connection: it connects again (and counts once more, as
    # something may have come meanwhile); a notification after that is counted as quickly.
    (killed,) = _listening(pg_people.owner, login_a)
    with qtbot.waitSignal(button.listener.arrived, timeout=SOON), pg_people.owner.session() as session:
        assert session.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
    assert _listening(pg_people.owner, login_a) not in ([], [killed])
    with pg_people.owner.transaction() as session:
        session.add(Notification(user_login=login_a, text="Сделка закрыта: акт № 7"))
    qtbot.waitUntil(lambda: _count(window) == before + 2, timeout=SOON)

    window.close()
    assert not button.listener.running  # its thread ended with the window
    qtbot.waitUntil(lambda: _listening(pg_people.owner, login_a) == [], timeout=SOON)  # its connection closed
