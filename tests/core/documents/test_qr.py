"""The payment and id QR codes are module for module what segno makes (byte mode, no ECI, level M,
the fixed mask), only faster; bank apps and the scan inbox read them back."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import segno
import zxingcpp

from desktop.core.documents.qr import QR_MASK, Payment, payment_string, qr_matrix, qr_png
from tests.factories.forms import decode_png

LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙ0123456789 .,;:|=-№«»()/%abcdefXYZ"
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def _segno(text: str) -> segno.QRCode:
    data = text.encode("cp1251") if text.startswith("ST00011") else text
    return segno.make(data, encoding="utf-8", error="m", micro=False, boost_error=False, mask=QR_MASK)


def _same_as_segno(text: str) -> int:
    code = _segno(text)
    assert code.error == "M" and code.mask == QR_MASK
    assert np.array_equal(qr_matrix(text), np.asarray(code.matrix, dtype=np.uint8)), text
    return int(code.version)


def _payment(purpose: str, amount: str = "12200.00") -> Payment:
    return Payment(
        name="ООО «Ромашка-Сервис Плюс»",
        account="40702810200000012345",
        bank_name="ПАО Сбербанк",
        bik="044525225",
        corr_account="30101810400000000225",
        amount=Decimal(amount),
        purpose=purpose,
        payee_inn="7707083893",
        payee_kpp="773601001",
        payer_inn="7701234567",
        doc_no="АБ-2026/00123",
        doc_date="31.10.2026",
    )


def test_payment_strings_give_segnos_symbol_and_decode() -> None:
    purpose = (
        "Оплата по счёту № АБ-2026/00123 от 31.10.2026 за услуги по договору № АБ-2026/045 от 01.01.2026."
    )
    for n in (0, 40, 120, len(purpose)):
        for encoding in ("utf-8", "cp1251"):
            text = payment_string(_payment(purpose[:n] + " В т.ч. НДС (22%) 2200.00 руб."), encoding)
            _same_as_segno(text)
            decoded = zxingcpp.read_barcodes(decode_png(qr_png(text)))
            assert len(decoded) == 1
            assert decoded[0].bytes.decode(encoding) == text
            assert _segno(text).mode == "byte"  # byte mode; segno adds no ECI unless asked


def test_every_version_and_the_id_codes_match_segno() -> None:
    rnd = random.Random(7)
    versions = set()
    for text in ("AKTDESK-DOC:1", "AKTDESK-DOC:987654", "hello", "Ж", "12a"):
        versions.add(_same_as_segno(text))
    for n in [*range(1, 80), *range(80, 1400, 23)]:
        versions.add(_same_as_segno("".join(rnd.choice(LETTERS) for _ in range(n))))
        versions.add(_same_as_segno("".join(rnd.choice(ALNUM) for _ in range(n))))
    assert versions >= set(range(1, 39))


def test_data_that_fills_a_version_exactly_matches_segno() -> None:
    # v1-M holds 16 data codewords: 14 bytes fill it after mode and count (no room for the terminator).
    for n in range(10, 20):
        _same_as_segno("x" * n)
    # digits only: segno's numeric mode, used as is
    assert _same_as_segno("1234567890") == 1
    assert zxingcpp.read_barcodes(decode_png(qr_png("AKTDESK-DOC:42")))[0].text == "AKTDESK-DOC:42"
