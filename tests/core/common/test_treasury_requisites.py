"""Treasury requisites by the treasury's rules (docs/domain.md «Treasury requisites»), on published ones."""

from __future__ import annotations

import pytest

from desktop.core.common import identifiers as ids

# Published requisites: (ТОФК BIK, ЕКС, КС).
MOSCOW = ("004525988", "40102810545370000003", "03100643000000017300")
TULA = ("017003983", "40102810445370000059", "03100643000000016600")
FNS_AT_TULA = ("017003983", "40102810445370000059", "03100643000000018500")


@pytest.mark.parametrize("bik, single, treasury", [MOSCOW, TULA, FNS_AT_TULA])
def test_published_treasury_requisites_pass(bik: str, single: str, treasury: str) -> None:
    assert ids.is_treasury_bik(bik)
    assert ids.check_bik(bik) is None
    assert ids.check_corr_account(single, bik) is None
    assert ids.check_account(treasury, bik) is None
    assert ids.validate_requisites("legal", "7107083891", "710701001", "", bik, treasury, single) == {}


def test_the_single_treasury_account_is_keyed_like_a_corr_account() -> None:
    bik, single, _treasury = TULA
    for position in range(20):
        if single[position].isdigit() and position >= 5:
            broken = single[:position] + str((int(single[position]) + 1) % 10) + single[position + 1 :]
            assert ids.check_corr_account(broken, bik) is not None, position


def test_what_the_treasury_does_not_have() -> None:
    bik = TULA[0]
    assert "начинаться с 0" in (ids.check_bik("117003983") or "")
    assert not ids.is_treasury_bik("044525225")
    assert "40102" in (ids.check_corr_account("30101810400000000225", bik) or "")
    assert "начинается с 03" in (ids.check_account("40702810200000012345", bik) or "")
    assert "643" in (ids.check_account("03100810000000016600", bik) or "")
    assert "корреспондентский" in (ids.check_account(TULA[1], bik) or "")
    # With a bank's BIK the treasury accounts are named for what they are.
    assert "ТОФК" in (ids.check_account(TULA[2], "044525225") or "")
    assert "казначейский" in (ids.check_corr_account(TULA[1], "044525225") or "")


def test_an_inn_with_spaces_gets_one_message() -> None:
    assert ids.validate_requisites("legal", "7707 083 893", "773601001") == {
        "inn": "ИНН записан с пробелами: укажите только цифры"
    }
