"""Units of measure (OKEI), VAT rates as dated data, and the per-line VAT arithmetic.

Rates change by law: the general rate is 20% for services rendered before 2026 and 22% from
1 January 2026 (Federal Law 425-FZ). The rate follows the date of rendering, so it is looked up
by date from ``GENERAL_RATE_HISTORY``; add a row when the law changes, never edit code paths.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.models import EntityVatRegime, OwnEntity, Unit, VatRegime

KOPECK = Decimal("0.01")

# code, name, short name (docs/domain.md, «Units of measure»)
UNITS: tuple[tuple[str, str, str], ...] = (
    ("356", "Час", "ч"),
    ("359", "Сутки", "сут"),
    ("360", "Неделя", "нед"),
    ("362", "Месяц", "мес"),
    ("364", "Квартал", "кв"),
    ("366", "Год", "г"),
    ("796", "Штука", "шт"),
    ("055", "Квадратный метр", "м2"),
    ("006", "Метр", "м"),
    ("876", "Условная единица", "усл. ед"),
    ("839", "Комплект", "компл"),
)

NO_VAT = "без НДС"
RATES = ("22%", "20%", "10%", "7%", "5%", "0%", NO_VAT)

# (effective from, general rate): the rate in force for services rendered on or after the date.
GENERAL_RATE_HISTORY: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2019, 1, 1), "20%"),
    (dt.date(2026, 1, 1), "22%"),
)


def seed_units(session: Session) -> int:
    """Add the units that are missing; returns how many were added."""
    existing = set(session.scalars(select(Unit.code)))
    added = [Unit(code=c, name=n, short_name=s) for c, n, s in UNITS if c not in existing]
    session.add_all(added)
    return len(added)


def general_rate_on(day: dt.date) -> str:
    rate = GENERAL_RATE_HISTORY[0][1]
    for start, value in GENERAL_RATE_HISTORY:
        if day >= start:
            rate = value
    return rate


def regime_rate(regime: str, day: dt.date) -> str:
    """The rate a seller's VAT regime gives for a service rendered on ``day``."""
    return {
        VatRegime.VAT22: general_rate_on(day),
        VatRegime.VAT10: "10%",
        VatRegime.VAT0: "0%",
        VatRegime.NO_VAT: NO_VAT,
        VatRegime.USN5: "5%",
        VatRegime.USN7: "7%",
    }.get(VatRegime(regime), general_rate_on(day))


def entity_regime_on(entity: OwnEntity, day: dt.date) -> str:
    """The entity's regime on a date: its dated history if any, else its current regime."""
    regime = entity.vat_regime
    history: list[EntityVatRegime] = sorted(entity.vat_history, key=lambda h: h.effective_from)
    for item in history:
        if item.effective_from <= day:
            regime = item.regime
    return regime


def line_rate(entity: OwnEntity, day: dt.date, fixed_rate: str | None = None) -> str:
    """The rate of a document line: a seller without VAT never charges it; else a fixed rate or the regime's."""
    regime = entity_regime_on(entity, day)
    if regime == VatRegime.NO_VAT:
        return NO_VAT
    if fixed_rate:
        return general_rate_on(day) if fixed_rate in ("20%", "22%") else fixed_rate
    return regime_rate(regime, day)


def rate_fraction(rate: str) -> Decimal:
    if rate == NO_VAT:
        return Decimal(0)
    return Decimal(rate.rstrip("%")) / 100


def round_money(value: Decimal) -> Decimal:
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def price_without_vat(quantity: Decimal, price: Decimal, net: Decimal) -> Decimal:
    """The unit price without VAT that a счёт-фактура prints in column 4 (and the UPD XML in
    ``ЦенаТов``): the stored price when quantity × price gives the net, else net / quantity with the
    fewest decimals (2 to 11) that give it back. With «price includes VAT» contracts the stored
    price is gross, and column 4 of Decree 1137 wants it without the tax."""
    if round_money(quantity * price) == net:
        return price
    for places in range(2, 12):
        candidate = (net / quantity).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if round_money(quantity * candidate) == net:
            return candidate
    return (net / quantity).quantize(Decimal(1).scaleb(-11), rounding=ROUND_HALF_UP)


def line_amounts(
    quantity: Decimal, price: Decimal, rate: str, price_includes_vat: bool = False
) -> tuple[Decimal, Decimal, Decimal]:
    """(net, VAT, total) of one line, each rounded half-up to kopecks (docs/domain.md, «VAT rounding»).

    On top: VAT = round(net × rate), total = net + VAT. Included: total = round(qty × price),
    VAT = round(total × rate / (1 + rate)), net = total − VAT.
    """
    amount = round_money(quantity * price)
    fraction = rate_fraction(rate)
    if price_includes_vat:
        vat = round_money(amount * fraction / (1 + fraction))
        return amount - vat, vat, amount
    vat = round_money(amount * fraction)
    return amount, vat, amount + vat
