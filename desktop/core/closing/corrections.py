"""Corrections of a sale already sent or signed: the УКД (корректировочный счёт-фактура, Decree 1137 appendix 2).

A sale whose documents were sent or signed is never replaced. When the contract's terms of its
period (an agreement changing a price or a quantity) now give other lines than the sale's current
state, the closing issues a УКД on it. The current state is the sale's own lines with the «after»
values of every УКД already issued on it applied in turn (a chain: each УКД's ``basis`` is the
state it corrects — the sale, then the previous УКД).

Positions are the sale's lines by their name without the part of the period («Охрана
(01.11–14.11)» → «Охрана»): an agreement effective mid-month splits one line into two parts, which
together are the position «after». A position shows the line's quantity and price when it is one
line; several parts show quantity 1 and the price equal to their sum (as the closing shows a part
of a period). Only the positions that change are listed (appendix 2 shows the changed positions);
a position the agreement adds has zeros «before», one it removes zeros «after».

Pure functions on loaded documents and lines, except ``load_chains``/``chain_for``, which read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from desktop.core.common.catalog import NO_VAT
from desktop.core.common.formats import format_date
from desktop.core.common.labels import KIND_DATIVE, KIND_TITLES
from desktop.core.common.money import format_money
from desktop.core.models import Document, DocumentKind, DocumentLine, DocumentStage, DocumentStatus

ZERO = Decimal("0.00")
# The sale documents a УКД corrects, in the order of preference: the UPD carries the
# счёт-фактура (package «акт, счёт и УПД» gives one УКД, on the UPD), then a separate
# счёт-фактура, then the act.
TARGET_ORDER: tuple[DocumentKind, ...] = (DocumentKind.UPD, DocumentKind.SF, DocumentKind.ACT)
_PART = re.compile(r" \(\d{2}\.\d{2}(?:\.\d{4})?–\d{2}\.\d{2}(?:\.\d{4})?\)$")


@dataclass(frozen=True)
class Values:
    """A position's values at one state (line А «before» or line Б «after» of appendix 2)."""

    quantity: Decimal
    price: Decimal
    net: Decimal
    vat: Decimal
    total: Decimal
    vat_rate: str
    unit_code: str | None = None
    unit_name: str | None = None

    def same_as(self, other: Values) -> bool:
        return (self.quantity, self.price, self.net, self.vat, self.total) == (
            other.quantity,
            other.price,
            other.net,
            other.vat,
            other.total,
        )


NOTHING = Values(Decimal(0), ZERO, ZERO, ZERO, ZERO, "")


@dataclass(frozen=True)
class Position:
    """One changed position of a УКД: its values before and after the change."""

    name: str
    before: Values
    after: Values

    @property
    def difference(self) -> tuple[Decimal, Decimal, Decimal]:
        """(net, VAT, total) after − before: positive for an increase (line В), negative for a decrease (Г)."""
        return (
            self.after.net - self.before.net,
            self.after.vat - self.before.vat,
            self.after.total - self.before.total,
        )


def is_locked(document: Document) -> bool:
    """Signed or sent: never replaced, only corrected."""
    return bool(document.signed) or document.sent_at is not None


def position_name(name: str) -> str:
    """The line's name without the part of the period the closing adds («Охрана (01.11–14.11)» → «Охрана»)."""
    return _PART.sub("", name)


def _values(lines: Sequence[DocumentLine], includes_vat: bool) -> Values:
    first = lines[0]
    net = sum((ln.amount_net for ln in lines), ZERO)
    vat = sum((ln.amount_vat for ln in lines), ZERO)
    total = sum((ln.amount_total for ln in lines), ZERO)
    if len(lines) == 1:
        quantity, price = first.quantity, first.price
    else:  # parts of the period: one unit, priced at their sum (as the document shows a part)
        quantity, price = Decimal(1), total if includes_vat else net
    return Values(quantity, price, net, vat, total, first.vat_rate, first.unit_code, first.unit_name)


