"""A sale sent or signed, then changed by an agreement: the closing issues a УКД (Decree 1137 appendix 2)
with the difference, in its own sequence, once per change; an unsent sale is replaced as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.common.money import format_money
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents.pdf import page_texts
from desktop.core.models import Document, DocumentKind, DocumentSet, NumberSequence
from tests.factories import TODAY
from tests.factories.corrections import (
    PERIOD,
    agree_price,
    close,
    documents_of,
    first_line,
    pick_contract,
    send,
)

VAT = Decimal("0.22")


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=12, seed=5, today=TODAY)
    return sqlite_db


@pytest.fixture
def any_demo(any_db: Database) -> Database:
    with any_db.transaction() as session:
        fill_demo(session, clients=12, seed=5, today=TODAY)
    return any_db


def _plan(database: Database, contract_id: int) -> closing.ClosingPlan:
    with database.session() as session:
        return closing.plan(session, PERIOD, contract_ids=[contract_id])


def _text(path: str | None) -> str:
    assert path and Path(path).is_file()
    return " ".join(" ".join(page_texts(Path(path))).replace("\u00a0", " ").split())


def _money(value: Decimal) -> str:
    return format_money(value).replace("\u00a0", " ")


def test_an_agreement_after_a_sent_upd_gives_one_ukd_with_the_increase(
    any_demo: Database, tmp_path: Path
) -> None:
    demo = any_demo  # SQLite and PostgreSQL
    contract_id = pick_contract(demo, vat=True, documents=DocumentSet.ACT_INVOICE_UPD)
    out = tmp_path / "out"
    first = close(demo, contract_id, out)
    assert first.errors == [] and first.documents[DocumentKind.UPD] == 1
    send(demo, contract_id)
    _line_id, quantity, price = first_line(demo, contract_id)
    (upd,) = documents_of(demo, contract_id, "upd")
    agree_price(demo, contract_id, price + Decimal("1000.00"))

    # The dry run shows the УКД with the difference and issues nothing.
    plan = _plan(demo, contract_id)
    (row,) = plan.rows
    (planned,) = [d for d in row.to_issue]
    assert planned.kind == DocumentKind.UKD and planned.correction is not None
    increase = (quantity * Decimal("1000.00")).quantize(Decimal("0.01"))
    if not row.includes_vat:
        increase_vat = (increase * VAT).quantize(Decimal("0.01"))
        increase_total = increase + increase_vat
    else:
        increase_total = increase
        increase_vat = (increase * 22 / 122).quantize(Decimal("0.01"))
    expected = (
        f"УКД к УПД № {upd.number} от 31.10.2026: было {format_money(upd.amount_total)}, "
        f"стало {format_money(upd.amount_total + increase_total)}, "
        f"увеличение {format_money(increase_total)} (НДС {format_money(increase_vat)})"
    )
    assert expected in row.warnings
    # Issued today, later than 5 days after the agreement of 25.11.2026: the preview says so.
    assert any(w.startswith("УКД выставляется не позднее 5 календарных дней") for w in row.warnings)
    summary = closing.dry_run_summary(plan)
    assert summary["documents"]["ukd"] == 1 and summary["documents"]["upd"] == 0
    assert documents_of(demo, contract_id, "ukd") == []

    # Closing issues one УКД, numbered 1 in the "ukd" sequence, with lines А/Б and the increase.
    result = close(demo, contract_id, out)
    assert result.errors == [] and result.documents[DocumentKind.UKD] == 1
    assert sum(result.documents.values()) == 1  # the sent UPD and the act are not replaced
    (ukd,) = documents_of(demo, contract_id, "ukd")
    assert ukd.number.endswith("1") and ukd.seq == 1 and ukd.basis_id == upd.id
    assert ukd.date == max(dt.date.today(), upd.date) and ukd.period == PERIOD and ukd.upd_status == 1
    (line,) = ukd.lines
    assert line.quantity_before == line.quantity == quantity
    assert (line.price_before, line.price) == (price, price + Decimal("1000.00"))
    assert line.amount_total - line.amount_total_before == increase_total
    assert (ukd.amount_total, ukd.amount_vat) == (increase_total, increase_vat)
    with demo.session() as session:
        sequence = session.get(NumberSequence, (ukd.own_entity_id, "ukd", ukd.date.year))
        assert sequence is not None and sequence.last_value == 1
    # Its DOCX and PDF are in the sale's month folder; the PDF shows the form, the UPD and the increase.
    assert ukd.docx_path and Path(ukd.docx_path).is_file() and ukd.xml_path is None
    assert Path(ukd.pdf_path or "").parent == Path(upd.pdf_path or "").parent
    text = _text(ukd.pdf_path)
    assert "Корректировочный счёт-фактура" in text and f"№ {ukd.number}" in text
    assert f"№ {upd.number} от 31.10.2026" in text
    assert _money(increase_total) in text and "Дополнительное соглашение № 1 от 25.11.2026" in text

    # Dated the day it is issued, in a sequence of its own: closing November is not out of order for it.
    with demo.session() as session:
        assert closing.order_warnings(session, "2026-11", [ukd.own_entity_id], dt.date(2026, 12, 31)) == []
    # Rerunning the closing issues nothing more: the chain's latest state is the terms now.
    again = _plan(demo, contract_id)
    assert not again.rows[0].to_issue and not any("УКД" in w for w in again.rows[0].warnings)
    rerun = close(demo, contract_id, out)
    assert sum(rerun.documents.values()) == 0 and len(documents_of(demo, contract_id, "ukd")) == 1


def test_a_second_agreement_corrects_the_first_ukd_and_a_decrease_goes_to_line_g(
    demo: Database, tmp_path: Path
) -> None:
    contract_id = pick_contract(demo, vat=True, documents=DocumentSet.UPD)
    out = tmp_path / "out"
    close(demo, contract_id, out, pdf=False)
    send(demo, contract_id)
    _line_id, quantity, price = first_line(demo, contract_id)
    agree_price(demo, contract_id, price + Decimal("500.00"))
    close(demo, contract_id, out, pdf=False)
    (first,) = documents_of(demo, contract_id, "ukd")
    # A second agreement lowers the price below the original: the second УКД corrects the first one.
    agree_price(demo, contract_id, price - Decimal("100.00"), number="2", signed=dt.date(2026, 11, 28))
    (row,) = _plan(demo, contract_id).rows
    assert any(w.startswith("УКД к УПД") and "уменьшение" in w for w in row.warnings)
    result = close(demo, contract_id, out)
    assert result.errors == [] and result.documents[DocumentKind.UKD] == 1
    first, second = documents_of(demo, contract_id, "ukd")
    assert second.basis_id == first.id and second.seq == first.seq + 1
    (line,) = second.lines
    assert (line.price_before, line.price) == (price + Decimal("500.00"), price - Decimal("100.00"))
    assert second.amount_total < 0 and second.amount_net == -(quantity * Decimal("600.00"))
    text = _text(second.pdf_path)
    assert "Всего уменьшение" in text and _money(-second.amount_total) in text


def test_an_agreement_from_mid_month_gives_one_position_with_both_parts(
    demo: Database, tmp_path: Path
) -> None:
    contract_id = pick_contract(demo, vat=True, documents=DocumentSet.UPD)
    close(demo, contract_id, tmp_path / "out", pdf=False)
    send(demo, contract_id)
    (upd,) = documents_of(demo, contract_id, "upd")
    _line_id, _quantity, price = first_line(demo, contract_id)
    agree_price(demo, contract_id, price + Decimal("3100.00"), effective=dt.date(2026, 10, 15))
    (row,) = _plan(demo, contract_id).rows
    parts = [ln for ln in row.lines if ln.period_from.day in (1, 15) and ln.prorated]
    assert len(parts) == 2  # «… (01.10–14.10)» and «… (15.10–31.10)»
    close(demo, contract_id, tmp_path / "out", pdf=False)
    (ukd,) = documents_of(demo, contract_id, "ukd")
    (line,) = ukd.lines  # one position: the sale's line, both parts together after the change
    before = next(ln for ln in upd.lines if ln.name == line.name)
    assert (line.quantity_before, line.price_before) == (before.quantity, before.price)
    assert line.quantity == 1 and line.amount_net == sum(p.net for p in parts)
    assert (
        line.amount_total == sum(p.total for p in parts)
        and ukd.amount_total == line.amount_total - before.amount_total
    )


def test_a_signed_act_of_the_package_gets_the_ukd_on_its_unsent_upd_which_stays(
    demo: Database, tmp_path: Path
) -> None:
    contract_id = pick_contract(demo, vat=True, documents=DocumentSet.ACT_INVOICE_UPD)
    close(demo, contract_id, tmp_path / "out", pdf=False)
    (act,) = documents_of(demo, contract_id, "act")
    (upd,) = documents_of(demo, contract_id, "upd")
    with demo.transaction() as session:  # the act came back signed, the UPD was never sent
        document = session.get(Document, act.id)
        assert document is not None
        document.signed = True
    _line_id, _quantity, price = first_line(demo, contract_id)
    agree_price(demo, contract_id, price + Decimal("1000.00"))
    # Even the correcting run that replaces unsent documents keeps this sale: one УКД, on the UPD.
    result = closing.reclose_contract(demo, contract_id, PERIOD)
    assert result.errors == [] and result.documents[DocumentKind.UKD] == 1
    assert result.documents[DocumentKind.UPD] == result.documents[DocumentKind.ACT] == 0
    (ukd,) = documents_of(demo, contract_id, "ukd")
    assert ukd.basis_id == upd.id
    assert [d.version for d in documents_of(demo, contract_id, "upd")] == [1]


def test_an_unsent_upd_is_replaced_as_before_without_a_ukd(demo: Database, tmp_path: Path) -> None:
    contract_id = pick_contract(demo, vat=True, documents=DocumentSet.UPD)
    close(demo, contract_id, tmp_path / "out", pdf=False)
    _line_id, _quantity, price = first_line(demo, contract_id)
    agree_price(demo, contract_id, price + Decimal("1000.00"))
    (row,) = _plan(demo, contract_id).rows
    assert not any(d.kind == DocumentKind.UKD for d in row.documents)
    result = closing.reclose_contract(demo, contract_id, PERIOD)
    assert result.documents[DocumentKind.UPD] == 1 and result.documents[DocumentKind.UKD] == 0
    versions = documents_of(demo, contract_id, "upd")
    assert [v.version for v in versions] == [1, 2] and documents_of(demo, contract_id, "ukd") == []


def test_act_and_invoice_of_an_entity_without_vat_give_a_ukd_on_the_signed_act(
    demo: Database, tmp_path: Path
) -> None:
    contract_id = pick_contract(demo, vat=False, documents=DocumentSet.ACT_INVOICE)
    out = tmp_path / "out"
    close(demo, contract_id, out, pdf=False)
    (act,) = documents_of(demo, contract_id, "act")
    with demo.transaction() as session:  # the signed act came back (as test_plan marks it)
        document = session.get(Document, act.id)
        assert document is not None
        document.signed = True
    _line_id, _quantity, price = first_line(demo, contract_id)
    agree_price(demo, contract_id, price + Decimal("300.00"))
    (row,) = _plan(demo, contract_id).rows
    (text,) = [w for w in row.warnings if w.startswith(f"УКД к акту № {act.number}")]
    assert text.endswith(" (без НДС)")
    result = close(demo, contract_id, out)
    assert result.errors == [] and result.documents[DocumentKind.UKD] == 1
    assert result.documents[DocumentKind.INVOICE] == 0  # an invoice for payment is never corrected
    (ukd,) = documents_of(demo, contract_id, "ukd")
    assert ukd.basis_id == act.id and ukd.upd_status == 2 and ukd.amount_vat == 0
    text = _text(ukd.pdf_path)
    assert f"акту № {act.number} от 31.10.2026" in text
    with demo.session() as session:
        assert session.scalar(select(NumberSequence.last_value).where(NumberSequence.kind == "ukd")) == 1
