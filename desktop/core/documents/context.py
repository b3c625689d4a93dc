"""Context builders: a stored document (with its lines, seller, buyer and contract) → the dict a print form needs.

Pure functions: no database, no files. Amounts and dates arrive formatted the Russian way;
images (stamp, facsimile, QR codes) are ``ImageSpec`` values that the renderer turns into
docxtpl ``InlineImage`` objects, or "" when absent so that ``{%p if stamp %}`` works. The
placeholders each form gets are listed in ``forms/README.md`` and in ``FORM_PLACEHOLDERS``.

Rules applied here, not in the templates:

* totals are sums of the rounded lines and must equal the document's stored totals;
* a seller that is not a VAT payer never shows a VAT amount: «Без налога (НДС)»;
* «В том числе НДС (22%)» when prices include VAT, «НДС (22%)» when VAT is added on top;
* a facsimile never appears on a UPD status 1 (it is a VAT invoice: Minfin, Supreme Court),
  and on an act or UPD status 2 only when the contract allows it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from num2words import num2words

from desktop.core.common import catalog
from desktop.core.common.formats import (
    format_date,
    format_date_quoted,
    format_date_words,
    format_short_range,
)
from desktop.core.common.labels import KIND_DATIVE, KIND_FORM_TITLES, KIND_TITLES
from desktop.core.common.money import format_money, format_quantity
from desktop.core.common.periods import format_period
from desktop.core.common.resources import resource_path
from desktop.core.contracts.terms import correcting_agreement
from desktop.core.documents.qr import Payment, payment_string, qr_png
from desktop.core.documents.sample_stamp import is_sample_stamp, sample_stamp_png
from desktop.core.documents.words import amount_in_words
from desktop.core.errors import ValidationError
from desktop.core.models import (
    Contract,
    Counterparty,
    Document,
    DocumentKind,
    OwnEntity,
    PartyKind,
    PaymentTerms,
    Periodicity,
    VatRegime,
    WorkOrder,
)

Context = dict[str, Any]

NO_VAT = catalog.NO_VAT
NO_VAT_TEXT = "Без налога (НДС)"
DASH = "—"
ZERO = Decimal("0.00")
ID_QR_PREFIX = "AKTDESK-DOC:"

STAMP_MM = 40.0  # a round stamp is 38–42 mm across
FACSIMILE_MM = 30.0
FACSIMILE_HEIGHT_MM = 12.0
PAYMENT_QR_MM = 35.0
ID_QR_MM = 15.0

TITLES: dict[str, str] = {kind.value: title for kind, title in KIND_FORM_TITLES.items()}  # by form
TITLES.update(detail="Детализация", contract="Договор")
UNIT_NAMES = {code: short for code, _name, short in catalog.UNITS}
PERIODICITY_TEXT = {
    Periodicity.MONTH: "ежемесячно",
    Periodicity.QUARTER: "ежеквартально",
    Periodicity.YEAR: "ежегодно",
}
DEFAULT_CONTRACT_TITLE = "Договор возмездного оказания услуг"
DEFAULT_SUBJECT = (
    "Исполнитель обязуется по заданию Заказчика оказывать услуги, указанные в Спецификации (раздел 2 Договора), "
    "а Заказчик обязуется принимать и оплачивать эти услуги."
)
PERIODICITY_UNIT = {Periodicity.MONTH: "месяц", Periodicity.QUARTER: "квартал", Periodicity.YEAR: "год"}


@dataclass(frozen=True)
class ImageSpec:
    """A picture for a form: a file (stamp/facsimile PNG) or PNG bytes (QR), printed ``width_mm`` wide."""

    source: Path | bytes
    width_mm: float
    label: str  # what it is, for messages: «печать ООО «Ромашка»»
    height_mm: float | None = None  # the picture is scaled to fit width × height, keeping its proportions

    def __bool__(self) -> bool:
        return True


@dataclass(frozen=True)
class ContextOptions:
    """Choices of the run, not of the document."""

    with_stamp: bool = True
    with_id_qr: bool = False
    contract_templates: Path | None = None  # forms/contract_templates.json by default
    extra: dict[str, Any] = field(default_factory=dict)


# --- small helpers -------------------------------------------------------------------


def plural(n: int, forms: tuple[str, str, str]) -> str:
    """Russian plural: 1 день, 2 дня, 5 дней, 11 дней, 21 день."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def initials(full_name: str) -> str:
    """«Соколов Андрей Викторович» → «Соколов А.В.»; a name already short stays as it is."""
    parts = full_name.split()
    if len(parts) < 2 or "." in parts[1]:
        return " ".join(parts)
    rest = "".join(f"{p[0]}." for p in parts[1:3] if p and p[0].isalpha())
    return f"{parts[0]} {rest}"


def _text(value: str | None) -> str:
    return (value or "").strip()


def _image(path: str | None, width_mm: float, label: str, height_mm: float | None = None) -> ImageSpec | str:
    if not path:
        return ""
    p = Path(path)
    if not p.is_absolute():
        p = resource_path(*p.parts)
    return ImageSpec(p, width_mm, label, height_mm)


