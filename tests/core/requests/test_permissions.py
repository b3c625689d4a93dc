"""Who may take which step: each refusal names who may, what each role may do, and an install without
users where its only user is admin."""

from __future__ import annotations

import pytest

from desktop.core.db import Database
from desktop.core.models import PaymentRequest, RequestStatus, User
from desktop.core.requests import permissions, validation, workflow
from desktop.core.requests.permissions import Action, WorkflowError
from tests.factories.requests import ACCOUNTANT, ADMIN, APPROVER, INITIATOR, OTHER_MANAGER, to_status

REFUSED = [
    # (status, action, login, what the message says)
    ("draft", Action.SUBMIT, OTHER_MANAGER, "только его автор"),
    ("draft", Action.EDIT, APPROVER, "только его автор"),
    ("draft", Action.APPROVE, APPROVER, "в статусе «Черновик»"),
    ("draft", Action.PAY, ACCOUNTANT, "в статусе «Черновик»"),
    ("approval", Action.APPROVE, INITIATOR, "Согласовать заявку не может её автор"),
    ("approval", Action.APPROVE, OTHER_MANAGER, "может только согласующий; ваша роль — менеджер"),
    ("approval", Action.APPROVE, ACCOUNTANT, "ваша роль — бухгалтер"),
    ("approval", Action.REJECT, INITIATOR, "Отказать по заявке не может её автор"),
    ("approval", Action.REJECT, OTHER_MANAGER, "Отказать по заявке может только согласующий"),
    (
        "approval",
        Action.RETURN,
        ACCOUNTANT,
        "Вернуть заявку на доработку может только согласующий; ваша роль — бухгалтер",
    ),
    ("approval", Action.PAY, ACCOUNTANT, "в статусе «На согласовании»"),
    ("approval", Action.SUBMIT, INITIATOR, "в статусе «На согласовании»"),
    ("approval", Action.EDIT, INITIATOR, "в статусе «На согласовании»"),
    ("approved", Action.PAY, INITIATOR, "Отметить оплату может только бухгалтер или администратор"),
    ("approved", Action.PAY, APPROVER, "ваша роль — согласующий"),
    ("approved", Action.RETURN, INITIATOR, "Вернуть заявку на доработку не может её автор"),
    ("approved", Action.RETURN, OTHER_MANAGER, "согласующий по её маршруту, бухгалтер или администратор"),
    ("approved", Action.APPROVE, APPROVER, "в статусе «Согласован к оплате»"),
    ("paid", Action.RETURN, APPROVER, "в статусе «Оплачен»"),
    ("paid", Action.REJECT, APPROVER, "в статусе «Оплачен»"),
    ("rejected", Action.SUBMIT, INITIATOR, "в статусе «Отказано»"),
    ("rejected", Action.APPROVE, APPROVER, "в статусе «Отказано»"),
    ("approval", Action.APPROVE, "stranger", "ваша роль — не задана"),
]


@pytest.mark.parametrize(
    ("status", "action", "login", "message"), REFUSED, ids=[f"{s}-{a}-{u}" for s, a, u, _m in REFUSED]
)
def test_each_transition_a_role_may_not_make_is_refused_with_who_may(
    db: Database, parties: dict[str, int], status: str, action: Action, login: str, message: str
) -> None:
    request_id = to_status(db, parties, status)
    with db.session() as session:
        before = session.get(PaymentRequest, request_id)
        assert before is not None
        events = len(before.history)
    with pytest.raises(WorkflowError) as caught, db.transaction() as session:
        if action == Action.EDIT:
            request = session.get(PaymentRequest, request_id)
            assert request is not None
            workflow.update_request(
                session, request_id, validation.RequestInput.from_request(request), login=login
            )
        else:
            workflow.transition(session, request_id, action, login=login, comment="причина")
    assert message in caught.value.message
    with db.session() as session:
        after = session.get(PaymentRequest, request_id)
        assert after is not None
        assert after.status == status and len(after.history) == events  # nothing changed
        assert permissions.allowed_actions(session, after, login)[action] == caught.value.message


def test_what_each_role_may_do(db: Database, parties: dict[str, int]) -> None:
    approval = to_status(db, parties, RequestStatus.APPROVAL)
    approved = to_status(db, parties, RequestStatus.APPROVED)
    with db.session() as session:

        def allowed(request_id: int, login: str) -> set[str]:
            request = session.get(PaymentRequest, request_id)
            assert request is not None
            return {
                a.value
                for a, why in permissions.allowed_actions(session, request, login).items()
                if why is None
            }

        assert allowed(approval, APPROVER) == {"approve", "reject", "return", "comment", "attach"}
        assert allowed(approval, ADMIN) == {"approve", "reject", "return", "comment", "attach"}
        assert allowed(approval, INITIATOR) == {"comment", "attach"}
        assert allowed(approved, ACCOUNTANT) == {"pay", "export", "return", "comment", "attach"}
        assert allowed(approved, ADMIN) == {"pay", "export", "return", "reject", "comment", "attach"}


def test_an_install_without_users_lets_its_only_user_do_everything(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        assert permissions.user_role(session, "anyone") == "admin"
        session.add(User(login="boss", full_name="Б", role="approver"))
        session.flush()
        assert permissions.user_role(session, "anyone") is None
        assert permissions.user_role(session, "boss") == "approver"
