"""Builders of real-looking 1CClientBankExchange statements shared by the banking tests (no tests here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

OWN_BIK = "044525225"
OWN_CORR = "30101810400000000225"
OWN_ACCOUNT = "40702810200000012345"
OWN_ACCOUNT_2 = "40702810800000054321"
OWN_INN = "7707083893"
OWN_KPP = "773601001"
OWN_NAME = 'ООО "Ромашка"'

CLIENT_BIK = "044525974"
CLIENT_CORR = "30101810900000000974"
CLIENT_ACCOUNT = "40702810210000123456"
CLIENT_INN = "7736207543"
CLIENT_KPP = "770401001"
CLIENT_NAME = 'ООО "Лютик"'


@dataclass
class Doc:
    number: str
    date: str
    amount: str
    incoming: bool = True
    purpose: str = "Оплата по счету № 1 от 02.03.2026. НДС не облагается"
    own_account: str = OWN_ACCOUNT
    kind: str = "Платежное поручение"
    extra: list[str] = field(default_factory=list)
    purpose_parts: list[str] | None = None

    def lines(self) -> list[str]:
        ours = [
            f"Счет={self.own_account}",
            f"={OWN_NAME}",
            f"ИНН={OWN_INN}",
            f"КПП={OWN_KPP}",
            f"РасчСчет={self.own_account}",
            "Банк1=ПАО СБЕРБАНК",
            "Банк2=г. Москва",
            f"БИК={OWN_BIK}",
            f"Корсчет={OWN_CORR}",
        ]
        theirs = [
            f"Счет={CLIENT_ACCOUNT}",
            f"=ИНН {CLIENT_INN} {CLIENT_NAME}",
            f"1={CLIENT_NAME}",
            f"ИНН={CLIENT_INN}",
            f"КПП={CLIENT_KPP}",
            f"РасчСчет={CLIENT_ACCOUNT}",
            'Банк1=АО "ТИНЬКОФФ БАНК"',
            "Банк2=г. Москва",
            f"БИК={CLIENT_BIK}",
            f"Корсчет={CLIENT_CORR}",
        ]
        payer, payee = (theirs, ours) if self.incoming else (ours, theirs)
        out = [f"СекцияДокумент={self.kind}", f"Номер={self.number}", f"Дата={self.date}"]
        if self.amount is not None:
            out.append(f"Сумма={self.amount}")
        out += ["Плательщик" + line for line in payer]
        out += ["Получатель" + line for line in payee]
        out.append(f"ДатаПоступило={self.date}" if self.incoming else f"ДатаСписано={self.date}")
        out += ["ВидОплаты=01", "Очередность=5", "Код=", "СтатусСоставителя=", "ПоказательКБК="]
        if self.purpose_parts is not None:
            out.append(f"НазначениеПлатежа={self.purpose}")
            out += [f"НазначениеПлатежа{i}={part}" for i, part in enumerate(self.purpose_parts, start=1)]
        else:
            out.append(f"НазначениеПлатежа={self.purpose}")
        out += self.extra
        out.append("КонецДокумента")
        return out


def account_section(
    account: str,
    opening: str,
    total_in: str,
    total_out: str,
    closing: str,
    date_from: str = "01.03.2026",
    date_to: str = "31.03.2026",
) -> list[str]:
    return [
        "СекцияРасчСчет",
        f"ДатаНачала={date_from}",
        f"ДатаКонца={date_to}",
        f"РасчСчет={account}",
        f"НачальныйОстаток={opening}",
        f"ВсегоПоступило={total_in}",
        f"ВсегоСписано={total_out}",
        f"КонечныйОстаток={closing}",
        "КонецРасчСчет",
    ]


def statement_lines(
    docs: list[Doc],
    *,
    version: str = "1.03",
    encoding_label: str = "Windows",
    sections: list[list[str]] | None = None,
    end: bool = True,
) -> list[str]:
    accounts = sorted({d.own_account for d in docs}) or [OWN_ACCOUNT]
    out = [
        "1CClientBankExchange",
        f"ВерсияФормата={version}",
        f"Кодировка={encoding_label}",
        "Отправитель=СБИС Банк-клиент",
        "Получатель=Бухгалтерия предприятия",
        "ДатаСоздания=01.04.2026",
        "ВремяСоздания=09:15:00",
        "ДатаНачала=01.03.2026",
        "ДатаКонца=31.03.2026",
    ]
    out += [f"РасчСчет={a}" for a in accounts]
    out.append("Документ=Платежное поручение")
    if sections is None:
        sections = []
        for account in accounts:
            mine = [d for d in docs if d.own_account == account]
            total_in = sum((Decimal(_plain(d.amount)) for d in mine if d.incoming), Decimal("0"))
            total_out = sum((Decimal(_plain(d.amount)) for d in mine if not d.incoming), Decimal("0"))
            opening = Decimal("100000.00")
            sections.append(
                account_section(
                    account,
                    f"{opening:.2f}",
                    f"{total_in:.2f}",
                    f"{total_out:.2f}",
                    f"{opening + total_in - total_out:.2f}",
                )
            )
    for section in sections:
        out += section
    for doc in docs:
        out += doc.lines()
    if end:
        out.append("КонецФайла")
    return out


def _plain(amount: str) -> str:
    return amount.replace(" ", "").replace(",", ".")


def encode(lines: list[str], codec: str = "cp1251", newline: str = "\r\n", bom: bool = False) -> bytes:
    data = (newline.join(lines) + newline).encode(codec)
    return (b"\xef\xbb\xbf" + data) if bom else data