def _stamp(entity: OwnEntity, with_stamp: bool) -> ImageSpec | str:
    if not with_stamp:
        return ""
    # In the line (never floating): the stamp takes its own room next to «М.П.» and cannot cover text.
    spec = _image(entity.stamp_image, STAMP_MM, f"печать {entity.short_name}", STAMP_MM)
    if isinstance(spec, ImageSpec) and isinstance(spec.source, Path) and is_sample_stamp(spec.source):
        # The demo's sample stamp carries the entity's own INN.
        spec = ImageSpec(sample_stamp_png(entity.inn or ""), spec.width_mm, spec.label, spec.height_mm)
    return spec


def _money(value: Decimal) -> str:
    return format_money(value)


def _basis(contract: Contract | None) -> str:
    if contract is None:
        return ""
    return f"Договор № {contract.number} от {format_date(contract.date)}"


def _inn_kpp(inn: str, kpp: str | None) -> str:
    return f"{inn} / {kpp}" if kpp else inn


# --- parties -------------------------------------------------------------------------


def _bank(name: str | None, bik: str | None, account: str | None, corr: str | None) -> dict[str, str]:
    return {"name": _text(name), "bik": _text(bik), "account": _text(account), "corr_account": _text(corr)}


def seller_context(entity: OwnEntity) -> Context:
    """The seller block: our own legal entity with its primary bank account."""
    account = entity.primary_account
    is_ip = len(entity.inn) == 12
    director = _text(entity.director_name)
    position = _text(entity.director_position) or (
        "Индивидуальный предприниматель" if is_ip else "Руководитель"
    )
    if is_ip:
        position = "Индивидуальный предприниматель"
    accountant = _text(entity.accountant_name)
    return {
        "name": entity.short_name,
        "full_name": entity.full_name or entity.short_name,
        "inn": entity.inn,
        "kpp": _text(entity.kpp),
        "inn_kpp": _inn_kpp(entity.inn, entity.kpp),
        "ogrn": _text(entity.ogrn),
        "ogrn_label": "ОГРНИП" if is_ip else "ОГРН",
        "address": _text(entity.legal_address),
        "postal_address": _text(entity.postal_address) or _text(entity.legal_address),
        "phone": _text(entity.phone),
        "email": _text(entity.email),
        "director_position": position,
        "director_name": director,
        "director_short": initials(director),
        "director_basis": _text(entity.director_basis) or "Устава",
        "accountant_name": accountant,
        "accountant_short": initials(accountant),
        "is_entrepreneur": is_ip,
        "bank": _bank(
            account.bank_name if account else None,
            account.bik if account else None,
            account.account if account else None,
            account.corr_account if account else None,
        ),
    }


def buyer_context(party: Counterparty) -> Context:
    """The buyer block: a client — legal entity, sole proprietor or private person."""
    kind = party.kind or PartyKind.LEGAL
    director = _text(party.director_name)
    position = _text(party.director_position)
    if kind == PartyKind.ENTREPRENEUR:
        position = "Индивидуальный предприниматель"
        if not director:
            director = party.short_name.removeprefix("ИП").strip()
    elif kind == PartyKind.PERSON:
        position = ""
        director = director or party.full_name or party.short_name
    else:
        position = position or "Руководитель"
    return {
        "name": party.short_name,
        "full_name": party.full_name or party.short_name,
        "inn": party.inn,
        "kpp": _text(party.kpp),
        "inn_kpp": _inn_kpp(party.inn, party.kpp),
        "ogrn": _text(party.ogrn),
        "ogrn_label": "ОГРНИП" if kind == PartyKind.ENTREPRENEUR else "ОГРН",
        "address": _text(party.legal_address),
        "postal_address": _text(party.postal_address) or _text(party.legal_address),
        "phone": _text(party.phone),
        "email": "; ".join(party.email_list),
        "director_position": position,
        "director_name": director,
        "director_short": initials(director),
        "director_basis": _text(party.director_basis) or ("Устава" if kind == PartyKind.LEGAL else ""),
        "accountant_name": "",
        "accountant_short": "",
        "is_entrepreneur": kind == PartyKind.ENTREPRENEUR,
        "is_person": kind == PartyKind.PERSON,
        "bank": _bank(party.bank_name, party.bik, party.account, party.corr_account),
    }


# --- lines and totals ----------------------------------------------------------------


@dataclass
class _Totals:
    net: Decimal = ZERO
    vat: Decimal = ZERO
    total: Decimal = ZERO
    rates: dict[str, list[Decimal]] = field(default_factory=dict)  # rate → [net, vat, total]


def _unit_name(code: str | None, name: str | None) -> str:
    return _text(name) or UNIT_NAMES.get(code or "", "")


# The calculated rates of an advance счёт-фактура (Tax Code art. 164 p. 4): «22/122» from 2026.
CALCULATED_RATES = ("22/122", "20/120", "10/110", "7/107", "5/105")


def _price_text(quantity: Decimal | None, price: Decimal | None, net: Decimal | None) -> str:
    """Column 4 of a счёт-фактура, a UPD or a УКД: the unit price without VAT (Decree 1137), with
    more than two decimals only when the net needs them (a gross contract price split by 22 %)."""
    if quantity is None or price is None or net is None or not quantity:
        return _money(price or ZERO)
    value = catalog.price_without_vat(quantity, price, net)
    return _money(value) if value == catalog.round_money(value) else format_quantity(value)


