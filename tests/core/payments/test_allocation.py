"""Manual allocation of receipts and its rules; the closed-deal notification after payment and signature."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.errors import ValidationError
from desktop.core.models import BankPayment, Document, Event, Notification
from desktop.core.notifications.store import mark_read, notifications_for, unread_count
from desktop.core.payments import (
    OverpaymentError,
    Part,
    allocate,
    import_statements,
    set_ignored,
    unallocate,
    unallocated_payments,
)
from desktop.core.registry import scans as registry_scans
from desktop.core.scans.store import ScanStore
from tests.factories.logins import who_acts
from tests.factories.payments import (
    LUTIK_ACCOUNT,
    LUTIK_INN,
    Pay,
    World,
    invoice_ref,
    statement,
    world,
    write_statement,
)
from tests.factories.pdf import one_page_pdf

PDF = one_page_pdf("signed act")


@pytest.fixture
def company(any_db: Database) -> tuple[Database, World]:
    with any_db.transaction() as session:
        w = world(session)
    return any_db, w


def _import(database: Database, tmp_path: Path, name: str, pays: list[Pay]) -> list[int]:
    report = import_statements(
        database, [write_statement(tmp_path / name, statement(pays))], user="buh.ivanova"
    )
    assert report.ok
    return report.payment_ids


def _lutik(database: Database, tmp_path: Path, amount: str = "7100.00") -> int:
    pay = Pay(
        "55", "12.10.2026", amount, "Оплата по договору за октябрь", LUTIK_INN, LUTIK_ACCOUNT, 'ООО "Лютик"'
    )
    return _import(database, tmp_path, "lutik.txt", [pay])[0]


def _state(database: Database, w: World, *names: str) -> list[Decimal]:
    with database.session() as session:
        return [session.get(Document, w.docs[n]).paid_amount for n in names]  # type: ignore[union-attr]


def test_a_person_assigns_an_unallocated_payment_to_several_invoices(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    payment_id = _lutik(database, tmp_path)

    with database.transaction() as session:
        allocate(
            session,
            payment_id,
            [Part(w.docs["upd_oct"], Decimal("6100.00")), Part(w.docs["inv_oct"], Decimal("1000.00"))],
            user="buh.petrova",
        )

    assert _state(database, w, "upd_oct", "inv_oct") == [Decimal("6100.00"), Decimal("1000.00")]
    with database.session() as session:
        payment = session.get(BankPayment, payment_id)
        assert payment is not None
        assert (payment.status, payment.allocated_amount) == ("allocated", Decimal("7100.00"))
        assert {a.confidence for a in payment.allocations} == {"manual"}
        event = session.scalars(
            select(Event).where(Event.object_type == "payment", Event.action == "allocate")
        ).one()
        assert unallocated_payments(session) == []
    assert event.user_login == who_acts(database, "buh.petrova") and event.object_id == payment_id
    assert {a["amount"] for a in json.loads(event.details)["allocations"]} == {"6100.00", "1000.00"}


def test_more_than_the_free_amount_is_refused_and_nothing_changes(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    payment_id = _lutik(database, tmp_path, "5000.00")

    with (
        pytest.raises(ValidationError, match="свободный остаток") as error,
        database.transaction() as session,
    ):
        allocate(
            session,
            payment_id,
            [Part(w.docs["upd_oct"], Decimal("3000.00")), Part(w.docs["inv_oct"], Decimal("2000.01"))],
        )

    assert not isinstance(error.value, OverpaymentError)
    assert _state(database, w, "upd_oct", "inv_oct") == [Decimal("0.00"), Decimal("0.00")]
    with database.session() as session:
        assert session.get(BankPayment, payment_id).status == "unallocated"  # type: ignore[union-attr]


def test_overpaying_an_invoice_needs_a_confirmation(company: tuple[Database, World], tmp_path: Path) -> None:
    database, w = company
    payment_id = _lutik(database, tmp_path)

    with pytest.raises(OverpaymentError, match="переплата 1\xa0000,00"), database.transaction() as session:
        allocate(session, payment_id, [Part(w.docs["upd_oct"], Decimal("7100.00"))])
    assert _state(database, w, "upd_oct") == [Decimal("0.00")]

    with database.transaction() as session:
        allocate(session, payment_id, [Part(w.docs["upd_oct"], Decimal("7100.00"))], confirm_overpayment=True)

    assert _state(database, w, "upd_oct") == [Decimal("7100.00")]
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.action == "allocate")).one()
    assert json.loads(event.details)["overpayment_confirmed"] is True


def test_acts_other_entities_and_outgoing_payments_cannot_be_allocated(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    incoming, outgoing = _import(
        database,
        tmp_path,
        "mixed.txt",
        [
            Pay("1", "05.10.2026", "100.00", "Аванс"),
            Pay("2", "06.10.2026", "100.00", "Аренда", incoming=False),
        ],
    )

    with pytest.raises(ValidationError, match="не оплачивается"), database.transaction() as session:
        allocate(session, incoming, [Part(w.docs["act_oct"], Decimal("100.00"))])
    with pytest.raises(ValidationError, match="исходящий"), database.transaction() as session:
        allocate(session, outgoing, [Part(w.docs["inv_oct"], Decimal("100.00"))])
    with pytest.raises(ValidationError, match="Не выбран ни один счёт"), database.transaction() as session:
        allocate(session, incoming, [])


def test_undoing_an_allocation_returns_the_money_to_the_queue(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    with database.session() as session:
        sep = invoice_ref(session, w.docs["inv_sep"])
    (payment_id,) = _import(
        database, tmp_path, "sep.txt", [Pay("8", "05.10.2026", "12200.00", f"Оплата сч {sep}")]
    )
    assert _state(database, w, "inv_sep") == [Decimal("12200.00")]

    with database.transaction() as session:
        unallocate(session, payment_id, user="buh.petrova")

    assert _state(database, w, "inv_sep") == [Decimal("0.00")]
    with database.session() as session:
        queue = unallocated_payments(session)
        assert session.scalars(
            select(Event).where(Event.action == "unallocate")
        ).one().user_login == who_acts(database, "buh.petrova")
    assert [(q.id, q.free) for q in queue] == [(payment_id, Decimal("12200.00"))]

    with database.transaction() as session:
        set_ignored(session, payment_id, True)
    with database.session() as session:
        assert unallocated_payments(session) == []


def _sign(database: Database, tmp_path: Path, document_id: int, name: str = "act.pdf") -> None:
    scan = tmp_path / name
    scan.write_bytes(PDF + name.encode())
    (tmp_path / "share").mkdir(exist_ok=True)
    store = ScanStore(tmp_path / "share", tmp_path / "outbox")
    with database.transaction() as session:
        document = session.get(Document, document_id)
        assert document is not None
        registry_scans.attach(session, store, document, [scan], user="m.smirnov")


def _notes(database: Database) -> list[tuple[str, int | None, str]]:
    with database.session() as session:
        return [
            (n.user_login, n.object_id, n.text)
            for n in session.scalars(select(Notification).order_by(Notification.id))
        ]


def test_paid_then_signed_closes_the_deal_and_tells_the_contract_manager_once(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    with database.session() as session:
        sep = invoice_ref(session, w.docs["inv_sep"])
    _import(database, tmp_path, "sep.txt", [Pay("8", "05.10.2026", "12200.00", f"Оплата по счёту {sep}")])
    assert _notes(database) == []

    _sign(database, tmp_path, w.docs["act_sep"])
    _sign(database, tmp_path, w.docs["act_sep"], "page2.pdf")

    notes = _notes(database)
    assert [(login, obj) for login, obj, _text in notes] == [("m.kozlova", w.docs["act_sep"])]
    assert "ООО «Ромашка»" in notes[0][2] and "АС-2026/1" in notes[0][2] and "подписан" in notes[0][2]
    with database.transaction() as session:
        assert unread_count(session, "m.kozlova") == 1
        assert [n.text for n in notifications_for(session, "m.kozlova")] == [notes[0][2]]
        assert mark_read(session, "m.kozlova") == 1
    with database.session() as session:
        assert unread_count(session, "m.kozlova") == 0


def test_seventy_thirty_deal_closes_only_when_both_invoices_are_paid(
    company: tuple[Database, World], tmp_path: Path
) -> None:
    database, w = company
    with database.session() as session:
        p70, p30 = invoice_ref(session, w.docs["inv_70"]), invoice_ref(session, w.docs["inv_30"])
    _sign(database, tmp_path, w.docs["act_70"])
    _import(
        database, tmp_path, "advance.txt", [Pay("40", "01.10.2026", "7000.00", f"Предоплата по счету {p70}")]
    )
    assert _notes(database) == []

    payment_id = _import(
        database, tmp_path, "final.txt", [Pay("41", "20.10.2026", "3000.00", "Окончательный расчёт")]
    )[0]  # no invoice named: matched by the amount the final invoice still waits for

    # the contract has no manager: the client's manager is told
    assert [(login, obj) for login, obj, _text in _notes(database)] == [("m.smirnov", w.docs["act_70"])]
    assert f"счета {p70}, {p30} оплачены" in _notes(database)[0][2]

    with database.transaction() as session:
        unallocate(session, payment_id)
    with database.transaction() as session:
        allocate(session, payment_id, [Part(w.docs["inv_30"], Decimal("3000.00"))], user="buh.ivanova")
    assert len(_notes(database)) == 1  # closed again, told once
