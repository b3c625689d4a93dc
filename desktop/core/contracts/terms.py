"""Условия договора на дату, дополнительные соглашения и расчёт неполного периода.

Условия на дату. Действуют строки спецификации договора с изменениями всех дополнительных
соглашений, дата вступления в силу которых не позже этой даты; соглашения применяются по
порядку дат вступления в силу (при равных датах — по дате подписания). Соглашение может
изменить цену, количество или ставку НДС строки, добавить новую строку или исключить строку.
Договор не действует до даты начала, после даты окончания и после даты, которой его
прекращает соглашение о расторжении (этот день — последний день оказания услуг; дата
прекращения действует, даже если соглашение подписано позже).

Неполный период. Цена в договоре — за весь расчётный период (месяц у ежемесячных договоров,
квартал у квартальных, год у годовых). Если в периоде условия менялись или договор начался
либо закончился внутри периода, каждая строка делится на части с неизменными условиями,
и каждая часть показывается отдельной строкой документа со своим сроком («01.03–11.03»,
«12.03–31.03»). Строка, условия которой весь период не менялись, остаётся одной строкой
с ценой и количеством по договору.

Способ расчёта — настройка договора:

* по календарным дням (по умолчанию): сумма = цена × количество × дни части / дни периода;
* по рабочим дням: то же по рабочим дням (понедельник–пятница); праздничные дни
  и переносы выходных по производственному календарю НЕ учитываются;
* «целый месяц, если начато до 15-го числа»: каждый месяц периода оплачивается целиком
  по условиям, действующим 14-го числа этого месяца; договор, начатый 15-го или позже,
  в этом месяце не оплачивается, закончившийся раньше 14-го — тоже, а изменение цены
  с 15-го числа действует со следующего месяца. У квартального договора каждый месяц —
  треть цены.

Округление. Сумма каждой части строки округляется до копеек по правилу математического
округления (0,005 → 0,01); умножение выполняется до деления, без промежуточных округлений.
В документе такая часть показывается с количеством 1 и ценой, равной её сумме, поэтому
«цена × количество = сумма» всегда сходится. НДС считается по каждой округлённой строке
(при ставке 22 %: НДС сверху = сумма × 22/100, НДС в том числе = сумма × 22/122),
итоги документа — суммы округлённых строк. Пример (март 2026, 31 день): 30 000,00 до 11.03
и 36 000,00 с 12.03 → 30 000,00 × 11/31 = 10 645,16 и 36 000,00 × 20/31 = 23 225,81,
итого без НДС 33 870,97, НДС 22 %: 2 341,94 + 5 109,68 = 7 451,62, всего 41 322,59.

Квартальные и годовые договоры. Квартальный договор выставляется в последнем месяце
квартала (март, июнь, сентябрь, декабрь) за весь квартал, годовой — в декабре за год.
Если договор заканчивается раньше, итоговый документ выставляется в месяце окончания.

Договоры с переменным объёмом. Количество каждой услуги — сумма утверждённых заказ-нарядов
периода; цена — действующая на дату заказ-наряда. Если цена менялась внутри периода,
получаются две строки, каждая со своей ценой и своим сроком.
"""

# Developer notes (English): everything here is pure — it works on ORM objects already loaded
# (or built in memory without a session, where column defaults are not applied yet, hence the
# ``or`` fallbacks) and uses Decimal only. Lines added by an agreement have no ContractLine row;
# a later agreement targets them by ``service_id`` with ``contract_line_id`` left empty (the
# AgreementChange model has no column pointing at an added line).

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from desktop.core.common.catalog import GENERAL_RATE_HISTORY, general_rate_on, line_amounts, line_rate
from desktop.core.common.money import format_money
from desktop.core.common.periods import (
    MONTHS_PREPOSITIONAL,
    month_end,
    months_between,
    period_bounds,
    quarter_bounds,
    quarter_title,
    year_bounds,
)
from desktop.core.errors import ValidationError
from desktop.core.models import (
    Agreement,
    AgreementAction,
    AgreementChange,
    Contract,
    ContractKind,
    ContractLine,
    ContractStatus,
    OwnEntity,
    Periodicity,
    Proration,
    Service,
    WorkOrder,
)