def _prices_without_vat(ctx: Context, doc: Document) -> None:
    """Column 4 of the tax forms without VAT: the act and the invoice print the contract's price."""
    for row, line in zip(ctx["lines"], sorted(doc.lines, key=lambda ln: ln.position or 0), strict=True):
        if row["price"] != DASH:
            row["price"] = _price_text(line.quantity, line.price, line.amount_net)


def _line_rows(doc: Document) -> tuple[list[Context], _Totals]:
    totals = _Totals()
    rows: list[Context] = []
    whole_period = (doc.period_start, doc.period_end)
    allowed = catalog.RATES + (CALCULATED_RATES if doc.kind == DocumentKind.ADVANCE_SF else ())
    for index, line in enumerate(sorted(doc.lines, key=lambda ln: ln.position or 0), start=1):
        rate = line.vat_rate or NO_VAT
        if rate not in allowed:
            raise ValidationError(
                f"{_doc_name(doc)}: в строке {index} («{line.name}») неизвестная ставка НДС «{rate}».",
                field="vat_rate",
            )
        net, vat, total = line.amount_net, line.amount_vat, line.amount_total
        if net is None or vat is None or total is None:
            raise ValidationError(f"{_doc_name(doc)}: в строке {index} («{line.name}») не рассчитаны суммы.")
        if rate == NO_VAT and vat:
            raise ValidationError(
                f"{_doc_name(doc)}: в строке {index} («{line.name}») ставка «без НДС», а сумма НДС {_money(vat)}."
            )
        if net + vat != total:
            raise ValidationError(
                f"{_doc_name(doc)}: в строке {index} («{line.name}») сумма без НДС {_money(net)} и НДС "
                f"{_money(vat)} не дают сумму с НДС {_money(total)}."
            )
        totals.net += net
        totals.vat += vat
        totals.total += total
        bucket = totals.rates.setdefault(rate, [ZERO, ZERO, ZERO])
        bucket[0] += net
        bucket[1] += vat
        bucket[2] += total
        own_period = (line.period_from, line.period_to)
        has_unit = bool(line.unit_code or line.unit_name)
        period = format_short_range(line.period_from, line.period_to) if own_period != whole_period else ""
        rows.append(
            {
                "no": index,
                "name": line.name,
                # The closing already names a part of the period in the line («Охрана (01.12–18.12)», as the
                # UPD XML carries it): the form adds the period only to a name that does not have it.
                "period": period if period and f"({period})" not in line.name else "",
                "unit_code": line.unit_code or DASH,
                "unit_name": _unit_name(line.unit_code, line.unit_name) or DASH,
                "quantity": format_quantity(line.quantity) if has_unit else DASH,
                "price": _money(line.price) if has_unit else DASH,
                "net": _money(net),
                "vat_rate": rate,
                "vat": _money(vat) if rate != NO_VAT else NO_VAT,
                "total": _money(total),
                "excise": "без акциза",
            }
        )
    if not rows:
        raise ValidationError(f"{_doc_name(doc)}: в документе нет строк.")
    return rows, totals


def _doc_name(doc: Document) -> str:
    title = KIND_TITLES.get(doc.kind, "Документ")
    date = format_date(doc.date) if doc.date else ""
    return f"{title} № {doc.number} от {date}".strip()


def _check_stored_totals(doc: Document, totals: _Totals) -> None:
    stored = (doc.amount_net, doc.amount_vat, doc.amount_total)
    if any(v is None for v in stored):
        return
    if stored != (totals.net, totals.vat, totals.total):
        raise ValidationError(
            f"{_doc_name(doc)}: итоги документа ({_money(doc.amount_total)}, НДС {_money(doc.amount_vat)}) "
            f"не равны сумме строк ({_money(totals.total)}, НДС {_money(totals.vat)}). Пересоздайте документ."
        )


def _check_regime(doc: Document, totals: _Totals) -> bool:
    """True when the seller charges VAT on this document; a non-payer with VAT lines is an error."""
    regime = catalog.entity_regime_on(doc.own_entity, doc.period_end or doc.date)
    with_vat = any(rate != NO_VAT for rate in totals.rates)
    if regime == VatRegime.NO_VAT and with_vat:
        rates = ", ".join(r for r in totals.rates if r != NO_VAT)
        raise ValidationError(
            f"{_doc_name(doc)}: {doc.own_entity.short_name} не плательщик НДС, а в строках ставка {rates}. "
            "Исправьте режим НДС юрлица или пересоздайте документ."
        )
    return with_vat


def _totals_context(totals: _Totals, with_vat: bool, includes_vat: bool) -> Context:
    rates = [r for r in totals.rates if r != NO_VAT]
    if not with_vat:
        label = NO_VAT_TEXT
        vat_text = NO_VAT_TEXT
        vat_value = DASH
    else:
        rate_text = f" ({rates[0]})" if len(rates) == 1 else ""
        label = ("В том числе НДС" if includes_vat else "НДС") + rate_text
        vat_value = _money(totals.vat)
        vat_text = f"{label}: {vat_value} руб."
    return {
        "net": _money(totals.net),
        "vat": vat_value,
        "total": _money(totals.total),
        "subtotal": _money(totals.total if includes_vat or not with_vat else totals.net),
        "count": 0,
        "total_words": amount_in_words(totals.total),
        "vat_words": amount_in_words(totals.vat) if with_vat else "",
        "vat_label": label,
        "vat_text": vat_text,
        "with_vat": with_vat,
        "includes_vat": includes_vat and with_vat,
    }


