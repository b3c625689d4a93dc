"""Payment QR codes by GOST R 56042-2014: the ``ST00012|Name=…`` string and its PNG.

The string is UTF-8 (``ST00012``), the mandatory keys come first and in order (Name,
PersonalAcc, BankName, BIC, CorrespAcc), ``Sum`` is in kopecks, no trailing separator. The
separator is ``|`` unless a value contains it; then the first character absent from every value.
The PNG is drawn by segno in byte mode without ECI, error level M, as the GOST expects.
Rules and sources: docs/domain.md, «Payment QR».
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import segno
from segno import consts as _segno_consts
from segno import encoder as _segno_encoder

from desktop.core.common.money import kopecks
from desktop.core.errors import ValidationError

# Untyped modules: segno's tables and functions are used as its own encoder uses them.
segno_encoder: Any = _segno_encoder
segno_consts: Any = _segno_consts

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
    return matrix_png(qr_matrix(text), scale, border)


def qr_matrix(text: str) -> np.ndarray:
    """The QR matrix (1 = dark) that ``segno.make(text, encoding="utf-8", error="m", micro=False,
    boost_error=False, mask=QR_MASK)`` gives (ST00011: the windows-1251 bytes), module for module.

    Byte and alphanumeric data (the payment string, the documents' id QR) are encoded here with
    segno's own tables and function patterns: the codewords with numpy, the Reed-Solomon
    parity from per-block tables, the placement and mask from a template made once per version.
    segno's pure-Python encoder took 7–9 ms for a payment string (version ~17), this ~0.3 ms.
    Other data (digits only, kanji) go to segno itself.
    """
    data = text.encode("cp1251") if text.startswith(HEADER + "1") else text.encode("utf-8")
    if data.isdigit() or segno_encoder.is_kanji(data):
        return _segno_matrix(data)
    alphanumeric = segno_encoder.is_alphanumeric(data)
    mode = segno_consts.MODE_ALPHANUMERIC if alphanumeric else segno_consts.MODE_BYTE
    error = segno_consts.ERROR_LEVEL_M
    for version in range(1, 41):
        count_bits = segno_consts.CHAR_COUNT_INDICATOR_LENGTH[mode][segno_encoder.version_range(version)]
        payload_bits = 11 * (len(data) // 2) + 6 * (len(data) % 2) if alphanumeric else 8 * len(data)
        if 4 + count_bits + payload_bits <= segno_consts.SYMBOL_CAPACITY[version][error]:
            break
    else:
        return _segno_matrix(data)  # too long for a QR code: segno says so
    capacity = segno_consts.SYMBOL_CAPACITY[version][error]
    bits, length = mode, 4
    bits, length = bits << count_bits | len(data), length + count_bits
    if alphanumeric:
        values = [ALPHANUMERIC.index(c) for c in data]
        for i in range(0, len(values) - 1, 2):
            bits, length = bits << 11 | (values[i] * 45 + values[i + 1]), length + 11
        if len(values) % 2:
            bits, length = bits << 6 | values[-1], length + 6
    else:
        bits, length = bits << 8 * len(data) | int.from_bytes(data, "big"), length + 8 * len(data)
    pad = min(capacity - length, 4)  # terminator
    pad += 8 - (length + pad) % 8  # to a whole codeword; like segno, a whole zero byte when aligned already
    bits, length = bits << pad, length + pad
    codewords = bits.to_bytes(length // 8, "big") + PAD_CODEWORDS * (capacity // 16)
    codewords = codewords[: capacity // 8]
    final = _interleave(version, error, np.frombuffer(codewords, dtype=np.uint8))
    template, positions = _layout(version, error, QR_MASK)
    matrix = template.copy()
    flat = matrix.reshape(-1)
    flat[positions[: 8 * len(final)]] ^= np.unpackbits(final)  # the rest are remainder bits: 0
    return matrix


ALPHANUMERIC = segno_consts.ALPHANUMERIC_CHARS
PAD_CODEWORDS = b"\xec\x11"


def _segno_matrix(data: bytes) -> np.ndarray:
    code = segno.make(data, error="m", micro=False, boost_error=False, mask=QR_MASK)
    return np.asarray(code.matrix, dtype=np.uint8)


_GF_EXP = np.array(segno_consts.GALIOS_EXP, dtype=np.uint8)  # 510 entries: no modulo needed for a sum of logs
_GF_LOG = np.array(segno_consts.GALIOS_LOG, dtype=np.int32)


@functools.lru_cache(maxsize=64)
def _parity_table(data_words: int, error_words: int) -> tuple[np.ndarray, np.ndarray]:
    """log of x^(e + j) mod g for each data position (row 0 = the first codeword), and which are 0.

    Reed-Solomon parity is linear over GF(256): the parity of a block is the XOR of each data
    codeword times the parity of that position's unit vector.
    """
    exp, log = segno_consts.GALIOS_EXP, segno_consts.GALIOS_LOG
    low = [exp[g] for g in segno_consts.GEN_POLY[error_words]]  # x^e mod g, highest power first
    rows = [low]
    for _ in range(data_words - 1):
        top, shifted = rows[-1][0], [*rows[-1][1:], 0]
        if top:
            shifted = [v ^ (exp[log[top] + log[c]] if c else 0) for v, c in zip(shifted, low, strict=True)]
        rows.append(shifted)
    table = np.array(rows[::-1], dtype=np.int32)  # first codeword ↔ highest power
    zero = table == 0
    return np.where(zero, 0, _GF_LOG[table]), zero


def _parity(blocks: np.ndarray, error_words: int) -> np.ndarray:
    """The error correction codewords of equal-length data blocks (rows of ``blocks``)."""
    logs, zero = _parity_table(blocks.shape[1], error_words)
    data_log = _GF_LOG[blocks][:, :, None]
    products = _GF_EXP[data_log + logs[None, :, :]]
    products[(blocks == 0)[:, :, None] | zero[None, :, :]] = 0
    parity: np.ndarray = np.bitwise_xor.reduce(products, axis=1)
    return parity


def _interleave(version: int, error: int, codewords: np.ndarray) -> np.ndarray:
    """Data codewords in blocks with their parity, interleaved as ISO/IEC 18004 §7.6 orders them."""
    data_blocks: list[np.ndarray] = []
    error_blocks: list[np.ndarray] = []
    start = 0
    for info in segno_consts.ECC[version][error]:
        size = info.num_data
        blocks = codewords[start : start + size * info.num_blocks].reshape(info.num_blocks, size)
        start += size * info.num_blocks
        data_blocks.extend(blocks)
        error_blocks.extend(_parity(blocks, info.num_total - info.num_data))
    longest = max(len(b) for b in data_blocks)
    grid = np.full((len(data_blocks), longest), -1, dtype=np.int16)
    for row, block in enumerate(data_blocks):
        grid[row, : len(block)] = block
    data = grid.T.reshape(-1)
    return np.concatenate([data[data >= 0].astype(np.uint8), np.stack(error_blocks).T.reshape(-1)])


@functools.lru_cache(maxsize=64)
def _layout(version: int, error: int, mask: int) -> tuple[np.ndarray, np.ndarray]:
    """(matrix of the function patterns, format and version information and the mask over the data
    modules; flat indexes of the data modules in placement order), made with segno's functions.

    A symbol is the template with its data bits XORed in at those indexes.
    """
    size = segno_encoder.calc_matrix_size(version)
    matrix = segno_encoder.make_matrix(size, size)
    segno_encoder.add_finder_patterns(matrix, size, size)
    segno_encoder.add_alignment_patterns(matrix, size, size)
    order: list[int] = []
    for right in range(size - 1, 0, -2):  # segno_encoder.add_codewords' walk (QR, not Micro QR)
        if right <= 6:
            right -= 1
        for vertical in range(size):
            for z in range(2):
                j = right - z
                upwards = ((right & 2) == 0) ^ (j < 6)
                i = (size - 1 - vertical) if upwards else vertical
                if matrix[i][j] == 0x2:
                    matrix[i][j] = 0x0  # data 0: the mask alone
                    order.append(i * size + j)
    _, matrix = segno_encoder.find_and_apply_best_mask(matrix, size, size, mask)
    segno_encoder.add_format_info(matrix, version, error, mask)
    segno_encoder.add_version_info(matrix, version)
    template = np.array([list(row) for row in matrix], dtype=np.uint8)
    return template, np.array(order, dtype=np.intp)


def matrix_png(matrix: Sequence[Sequence[int]] | np.ndarray, scale: int, border: int) -> bytes:
    """A 1-bit greyscale PNG of a QR matrix (1 = dark), quiet zone of ``border`` modules.

    segno's own PNG writer is pure Python and cost as much as the encoding itself.
    """
    modules = np.pad(np.asarray(matrix, dtype=np.uint8), border)
    rows = np.packbits(np.repeat(modules == 0, scale, axis=1), axis=1)  # white = 1 in a greyscale PNG
    rows = np.hstack([np.zeros((rows.shape[0], 1), dtype=np.uint8), rows])  # filter 0 per row
    raw = np.repeat(rows, scale, axis=0).tobytes()

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    size = modules.shape[0] * scale
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))  # level 6 took 10× longer for 15% less
        + chunk(b"IEND", b"")
    )
