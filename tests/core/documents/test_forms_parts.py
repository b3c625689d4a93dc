"""Payment QR codes (decoded back with zxing-cpp), Windows-safe names and document paths."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp

from desktop.core.common.safe_names import safe_file_name, safe_name
from desktop.core.documents.paths import document_path
from desktop.core.documents.qr import Payment, payment_string, qr_png
from desktop.core.errors import ValidationError
from desktop.core.models import Counterparty, Document, OwnEntity
from tests.factories.forms import decode_png

ROMASHKA = Payment(
    name="ООО «Ромашка»",
    account="40702810200000012345",
    bank_name="ПАО Сбербанк",
    bik="044525225",
    corr_account="30101810400000000225",
    amount=Decimal("12200.00"),
    purpose="Оплата по счёту № 12 от 31.01.2026, в т.ч. НДС (22%) 2200.00 руб.",
    payee_inn="7707083893",
    payee_kpp="773601001",
)


def read_qr(png: bytes) -> str:
    results = zxingcpp.read_barcodes(decode_png(png))
    assert len(results) == 1
    return str(results[0].text)


def test_payment_string_matches_the_gost_example() -> None:
    assert payment_string(ROMASHKA) == (
        "ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810200000012345|BankName=ПАО Сбербанк|"
        "BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7707083893|KPP=773601001|"
        "Sum=1220000|Purpose=Оплата по счёту № 12 от 31.01.2026, в т.ч. НДС (22%) 2200.00 руб."
    )


def test_qr_png_decodes_to_the_payment_string() -> None:
    text = payment_string(ROMASHKA)
    assert read_qr(qr_png(text)) == text


def test_a_pipe_in_a_value_switches_the_separator() -> None:
    payment = Payment(**{**ROMASHKA.__dict__, "purpose": "Оплата | услуги"})
    text = payment_string(payment)
    assert text.startswith("ST00012#Name=")
    assert "#Purpose=Оплата | услуги" in text
    assert read_qr(qr_png(text)) == text


def test_cp1251_string_round_trips() -> None:
    text = payment_string(ROMASHKA, encoding="cp1251")
    assert text.startswith("ST00011|")
    decoded = zxingcpp.read_barcodes(decode_png(qr_png(text)))[0]
    assert decoded.bytes.decode("cp1251") == text


def test_bad_requisites_are_named() -> None:
    payment = Payment(**{**ROMASHKA.__dict__, "account": "4070281020000001234", "bik": ""})
    with pytest.raises(ValidationError) as err:
        payment_string(payment)
    assert "расчётный счёт «4070281020000001234»" in str(err.value)
    assert "БИК" in str(err.value)


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ('ООО "Ромашка"', "ООО «Ромашка»"),
        ('ООО "Рога и "Копыта""', "ООО «Рога и «Копыта»»"),
        ("ООО «А/Б»", "ООО «А-Б»"),
        ("ИП Иванов И.И.", "ИП Иванов И.И"),
        ("a<b>c:d|e?f*g", "a_b_c_d_e_f_g"),
        ("tab\there", "tab here"),
        ("CON", "_CON"),
        ("nul.pdf", "_nul.pdf"),
        ("Com1.txt", "_Com1.txt"),
        ("LPT9", "_LPT9"),
        ("COM10", "COM10"),
        ("  ...  ", "_"),
    ],
)
def test_safe_name(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


def test_safe_name_is_nfc_and_capped() -> None:
    assert safe_name("Й") == "\u0419"  # decomposed И + breve composes to Й
    long = "Общество с ограниченной ответственностью " * 5
    name = safe_name(long)
    assert len(name) <= 80
    assert not name.endswith((" ", "."))
    assert safe_file_name("Акт " + "х" * 300, "pdf").endswith(".pdf")
    assert len(safe_file_name("Акт " + "х" * 300, "pdf")) <= 120


def make_document() -> Document:
    entity = OwnEntity(short_name='ООО "СервисПро"', full_name="", inn="7707083893")
    client = Counterparty(short_name="ИП Иванов И.И.", full_name="", inn="500100732259")
    return Document(
        kind="act",
        number="АС/12",
        date=dt.date(2026, 10, 31),
        period="2026-10",
        own_entity=entity,
        counterparty=client,
    )


def test_document_path(tmp_path: Path) -> None:
    path = document_path(tmp_path, make_document(), "pdf")
    assert (
        path
        == tmp_path
        / "2026-10"
        / "ООО «СервисПро»"
        / "ИП Иванов И.И 500100732259"  # spelt as on the share: no dot before the INN
        / "Акт АС-12 от 31.10.2026.pdf"
    )
    # The path can really be created (and is short enough for Windows).
    path.parent.mkdir(parents=True)
    path.write_bytes(b"%PDF-")
    assert len(str(path.relative_to(tmp_path))) < 200
    assert (
        document_path(tmp_path, make_document(), "docx", kind="detail").name
        == "Детализация АС-12 от 31.10.2026.docx"
    )