def _vat_rows(totals: _Totals) -> list[Context]:
    return [
        {
            "rate": rate,
            "net": _money(v[0]),
            "vat": _money(v[1]) if rate != NO_VAT else NO_VAT,
            "total": _money(v[2]),
        }
        for rate, v in totals.rates.items()
    ]


def _days_term(days: int, adjective: tuple[str, str]) -> str:
    """«5 (пяти) рабочих дней», «1 (одного) рабочего дня» — the contract style, genitive after «в течение»."""
    words = str(num2words(days, lang="ru", case="genitive"))
    one = plural(days, ("1", "2", "5")) == "1"
    return f"{days} ({words}) {adjective[0] if one else adjective[1]} {'дня' if one else 'дней'}"


_EMPTY_CONTRACT: Context = {
    key: ""
    for key in [
        "number",
        "date",
        "date_words",
        "date_quoted",
        "title",
        "basis",
        "place",
        "subject",
        "valid_from",
        "valid_to",
        "term_text",
        "payment_terms",
        "periodicity",
        "period_unit",
        "acceptance_term",
    ]
}


def _subject_sentence(subject: str | None) -> str:
    """The subject clause as a sentence, whether the card holds a sentence or just «абонентское обслуживание…»."""
    text = _text(subject).rstrip(".")
    if not text:
        return DEFAULT_SUBJECT
    if text.lower().startswith("исполнитель"):
        return text + "."
    return (
        f"Исполнитель обязуется по заданию Заказчика оказывать услуги: {text[:1].lower() + text[1:]}, "
        "а Заказчик обязуется принимать и оплачивать эти услуги."
    )


def contract_terms(contract: Contract | None, templates: Path | None = None) -> Context:
    """The ``contract`` placeholders: the same on every form (act, invoice, UPD, detail, contract)."""
    if contract is None:
        return dict(_EMPTY_CONTRACT, price_includes_vat=False, acceptance_days=0, facsimile_allowed=False)
    titles = _contract_templates(templates)
    periodicity = Periodicity(contract.periodicity or Periodicity.MONTH)
    valid_from = contract.valid_from or contract.date
    return {
        "number": contract.number,
        "date": format_date(contract.date),
        "date_words": format_date_words(contract.date),
        "date_quoted": format_date_quoted(contract.date),
        "title": titles.get(contract.template or "", DEFAULT_CONTRACT_TITLE),
        "basis": _basis(contract),
        "place": f"г. {contract.own_entity.region}"
        if contract.own_entity and contract.own_entity.region
        else "",
        "subject": _subject_sentence(contract.subject),
        "valid_from": format_date(valid_from),
        "valid_to": format_date(contract.valid_to),
        "term_text": (
            f"Договор действует с {format_date(valid_from)} по {format_date(contract.valid_to)}."
            if contract.valid_to
            else f"Договор вступает в силу с {format_date(valid_from)} и действует бессрочно."
        ),
        "payment_terms": _payment_terms_text(contract),
        "periodicity": PERIODICITY_TEXT.get(periodicity, "ежемесячно"),
        "period_unit": PERIODICITY_UNIT.get(periodicity, "месяц"),
        "price_includes_vat": bool(contract.price_includes_vat),
        "acceptance_days": contract.acceptance_days,
        "acceptance_term": _days_term(contract.acceptance_days or 5, ("рабочего", "рабочих")),
        "facsimile_allowed": bool(contract.facsimile_allowed),
    }


def _base(doc: Document, kind: str, options: ContextOptions, stored_totals: bool = True) -> Context:
    """The placeholders every form shares; ``stored_totals``: the document's amounts are the sums of
    its lines (a УКД stores the difference instead)."""
    rows, totals = _line_rows(doc)
    if stored_totals:
        _check_stored_totals(doc, totals)
    with_vat = _check_regime(doc, totals)
    contract = doc.contract
    includes_vat = bool(contract.price_includes_vat) if contract is not None else False
    totals_ctx = _totals_context(totals, with_vat, includes_vat)
    totals_ctx["count"] = len(rows)
    seller = seller_context(doc.own_entity)
    id_qr: ImageSpec | str = ""
    if options.with_id_qr and doc.id is not None:
        id_qr = ImageSpec(qr_png(f"{ID_QR_PREFIX}{doc.id}", scale=2, border=2), ID_QR_MM, "QR-код документа")
    period_start = doc.period_start or doc.date
    period_end = doc.period_end or doc.date
    ctx: Context = {
        "doc": {
            "kind": kind,
            "title": TITLES[kind],
            "number": doc.number,
            "date": format_date(doc.date),
            "date_words": format_date_words(doc.date),
            "period_title": format_period(period_start, period_end),
            "period_start": format_date(period_start),
            "period_end": format_date(period_end),
            "due_date": format_date(doc.due_date),
            "upd_status": "",
            "basis": _basis(contract),
            "id_qr": id_qr,
        },
        "seller": seller,
        "buyer": buyer_context(doc.counterparty),
        "contract": contract_terms(contract, options.contract_templates),
        "lines": rows,
        "totals": totals_ctx,
        "vat_rows": _vat_rows(totals),
        "with_stamp": options.with_stamp,
        "stamp": _stamp(doc.own_entity, options.with_stamp),
        "facsimile": "",
    }
    ctx.update(options.extra)
    return ctx


