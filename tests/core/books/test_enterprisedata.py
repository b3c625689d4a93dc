"""The export to 1C on a demo with closed months and a matched statement: valid files, stable refs, the sums."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.core.books.enterprisedata import InvoiceKind, IssuedInvoice, build_message, stable_ref
from desktop.core.books.operations import collect, export_1c
from desktop.core.common import numbering
from desktop.core.db import Database, open_database
from desktop.core.demo.data import fill_demo
from desktop.core.demo.history import add_demo_history
from desktop.core.errors import ValidationError
from desktop.core.models import BankPayment, Document, DocumentKind, DocumentLine, OwnEntity, PaymentDirection
from tests.core.books.xsd import ED, refs, schema_errors
from tests.factories import TODAY, copy_of

PERIOD = "2026-10"  # the demo's last closed month
START, END = dt.date(2026, 10, 1), dt.date(2026, 10, 31)


def _closed_demo(database: Database, out: Path) -> None:
    with database.transaction() as session:
        fill_demo(session, clients=8, seed=3, today=TODAY)
    history = add_demo_history(database, out, today=TODAY, pdf=False)
    assert history.errors == [] and history.periods[-1] == PERIOD


@pytest.fixture(scope="module")
def closed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("closed")
    database = open_database(f"sqlite:///{folder / 'closed.sqlite'}")
    _closed_demo(database, folder / "out")
    database.dispose()
    return folder / "closed.sqlite"


@pytest.fixture
def closed(closed_file: Path, tmp_path: Path) -> Iterator[Database]:
    with copy_of(closed_file, tmp_path) as database:
        yield database


def _objects(path: Path, version: str, name: str) -> list[etree._Element]:
    body = etree.parse(str(path)).getroot()[1]
    return [obj for obj in body if obj.tag == f"{ED % version}{name}"]


def _text(element: etree._Element, version: str, path: str) -> str:
    steps = "/".join(f"{ED % version}{step}" for step in path.split("/"))
    found = element.find(steps)
    assert found is not None and found.text is not None, path
    return found.text


@pytest.mark.parametrize("version", ["1.20", "1.21"])
def test_two_exports_are_valid_and_carry_the_same_refs(
    closed: Database, tmp_path: Path, version: str
) -> None:
    first = export_1c(closed, PERIOD, [], version, tmp_path / "first.xml")
    second = export_1c(closed, PERIOD, [], version, tmp_path / "second.xml")
    for path in (first.path, second.path):
        assert schema_errors(path, version) == []
    assert first.counts == second.counts
    for name in ("Справочник.Организации", "Справочник.Контрагенты", "Справочник.Договоры",
                 "Справочник.Номенклатура", "Документ.РеализацияТоваровУслуг", "Документ.СчетПокупателю",
                 "Документ.СчетФактураВыданный.НаРеализацию", "Документ.ПБДСРасчетыСКонтрагентами"):  # fmt: skip
        assert first.counts[name] > 0, name
    first_refs, second_refs = refs(first.path), refs(second.path)
    assert all(first_refs) and len(set(first_refs)) == len(first_refs) == first.total
    assert set(first_refs) == set(second_refs)
    root = etree.parse(str(first.path)).getroot()
    assert root[0].findtext("{http://www.1c.ru/SSL/Exchange/Message}Format") == ED[1:-1] % version


def test_the_sales_are_the_documents_with_their_sums_and_22_percent(closed: Database, tmp_path: Path) -> None:
    summary = export_1c(closed, PERIOD, [], "1.21", tmp_path / "ed.xml")
    with closed.session() as session:
        documents = list(
            session.scalars(
                select(Document)
                .where(Document.current.is_(True), Document.date.between(START, END))
                .options(selectinload(Document.contract), selectinload(Document.own_entity))
            )
        )
        payments = list(
            session.scalars(
                select(BankPayment)
                .where(
                    BankPayment.direction == PaymentDirection.INCOMING, BankPayment.date.between(START, END)
                )
                .options(selectinload(BankPayment.allocations))
            )
        )
        # An act and a UPD of one contract's month (the package «акт, счёт и УПД») are one sale: the UPD.
        with_upd = {(d.contract_id, d.period) for d in documents if d.kind == DocumentKind.UPD}
        sales = {
            stable_ref("documents", d.id): d
            for d in documents
            if d.kind == DocumentKind.UPD
            or (d.kind == DocumentKind.ACT and (d.contract_id, d.period) not in with_upd)
        }
        assert len(sales) < len([d for d in documents if d.kind in (DocumentKind.ACT, DocumentKind.UPD)])
        invoices = {stable_ref("documents", d.id): d for d in documents if d.kind == DocumentKind.INVOICE}
        status_1 = {
            stable_ref("documents", d.id)
            for d in documents
            if d.kind == DocumentKind.UPD and d.upd_status == 1
        }
        # A separate счёт-фактура is issued with the act (a VAT payer's «акт + счёт»): the act is its sale.
        with_sf = {(d.contract_id, d.period) for d in documents if d.kind == DocumentKind.SF}
        sf_acts = {
            stable_ref("documents", d.id)
            for d in documents
            if d.kind == DocumentKind.ACT and (d.contract_id, d.period) in with_sf
        }
        separate = {d.number for d in documents if d.kind == DocumentKind.SF}

    written = _objects(summary.path, "1.21", "Документ.РеализацияТоваровУслуг")
    assert {_text(s, "1.21", "КлючевыеСвойства/Ссылка") for s in written} == set(sales)
    rates = set()
    for sale in written:
        doc = sales[_text(sale, "1.21", "КлючевыеСвойства/Ссылка")]
        assert _text(sale, "1.21", "КлючевыеСвойства/Номер") == doc.number
        assert Decimal(_text(sale, "1.21", "Сумма")) == doc.amount_total
        includes = _text(sale, "1.21", "СуммаВключаетНДС") == "true"
        lines = sale.findall(f"{ED % '1.21'}Услуги/{ED % '1.21'}Строка")
        net = sum(Decimal(_text(line, "1.21", "Сумма")) for line in lines)
        vat = sum(Decimal(_text(line, "1.21", "СуммаНДС")) for line in lines)
        assert vat == doc.amount_vat
        assert (net if includes else net + vat) == doc.amount_total
        rates |= {_text(line, "1.21", "СтавкаНДС/Ставка") for line in lines if doc.amount_vat}
    assert "22" in rates

    written_invoices = _objects(summary.path, "1.21", "Документ.СчетПокупателю")
    assert {_text(i, "1.21", "КлючевыеСвойства/Ссылка") for i in written_invoices} == set(invoices)
    for invoice in written_invoices:
        assert (
            Decimal(_text(invoice, "1.21", "Сумма"))
            == invoices[_text(invoice, "1.21", "КлючевыеСвойства/Ссылка")].amount_total
        )

    # The счёт-фактура of each UPD with status 1, linked to its sale.
    issued = _objects(summary.path, "1.21", "Документ.СчетФактураВыданный")
    bases = {
        _text(i, "1.21", "ДокументыОснования/Строка/ДокументОснование/РеализацияТоваровУслугСсылка/Ссылка")
        for i in issued
    }
    assert status_1 and sf_acts and bases == status_1 | sf_acts
    assert {_text(i, "1.21", "ВидСчетаФактуры") for i in issued} == {"НаРеализацию"}
    assert separate <= {_text(i, "1.21", "КлючевыеСвойства/Номер") for i in issued}

    # Each receipt of the month, decoded: its lines add up to the payment, allocations by contract.
    receipts = {
        _text(p, "1.21", "КлючевыеСвойства/Ссылка"): p
        for p in _objects(summary.path, "1.21", "Документ.ПБДСРасчетыСКонтрагентами")
    }
    assert set(receipts) == {stable_ref("bank_payments", p.id) for p in payments if p.status != "ignored"}
    allocated = [p for p in payments if p.allocations]
    assert allocated
    for payment in payments:
        element = receipts[stable_ref("bank_payments", payment.id)]
        rows = element.findall(f"{ED % '1.21'}РасшифровкаПлатежа/{ED % '1.21'}Строка")
        assert sum(Decimal(_text(r, "1.21", "Сумма")) for r in rows) == payment.amount
        contracts = [
            r.findtext(f"{ED % '1.21'}ДанныеВзаиморасчетов/{ED % '1.21'}Договор/{ED % '1.21'}Ссылка")
            for r in rows
        ]
        assert len([c for c in contracts if c]) == len(payment.allocations)


def test_one_entity_only_and_what_cannot_be_exported(closed: Database, tmp_path: Path) -> None:
    with closed.session() as session:
        inn = session.scalars(
            select(OwnEntity.inn)
            .join(Document, Document.own_entity_id == OwnEntity.id)
            .where(Document.date.between(START, END))
            .order_by(OwnEntity.id)
            .limit(1)
        ).one()
    summary = export_1c(closed, PERIOD, [inn], "1.21", tmp_path / "one.xml")
    assert summary.entities == [inn] and schema_errors(summary.path, "1.21") == []
    organisations = _objects(summary.path, "1.21", "Справочник.Организации")
    assert [_text(o, "1.21", "КлючевыеСвойства/ИНН") for o in organisations] == [inn]

    with pytest.raises(ValidationError, match="нечего выгружать"):
        export_1c(closed, "2025-01", [], "1.21", tmp_path / "empty.xml")
    with pytest.raises(ValidationError, match="ГГГГ-ММ"):
        export_1c(closed, "2026-13", [], "1.21", tmp_path / "bad.xml")
    with pytest.raises(ValidationError, match="0000000000"):
        export_1c(closed, PERIOD, ["0000000000"], "1.21", tmp_path / "nobody.xml")
    with pytest.raises(ValidationError, match=r"1\.20, 1\.21"):
        export_1c(closed, PERIOD, [], "1.8", tmp_path / "old.xml")
    assert not any((tmp_path / name).exists() for name in ("empty.xml", "bad.xml", "nobody.xml", "old.xml"))


def test_the_export_on_postgresql_is_valid_and_stable(pg_db: Database, tmp_path: Path) -> None:
    _closed_demo(pg_db, tmp_path / "out")
    first = export_1c(pg_db, PERIOD, [], "1.21", tmp_path / "first.xml")
    second = export_1c(pg_db, PERIOD, [], "1.20", tmp_path / "second.xml")
    assert schema_errors(first.path, "1.21") == [] and schema_errors(second.path, "1.20") == []
    assert (
        set(refs(first.path)) == set(refs(second.path))
        and first.counts["Документ.РеализацияТоваровУслуг"] > 0
    )
    shutil.rmtree(tmp_path / "out")


def test_an_advance_invoice_from_another_source_is_written_on_its_receipt(
    closed: Database, tmp_path: Path
) -> None:
    """The seam for separate and advance счета-фактуры: an ``IssuedInvoice`` on a receipt validates."""
    with closed.session() as session:
        entity_ids = list(session.scalars(select(OwnEntity.id)))
        data = collect(session, PERIOD, entity_ids)
        receipt = next(p for p in data.payments if p.counterparty is not None and p.allocations)
        contract = receipt.allocations[0].document.contract
        vat = (receipt.amount * 22 / 122).quantize(Decimal("0.01"))
        data.issued.append(
            IssuedInvoice(
                table="advance_invoices", row_id=1, kind=InvoiceKind.ADVANCE, number="А-1",
                date=receipt.date, entity=contract.own_entity, counterparty=receipt.counterparty,
                contract=contract, total=receipt.amount, vat=vat, vat_rate="22/122", basis=receipt,
            )
        )  # fmt: skip
        payload, counts = build_message(data, "1.21", dt.datetime(2026, 11, 1, 12, 0))
    path = tmp_path / "advance.xml"
    path.write_bytes(payload)
    assert schema_errors(path, "1.21") == [] and counts["Документ.СчетФактураВыданный.НаАванс"] == 1
    advance = next(
        i
        for i in _objects(path, "1.21", "Документ.СчетФактураВыданный")
        if _text(i, "1.21", "ВидСчетаФактуры") == "НаАванс"
    )
    basis = "ДокументыОснования/Строка/ДокументОснование/ПБДСРасчетыСКонтрагентамиСсылка/Ссылка"
    assert _text(advance, "1.21", basis) == stable_ref("bank_payments", receipt.id)
    assert _text(advance, "1.21", "СтавкаНДС/ВидСтавки") == "ОбщаяРасчетная"


def test_an_advance_sf_of_a_receipt_is_exported_on_it(closed: Database, tmp_path: Path) -> None:
    """A document of kind ADVANCE_SF (made by the advances feature) on one of the month's receipts:
    the export writes it as «НаАванс» with the receipt as its basis, and the file stays valid."""
    with closed.transaction() as session:
        entity_ids = list(session.scalars(select(OwnEntity.id)))
        receipt = next(p for p in collect(session, PERIOD, entity_ids).payments if p.allocations)
        invoice = receipt.allocations[0].document
        vat = (receipt.amount * 22 / 122).quantize(Decimal("0.01"))
        seq = numbering.take(session, invoice.own_entity_id, "sf", 2026)
        advance = Document(
            kind=DocumentKind.ADVANCE_SF, stage="prepay", own_entity_id=invoice.own_entity_id,
            counterparty_id=invoice.counterparty_id, contract_id=invoice.contract_id, period=invoice.period,
            period_start=invoice.period_start, period_end=invoice.period_end, year=2026, seq=seq,
            number=f"А-{seq}", date=receipt.date, amount_net=receipt.amount - vat, amount_vat=vat,
            amount_total=receipt.amount, basis_id=invoice.id, payment_id=receipt.id,
            lines=[
                DocumentLine(
                    position=1, name="Предоплата за услуги", quantity=Decimal(1), price=receipt.amount,
                    amount_net=receipt.amount - vat, vat_rate="22/122", amount_vat=vat,
                    amount_total=receipt.amount,
                )
            ],
        )  # fmt: skip
        session.add(advance)
        session.flush()
        advance_id, receipt_id = advance.id, receipt.id
    summary = export_1c(closed, PERIOD, [], "1.21", tmp_path / "ed.xml")
    assert schema_errors(summary.path, "1.21") == []
    assert summary.counts["Документ.СчетФактураВыданный.НаАванс"] == 1
    written = next(
        i
        for i in _objects(summary.path, "1.21", "Документ.СчетФактураВыданный")
        if _text(i, "1.21", "ВидСчетаФактуры") == "НаАванс"
    )
    assert _text(written, "1.21", "КлючевыеСвойства/Ссылка") == stable_ref("documents/invoice", advance_id)
    basis = "ДокументыОснования/Строка/ДокументОснование/ПБДСРасчетыСКонтрагентамиСсылка/Ссылка"
    assert _text(written, "1.21", basis) == stable_ref("bank_payments", receipt_id)
    assert _text(written, "1.21", "СтавкаНДС/ВидСтавки") == "ОбщаяРасчетная"
    assert Decimal(_text(written, "1.21", "СуммаНДС")) == vat
