"""Context builders: what the print forms are filled with, computed from stored documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.common import catalog
from desktop.core.common.money import NBSP
from desktop.core.documents.context import (
    ContextOptions,
    ImageSpec,
    act_context,
    contract_context,
    detail_context,
    initials,
    invoice_context,
    plural,
    sf_context,
    upd_context,
)
from desktop.core.errors import ValidationError
from desktop.core.models import DocumentLine
from tests.factories.forms import document, work_orders


def money(text: str) -> str:
    return text.replace(" ", NBSP)


def test_act_context_totals_words_and_vat_on_top(tmp_path: Path) -> None:
    ctx = act_context(document(tmp_path))
    totals = ctx["totals"]
    assert totals["net"] == money("15 166,66")
    assert totals["vat"] == money("3 336,67")  # 2 200,00 + 990,00 + 146,67: per line, not on the total
    assert totals["total"] == money("18 503,33")
    assert totals["subtotal"] == totals["net"]
    assert totals["total_words"] == "Восемнадцать тысяч пятьсот три рубля 33 копейки"
    assert totals["vat_label"] == "НДС (22%)"
    assert totals["vat_text"] == f"НДС (22%): {money('3 336,67')} руб."
    assert totals["count"] == 3
    assert [line["vat_rate"] for line in ctx["lines"]] == ["22%"] * 3
    assert ctx["lines"][2]["period"] == "01.10–11.10"
    assert ctx["lines"][0]["period"] == ""  # the whole period is not repeated on each line
    assert ctx["doc"]["basis"] == "Договор № АС-2026/15 от 10.01.2026"
    assert ctx["doc"]["period_title"] == "октябрь 2026 г."
    assert ctx["seller"]["director_short"] == "Соколов А.В."
    assert ctx["seller"]["inn_kpp"] == "7707083893 / 773601001"
    assert ctx["seller"]["bank"]["bik"] == "044525225"
    assert ctx["buyer"]["director_short"] == "Кузнецова М.О."
    assert ctx["contract"]["title"] == "Договор возмездного оказания услуг"


def test_prices_including_vat_say_so(tmp_path: Path) -> None:
    ctx = act_context(document(tmp_path, includes_vat=True))
    assert ctx["totals"]["vat_label"] == "В том числе НДС (22%)"
    assert ctx["totals"]["vat_text"].startswith("В том числе НДС (22%): ")
    assert ctx["totals"]["subtotal"] == ctx["totals"]["total"] == money("15 166,66")


def test_tax_forms_print_the_price_without_vat_the_act_the_contracts(tmp_path: Path) -> None:
    """Column 4 of a счёт-фактура (and of a UPD) is the price without VAT (Decree 1137): a contract
    whose prices include VAT keeps them on the act, while the UPD and the separate счёт-фактура print
    the net unit price that gives the line's net."""
    doc = document(tmp_path, includes_vat=True)
    act = act_context(doc)
    for kind, ctx in (("upd", upd_context(doc)), ("sf", sf_context(doc))):
        for row, act_row, line in zip(ctx["lines"], act["lines"], sorted(doc.lines, key=lambda ln: ln.position),
                                      strict=True):  # fmt: skip
            assert act_row["price"] == money(f"{line.price:,.2f}".replace(",", " ").replace(".", ","))
            if row["price"] == "—":
                continue
            shown = Decimal(row["price"].replace(NBSP, "").replace(",", "."))
            assert shown < line.price, kind  # without the 22 % the gross price holds
            assert catalog.round_money(shown * line.quantity) == line.amount_net, kind


def test_seller_without_vat_shows_bez_naloga(tmp_path: Path) -> None:
    ctx = act_context(document(tmp_path, regime="no_vat"))
    assert ctx["totals"]["vat_label"] == "Без налога (НДС)"
    assert ctx["totals"]["vat_text"] == "Без налога (НДС)"
    assert ctx["totals"]["with_vat"] is False
    assert {line["vat"] for line in ctx["lines"]} == {"без НДС"}
    assert ctx["totals"]["total"] == money("15 166,66")


def test_three_lines_of_333_33_give_219_99_vat(tmp_path: Path) -> None:
    doc = document(tmp_path)
    lines = []
    for pos in range(1, 4):
        net, vat, total = catalog.line_amounts(Decimal(1), Decimal("333.33"), "22%")
        lines.append(
            DocumentLine(
                position=pos,
                name=f"Услуга {pos}",
                unit_code="876",
                unit_name="усл. ед",
                quantity=Decimal(1),
                price=Decimal("333.33"),
                amount_net=net,
                vat_rate="22%",
                amount_vat=vat,
                amount_total=total,
            )
        )
    doc.lines = lines
    doc.amount_net, doc.amount_vat, doc.amount_total = (
        Decimal("999.99"),
        Decimal("219.99"),
        Decimal("1219.98"),
    )
    assert act_context(doc)["totals"]["vat"] == "219,99"


def test_stored_totals_that_differ_from_the_lines_are_refused(tmp_path: Path) -> None:
    doc = document(tmp_path)
    doc.amount_vat = Decimal("3336.66")
    with pytest.raises(ValidationError, match="не равны сумме строк"):
        act_context(doc)


def test_non_payer_with_vat_lines_is_refused(tmp_path: Path) -> None:
    doc = document(tmp_path)
    doc.own_entity.vat_regime = "no_vat"
    with pytest.raises(ValidationError, match="не плательщик НДС"):
        act_context(doc)


