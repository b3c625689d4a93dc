"""Payment orders exported for the bank client read back through our own importer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.bank import direction, parse_statement
from desktop.core.bank.orders import (
    BankDetails,
    PartyDetails,
    PaymentOrder,
    PaymentOrderError,
    payment_purpose,
    save_payment_orders,
    write_payment_orders,
)
from desktop.core.errors import StorageError, ValidationError
from tests.factories.bank import (
    CLIENT_ACCOUNT,
    CLIENT_BIK,
    CLIENT_CORR,
    CLIENT_INN,
    CLIENT_KPP,
    OWN_ACCOUNT,
    OWN_BIK,
    OWN_CORR,
    OWN_INN,
    OWN_KPP,
)

SENDER = PartyDetails('ООО "Ромашка"', OWN_INN, OWN_KPP)
OUR_BANK = BankDetails(OWN_ACCOUNT, OWN_BIK, OWN_CORR, "ПАО СБЕРБАНК", "г. Москва")
SUPPLIER = PartyDetails('ООО "Лютик"', CLIENT_INN, CLIENT_KPP)
SUPPLIER_BANK = BankDetails(CLIENT_ACCOUNT, CLIENT_BIK, CLIENT_CORR, 'АО "ТБанк"', "г. Москва")
SOLE_TRADER = PartyDetails("ИП Иванов Иван Иванович", "500100732259", "")
MARCH_1, MARCH_31 = date(2026, 3, 1), date(2026, 3, 31)


def order(number: str, amount: str, purpose: str = "", **changes: object) -> PaymentOrder:
    base = PaymentOrder(
        number=number,
        date=date(2026, 3, 16),
        amount=Decimal(amount),
        payee=SUPPLIER,
        payee_bank=SUPPLIER_BANK,
        purpose=purpose
        or payment_purpose("по счёту № 45 от 02.03.2026", "за услуги связи", 22, Decimal("1234.56")),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


ORDERS = [
    order("1", "6845.82"),
    order("2", "0.01", purpose="Возврат ошибочно перечисленных средств. НДС не облагается"),
    order(
        "999999",
        "1234567.89",
        payee=SOLE_TRADER,
        purpose="Оплата по договору № 7 от 01.02.2026 = аванс. НДС не облагается",
    ),
]


def export(orders: list[PaymentOrder] = ORDERS) -> bytes:
    return write_payment_orders(
        orders, SENDER, OUR_BANK, MARCH_1, MARCH_31, created=datetime(2026, 3, 16, 10, 30)
    )


def test_export_reads_back_with_the_same_documents_and_sums(tmp_path: Path) -> None:
    path = save_payment_orders(tmp_path / "out" / "платежки 16.03.2026.txt", export())
    statement = parse_statement(path.read_bytes(), path.name)

    assert statement.encoding == "cp1251"
    assert statement.version == "1.03"
    assert statement.header["Кодировка"] == "Windows"
    assert statement.header_accounts == [OWN_ACCOUNT]
    assert [d.number for d in statement.documents] == ["1", "2", "999999"]
    assert [d.amount for d in statement.documents] == [o.amount for o in ORDERS]
    assert statement.total() == Decimal("1241413.72")
    for doc, sent in zip(statement.documents, ORDERS, strict=True):
        assert doc.doc_type == "Платежное поручение"
        assert doc.date == sent.date
        assert doc.purpose == sent.purpose
        assert (doc.payer.account, doc.payer.inn, doc.payer.kpp, doc.payer.bik) == (
            OWN_ACCOUNT,
            OWN_INN,
            OWN_KPP,
            OWN_BIK,
        )
        assert (doc.payee.account, doc.payee.inn, doc.payee.bik, doc.payee.name) == (
            sent.payee_bank.account,
            sent.payee.inn,
            sent.payee_bank.bik,
            sent.payee.name,
        )
        assert doc.payment_kind == "01" and doc.priority == "5" and doc.uin == ""
        assert direction(doc, {OWN_ACCOUNT}) == "outgoing"
    assert statement.documents[2].payee.kpp == ""
    assert statement.warnings == [
        "Файл «платежки 16.03.2026.txt»: нет раздела СекцияРасчСчет — остатки и обороты по счёту не проверены"
    ]


def test_file_format_bank_clients_expect() -> None:
    data = export()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    text = data.decode("cp1251")
    lines = text.split("\r\n")
    assert lines[:4] == [
        "1CClientBankExchange",
        "ВерсияФормата=1.03",
        "Кодировка=Windows",
        "Отправитель=AktDesk",
    ]
    assert "ДатаСоздания=16.03.2026" in lines and "ВремяСоздания=10:30:00" in lines
    assert "Сумма=6845.82" in lines and "Сумма=0.01" in lines and "Сумма=1234567.89" in lines
    assert (
        "НазначениеПлатежа=Оплата по счёту № 45 от 02.03.2026 за услуги связи. В т.ч. НДС (22%) 1 234.56 руб."
        in lines
    )
    assert lines[-2:] == ["КонецФайла", ""]
    assert all("=" in line for line in lines if line.startswith(("Номер", "Плательщик", "Получатель")))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"number": "0"}, "номер", "нулевым"),
        ({"number": "1234567"}, "номер", "длиннее 6"),
        ({"number": "12А"}, "номер", "только из цифр"),
        ({"number": "2000"}, "номер", "000"),
        ({"amount": Decimal("10.005")}, "сумма", "двух знаков"),
        ({"amount": Decimal("0")}, "сумма", "больше нуля"),
        ({"purpose": "Оплата " + "x" * 210}, "назначение платежа", "не больше 210"),
        ({"purpose": "Оплата 🙂"}, "назначение платежа", "Windows-1251"),
        ({"date": date(2026, 4, 1)}, "дата", "вне периода"),
        ({"payee": replace(SUPPLIER, inn="7736207544")}, "ИНН получателя", "контрольная сумма"),
        ({"payee_bank": replace(SUPPLIER_BANK, account="40702810310000123456")}, "счёт получателя", "ключ"),
        ({"payee_bank": replace(SUPPLIER_BANK, bik=OWN_BIK)}, "счёт получателя", "ключ"),
        ({"payee_bank": replace(SUPPLIER_BANK, corr_account=OWN_CORR)}, "корр. счёт получателя", ""),
    ],
)
def test_invalid_orders_are_refused_before_writing(
    changes: dict[str, object], field: str, words: str
) -> None:
    bad = replace(order("3", "100.00"), **changes)  # type: ignore[arg-type]
    with pytest.raises(PaymentOrderError) as caught:
        export([ORDERS[0], bad])
    error = caught.value
    assert isinstance(error, ValidationError)
    assert {index for index, _, _ in error.problems} == {1}  # the good order is not blamed
    assert error.problems[0][1] == field
    assert words in error.problems[0][2]
    assert str(error).startswith("Платёжные поручения не выгружены:")
    assert f"п/п № {bad.number}" in str(error)


def test_own_account_is_checked_against_its_bik() -> None:
    wrong = replace(OUR_BANK, account="40702810300000012345")
    with pytest.raises(PaymentOrderError) as caught:
        write_payment_orders(ORDERS, SENDER, wrong, MARCH_1, MARCH_31)
    assert caught.value.problems[0][:2] == (None, "счёт плательщика")


def test_duplicate_numbers_in_one_file_are_refused() -> None:
    with pytest.raises(PaymentOrderError, match="уже есть"):
        export([order("5", "1.00"), order("5", "2.00")])


def test_saving_over_an_existing_file_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "orders.txt"
    target.write_bytes(b"old")
    save_payment_orders(target, export())
    assert target.read_bytes() == export()
    assert [p.name for p in tmp_path.iterdir()] == ["orders.txt"]

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="Не удалось сохранить"):
        save_payment_orders(blocker / "orders.txt", export())


def test_company_paying_needs_its_kpp_but_a_sole_trader_does_not() -> None:
    with pytest.raises(PaymentOrderError, match="КПП плательщика"):
        write_payment_orders(ORDERS, replace(SENDER, kpp=""), OUR_BANK, MARCH_1, MARCH_31)
    data = write_payment_orders(ORDERS, SOLE_TRADER, OUR_BANK, MARCH_1, MARCH_31)
    doc = parse_statement(data, "ip.txt").documents[0]
    assert doc.payer.inn == "500100732259" and doc.payer.kpp == ""
