"""The sales ledger (книга продаж) of a quarter: one row per счёт-фактура of an own entity
(docs/domain.md, «Книга продаж»; Decree 1137 appendix 5 in its 2026 wording).

What goes in, by the date of the document (current versions only):

* a separate счёт-фактура (kind SF) and a UPD with status 1 — code 01, the sale by rate in
  columns 14–16 and 17–18, column 11а the advance счета-фактуры the sale offsets;
* an advance счёт-фактура (kind ADVANCE_SF) — code 02, column 11 the receipt, 13б the prepayment,
  17/17а/18 the VAT at the calculated rate (22/122 → the 22 % column), nothing in 14–16;
* a УКД (kind UKD) with an increase — code 01, column 3 the corrected счёт-фактура, column 5 the
  КСФ, the positive differences after − before of its lines. A decrease goes to the seller's
  книга покупок (code 18) and is only listed as information (:attr:`SalesLedger.decreases`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.core.books.offsets import LINE_5B_FROM, offset_advances
from desktop.core.common.catalog import NO_VAT
from desktop.core.common.periods import quarter_title
from desktop.core.errors import ValidationError
from desktop.core.models import Document, DocumentKind, DocumentLine, OwnEntity

ZERO = Decimal("0.00")
QUARTER_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")

CODE_SALE = "01"  # отгрузка (реализация); also a КСФ on an increase (docs/domain.md: an assumption)
CODE_ADVANCE = "02"  # оплата в счёт предстоящих поставок
CODE_INCREASE = CODE_SALE
CURRENCY = "Российский рубль, 643"


@dataclass(frozen=True)
class Column:
    """One column of the form: its number as printed (``14а``), its title, its kind and the upper
    header cell it sits under (``None``: the title spans both header rows)."""

    code: str
    title: str
    money: bool = False
    group: str | None = None


_NET = (
    "Стоимость продаж, облагаемых налогом, по счету-фактуре, разница стоимости по корректировочному "
    "счету-фактуре (без НДС) в рублях и копейках, по ставке"
)
_VAT = (
    "Сумма НДС по счету-фактуре, разница суммы налога по корректировочному счету-фактуре в рублях и "
    "копейках, по ставке"
)
_TOTAL = (
    "Стоимость продаж по счету-фактуре, разница стоимости по корректировочному счету-фактуре (включая НДС)"
)
_AGENT = "Сведения о посреднике (комиссионере, агенте, экспедиторе, застройщике или техническом заказчике)"

COLUMNS: tuple[Column, ...] = (
    Column("1", "№ п/п"),
    Column("2", "Код вида операции"),
    Column("3", "Номер и дата счета-фактуры продавца"),
    Column("3а", "Регистрационный номер декларации на товары"),
    Column("3б", "Код вида товара"),
    Column("4", "Номер и дата исправления счета-фактуры продавца"),
    Column("5", "Номер и дата корректировочного счета-фактуры продавца"),
    Column("6", "Номер и дата исправления корректировочного счета-фактуры продавца"),
    Column("7", "Наименование покупателя"),
    Column("8", "ИНН/КПП покупателя"),
    Column("9", "наименование посредника", group=_AGENT),
    Column("10", "ИНН/КПП посредника", group=_AGENT),
    Column("11", "Номер и дата документа, подтверждающего оплату"),
    Column("11а", "Номер и дата счета-фактуры, выставленного при получении оплаты, частичной оплаты"),
    Column("12", "Наименование и код валюты"),
    Column("13а", "в валюте счета-фактуры", money=True, group=_TOTAL),
    Column("13б", "в рублях и копейках", money=True, group=_TOTAL),
    Column("14", "22 процента", money=True, group=_NET),
    Column("14а", "20 (18) процентов", money=True, group=_NET),
    Column("14б", "5 процентов", money=True, group=_NET),
    Column("14в", "7 процентов", money=True, group=_NET),
    Column("15", "10 процентов", money=True, group=_NET),
    Column("16", "0 процентов", money=True, group=_NET),
    Column("17", "22 процента", money=True, group=_VAT),
    Column("17а", "20 (18) процентов", money=True, group=_VAT),
    Column("17б", "5 процентов", money=True, group=_VAT),
    Column("17в", "7 процентов", money=True, group=_VAT),
    Column("18", "10 процентов", money=True, group=_VAT),
    Column(
        "19",
        "Стоимость продаж, освобождаемых от налога, по счету-фактуре, разница стоимости по "
        "корректировочному счету-фактуре в рублях и копейках",
        money=True,
    ),
)
MONEY_CODES: tuple[str, ...] = tuple(c.code for c in COLUMNS if c.money)
# The columns 14б/14в and 17б/17в (5 % and 7 %, the USN rates) are this app's: docs/domain.md.
APP_CODES = ("14б", "14в", "17б", "17в")

# rate (the number before «%» or «/») → (column of the value without VAT, column of the VAT)
RATE_COLUMNS: dict[str, tuple[str, str | None]] = {
    "22": ("14", "17"),
    "20": ("14а", "17а"),
    "18": ("14а", "17а"),
    "5": ("14б", "17б"),
    "7": ("14в", "17в"),
    "10": ("15", "18"),
    "0": ("16", None),
}
EXEMPT_COLUMN = "19"
# The rates of the summary, in the order of the form.
RATE_TITLES: tuple[tuple[str, str, str | None], ...] = (
    ("22%", "14", "17"),
    ("20%", "14а", "17а"),
    ("10%", "15", "18"),
    ("7%", "14в", "17в"),
    ("5%", "14б", "17б"),
    ("0%", "16", None),
    ("без НДС", "19", None),
)


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1..4

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """«2026-Q4» → the 4th quarter of 2026; anything else refused in Russian."""
        match = QUARTER_PATTERN.match(text.strip())
        if match is None:
            raise ValidationError(
                f"Квартал «{text}»: ожидается ГГГГ-Qn, где n от 1 до 4, например 2026-Q4.", field="quarter"
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.number * 3 - 2, 1)

    @property
    def end(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.number * 3 + 1, 1) - dt.timedelta(days=1)

    @property
    def title(self) -> str:
        """«IV квартал 2026 г.»"""
        return quarter_title(f"{self.year}-{self.start.month:02d}")


@dataclass
class LedgerRow:
    """One row of the book: the document it comes from and the value of each column."""

    document_id: int
    kind: str
    code: str
    number: str
    date: dt.date
    seq: int
    created_at: dt.datetime | None
    values: dict[str, object] = field(default_factory=dict)

    def money(self, code: str) -> Decimal:
        value = self.values.get(code)
        return value if isinstance(value, Decimal) else ZERO

    @property
    def vat(self) -> Decimal:
        return sum((self.money(c) for c in ("17", "17а", "17б", "17в", "18")), ZERO)


@dataclass(frozen=True)
class Decrease:
    """A УКД decreasing a sale: not a row of the sales ledger, it goes to the книга покупок."""

    document_id: int
    number: str
    date: dt.date
    corrected: str  # «12 от 31.10.2026»
    amount_total: Decimal
    amount_vat: Decimal


@dataclass
class SalesLedger:
    """The sales ledger of one own entity for one quarter."""

    quarter: Quarter
    entity_id: int
    seller: str
    inn: str
    kpp: str
    short_name: str = ""
    rows: list[LedgerRow] = field(default_factory=list)
    decreases: list[Decrease] = field(default_factory=list)

    @property
    def inn_kpp(self) -> str:
        return f"{self.inn}/{self.kpp}" if self.kpp else self.inn

    def total(self, code: str) -> Decimal:
        return sum((row.money(code) for row in self.rows), ZERO)

    @property
    def totals(self) -> dict[str, Decimal]:
        return {code: self.total(code) for code in MONEY_CODES}

    def rate_totals(self) -> dict[str, dict[str, str]]:
        """Per rate: the value without VAT and the VAT («без НДС»: the exempt sales)."""
        out = {}
        for rate, net, vat in RATE_TITLES:
            amounts = {"net": self.total(net), "vat": self.total(vat) if vat else ZERO}
            if any(amounts.values()):
                out[rate] = {k: str(v) for k, v in amounts.items()}
        return out


def number_and_date(number: str, day: dt.date) -> str:
    """The «номер и дата» cell of the form: «12 от 31.10.2026»."""
    return f"{number} от {day:%d.%m.%Y}"


def rate_key(rate: str) -> str | None:
    """«22%», «22/122» → «22»; «без НДС» → None (exempt)."""
    text = rate.strip()
    if not text or text == NO_VAT:
        return None
    return re.split(r"[%/]", text, maxsplit=1)[0].strip().replace(",", ".")


def _rate_columns(rate: str, where: str) -> tuple[str, str | None]:
    key = rate_key(rate)
    if key is None:
        return EXEMPT_COLUMN, None
    if key not in RATE_COLUMNS:
        raise ValidationError(
            f"{where}: ставка НДС «{rate}» не предусмотрена в книге продаж.", field="vat_rate"
        )
    return RATE_COLUMNS[key]


def _add(values: dict[str, object], code: str, amount: Decimal) -> None:
    current = values.get(code)
    values[code] = (current if isinstance(current, Decimal) else ZERO) + amount


def _title(doc: Document) -> str:
    noun = "Корректировочный счёт-фактура" if doc.kind == DocumentKind.UKD else "Счёт-фактура"
    return f"{noun} № {doc.number} от {doc.date:%d.%m.%Y}"


def _buyer(doc: Document, values: dict[str, object]) -> None:
    party = doc.counterparty
    values["7"] = party.full_name or party.short_name
    values["8"] = f"{party.inn}/{party.kpp}" if party.kpp else party.inn
    values["12"] = CURRENCY


def _row(doc: Document, code: str) -> LedgerRow:
    return LedgerRow(
        document_id=doc.id,
        kind=str(doc.kind),
        code=code,
        number=doc.number,
        date=doc.date,
        seq=doc.seq,
        created_at=doc.created_at,
        values={"2": code},
    )


def sale_row(session: Session, doc: Document) -> LedgerRow:
    """A separate счёт-фактура or a UPD with status 1: code 01, the lines by rate."""
    row = _row(doc, CODE_SALE)
    values = row.values
    values["3"] = number_and_date(doc.number, doc.date)
    _buyer(doc, values)
    if doc.date >= LINE_5B_FROM:
        advances = offset_advances(session, doc.contract_id, doc.period, doc.date)
        values["11а"] = "; ".join(number_and_date(a.number, a.date) for a in advances)
    for line in doc.lines:
        net, vat = _rate_columns(line.vat_rate, f"{_title(doc)}, строка {line.position}")
        _add(values, "13б", line.amount_total)
        _add(values, net, line.amount_net if vat else line.amount_total)
        if vat:
            _add(values, vat, line.amount_vat)
    return row


def advance_row(doc: Document) -> LedgerRow:
    """An advance счёт-фактура: code 02, the receipt in column 11, the VAT at the calculated rate."""
    row = _row(doc, CODE_ADVANCE)
    values = row.values
    values["3"] = number_and_date(doc.number, doc.date)
    _buyer(doc, values)
    if doc.payment is not None:
        values["11"] = number_and_date(doc.payment.number or "б/н", doc.payment.date)
    for line in doc.lines:
        _net, vat = _rate_columns(line.vat_rate, f"{_title(doc)}, строка {line.position}")
        _add(values, "13б", line.amount_total)
        if vat:
            _add(values, vat, line.amount_vat)
    return row


def corrected_invoice(session: Session, ukd: Document) -> Document | None:
    """The счёт-фактура a УКД corrects: down its chain of bases to the sale; an act's own separate
    счёт-фактура of the same contract, period and stage."""
    doc = ukd.basis
    seen = {ukd.id}
    while doc is not None and doc.kind == DocumentKind.UKD and doc.id not in seen:
        seen.add(doc.id)
        doc = doc.basis
    if doc is not None and doc.kind == DocumentKind.ACT:
        own_sf = session.scalars(
            select(Document).where(
                Document.kind == DocumentKind.SF,
                Document.current.is_(True),
                Document.contract_id == doc.contract_id,
                Document.period == doc.period,
                Document.stage == doc.stage,
            )
        ).first()
        return own_sf or doc
    return doc


def _difference(line: DocumentLine) -> tuple[Decimal, Decimal, Decimal]:
    """(without VAT, VAT, with VAT) after − before of a УКД line."""
    return (
        line.amount_net - (line.amount_net_before or ZERO),
        line.amount_vat - (line.amount_vat_before or ZERO),
        line.amount_total - (line.amount_total_before or ZERO),
    )


def correction(session: Session, doc: Document) -> tuple[LedgerRow | None, Decrease | None]:
    """A УКД: the row of its increases (code 01) and the information about its decreases."""
    basis = corrected_invoice(session, doc)
    row = _row(doc, CODE_INCREASE)
    values = row.values
    corrected = number_and_date(basis.number, basis.date) if basis is not None else ""
    values["3"] = corrected
    values["5"] = number_and_date(doc.number, doc.date)
    _buyer(doc, values)
    down_total = down_vat = ZERO
    for line in doc.lines:
        net, vat, total = _difference(line)
        if total > 0:
            net_column, vat_column = _rate_columns(line.vat_rate, f"{_title(doc)}, строка {line.position}")
            _add(values, "13б", total)
            _add(values, net_column, net if vat_column else total)
            if vat_column:
                _add(values, vat_column, vat)
        elif total < 0:
            down_total += -total
            down_vat += -vat
    decrease = Decrease(doc.id, doc.number, doc.date, corrected, down_total, down_vat) if down_total else None
    return (row if "13б" in values else None), decrease


def ledger_documents(session: Session, entity_id: int, quarter: Quarter) -> list[Document]:
    """The current documents of the book: the entity's счёт-фактура sequence and its УКД, dated in
    the quarter, in the order of their dates and numbers."""
    return list(
        session.scalars(
            select(Document)
            .where(
                Document.own_entity_id == entity_id,
                Document.current.is_(True),
                Document.date >= quarter.start,
                Document.date <= quarter.end,
                or_(
                    Document.kind.in_((DocumentKind.SF, DocumentKind.ADVANCE_SF, DocumentKind.UKD)),
                    and_(Document.kind == DocumentKind.UPD, Document.upd_status == 1),
                ),
            )
            .options(
                selectinload(Document.lines),
                selectinload(Document.counterparty),
                selectinload(Document.payment),
            )
            .order_by(Document.date, Document.seq, Document.id)
        )
    )


def build_ledger(session: Session, entity: OwnEntity, quarter: Quarter) -> SalesLedger:
    """The sales ledger of ``entity`` for ``quarter`` (see the module's docstring)."""
    ledger = SalesLedger(
        quarter,
        entity.id,
        entity.full_name or entity.short_name,
        entity.inn,
        entity.kpp or "",
        entity.short_name,
    )
    for doc in ledger_documents(session, entity.id, quarter):
        if doc.kind == DocumentKind.ADVANCE_SF:
            ledger.rows.append(advance_row(doc))
        elif doc.kind == DocumentKind.UKD:
            row, decrease = correction(session, doc)
            if row is not None:
                ledger.rows.append(row)
            if decrease is not None:
                ledger.decreases.append(decrease)
        else:
            ledger.rows.append(sale_row(session, doc))
    ledger.rows.sort(key=lambda r: (r.date, r.seq, r.document_id))
    for index, row in enumerate(ledger.rows, start=1):
        row.values["1"] = index
    return ledger


def entities_of(session: Session, inns: Sequence[str]) -> list[OwnEntity]:
    """The own entities by INN (none given: all), refused in Russian when one is unknown."""
    entities = list(session.scalars(select(OwnEntity).order_by(OwnEntity.id)))
    if not inns:
        return entities
    known = {e.inn: e for e in entities}
    missing = [inn for inn in inns if inn not in known]
    if missing:
        raise ValidationError(f"Своё юрлицо с ИНН {', '.join(missing)} не найдено.", field="entity")
    return [known[inn] for inn in inns]
