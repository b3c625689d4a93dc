"""The one atomic write: files land whole, the temp file never stays, and every file the program
produces gets the mode any program's file gets (0o666 less the umask), not mkstemp's owner-only 0600."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.bank.orders import (
    BankDetails,
    PartyDetails,
    PaymentOrder,
    save_payment_orders,
    write_payment_orders,
)
from desktop.core.closing import plan as closing
from desktop.core.closing.files import FileWriter
from desktop.core.common.exports import ExportColumn, export_rows
from desktop.core.common.files import write_atomic, write_file
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.errors import StorageError
from desktop.core.models import Document
from tests.factories.bank import (
    CLIENT_ACCOUNT,
    CLIENT_BIK,
    CLIENT_CORR,
    CLIENT_INN,
    CLIENT_KPP,
    OWN_ACCOUNT,
    OWN_BIK,
    OWN_CORR,
    OWN_INN,
    OWN_KPP,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_write_is_whole_leaves_no_temp_file_and_takes_the_umask(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "new folder" / "file.bin"
    assert write_atomic(target, b"one") == target
    write_atomic(target, lambda fh: fh.write(b"two"))
    assert target.read_bytes() == b"two"
    assert mode(target) == 0o644
    assert os.listdir(target.parent) == ["file.bin"]
    os.umask(0o077)
    write_atomic(target, b"three")
    assert mode(target) == 0o600


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")

    def broken(fh: object) -> None:
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["file.bin"]


def test_without_overwrite_an_existing_name_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "scan.pdf"
    write_atomic(target, b"first", overwrite=False)
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["scan.pdf"]


def test_write_file_says_what_could_not_be_written(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="не записать"):
        write_file(tmp_path, b"x")  # a folder where the file should be


def test_closing_files_exports_and_payment_orders_come_out_0644(
    sqlite_db: Database, tmp_path: Path, umask_022: None
) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=3, seed=21, today=dt.date(2026, 11, 22))
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    writer = FileWriter(sqlite_db, tmp_path / "out", pdf=False, workers=0)
    try:
        result = closing.execute(sqlite_db, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    assert result.errors == []
    with sqlite_db.session() as session:
        documents = list(session.scalars(select(Document)))
    docx = [Path(d.docx_path) for d in documents if d.docx_path]
    xml = [Path(d.xml_path) for d in documents if d.xml_path]
    assert docx and xml
    columns = [ExportColumn("Номер"), ExportColumn("Сумма", "money")]
    exports = [tmp_path / "реестр.csv", tmp_path / "реестр.xlsx"]
    for path in exports:
        export_rows(path, columns, [["1", Decimal("10.50")]])
    orders = save_payment_orders(
        tmp_path / "платежки.txt",
        write_payment_orders(
            [
                PaymentOrder(
                    number="1",
                    date=dt.date(2026, 3, 16),
                    amount=Decimal("100.00"),
                    payee=PartyDetails('ООО "Лютик"', CLIENT_INN, CLIENT_KPP),
                    payee_bank=BankDetails(
                        CLIENT_ACCOUNT, CLIENT_BIK, CLIENT_CORR, 'АО "ТБанк"', "г. Москва"
                    ),
                    purpose="Оплата по счёту № 45 от 02.03.2026. НДС не облагается",
                )
            ],
            PartyDetails('ООО "Ромашка"', OWN_INN, OWN_KPP),
            BankDetails(OWN_ACCOUNT, OWN_BIK, OWN_CORR, "ПАО СБЕРБАНК", "г. Москва"),
            dt.date(2026, 3, 1),
            dt.date(2026, 3, 31),
        ),
    )
    assert {path: oct(mode(path)) for path in [*docx, *xml, *exports, orders]} == {
        path: oct(0o644) for path in [*docx, *xml, *exports, orders]
    }