def _facsimile(doc: Document, options: ContextOptions, allowed: bool) -> ImageSpec | str:
    if not (options.with_stamp and allowed):
        return ""
    return _image(
        doc.own_entity.facsimile_image,
        FACSIMILE_MM,
        f"факсимиле {doc.own_entity.short_name}",
        FACSIMILE_HEIGHT_MM,
    )


# --- public builders -----------------------------------------------------------------


def act_context(doc: Document, with_stamp: bool = True, options: ContextOptions | None = None) -> Context:
    """The act (акт оказанных услуг): 402-FZ requisites, both signature blocks, stamp and facsimile if allowed."""
    options = options or ContextOptions(with_stamp=with_stamp)
    ctx = _base(doc, DocumentKind.ACT, options)
    ctx["facsimile"] = _facsimile(doc, options, bool(doc.contract and doc.contract.facsimile_allowed))
    return ctx


def payment_purpose(doc: Document, totals: Context, decimal_point: bool = False) -> str:
    """«Оплата по счёту № 12 от 31.10.2026 за услуги. В т.ч. НДС (22%) 2 200,00 руб.» or «… НДС не облагается»."""
    head = f"Оплата по счёту № {doc.number} от {format_date(doc.date)} за услуги"
    if doc.contract is not None:
        head += f" по договору № {doc.contract.number} от {format_date(doc.contract.date)}"
    if not totals["with_vat"]:
        return f"{head}. НДС не облагается"
    vat_sum = sum((ln.amount_vat for ln in doc.lines), ZERO)
    vat = f"{vat_sum:.2f}" if decimal_point else totals["vat"]
    rates = [r for r in (ln.vat_rate for ln in doc.lines) if r != NO_VAT]
    rate = f" ({rates[0]})" if len(set(rates)) == 1 else ""
    return f"{head}. В т.ч. НДС{rate} {vat} руб."


def invoice_context(doc: Document, with_stamp: bool = True, options: ContextOptions | None = None) -> Context:
    """The invoice for payment: seller's bank, payment terms, purpose and the GOST payment QR."""
    options = options or ContextOptions(with_stamp=with_stamp)
    ctx = _base(doc, DocumentKind.INVOICE, options)
    seller = ctx["seller"]
    bank = seller["bank"]
    if not bank["account"]:
        raise ValidationError(
            f"{_doc_name(doc)}: у {seller['name']} нет расчётного счёта — счёт на оплату без банковских реквизитов "
            "не выставить. Добавьте счёт в справочнике юрлиц.",
            field="bank_accounts",
        )
    purpose = payment_purpose(doc, ctx["totals"])
    total = sum((ln.amount_total for ln in doc.lines), ZERO)
    payment = Payment(
        name=seller["name"],
        account=bank["account"],
        bank_name=bank["name"],
        bik=bank["bik"],
        corr_account=bank["corr_account"],
        amount=total,
        purpose=payment_purpose(doc, ctx["totals"], decimal_point=True),
        payee_inn=seller["inn"],
        payee_kpp=seller["kpp"],
        payer_inn=doc.counterparty.inn,
        doc_no=doc.number,
        doc_date=format_date(doc.date),
    )
    text = payment_string(payment)
    ctx["qr"] = ImageSpec(qr_png(text, scale=4, border=2), PAYMENT_QR_MM, "QR-код для оплаты")
    ctx["qr_text"] = text
    ctx["payment"] = {
        "purpose": purpose,
        "terms": f"Оплатить до {format_date(doc.due_date)}" if doc.due_date else "",
    }
    # An invoice is not a primary document: a facsimile is fine when the run asks for it.
    ctx["facsimile"] = _facsimile(doc, options, True)
    return ctx


def upd_status(doc: Document) -> int:
    """1 (СЧФДОП) for a VAT payer's document, 2 (ДОП) otherwise; a stored status wins if it is allowed."""
    charges_vat = any((ln.vat_rate or NO_VAT) != NO_VAT for ln in doc.lines)
    status = doc.upd_status or (1 if charges_vat else 2)
    if (
        status == 1
        and catalog.entity_regime_on(doc.own_entity, doc.period_end or doc.date) == VatRegime.NO_VAT
    ):
        raise ValidationError(
            f"{_doc_name(doc)}: УПД со статусом 1 (счёт-фактура) выставляет только плательщик НДС, "
            f"а {doc.own_entity.short_name} без НДС. Нужен статус 2."
        )
    return status


@dataclass(frozen=True)
class SaleLinks:
    """What a счёт-фактура (separate or a UPD status 1) says about other documents; the caller reads
    them from the database (``desktop.core.documents.links``), the context stays pure."""

    shipping: tuple[str, dt.date] | None = None  # line 5а: the act's number and date
    payments: tuple[tuple[str, dt.date], ...] = ()  # line 5: receipts of the prepayment it offsets
    line_5b: str = ""  # line 5б: «№ 12 от 03.12.2026; …», «—», or "" before 01.04.2026


def _numbers_dates(items: Iterable[tuple[str, dt.date]]) -> str:
    return "; ".join(f"№ {number} от {format_date(day)}" for number, day in items)


