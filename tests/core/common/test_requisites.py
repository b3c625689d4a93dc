"""Requisite checks with real public identifiers, and each one a digit off."""

from __future__ import annotations

import random

import pytest

from desktop.core.common import identifiers as ids

SBER = {
    "inn": "7707083893",
    "kpp": "773601001",
    "ogrn": "1027700132195",
    "bik": "044525225",
    "corr": "30101810400000000225",
}


def off_by_one(value: str, position: int) -> str:
    digit = (int(value[position]) + 1) % 10
    return value[:position] + str(digit) + value[position + 1 :]


def test_real_identifiers_are_valid() -> None:
    assert ids.check_inn(SBER["inn"]) is None
    assert ids.check_inn("500100732259") is None
    assert ids.check_kpp(SBER["kpp"]) is None
    assert ids.check_ogrn(SBER["ogrn"]) is None
    assert ids.check_ogrn("304500116000157") is None
    assert ids.check_bik(SBER["bik"]) is None
    assert ids.check_corr_account(SBER["corr"], SBER["bik"]) is None
    assert ids.check_account("40702810200000012345", SBER["bik"]) is None
    # The Bank of Russia's own example of the key procedure.
    assert ids.check_account("40602810700000000025", "049805746") is None


@pytest.mark.parametrize("position", range(10))
def test_inn10_one_digit_off_is_rejected(position: int) -> None:
    assert ids.check_inn(off_by_one(SBER["inn"], position)) is not None


@pytest.mark.parametrize("position", range(12))
def test_inn12_one_digit_off_is_rejected(position: int) -> None:
    assert ids.check_inn(off_by_one("500100732259", position)) is not None


@pytest.mark.parametrize("position", range(13))
def test_ogrn_one_digit_off_is_rejected(position: int) -> None:
    wrong = off_by_one(SBER["ogrn"], position)
    if wrong[0] not in "15":
        assert ids.check_ogrn(wrong) is not None
    else:
        assert ids.check_ogrn(wrong) == "неверная контрольная цифра ОГРН"


@pytest.mark.parametrize("position", range(20))
def test_account_one_digit_off_is_rejected(position: int) -> None:
    assert ids.check_account(off_by_one("40702810200000012345", position), SBER["bik"]) is not None
    assert ids.check_corr_account(off_by_one(SBER["corr"], position), SBER["bik"]) is not None


@pytest.mark.parametrize(
    "value", ["304770500012390", "321770000045620", "321770000045631", "321770000045642"]
)
def test_ogrnip_with_remainder_ten_to_twelve_is_valid(value: str) -> None:
    """python-stdnum 2.2 rejects these (it compares the whole remainder); the law takes its last digit."""
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.ru import ogrn as stdnum_ogrn

    remainder = int(value[:14]) % 13
    assert remainder >= 10
    assert ids.check_ogrn(value) is None
    with pytest.raises(StdnumError):
        stdnum_ogrn.validate(value)
    assert ids.check_ogrn(off_by_one(value, 14)) is not None


def test_kpp_allows_latin_letters_in_the_reason_code_only() -> None:
    assert ids.check_kpp("7736AB001") is None
    assert ids.check_kpp("7736аб001") is not None  # Cyrillic letters are not allowed
    assert ids.check_kpp("77360100A") is not None
    assert ids.check_kpp("003601001") is not None  # the tax office code cannot be 00


def test_account_is_checked_against_its_own_bank() -> None:
    # Valid at Sberbank, wrong at VTB: the key depends on the BIK.
    assert ids.check_account("40702810200000012345", "044525187") is not None


def test_party_kind_rules() -> None:
    assert ids.validate_requisites("legal", SBER["inn"], SBER["kpp"], SBER["ogrn"]) == {}
    legal_without_kpp = ids.validate_requisites("legal", SBER["inn"], "")
    assert set(legal_without_kpp) == {"kpp"}
    ip = ids.validate_requisites("entrepreneur", "500100732259", "773601001", "304500116000157")
    assert ip == {"kpp": "у ИП нет КПП"}
    assert "inn" in ids.validate_requisites("entrepreneur", SBER["inn"])
    bank = ids.validate_requisites(
        "legal", SBER["inn"], SBER["kpp"], bik=SBER["bik"], account="40702810300000012345"
    )
    assert set(bank) == {"account"}


def test_generators_make_valid_identifiers() -> None:
    rng = random.Random(5)
    for _ in range(200):
        bik = rng.choice(("044525225", "044525187", "044030653", "049205603"))
        assert ids.check_inn(ids.make_inn10(rng)) is None
        assert ids.check_inn(ids.make_inn12(rng)) is None
        assert ids.check_ogrn(ids.make_ogrn(rng)) is None
        assert ids.check_ogrn(ids.make_ogrnip(rng)) is None
        assert ids.check_account(ids.make_account(bik, "40702", rng), bik) is None
        assert ids.check_corr_account(ids.make_corr_account(bik), bik) is None
