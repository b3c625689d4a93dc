"""Payment QR codes by GOST R 56042-2014 (DOMAIN.md §6): the ``ST00012|Name=…`` string and its PNG.

The string is UTF-8 (``ST00012``), the mandatory keys come first and in order (Name,
PersonalAcc, BankName, BIC, CorrespAcc), ``Sum`` is in kopecks, no trailing separator. The
separator is ``|`` unless a value contains it; then the first character absent from every value.
The PNG is drawn by segno in byte mode without ECI, error level M, as the GOST expects.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import segno

from desktop.core.documents.money import kopecks
from desktop.core.errors import ValidationError

HEADER = "ST0001"
SEPARATORS = "|#;:^_~{}!"
MANDATORY_BLOCK_MAX = 300  # bytes, GOST: Name … CorrespAcc together
LIMITS = {"Name": 160, "BankName": 45, "Purpose": 210}
ENCODING_DIGITS = {"cp1251": "1", "windows-1251": "1", "utf-8": "2", "koi8-r": "3"}


@dataclass(frozen=True)
class Payment:
    """What a payer's bank app needs to fill a payment order."""

    name: str
    account: str
    bank_name: str
    bik: str
    corr_account: str
    amount: Decimal | None = None
    purpose: str = ""
    payee_inn: str = ""
    payee_kpp: str = ""
    payer_inn: str = ""
    doc_no: str = ""
    doc_date: str = ""
    contract: str = ""


def _clean(value: str) -> str:
    # A line break would end the value for some readers.
    return " ".join(value.split())


def _check(payment: Payment) -> None:
    problems: list[str] = []
    if not payment.name.strip():
        problems.append("не указано наименование получателя")
    if not (payment.account.isdigit() and len(payment.account) == 20):
        problems.append(f"расчётный счёт «{payment.account}» должен состоять из 20 цифр")
    if not payment.bank_name.strip():
        problems.append("не указано наименование банка")
    if not (payment.bik.isdigit() and len(payment.bik) == 9):
        problems.append(f"БИК «{payment.bik}» должен состоять из 9 цифр")
    if not (payment.corr_account.isdigit() and len(payment.corr_account) == 20):
        problems.append(f"корреспондентский счёт «{payment.corr_account}» должен состоять из 20 цифр")
    if payment.amount is not None and payment.amount < 0:
        problems.append("сумма к оплате отрицательна")
    if problems:
        raise ValidationError("QR-код для оплаты не построить: " + "; ".join(problems) + ".", field="qr")


def payment_string(payment: Payment, encoding: str = "utf-8") -> str:
    """The GOST string; ``encoding`` "utf-8" gives ST00012, "cp1251" ST00011, "koi8-r" ST00013."""
    _check(payment)
    digit = ENCODING_DIGITS[encoding.lower()]
    pairs: list[tuple[str, str]] = [
        ("Name", _clean(payment.name)[: LIMITS["Name"]]),
        ("PersonalAcc", payment.account),
        ("BankName", _clean(payment.bank_name)[: LIMITS["BankName"]]),
        ("BIC", payment.bik),
        ("CorrespAcc", payment.corr_account),
    ]
    optional: list[tuple[str, str]] = [
        ("PayeeINN", payment.payee_inn),
        ("KPP", payment.payee_kpp),
        ("Sum", str(kopecks(payment.amount)) if payment.amount is not None else ""),
        ("Purpose", _clean(payment.purpose)[: LIMITS["Purpose"]]),
        ("PayerINN", payment.payer_inn),
        ("DocNo", _clean(payment.doc_no)),
        ("DocDate", payment.doc_date),
        ("Contract", _clean(payment.contract)),
    ]
    pairs += [(k, v) for k, v in optional if v]
    values = "".join(v for _, v in pairs)
    separator = next((s for s in SEPARATORS if s not in values), None)
    if separator is None:
        raise ValidationError(
            "QR-код для оплаты не построить: в реквизитах встречаются все допустимые разделители.", field="qr"
        )
    mandatory = separator.join(f"{k}={v}" for k, v in pairs[:5])
    if len(mandatory.encode(encoding)) > MANDATORY_BLOCK_MAX:
        raise ValidationError(
            "QR-код для оплаты не построить: наименование получателя и банка слишком длинные "
            f"(обязательные реквизиты занимают больше {MANDATORY_BLOCK_MAX} байт).",
            field="qr",
        )
    return f"{HEADER}{digit}{separator}" + separator.join(f"{k}={v}" for k, v in pairs)


QR_MASK = 2


def qr_png(text: str, scale: int = 4, border: int = 4) -> bytes:
    """A PNG of ``text`` (byte mode, no ECI, level M); an ST00011 string is encoded as windows-1251.

    The mask is fixed: segno's search for the best of the eight masks is pure Python and took
    ~90% of an invoice's rendering time (45 ms → 6 ms); any mask gives a valid, readable code.
    """
    code = (
        segno.make(text.encode("cp1251"), error="m", micro=False, boost_error=False, mask=QR_MASK)
        if text.startswith(HEADER + "1")
        else segno.make(text, encoding="utf-8", error="m", micro=False, boost_error=False, mask=QR_MASK)
    )
    return matrix_png(code.matrix, scale, border)


def matrix_png(matrix: Sequence[Sequence[int]], scale: int, border: int) -> bytes:
    """A 1-bit greyscale PNG of a QR matrix (1 = dark), quiet zone of ``border`` modules.

    segno's own PNG writer is pure Python and cost as much as the encoding itself.
    """
    modules = np.pad(np.asarray(matrix, dtype=np.uint8), border)
    pixels = np.repeat(np.repeat(modules, scale, axis=0), scale, axis=1)
    rows = np.packbits(pixels == 0, axis=1)  # white = 1 in a greyscale PNG
    raw = np.hstack([np.zeros((rows.shape[0], 1), dtype=np.uint8), rows]).tobytes()  # filter 0 per row

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    size = pixels.shape[0]
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def payment_qr_png(payment: Payment, scale: int = 4) -> bytes:
    return qr_png(payment_string(payment), scale=scale)
