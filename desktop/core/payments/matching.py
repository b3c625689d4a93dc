"""Matching one incoming payment to open invoices (docs/domain.md, «Matching receipts»), as a pure function.

Confidence, strongest first: the purpose names the invoice's number and date; the number only;
the amount equals what is outstanding; only the payer's INN is known. A match is applied
automatically only when it is unambiguous; everything else goes to the unallocated queue with
suggestions. Several invoices are paid oldest first (or in the order the purpose names them); what
is left over stays with the client as an advance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import IntEnum

from desktop.core.bank.refs import InvoiceRef, extract_invoice_refs, normalize_invoice_number

ZERO = Decimal("0.00")


class Confidence(IntEnum):
    """How sure a match is; compare with ``>``."""

    INN = 1
    AMOUNT = 2
    NUMBER = 3
    NUMBER_DATE = 4

    @property
    def label(self) -> str:
        return {
            Confidence.INN: "только по ИНН плательщика",
            Confidence.AMOUNT: "по сумме",
            Confidence.NUMBER: "по номеру счёта",
            Confidence.NUMBER_DATE: "по номеру и дате счёта",
        }[self]


@dataclass(frozen=True)
class OpenInvoice:
    """An invoice that still waits for money: ``outstanding`` = total − already paid (> 0)."""

    id: int
    number: str
    date: date
    inn: str
    kpp: str
    outstanding: Decimal


@dataclass(frozen=True)
class Allocation:
    invoice_id: int
    amount: Decimal
    confidence: Confidence


@dataclass(frozen=True)
class MatchResult:
    """What to do with a payment.

    ``allocations`` are applied as they are when ``auto_apply``; otherwise they are only a
    suggestion for the unallocated queue (possibly empty). ``remainder`` is the part of the payment
    not allocated: the client's advance (overpayment) or, when not auto-applied, the whole sum.
    ``candidates`` are the invoice ids a person should look at; ``reason`` says why, in Russian.
    """

    allocations: tuple[Allocation, ...]
    auto_apply: bool
    remainder: Decimal
    confidence: Confidence | None
    reason: str
    refs: tuple[InvoiceRef, ...] = ()
    candidates: tuple[int, ...] = ()

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)


def _allocate(
    amount: Decimal, invoices: Sequence[OpenInvoice], confidence: Confidence
) -> tuple[tuple[Allocation, ...], Decimal]:
    left = amount
    allocations: list[Allocation] = []
    for invoice in invoices:
        if left <= 0:
            break
        part = min(left, invoice.outstanding)
        if part > 0:
            allocations.append(Allocation(invoice.id, part, confidence))
            left -= part
    return tuple(allocations), left


def _oldest_first(invoices: Sequence[OpenInvoice]) -> list[OpenInvoice]:
    return sorted(invoices, key=lambda i: (i.date, i.id))


def _same_payer(invoices: Sequence[OpenInvoice], inn: str, kpp: str) -> list[OpenInvoice]:
    inn, kpp = inn.strip(), kpp.strip()
    if not inn or inn == "0":
        return []
    mine = [i for i in invoices if i.inn == inn]
    # A client with branches has several KPPs: narrow down when the payer's KPP picks some of them.
    if kpp and kpp != "0" and len({i.kpp for i in mine}) > 1:
        narrowed = [i for i in mine if i.kpp == kpp]
        if narrowed:
            return narrowed
    return mine


def _numbers(invoices: Sequence[OpenInvoice], ref: InvoiceRef) -> list[OpenInvoice]:
    return [i for i in invoices if normalize_invoice_number(i.number) == ref.number]


def _result(
    amount: Decimal,
    allocations: tuple[Allocation, ...],
    auto: bool,
    confidence: Confidence | None,
    reason: str,
    refs: Sequence[InvoiceRef],
    candidates: Sequence[int] = (),
) -> MatchResult:
    allocated = sum((a.amount for a in allocations), ZERO)
    return MatchResult(
        allocations=allocations,
        auto_apply=auto and bool(allocations),
        remainder=amount - allocated if auto and allocations else amount,
        confidence=confidence,
        reason=reason,
        refs=tuple(refs),
        candidates=tuple(candidates) or tuple(a.invoice_id for a in allocations),
    )


def match_payment(
    amount: Decimal,
    purpose: str,
    payer_inn: str,
    candidates: Sequence[OpenInvoice],
    payer_kpp: str = "",
) -> MatchResult:
    """Score one incoming payment against the open invoices of the receiving entity."""
    refs = extract_invoice_refs(purpose)
    own = _same_payer(candidates, payer_inn, payer_kpp)

    if refs:
        named: list[OpenInvoice] = []
        confidence = Confidence.NUMBER_DATE
        problems: list[str] = []
        ambiguous: list[int] = []
        for ref in refs:
            same_number = _numbers(own, ref)
            exact = [i for i in same_number if ref.date is not None and i.date == ref.date]
            if len(exact) == 1:
                found = exact[0]
            elif ref.date is None and len(same_number) == 1:
                found = same_number[0]
                confidence = min(confidence, Confidence.NUMBER)
            elif ref.date is not None and len(same_number) == 1:
                found = same_number[0]
                confidence = min(confidence, Confidence.NUMBER)
                problems.append(
                    f"счёт № {same_number[0].number} выставлен {same_number[0].date:%d.%m.%Y}, "
                    f"а в назначении дата {ref.date:%d.%m.%Y}"
                )
            elif len(same_number) > 1:
                problems.append(f"счетов № {ref.number} у плательщика несколько — непонятно, какой оплачен")
                ambiguous += [i.id for i in _oldest_first(same_number)]
                continue
            else:
                elsewhere = [i for i in _numbers(candidates, ref) if ref.date is None or i.date == ref.date]
                if elsewhere:
                    problems.append(
                        f"счёт № {ref.number} выставлен другому покупателю (ИНН {elsewhere[0].inn}) — "
                        "возможно, оплата за третье лицо"
                    )
                else:
                    problems.append(f"открытого счёта № {ref.number} не найдено")
                continue
            if found not in named:
                named.append(found)
        if named:
            allocations, left = _allocate(amount, named, confidence)
            auto = not problems
            reason = f"Счёт найден {confidence.label}"
            if problems:
                reason += "; не разнесено автоматически: " + "; ".join(problems)
            elif left > 0:
                reason += f"; переплата {left:.2f} остаётся авансом клиента"
            return _result(amount, allocations, auto, confidence, reason, refs)
        # The purpose names invoices we cannot find or cannot tell apart: only a person can decide.
        if ambiguous:
            return _result(amount, (), False, None, "Не разнесено: " + "; ".join(problems), refs, ambiguous)
        if own:
            suggestion, _left = _allocate(amount, _oldest_first(own), Confidence.INN)
            return _result(
                amount,
                suggestion,
                False,
                Confidence.INN,
                "Не разнесено: " + "; ".join(problems),
                refs,
                [i.id for i in _oldest_first(own)],
            )
        return _result(amount, (), False, None, "Не разнесено: " + "; ".join(problems), refs)

    if not own:
        return _result(amount, (), False, None, "Не разнесено: у плательщика нет открытых счетов", refs)

    oldest = _oldest_first(own)
    exact = [i for i in oldest if i.outstanding == amount]
    if len(exact) == 1:
        allocations, _left = _allocate(amount, exact, Confidence.AMOUNT)
        return _result(amount, allocations, True, Confidence.AMOUNT, "Счёт найден по сумме", refs)
    if len(exact) > 1:
        return _result(
            amount,
            (),
            False,
            Confidence.AMOUNT,
            f"Не разнесено: сумма совпадает с {len(exact)} открытыми счетами плательщика — выберите счёт",
            refs,
            [i.id for i in exact],
        )
    running = ZERO
    for count, invoice in enumerate(oldest, start=1):
        running += invoice.outstanding
        if running == amount and count > 1:
            allocations, _left = _allocate(amount, oldest[:count], Confidence.AMOUNT)
            return _result(
                amount,
                allocations,
                True,
                Confidence.AMOUNT,
                f"Сумма равна долгу по {count} самым старым счетам плательщика",
                refs,
            )
        if running > amount:
            break
    allocations, _left = _allocate(amount, oldest, Confidence.INN)
    return _result(
        amount,
        allocations,
        False,
        Confidence.INN,
        "Не разнесено: в назначении нет номера счёта и сумма не совпадает с долгом — "
        "предложено гасить самые старые счета",
        refs,
        [i.id for i in oldest],
    )