KOPECK = Decimal("0.01")
ONE = Decimal(1)
DAY = dt.timedelta(days=1)


PRORATION_RULES: dict[str, str] = {
    Proration.CALENDAR_DAYS: "по календарным дням: цена × дни части / дни периода",
    Proration.WORKING_DAYS: (
        "по рабочим дням (пн–пт, без учёта праздников): цена × рабочие дни части / рабочие дни периода"
    ),
    Proration.WHOLE_MONTH_IF_BEFORE_15: (
        "целый месяц, если условия действуют 14-го числа; начатое с 15-го — со следующего месяца"
    ),
}


def working_days(start: dt.date, end: dt.date) -> int:
    """Mondays to Fridays in [start, end]; public holidays are not known here (no production calendar)."""
    if end < start:
        return 0
    total = (end - start).days + 1
    weeks, rest = divmod(total, 7)
    count = weeks * 5
    weekday = start.weekday()
    for i in range(rest):
        if (weekday + i) % 7 < 5:
            count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Terms in force on a date


@dataclass(frozen=True)
class TermLine:
    """One line of the contract as it stands on a date, agreements applied.

    ``vat_rate`` is the rate fixed by the contract or an agreement (None: the service's rate or
    the seller's regime decides, see ``rate_of``). Equality ignores ``agreement``, so two
    versions with the same terms compare equal.
    """

    key: str
    service_id: int | None
    name: str
    unit_code: str
    quantity: Decimal
    price: Decimal
    vat_rate: str | None = None
    service_vat_rate: str | None = None
    agreement: Agreement | None = field(default=None, compare=False)

    @property
    def source(self) -> str | None:
        """«доп. соглашение № 2 от 12.03.2026», or None for the contract's own terms."""
        return agreement_title(self.agreement) if self.agreement is not None else None


def agreement_title(agreement: Agreement) -> str:
    return f"доп. соглашение № {agreement.number} от {agreement.date:%d.%m.%Y}"


def correcting_agreement(
    contract: Contract, period_start: dt.date, period_end: dt.date, day: dt.date
) -> Agreement | None:
    """The agreement a correction of the period's sale rests on (Tax Code art. 172 p. 10): the latest
    one signed by ``day`` that takes effect within the period, else the latest in force by its end."""
    signed = [a for a in contract.agreements if a.date <= day and a.effective_date <= period_end]
    within = [a for a in signed if a.effective_date >= period_start] or signed
    return max(within, key=lambda a: (a.date, a.id or 0)) if within else None


def contract_title(contract: Contract) -> str:
    return f"договор № {contract.number} от {contract.date:%d.%m.%Y}" if contract.date else "договор"


def _service_of(service: Service | None) -> tuple[str, str, str | None]:
    if service is None:
        return "", "", None
    return service.name or "", service.unit_code or "", service.vat_rate


def _line_key(line: ContractLine, index: int) -> str:
    return f"line:{line.id}" if line.id is not None else f"line#{index}"


def _added_key(agreement: Agreement, change: AgreementChange, index: int) -> str:
    if change.id is not None:
        return f"add:{change.id}"
    return f"add:{agreement.number}#{index}"


def _sorted_lines(contract: Contract) -> list[ContractLine]:
    return sorted(contract.lines, key=lambda ln: (ln.position or 0, ln.id or 0))


def _sorted_agreements(contract: Contract) -> list[Agreement]:
    return sorted(
        contract.agreements,
        key=lambda a: (a.effective_date, a.date or a.effective_date, a.id or 0),
    )


def end_date(contract: Contract) -> dt.date | None:
    """The last day of service: the earliest of valid_to and any termination agreement's date."""
    ends = [a.ends_contract_on for a in contract.agreements if a.ends_contract_on is not None]
    if contract.valid_to is not None:
        ends.append(contract.valid_to)
    return min(ends) if ends else None


