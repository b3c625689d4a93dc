"""A request's fields: each required or wrong one named as the card names it, nothing saved and no number
taken; the suggested purpose with its VAT phrase; a sole trader without KPP."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.core.common import numbering
from desktop.core.db import Database
from desktop.core.models import BudgetItem, CostCentre, PaymentRequest
from desktop.core.requests import validation, workflow
from desktop.core.requests.validation import RequestValidationError
from tests.factories.requests import INITIATOR, TODAY, create


def test_purpose_without_vat_says_so() -> None:
    assert validation.suggested_purpose("Аренда склада за ноябрь", "50000", "без НДС") == (
        "Аренда склада за ноябрь. НДС не облагается"
    )
    assert validation.suggested_purpose("за обучение", Decimal("1050.00"), "5%") == (
        "Оплата за обучение. В т.ч. НДС (5%) 50.00 руб."
    )
    assert validation.suggested_purpose("за обучение", Decimal("-5"), "5%") == ""  # nothing to suggest yet
    assert validation.suggested_purpose("", Decimal("1050.00"), "5%") == ""
    assert validation.suggested_purpose("за обучение", Decimal("1050.00"), "5%", "USD") == (
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
    assert (
        validation.FIELD_TITLES[field] in caught.value.message
    )  # the message names the field as the card does
    with db.session() as session:
        assert session.scalar(select(func.count(PaymentRequest.id))) == 0
        assert numbering.peek(session, parties["entity"], workflow.NUMBER_KIND, 2026) == 0  # no number burnt


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


def test_a_budget_item_and_a_cost_centre_are_required_once_their_directories_are_in_use(
    db: Database, parties: dict[str, int]
) -> None:
    early = create(db, parties)  # no directory yet: nothing to choose from, nothing required
    with db.transaction() as session:
        rent, closed = (
            BudgetItem(code="01.01", name="Аренда"),
            BudgetItem(code="09.09", name="Старая", is_active=False),
        )
        sales = CostCentre(code="ОП", name="Отдел продаж")
        session.add_all([rent, closed, sales])
        session.flush()
        ids = {"rent": rent.id, "closed": closed.id, "sales": sales.id}
    with pytest.raises(RequestValidationError) as caught:
        create(db, parties)
    assert caught.value.errors == {
        "budget_item_id": "выберите статью из справочника",
        "cost_centre_id": "выберите ЦФО из справочника",
    }
    assert caught.value.message == (
        "Заявка заполнена с ошибками:\nСтатья ДДС: выберите статью из справочника\nЦФО: выберите ЦФО из справочника"
    )
    with pytest.raises(RequestValidationError) as caught:
        create(db, parties, budget_item_id=ids["closed"], cost_centre_id=9999)
    assert caught.value.errors == {
        "budget_item_id": "«09.09 Старая» больше не действует — выберите другую",
        "cost_centre_id": "записи #9999 нет в справочнике (удалена) — выберите другой",
    }
    # The draft made before the directories cannot be submitted without them now.
    with pytest.raises(RequestValidationError) as caught, db.transaction() as session:
        workflow.submit(session, early, login=INITIATOR)
    assert set(caught.value.errors) == {"budget_item_id", "cost_centre_id"}
    request_id = create(db, parties, budget_item_id=ids["rent"], cost_centre_id=ids["sales"])
    with db.transaction() as session:
        request = session.get(PaymentRequest, early)
        assert request is not None
        values = replace(
            validation.RequestInput.from_request(request),
            budget_item_id=ids["rent"],
            cost_centre_id=ids["sales"],
        )
        workflow.update_request(session, early, values, login=INITIATOR)
        workflow.submit(session, early, login=INITIATOR)
        workflow.submit(session, request_id, login=INITIATOR)
        assert request.history[-2].comment == "Изменено: Статья ДДС, ЦФО"