def test_facsimile_rules(tmp_path: Path) -> None:
    act = act_context(document(tmp_path, facsimile=True))
    assert isinstance(act["stamp"], ImageSpec)
    assert isinstance(act["facsimile"], ImageSpec)
    assert act_context(document(tmp_path, facsimile=False))["facsimile"] == ""
    plain = act_context(document(tmp_path), with_stamp=False)
    assert plain["stamp"] == "" and plain["facsimile"] == ""
    # UPD status 1 is a VAT invoice: never a facsimile, even when the contract allows one.
    upd1 = upd_context(document(tmp_path, "upd", facsimile=True))
    assert upd1["doc"]["upd_status"] == 1 and upd1["facsimile"] == ""
    assert isinstance(upd1["stamp"], ImageSpec)
    upd2 = upd_context(document(tmp_path, "upd", regime="no_vat", facsimile=True))
    assert upd2["doc"]["upd_status"] == 2 and isinstance(upd2["facsimile"], ImageSpec)


def test_upd_status_1_needs_a_vat_payer(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="статус 2"):
        upd_context(document(tmp_path, "upd", regime="no_vat", upd_status=1))


def test_invoice_purpose_terms_and_qr(tmp_path: Path) -> None:
    ctx = invoice_context(document(tmp_path, "invoice"))
    assert ctx["payment"]["terms"] == "Оплатить до 10.11.2026"
    assert ctx["payment"]["purpose"] == (
        "Оплата по счёту № 154 от 31.10.2026 за услуги по договору № АС-2026/15 от 10.01.2026. "
        f"В т.ч. НДС (22%) {money('3 336,67')} руб."
    )
    assert "|Sum=1850333|" in ctx["qr_text"]
    assert ctx["qr_text"].startswith("ST00012|Name=ООО «СервисПро»|PersonalAcc=40702810200000012345|")
    assert "В т.ч. НДС (22%) 3336.67 руб." in ctx["qr_text"]
    assert isinstance(ctx["qr"], ImageSpec)
    novat = invoice_context(document(tmp_path, "invoice", regime="no_vat"))
    assert novat["payment"]["purpose"].endswith("НДС не облагается")


def test_invoice_without_a_bank_account_is_refused(tmp_path: Path) -> None:
    doc = document(tmp_path, "invoice")
    doc.own_entity.bank_accounts = []
    with pytest.raises(ValidationError, match="нет расчётного счёта"):
        invoice_context(doc)


def test_private_person_buyer(tmp_path: Path) -> None:
    buyer = act_context(document(tmp_path, buyer_kind="person"))["buyer"]
    assert buyer["is_person"] is True
    assert buyer["director_position"] == ""
    assert buyer["director_short"] == "Иванов П.С."
    assert buyer["inn_kpp"] == "500100732259"


def test_detail_lists_work_orders_by_date(tmp_path: Path) -> None:
    doc = document(tmp_path)
    orders = work_orders(doc)
    ctx = detail_context(doc, list(reversed(orders)))
    assert [w["date"] for w in ctx["work"]] == ["02.10.2026", "09.10.2026", "16.10.2026", "23.10.2026"]
    assert ctx["work"][1] == {
        "no": 2,
        "date": "09.10.2026",
        "request": "З-1049",
        "performer": "Иванов П.С.",
        "service": "Замена блока питания",
        "quantity": "0,5",
        "unit": "ч",
    }
    assert ctx["work_totals"] == [
        {"service": "Выезд специалиста для диагностики и ремонта оборудования", "unit": "ч", "quantity": "5"}
    ]


def test_contract_context(tmp_path: Path) -> None:
    doc = document(tmp_path)
    ctx = contract_context(doc.contract, ContextOptions(with_stamp=True))
    terms = ctx["contract"]
    assert terms["title"] == "Договор возмездного оказания услуг"
    assert terms["date_quoted"] == "«10» января 2026 г."
    assert terms["place"] == "г. Москва"
    assert terms["acceptance_term"] == "5 (пяти) рабочих дней"
    assert terms["payment_terms"] == (
        "Заказчик оплачивает услуги в течение 5 календарных дней с даты подписания акта на основании счёта Исполнителя."
    )
    assert terms["subject"].startswith(
        "Исполнитель обязуется по заданию Заказчика оказывать услуги: абонентское"
    )
    assert terms["valid_to"] == "31.12.2026"
    assert ctx["totals"]["total"] == money("18 503,33")
    assert [line["unit_name"] for line in ctx["lines"]] == ["мес", "ч", "шт"]
    assert isinstance(ctx["facsimile"], ImageSpec)
    doc.contract.postpay_days = 1
    doc.contract.postpay_banking_days = True
    assert "в течение 1 банковского дня" in contract_context(doc.contract)["contract"]["payment_terms"]


def test_small_helpers() -> None:
    assert initials("Соколов Андрей Викторович") == "Соколов А.В."
    assert initials("Соколов Андрей") == "Соколов А."
    assert initials("Соколов А.В.") == "Соколов А.В."
    assert initials("") == ""
    assert [plural(n, ("день", "дня", "дней")) for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "день",
        "дня",
        "дней",
        "дней",
        "день",
        "дня",
        "дней",
    ]