def is_valid_on(contract: Contract, day: dt.date) -> bool:
    if day < contract.valid_from:
        return False
    end = end_date(contract)
    return end is None or day <= end


def _initial_terms(contract: Contract) -> tuple[dict[str, TermLine], dict[int, str], dict[int, str]]:
    terms: dict[str, TermLine] = {}
    by_object: dict[int, str] = {}
    by_id: dict[int, str] = {}
    for index, line in enumerate(_sorted_lines(contract), start=1):
        key = _line_key(line, index)
        name, unit, service_rate = _service_of(line.service)
        service_id = (
            line.service_id
            if line.service_id is not None
            else (line.service.id if line.service is not None else None)
        )
        terms[key] = TermLine(
            key=key,
            service_id=service_id,
            name=line.description or name,
            unit_code=unit,
            quantity=line.quantity if line.quantity is not None else ONE,
            price=line.price,
            vat_rate=line.vat_rate,
            service_vat_rate=service_rate,
        )
        by_object[id(line)] = key
        if line.id is not None:
            by_id[line.id] = key
    return terms, by_object, by_id


def _target_key(
    contract: Contract,
    agreement: Agreement,
    change: AgreementChange,
    index: int,
    terms: dict[str, TermLine],
    by_object: dict[int, str],
    by_id: dict[int, str],
) -> str | None:
    # The id first: reading the relationship of a loaded change could cost a query.
    if change.contract_line_id is not None:
        if change.contract_line_id in by_id:
            return by_id[change.contract_line_id]
        raise ValidationError(
            f"{_where(contract, agreement, index)}: строка спецификации #{change.contract_line_id} "
            "не из этого договора."
        )
    if change.contract_line is not None and id(change.contract_line) in by_object:
        return by_object[id(change.contract_line)]
    service_id = (
        change.service_id
        if change.service_id is not None
        else (change.service.id if change.service is not None else None)
    )
    if service_id is None:
        raise ValidationError(f"{_where(contract, agreement, index)}: не указана изменяемая строка.")
    matches = [key for key, term in terms.items() if term.service_id == service_id]
    if len(matches) > 1:
        raise ValidationError(
            f"{_where(contract, agreement, index)}: услуга встречается в договоре несколько раз — "
            "укажите строку спецификации."
        )
    return matches[0] if matches else None


def _where(contract: Contract, agreement: Agreement, index: int) -> str:
    return f"{agreement_title(agreement).capitalize()} к {contract_title(contract)}, изменение {index}"


def _apply(
    contract: Contract,
    agreement: Agreement,
    terms: dict[str, TermLine],
    by_object: dict[int, str],
    by_id: dict[int, str],
) -> None:
    for index, change in enumerate(sorted(agreement.changes, key=lambda c: c.id or 0), start=1):
        action = change.action or AgreementAction.CHANGE
        if action == AgreementAction.ADD:
            name, unit, service_rate = _service_of(change.service)
            service_id = (
                change.service_id
                if change.service_id is not None
                else (change.service.id if change.service is not None else None)
            )
            if change.price is None or service_id is None:
                raise ValidationError(
                    f"{_where(contract, agreement, index)}: для новой строки нужны услуга и цена."
                )
            key = _added_key(agreement, change, index)
            terms[key] = TermLine(
                key=key,
                service_id=service_id,
                name=name,
                unit_code=unit,
                quantity=change.quantity if change.quantity is not None else ONE,
                price=change.price,
                vat_rate=change.vat_rate,
                service_vat_rate=service_rate,
                agreement=agreement,
            )
            continue
        target = _target_key(contract, agreement, change, index, terms, by_object, by_id)
        if action == AgreementAction.REMOVE:
            if target is not None:
                terms.pop(target, None)
            continue
        if action != AgreementAction.CHANGE:
            raise ValidationError(f"{_where(contract, agreement, index)}: неизвестное действие «{action}».")
        if target is None or target not in terms:
            raise ValidationError(
                f"{_where(contract, agreement, index)}: изменяемая строка к этой дате уже исключена из договора."
            )
        old = terms[target]
        terms[target] = replace(
            old,
            quantity=change.quantity if change.quantity is not None else old.quantity,
            price=change.price if change.price is not None else old.price,
            vat_rate=change.vat_rate if change.vat_rate is not None else old.vat_rate,
            agreement=agreement,
        )


