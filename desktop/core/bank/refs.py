"""Invoice references in a payment purpose: «по счёту № АБ-000123 от 02.03.26» → 123 of 2 March 2026.

docs/domain.md, «Matching receipts», step 2: markers «сч», «сч.», «счет», «счёт», «С/Ф», «N», «№»
followed by a number, an optional «от ДД.ММ.ГГ(ГГ)», and lists («по счетам 12, 13»). Numbers are
normalised the same way on both sides of a match: letter prefixes and leading zeros do not count
(«АБ-000123» = «123»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_L = "A-Za-zА-Яа-яЁё"
_NUM = r"(?:(?-i:[A-ZА-ЯЁ]{1,5})\s?[-/]?\s?)?"
_NUM += r"\d{1,10}(?:[/-]\d{1,4})?(?![.,]\d|\d|\s\d{3}\b)"
_DATE = r"(?:\s*(?:от|from)?\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d))?"
_NUMBER_SIGN = r"(?:№|N|No\.?|#)"
_INVOICE_WORD = (
    rf"(?<![{_L}0-9/])(?:сч(?:[её]т(?:ам|ах|ов|у|а|е)?)?\.?(?:\s*-\s*фактур[{_L}]*)?"
    rf"|с/ф|с-ф|сф)(?![{_L}])(?:\s*на\s+оплату)?"
)
_DATE_FIRST = r"(?:\s*от\s*(?P<d0>\d{1,2})[./-](?P<m0>\d{1,2})[./-](?P<y0>\d{4}|\d{2})(?!\d)(?:\s*г\.?)?)?"
_REF = re.compile(
    rf"(?:(?P<word>{_INVOICE_WORD}){_DATE_FIRST}\s*{_NUMBER_SIGN}?|(?<![{_L}0-9]){_NUMBER_SIGN})"
    rf"\s*(?P<num>{_NUM}){_DATE}",
    re.IGNORECASE,
)
_MORE = re.compile(rf"\s*(?:,|;|\bи\b|&)\s*{_NUMBER_SIGN}?\s*(?P<num>{_NUM}){_DATE}", re.IGNORECASE)
_LAST_WORD = re.compile(rf"([{_L}][{_L}./-]*)[\s.:]*$")
# A bare «№ 15» after these words numbers another document, not an invoice.
_OTHER_DOCUMENTS = (
    "договор",
    "дог",
    "д-р",
    "контракт",
    "соглашен",
    "доп",
    "акт",
    "упд",
    "накладн",
    "заказ",
    "заявк",
    "п/п",
    "платеж",
    "платёж",
    "поручен",
    "инн",
    "кпп",
)


@dataclass(frozen=True)
class InvoiceRef:
    """One invoice named in a purpose: normalised ``number``, ``date`` when given, ``text`` as written."""

    number: str
    date: date | None
    text: str = ""


def normalize_invoice_number(number: str) -> str:
    """«АБ-000123» → «123», «00045» → «45», «45/2» stays; the same rule applies to our invoice numbers."""
    value = re.sub(r"\s+", "", number.upper())
    value = re.sub(rf"^[{_L}]+[-/]?", "", value)
    return re.sub(r"^0+(?=\d)", "", value)


def _date(match: re.Match[str], first: int | str) -> date | None:
    if isinstance(first, str):
        groups = (match.group("d" + first), match.group("m" + first), match.group("y" + first))
    else:
        groups = (match.group(first), match.group(first + 1), match.group(first + 2))
    if groups[0] is None:
        return None
    day, month, year_text = int(groups[0]), int(groups[1]), groups[2]
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _other_document_before(purpose: str, start: int) -> bool:
    m = _LAST_WORD.search(purpose[:start])
    if m is None:
        return False
    word = m[1].lower()
    return any(word.startswith(stem) for stem in _OTHER_DOCUMENTS)


def extract_invoice_refs(purpose: str) -> list[InvoiceRef]:
    """Every invoice reference in a payment purpose, in order, each once."""
    refs: list[InvoiceRef] = []
    pos = 0
    while (m := _REF.search(purpose, pos)) is not None:
        pos = m.end()
        if m.group("word") is None and _other_document_before(purpose, m.start()):
            continue
        found = [
            InvoiceRef(normalize_invoice_number(m["num"]), _date(m, 6) or _date(m, "0"), m.group().strip())
        ]
        while (more := _MORE.match(purpose, pos)) is not None:
            found.append(
                InvoiceRef(normalize_invoice_number(more["num"]), _date(more, 2), more.group().strip(" ,;"))
            )
            pos = more.end()
        for ref in found:
            if not any(r.number == ref.number and r.date == ref.date for r in refs):
                refs.append(ref)
    return refs
