"""Realistic documents for the print-form tests, built in memory from the ORM models (no database), and
readers of what the forms print: the text of a DOCX, the pixels of a QR PNG."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from docx import Document as DocxDocument

from desktop.core.common import catalog
from desktop.core.common.money import NBSP
from desktop.core.common.resources import resource_path
from desktop.core.models import (
    BankAccount,
    Contract,
    ContractLine,
    Counterparty,
    Document,
    DocumentLine,
    OwnEntity,
    Service,
    Unit,
    WorkOrder,
)

LONG_BUYER = "ООО «Торгово-производственная компания «Северо-Западный металлопрокат и комплектация»»"
PNG = resource_path("resources", "icons", "aktdesk.png")

UNITS = {code: Unit(code=code, name=name, short_name=short) for code, name, short in catalog.UNITS}

# name, unit code, quantity, price, period (from, to) or None
LINES = [
    ("Абонентское обслуживание компьютерной техники и серверного оборудования", "362", "1", "10000.00", None),
    ("Выезд специалиста для диагностики и ремонта оборудования", "356", "3", "1500.00", None),
    (
        "Настройка рабочего места пользователя",
        "796",
        "2",
        "333.33",
        (dt.date(2026, 10, 1), dt.date(2026, 10, 11)),
    ),
]


def entity(tmp_path: Path, *, regime: str = "vat22", stamp: bool = True) -> OwnEntity:
    stamp_path = tmp_path / "stamp.png"
    fax_path = tmp_path / "facsimile.png"
    if stamp:
        shutil.copyfile(PNG, stamp_path)
        shutil.copyfile(PNG, fax_path)
    return OwnEntity(
        short_name="ООО «СервисПро»",
        full_name="Общество с ограниченной ответственностью «СервисПро»",
        inn="7707083893",
        kpp="773601001",
        ogrn="1027700132195",
        legal_address="123112, г. Москва, Пресненская наб., д. 10, стр. 2, оф. 415",
        postal_address="",
        region="Москва",
        vat_regime=regime,
        director_name="Соколов Андрей Викторович",
        director_position="Генеральный директор",
        director_basis="Устава",
        accountant_name="Петрова Ирина Сергеевна",
        email="buh@servicepro.example",
        phone="+7 (495) 123-45-67",
        stamp_image=str(stamp_path) if stamp else None,
        facsimile_image=str(fax_path) if stamp else None,
        bank_accounts=[
            BankAccount(
                bank_name="ПАО Сбербанк",
                bik="044525225",
                corr_account="30101810400000000225",
                account="40702810200000012345",
                is_primary=True,
            )
        ],
        vat_history=[],
    )


def client(kind: str = "legal") -> Counterparty:
    if kind == "person":
        return Counterparty(
            kind="person",
            short_name="Иванов Пётр Сергеевич",
            full_name="Иванов Пётр Сергеевич",
            inn="500100732259",
            kpp=None,
            legal_address="г. Химки, ул. Ленина, д. 1, кв. 5",
            emails="",
        )
    return Counterparty(
        kind="legal",
        short_name=LONG_BUYER,
        full_name="Общество с ограниченной ответственностью " + LONG_BUYER[4:],
        inn="7802345678",
        kpp="780201001",
        ogrn="1027800000084",
        legal_address="194044, г. Санкт-Петербург, Выборгская наб., д. 29, лит. А",
        director_name="Кузнецова Мария Олеговна",
        director_position="Директор",
        director_basis="Устава",
        emails="buh@metal.example; director@metal.example",
        phone="+7 (812) 555-01-02",
    )


def contract(
    seller: OwnEntity, buyer: Counterparty, *, includes_vat: bool = False, facsimile: bool = True
) -> Contract:
    lines = []
    for pos, (name, unit, qty, price, _period) in enumerate(LINES, start=1):
        service = Service(name=name, unit_code=unit, unit=UNITS[unit], vat_rate=None)
        lines.append(ContractLine(position=pos, service=service, quantity=Decimal(qty), price=Decimal(price)))
    return Contract(
        number="АС-2026/15",
        date=dt.date(2026, 1, 10),
        subject="абонентское обслуживание компьютерной техники Заказчика",
        template="services",
        valid_from=dt.date(2026, 1, 10),
        valid_to=dt.date(2026, 12, 31),
        kind="fixed",
        periodicity="month",
        payment_terms="postpay",
        postpay_days=5,
        postpay_banking_days=False,
        price_includes_vat=includes_vat,
        facsimile_allowed=facsimile,
        acceptance_days=5,
        detail_appendix=True,
        own_entity=seller,
        counterparty=buyer,
        lines=lines,
    )


def document(
    tmp_path: Path,
    kind: str = "act",
    *,
    regime: str = "vat22",
    includes_vat: bool = False,
    facsimile: bool = True,
    upd_status: int | None = None,
    buyer_kind: str = "legal",
    number: str = "154",
    stamp: bool = True,
) -> Document:
    seller = entity(tmp_path, regime=regime, stamp=stamp)
    buyer = client(buyer_kind)
    agreement = contract(seller, buyer, includes_vat=includes_vat, facsimile=facsimile)
    day = dt.date(2026, 10, 31)
    rate = catalog.line_rate(seller, day)
    lines = []
    for pos, (name, unit, qty, price, period) in enumerate(LINES, start=1):
        net, vat, total = catalog.line_amounts(Decimal(qty), Decimal(price), rate, includes_vat)
        lines.append(
            DocumentLine(
                position=pos,
                name=name,
                unit_code=unit,
                unit_name=UNITS[unit].short_name,
                quantity=Decimal(qty),
                price=Decimal(price),
                amount_net=net,
                vat_rate=rate,
                amount_vat=vat,
                amount_total=total,
                period_from=period[0] if period else dt.date(2026, 10, 1),
                period_to=period[1] if period else dt.date(2026, 10, 31),
            )
        )
    return Document(
        id=4242,
        kind=kind,
        number=number,
        date=day,
        due_date=dt.date(2026, 11, 10) if kind == "invoice" else None,
        period="2026-10",
        period_start=dt.date(2026, 10, 1),
        period_end=day,
        year=2026,
        seq=int(number) if number.isdigit() else 1,
        upd_status=upd_status,
        amount_net=sum((ln.amount_net for ln in lines), Decimal("0.00")),
        amount_vat=sum((ln.amount_vat for ln in lines), Decimal("0.00")),
        amount_total=sum((ln.amount_total for ln in lines), Decimal("0.00")),
        own_entity=seller,
        counterparty=buyer,
        contract=agreement,
        lines=lines,
    )


def work_orders(doc: Document) -> list[WorkOrder]:
    services = {line.service.name: line.service for line in doc.contract.lines}
    hours = services["Выезд специалиста для диагностики и ремонта оборудования"]
    rows = [
        (2, "З-1042", "Иванов П.С.", "Диагностика сервера", "1"),
        (9, "З-1049", "Иванов П.С.", "Замена блока питания", "0.5"),
        (16, "З-1056", "Смирнов Д.А.", "Настройка рабочего места бухгалтера", "1.5"),
        (23, "З-1063", "Смирнов Д.А.", "Восстановление резервной копии базы 1С", "2"),
    ]
    return [
        WorkOrder(
            date=dt.date(2026, 10, day),
            service=hours,
            quantity=Decimal(qty),
            performer=who,
            request_number=req,
            description=what,
            approved=True,
        )
        for day, req, who, what, qty in rows
    ]


# --- reading the printed forms back ---------------------------------------------------------------


def text_of(data: bytes) -> str:
    """Every paragraph of body, tables (nested too), headers and footers; no-break spaces as spaces."""
    doc = DocxDocument(io.BytesIO(data))
    chunks: list[str] = []

    def walk(container: Any) -> None:
        for paragraph in container.paragraphs:
            chunks.append(paragraph.text)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(doc)
    for section in doc.sections:
        walk(section.footer)
        walk(section.header)
    return "\n".join(chunks).replace(NBSP, " ")


def decode_png(png: bytes) -> np.ndarray:
    """A tiny PNG reader for segno's 1-bit greyscale output (no Pillow in the environment)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert (depth, colour) == (1, 0)
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = (width + 7) // 8
    rows: list[bytearray] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - 1] if x else 0
            b, c = prev[x], (prev[x - 1] if x else 0)
            if f == 1:
                line[x] = (line[x] + a) & 0xFF
            elif f == 2:
                line[x] = (line[x] + b) & 0xFF
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(line)
        prev = line
    bits = np.unpackbits(np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(height, stride), axis=1)
    return (bits[:, :width] * 255).astype(np.uint8)