def terms_on(contract: Contract, day: dt.date) -> list[TermLine]:
    """The lines in force on ``day`` (agreements effective on or before it applied); [] if not valid."""
    if not is_valid_on(contract, day):
        return []
    terms, by_object, by_id = _initial_terms(contract)
    for agreement in _sorted_agreements(contract):
        if agreement.effective_date > day:
            break
        _apply(contract, agreement, terms, by_object, by_id)
    return list(terms.values())


def _line_order(contract: Contract) -> dict[str, int]:
    order: dict[str, int] = {}
    for index, line in enumerate(_sorted_lines(contract), start=1):
        order[_line_key(line, index)] = len(order)
    for agreement in _sorted_agreements(contract):
        for index, change in enumerate(sorted(agreement.changes, key=lambda c: c.id or 0), start=1):
            if change.action == AgreementAction.ADD:
                order.setdefault(_added_key(agreement, change, index), len(order))
    return order


# ---------------------------------------------------------------------------------------------
# VAT rate of a line


def rate_of(contract: Contract, term: TermLine, day: dt.date) -> str:
    """The VAT rate code of a line rendered on ``day``: seller's regime, fixed rates, 20→22 % transition."""
    fixed = term.vat_rate or term.service_vat_rate
    entity: OwnEntity | None = contract.own_entity
    if entity is not None:
        return line_rate(entity, day, fixed)
    if fixed:
        return general_rate_on(day) if fixed in ("20%", "22%") else fixed
    return general_rate_on(day)


def _rate_breakpoints(contract: Contract) -> list[dt.date]:
    points = [start for start, _ in GENERAL_RATE_HISTORY]
    entity: OwnEntity | None = contract.own_entity
    if entity is not None:
        points.extend(h.effective_from for h in entity.vat_history)
    return points


# ---------------------------------------------------------------------------------------------
# Lines of a period


@dataclass(frozen=True)
class PeriodLine:
    """A document line of a period: what to show and the amounts, each rounded per line.

    ``quantity`` × ``price`` is what the document shows (a prorated part: 1 × its amount);
    ``base_quantity``/``base_price`` are the contract terms; ``share`` is (units of this line,
    units of the period) in the proration unit (days, working days or months); ``note`` explains
    the arithmetic in Russian for the preview.
    """

    key: str
    service_id: int | None
    name: str
    unit_code: str
    quantity: Decimal
    price: Decimal
    vat_rate: str
    period_from: dt.date
    period_to: dt.date
    net: Decimal
    vat: Decimal
    total: Decimal
    base_quantity: Decimal
    base_price: Decimal
    share: tuple[int, int] = (1, 1)
    note: str = ""
    work_orders: int = 0
    agreement: Agreement | None = field(default=None, compare=False)

    @property
    def prorated(self) -> bool:
        return self.share[0] != self.share[1]

    @property
    def amount(self) -> Decimal:
        """Quantity × price as the document shows it (net when VAT is on top, gross when included)."""
        return _round(self.quantity * self.price)

    @property
    def period_label(self) -> str:
        """«01.03–11.03» (with years when the part crosses a year)."""
        if self.period_from.year != self.period_to.year:
            return f"{self.period_from:%d.%m.%Y}–{self.period_to:%d.%m.%Y}"
        return f"{self.period_from:%d.%m}–{self.period_to:%d.%m}"


def totals(lines: Iterable[PeriodLine]) -> tuple[Decimal, Decimal, Decimal]:
    """(net, VAT, total) of a document: sums of the rounded lines."""
    net = vat = total = Decimal("0.00")
    for line in lines:
        net, vat, total = net + line.net, vat + line.vat, total + line.total
    return net, vat, total


