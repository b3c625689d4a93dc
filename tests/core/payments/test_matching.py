"""Invoice references in payment purposes and matching receipts to open invoices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.core.bank import extract_invoice_refs, normalize_invoice_number, parse_statement
from desktop.core.payments.matching import Confidence, OpenInvoice, match_payment
from tests.factories.bank import CLIENT_INN, CLIENT_KPP, Doc, encode, statement_lines

D = Decimal
OTHER_INN = "7736050003"


def refs(purpose: str) -> list[tuple[str, date | None]]:
    return [(r.number, r.date) for r in extract_invoice_refs(purpose)]


@pytest.mark.parametrize(
    ("purpose", "expected"),
    [
        (
            "Оплата по счету № 45 от 02.03.2026 за услуги связи. В т.ч. НДС (22%) 1 234.56 руб.",
            [("45", date(2026, 3, 2))],
        ),
        ("Оплата по счёту №45 от 02.03.26", [("45", date(2026, 3, 2))]),
        ("опл. сч.№0045 НДС не облагается", [("45", None)]),
        ("Оплата сч 17 за февраль", [("17", None)]),
        ("Оплата по счетам 12, 13 и 14", [("12", None), ("13", None), ("14", None)]),
        (
            "по счетам № 12 от 01.03.2026, № 13 от 05.03.2026",
            [("12", date(2026, 3, 1)), ("13", date(2026, 3, 5))],
        ),
        ("Оплата по С/Ф 77 от 1.2.2026", [("77", date(2026, 2, 1))]),
        ("Оплата по с/ф N 78", [("78", None)]),
        ("Оплата N 5 за услуги", [("5", None)]),
        ("Оплата по сч. АБ-000123 от 02.03.2026", [("123", date(2026, 3, 2))]),
        ("Оплата по счету на оплату № 12 от 01.03.2026", [("12", date(2026, 3, 1))]),
        ("Оплата по счету от 01.03.2026 г. № 45", [("45", date(2026, 3, 1))]),
        # another document's number is not an invoice; neither are amounts, accounts or words like «счетчик»
        ("Оплата по договору № 15 от 10.01.2026 по счету 46, сумма 1500", [("46", None)]),
        ("Перевод на р/сч 40702810200000012345 по сч 8", [("8", None)]),
        ("Замена счетчика 5 шт", []),
        ("Оплата по счету 12, 2 500 руб.", [("12", None)]),
        ("Оплата за услуги. НДС не облагается", []),
    ],
)
def test_invoice_refs_in_purpose(purpose: str, expected: list[tuple[str, date | None]]) -> None:
    assert refs(purpose) == expected


@pytest.mark.parametrize(
    ("raw", "normal"), [("АБ-000123", "123"), ("00045", "45"), ("45", "45"), ("ab12", "12")]
)
def test_invoice_number_normalisation(raw: str, normal: str) -> None:
    assert normalize_invoice_number(raw) == normal


def invoice(
    id: int, number: str, day: date, outstanding: str, inn: str = CLIENT_INN, kpp: str = CLIENT_KPP
) -> OpenInvoice:
    return OpenInvoice(id, number, day, inn, kpp, D(outstanding))


OPEN = [
    invoice(1, "АБ-44", date(2026, 2, 1), "1000.00"),
    invoice(2, "АБ-45", date(2026, 3, 2), "12000.00"),
    invoice(3, "АБ-46", date(2026, 3, 10), "500.00"),
    invoice(9, "АБ-45", date(2026, 3, 2), "700.00", inn=OTHER_INN, kpp="773601001"),
]


def test_full_payment_by_number_and_date() -> None:
    result = match_payment(
        D("12000.00"), "Оплата по счету № 45 от 02.03.2026. В т.ч. НДС 22%", CLIENT_INN, OPEN
    )
    assert result.auto_apply
    assert [(a.invoice_id, a.amount) for a in result.allocations] == [(2, D("12000.00"))]
    assert result.confidence is Confidence.NUMBER_DATE
    assert result.remainder == 0


def test_partial_payment_by_number_only() -> None:
    result = match_payment(D("8400.00"), "Аванс 70% по сч. 45", CLIENT_INN, OPEN)
    assert result.auto_apply
    assert result.confidence is Confidence.NUMBER
    assert [(a.invoice_id, a.amount) for a in result.allocations] == [(2, D("8400.00"))]
    assert result.remainder == 0


def test_several_named_invoices_in_one_payment() -> None:
    result = match_payment(D("1500.00"), "Оплата по счетам 44, 46", CLIENT_INN, OPEN)
    assert result.auto_apply
    assert [(a.invoice_id, a.amount) for a in result.allocations] == [(1, D("1000.00")), (3, D("500.00"))]


def test_overpayment_remainder_stays_as_advance() -> None:
    result = match_payment(D("13000.00"), "Оплата по счету № 45 от 02.03.2026", CLIENT_INN, OPEN)
    assert result.auto_apply
    assert result.allocated == D("12000.00")
    assert result.remainder == D("1000.00")
    assert "переплата 1000.00" in result.reason


def test_exact_amount_without_number() -> None:
    result = match_payment(D("500.00"), "Оплата за услуги связи", CLIENT_INN, OPEN)
    assert result.auto_apply and result.confidence is Confidence.AMOUNT
    assert [a.invoice_id for a in result.allocations] == [3]


def test_amount_of_the_oldest_invoices_pays_them_oldest_first() -> None:
    result = match_payment(D("13000.00"), "Оплата за услуги", CLIENT_INN, OPEN)
    assert result.auto_apply
    assert [(a.invoice_id, a.amount) for a in result.allocations] == [(1, D("1000.00")), (2, D("12000.00"))]


def test_inn_only_is_a_suggestion_oldest_first() -> None:
    result = match_payment(D("1200.00"), "Оплата за услуги", CLIENT_INN, OPEN)
    assert not result.auto_apply
    assert result.confidence is Confidence.INN
    assert [(a.invoice_id, a.amount) for a in result.allocations] == [(1, D("1000.00")), (2, D("200.00"))]
    assert result.remainder == D("1200.00")  # nothing applied yet
    assert result.candidates == (1, 2, 3)


def test_ambiguous_number_goes_to_the_unallocated_queue() -> None:
    last_year = invoice(5, "45", date(2025, 3, 3), "12000.00")
    result = match_payment(D("12000.00"), "Оплата по сч. 45", CLIENT_INN, [*OPEN, last_year])
    assert not result.auto_apply
    assert result.allocations == ()
    assert result.remainder == D("12000.00")
    assert "несколько" in result.reason
    assert set(result.candidates) == {2, 5}


def test_same_amount_on_two_invoices_is_ambiguous() -> None:
    twins = [invoice(1, "1", date(2026, 3, 1), "500.00"), invoice(2, "2", date(2026, 3, 2), "500.00")]
    result = match_payment(D("500.00"), "Оплата за услуги", CLIENT_INN, twins)
    assert not result.auto_apply
    assert set(result.candidates) == {1, 2}


def test_wrong_date_or_third_party_is_not_applied_automatically() -> None:
    wrong_date = match_payment(D("12000.00"), "Оплата по счету № 45 от 03.03.2026", CLIENT_INN, OPEN)
    assert not wrong_date.auto_apply
    assert [a.invoice_id for a in wrong_date.allocations] == [2]

    third_party = match_payment(
        D("700.00"), "Оплата по счету № 45 от 02.03.2026 за ООО Лютик", "7707083893", OPEN
    )
    assert not third_party.auto_apply
    assert "другому покупателю" in third_party.reason


def test_payer_without_open_invoices() -> None:
    result = match_payment(D("100.00"), "Оплата", "7707083893", OPEN)
    assert not result.auto_apply and result.allocations == () and result.remainder == D("100.00")


def test_kpp_picks_the_branch() -> None:
    branches = [
        invoice(1, "7", date(2026, 3, 1), "100.00", kpp="770401001"),
        invoice(2, "7", date(2026, 3, 1), "100.00", kpp="770402001"),
    ]
    result = match_payment(D("100.00"), "Оплата по сч 7", CLIENT_INN, branches, payer_kpp="770402001")
    assert result.auto_apply and [a.invoice_id for a in result.allocations] == [2]


def test_statement_document_is_matched() -> None:
    doc = Doc(
        "1", "03.03.2026", "12000.00", purpose="Оплата по счету № АБ-45 от 02.03.2026. НДС не облагается"
    )
    statement = parse_statement(encode(statement_lines([doc])), "m.txt")
    incoming = statement.documents[0]
    result = match_payment(incoming.amount, incoming.purpose, incoming.payer.inn, OPEN, incoming.payer.kpp)
    assert result.auto_apply and [a.invoice_id for a in result.allocations] == [2]
