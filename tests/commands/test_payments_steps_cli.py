"""`aktdesk payments list|submit|approve|reject|return` in a child process, as each person's own
PostgreSQL login: a route with two thresholds taken step by step, the refusals with exit status 2
and the reason, the list of what waits for me; on SQLite the same commands for its one user."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

from sqlalchemy.engine import make_url

from desktop.core.db import Database
from desktop.core.models import PaymentRequest, RequestStatus
from tests.factories.cli import cli
from tests.factories.logins import People
from tests.factories.requests import (
    ACCOUNTANT,
    INITIATOR,
    add_person,
    add_rule,
    create,
    people_parties,
    setup_parties,
)


def as_login(people: People, who: str) -> str:
    return make_url(people.url).set(username=people.login(who)).render_as_string(hide_password=False)


def test_a_two_threshold_route_step_by_step_as_each_login(pg_people: People) -> None:
    parties = people_parties(pg_people)
    add_person(pg_people, "head", "approver", "Петров Пётр Петрович")
    add_person(pg_people, "findir", "approver", "Сидорова Елена Викторовна")
    add_rule(pg_people, parties["entity"], 1, "head", "Руководитель отдела")
    add_rule(pg_people, parties["entity"], 2, "findir", "Финансовый директор", above="100000")
    request_id = create(pg_people, parties, amount=Decimal("150000.00"))

    done = cli(as_login(pg_people, INITIATOR), "payments", "submit", str(request_id), "--json")
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert row["status"] == "approval" and row["waiting_for"] == [pg_people.login("head")]
    assert row["waiting"] == "этап 1 из 2: Петров Пётр Петрович (Руководитель отдела)"

    # the financial director's turn has not come: exit 2 and why, nothing changed
    done = cli(as_login(pg_people, "findir"), "payments", "approve", str(request_id))
    assert done.returncode == 2
    assert "сейчас ждёт не вас: этап 1 из 2: Петров Пётр Петрович" in done.stderr
    # a manager may not approve at all, and says which role may
    done = cli(as_login(pg_people, "m.kozlova"), "payments", "approve", str(request_id))
    assert done.returncode == 2 and "может только согласующий; ваша роль — менеджер" in done.stderr
    # the --login of a single-user file is refused on PostgreSQL: the login is the connection's
    done = cli(as_login(pg_people, INITIATOR), "payments", "approve", str(request_id), "--login", "head")
    assert done.returncode == 2 and "логин подключения" in done.stderr

    waiting = cli(as_login(pg_people, "head"), "payments", "list", "--waiting", "--json")
    assert [r["id"] for r in json.loads(waiting.stdout)] == [request_id]
    done = cli(as_login(pg_people, "head"), "payments", "approve", str(request_id), "--comment", "Согласен")
    assert done.returncode == 0, done.stderr
    assert "На согласовании, ждёт: этап 2 из 2: Сидорова Елена Викторовна" in done.stdout
    assert (
        json.loads(cli(as_login(pg_people, "head"), "payments", "list", "--waiting", "--json").stdout) == []
    )
    waiting = json.loads(cli(as_login(pg_people, "findir"), "payments", "list", "--waiting", "--json").stdout)
    assert [r["id"] for r in waiting] == [request_id]

    done = cli(as_login(pg_people, "findir"), "payments", "return", str(request_id))
    assert done.returncode == 2 and "Напишите комментарий" in done.stderr
    done = cli(as_login(pg_people, "findir"), "payments", "approve", str(request_id))
    assert done.returncode == 0, done.stderr
    assert "Согласован к оплате" in done.stdout

    listed = json.loads(
        cli(as_login(pg_people, ACCOUNTANT), "payments", "list", "--status", "approved", "--json").stdout
    )
    assert [(r["id"], r["amount"], r["approver"]) for r in listed] == [
        (request_id, "150000.00", pg_people.login("findir"))
    ]
    with pg_people.owner.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert [(e.user_login, e.to_status) for e in request.history[-3:]] == [
            (pg_people.login(INITIATOR), RequestStatus.APPROVAL),
            (pg_people.login("head"), RequestStatus.APPROVAL),
            (pg_people.login("findir"), RequestStatus.APPROVED),
        ]


def test_on_sqlite_the_one_user_takes_the_steps_named_by_login(sqlite_db: Database, sqlite_url: str) -> None:
    with sqlite_db.transaction() as session:
        parties = {k: v.id for k, v in setup_parties(session).items()}
    request_id = create(sqlite_db, parties)
    done = cli(sqlite_url, "payments", "submit", str(request_id), "--login", INITIATOR)
    assert done.returncode == 0, done.stderr
    done = cli(sqlite_url, "payments", "approve", str(request_id), "--login", INITIATOR)
    assert done.returncode == 2 and "не может её автор" in done.stderr
    done = cli(
        sqlite_url, "payments", "reject", str(request_id), "--login", "fin.director", "--comment", "Дорого"
    )
    assert done.returncode == 0 and "Отказано" in done.stdout
    listed = cli(sqlite_url, "payments", "list")
    assert listed.returncode == 0 and "Отказано" in listed.stdout and "за услуги связи" in listed.stdout
    done = cli(sqlite_url, "payments", "approve", "999")
    assert done.returncode == 2 and "Заявки с id 999 нет" in done.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(sqlite_db: Database, sqlite_url: str) -> None:
    """`aktdesk payments list --json | head -1`: the closed pipe is no traceback, the exit status 0."""
    with sqlite_db.transaction() as session:
        parties = {k: v.id for k, v in setup_parties(session).items()}
    create(sqlite_db, parties)
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--database", sqlite_url, "payments", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    child.stdout.close()  # the reader is gone before the command writes anything
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err