def upd_context(
    doc: Document,
    with_stamp: bool = True,
    options: ContextOptions | None = None,
    links: SaleLinks | None = None,
) -> Context:
    """The UPD (Decree 1137 layout): status 1 СЧФДОП or 2 ДОП; never a facsimile on status 1."""
    options = options or ContextOptions(with_stamp=with_stamp)
    links = links or SaleLinks()
    ctx = _base(doc, DocumentKind.UPD, options)
    _prices_without_vat(ctx, doc)
    status = upd_status(doc)
    ctx["doc"]["upd_status"] = status
    ctx["upd"] = {
        "line_5b": (links.line_5b or DASH) if status == 1 else DASH,
        "status": status,
        "is_invoice": status == 1,
        "shipping_doc": f"№ п/п 1–{len(ctx['lines'])} № {doc.number} от {format_date(doc.date)}",
        "payment_doc": "--",
        "consignor": "--",
        "consignee": "--",
        "currency": "Российский рубль, 643",
        "gov_contract": "--",
        "transfer_date": format_date(doc.date),
        "operation": f"Услуги оказаны в полном объёме за {format_period(doc.period_start, doc.period_end)}",
    }
    allowed = status == 2 and bool(doc.contract and doc.contract.facsimile_allowed)
    ctx["facsimile"] = _facsimile(doc, options, allowed)
    return ctx


def _sale_of(doc: Document) -> tuple[Document, Document | None]:
    """(the sale a УКД corrects, the previous УКД of the chain or None): its basis, followed back."""
    basis = doc.basis
    if basis is None:
        raise ValidationError(f"{_doc_name(doc)}: не указан документ, который корректируется.")
    previous = basis if basis.kind == DocumentKind.UKD else None
    sale = basis
    for _ in range(1000):
        if sale.kind != DocumentKind.UKD or sale.basis is None:
            break
        sale = sale.basis
    return sale, previous


def correction_reason(doc: Document) -> str:
    """The basis of a correction: the agreement that changed the price or quantity
    (``terms.correcting_agreement``); the contract itself when there is none."""
    contract = doc.contract
    if contract is None:
        return ""
    agreement = correcting_agreement(contract, doc.period_start, doc.period_end, doc.date)
    if agreement is None:
        return _basis(contract)
    return (
        f"Дополнительное соглашение № {agreement.number} от {format_date(agreement.date)} "
        f"к договору № {contract.number} от {format_date(contract.date)}"
    )


def _ukd_values(
    quantity: Decimal | None,
    price: Decimal | None,
    net: Decimal | None,
    vat: Decimal | None,
    total: Decimal | None,
    rate: str,
    has_unit: bool,
) -> Context:
    return {
        "quantity": format_quantity(quantity or Decimal(0)) if has_unit else DASH,
        "price": _price_text(quantity, price, net) if has_unit else DASH,
        "net": _money(net or ZERO),
        "vat": _money(vat or ZERO) if rate != NO_VAT else NO_VAT,
        "total": _money(total or ZERO),
    }


def _ukd_change(values: Sequence[Decimal], rate: str) -> Context:
    """Line В or Г: the increase or the decrease of the amounts, «—» where there is none."""
    net, vat, total = values
    return {
        "net": _money(net) if net else DASH,
        "vat": (_money(vat) if vat else DASH) if rate != NO_VAT else NO_VAT,
        "total": _money(total) if total else DASH,
    }


def ukd_context(doc: Document, with_stamp: bool = True, options: ContextOptions | None = None) -> Context:
    """The УКД / корректировочный счёт-фактура (Decree 1137 appendix 2): per position the lines
    А (before), Б (after), В (increase), Г (decrease); the totals of lines В and Г; status 1 (КСФ and
    the primary document) for a VAT payer, 2 (the primary document only) otherwise; no facsimile."""
    options = options or ContextOptions(with_stamp=with_stamp)
    ctx = _base(doc, DocumentKind.UKD, options, stored_totals=False)
    sale, previous = _sale_of(doc)
    up = [ZERO, ZERO, ZERO]
    down = [ZERO, ZERO, ZERO]
    for row, line in zip(ctx["lines"], sorted(doc.lines, key=lambda ln: ln.position or 0), strict=True):
        rate = line.vat_rate or NO_VAT
        has_unit = bool(line.unit_code or line.unit_name)
        before = (line.amount_net_before, line.amount_vat_before, line.amount_total_before)
        if any(v is None for v in before):
            raise ValidationError(
                f"{_doc_name(doc)}: в строке {row['no']} («{line.name}») нет значений до изменения."
            )
        deltas = [
            line.amount_net - (before[0] or ZERO),
            line.amount_vat - (before[1] or ZERO),
            line.amount_total - (before[2] or ZERO),
        ]
        increase = [max(d, ZERO) for d in deltas]
        decrease = [max(-d, ZERO) for d in deltas]
        for i in range(3):
            up[i] += increase[i]
            down[i] += decrease[i]
        row["before"] = _ukd_values(line.quantity_before, line.price_before, *before, rate, has_unit)
        row["after"] = _ukd_values(
            line.quantity, line.price, line.amount_net, line.amount_vat, line.amount_total, rate, has_unit
        )
        row["increase"] = _ukd_change(increase, rate)
        row["decrease"] = _ukd_change(decrease, rate)
    status = (
        2 if catalog.entity_regime_on(doc.own_entity, doc.period_end or doc.date) == VatRegime.NO_VAT else 1
    )
    ctx["doc"]["upd_status"] = status
    with_vat = ctx["totals"]["with_vat"]
    ctx["ukd"] = {
        "status": status,
        "is_invoice": status == 1,
        "corrected": f"{KIND_DATIVE.get(sale.kind, '')} № {sale.number} от {format_date(sale.date)}",
        "corrected_number": sale.number,
        "corrected_date": format_date(sale.date),
        "previous": f"УКД № {previous.number} от {format_date(previous.date)}"
        if previous is not None
        else "",
        "reason": correction_reason(doc),
        "currency": "Российский рубль, 643",
        "increase_net": _money(up[0]),
        "increase_vat": _money(up[1]) if with_vat else NO_VAT,
        "increase_total": _money(up[2]),
        "decrease_net": _money(down[0]),
        "decrease_vat": _money(down[1]) if with_vat else NO_VAT,
        "decrease_total": _money(down[2]),
    }
    return ctx


