"""Payment requests: required fields, gap-free numbers, who may move a request where, the history,
saved-filter queries, attachments on the share, and an imported outgoing payment settling a request."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.common import numbering
from desktop.core.common.identifiers import make_account, make_corr_account, make_inn10, make_inn12, make_kpp
from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import (
    BankAccount,
    BankPayment,
    Counterparty,
    OwnEntity,
    PaymentRequest,
    PaymentStatus,
    RequestStatus,
    Scan,
    ScanStatus,
    User,
)
from desktop.core.requests import workflow as pr
from desktop.core.requests.workflow import Action, RequestInput, RequestValidationError, WorkflowError
from desktop.core.scans.owners import SCAN_OWNERS
from desktop.core.scans.store import ScanStore

TODAY = dt.date(2026, 11, 23)  # a Monday
OWN_BIK = "044525225"
CONTRACTOR_BIK = "044525974"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

INITIATOR, OTHER_MANAGER, APPROVER, ACCOUNTANT, ADMIN = (
    "m.smirnov",
    "m.kozlova",
    "fin.director",
    "buh.ivanova",
    "admin",
)
USERS = (
    (INITIATOR, "Смирнов Алексей Игоревич", "manager"),
    (OTHER_MANAGER, "Козлова Анна Дмитриевна", "manager"),
    (APPROVER, "Волков Сергей Николаевич", "approver"),
    (ACCOUNTANT, "Иванова Мария Петровна", "accountant"),
    (ADMIN, "Администратор AktDesk", "admin"),
)


def setup_parties(session: Session, seed: int = 5) -> dict[str, Any]:
    """Users of every role, two own entities with accounts, a contractor with full requisites."""
    rng = random.Random(seed)
    for login, name, role in USERS:
        session.add(User(login=login, full_name=name, role=role, is_active=True))
    entities = []
    for short, region in (("ООО «АктСервис»", "77"), ("ООО «АктСервис СПб»", "78")):
        inn = make_inn10(rng, region)
        entity = OwnEntity(
            short_name=short,
            full_name=f"Общество с ограниченной ответственностью {short[4:]}",
            inn=inn,
            kpp=make_kpp(inn, rng),
            director_name="Волков С. Н.",
            bank_accounts=[
                BankAccount(
                    bank_name="ПАО СБЕРБАНК",
                    bik=OWN_BIK,
                    corr_account=make_corr_account(OWN_BIK),
                    account=make_account(OWN_BIK, "40702", rng),
                    is_primary=True,
                )
            ],
        )
        session.add(entity)
        entities.append(entity)
    inn = make_inn10(rng, "77")
    contractor = Counterparty(
        short_name="ООО «Связьком»",
        full_name="Общество с ограниченной ответственностью «Связьком»",
        inn=inn,
        kpp=make_kpp(inn, rng),
        bank_name="АО «ТБанк»",
        bik=CONTRACTOR_BIK,
        account=make_account(CONTRACTOR_BIK, "40702", rng),
        corr_account=make_corr_account(CONTRACTOR_BIK),
    )
    trader_inn = make_inn12(rng, "50")
    trader = Counterparty(
        kind="entrepreneur",
        short_name="ИП Кузнецов Олег Павлович",
        full_name="Индивидуальный предприниматель Кузнецов Олег Павлович",
        inn=trader_inn,
        bank_name="ПАО СБЕРБАНК",
        bik=OWN_BIK,
        account=make_account(OWN_BIK, "40802", rng),
        corr_account=make_corr_account(OWN_BIK),
    )
    session.add_all([contractor, trader])
    session.flush()
    return {"entity": entities[0], "entity2": entities[1], "contractor": contractor, "trader": trader}


def draft_input(parties: dict[str, Any], **changes: Any) -> RequestInput:
    """A complete request to the contractor, requisites left to the counterparty card."""
    base = RequestInput(
        own_entity_id=parties["entity"].id,
        subject="за услуги связи по счёту № 45 от 02.11.2026",
        counterparty_id=parties["contractor"].id,
        amount=Decimal("12200.00"),
        currency="RUB",
        vat_rate="22%",
        pay_by=TODAY + dt.timedelta(days=3),
    )
    return replace(base, **changes)


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    return sqlite_db


@pytest.fixture
def parties(db: Database) -> dict[str, Any]:
    with db.transaction() as session:
        found = setup_parties(session)
        return {k: v.id for k, v in found.items()}


def reload(db: Database, parties: dict[str, int]) -> Any:
    """A session and the parties as objects of it."""
    session = db.sessions()
    objects = {
        "entity": session.get(OwnEntity, parties["entity"]),
        "entity2": session.get(OwnEntity, parties["entity2"]),
        "contractor": session.get(Counterparty, parties["contractor"]),
        "trader": session.get(Counterparty, parties["trader"]),
    }
    return session, objects


def create(db: Database, parties: dict[str, int], login: str = INITIATOR, **changes: Any) -> int:
    with db.transaction() as session:
        objects = {
            k: session.get(OwnEntity if k.startswith("entity") else Counterparty, v)
            for k, v in parties.items()
        }
        return pr.create_request(session, draft_input(objects, **changes), login=login, today=TODAY).id


def act(db: Database, request_id: int, action: Action, login: str, comment: str = "") -> PaymentRequest:
    with db.transaction() as session:
        return pr.transition(session, request_id, action, login=login, comment=comment, paid_on=TODAY)


def to_status(db: Database, parties: dict[str, int], status: str, **changes: Any) -> int:
    request_id = create(db, parties, **changes)
    steps = {
        RequestStatus.DRAFT: [],
        RequestStatus.APPROVAL: [(Action.SUBMIT, INITIATOR)],
        RequestStatus.APPROVED: [(Action.SUBMIT, INITIATOR), (Action.APPROVE, APPROVER)],
        RequestStatus.PAID: [
            (Action.SUBMIT, INITIATOR),
            (Action.APPROVE, APPROVER),
            (Action.PAY, ACCOUNTANT),
        ],
        RequestStatus.REJECTED: [(Action.SUBMIT, INITIATOR), (Action.REJECT, APPROVER)],
    }[RequestStatus(status)]
    for action, login in steps:
        act(db, request_id, action, login, comment="нет" if action == Action.REJECT else "")
    return request_id


# --- creating -------------------------------------------------------------------------------


def test_new_request_takes_requisites_from_the_counterparty_and_a_purpose_with_vat(
    db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        contractor = session.get(Counterparty, parties["contractor"])
        assert request is not None and contractor is not None
        assert request.status == RequestStatus.DRAFT
        assert request.initiator == INITIATOR
        assert (request.year, request.seq, request.number) == (2026, 1, "1")
        assert request.contractor_name == "ООО «Связьком»"
        assert (
            request.contractor_inn,
            request.contractor_kpp,
            request.contractor_bik,
            request.contractor_account,
            request.contractor_corr_account,
            request.contractor_bank_name,
        ) == (
            contractor.inn,
            contractor.kpp,
            contractor.bik,
            contractor.account,
            contractor.corr_account,
            contractor.bank_name,
        )
        assert request.amount == Decimal("12200.00")
        assert request.purpose == (
            "Оплата за услуги связи по счёту № 45 от 02.11.2026. В т.ч. НДС (22%) 2 200.00 руб."
        )
        assert [(e.user_login, e.from_status, e.to_status) for e in request.history] == [
            (INITIATOR, None, RequestStatus.DRAFT)
        ]


def test_purpose_without_vat_says_so() -> None:
    assert pr.suggested_purpose("Аренда склада за ноябрь", "50000", "без НДС") == (
        "Аренда склада за ноябрь. НДС не облагается"
    )
    assert pr.suggested_purpose("за обучение", Decimal("1050.00"), "5%") == (
        "Оплата за обучение. В т.ч. НДС (5%) 50.00 руб."
    )
    assert pr.suggested_purpose("за обучение", Decimal("-5"), "5%") == ""  # nothing to suggest yet
    assert pr.suggested_purpose("", Decimal("1050.00"), "5%") == ""
    assert pr.suggested_purpose("за обучение", Decimal("1050.00"), "5%", "USD") == (
        "Оплата за обучение. В т.ч. НДС (5%) 50.00 USD"
    )


BAD_FIELDS = [
    ("own_entity_id", {"own_entity_id": None}, "выберите, с какого юрлица платим"),
    ("subject", {"subject": "  "}, "обязательное поле"),
    ("contractor_name", {"counterparty_id": None, "contractor_name": ""}, "обязательное поле"),
    ("amount", {"amount": None}, "обязательное поле"),
    ("amount", {"amount": "двенадцать"}, "не число"),
    ("amount", {"amount": Decimal("0")}, "больше нуля"),
    ("amount", {"amount": Decimal("-5")}, "больше нуля"),
    ("amount", {"amount": Decimal("10.005")}, "двух знаков"),
    ("currency", {"currency": ""}, "обязательное поле"),
    ("currency", {"currency": "XYZ"}, "не поддерживается"),
    ("pay_by", {"pay_by": None}, "обязательное поле"),
    ("pay_by", {"pay_by": TODAY - dt.timedelta(days=1)}, "уже прошла"),
    ("contractor_inn", {"contractor_inn": "7707083894"}, "контрольная сумма ИНН"),
    ("contractor_inn", {"contractor_inn": "77070838"}, "10 или 12 цифр"),
    ("contractor_kpp", {"contractor_kpp": "12345"}, "9 символов"),
    ("contractor_bik", {"contractor_bik": "04452"}, "БИК должен состоять из 9 цифр"),
    ("contractor_account", {"contractor_account": "40702810000000000001"}, "контрольный ключ"),
    ("contractor_account", {"contractor_account": "4070281"}, "20 цифр"),
    ("contractor_corr_account", {"contractor_corr_account": "30101810000000000001"}, "корр. счёта"),
    ("purpose", {"purpose": "Оплата за услуги связи"}, "укажите НДС"),
    ("purpose", {"purpose": "Оплата. В т.ч. НДС (22%) 100.00 руб."}, "выходит 2200.00"),
    ("purpose", {"purpose": "Оплата. В т.ч. НДС (10%) 1 109.09 руб."}, "ставка 22%"),
    ("purpose", {"purpose": "Оплата. НДС не облагается"}, "«без НДС»"),
    ("purpose", {"purpose": "Оплата " + "x" * 210 + ". НДС не облагается"}, "не больше 210"),
]


@pytest.mark.parametrize(
    ("field", "changes", "message"), BAD_FIELDS, ids=[f"{f}-{m}" for f, _c, m in BAD_FIELDS]
)
def test_each_required_or_wrong_field_is_named_and_nothing_is_saved(
    db: Database, parties: dict[str, int], field: str, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(RequestValidationError) as caught:
        create(db, parties, **changes)
    assert field in caught.value.errors, caught.value.errors
    assert message in caught.value.errors[field]
    assert pr.FIELD_TITLES[field] in caught.value.message  # the message names the field as the card does
    with db.session() as session:
        assert session.scalar(select(func.count(PaymentRequest.id))) == 0
        assert numbering.peek(session, parties["entity"], pr.NUMBER_KIND, 2026) == 0  # no number burnt


def test_a_sole_trader_has_no_kpp_and_a_foreign_vat_phrase_is_refused(
    db: Database, parties: dict[str, int]
) -> None:
    with pytest.raises(RequestValidationError) as caught:
        create(db, parties, counterparty_id=parties["trader"], contractor_kpp="500101001")
    assert caught.value.errors == {"contractor_kpp": "у ИП и физического лица нет КПП"}
    request_id = create(
        db, parties, counterparty_id=parties["trader"], vat_rate="без НДС", subject="Ремонт кондиционеров"
    )
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.contractor_kpp == "" and request.purpose == "Ремонт кондиционеров. НДС не облагается"


def test_numbers_are_gap_free_per_own_entity_and_year(db: Database, parties: dict[str, int]) -> None:
    first = create(db, parties)
    with pytest.raises(RequestValidationError):
        create(db, parties, amount=None)  # a refused request takes no number
    second = create(db, parties)
    other_entity = create(db, parties, own_entity_id=parties["entity2"])
    with db.transaction() as session:
        objects = {
            k: session.get(OwnEntity if k.startswith("entity") else Counterparty, v)
            for k, v in parties.items()
        }
        next_year = pr.create_request(
            session,
            draft_input(objects, pay_by=dt.date(2027, 1, 20)),
            login=INITIATOR,
            today=dt.date(2027, 1, 11),
        ).id
    with db.session() as session:
        numbers = {r.id: (r.own_entity_id, r.year, r.number) for r in session.scalars(select(PaymentRequest))}
    assert numbers[first] == (parties["entity"], 2026, "1")
    assert numbers[second] == (parties["entity"], 2026, "2")
    assert numbers[other_entity] == (parties["entity2"], 2026, "1")
    assert numbers[next_year] == (parties["entity"], 2027, "1")


def test_editing_a_draft_updates_the_suggested_purpose_and_records_what_changed(
    db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    with db.transaction() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        values = replace(pr.RequestInput.from_request(request), amount="24 400,00")
        pr.update_request(session, request_id, values, login=INITIATOR)
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.amount == Decimal("24400.00")
        assert request.purpose.endswith("В т.ч. НДС (22%) 4 400.00 руб.")
        assert request.history[-1].comment == "Изменено: Сумма счёта, Назначение платежа"
        values = replace(pr.RequestInput.from_request(request), own_entity_id=parties["entity2"])
    with db.transaction() as session, pytest.raises(RequestValidationError) as caught:
        pr.update_request(session, request_id, values, login=INITIATOR)
    assert "плательщика не меняют" in caught.value.errors["own_entity_id"]


# --- workflow ---------------------------------------------------------------------------------


def test_full_path_with_a_return_for_revision_is_recorded_with_who_and_comments(
    db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    act(db, request_id, Action.SUBMIT, INITIATOR)
    act(db, request_id, Action.RETURN, APPROVER, "Приложите счёт")
    act(db, request_id, Action.SUBMIT, INITIATOR, "Счёт приложен")
    with db.transaction() as session:
        pr.add_comment(session, request_id, "Срочно, до пятницы", login=INITIATOR)
    act(db, request_id, Action.APPROVE, APPROVER, "Согласовано")
    act(db, request_id, Action.PAY, ACCOUNTANT)
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.status == RequestStatus.PAID
        assert request.approver == APPROVER
        assert request.paid_at == TODAY
        assert [(e.user_login, e.from_status, e.to_status, e.comment) for e in request.history] == [
            (INITIATOR, None, "draft", "Заявка создана"),
            (INITIATOR, "draft", "approval", ""),
            (APPROVER, "approval", "draft", "Приложите счёт"),
            (INITIATOR, "draft", "approval", "Счёт приложен"),
            (INITIATOR, None, None, "Срочно, до пятницы"),
            (APPROVER, "approval", "approved", "Согласовано"),
            (ACCOUNTANT, "approved", "paid", ""),
        ]
        assert all(e.at is not None for e in request.history)


def test_rejection_and_return_need_a_comment(db: Database, parties: dict[str, int]) -> None:
    request_id = to_status(db, parties, RequestStatus.APPROVAL)
    for action in (Action.REJECT, Action.RETURN):
        with pytest.raises(ValidationError, match="комментарий") as caught:
            act(db, request_id, action, APPROVER, "   ")
        assert caught.value.field == "comment"
    act(db, request_id, Action.REJECT, APPROVER, "Дорого, ищите другого подрядчика")
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.status == RequestStatus.REJECTED and request.approver == APPROVER
        assert request.history[-1].comment == "Дорого, ищите другого подрядчика"


REFUSED = [
    # (status, action, login, what the message says)
    ("draft", Action.SUBMIT, OTHER_MANAGER, "только его автор"),
    ("draft", Action.EDIT, APPROVER, "только его автор"),
    ("draft", Action.APPROVE, APPROVER, "в статусе «Черновик»"),
    ("draft", Action.PAY, ACCOUNTANT, "в статусе «Черновик»"),
    (
        "approval",
        Action.APPROVE,
        INITIATOR,
        "только согласующий (руководитель) или администратор; ваша роль — менеджер",
    ),
    ("approval", Action.APPROVE, ACCOUNTANT, "ваша роль — бухгалтер"),
    ("approval", Action.REJECT, INITIATOR, "Отказать по заявке может только согласующий"),
    ("approval", Action.RETURN, ACCOUNTANT, "заявку на согласовании может только согласующий"),
    ("approval", Action.PAY, ACCOUNTANT, "в статусе «На согласовании»"),
    ("approval", Action.SUBMIT, INITIATOR, "в статусе «На согласовании»"),
    ("approval", Action.EDIT, INITIATOR, "в статусе «На согласовании»"),
    ("approved", Action.PAY, INITIATOR, "Отметить оплату может только бухгалтер или администратор"),
    ("approved", Action.PAY, APPROVER, "ваша роль — согласующий"),
    ("approved", Action.RETURN, INITIATOR, "согласующий, бухгалтер или администратор"),
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
            pr.update_request(session, request_id, pr.RequestInput.from_request(request), login=login)
        else:
            pr.transition(session, request_id, action, login=login, comment="причина")
    assert message in caught.value.message
    with db.session() as session:
        after = session.get(PaymentRequest, request_id)
        assert after is not None
        assert after.status == status and len(after.history) == events  # nothing changed
        assert pr.allowed_actions(session, after, login)[action] == caught.value.message


def test_what_each_role_may_do(db: Database, parties: dict[str, int]) -> None:
    approval = to_status(db, parties, RequestStatus.APPROVAL)
    approved = to_status(db, parties, RequestStatus.APPROVED)
    with db.session() as session:

        def allowed(request_id: int, login: str) -> set[str]:
            request = session.get(PaymentRequest, request_id)
            assert request is not None
            return {a.value for a, why in pr.allowed_actions(session, request, login).items() if why is None}

        assert allowed(approval, APPROVER) == {"approve", "reject", "return", "comment", "attach"}
        assert allowed(approval, ADMIN) == {"approve", "reject", "return", "comment", "attach"}
        assert allowed(approval, INITIATOR) == {"comment", "attach"}
        assert allowed(approved, ACCOUNTANT) == {"pay", "export", "return", "comment", "attach"}
        assert allowed(approved, ADMIN) == {"pay", "export", "return", "reject", "comment", "attach"}


def test_submitting_rechecks_the_fields(db: Database, parties: dict[str, int]) -> None:
    request_id = create(db, parties)
    with db.transaction() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        request.contractor_account = "40702810000000000001"  # e.g. changed in the database by hand
    with pytest.raises(RequestValidationError) as caught:
        act(db, request_id, Action.SUBMIT, INITIATOR)
    assert "contractor_account" in caught.value.errors


def test_an_install_without_users_lets_its_only_user_do_everything(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        assert pr.user_role(session, "anyone") == "admin"
        session.add(User(login="boss", full_name="Б", role="approver"))
        session.flush()
        assert pr.user_role(session, "anyone") is None
        assert pr.user_role(session, "boss") == "approver"


# --- registry queries -------------------------------------------------------------------------------


def test_saved_filter_queries_my_requests_to_approve_due_this_week(
    db: Database, parties: dict[str, int]
) -> None:
    mine_draft = create(db, parties)
    theirs = to_status(db, parties, RequestStatus.APPROVAL)  # created by INITIATOR too, then re-owned
    with db.transaction() as session:
        request = session.get(PaymentRequest, theirs)
        assert request is not None
        request.initiator = OTHER_MANAGER
    due_later = to_status(db, parties, RequestStatus.APPROVED, pay_by=TODAY + dt.timedelta(days=20))
    due_sunday = to_status(
        db, parties, RequestStatus.APPROVED, pay_by=dt.date(2026, 11, 29), amount=Decimal("100.00")
    )
    paid = to_status(db, parties, RequestStatus.PAID)

    with db.session() as session:

        def ids(**values: Any) -> set[int]:
            flt = pr.RequestFilter(**values)
            return set(session.scalars(pr.select_ids(flt, INITIATOR, TODAY)))

        assert ids(preset="mine") == {mine_draft, due_later, due_sunday, paid}
        assert ids(preset="to_approve") == {theirs}
        assert ids(preset="due_this_week") == {theirs, due_sunday}
        assert ids(statuses=["approved"]) == {due_later, due_sunday}
        assert ids(search="связьком") == {mine_draft, theirs, due_later, due_sunday, paid}
        assert ids(own_entity_id=parties["entity2"]) == set()
        totals = pr.totals(session, pr.RequestFilter(statuses=["approved"]), INITIATOR, TODAY)
        assert totals.count == 2 and totals.by_currency == {"RUB": Decimal("12300.00")}


# --- attachments -----------------------------------------------------------------------------------------


def test_attachments_go_to_the_share_with_their_hash(
    tmp_path: Path, db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    share = tmp_path / "share"
    share.mkdir()
    invoice = tmp_path / "счёт 45.pdf"
    invoice.write_bytes(PDF)
    store = ScanStore(share, tmp_path / "outbox")
    with db.transaction() as session:
        result = pr.attach(session, store, request_id, [invoice], "e_invoice", login=INITIATOR)
    assert result.ok and result.stored == [
        "Заявки на оплату/2026/ООО «АктСервис»/№ 1 ООО «Связьком»/Эл. версия счёта.pdf"
    ]
    stored = share / result.stored[0]
    assert stored.read_bytes() == PDF
    with db.transaction() as session:
        again = pr.attach(session, store, request_id, [invoice], "e_invoice", login=INITIATOR)
        assert again.duplicates == ["счёт 45.pdf"] and again.message == "Этот файл уже прикреплён к заявке."
        rows = pr.attachments(session, request_id)
        assert [(r.role, r.status, r.sha256, r.added_by) for r in rows] == [
            ("e_invoice", ScanStatus.STORED, hashlib.sha256(PDF).hexdigest(), INITIATOR)
        ]
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        assert request.history[-1].comment == "Прикреплён файл (Эл. версия счёта): счёт 45.pdf"


def test_unreachable_share_keeps_the_attachment_in_the_outbox_until_retry(
    tmp_path: Path, db: Database, parties: dict[str, int]
) -> None:
    request_id = to_status(db, parties, RequestStatus.PAID)
    share = tmp_path / "share"  # not there yet
    order = tmp_path / "платёжка.pdf"
    order.write_bytes(PDF + b"order")
    store = ScanStore(share, tmp_path / "outbox", owners=SCAN_OWNERS)
    with db.transaction() as session:
        result = pr.attach(session, store, request_id, [order], "payment_order", login=ACCOUNTANT)
    assert result.pending == ["платёжка.pdf"]
    assert f"Общая папка недоступна: {share}" in result.message and "локальную очередь" in result.message
    with db.session() as session:
        row = session.scalars(select(Scan).where(Scan.payment_request_id == request_id)).one()
        assert row.status == ScanStatus.PENDING and Path(row.outbox_path or "").read_bytes() == PDF + b"order"
    share.mkdir()
    with db.transaction() as session:
        assert store.retry_outbox(session, user=ACCOUNTANT) == (1, 0)
    with db.session() as session:
        row = session.scalars(select(Scan).where(Scan.payment_request_id == request_id)).one()
        assert row.status == ScanStatus.STORED
        assert (share / (row.path or "")).read_bytes() == PDF + b"order"
        assert row.path.endswith("/Платёжное поручение.pdf")


def test_a_file_that_is_not_a_pdf_or_picture_is_refused(
    tmp_path: Path, db: Database, parties: dict[str, int]
) -> None:
    request_id = create(db, parties)
    text = tmp_path / "счёт.txt"
    text.write_text("не скан")
    with db.transaction() as session, pytest.raises(ValidationError, match="не является PDF"):
        pr.attach(session, ScanStore(tmp_path, tmp_path / "outbox"), request_id, [text], "e_invoice")


# --- settlement by an imported outgoing payment ---------------------------------------------------------------


def outgoing(session: Session, request: PaymentRequest, **changes: Any) -> BankPayment:
    values: dict[str, Any] = dict(
        fingerprint=f"fp-{request.id}-{changes.get('number', '77')}-{changes.get('amount', '')}",
        direction="out",
        own_entity_id=request.own_entity_id,
        own_account=request.own_entity.primary_account.account,  # type: ignore[union-attr]
        number="77",
        date=dt.date(2026, 11, 25),
        amount=request.amount,
        payee_name=request.contractor_name,
        payee_inn=request.contractor_inn,
        payee_account=request.contractor_account,
        payee_bik=request.contractor_bik,
        purpose=request.purpose,
        imported_by=ACCOUNTANT,
    )
    values.update(changes)
    payment = BankPayment(**values)
    session.add(payment)
    session.flush()
    return payment


def test_an_imported_outgoing_payment_marks_the_approved_request_paid(
    db: Database, parties: dict[str, int]
) -> None:
    request_id = to_status(db, parties, RequestStatus.APPROVED)
    with db.transaction() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None
        payment = outgoing(session, request)
        settled = pr.settle_outgoing(session, payment)
        assert settled is request
    with db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None and request.payment is not None
        assert request.status == RequestStatus.PAID
        assert request.paid_at == dt.date(2026, 11, 25)
        assert request.payment.status == PaymentStatus.ALLOCATED
        assert request.payment.allocated_amount == request.amount
        assert request.payment.counterparty_id == parties["contractor"]
        last = request.history[-1]
        assert (last.user_login, last.from_status, last.to_status) == (ACCOUNTANT, "approved", "paid")
        assert last.comment == "Оплачено по выписке: п/п № 77 от 25.11.2026"


def test_payments_that_do_not_fit_settle_nothing(db: Database, parties: dict[str, int]) -> None:
    approval = to_status(db, parties, RequestStatus.APPROVAL)
    approved = to_status(db, parties, RequestStatus.APPROVED)
    with db.transaction() as session:
        request = session.get(PaymentRequest, approved)
        waiting = session.get(PaymentRequest, approval)
        assert request is not None and waiting is not None
        assert pr.settle_outgoing(session, outgoing(session, request, amount=Decimal("12199.99"))) is None
        assert (
            pr.settle_outgoing(
                session, outgoing(session, request, payee_account="40702810900000000001", number="2")
            )
            is None
        )
        assert (
            pr.settle_outgoing(
                session, outgoing(session, request, own_entity_id=parties["entity2"], number="3")
            )
            is None
        )
        incoming = outgoing(session, request, direction="in", number="4")
        assert pr.settle_outgoing(session, incoming) is None
        assert request.status == RequestStatus.APPROVED and waiting.status == RequestStatus.APPROVAL
        first = outgoing(session, request, number="5")
        assert pr.settle_outgoing(session, first) is request
        assert (
            pr.settle_outgoing(session, outgoing(session, request, number="6")) is None
        )  # no second payment for it


def test_the_request_number_in_the_purpose_picks_among_equal_requests(
    db: Database, parties: dict[str, int]
) -> None:
    first = to_status(db, parties, RequestStatus.APPROVED)
    second = to_status(db, parties, RequestStatus.APPROVED)
    with db.transaction() as session:
        request = session.get(PaymentRequest, second)
        assert request is not None and request.number == "2"
        payment = outgoing(
            session, request, purpose="Оплата по заявке № 2 за услуги связи. В т.ч. НДС (22%) 2 200.00 руб."
        )
        assert pr.settle_outgoing(session, payment) is request
        other = session.get(PaymentRequest, first)
        assert other is not None
        plain = outgoing(session, other, number="90")
        assert pr.settle_outgoing(session, plain) is other


def test_numbers_workflow_and_queries_on_sqlite_and_postgresql(any_db: Database) -> None:
    with any_db.transaction() as session:
        parties = {k: v.id for k, v in setup_parties(session).items()}
    first = to_status(any_db, parties, RequestStatus.PAID)
    second = to_status(any_db, parties, RequestStatus.APPROVAL)
    with pytest.raises(WorkflowError):
        act(any_db, second, Action.PAY, ACCOUNTANT)
    act(any_db, second, Action.RETURN, APPROVER, "Уточните сумму")
    with any_db.session() as session:
        requests = {r.id: r for r in session.scalars(select(PaymentRequest))}
        assert (requests[first].number, requests[second].number) == ("1", "2")
        assert requests[first].status == RequestStatus.PAID and requests[second].status == RequestStatus.DRAFT
        assert [e.to_status for e in requests[second].history] == ["draft", "approval", "draft"]
        assert requests[second].history[-1].comment == "Уточните сумму"
        mine = set(
            session.scalars(
                pr.select_ids(pr.RequestFilter(preset="mine", search="СВЯЗЬКОМ"), INITIATOR, TODAY)
            )
        )
        assert mine == {first, second}
        totals = pr.totals(session, pr.RequestFilter(), INITIATOR, TODAY)
        assert totals.count == 2 and totals.by_currency == {"RUB": Decimal("24400.00")}


def test_a_request_marked_paid_by_hand_gets_the_payment_from_the_statement(
    db: Database, parties: dict[str, int]
) -> None:
    by_hand = to_status(db, parties, RequestStatus.PAID)  # marked paid by the accountant on TODAY
    waiting = to_status(db, parties, RequestStatus.APPROVED)
    with db.transaction() as session:
        request = session.get(PaymentRequest, by_hand)
        assert request is not None
        payment = outgoing(session, request)
        assert pr.settle_outgoing(session, payment) is request
        assert request.status == RequestStatus.PAID and request.paid_at == payment.date
        assert payment.status == PaymentStatus.ALLOCATED
        assert (request.history[-1].from_status, request.history[-1].to_status) == (None, None)
        assert request.history[-1].comment == "Платёж из выписки: п/п № 77 от 25.11.2026"
        second = outgoing(session, request, number="78")
        assert pr.settle_outgoing(session, second) is session.get(PaymentRequest, waiting)


def test_two_people_taking_the_same_step_at_once_record_it_once(pg_db: Database) -> None:
    """The first approval holds the request's row; the second waits, then finds it approved already."""
    import threading

    with pg_db.transaction() as session:
        parties = {k: v.id for k, v in setup_parties(session).items()}
        session.add(User(login="deputy", full_name="Заместитель", role="approver", is_active=True))
    request_id = to_status(pg_db, parties, RequestStatus.APPROVAL)
    first_has_lock = threading.Event()
    release_first = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        with pg_db.transaction() as session:
            pr.approve(session, request_id, login=APPROVER, comment="первый")
            first_has_lock.set()
            release_first.wait(10)

    def second() -> None:
        first_has_lock.wait(10)
        try:
            with pg_db.transaction() as session:
                pr.approve(session, request_id, login="deputy", comment="второй")
            outcome["second"] = "approved"
        except WorkflowError as error:
            outcome["second"] = error.message

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_has_lock.wait(10)
    threads[1].join(1)  # the second waits on the row lock while the first is open
    assert threads[1].is_alive()
    release_first.set()
    for thread in threads:
        thread.join(20)
    assert "в статусе «Согласован к оплате»" in str(outcome["second"])
    with pg_db.session() as session:
        request = session.get(PaymentRequest, request_id)
        assert request is not None and request.approver == APPROVER
        assert [e.comment for e in request.history if e.to_status == RequestStatus.APPROVED] == ["первый"]