def _round(value: Decimal) -> Decimal:
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def _money(value: Decimal) -> str:
    """30000 → «30 000,00»: thousands by spaces, comma decimals, as in Russian documents."""
    return format_money(value, group=" ")


def quantity_input_text(value: Decimal) -> str:
    """«2,5», «3»: a quantity the way the user types it (no trailing zeros, a decimal comma, no
    thousands separator; documents use ``documents.money.format_quantity``)."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


@dataclass
class _Run:
    key: str
    start: dt.date
    end: dt.date
    term: TermLine
    rate: str


def _runs(contract: Contract, start: dt.date, end: dt.date) -> list[_Run]:
    """Per line, the maximal parts of [start, end] where its terms and VAT rate do not change."""
    candidates = [contract.valid_from]
    last = end_date(contract)
    if last is not None:
        candidates.append(last + DAY)
    candidates.extend(a.effective_date for a in contract.agreements)
    candidates.extend(_rate_breakpoints(contract))
    points = sorted({start, *(d for d in candidates if start < d <= end)})
    bounds = [*points[1:], end + DAY]
    runs: list[_Run] = []
    open_runs: dict[str, _Run] = {}
    for a, next_a in zip(points, bounds, strict=True):
        b = next_a - DAY
        for term in terms_on(contract, a):
            rate = rate_of(contract, term, a)
            current = open_runs.get(term.key)
            if (
                current is not None
                and current.end == a - DAY
                and current.term == term
                and current.rate == rate
            ):
                current.end = b
                continue
            run = _Run(term.key, a, b, term, rate)
            runs.append(run)
            open_runs[term.key] = run
    return runs


def _make_line(
    contract: Contract,
    run_term: TermLine,
    rate: str,
    start: dt.date,
    end: dt.date,
    share: tuple[int, int],
    unit_word: str,
) -> PeriodLine | None:
    part, whole = share
    if part <= 0:
        return None
    base = run_term.quantity * run_term.price
    includes = bool(contract.price_includes_vat)
    if part == whole:
        quantity, price = run_term.quantity, run_term.price
        note = ""
    else:
        # Multiply before dividing: no intermediate rounding, one half-up rounding per line.
        quantity, price = ONE, _round(base * part / whole)
        qty_text = "" if run_term.quantity == ONE else f" × {quantity_input_text(run_term.quantity)}"
        note = f"{_money(run_term.price)}{qty_text} × {part}/{whole} {unit_word} = {_money(price)}"
    net, vat, total = line_amounts(quantity, price, rate, includes)
    return PeriodLine(
        key=run_term.key,
        service_id=run_term.service_id,
        name=run_term.name,
        unit_code=run_term.unit_code,
        quantity=quantity,
        price=price,
        vat_rate=rate,
        period_from=start,
        period_to=end,
        net=net,
        vat=vat,
        total=total,
        base_quantity=run_term.quantity,
        base_price=run_term.price,
        share=share,
        note=note,
        agreement=run_term.agreement,
    )


def _check_period(period_start: dt.date, period_end: dt.date) -> None:
    if period_end < period_start:
        raise ValidationError(
            f"Период {period_start:%d.%m.%Y}–{period_end:%d.%m.%Y}: дата окончания раньше даты начала.",
            field="period",
        )


def terms_for(contract: Contract, period_start: dt.date, period_end: dt.date) -> list[PeriodLine]:
    """The lines of a fixed-volume contract for a billing period, prorated per the contract's setting.

    The contract price is for the whole [period_start, period_end]; each line is split where its
    terms change and each part prorated (see the module docstring). Ordered by contract line,
    then by date.
    """
    _check_period(period_start, period_end)
    proration = contract.proration or Proration.CALENDAR_DAYS
    if proration == Proration.WHOLE_MONTH_IF_BEFORE_15:
        lines = _whole_months(contract, period_start, period_end)
    elif proration in (Proration.CALENDAR_DAYS, Proration.WORKING_DAYS):
        lines = []
        by_working = proration == Proration.WORKING_DAYS
        whole = working_days(period_start, period_end) if by_working else (period_end - period_start).days + 1
        if whole == 0:  # a weekend-only period: fall back to calendar days
            by_working, whole = False, (period_end - period_start).days + 1
        word = "раб. дн." if by_working else "дн."
        for run in _runs(contract, period_start, period_end):
            part = working_days(run.start, run.end) if by_working else (run.end - run.start).days + 1
            line = _make_line(contract, run.term, run.rate, run.start, run.end, (part, whole), word)
            if line is not None:
                lines.append(line)
    else:
        raise ValidationError(
            f"{contract_title(contract).capitalize()}: неизвестный способ расчёта неполного периода «{proration}».",
            field="proration",
        )
    order = _line_order(contract)
    return sorted(lines, key=lambda ln: (order.get(ln.key, len(order)), ln.period_from))


def _whole_months(contract: Contract, period_start: dt.date, period_end: dt.date) -> list[PeriodLine]:
    if period_start.day != 1 or period_end != month_end(period_end):
        raise ValidationError(
            f"{contract_title(contract).capitalize()}: правило «целый месяц, если начато до 15-го» "
            f"применяется к целым месяцам, а период {period_start:%d.%m.%Y}–{period_end:%d.%m.%Y} — нет.",
            field="period",
        )
    months = months_between(period_start, period_end)
    runs: list[_Run] = []
    open_runs: dict[str, _Run] = {}
    for month in months:
        first, last = period_bounds(month)
        pivot = first.replace(day=14)
        for term in terms_on(contract, pivot):
            rate = rate_of(contract, term, pivot)
            current = open_runs.get(term.key)
            if (
                current is not None
                and current.end == first - DAY
                and current.term == term
                and current.rate == rate
            ):
                current.end = last
                continue
            run = _Run(term.key, first, last, term, rate)
            runs.append(run)
            open_runs[term.key] = run
    lines: list[PeriodLine] = []
    for run in runs:
        part = len(months_between(run.start, run.end))
        line = _make_line(contract, run.term, run.rate, run.start, run.end, (part, len(months)), "мес.")
        if line is not None:
            lines.append(line)
    return lines


# ---------------------------------------------------------------------------------------------
# Variable-volume contracts


def variable_lines(
    contract: Contract,
    period_start: dt.date,
    period_end: dt.date,
    work_orders: Sequence[WorkOrder],
) -> list[PeriodLine]:
    """Quantities of the period's approved work orders summed per service × the price in force.

    A work order counts when it is approved, belongs to the contract and is dated within the
    period. A price change inside the period gives one line per price, each with the dates its
    price was in force. A work order for a service the contract does not have on its date is an
    error the user must fix (a forgotten line or a wrong contract).
    """
    _check_period(period_start, period_end)
    runs = _runs(contract, period_start, period_end)
    quantities: dict[int, Decimal] = {}
    counts: dict[int, int] = {}
    for order in sorted(work_orders, key=lambda w: (w.date, w.id or 0)):
        if not order.approved or not period_start <= order.date <= period_end:
            continue
        if order.contract_id is not None and contract.id is not None and order.contract_id != contract.id:
            continue
        service_id = (
            order.service_id
            if order.service_id is not None
            else (order.service.id if order.service is not None else None)
        )
        match = next(
            (
                i
                for i, run in enumerate(runs)
                if run.term.service_id == service_id and run.start <= order.date <= run.end
            ),
            None,
        )
        if match is None:
            what = f"«{order.service.name}»" if order.service is not None else f"#{service_id}"
            number = f" № {order.request_number}" if order.request_number else ""
            why = (
                "договор в этот день не действует"
                if not is_valid_on(contract, order.date)
                else "такой услуги нет в договоре на эту дату"
            )
            raise ValidationError(
                f"Заказ-наряд{number} от {order.date:%d.%m.%Y} по {contract_title(contract)}: "
                f"услуга {what} — {why}."
            )
        quantities[match] = quantities.get(match, Decimal(0)) + order.quantity
        counts[match] = counts.get(match, 0) + 1
    includes = bool(contract.price_includes_vat)
    lines: list[PeriodLine] = []
    for index, run in enumerate(runs):
        if index not in quantities:
            continue
        quantity = quantities[index]
        net, vat, total = line_amounts(quantity, run.term.price, run.rate, includes)
        lines.append(
            PeriodLine(
                key=run.key,
                service_id=run.term.service_id,
                name=run.term.name,
                unit_code=run.term.unit_code,
                quantity=quantity,
                price=run.term.price,
                vat_rate=run.rate,
                period_from=run.start,
                period_to=run.end,
                net=net,
                vat=vat,
                total=total,
                base_quantity=quantity,
                base_price=run.term.price,
                note=f"заказ-нарядов: {counts[index]}",
                work_orders=counts[index],
                agreement=run.term.agreement,
            )
        )
    order_of = _line_order(contract)
    return sorted(lines, key=lambda ln: (order_of.get(ln.key, len(order_of)), ln.period_from))


def period_lines(
    contract: Contract,
    period_start: dt.date,
    period_end: dt.date,
    work_orders: Sequence[WorkOrder] = (),
) -> list[PeriodLine]:
    """The document lines of a period by contract kind: terms in force, or work orders × prices."""
    if (contract.kind or ContractKind.FIXED) == ContractKind.VARIABLE:
        return variable_lines(contract, period_start, period_end, work_orders)
    return terms_for(contract, period_start, period_end)


# ---------------------------------------------------------------------------------------------
# Which months bill


def billing_period(contract: Contract, period: str) -> tuple[dt.date, dt.date]:
    """The service period a document issued for month ``period`` covers: month, quarter or year."""
    periodicity = contract.periodicity or Periodicity.MONTH
    if periodicity == Periodicity.QUARTER:
        return quarter_bounds(period)
    if periodicity == Periodicity.YEAR:
        return year_bounds(period)
    return period_bounds(period)


def billing_due(contract: Contract, period: str) -> tuple[bool, str]:
    """Whether the contract bills in month ``period`` and, when it does not, why (in Russian).

    Monthly contracts bill every month they are in force. Quarterly ones bill in the quarter's
    last month (March, June, September, December) for the whole quarter, yearly ones in December;
    a contract that ends earlier bills in the month of its end (the final act).
    """
    month_start, month_end = period_bounds(period)
    status = contract.status or ContractStatus.ACTIVE
    if status == ContractStatus.DRAFT:
        return False, "Договор ещё не подписан (черновик)."
    if status == ContractStatus.SUSPENDED:
        return False, "Действие договора приостановлено."
    last = end_date(contract)
    if last is not None and last < month_start:
        return False, f"Договор закончился {last:%d.%m.%Y}."
    periodicity = contract.periodicity or Periodicity.MONTH
    _, cover_end = billing_period(contract, period)
    if contract.valid_from > cover_end:
        return False, f"Договор действует с {contract.valid_from:%d.%m.%Y}."
    if periodicity == Periodicity.MONTH:
        return True, ""
    ends_here = last is not None and month_start <= last <= month_end
    if periodicity == Periodicity.QUARTER:
        title = quarter_title(period)
        if month_end == cover_end or ends_here:
            return True, f"Квартальный договор: счёт за {title}"
        billing_month = MONTHS_PREPOSITIONAL[cover_end.month - 1]
        if last is not None and last < cover_end:
            billing_month = MONTHS_PREPOSITIONAL[last.month - 1]
        return False, f"Квартальный договор: счёт выставляется в {billing_month}."
    if periodicity == Periodicity.YEAR:
        if month_end == cover_end or ends_here:
            return True, f"Годовой договор: счёт за {month_start.year} год"
        billing_month = "декабре"
        if last is not None and last < cover_end:
            billing_month = MONTHS_PREPOSITIONAL[last.month - 1]
        return False, f"Годовой договор: счёт выставляется в {billing_month}."
    return False, f"Неизвестная периодичность договора «{periodicity}»."