def sf_context(
    doc: Document,
    with_stamp: bool = True,
    options: ContextOptions | None = None,
    links: SaleLinks | None = None,
) -> Context:
    """A счёт-фактура (Decree 1137, appendix 1, as amended for 2026): on a sale (kind SF, next to
    its act) or on a prepayment received (kind ADVANCE_SF). Never a stamp or a facsimile: a
    счёт-фактура is signed by hand or by a qualified e-signature (art. 169 p. 6).

    On a sale: line 5 names the receipts of the prepayment it offsets, line 5а the act, line 5б
    the advance счета-фактуры. On a prepayment (Decree 1137, rules of appendix 1): line 5 is the
    receipt (``doc.payment``), 5а and 5б «—», the rate the calculated one («22/122»), columns
    2–6 and 10–11 «—», column 1а the services to be provided.
    """
    options = options or ContextOptions(with_stamp=with_stamp)
    links = links or SaleLinks()
    advance = doc.kind == DocumentKind.ADVANCE_SF
    ctx = _base(doc, DocumentKind.SF, options)
    _prices_without_vat(ctx, doc)
    if advance:
        payment = doc.payment
        if payment is None:
            raise ValidationError(
                f"{_doc_name(doc)}: не указано платёжное поручение, по которому получен аванс (строка 5)."
            )
        payment_doc = _numbers_dates([(payment.number or DASH, payment.date)])
        for line in ctx["lines"]:
            line.update(unit_code=DASH, unit_name=DASH, quantity=DASH, price=DASH, net=DASH, excise=DASH)
        shipping, line_5b, total_net = DASH, DASH, DASH
    else:
        payment_doc = _numbers_dates(links.payments) or DASH
        shipping = (
            f"№ п/п 1–{len(ctx['lines'])} № {links.shipping[0]} от {format_date(links.shipping[1])}"
            if links.shipping is not None
            else DASH
        )
        line_5b = links.line_5b or DASH
        total_net = ctx["totals"]["net"]
    ctx["doc"]["title"] = "Счёт-фактура"
    ctx["sf"] = {
        "is_advance": advance,
        "correction": f"{DASH} от {DASH}",
        # Services: dashes in lines 3 and 4 (Decree 1137, appendix 1, rules to lines 3–4).
        "consignor": DASH,
        "consignee": DASH,
        "payment_doc": payment_doc,
        "shipping_doc": shipping,
        "line_5b": line_5b,
        "currency": "Российский рубль, 643",
        "gov_contract": DASH,
        "total_net": total_net,
        "total_vat": ctx["totals"]["vat"] if ctx["totals"]["with_vat"] else NO_VAT_TEXT,
    }
    ctx["stamp"] = ""
    ctx["facsimile"] = ""
    return ctx


def detail_context(
    doc: Document, work_orders: Iterable[WorkOrder], options: ContextOptions | None = None
) -> Context:
    """The detail appendix to an act: the period's work orders (date, request, performer, service, volume)."""
    options = options or ContextOptions(with_stamp=False)
    ctx = _base(doc, "detail", options)
    ctx["doc"]["title"] = "Детализация"
    work: list[Context] = []
    volumes: dict[tuple[str, str], Decimal] = {}
    for order in sorted(work_orders, key=lambda w: (w.date, w.request_number or "", w.id or 0)):
        service = order.service
        name = _text(order.description) or (service.name if service is not None else "")
        unit_code = service.unit_code if service is not None else ""
        unit = ""
        if service is not None:
            unit_obj = service.__dict__.get("unit")  # loaded or not: never trigger a lazy load here
            unit = unit_obj.short_name if unit_obj is not None else UNIT_NAMES.get(unit_code, "")
        work.append(
            {
                "no": len(work) + 1,
                "date": format_date(order.date),
                "request": _text(order.request_number) or DASH,
                "performer": _text(order.performer) or DASH,
                "service": name,
                "quantity": format_quantity(order.quantity),
                "unit": unit or DASH,
            }
        )
        key = (service.name if service is not None else name, unit)
        volumes[key] = volumes.get(key, Decimal(0)) + order.quantity
    ctx["work"] = work
    ctx["work_totals"] = [
        {"service": name, "unit": unit or DASH, "quantity": format_quantity(qty)}
        for (name, unit), qty in volumes.items()
    ]
    return ctx


_templates_cache: dict[Path, tuple[tuple[int, int], dict[str, str]]] = {}


