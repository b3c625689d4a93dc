"""Bank statements into the database: encodings and versions, matching to invoices, repeats, rejected files."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.db import Database
from desktop.core.models import BankPayment, Contract, Counterparty, Document, Event, PaymentAllocation
from desktop.core.payments import (
    NO_CLIENT,
    ImportReport,
    grouped,
    import_statements,
    payable_clause,
    payments_of_document,
    unallocated_payments,
)
from desktop.core.registry.queries import load_rows
from tests.factories import make_document
from tests.factories.logins import who_acts
from tests.factories.payments import (
    LUTIK_ACCOUNT,
    LUTIK_INN,
    STRANGER_ACCOUNT,
    STRANGER_INN,
    SUPPLIER_ACCOUNT,
    SUPPLIER_INN,
    Pay,
    World,
    invoice_ref,
    statement,
    world,
    write_statement,
)


@pytest.fixture
def company(any_db: Database) -> tuple[Database, World]:
    with any_db.transaction() as session:
        w = world(session)
    return any_db, w


def _ref(database: Database, w: World, name: str) -> str:
    with database.session() as session:
        return invoice_ref(session, w.docs[name])


def _paid(database: Database, document_id: int) -> tuple[Decimal, str]:
    with database.session() as session:
        row = load_rows(session, [document_id])[document_id]
        return row.paid_amount, row.paid


def _count(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count(BankPayment.id))) or 0)


@pytest.mark.parametrize(
    ("codec", "label", "version", "newline", "bom"),
    [
        ("cp1251", "Windows", "1.03", "\r\n", False),
        ("cp1251", "Windows", "1.02", "\n", False),
        ("cp866", "DOS", "1.03", "\r\n", False),
        ("cp866", "DOS", "1.02", "\n", False),
        ("utf-8", "UTF-8", "1.03", "\r\n", True),
        ("utf-8", "Windows", "1.02", "\n", False),  # the header lies: UTF-8 body
    ],
)
def test_statement_in_each_encoding_and_version_imports_the_same_payments(
    sqlite_db: Database, tmp_path: Path, codec: str, label: str, version: str, newline: str, bom: bool
) -> None:
    with sqlite_db.transaction() as session:
        w = world(session)
    sep = _ref(sqlite_db, w, "inv_sep")
    pays = [
        Pay(
            "501", "05.10.2026", "12200.00", f"Оплата по счёту {sep} за услуги. В т.ч. НДС (22%) 2200.00 руб."
        ),
        Pay(
            "77",
            "06.10.2026",
            "1500.50",
            "Возврат обеспечительного платежа",
            STRANGER_INN,
            STRANGER_ACCOUNT,
            'ООО "Чужой"',
        ),
        Pay(
            "12",
            "07.10.2026",
            "3000.00",
            "Оплата аренды за октябрь",
            SUPPLIER_INN,
            SUPPLIER_ACCOUNT,
            'ООО "Склад"',
            incoming=False,
        ),
    ]
    path = write_statement(
        tmp_path / f"kl_to_1c_{codec}.txt", statement(pays, version=version, label=label), codec, newline, bom
    )

    report = import_statements(sqlite_db, [path], user="buh.ivanova")

    assert {k: v for k, v in report.as_dict().items() if k != "warnings"} == {
        "files": 1,
        "documents": 3,
        "incoming": 2,
        "outgoing": 1,
        "total_incoming": "13700.50",
        "matched": 1,
        "unallocated": 1,
        "duplicates": 0,
        "errors": [],
    }
    assert _paid(sqlite_db, w.docs["inv_sep"]) == (Decimal("12200.00"), "paid")
    with sqlite_db.session() as session:
        payments = {p.number: p for p in session.scalars(select(BankPayment))}
    assert payments["501"].payer_name == 'ООО "Ромашка"' and payments["501"].counterparty_id == w.romashka_id
    assert payments["501"].direction == "in" and payments["12"].direction == "out"
    assert payments["12"].payee_inn == SUPPLIER_INN and payments["12"].amount == Decimal("3000.00")
    assert payments["77"].counterparty_id is None and payments["77"].imported_by == "buh.ivanova"


def test_full_partial_several_invoices_overpayment_and_unallocated(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    sep, oct_, p70, p30 = (_ref(database, w, n) for n in ("inv_sep", "inv_oct", "inv_70", "inv_30"))
    pays = [
        Pay("1", "05.10.2026", "12200.00", f"Оплата по сч. {sep} за сентябрь"),  # full
        Pay("2", "06.10.2026", "10000.00", f"Частичная оплата по счету {oct_}"),  # partial
        Pay(
            "3",
            "07.10.2026",
            "10000.00",
            f"Оплата по счетам {p70.split(' от')[0]}, {p30.split(' от')[0].lstrip('№ ')}",
        ),
        Pay(
            "4",
            "08.10.2026",
            "7100.00",
            "Оплата по договору АС-2026/3 за октябрь",
            LUTIK_INN,
            LUTIK_ACCOUNT,
            'ООО "Лютик"',
        ),
        Pay(
            "5", "09.10.2026", "999.00", "Благотворительный взнос", STRANGER_INN, STRANGER_ACCOUNT, "ИП Чужой"
        ),
    ]
    path = write_statement(tmp_path / "october.txt", statement(pays))

    report = import_statements(database, [path], user="buh.ivanova")

    assert (report.incoming, report.matched, report.unallocated) == (5, 3, 2)
    assert report.total_incoming == Decimal("40299.00")
    assert _paid(database, w.docs["inv_sep"]) == (Decimal("12200.00"), "paid")
    assert _paid(database, w.docs["inv_oct"]) == (Decimal("10000.00"), "partial")
    # one payment for the 70% and the 30% invoice: both paid, each tracked on its own
    assert _paid(database, w.docs["inv_70"]) == (Decimal("7000.00"), "paid")
    assert _paid(database, w.docs["inv_30"]) == (Decimal("3000.00"), "paid")
    # no invoice number, amount differs from the UPD's 6 100.00: a person decides
    assert _paid(database, w.docs["upd_oct"]) == (Decimal("0.00"), "unpaid")
    with database.session() as session:
        by_number = {p.number: p for p in session.scalars(select(BankPayment))}
        assert by_number["1"].status == "allocated"
        confidences = {a.document_id: a.confidence for a in session.scalars(select(PaymentAllocation))}
        assert confidences[w.docs["inv_sep"]] == "num_date"
        behind = payments_of_document(session, w.docs["inv_70"])
        queue = unallocated_payments(session)
    assert [(p.payment_id, p.amount) for p in behind] == [(by_number["3"].id, Decimal("7000.00"))]
    groups = dict(grouped(queue))
    assert [p.number for p in groups["Санкт-Петербург — Орлов Денис Викторович"]] == ["4"]
    assert [p.number for p in groups[NO_CLIENT]] == ["5"]
    assert list(groups)[-1] == NO_CLIENT


def test_overpayment_pays_the_invoice_and_keeps_the_rest_as_the_clients_advance(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    sep = _ref(database, w, "inv_sep")
    path = write_statement(
        tmp_path / "over.txt", statement([Pay("9", "05.10.2026", "15000.00", f"Оплата счета {sep}")])
    )

    report = import_statements(database, [path])

    assert report.matched == 1 and report.unallocated == 0
    assert _paid(database, w.docs["inv_sep"]) == (Decimal("12200.00"), "paid")
    with database.session() as session:
        payment = session.scalars(select(BankPayment)).one()
        queue = unallocated_payments(session)
    assert (payment.status, payment.allocated_amount) == ("partial", Decimal("12200.00"))
    assert [(q.id, q.free) for q in queue] == [(payment.id, Decimal("2800.00"))]


def test_upd_only_contract_is_paid_on_its_upd_by_the_exact_amount(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    pay = Pay(
        "31",
        "10.10.2026",
        "6100.00",
        "Оплата услуг за октябрь 2026 г.",
        LUTIK_INN,
        LUTIK_ACCOUNT,
        'ООО "Лютик"',
    )
    path = write_statement(tmp_path / "upd.txt", statement([pay]))

    report = import_statements(database, [path])

    assert report.matched == 1
    assert _paid(database, w.docs["upd_oct"]) == (Decimal("6100.00"), "paid")


def test_seventy_thirty_invoices_are_paid_and_tracked_separately(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    p70 = _ref(database, w, "inv_70")
    path = write_statement(
        tmp_path / "advance.txt",
        statement([Pay("40", "01.10.2026", "7000.00", f"Предоплата 70% по счету {p70}")]),
    )

    import_statements(database, [path])

    assert _paid(database, w.docs["inv_70"]) == (Decimal("7000.00"), "paid")
    assert _paid(database, w.docs["inv_30"]) == (Decimal("0.00"), "unpaid")


def test_overlapping_statements_store_each_payment_once(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    sep, oct_ = _ref(database, w, "inv_sep"), _ref(database, w, "inv_oct")
    a = Pay("1", "05.10.2026", "12200.00", f"Оплата по счету {sep}")
    b = Pay("2", "15.10.2026", "5000.00", f"Оплата по счету {oct_}")
    c = Pay("3", "25.10.2026", "4000.00", f"Оплата по счету {oct_}")
    first = write_statement(tmp_path / "01-20.txt", statement([a, b]))
    second = write_statement(tmp_path / "10-31.txt", statement([b, c]), "cp866")

    one = import_statements(database, [first])
    two = import_statements(database, [second])
    again = import_statements(database, [first, second])

    assert (one.incoming, one.duplicates) == (2, 0)
    assert (two.documents, two.incoming, two.duplicates, two.total_incoming) == (2, 1, 1, Decimal("4000.00"))
    assert (again.files, again.documents, again.incoming, again.duplicates) == (2, 4, 0, 4)
    assert _count(database) == 3
    assert _paid(database, w.docs["inv_oct"]) == (Decimal("9000.00"), "partial")  # not counted twice


def _good(tmp_path: Path, database: Database, w: World) -> Path:
    sep = _ref(database, w, "inv_sep")
    return write_statement(
        tmp_path / "good.txt", statement([Pay("1", "05.10.2026", "12200.00", f"Оплата по счету {sep}")])
    )


def _malformed(tmp_path: Path, kind: str) -> tuple[Path, int, str]:
    pays = [
        Pay("7", "05.10.2026", "100.00", "Оплата по счету № 1"),
        Pay("8", "06.10.2026", "200.00", "Оплата по счету № 2"),
    ]
    lines = statement(pays)
    if kind == "no_end":
        lines = lines[:-1]
        return write_statement(tmp_path / "cut.txt", lines), len(lines), "КонецФайла"
    if kind == "no_amount":
        pays[1].with_amount = False
        lines = statement(pays)
        start = [i for i, line in enumerate(lines, 1) if line.startswith("СекцияДокумент")][1]
        return write_statement(tmp_path / "no_sum.txt", lines), start, "нет суммы"
    if kind == "encoding":
        lines[2] = "Кодировка=KOI8-R"
        return write_statement(tmp_path / "koi.txt", lines), 1, "неизвестная кодировка"
    data = ("\r\n".join(lines[:25]) + "\r\n").encode("cp1251") + b"\x00\x01\x02\xff" * 64
    path = tmp_path / "garbage.txt"
    path.write_bytes(data)
    return path, 26, "двоичные данные"


@pytest.mark.parametrize("kind", ["no_end", "no_amount", "encoding", "garbage"])
def test_malformed_file_is_rejected_with_its_line_and_imports_nothing(
    company: tuple[Database, World], tmp_path: Path, kind: str
) -> None:
    database, w = company
    bad, line, reason = _malformed(tmp_path, kind)
    good = _good(tmp_path, database, w)

    report = import_statements(database, [bad, good])

    assert [(e.file, e.line) for e in report.errors] == [(bad.name, line)]
    assert reason in report.errors[0].reason
    assert report.as_dict()["errors"][0]["message"] == report.errors[0].reason
    assert (report.files, report.incoming, report.matched) == (1, 1, 1)
    with database.session() as session:
        numbers = list(session.scalars(select(BankPayment.number)))
        sources = set(session.scalars(select(BankPayment.source_file)))
    assert numbers == ["1"] and sources == {str(good)}


def test_import_is_logged_and_a_document_without_own_accounts_is_skipped_with_a_warning(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    other = "40702810000000000001"
    lines = statement(
        [Pay("1", "05.10.2026", "10.00", "x"), Pay("2", "05.10.2026", "11.00", "y", own_account=other)]
    )
    path = write_statement(tmp_path / "mixed_accounts.txt", lines)

    report = import_statements(database, [path], user="buh.petrova")

    assert (report.files, report.incoming, report.errors) == (1, 1, [])
    skipped = [text for text in report.warnings if "не указан в карточках своих юрлиц" in text]
    assert len(skipped) == 1 and "п/п № 2: ни счёт" in skipped[0]
    summary = report.summary(warnings=5)
    assert "\nПредупреждения:\n— " in summary and f"\n— {skipped[0]}" in summary
    assert "Предупреждения" not in report.summary()
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.object_type == "bank_statement")).one()
        assert session.get(Document, w.docs["inv_sep"]) is not None
    assert event.user_login == who_acts(database, "buh.petrova") and "mixed_accounts.txt" in event.details


def test_a_statement_of_an_account_no_own_entity_has_is_an_error_naming_it(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, _w = company
    lines = [
        line.replace("40702810200000012345", "40702810000000000001")
        for line in statement([Pay("1", "05.10.2026", "10.00", "x")])
    ]
    path = write_statement(tmp_path / "other_bank.txt", lines)

    report = import_statements(database, [path], user="buh.petrova")

    assert (report.files, report.incoming, report.ok) == (0, 0, False)
    assert [(e.file, e.line) for e in report.errors] == [("other_bank.txt", 12)]
    assert "счёт выписки 40702810000000000001" in report.errors[0].reason
    assert "Добавьте этот счёт в карточку своего юрлица" in report.errors[0].reason
    with database.session() as session:
        assert session.scalar(select(func.count(BankPayment.id))) == 0


def test_an_invoice_number_is_not_confused_with_the_same_clients_upd_of_that_number(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    with database.transaction() as session:
        romashka = session.get(Counterparty, w.romashka_id)
        assert romashka is not None
        postpaid = Contract(
            own_entity_id=w.entity_id,
            counterparty_id=romashka.id,
            number="АС-2026/4",
            date=dt.date(2026, 1, 1),
            valid_from=dt.date(2026, 1, 1),
            documents="upd",
        )
        prepaid = Contract(
            own_entity_id=w.entity_id,
            counterparty_id=romashka.id,
            number="АС-2026/5",
            date=dt.date(2026, 1, 1),
            valid_from=dt.date(2026, 1, 1),
            documents="upd",
            payment_terms="prepay100",
        )
        session.add_all([postpaid, prepaid])
        session.flush()
        upd = make_document(session, postpaid, "upd", "2026-10", Decimal("24400.00"), Decimal("4400.00"))
        prepaid_upd = make_document(session, prepaid, "upd", "2026-10", Decimal("500.00"), Decimal("90.16"))
        invoice = session.get(Document, w.docs["inv_oct"])
        assert invoice is not None and upd.number == invoice.number  # numbered apart: both «2»
        oct_ = invoice_ref(session, invoice.id)
        payable = set(session.scalars(select(Document.id).where(payable_clause())))
    assert upd.id in payable and prepaid_upd.id not in payable  # a prepaid contract is paid by its invoices
    path = write_statement(
        tmp_path / "same.txt", statement([Pay("5", "05.11.2026", "24400.00", f"Оплата по счету {oct_}")])
    )

    report = import_statements(database, [path])

    assert report.matched == 1
    assert _paid(database, w.docs["inv_oct"]) == (Decimal("24400.00"), "paid")
    assert _paid(database, upd.id) == (Decimal("0.00"), "unpaid")


def test_two_users_importing_the_same_statement_at_once_store_it_once(
    pg_db: Database, tmp_path: Path
) -> None:
    with pg_db.transaction() as session:
        w = world(session)
    sep, oct_ = _ref(pg_db, w, "inv_sep"), _ref(pg_db, w, "inv_oct")
    pays = [Pay(str(n), "05.10.2026", "100.00", f"Оплата по счету {oct_}") for n in range(1, 30)]
    pays.append(Pay("99", "05.10.2026", "12200.00", f"Оплата по счету {sep}"))
    path = write_statement(tmp_path / "shared.txt", statement(pays))
    start = threading.Barrier(2)
    reports: list[ImportReport] = []

    def run(user: str) -> None:
        start.wait()
        reports.append(import_statements(pg_db, [path], user=user))

    threads = [threading.Thread(target=run, args=(u,)) for u in ("buh.ivanova", "buh.petrova")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert len(reports) == 2 and all(r.ok for r in reports)
    assert sorted(r.incoming for r in reports) == [0, 30]
    assert sum(r.duplicates for r in reports) == 30
    assert _count(pg_db) == 30
    assert _paid(pg_db, w.docs["inv_oct"]) == (Decimal("2900.00"), "partial")
    assert _paid(pg_db, w.docs["inv_sep"]) == (Decimal("12200.00"), "paid")


def test_a_bank_order_stored_before_its_kind_was_in_the_key_is_not_imported_again(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    from desktop.core.bank import legacy_fingerprint, parse_statement

    database, _w = company
    lines = statement([Pay("9", "06.10.2026", "700.00", "Комиссия")])
    lines = [
        line.replace("СекцияДокумент=Платежное поручение", "СекцияДокумент=Банковский ордер")
        for line in lines
    ]
    path = write_statement(tmp_path / "order.txt", lines)
    assert import_statements(database, [path]).incoming == 1
    [doc] = parse_statement(path.read_bytes(), path.name).documents
    with database.transaction() as session:  # as a database imported by the previous version holds it
        session.scalars(select(BankPayment)).one().fingerprint = legacy_fingerprint(doc)

    again = import_statements(database, [path])

    assert (again.incoming, again.duplicates) == (0, 1)
    with database.session() as session:
        assert session.scalar(select(func.count(BankPayment.id))) == 1
