"""A small company in the database and bank statements about its invoices (builders, no tests here).

``world()`` makes one own entity with a settlement account, two clients with their managers and
contracts (post-payment act+invoice, 70/30, UPD only); ``statement()`` writes a real-looking
1CClientBankExchange file whose purposes name the invoices by number and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.core.models import BankAccount, Contract, Counterparty, Document, OwnEntity, User
from tests.factories import make_document

OWN_ACCOUNT = "40702810200000012345"
OWN_BIK = "044525225"
OWN_INN = "7707083893"
ROMASHKA_INN = "7736207543"
ROMASHKA_ACCOUNT = "40702810210000123456"
LUTIK_INN = "7702070139"
LUTIK_ACCOUNT = "40702810900000077777"
STRANGER_INN = "7728168971"
STRANGER_ACCOUNT = "40702810500000099999"
SUPPLIER_INN = "7710140679"
SUPPLIER_ACCOUNT = "40702810600000055555"


@dataclass
class World:
    entity_id: int
    romashka_id: int
    lutik_id: int
    postpay: int  # contract ids
    seventy: int
    upd_only: int
    docs: dict[str, int] = field(default_factory=dict)  # name → document id


def _doc(
    session: Session, contract: Contract, kind: str, period: str, amount: str, stage: str = "full"
) -> Document:
    total = Decimal(amount)
    vat = (total * 22 / 122).quantize(Decimal("0.01"))
    document = make_document(session, contract, kind, period, total, vat)
    document.stage = stage
    return document


def world(session: Session) -> World:
    smirnov = User(login="m.smirnov", full_name="Смирнов Алексей Игоревич", role="manager", region="Москва")
    orlov = User(
        login="m.orlov", full_name="Орлов Денис Викторович", role="manager", region="Санкт-Петербург"
    )
    kozlova = User(login="m.kozlova", full_name="Козлова Анна Дмитриевна", role="manager", region="Москва")
    entity = OwnEntity(
        short_name="ООО «АктСервис»", full_name="Общество «АктСервис»", inn=OWN_INN, kpp="773601001"
    )
    session.add_all([smirnov, orlov, kozlova, entity])
    session.flush()
    session.add(
        BankAccount(
            own_entity_id=entity.id,
            bank_name="ПАО СБЕРБАНК",
            bik=OWN_BIK,
            corr_account="30101810400000000225",
            account=OWN_ACCOUNT,
            is_primary=True,
        )
    )
    romashka = Counterparty(
        short_name="ООО «Ромашка»",
        full_name="ООО «Ромашка»",
        inn=ROMASHKA_INN,
        kpp="773601001",
        region="Москва",
        manager_id=smirnov.id,
    )
    lutik = Counterparty(
        short_name="ООО «Лютик»",
        full_name="ООО «Лютик»",
        inn=LUTIK_INN,
        kpp="770201001",
        region="Санкт-Петербург",
        manager_id=orlov.id,
    )
    session.add_all([romashka, lutik])
    session.flush()

    def contract(party: Counterparty, number: str, manager: User | None, **terms: str) -> Contract:
        row = Contract(
            own_entity_id=entity.id,
            counterparty_id=party.id,
            number=number,
            date=dt.date(2026, 1, 1),
            valid_from=dt.date(2026, 1, 1),
            manager_id=manager.id if manager else None,
            **terms,
        )
        session.add(row)
        session.flush()
        return row

    postpay = contract(romashka, "АС-2026/1", kozlova)
    seventy = contract(romashka, "АС-2026/2", None, payment_terms="prepay70")
    upd_only = contract(lutik, "АС-2026/3", orlov, documents="upd")
    w = World(entity.id, romashka.id, lutik.id, postpay.id, seventy.id, upd_only.id)
    for name, (row, kind, period, amount, stage) in {
        "act_sep": (postpay, "act", "2026-09", "12200.00", "full"),
        "inv_sep": (postpay, "invoice", "2026-09", "12200.00", "full"),
        "act_oct": (postpay, "act", "2026-10", "24400.00", "full"),
        "inv_oct": (postpay, "invoice", "2026-10", "24400.00", "full"),
        "act_70": (seventy, "act", "2026-10", "10000.00", "full"),
        "inv_70": (seventy, "invoice", "2026-10", "7000.00", "prepay"),
        "inv_30": (seventy, "invoice", "2026-10", "3000.00", "final"),
        "upd_oct": (upd_only, "upd", "2026-10", "6100.00", "full"),
    }.items():
        w.docs[name] = _doc(session, row, kind, period, amount, stage).id
    return w


@dataclass
class Pay:
    """One document of a statement: a receipt from a client, or (``incoming=False``) our payment."""

    number: str
    date: str
    amount: str
    purpose: str
    payer_inn: str = ROMASHKA_INN
    payer_account: str = ROMASHKA_ACCOUNT
    payer_name: str = 'ООО "Ромашка"'
    incoming: bool = True
    with_amount: bool = True
    own_account: str = OWN_ACCOUNT
    own_inn: str = OWN_INN

    def lines(self) -> list[str]:
        client = [
            f"Счет={self.payer_account}",
            f"=ИНН {self.payer_inn} {self.payer_name}",
            f"1={self.payer_name}",
            f"ИНН={self.payer_inn}",
            "КПП=773601001",
            f"РасчСчет={self.payer_account}",
            'Банк1=АО "ТБанк"',
            "Банк2=г. Москва",
            "БИК=044525974",
            "Корсчет=30101810145250000974",
        ]
        ours = [
            f"Счет={self.own_account}",
            '=ООО "АктСервис"',
            f"ИНН={self.own_inn}",
            "КПП=773601001",
            f"РасчСчет={self.own_account}",
            "Банк1=ПАО СБЕРБАНК",
            "Банк2=г. Москва",
            f"БИК={OWN_BIK}",
            "Корсчет=30101810400000000225",
        ]
        payer, payee = (client, ours) if self.incoming else (ours, client)
        out = ["СекцияДокумент=Платежное поручение", f"Номер={self.number}", f"Дата={self.date}"]
        if self.with_amount:
            out.append(f"Сумма={self.amount}")
        out += ["Плательщик" + line for line in payer] + ["Получатель" + line for line in payee]
        out.append(("ДатаПоступило=" if self.incoming else "ДатаСписано=") + self.date)
        out += [
            "ВидОплаты=01",
            "Очередность=5",
            "Код=",
            f"НазначениеПлатежа={self.purpose}",
            "КонецДокумента",
        ]
        return out


def statement(
    pays: list[Pay], *, version: str = "1.03", label: str = "Windows", end: bool = True
) -> list[str]:
    account = pays[0].own_account if pays else OWN_ACCOUNT
    total_in = sum((Decimal(p.amount) for p in pays if p.incoming), Decimal(0))
    total_out = sum((Decimal(p.amount) for p in pays if not p.incoming), Decimal(0))
    out = [
        "1CClientBankExchange",
        f"ВерсияФормата={version}",
        f"Кодировка={label}",
        "Отправитель=Сбербанк Бизнес Онлайн",
        "Получатель=Бухгалтерия предприятия, редакция 3.0",
        "ДатаСоздания=02.11.2026",
        "ВремяСоздания=09:00:00",
        "ДатаНачала=01.10.2026",
        "ДатаКонца=31.10.2026",
        f"РасчСчет={account}",
        "Документ=Платежное поручение",
        "СекцияРасчСчет",
        "ДатаНачала=01.10.2026",
        "ДатаКонца=31.10.2026",
        f"РасчСчет={account}",
        "НачальныйОстаток=100000.00",
        f"ВсегоПоступило={total_in:.2f}",
        f"ВсегоСписано={total_out:.2f}",
        f"КонечныйОстаток={Decimal('100000.00') + total_in - total_out:.2f}",
        "КонецРасчСчет",
    ]
    for pay in pays:
        out += pay.lines()
    if end:
        out.append("КонецФайла")
    return out


def write_statement(
    path: Path, lines: list[str], codec: str = "cp1251", newline: str = "\r\n", bom: bool = False
) -> Path:
    data = (newline.join(lines) + newline).encode(codec)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def invoice_ref(session: Session, document_id: int) -> str:
    """«№ 3 от 31.10.2026» of a stored document, as a client writes it in a purpose."""
    document = session.get(Document, document_id)
    assert document is not None
    return f"№ {document.number} от {document.date:%d.%m.%Y}"