def _grouped(lines: Iterable[DocumentLine]) -> dict[str, list[DocumentLine]]:
    groups: dict[str, list[DocumentLine]] = {}
    for line in sorted(lines, key=lambda ln: ln.position or 0):
        groups.setdefault(position_name(line.name), []).append(line)
    return groups


def state_of(sale: Document, chain: Sequence[Document], includes_vat: bool) -> dict[str, Values]:
    """The sale's positions as they stand: its lines, each УКД of the chain's «after» values applied."""
    state = {name: _values(group, includes_vat) for name, group in _grouped(sale.lines).items()}
    for correction in chain:
        for line in correction.lines:
            after = Values(
                line.quantity,
                line.price,
                line.amount_net,
                line.amount_vat,
                line.amount_total,
                line.vat_rate,
                line.unit_code,
                line.unit_name,
            )
            if after.same_as(NOTHING):
                state.pop(line.name, None)  # a position the agreement removed
            else:
                state[line.name] = after
    return state


def changes(
    state: dict[str, Values], new_lines: Sequence[DocumentLine], includes_vat: bool
) -> list[Position]:
    """The positions whose values the new lines change, in the sale's order (new positions last)."""
    new = {name: _values(group, includes_vat) for name, group in _grouped(new_lines).items()}
    found = []
    for name in [*state, *(n for n in new if n not in state)]:
        before = state.get(name)
        after = new.get(name)
        if before is not None and after is not None and before.same_as(after):
            continue
        empty_before = NOTHING if after is None else _empty_like(after)
        empty_after = NOTHING if before is None else _empty_like(before)
        found.append(Position(name, before or empty_before, after or empty_after))
    return found


def _empty_like(values: Values) -> Values:
    return Values(Decimal(0), ZERO, ZERO, ZERO, ZERO, values.vat_rate, values.unit_code, values.unit_name)


def correction_lines(
    positions: Sequence[Position], period_start: dt.date, period_end: dt.date
) -> list[DocumentLine]:
    """The УКД's lines: the columns hold the values after the change (line Б), ``*_before`` line А."""
    out = []
    for index, position in enumerate(positions, start=1):
        before, after = position.before, position.after
        out.append(
            DocumentLine(
                position=index,
                name=position.name,
                unit_code=after.unit_code or before.unit_code,
                unit_name=after.unit_name or before.unit_name,
                quantity=after.quantity,
                price=after.price,
                amount_net=after.net,
                vat_rate=after.vat_rate or before.vat_rate,
                amount_vat=after.vat,
                amount_total=after.total,
                period_from=period_start,
                period_to=period_end,
                quantity_before=before.quantity,
                price_before=before.price,
                amount_net_before=before.net,
                amount_vat_before=before.vat,
                amount_total_before=before.total,
            )
        )
    return out


def difference(positions: Iterable[Position]) -> tuple[Decimal, Decimal, Decimal]:
    """(net, VAT, total) of all positions, after − before: the УКД's stored amounts."""
    net = vat = total = ZERO
    for position in positions:
        d_net, d_vat, d_total = position.difference
        net, vat, total = net + d_net, vat + d_vat, total + d_total
    return net, vat, total


def split(positions: Iterable[Position]) -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal]]:
    """((increase total, its VAT), (decrease total, its VAT)): the sums of lines В and of lines Г."""
    up_total = up_vat = down_total = down_vat = ZERO
    for position in positions:
        d_vat, d_total = position.difference[1:]
        if d_total > 0:
            up_total, up_vat = up_total + d_total, up_vat + max(d_vat, ZERO)
        elif d_total < 0:
            down_total, down_vat = down_total - d_total, down_vat + max(-d_vat, ZERO)
    return (up_total, up_vat), (down_total, down_vat)


def document_title(document: Document) -> str:
    """«УПД № 12 от 30.11.2026»."""
    return f"{KIND_TITLES.get(document.kind, 'Документ')} № {document.number} от {format_date(document.date)}"


