"""Reading bank statements in 1CClientBankExchange (docs/domain.md, «Bank files»), without a database.

``parse_statement`` turns the bytes of one file into a ``Statement`` or raises ``BankFileError``
naming the file, the line and what is wrong; a file is either read whole or rejected whole, so a
truncated download is never taken for a complete statement. ``fingerprint`` and ``direction``
are what an idempotent import needs: the same payment seen in overlapping statements gets the
same fingerprint.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from desktop.core.common.money import MONEY, parse_decimal
from desktop.core.errors import ValidationError, os_error_text
from desktop.core.jobs import CancelToken, Progress, no_progress

HEADER_LINE = "1CClientBankExchange"
END_OF_FILE = "КонецФайла"
ACCOUNT_START = "СекцияРасчСчет"
ACCOUNT_END = "КонецРасчСчет"
DOCUMENT_START = "СекцияДокумент"
DOCUMENT_END = "КонецДокумента"

Day = date  # a field named ``date`` shadows the type inside BankDocument
Direction = Literal["incoming", "outgoing", "internal", "foreign"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0 controls except TAB/LF/CR, plus DEL: never found in a text statement, always in binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009']")
_PRINTED_INN = re.compile(r"^\s*ИНН\s*\d{10,12}\s*(?:КПП\s*\d{0,9}\s*)?", re.IGNORECASE)
_PURPOSE_PART = re.compile(r"НазначениеПлатежа(\d+)")

# Keys that mark the declared encoding, as bytes in each single-byte encoding we accept.
_DECLARED = {
    codec: re.compile("Кодировка".encode(codec) + rb"[ \t]*=[ \t]*([A-Za-z0-9_-]*)")
    for codec in ("cp1251", "cp866")
}
_STRUCTURE_KEYS = ("ВерсияФормата", "КонецФайла", "СекцияДокумент", "КонецДокумента")


class BankFileError(ValidationError):
    """A bank file that cannot be imported: ``file``, ``line`` (1-based) and ``reason`` in Russian."""

    def __init__(self, file: str, line: int, reason: str) -> None:
        super().__init__(f"Файл «{file}», строка {line}: {reason}", field=file)
        self.file = file
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class Party:
    """Payer or payee of a bank document as the bank printed it."""

    name: str = ""
    inn: str = ""
    kpp: str = ""
    account: str = ""  # ...Счет, or ...РасчСчет when ...Счет is empty
    settlement_account: str = ""  # ...РасчСчет (differs only in indirect settlement)
    bank: str = ""  # ...Банк1
    bank_city: str = ""  # ...Банк2
    bik: str = ""
    corr_account: str = ""
    printed: str = ""  # the raw Плательщик / Получатель value, often «ИНН … ООО …»


@dataclass(frozen=True)
class BankDocument:
    """One document of a statement; ``raw`` keeps every key as read, unknown ones included."""

    doc_type: str
    line: int  # line of its СекцияДокумент
    number: str
    date: date
    amount: Decimal
    payer: Party
    payee: Party
    date_debited: Day | None
    date_credited: Day | None
    purpose: str
    payment_kind: str = ""  # ВидОплаты, "01" = payment order
    priority: str = ""  # Очередность
    uin: str = ""  # Код
    raw: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str = "") -> str:
        """The value of a raw key (the last one when a bank repeats a key)."""
        value = default
        for name, text in self.raw:
            if name == key:
                value = text
        return value


@dataclass(frozen=True)
class AccountSection:
    """A СекцияРасчСчет: balances of one account over a period."""

    line: int
    account: str
    date_from: date | None
    date_to: date | None
    opening: Decimal | None
    total_in: Decimal | None
    total_out: Decimal | None
    closing: Decimal | None


@dataclass
class Statement:
    """A whole file read successfully; ``warnings`` are Russian sentences to show, not errors."""

    file_name: str
    encoding: str  # the Python codec the text was decoded with
    header: dict[str, str]
    header_accounts: list[str]
    accounts: list[AccountSection]
    documents: list[BankDocument]
    warnings: list[str] = field(default_factory=list)

    @property
    def version(self) -> str:
        return self.header.get("ВерсияФормата", "")

    def total(self) -> Decimal:
        return sum((d.amount for d in self.documents), Decimal("0"))


# --- values -------------------------------------------------------------------------


def parse_amount(text: str) -> Decimal:
    """``1234.56``, ``1234,56``, ``1234``, ``1 234.56`` → Decimal; ValueError otherwise (the one number
    parser, :func:`desktop.core.common.money.parse_decimal`: kopecks at most, within the money column)."""
    return parse_decimal(text, MONEY)


def parse_date(text: str) -> date:
    """``ДД.ММ.ГГГГ`` (also ``ДД.ММ.ГГ`` and ISO) → date; ValueError otherwise."""
    text = text.strip()
    if m := _DATE_DMY.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            year += 2000
        return date(year, month, day)
    if m := _DATE_ISO.fullmatch(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)


# --- decoding -----------------------------------------------------------------------


def _line_of(data: bytes, offset: int) -> int:
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    for pattern in _DECLARED.values():
        if m := pattern.search(head):
            return m[1].decode("ascii")
    return None


def _decode(data: bytes, file_name: str, warnings: list[str]) -> tuple[str, str]:
    """Strict UTF-8 first, then the declared encoding (DOS → cp866, otherwise cp1251), never lossy."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # DOS-era files may end with Ctrl+Z (0x1A), the old end-of-file mark.
    data = data.rstrip(b"\x1a")
    if (nul := data.find(b"\x00")) >= 0:
        raise BankFileError(
            file_name, _line_of(data, nul), "двоичные данные (нулевой байт) — это не текстовая выписка"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        # Cyrillic in cp1251/cp866 is never valid UTF-8, so format keys readable as UTF-8 before
        # the bad byte mean a UTF-8 file that is cut off (a character split at the end) or damaged.
        prefix = data[: utf8_error.start].decode("utf-8")
        if _has_structure(prefix):
            if utf8_error.reason == "unexpected end of data":
                return prefix, "utf-8"  # parsing then rejects it as truncated, naming the last line
            raise BankFileError(
                file_name,
                _line_of(data, utf8_error.start),
                f"байт 0x{data[utf8_error.start]:02X} не читается: файл в UTF-8 повреждён",
            ) from None
    declared = _declared_encoding(data)
    label = (declared or "").strip().upper()
    _refuse_mixed(data, file_name, "cp866" if label in ("DOS", "CP866", "866", "IBM866") else "cp1251")
    if label in ("DOS", "CP866", "866", "IBM866"):
        codec = "cp866"
    elif label in ("", "WINDOWS", "WIN", "CP1251", "WINDOWS-1251", "1251", "UTF-8", "UTF8"):
        codec = "cp1251"
    else:
        raise BankFileError(
            file_name,
            1,
            f"неизвестная кодировка «{declared}» (поддерживаются Windows, DOS и UTF-8), "
            "а как UTF-8 файл не читается",
        )
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise BankFileError(
            file_name,
            _line_of(data, exc.start),
            f"байт 0x{data[exc.start]:02X} не читается ни в UTF-8, ни в кодировке {_codec_name(codec)} — "
            "файл повреждён или это не выписка",
        ) from exc
    # The header may lie between the two single-byte encodings too: trust the one in which
    # the format's own Cyrillic keys are readable.
    other = "cp866" if codec == "cp1251" else "cp1251"
    if not _has_structure(text):
        try:
            alternative = data.decode(other)
        except UnicodeDecodeError:
            alternative = ""
        if _has_structure(alternative):
            warnings.append(
                f"Файл «{file_name}»: в заголовке указана кодировка {_codec_name(codec)}, "
                f"а на самом деле он в {_codec_name(other)} — прочитан как {_codec_name(other)}"
            )
            return alternative, other
    elif declared and label in ("UTF-8", "UTF8"):
        warnings.append(
            f"Файл «{file_name}»: в заголовке указана кодировка UTF-8, а файл в {_codec_name(codec)}"
        )
    return text, codec


def _refuse_mixed(data: bytes, file_name: str, codec: str) -> None:
    """A file not in UTF-8 as a whole, some of whose lines are (a statement put together from parts
    saved in different encodings): name the first such line instead of reading it as garbage.

    A line of a single-byte statement is never valid UTF-8 with Cyrillic in it: its keys are
    Cyrillic, and Cyrillic letters in cp1251 or cp866 are not valid UTF-8 sequences."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not any(byte >= 0x80 for byte in line):
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        raise BankFileError(
            file_name,
            number,
            f"смешанная кодировка: эта строка записана в UTF-8, а остальной файл — в {_codec_name(codec)}. "
            "Файл собран из частей в разных кодировках (или исправлен в редакторе) — выгрузите выписку "
            "из банка заново",
        )


def _has_structure(text: str) -> bool:
    return sum(key in text for key in _STRUCTURE_KEYS) >= 2


def _codec_name(codec: str) -> str:
    return {"cp1251": "Windows (cp1251)", "cp866": "DOS (cp866)", "utf-8": "UTF-8"}.get(codec, codec)


# --- parsing ------------------------------------------------------------------------


@dataclass
class _OpenSection:
    kind: Literal["account", "document"]
    line: int
    title: str
    pairs: list[tuple[str, str, int]] = field(default_factory=list)


def parse_statement(data: bytes, file_name: str) -> Statement:
    """Read one 1CClientBankExchange file (statement or payment orders), or raise ``BankFileError``."""
    warnings: list[str] = []
    text, codec = _decode(data, file_name, warnings)
    if text.startswith("\ufeff"):
        text = text[1:]
    if (bad := _CONTROL.search(text)) is not None:
        raise BankFileError(
            file_name,
            len(_LINE_BREAK.findall(text, 0, bad.start())) + 1,
            f"двоичные данные (управляющий символ 0x{ord(bad.group()):02X}) — это не текстовая выписка",
        )
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()

    header: dict[str, str] = {}
    header_accounts: list[str] = []
    accounts: list[AccountSection] = []
    documents: list[BankDocument] = []
    section: _OpenSection | None = None
    started = False
    ended_at = 0
    last_line = 0

    for index, raw_line in enumerate(lines, start=1):
        line = raw_line.strip()
        if not line:
            continue
        last_line = index
        if not started:
            if line.lstrip("\ufeff") != HEADER_LINE:
                raise BankFileError(
                    file_name,
                    index,
                    f"нет строки заголовка «{HEADER_LINE}» — это не файл обмена с банком в формате 1С",
                )
            started = True
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()

        if key == END_OF_FILE:
            if section is not None and section.kind == "document":
                raise BankFileError(
                    file_name,
                    index,
                    f"«{END_OF_FILE}» внутри документа, начатого в строке {section.line}: "
                    f"нет «{DOCUMENT_END}» — файл повреждён",
                )
            if section is not None:
                accounts.append(_account_section(section, file_name, warnings))
                warnings.append(
                    f"Файл «{file_name}», строка {section.line}: раздел {ACCOUNT_START} не закрыт "
                    f"строкой {ACCOUNT_END}"
                )
                section = None
            ended_at = index
            break

        if key == DOCUMENT_START:
            if section is not None and section.kind == "document":
                raise BankFileError(
                    file_name,
                    index,
                    f"новый документ начинается, а документ из строки {section.line} не закрыт "
                    f"(нет «{DOCUMENT_END}») — файл повреждён",
                )
            if section is not None:
                accounts.append(_account_section(section, file_name, warnings))
                warnings.append(
                    f"Файл «{file_name}», строка {section.line}: раздел {ACCOUNT_START} не закрыт "
                    f"строкой {ACCOUNT_END}"
                )
            section = _OpenSection("document", index, value)
            continue
        if key == DOCUMENT_END:
            if section is None or section.kind != "document":
                raise BankFileError(
                    file_name, index, f"«{DOCUMENT_END}» без начала документа ({DOCUMENT_START})"
                )
            documents.append(_document(section, file_name))
            section = None
            continue
        if key == ACCOUNT_START:
            if section is not None and section.kind == "document":
                raise BankFileError(
                    file_name,
                    index,
                    f"раздел {ACCOUNT_START} внутри документа из строки {section.line} — файл повреждён",
                )
            if section is not None:
                accounts.append(_account_section(section, file_name, warnings))
            section = _OpenSection("account", index, value)
            continue
        if key == ACCOUNT_END:
            if section is None or section.kind != "account":
                warnings.append(
                    f"Файл «{file_name}», строка {index}: «{ACCOUNT_END}» без начала раздела — пропущено"
                )
                continue
            accounts.append(_account_section(section, file_name, warnings))
            section = None
            continue

        if not sep:
            warnings.append(f"Файл «{file_name}», строка {index}: строка без «=» пропущена: «{line[:60]}»")
            continue
        if section is not None:
            section.pairs.append((key, value, index))
        elif key == "РасчСчет":
            header_accounts.append(value)
            header.setdefault(key, value)
        else:
            header[key] = value

    if not started:
        raise BankFileError(file_name, 1, "файл пустой — в нём нет ни заголовка, ни документов")
    if not ended_at:
        last_text = lines[last_line - 1].strip() if last_line else ""
        if section is not None and section.kind == "document":
            reason = (
                f"файл обрывается внутри документа, начатого в строке {section.line} (нет «{DOCUMENT_END}» "
                f"и «{END_OF_FILE}»); последняя прочитанная строка {last_line}: «{last_text[:80]}». "
                "Похоже, выписка скачана не полностью — скачайте её заново"
            )
        else:
            reason = (
                f"нет строки «{END_OF_FILE}»; последняя прочитанная строка {last_line}: «{last_text[:80]}». "
                "Похоже, выписка скачана не полностью — скачайте её заново"
            )
        raise BankFileError(file_name, last_line, reason)
    if any(line.strip() for line in lines[ended_at:]):
        warnings.append(
            f"Файл «{file_name}»: после «{END_OF_FILE}» (строка {ended_at}) есть ещё строки — они пропущены"
        )

    version = header.get("ВерсияФормата", "")
    if version not in ("1.02", "1.03"):
        shown = f"«{version}»" if version else "не указана"
        warnings.append(f"Файл «{file_name}»: версия формата {shown}, ожидается 1.02 или 1.03")
    if not accounts:
        warnings.append(
            f"Файл «{file_name}»: нет раздела {ACCOUNT_START} — остатки и обороты по счёту не проверены"
        )
    if not documents:
        warnings.append(f"Файл «{file_name}»: в файле нет ни одного документа")
    _check_balances(accounts, documents, file_name, warnings)
    return Statement(
        file_name=file_name,
        encoding=codec,
        header=header,
        header_accounts=header_accounts,
        accounts=accounts,
        documents=documents,
        warnings=warnings,
    )


def _values(section: _OpenSection) -> dict[str, tuple[str, int]]:
    values: dict[str, tuple[str, int]] = {}
    for key, value, line in section.pairs:
        values[key] = (value, line)
    return values


def _amount_of(values: Mapping[str, tuple[str, int]], key: str, file_name: str) -> Decimal | None:
    if key not in values or not values[key][0]:
        return None
    text, line = values[key]
    try:
        return parse_amount(text)
    except ValueError:
        raise BankFileError(
            file_name, line, f"неверная сумма в поле {key}: «{text}» (ожидается число вида 1234.56)"
        ) from None


def _date_of(values: Mapping[str, tuple[str, int]], key: str, file_name: str) -> date | None:
    if key not in values or not values[key][0]:
        return None
    text, line = values[key]
    try:
        return parse_date(text)
    except ValueError:
        raise BankFileError(
            file_name, line, f"неверная дата в поле {key}: «{text}» (ожидается ДД.ММ.ГГГГ)"
        ) from None


def _account_section(section: _OpenSection, file_name: str, warnings: list[str]) -> AccountSection:
    values = _values(section)
    account = values.get("РасчСчет", ("", 0))[0]
    if not account:
        warnings.append(
            f"Файл «{file_name}», строка {section.line}: в разделе {ACCOUNT_START} не указан РасчСчет"
        )
    return AccountSection(
        line=section.line,
        account=account,
        date_from=_date_of(values, "ДатаНачала", file_name),
        date_to=_date_of(values, "ДатаКонца", file_name),
        opening=_amount_of(values, "НачальныйОстаток", file_name),
        total_in=_amount_of(values, "ВсегоПоступило", file_name),
        total_out=_amount_of(values, "ВсегоСписано", file_name),
        closing=_amount_of(values, "КонечныйОстаток", file_name),
    )


def _party(values: Mapping[str, tuple[str, int]], role: str) -> Party:
    def get(suffix: str) -> str:
        return values.get(role + suffix, ("", 0))[0]

    printed = get("")
    name = get("1") or _PRINTED_INN.sub("", printed).strip() or printed
    kpp = get("КПП")
    return Party(
        name=name,
        inn=get("ИНН"),
        kpp="" if kpp == "0" else kpp,
        account=get("Счет") or get("РасчСчет"),
        settlement_account=get("РасчСчет"),
        bank=get("Банк1"),
        bank_city=get("Банк2"),
        bik=get("БИК"),
        corr_account=get("Корсчет"),
        printed=printed,
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def join_purpose(main: str, parts: Iterable[str]) -> str:
    """НазначениеПлатежа and its numbered continuation as one text.

    1C itself writes the whole text in НазначениеПлатежа and repeats it split into lines in
    НазначениеПлатежа1…6; other banks put only the continuation there. Both are read right.
    """
    parts = [p for p in parts if p]
    if not parts:
        return main
    joined = " ".join(parts)
    if main and _squash(joined) in _squash(main):
        return main
    return " ".join(filter(None, (main, joined)))


def _document(section: _OpenSection, file_name: str) -> BankDocument:
    values = _values(section)
    what = f"документ «{section.title or 'без вида'}», начатый в строке {section.line}"
    amount = _amount_of(values, "Сумма", file_name)
    if amount is None:
        raise BankFileError(
            file_name, section.line, f"{what}: нет суммы (поле «Сумма» отсутствует или пустое)"
        )
    if amount < 0:
        raise BankFileError(
            file_name, values["Сумма"][1], f"{what}: отрицательная сумма «{values['Сумма'][0]}»"
        )
    when = _date_of(values, "Дата", file_name)
    if when is None:
        raise BankFileError(file_name, section.line, f"{what}: нет даты документа (поле «Дата»)")
    numbered = sorted(
        (int(m[1]), value) for key, (value, _line) in values.items() if (m := _PURPOSE_PART.fullmatch(key))
    )
    purpose = join_purpose(values.get("НазначениеПлатежа", ("", 0))[0], (v for _n, v in numbered))
    return BankDocument(
        doc_type=section.title,
        line=section.line,
        number=values.get("Номер", ("", 0))[0],
        date=when,
        amount=amount,
        payer=_party(values, "Плательщик"),
        payee=_party(values, "Получатель"),
        date_debited=_date_of(values, "ДатаСписано", file_name),
        date_credited=_date_of(values, "ДатаПоступило", file_name),
        purpose=purpose,
        payment_kind=values.get("ВидОплаты", ("", 0))[0],
        priority=values.get("Очередность", ("", 0))[0],
        uin=values.get("Код", ("", 0))[0],
        raw=tuple((key, value) for key, value, _line in section.pairs),
    )


def _in_period(day: date, section: AccountSection) -> bool:
    if section.date_from and day < section.date_from:
        return False
    return not (section.date_to and day > section.date_to)


def _check_balances(
    accounts: list[AccountSection], documents: list[BankDocument], file_name: str, warnings: list[str]
) -> None:
    unique = list({fingerprint(d): d for d in documents}.values())
    for section in accounts:
        where = f"Файл «{file_name}», строка {section.line}, счёт {section.account or '—'}"
        o, i, s, c = section.opening, section.total_in, section.total_out, section.closing
        if o is not None and i is not None and s is not None and c is not None and o + i - s != c:
            warnings.append(
                f"{where}: начальный остаток {o} + поступило {i} − списано {s} = {o + i - s}, "
                f"а конечный остаток {c}"
            )
        if not documents or not section.account:
            continue
        credited = sum(
            (
                d.amount
                for d in unique
                if d.payee.account == section.account and _in_period(d.date_credited or d.date, section)
            ),
            Decimal("0"),
        )
        debited = sum(
            (
                d.amount
                for d in unique
                if d.payer.account == section.account and _in_period(d.date_debited or d.date, section)
            ),
            Decimal("0"),
        )
        if i is not None and credited != i:
            warnings.append(f"{where}: ВсегоПоступило {i}, а по документам файла поступило {credited}")
        if s is not None and debited != s:
            warnings.append(f"{where}: ВсегоСписано {s}, а по документам файла списано {debited}")


# --- import helpers -----------------------------------------------------------------


def _norm_inn(inn: str) -> str:
    inn = inn.strip()
    return "" if inn in ("0", "") else inn


PAYMENT_ORDER = "платежное поручение"

# Every warning begins with the file and, where there is one, the line: «Файл «X», строка N: …».
_WARNING = re.compile(r"^Файл «(?P<file>.+?)»(?:, строка (?P<line>\d+))?(?:, |: )(?P<message>.*)$", re.S)


def warning_fields(text: str) -> dict[str, Any]:
    """``{"file", "line", "message"}`` of a warning (line 0: the file as a whole), for ``--json``."""
    found = _WARNING.match(text)
    if found is None:
        return {"file": "", "line": 0, "message": text}
    return {"file": found["file"], "line": int(found["line"] or 0), "message": found["message"]}


def normal_kind(kind: str | None) -> str:
    """A document kind compared loosely: «Платёжное  поручение» is «платежное поручение»."""
    return " ".join((kind or PAYMENT_ORDER).replace("ё", "е").replace("Ё", "Е").split()).casefold()


def document_kind(doc: BankDocument) -> str:
    """The document's kind (СекцияДокумент=…), ``normal_kind``."""
    return normal_kind(doc.doc_type)


def legacy_fingerprint(doc: BankDocument) -> str:
    """The key of ``doc`` as stored before the kind was part of it (see ``fingerprint``)."""
    return _fingerprint(doc, with_kind=False)


def fingerprint(doc: BankDocument) -> str:
    """A stable key of one payment for idempotent imports (docs/domain.md, «Payment fingerprint»).

    Built from Дата, Номер, Сумма, payer account and INN, payee account and INN, dates credited and
    debited. The two accounts fix the direction for any set of own accounts. Numbers alone are not
    unique: every payer numbers its own orders. A document of another kind than a payment order
    (a «Банковский ордер», «Мемориальный ордер»…) also has its kind in the key: a bank order and a
    payment order with the same number, date, amount and accounts are two payments. Payment
    orders keep the key they always had, so statements imported before stay known.
    """
    return _fingerprint(doc, with_kind=True)


def _fingerprint(doc: BankDocument, *, with_kind: bool) -> str:
    parts: tuple[str, ...] = (
        "v1",
        doc.date.isoformat(),
        doc.number.strip().lstrip("0"),
        f"{doc.amount:.2f}",
        doc.payer.account,
        _norm_inn(doc.payer.inn),
        doc.payee.account,
        _norm_inn(doc.payee.inn),
        doc.date_credited.isoformat() if doc.date_credited else "",
        doc.date_debited.isoformat() if doc.date_debited else "",
    )
    kind = document_kind(doc)
    if with_kind and kind != PAYMENT_ORDER:
        parts += (kind,)
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def direction(doc: BankDocument, own_accounts: Collection[str]) -> Direction:
    """incoming / outgoing / internal (both ours) / foreign (neither ours: ignore and log).

    See docs/domain.md, «Payment direction».
    """
    own = {a.strip() for a in own_accounts}
    payer_own = (doc.payer.account or doc.payer.settlement_account) in own
    payee_own = (doc.payee.account or doc.payee.settlement_account) in own
    if payer_own and payee_own:
        return "internal"
    if payee_own:
        return "incoming"
    if payer_own:
        return "outgoing"
    return "foreign"


def new_documents(
    documents: Iterable[BankDocument], known: Collection[str]
) -> tuple[list[BankDocument], list[BankDocument]]:
    """Split documents into (new, already known) by fingerprint; repeats inside the batch count once."""
    seen = set(known)
    fresh: list[BankDocument] = []
    repeated: list[BankDocument] = []
    for doc in documents:
        key = fingerprint(doc)
        if key in seen:
            repeated.append(doc)
        else:
            seen.add(key)
            fresh.append(doc)
    return fresh, repeated


@dataclass
class FilesResult:
    """Statements read from several files; a bad file lands in ``errors`` and the rest go on."""

    statements: list[Statement] = field(default_factory=list)
    errors: list[BankFileError] = field(default_factory=list)


def read_statement_files(
    paths: Iterable[Path],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    read: Callable[[Path], bytes] = Path.read_bytes,
) -> FilesResult:
    """Parse each file on its own: one rejected file imports nothing from itself and stops nothing else."""
    paths = list(paths)
    result = FilesResult()
    for done, path in enumerate(paths):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(done, len(paths), path.name)
        try:
            data = read(path)
        except OSError as exc:
            result.errors.append(BankFileError(path.name, 0, f"файл не читается: {os_error_text(exc)}"))
            continue
        try:
            result.statements.append(parse_statement(data, path.name))
        except BankFileError as exc:
            result.errors.append(exc)
    progress(len(paths), len(paths), "")
    return result
