"""Payment orders for upload to a bank client, in 1CClientBankExchange 1.03.

Everything is checked before a byte is written: both accounts against their BIKs, INNs, numbers
(digits, not zero, at most six characters), amounts (kopecks at most), purposes (at most 210
characters) and characters the Windows encoding cannot hold. The file is cp1251 with CRLF line
ends and reads back through ``parse_statement`` with the same documents and sums. Rules and
sources: docs/domain.md, «Payment-order export».
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from desktop.core.common.files import write_atomic
from desktop.core.common.identifiers import check_account, check_bik, check_corr_account, check_inn, check_kpp
from desktop.core.common.money import format_money
from desktop.core.errors import StorageError, ValidationError, os_error_text

PURPOSE_LIMIT = 210
NUMBER_LIMIT = 6
ENCODING = "cp1251"
PROGRAM = "AktDesk"
BUDGET_KEYS = (
    "Код",
    "СтатусСоставителя",
    "ПоказательКБК",
    "ОКАТО",
    "ПоказательОснования",
    "ПоказательПериода",
    "ПоказательНомера",
    "ПоказательДаты",
    "ПоказательТипа",
)


@dataclass(frozen=True)
class BankDetails:
    """A settlement account and its bank."""

    account: str
    bik: str
    corr_account: str
    bank_name: str
    bank_city: str = ""


@dataclass(frozen=True)
class PartyDetails:
    """Name and tax identifiers of a payer or payee; ``kpp`` empty for sole proprietors and persons."""

    name: str
    inn: str
    kpp: str = ""


@dataclass(frozen=True)
class PaymentOrder:
    """One approved payment request to pay out."""

    number: str
    date: date
    amount: Decimal
    payee: PartyDetails
    payee_bank: BankDetails
    purpose: str
    priority: int = 5


class PaymentOrderError(ValidationError):
    """Orders that cannot be exported; ``problems`` lists (order index or None, field, message)."""

    def __init__(self, problems: list[tuple[int | None, str, str]], orders: Sequence[PaymentOrder]) -> None:
        lines = []
        for index, field, message in problems:
            if index is None:
                lines.append(f"— {field}: {message}")
            else:
                order = orders[index]
                who = f" ({order.payee.name})" if order.payee.name.strip() else ""
                lines.append(f"— п/п № {order.number or '?'}{who}: {field} — {message}")
        super().__init__("Платёжные поручения не выгружены:\n" + "\n".join(lines), field=problems[0][1])
        self.problems = problems


def money(amount: Decimal) -> str:
    """«1 234.56»: the way a purpose states a sum."""
    return format_money(amount, group=" ", point=".")


def vat_phrase(rate: int | None, vat: Decimal | None) -> str:
    """«В т.ч. НДС (22%) 1 234.56 руб.» or «НДС не облагается» when ``rate`` is None."""
    if rate is None or vat is None:
        return "НДС не облагается"
    return f"В т.ч. НДС ({rate}%) {money(vat)} руб."


def payment_purpose(basis: str, subject: str, rate: int | None, vat: Decimal | None) -> str:
    """«Оплата по счёту № 45 от 02.03.2026 за услуги связи. В т.ч. НДС (22%) 1 234.56 руб.»"""
    head = " ".join(filter(None, (f"Оплата {basis}".strip(), subject.strip())))
    return f"{head}. {vat_phrase(rate, vat)}"


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _not_encodable(text: str) -> str | None:
    for char in text:
        try:
            char.encode(ENCODING)
        except UnicodeEncodeError:
            return char
    return None


def _check_party(
    party: PartyDetails,
    bank: BankDetails,
    who: str,
    index: int | None,
    problems: list[tuple[int | None, str, str]],
) -> None:
    def add(field: str, message: str) -> None:
        problems.append((index, f"{field} {who}", message))

    if not _clean(party.name):
        add("наименование", "не указано")
    if (problem := check_inn(party.inn.strip())) is not None:
        add("ИНН", problem)
    kpp = party.kpp.strip()
    if kpp and kpp != "0" and (problem := check_kpp(kpp)) is not None:
        add("КПП", problem)
    elif index is None and len(party.inn.strip()) == 10 and kpp in ("", "0"):
        add("КПП", "обязателен для организации-плательщика")
    if (problem := check_bik(bank.bik.strip())) is not None:
        add("БИК банка", problem)
    elif (problem := check_account(bank.account.strip(), bank.bik.strip())) is not None:
        add("счёт", problem)
    if bank.corr_account.strip() and not check_bik(bank.bik.strip()):
        if (problem := check_corr_account(bank.corr_account.strip(), bank.bik.strip())) is not None:
            add("корр. счёт", problem)
    if not _clean(bank.bank_name):
        add("банк", "не указано наименование банка")


def _check_number(number: str) -> str | None:
    if not number.isdigit():
        return "номер должен состоять только из цифр"
    if int(number) == 0:
        return "номер не может быть нулевым"
    if len(number) > NUMBER_LIMIT:
        return f"номер длиннее {NUMBER_LIMIT} цифр"
    if number.endswith("000"):
        return "номер, оканчивающийся на 000, банки не принимают — выберите другой"
    return None


def _problems(
    orders: Sequence[PaymentOrder], sender: PartyDetails, account: BankDetails, date_from: date, date_to: date
) -> list[tuple[int | None, str, str]]:
    problems: list[tuple[int | None, str, str]] = []
    if not orders:
        problems.append((None, "платёжные поручения", "нет ни одного поручения для выгрузки"))
    if date_from > date_to:
        problems.append((None, "период", "дата начала позже даты окончания"))
    _check_party(sender, account, "плательщика", None, problems)
    seen: dict[tuple[str, date], int] = {}
    for index, order in enumerate(orders):
        number = order.number.strip()
        if (problem := _check_number(number)) is not None:
            problems.append((index, "номер", problem))
        elif (number.lstrip("0"), order.date) in seen:
            problems.append((index, "номер", "такой номер с той же датой уже есть в этом файле"))
        seen[(number.lstrip("0"), order.date)] = index
        if not date_from <= order.date <= date_to:
            problems.append(
                (index, "дата", f"{order.date:%d.%m.%Y} вне периода {date_from:%d.%m.%Y}–{date_to:%d.%m.%Y}")
            )
        if not isinstance(order.amount, Decimal) or not order.amount.is_finite():
            problems.append((index, "сумма", "сумма должна быть числом"))
        elif order.amount <= 0:
            problems.append((index, "сумма", "сумма должна быть больше нуля"))
        elif order.amount != order.amount.quantize(Decimal("0.01")):
            problems.append((index, "сумма", f"больше двух знаков после запятой: {order.amount}"))
        purpose = _clean(order.purpose)
        if not purpose:
            problems.append((index, "назначение платежа", "не указано"))
        elif len(purpose) > PURPOSE_LIMIT:
            problems.append(
                (
                    index,
                    "назначение платежа",
                    f"{len(purpose)} символов, банк примет не больше {PURPOSE_LIMIT}",
                )
            )
        if order.priority not in range(1, 6):
            problems.append((index, "очерёдность", "должна быть от 1 до 5"))
        _check_party(order.payee, order.payee_bank, "получателя", index, problems)
        for field, text in (
            ("назначение платежа", purpose),
            ("наименование получателя", order.payee.name),
            ("банк получателя", f"{order.payee_bank.bank_name} {order.payee_bank.bank_city}"),
        ):
            if (char := _not_encodable(text)) is not None:
                problems.append(
                    (index, field, f"символ «{char}» нельзя записать в файл для банка (Windows-1251)")
                )
    for field, text in (
        ("наименование плательщика", sender.name),
        ("банк плательщика", f"{account.bank_name} {account.bank_city}"),
    ):
        if (char := _not_encodable(text)) is not None:
            problems.append((None, field, f"символ «{char}» нельзя записать в файл для банка (Windows-1251)"))
    return problems


def _party_lines(role: str, party: PartyDetails, bank: BankDetails) -> list[str]:
    kpp = party.kpp.strip()
    return [
        f"{role}Счет={bank.account.strip()}",
        f"{role}={_clean(party.name)}",
        f"{role}ИНН={party.inn.strip()}",
        f"{role}КПП={'' if kpp == '0' else kpp}",
        f"{role}РасчСчет={bank.account.strip()}",
        f"{role}Банк1={_clean(bank.bank_name)}",
        f"{role}Банк2={_clean(bank.bank_city)}",
        f"{role}БИК={bank.bik.strip()}",
        f"{role}Корсчет={bank.corr_account.strip()}",
    ]


def write_payment_orders(
    orders: Sequence[PaymentOrder],
    sender: PartyDetails,
    account: BankDetails,
    date_from: date,
    date_to: date,
    *,
    created: datetime | None = None,
) -> bytes:
    """The file to upload to the bank client, or ``PaymentOrderError`` listing every problem."""
    problems = _problems(orders, sender, account, date_from, date_to)
    if problems:
        raise PaymentOrderError(problems, orders)
    created = created or datetime.now()
    lines = [
        "1CClientBankExchange",
        "ВерсияФормата=1.03",
        "Кодировка=Windows",
        f"Отправитель={PROGRAM}",
        "Получатель=",
        f"ДатаСоздания={created:%d.%m.%Y}",
        f"ВремяСоздания={created:%H:%M:%S}",
        f"ДатаНачала={date_from:%d.%m.%Y}",
        f"ДатаКонца={date_to:%d.%m.%Y}",
        f"РасчСчет={account.account.strip()}",
        "Документ=Платежное поручение",
    ]
    for order in orders:
        lines += [
            "СекцияДокумент=Платежное поручение",
            f"Номер={order.number.strip()}",
            f"Дата={order.date:%d.%m.%Y}",
            f"Сумма={order.amount:.2f}",
            *_party_lines("Плательщик", sender, account),
            *_party_lines("Получатель", order.payee, order.payee_bank),
            "ВидОплаты=01",
            f"Очередность={order.priority}",
            *(f"{key}=" for key in BUDGET_KEYS),
            f"НазначениеПлатежа={_clean(order.purpose)}",
            "КонецДокумента",
        ]
    lines.append("КонецФайла")
    return ("\r\n".join(lines) + "\r\n").encode(ENCODING)


def save_payment_orders(path: Path, data: bytes) -> Path:
    """Write the file atomically (temp file in the same folder, fsync, replace) and return its path."""
    path = Path(path)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise StorageError(
            f"Не удалось сохранить файл платёжных поручений «{path}»: {os_error_text(exc)}", field=str(path)
        ) from exc
    return path
