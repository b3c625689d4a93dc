"""The счёт-фактура of a sale: issued by the closing with the act of a VAT payer's «акт + счёт»
package, numbered in the entity's one счёт-фактура sequence with the UPDs of status 1, never for a
package with a UPD, a seller without VAT or a buyer who waived it; its PDF and XML (Функция СЧФ)."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.closing.files import FileWriter
from desktop.core.common import numbering
from desktop.core.common.money import format_money
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.upd_xml import upd_schema
from desktop.core.models import (
    INVOICE_SEQUENCE,
    BankPayment,
    Contract,
    Document,
    DocumentKind,
    DocumentLine,
    DocumentSet,
    PaymentDirection,
    VatRegime,
)
from tests.factories import make_document

TODAY = dt.date(2026, 11, 22)
PERIOD = "2026-10"


@pytest.fixture
def month_db(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=12, seed=21, today=TODAY)
    return sqlite_db


def _rows(database: Database, period: str = PERIOD) -> list[closing.PlanRow]:
    with database.session() as session:
        return closing.plan(session, period).issuing()


def _vat_rows(database: Database) -> list[closing.PlanRow]:
    return [r for r in _rows(database) if r.regime != VatRegime.NO_VAT and r.vat > 0]


def _of_one_entity(database: Database, count: int) -> list[int]:
    """``count`` VAT-charging contracts of the own entity that has the most of them."""
    rows = _vat_rows(database)
    by_entity: dict[int, list[int]] = {}
    for row in rows:
        by_entity.setdefault(row.entity_id, []).append(row.contract_id)
    best = max(by_entity.values(), key=len)
    assert len(best) >= count
    return best[:count]


def _set(database: Database, contract_id: int, **values: object) -> None:
    with database.transaction() as session:
        contract = session.get(Contract, contract_id)
        assert contract is not None
        for name, value in values.items():
            setattr(contract, name, value)


def _close(
    database: Database, ids: list[int], period: str = PERIOD, **files: object
) -> closing.ClosingResult:
    with database.session() as session:
        plan = closing.plan(session, period, contract_ids=ids)
    if not files:
        return closing.execute(database, plan)
    writer = FileWriter(database, files.pop("out"), **files)  # type: ignore[arg-type]
    try:
        result = closing.execute(database, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    return result


def _documents(database: Database, contract_id: int, period: str = PERIOD) -> dict[str, Document]:
    with database.session() as session:
        return {
            d.kind: d
            for d in session.scalars(
                select(Document).where(
                    Document.contract_id == contract_id, Document.period == period, Document.current.is_(True)
                )
            )
        }


def test_a_vat_sale_gets_a_separate_sf_numbered_between_upds_of_status_one(month_db: Database) -> None:
    first, second, third = _of_one_entity(month_db, 3)
    with month_db.session() as session:
        entity = session.get(Contract, first).own_entity_id  # type: ignore[union-attr]
    _set(month_db, first, documents=DocumentSet.UPD)
    _set(month_db, second, documents=DocumentSet.ACT_INVOICE)
    _set(month_db, third, documents=DocumentSet.UPD)

    with month_db.session() as session:
        row = closing.plan(session, PERIOD, contract_ids=[second]).rows[0]
    assert [d.kind for d in row.documents if d.stage == "full"].count(DocumentKind.SF) == 1
    sf_plan = next(d for d in row.documents if d.kind == DocumentKind.SF)
    act_plan = next(d for d in row.documents if d.kind == DocumentKind.ACT)
    assert sf_plan.date == act_plan.date and sf_plan.lines == act_plan.lines

    for contract_id in (first, second, third):
        assert _close(month_db, [contract_id]).errors == []
    upd1, act, invoice, sf = (
        _documents(month_db, first)["upd"],
        _documents(month_db, second)["act"],
        _documents(month_db, second)["invoice"],
        _documents(month_db, second)["sf"],
    )
    upd2 = _documents(month_db, third)["upd"]
    assert upd1.upd_status == 1 and upd2.upd_status == 1
    assert (upd1.seq + 1, upd1.seq + 2) == (sf.seq, upd2.seq)  # one sequence, in this order
    assert sf.date == act.date and sf.amount_total == act.amount_total and sf.amount_vat == act.amount_vat
    assert invoice.kind == "invoice" and not sf.signed and sf.paid_amount == 0
    with month_db.session() as session:
        assert numbering.peek(session, entity, INVOICE_SEQUENCE, 2026) == upd2.seq


def test_a_package_with_a_upd_a_seller_without_vat_and_a_waiver_get_no_sf(month_db: Database) -> None:
    rows = _rows(month_db)
    vat = [r for r in rows if r.regime != VatRegime.NO_VAT and r.vat > 0]
    no_vat = next(r for r in rows if r.regime == VatRegime.NO_VAT)
    with_upd, waived = vat[0].contract_id, vat[1].contract_id
    _set(month_db, with_upd, documents=DocumentSet.ACT_INVOICE_UPD)
    _set(month_db, no_vat.contract_id, documents=DocumentSet.ACT_INVOICE)
    _set(
        month_db,
        waived,
        documents=DocumentSet.ACT_INVOICE,
        sf_waived=True,
        sf_waiver_basis="Соглашение от 10.01.2026",
    )
    with month_db.session() as session:
        plan = closing.plan(session, PERIOD, contract_ids=[with_upd, no_vat.contract_id, waived])
    by_id = {r.contract_id: r for r in plan.rows}
    for contract_id in (with_upd, no_vat.contract_id, waived):
        assert DocumentKind.SF not in [d.kind for d in by_id[contract_id].documents]
    assert (
        "Счёт-фактура не выставляется: покупатель не плательщик НДС, согласие — Соглашение от 10.01.2026"
        in by_id[waived].warnings
    )
    assert not any("Счёт-фактура не выставляется" in w for w in by_id[with_upd].warnings)
    assert closing.dry_run_summary(plan)["documents"]["sf"] == 0
    result = closing.execute(month_db, plan)
    assert result.errors == [] and result.documents[DocumentKind.SF] == 0
    assert _documents(month_db, with_upd)["upd"].upd_status == 1  # the UPD is the счёт-фактура


def test_an_sf_dated_before_the_latest_of_the_sequence_is_refused(month_db: Database) -> None:
    later, earlier = _of_one_entity(month_db, 2)
    for contract_id in (later, earlier):
        _set(month_db, contract_id, documents=DocumentSet.ACT_INVOICE)
    assert _close(month_db, [later], "2026-11").errors == []
    november = _documents(month_db, later, "2026-11")["sf"]

    result = _close(month_db, [earlier])

    assert [e.contract_id for e in result.errors] == [earlier]
    assert result.errors[0].message == (
        f"Счёт-фактура от 31.10.2026 не может получить номер после № {november.number} от 30.11.2026: "
        "счета-фактуры нумеруются в порядке дат. Сначала оформите документы более ранних дат "
        "(закройте месяц), затем более поздние."
    )
    assert _documents(month_db, earlier) == {}  # the contract's transaction rolled back


def test_reclosing_replaces_the_sf_keeping_its_number(month_db: Database) -> None:
    contract_id = _vat_rows(month_db)[0].contract_id
    _set(month_db, contract_id, documents=DocumentSet.ACT_INVOICE)
    _close(month_db, [contract_id])
    old = _documents(month_db, contract_id)["sf"]
    result = closing.reclose_contract(month_db, contract_id, PERIOD)
    new = _documents(month_db, contract_id)["sf"]
    assert result.errors == [] and result.documents[DocumentKind.SF] == 1
    assert (new.number, new.seq, new.version) == (old.number, old.seq, old.version + 1) and new.id != old.id


def _pdf_text(path: str | None) -> str:
    assert path and Path(path).is_file()
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_sf_files_pdf_shows_number_buyer_totals_and_xml_is_a_valid_schf(
    month_db: Database, tmp_path: Path
) -> None:
    contract_id = _vat_rows(month_db)[0].contract_id
    _set(month_db, contract_id, documents=DocumentSet.ACT_INVOICE)
    result = _close(month_db, [contract_id], out=tmp_path / "out", pdf=True)
    assert result.errors == []
    docs = _documents(month_db, contract_id)
    sf, act = docs["sf"], docs["act"]
    with month_db.session() as session:
        buyer = session.get(Contract, contract_id).counterparty.full_name  # type: ignore[union-attr]
    text = _pdf_text(sf.pdf_path)
    assert f"СЧЁТ-ФАКТУРА № {sf.number} от 31.10.2026" in text
    assert buyer.split("«")[0] in text or buyer in text
    assert format_money(sf.amount_total).replace("\u00a0", " ") in text
    assert format_money(sf.amount_vat).replace("\u00a0", " ") in text
    assert f"№ {act.number} от 31.10.2026" in text  # line 5а: the act
    assert "Всего к оплате" in text and "Главный бухгалтер" in text
    assert Path(sf.docx_path or "").name == f"Счёт-фактура {sf.number} от 31.10.2026.docx"

    root = etree.parse(sf.xml_path).getroot()
    assert upd_schema().validate(root), upd_schema().error_log
    document = root.find("Документ")
    assert document is not None and document.get("Функция") == "СЧФ" and document.get("НаимДокОпр") is None
    shipping = document.find("СвСчФакт/ДокПодтвОтгрНом")
    assert shipping is not None and shipping.get("РеквНомерДок") == act.number
    assert document.find("СвПродПер") is None
    grand = document.find("ТаблСчФакт/ВсегоОпл")
    assert grand is not None and Decimal(grand.get("СтТовУчНалВсего") or "0") == sf.amount_total


def test_an_advance_sf_prints_the_receipt_and_the_calculated_rate(month_db: Database, tmp_path: Path) -> None:
    """The advance logic is another feature's: here a document of kind ADVANCE_SF as it makes them."""
    contract_id = _vat_rows(month_db)[0].contract_id
    with month_db.transaction() as session:
        contract = session.get(Contract, contract_id)
        assert contract is not None
        invoice = make_document(session, contract, kind="invoice", period="2026-11", stage="prepay")
        payment = BankPayment(
            fingerprint="sf-test-1",
            direction=PaymentDirection.INCOMING,
            own_entity_id=contract.own_entity_id,
            own_account="40702810900000000001",
            number="417",
            date=dt.date(2026, 11, 3),
            amount=Decimal("12200.00"),
            payer_inn=contract.counterparty.inn,
            counterparty_id=contract.counterparty_id,
        )
        session.add(payment)
        session.flush()
        day = dt.date(2026, 11, 5)
        seq = numbering.take_for(session, contract.own_entity_id, DocumentKind.ADVANCE_SF, 2026, day)
        advance = Document(
            kind=DocumentKind.ADVANCE_SF,
            stage="prepay",
            own_entity_id=contract.own_entity_id,
            counterparty_id=contract.counterparty_id,
            contract_id=contract.id,
            period="2026-11",
            period_start=dt.date(2026, 11, 1),
            period_end=dt.date(2026, 11, 30),
            year=2026,
            seq=seq,
            number=str(seq),
            date=day,
            amount_net=Decimal("10000.00"),
            amount_vat=Decimal("2200.00"),
            amount_total=Decimal("12200.00"),
            basis_id=invoice.id,
            payment_id=payment.id,
            lines=[
                DocumentLine(
                    position=1,
                    name="Предоплата за абонентское обслуживание за ноябрь 2026",
                    quantity=Decimal(1),
                    price=Decimal("12200.00"),
                    amount_net=Decimal("10000.00"),
                    vat_rate="22/122",
                    amount_vat=Decimal("2200.00"),
                    amount_total=Decimal("12200.00"),
                )
            ],
        )
        session.add(advance)
        session.flush()
        advance_id = advance.id
    writer = FileWriter(month_db, tmp_path / "out", pdf=True)
    result = closing.ClosingResult("2026-11")
    try:
        writer.add([advance])
        writer.finish(result)
    finally:
        writer.close()
    assert result.errors == []
    with month_db.session() as session:
        stored = session.get(Document, advance_id)
        assert stored is not None
        pdf, xml = stored.pdf_path, stored.xml_path
    text = _pdf_text(pdf)
    assert f"СЧЁТ-ФАКТУРА № {seq} от 05.11.2026" in text and "(на аванс)" in text
    assert "№ 417 от 03.11.2026" in text  # line 5: the receipt
    assert "22/122" in text and "12 200,00" in text and "2 200,00" in text
    root = etree.parse(xml).getroot()
    assert upd_schema().validate(root), upd_schema().error_log
    info = root.find("Документ/СвСчФакт")
    assert info is not None and info.find("ДокПодтвОтгрНом") is None
    prd = info.find("СвПРД")
    assert prd is not None and (prd.get("НомерПРД"), prd.get("ДатаПРД"), prd.get("СуммаПРД")) == (
        "417",
        "03.11.2026",
        "12200.00",
    )
    assert info.find("ДопСвФХЖ1").get("СпОбстФСЧФ") == "2"  # type: ignore[union-attr]
    assert root.find("Документ/ТаблСчФакт/СведТов").get("НалСт") == "22/122"  # type: ignore[union-attr]