def preview_text(
    target: Document, state: dict[str, Values], new_total: Decimal, positions: Sequence[Position]
) -> str:
    """«УКД к УПД № 12 от 30.11.2026: было 10 000,00, стало 12 000,00, увеличение 2 000,00 (НДС 440,00)»."""
    was = sum((v.total for v in state.values()), ZERO)
    (up, up_vat), (down, down_vat) = split(positions)
    with_vat = any(
        p.after.vat_rate not in ("", NO_VAT) or p.before.vat_rate not in ("", NO_VAT) for p in positions
    )

    def vat(amount: Decimal) -> str:
        return f" (НДС {format_money(amount)})" if with_vat else " (без НДС)"

    parts = []
    if up:
        parts.append(f"увеличение {format_money(up)}{vat(up_vat)}")
    if down:
        parts.append(f"уменьшение {format_money(down)}{vat(down_vat)}")
    changed = ", ".join(parts) or "суммы не меняются, меняются количество или цена"
    to = f"{KIND_DATIVE.get(target.kind, '')} № {target.number} от {format_date(target.date)}"
    return f"УКД к {to}: было {format_money(was)}, стало {format_money(new_total)}, {changed}"


def target_of(sales: Iterable[Document]) -> Document | None:
    """The document a УКД corrects among the sale's current documents: the UPD, the separate
    счёт-фактура, else the act (invoices for payment are never corrected)."""
    by_kind = {d.kind: d for d in sales if d.stage == DocumentStage.FULL}
    return next((by_kind[k] for k in TARGET_ORDER if k in by_kind), None)


def locked_sales(documents: Iterable[Document]) -> list[Document]:
    """The document a УКД would correct of each sale (contract and period) one of whose documents
    was sent or signed: its act or UPD may be signed while the other was never sent."""
    sales: dict[tuple[int, str], list[Document]] = {}
    for document in documents:
        if document.kind in TARGET_ORDER and document.stage == DocumentStage.FULL:
            sales.setdefault((document.contract_id, document.period), []).append(document)
    found = []
    for group in sales.values():
        target = target_of(group)
        if target is not None and any(is_locked(d) for d in group):
            found.append(target)
    return found


def _chain(target: Document, corrections: Iterable[Document]) -> list[Document]:
    on = {}
    for correction in sorted(corrections, key=lambda d: d.id):
        if correction.basis_id is not None:
            on[correction.basis_id] = correction
    chain: list[Document] = []
    current = target
    while current.id in on and len(chain) < 1000:
        current = on[current.id]
        chain.append(current)
    return chain


def _corrections_query(contract_ids: Sequence[int], periods: Sequence[str]) -> Select[Document]:
    return (
        select(Document)
        .where(
            Document.kind == DocumentKind.UKD,
            Document.contract_id.in_(list(contract_ids)),
            Document.period.in_(list(periods)),
            Document.current.is_(True),
            Document.status != DocumentStatus.CANCELLED,
        )
        .options(selectinload(Document.lines))
    )


def load_chains(session: Session, targets: Sequence[Document]) -> dict[int, list[Document]]:
    """For each document a УКД may correct: its lines loaded, and the УКД already issued on it in order."""
    chains: dict[int, list[Document]] = {}
    for start in range(0, len(targets), 900):
        chunk = list(targets[start : start + 900])
        ids = [d.id for d in chunk]
        list(
            session.scalars(
                select(Document).where(Document.id.in_(ids)).options(selectinload(Document.lines))
            )
        )
        found = list(
            session.scalars(
                _corrections_query(sorted({d.contract_id for d in chunk}), sorted({d.period for d in chunk}))
            )
        )
        for target in chunk:
            chains[target.id] = _chain(target, (d for d in found if d.contract_id == target.contract_id))
    return chains


def chain_for(session: Session, target: Document) -> list[Document]:
    """The УКД already issued on ``target``, in order (read in the caller's transaction)."""
    return load_chains(session, [target])[target.id]
