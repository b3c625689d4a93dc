"""Amount in words the 1C way: «Двенадцать тысяч двести рублей 00 копеек».

See docs/domain.md, «Amount in words».
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

KOPECK = Decimal("0.01")


def amount_in_words(value: Decimal) -> str:
    """Roubles in words, kopecks as two digits, capital first letter, no comma.

    num2words reads an ``int`` as kopecks and a float loses kopecks, so only ``Decimal`` is
    accepted; the value is rounded half-up to kopecks first.
    """
    if not isinstance(value, Decimal):
        raise TypeError(f"amount must be Decimal, not {type(value).__name__}")
    amount = value.quantize(KOPECK, rounding=ROUND_HALF_UP)
    text = str(num2words(amount, lang="ru", to="currency", currency="RUB", cents=False, separator=""))
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]
