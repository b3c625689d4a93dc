"""What a login may do is PostgreSQL's decision, not the program's: the manager's, approver's and
accountant's own logins, refused by psql itself; the program says the same in Russian; the history
and the audit log carry the connection's login and the server's time, whatever a client writes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, text

from desktop.core.db import DatabaseError
from desktop.core.models import AuditEntry, Event, PaymentRequest, RequestEvent, RequestStatus
from desktop.core.requests.permissions import Action, WorkflowError
from tests.factories.logins import People, psql
from tests.factories.requests import ACCOUNTANT, APPROVER, INITIATOR, act, people_parties, to_status


@pytest.fixture
def on_approval(pg_people: People) -> int:
    parties = people_parties(pg_people)
    return to_status(pg_people, parties, RequestStatus.APPROVAL)


def status_of(people: People, request_id: int) -> str:
    with people.owner.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        return request.status


def test_a_managers_direct_approval_is_refused_by_postgresql(pg_people: People, on_approval: int) -> None:
    manager = pg_people.login(INITIATOR)
    done = psql(
        pg_people.url, manager, f"UPDATE payment_requests SET status = 'approved' WHERE id = {on_approval}"
    )
    assert done.returncode != 0
    assert "42501" in done.stderr and "payment_requests" in done.stderr  # permission denied, by the server
    # the function refuses the manager too, whoever calls it
    done = psql(pg_people.url, manager, f"SELECT aktdesk_request_transition({on_approval}, 'approve')")
    assert done.returncode != 0
    assert "не может её автор" in done.stderr
    other = pg_people.add("other", "manager", "Козлов Кирилл")
    done = psql(pg_people.url, other, f"SELECT aktdesk_request_transition({on_approval}, 'approve')")
    assert done.returncode != 0
    assert "может только согласующий; ваша роль — менеджер" in done.stderr
    # the program says the same in Russian, naming the role needed, and changes nothing
    with pytest.raises(WorkflowError) as caught:
        act(pg_people, on_approval, Action.APPROVE, INITIATOR)
    assert "не может её автор" in caught.value.message
    with pytest.raises(WorkflowError) as caught, pg_people.db("other").transaction() as session:
        from desktop.core.requests import workflow

        workflow.approve(session, on_approval)
    assert "может только согласующий; ваша роль — менеджер" in caught.value.message
    assert status_of(pg_people, on_approval) == RequestStatus.APPROVAL


def test_an_approvers_approval_carries_the_approvers_login_and_the_servers_time(
    pg_people: People, on_approval: int
) -> None:
    approver = pg_people.login(APPROVER)
    with pg_people.owner.session() as session:
        server_now = session.execute(text("SELECT timezone('UTC', now())")).scalar_one()
    act(pg_people, on_approval, Action.APPROVE, APPROVER, "Согласовано")
    with pg_people.owner.session() as session:
        request = session.get(PaymentRequest, on_approval)
        assert request is not None
        assert (request.status, request.approver) == (RequestStatus.APPROVED, approver)
        last = request.history[-1]
        assert (last.user_login, last.from_status, last.to_status, last.comment) == (
            approver,
            "approval",
            "approved",
            "Согласовано",
        )
        assert abs(last.at - server_now) < dt.timedelta(minutes=1)
        audit = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == "payment_requests", AuditEntry.row_id == str(on_approval))
            .order_by(AuditEntry.id)
        ).all()
        assert audit[-1].login == approver and audit[-1].action == "update"
        assert json.loads(audit[-1].changes)["status"] == ["approval", "approved"]
        assert audit[0].action == "insert" and audit[0].login == pg_people.login(INITIATOR)


def test_an_initiator_who_is_an_approver_cannot_approve_their_own_request(pg_people: People) -> None:
    parties = people_parties(pg_people)
    request_id = to_status(pg_people, parties, RequestStatus.DRAFT)
    with pg_people.owner.transaction() as session:  # the approver's own request
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        request.initiator = pg_people.login(APPROVER)
    act(pg_people, request_id, Action.SUBMIT, APPROVER)
    with pytest.raises(WorkflowError) as caught:
        act(pg_people, request_id, Action.APPROVE, APPROVER)
    assert "не может её автор" in caught.value.message
    done = psql(
        pg_people.url,
        pg_people.login(APPROVER),
        f"SELECT aktdesk_request_transition({request_id}, 'approve')",
    )
    assert done.returncode != 0 and "не может её автор" in done.stderr
    assert status_of(pg_people, request_id) == RequestStatus.APPROVAL


def test_history_and_audit_cannot_be_written_or_changed_by_a_client(
    pg_people: People, on_approval: int
) -> None:
    manager = pg_people.login(INITIATOR)
    accountant = pg_people.login(ACCOUNTANT)
    forged = psql(
        pg_people.url,
        manager,
        "INSERT INTO request_events (request_id, at, user_login, from_status, to_status, comment) "
        f"VALUES ({on_approval}, now(), 'fin.director', 'approval', 'approved', 'ok')",
    )
    assert forged.returncode != 0 and "меняется только действием программы" in forged.stderr
    for sql in (
        f"UPDATE request_events SET comment = 'x' WHERE request_id = {on_approval}",
        f"DELETE FROM request_events WHERE request_id = {on_approval}",
        "INSERT INTO audit_log (at, login, table_name, row_id, action, changes) "
        "VALUES (now(), 'x', 'users', '1', 'update', '{}')",
        "UPDATE audit_log SET login = 'x'",
        "DELETE FROM audit_log",
        "UPDATE users SET role = 'admin'",
        f"UPDATE payment_requests SET approver = '{accountant}' WHERE id = {on_approval}",
    ):
        done = psql(pg_people.url, accountant, sql)
        assert done.returncode != 0 and "42501" in done.stderr, sql
    # a comment is the client's to write, but who and when are the server's
    done = psql(
        pg_people.url,
        manager,
        "INSERT INTO request_events (request_id, at, user_login, comment) "
        f"VALUES ({on_approval}, '2001-01-01', 'fin.director', 'вопрос')",
    )
    assert done.returncode == 0, done.stderr
    done = psql(
        pg_people.url,
        manager,
        "INSERT INTO events (at, user_login, object_type, object_id, action, details) "
        "VALUES ('2001-01-01', 'fin.director', 'contract', 1, 'update', '{}')",
    )
    assert done.returncode == 0, done.stderr
    with pg_people.owner.session() as session:
        comment = session.scalars(select(RequestEvent).where(RequestEvent.comment == "вопрос")).one()
        event = session.scalars(select(Event).where(Event.object_type == "contract")).one()
    assert (comment.user_login, event.user_login) == (manager, manager)
    assert comment.at.year == event.at.year == dt.date.today().year


def test_an_accountant_exports_and_pays_a_manager_may_not(pg_people: People, on_approval: int) -> None:
    act(pg_people, on_approval, Action.APPROVE, APPROVER)
    with pytest.raises(WorkflowError) as caught:
        act(pg_people, on_approval, Action.PAY, INITIATOR)
    assert "только бухгалтер или администратор; ваша роль — менеджер" in caught.value.message
    done = psql(
        pg_people.url, pg_people.login(INITIATOR), f"SELECT aktdesk_request_transition({on_approval}, 'pay')"
    )
    assert done.returncode != 0 and "ваша роль — менеджер" in done.stderr
    act(pg_people, on_approval, Action.PAY, ACCOUNTANT)
    assert status_of(pg_people, on_approval) == RequestStatus.PAID


def test_a_refusal_inside_the_database_reaches_the_program_in_russian(
    pg_people: People, on_approval: int
) -> None:
    """A step the program's own check would let through (here: forced past it) is still refused by
    the database, and the message is the database's Russian one, not SQL."""
    from desktop.core.db import call_function

    with pytest.raises(DatabaseError) as caught, pg_people.db(ACCOUNTANT).transaction() as session:
        call_function(
            session,
            "SELECT aktdesk_request_transition(:id, 'approve', '', NULL, NULL)",
            {"id": on_approval},
        )
    assert caught.value.message == "Согласовать заявку может только согласующий; ваша роль — бухгалтер."
    with pytest.raises(DatabaseError) as caught, pg_people.db(INITIATOR).transaction() as session:
        request = session.get(PaymentRequest, on_approval)
        assert request is not None
        request.subject = "другое"  # the initiator's own request, but no longer a draft
    assert "изменить можно только черновик" in caught.value.message
