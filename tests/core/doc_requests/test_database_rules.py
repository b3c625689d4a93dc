"""On PostgreSQL each person's own login: a manager's standard request completes itself (the database
lets that login insert only the invoice of its own sent request), the queue's steps are refused to a
manager by the server itself, and a manager's invoice outside a request is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.doc_requests import operations, workflow
from desktop.core.models import Contract, DocRequest, Document, Notification
from tests.factories.doc_requests import TODAY, setup, standard_input
from tests.factories.logins import People, psql
from tests.factories.requests import ACCOUNTANT, INITIATOR, USERS

pytestmark = pytest.mark.pg


@pytest.fixture
def ids(pg_people: People) -> dict[str, int]:
    for login, name, role in USERS:
        pg_people.add(login, role, name)
    with pg_people.owner.transaction() as session:
        return setup(session, users=False)


def _draft(people: People, ids: dict[str, int], **changes: object) -> int:
    with people.db(INITIATOR).transaction() as session:
        return workflow.save_draft(session, standard_input(ids, **changes), today=TODAY).id


def test_a_managers_standard_request_completes_itself_under_the_managers_own_login(
    pg_people: People, ids: dict[str, int], tmp_path: Path
) -> None:
    request_id = _draft(pg_people, ids)
    sent = operations.send(pg_people.db(INITIATOR), request_id, tmp_path, pdf_converter=None)
    assert (sent.state, sent.problem) == ("ready", "")
    manager = pg_people.login(INITIATOR)
    with pg_people.owner.session() as session:
        request = session.get(DocRequest, request_id)
        assert request is not None and request.initiator == manager and request.state == "ready"
        invoice = session.scalars(select(Document).where(Document.contract_id == request.contract_id)).one()
        assert invoice.created_by == manager and invoice.docx_path
        told = session.scalars(
            select(Notification.user_login).where(Notification.object_id == request_id)
        ).all()
        assert told == [manager]


def test_the_queue_is_the_accountants_and_the_server_refuses_a_managers_shortcut(
    pg_people: People, ids: dict[str, int], tmp_path: Path
) -> None:
    first = _draft(pg_people, ids)
    operations.send(pg_people.db(INITIATOR), first, tmp_path, pdf_converter=None)
    with pg_people.owner.session() as session:
        contract_id = session.scalars(select(DocRequest.contract_id).where(DocRequest.id == first)).one()
        assert contract_id is not None
    queued = _draft(pg_people, ids, wanted=("act",), contract_id=contract_id, template="", lines=[])
    assert operations.send(pg_people.db(INITIATOR), queued, tmp_path, pdf_converter=None).state == "sent"
    manager = pg_people.login(INITIATOR)
    done = psql(pg_people.url, manager, f"UPDATE doc_requests SET state = 'ready' WHERE id = {queued}")
    assert done.returncode != 0 and "может бухгалтер" in done.stderr
    # an invoice of the contract while no standard request of this manager waits for it
    done = psql(
        pg_people.url,
        manager,
        "INSERT INTO documents (kind, stage, own_entity_id, counterparty_id, contract_id, period, period_start, "
        "period_end, year, seq, number, date, amount_net, amount_vat, amount_total, paid_amount, status, "
        "version, current, signed, created_by, created_at) "
        f"SELECT 'invoice', 'full', own_entity_id, counterparty_id, id, '2027-01', '2027-01-01', '2027-01-31', "
        f"2027, 99, 'X-99', '2027-01-01', 1, 0, 1, 0, 'issued', 1, true, false, '{manager}', now() "
        f"FROM contracts WHERE id = {contract_id}",
    )
    assert done.returncode != 0 and "Документы выписывает бухгалтер" in done.stderr
    with pytest.raises(workflow.StepRefused, match="может бухгалтер или администратор"):
        operations.take(pg_people.db(INITIATOR), queued)
    operations.take(pg_people.db(ACCOUNTANT), queued)
    with pg_people.owner.session() as session:
        request = session.get(DocRequest, queued)
        assert request is not None and request.state == "in_work"
        assert request.assignee == pg_people.login(ACCOUNTANT)
        assert len(session.scalars(select(Contract)).all()) == 1
