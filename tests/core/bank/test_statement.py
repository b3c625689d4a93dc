"""Statements in 1CClientBankExchange: encodings, line ends, versions, several accounts, rejects, duplicates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.bank import (
    BankFileError,
    direction,
    fingerprint,
    new_documents,
    parse_amount,
    parse_statement,
    read_statement_files,
)
from desktop.core.errors import ValidationError
from tests.factories.bank import (
    CLIENT_ACCOUNT,
    CLIENT_INN,
    CLIENT_NAME,
    OWN_ACCOUNT,
    OWN_ACCOUNT_2,
    OWN_INN,
    Doc,
    account_section,
    encode,
    statement_lines,
)

MARCH = [
    Doc(
        "101",
        "02.03.2026",
        "1234,56",
        purpose="Оплата по счету № 45 от 02.03.2026 за услуги связи. В т.ч. НДС (22%) 222.62 руб.",
    ),
    Doc("102", "03.03.2026", "1 234.56"),
    Doc("17", "05.03.2026", "50000", incoming=False, purpose="Оплата аренды за март 2026. НДС не облагается"),
    Doc("103", "10.03.2026", "0.01"),
]
MARCH_IN = Decimal("1234.56") * 2 + Decimal("0.01")
MARCH_OUT = Decimal("50000.00")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("codec", "label", "bom"),
    [
        ("cp1251", "Windows", False),
        ("cp866", "DOS", False),
        ("utf-8", "UTF-8", False),
        ("utf-8", "UTF-8", True),
        ("utf-8", "Windows", False),  # header lies: says Windows, body is UTF-8
        ("utf-8", "Windows", True),
        ("cp866", "Windows", False),  # header lies: says Windows, body is DOS
        ("cp1251", "DOS", False),  # header lies the other way
    ],
)
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_every_encoding_and_line_end_reads_the_same_documents(
    tmp_path: Path, codec: str, label: str, bom: bool, newline: str
) -> None:
    data = encode(statement_lines(MARCH, encoding_label=label), codec, newline, bom)
    path = write(tmp_path, f"kl_to_1c_{codec}.txt", data)

    statement = parse_statement(path.read_bytes(), path.name)

    assert len(statement.documents) == 4
    assert [d.amount for d in statement.documents] == [
        Decimal("1234.56"),
        Decimal("1234.56"),
        Decimal("50000"),
        Decimal("0.01"),
    ]
    assert statement.total() == MARCH_IN + MARCH_OUT
    first = statement.documents[0]
    assert first.payer.name == CLIENT_NAME
    assert first.payer.inn == CLIENT_INN
    assert first.payer.account == CLIENT_ACCOUNT
    assert first.payee.inn == OWN_INN
    assert first.payee.bik == "044525225"
    assert first.date == date(2026, 3, 2)
    assert first.date_credited == date(2026, 3, 2)
    assert first.purpose.startswith("Оплата по счету № 45")
    assert statement.documents[2].date_debited == date(2026, 3, 5)
    assert statement.accounts[0].total_in == MARCH_IN
    assert statement.accounts[0].total_out == MARCH_OUT
    # Balances agree with the documents: nothing to warn about except a lying header.
    assert all("кодировка" in w.lower() for w in statement.warnings), statement.warnings


def test_version_102_and_raw_keys_kept() -> None:
    doc = Doc("5", "02.03.2026", "10.00", extra=["КодНазПлатежа=", "НовыйКлючБанка=значение=с=равенством"])
    statement = parse_statement(encode(statement_lines([doc], version="1.02")), "v102.txt")

    assert statement.version == "1.02"
    read = statement.documents[0]
    assert read.get("НовыйКлючБанка") == "значение=с=равенством"
    assert ("КодНазПлатежа", "") in read.raw
    assert read.payment_kind == "01"
    assert read.priority == "5"
    assert not statement.warnings


def test_several_accounts_in_one_file_each_checked() -> None:
    docs = [
        Doc("1", "02.03.2026", "100.00"),
        Doc("2", "02.03.2026", "200.00", own_account=OWN_ACCOUNT_2),
        Doc("3", "03.03.2026", "50.00", incoming=False, own_account=OWN_ACCOUNT_2),
    ]
    statement = parse_statement(encode(statement_lines(docs)), "two.txt")

    assert statement.header_accounts == [OWN_ACCOUNT, OWN_ACCOUNT_2]
    by_account = {a.account: a for a in statement.accounts}
    assert by_account[OWN_ACCOUNT].total_in == Decimal("100.00")
    assert by_account[OWN_ACCOUNT_2].total_in == Decimal("200.00")
    assert by_account[OWN_ACCOUNT_2].closing == Decimal("100150.00")
    assert len(statement.documents) == 3
    assert not statement.warnings


def test_balance_mismatch_and_missing_account_section_are_warnings() -> None:
    docs = [Doc("1", "02.03.2026", "100.00")]
    wrong = account_section(OWN_ACCOUNT, "1000.00", "150.00", "0.00", "1100.00")
    statement = parse_statement(encode(statement_lines(docs, sections=[wrong])), "wrong.txt")
    assert len(statement.documents) == 1
    text = " ".join(statement.warnings)
    assert "конечный остаток 1100.00" in text
    assert "по документам файла поступило 100.00" in text

    bare = parse_statement(encode(statement_lines(docs, sections=[])), "bare.txt")
    assert len(bare.documents) == 1
    assert any("нет раздела СекцияРасчСчет" in w for w in bare.warnings)


def test_purpose_split_into_numbered_keys_is_joined() -> None:
    split = Doc(
        "1",
        "02.03.2026",
        "10.00",
        purpose="Оплата по счету № 45 от 02.03.2026",
        purpose_parts=["за услуги связи.", "НДС не облагается"],
    )
    repeated = Doc(
        "2",
        "02.03.2026",
        "10.00",
        purpose="Оплата по счету № 46 за связь",
        purpose_parts=["Оплата по счету № 46", "за связь"],
    )
    only_parts = Doc("3", "02.03.2026", "10.00", purpose="", purpose_parts=["Оплата по", "счету № 47"])
    statement = parse_statement(encode(statement_lines([split, repeated, only_parts], sections=[])), "p.txt")

    purposes = [d.purpose for d in statement.documents]
    assert purposes == [
        "Оплата по счету № 45 от 02.03.2026 за услуги связи. НДС не облагается",
        "Оплата по счету № 46 за связь",
        "Оплата по счету № 47",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234", "1234"),
        ("1 234.56", "1234.56"),
        ("1\u00a0234\u00a0567,8", "1234567.8"),
    ],
)
def test_amount_forms(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


def rejected(data: bytes, name: str = "bad.txt") -> BankFileError:
    with pytest.raises(BankFileError) as caught:
        parse_statement(data, name)
    error = caught.value
    assert isinstance(error, ValidationError)
    assert name in str(error) and f"строка {error.line}" in str(error)
    return error


def test_truncated_file_names_the_last_line_read() -> None:
    lines = statement_lines(MARCH, end=False)
    error = rejected(encode(lines), "cut.txt")
    assert error.line == len(lines)
    assert "КонецФайла" in error.reason and "последняя прочитанная строка" in error.reason


def test_file_cut_inside_a_document_is_rejected() -> None:
    lines = statement_lines(MARCH)
    cut = lines[: lines.index("Сумма=50000") + 1]
    error = rejected(encode(cut))
    assert error.line == len(cut)
    start = max(i for i, line in enumerate(cut, start=1) if line.startswith("СекцияДокумент"))
    assert f"начатого в строке {start}" in error.reason


def test_document_left_open_before_the_next_one_is_rejected() -> None:
    lines = statement_lines(MARCH)
    first_end = lines.index("КонецДокумента")
    del lines[first_end]
    error = rejected(encode(lines))
    assert error.line == first_end + 1  # the next СекцияДокумент
    assert "не закрыт" in error.reason


def test_document_without_amount_is_rejected_with_its_line() -> None:
    lines = statement_lines(MARCH)
    amount_line = lines.index("Сумма=1 234.56")
    del lines[amount_line]
    error = rejected(encode(lines))
    assert error.line == amount_line - 2  # the document's СекцияДокумент line (1-based)
    assert lines[error.line - 1].startswith("СекцияДокумент")
    assert "нет суммы" in error.reason


@pytest.mark.parametrize(
    ("key", "bad", "word"),
    [("Сумма=1 234.56", "Сумма=12.34.56", "сумма"), ("Дата=03.03.2026", "Дата=31.02.2026", "дата")],
)
def test_bad_amount_or_date_names_the_line(key: str, bad: str, word: str) -> None:
    lines = statement_lines(MARCH)
    where = lines.index(key)
    lines[where] = bad
    error = rejected(encode(lines))
    assert error.line == where + 1
    assert word in error.reason


def test_binary_garbage_and_missing_header_are_rejected() -> None:
    zip_like = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4
    assert "двоичные данные" in rejected(zip_like, "statement.zip").reason

    text = encode(statement_lines(MARCH))
    assert rejected(text[len(b"1CClientBankExchange\r\n") :]).line == 1

    damaged = bytearray(text)
    third_line = damaged.index(b"\r\n", damaged.index(b"\r\n") + 2) + 2
    damaged[third_line + 2] = 0x98  # not a cp1251 character, not UTF-8 either
    error = rejected(bytes(damaged))
    assert error.line == 3 and "0x98" in error.reason


def test_unknown_encoding_is_rejected() -> None:
    data = encode(statement_lines(MARCH, encoding_label="KOI8-R"))
    error = rejected(data)
    assert "неизвестная кодировка «KOI8-R»" in error.reason


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", encode(statement_lines(MARCH)))
    cut = write(tmp_path, "cut.txt", encode(statement_lines(MARCH, end=False)))
    also_good = write(tmp_path, "also.txt", encode(statement_lines(MARCH[:1]), "utf-8"))
    seen: list[tuple[int, int, str]] = []

    result = read_statement_files([good, cut, also_good], progress=lambda d, t, s: seen.append((d, t, s)))

    assert [s.file_name for s in result.statements] == ["good.txt", "also.txt"]
    assert [e.file for e in result.errors] == ["cut.txt"]
    assert sum(len(s.documents) for s in result.statements) == 5
    assert seen[-1] == (3, 3, "")


def test_overlapping_statements_do_not_count_a_payment_twice() -> None:
    first = parse_statement(encode(statement_lines(MARCH[:3])), "1-15.txt")
    second = parse_statement(encode(statement_lines(MARCH[1:]), "cp866"), "10-31.txt")

    fresh, known = new_documents(first.documents, set())
    assert len(fresh) == 3 and not known
    fresh2, repeated = new_documents(second.documents, {fingerprint(d) for d in fresh})
    assert [d.number for d in fresh2] == ["103"]
    assert [d.number for d in repeated] == ["102", "17"]
    total = sum((d.amount for d in fresh + fresh2), Decimal("0"))
    assert total == MARCH_IN + MARCH_OUT


def test_same_number_from_different_payers_is_not_a_duplicate() -> None:
    a = Doc("1", "02.03.2026", "100.00")
    b = Doc("1", "02.03.2026", "100.00", incoming=False)
    statement = parse_statement(encode(statement_lines([a, b], sections=[])), "x.txt")
    assert len({fingerprint(d) for d in statement.documents}) == 2


def test_direction_of_payments() -> None:
    docs = [
        Doc("1", "02.03.2026", "100.00"),
        Doc("2", "02.03.2026", "100.00", incoming=False),
    ]
    statement = parse_statement(encode(statement_lines(docs)), "d.txt")
    incoming, outgoing = statement.documents
    assert direction(incoming, {OWN_ACCOUNT}) == "incoming"
    assert direction(outgoing, [OWN_ACCOUNT]) == "outgoing"
    assert direction(incoming, {OWN_ACCOUNT, CLIENT_ACCOUNT}) == "internal"
    assert direction(incoming, {OWN_ACCOUNT_2}) == "foreign"


def test_utf8_file_cut_inside_a_letter_is_reported_as_truncated() -> None:
    data = encode(statement_lines(MARCH), "utf-8")
    cut = data[: data.index("Оплата аренды".encode()) + 3]  # «О» is two bytes: keep one and a half letters
    error = rejected(cut)
    assert "последняя прочитанная строка" in error.reason
    assert "НазначениеПлатежа=О" in error.reason


def test_damaged_byte_in_a_utf8_file_names_its_line() -> None:
    lines = statement_lines(MARCH)
    data = bytearray(encode(lines, "utf-8"))
    where = data.index("Оплата аренды".encode())
    data[where] = 0xFF
    error = rejected(bytes(data))
    assert error.line == next(i for i, line in enumerate(lines, 1) if "Оплата аренды" in line)
    assert "0xFF" in error.reason


def test_control_characters_mean_binary_data_on_their_line() -> None:
    lines = statement_lines(MARCH)
    lines[6] += "\x07\x1b"
    error = rejected(encode(lines))
    assert error.line == 7 and "двоичные данные" in error.reason


def test_dos_end_of_file_mark_is_accepted() -> None:
    statement = parse_statement(encode(statement_lines(MARCH), "cp866") + b"\x1a", "dos.txt")
    assert len(statement.documents) == 4


SAMPLES = Path(__file__).parents[2] / "data" / "bank"


def test_committed_sample_files() -> None:
    result = read_statement_files(sorted(SAMPLES.glob("*.txt")))

    by_name = {s.file_name: s for s in result.statements}
    two = by_name["statement_cp1251_two_accounts.txt"]
    assert (two.encoding, len(two.accounts), len(two.documents)) == ("cp1251", 2, 5)
    assert two.total() == Decimal("59619.12")
    assert two.documents[3].purpose == "Аванс по договору № 3 от 01.02.2026 за апрель 2026. НДС не облагается"
    assert not two.warnings
    assert by_name["statement_utf8_header_says_windows.txt"].encoding == "utf-8"
    assert by_name["statement_cp866_lf.txt"].version == "1.02"
    assert len(by_name["payment_orders_cp1251.txt"].documents) == 3
    assert [(e.file, "КонецФайла" in e.reason) for e in result.errors] == [("statement_truncated.txt", True)]


def test_cancel_stops_between_files(tmp_path: Path) -> None:
    from desktop.core.errors import Cancelled
    from desktop.core.jobs import CancelToken

    files = [write(tmp_path, f"{i}.txt", encode(statement_lines(MARCH))) for i in range(3)]
    token = CancelToken()

    def progress(done: int, total: int, text: str) -> None:
        if done == 1:
            token.cancel()

    with pytest.raises(Cancelled):
        read_statement_files(files, progress, token)