def _contract_templates(path: Path | None) -> dict[str, str]:
    """Contract template titles, read again only when the file changes (every document asks)."""
    path = path or resource_path("forms", "contract_templates.json")
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        hit = _templates_cache.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        data = json.loads(path.read_text(encoding="utf-8"))
        titles = {str(t["code"]): str(t["title"]) for t in data.get("templates", [])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    _templates_cache[path] = (stamp, titles)
    return titles


def _payment_terms_text(contract: Contract) -> str:
    days = contract.postpay_days
    one = plural(days, ("1", "2", "5")) == "1"  # «в течение 1 календарного дня», «10 календарных дней»
    kind = (
        ("банковского" if one else "банковских")
        if contract.postpay_banking_days
        else ("календарного" if one else "календарных")
    )
    day_word = "дня" if one else "дней"
    unit = PERIODICITY_UNIT.get(Periodicity(contract.periodicity), "месяц")
    if contract.payment_terms == PaymentTerms.PREPAY_100:
        return (
            f"Заказчик оплачивает 100% стоимости услуг за {unit} авансом, до начала расчётного периода, "
            "на основании счёта Исполнителя."
        )
    if contract.payment_terms == PaymentTerms.PREPAY_70_30:
        return (
            f"Заказчик оплачивает 70% стоимости услуг за {unit} авансом, до начала расчётного периода, "
            f"а оставшиеся 30% — в течение {days} {kind} {day_word} с даты подписания акта."
        )
    return f"Заказчик оплачивает услуги в течение {days} {kind} {day_word} с даты подписания акта на основании счёта Исполнителя."


def contract_context(contract: Contract, options: ContextOptions | None = None) -> Context:
    """The services contract: parties, subject, specification, payment terms, term, requisites, signatures."""
    options = options or ContextOptions(with_stamp=False)
    entity = contract.own_entity
    day = contract.valid_from or contract.date
    rows: list[Context] = []
    totals = _Totals()
    for index, line in enumerate(sorted(contract.lines, key=lambda ln: ln.position or 0), start=1):
        service = line.service
        fixed = line.vat_rate or (service.vat_rate if service is not None else None)
        rate = catalog.line_rate(entity, day, fixed)
        net, vat, total = catalog.line_amounts(
            line.quantity, line.price, rate, bool(contract.price_includes_vat)
        )
        totals.net += net
        totals.vat += vat
        totals.total += total
        totals.rates.setdefault(rate, [ZERO, ZERO, ZERO])
        unit_code = service.unit_code if service is not None else ""
        unit_obj = service.__dict__.get("unit") if service is not None else None
        rows.append(
            {
                "no": index,
                "name": _text(line.description) or (service.name if service is not None else ""),
                "unit_code": unit_code or DASH,
                "unit_name": (unit_obj.short_name if unit_obj is not None else UNIT_NAMES.get(unit_code, ""))
                or DASH,
                "quantity": format_quantity(line.quantity),
                "price": _money(line.price),
                "net": _money(net),
                "vat_rate": rate,
                "vat": _money(vat) if rate != NO_VAT else NO_VAT,
                "total": _money(total),
            }
        )
    with_vat = any(r != NO_VAT for r in totals.rates)
    totals_ctx = _totals_context(totals, with_vat, bool(contract.price_includes_vat))
    totals_ctx["count"] = len(rows)
    terms = contract_terms(contract, options.contract_templates)
    seller = seller_context(entity)
    buyer = buyer_context(contract.counterparty)
    ctx: Context = {
        "doc": {
            "kind": "contract",
            "title": terms["title"],
            "number": contract.number,
            "date": format_date(contract.date),
            "date_words": format_date_words(contract.date),
            "period_title": "",
            "period_start": format_date(contract.valid_from),
            "period_end": format_date(contract.valid_to),
            "due_date": "",
            "upd_status": "",
            "basis": "",
            "id_qr": "",
        },
        "seller": seller,
        "buyer": buyer,
        "contract": terms,
        "lines": rows,
        "totals": totals_ctx,
        "vat_rows": _vat_rows(totals),
        "with_stamp": options.with_stamp,
        "stamp": _stamp(entity, options.with_stamp),
        "facsimile": _image(
            entity.facsimile_image, FACSIMILE_MM, f"факсимиле {entity.short_name}", FACSIMILE_HEIGHT_MM
        )
        if options.with_stamp and contract.facsimile_allowed
        else "",
    }
    ctx.update(options.extra)
    return ctx


def context_for(
    kind: str,
    doc: Document,
    with_stamp: bool = True,
    work_orders: Sequence[WorkOrder] = (),
    options: ContextOptions | None = None,
    links: SaleLinks | None = None,
) -> Context:
    """The context of the form ``kind`` (a document kind, or ``detail``) for a stored document.

    ``links``: what a счёт-фактура or a UPD status 1 says about other documents (lines 5, 5а, 5б)."""
    if kind == DocumentKind.ACT:
        return act_context(doc, with_stamp, options)
    if kind == DocumentKind.INVOICE:
        return invoice_context(doc, with_stamp, options)
    if kind == DocumentKind.UPD:
        return upd_context(doc, with_stamp, options, links)
    if kind in (DocumentKind.SF, DocumentKind.ADVANCE_SF):
        return sf_context(doc, with_stamp, options, links)
    if kind == DocumentKind.UKD:
        return ukd_context(doc, with_stamp, options)
    if kind == "detail":
        return detail_context(doc, work_orders, options)
    raise ValueError(f"unknown document kind {kind!r}")
