"""Russian requisites: INN, KPP, OGRN/OGRNIP, BIK and account keys (docs/domain.md, «Parties and requisites»).

Each ``check_*`` returns ``None`` when the value is valid, or a short Russian message saying
what is wrong. python-stdnum is used where it is right (INN); OGRNIP has our own check because
python-stdnum 2.0–2.2 takes the whole remainder mod 13 as the check digit and rejects valid
numbers whose remainder is 10, 11 or 12. Treasury requisites (a ТОФК BIK, the single treasury
account 40102… as the correspondent account, a treasury account 03… as the account) follow the
treasury's own rules, written down with their sources in docs/domain.md, «Treasury requisites».
The ``make_*`` generators build valid identifiers for demo data and tests.
"""

from __future__ import annotations

import random
import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as stdnum_inn

from desktop.core.models import PartyKind

KPP_PATTERN = re.compile(r"([0-9][1-9]|[1-9][0-9])([0-9]{2})([0-9A-Z]{2})([0-9]{3})")
ACCOUNT_WEIGHTS = ((7, 1, 3) * 8)[:23]
INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_WEIGHTS_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_WEIGHTS_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
TREASURY_SINGLE_ACCOUNT = "40102"  # единый казначейский счёт (ЕКС) of a ТОФК at the Bank of Russia


def _digits(value: str, name: str, lengths: tuple[int, ...]) -> str | None:
    if not value:
        return "обязательное поле"
    if not value.isdigit():
        if "".join(value.split()).isdigit():
            return f"{name} записан с пробелами: укажите только цифры"
        return f"{name} должен состоять только из цифр"
    if len(value) not in lengths:
        wanted = " или ".join(str(n) for n in lengths)
        return f"{name} должен состоять из {wanted} цифр (сейчас {len(value)})"
    return None


def check_inn(value: str, lengths: tuple[int, ...] = (10, 12)) -> str | None:
    problem = _digits(value, "ИНН", lengths)
    if problem:
        return problem
    if value.startswith("00"):
        return "ИНН не может начинаться с 00"
    try:
        stdnum_inn.validate(value)
    except StdnumError:
        return "неверная контрольная сумма ИНН"
    return None


def check_kpp(value: str) -> str | None:
    if not value:
        return "обязательное поле"
    if len(value) != 9:
        return f"КПП должен состоять из 9 символов (сейчас {len(value)})"
    if not KPP_PATTERN.fullmatch(value):
        return "КПП: формат NNNNPPNNN (в 5–6 позициях допустимы цифры или заглавные латинские буквы)"
    return None


def ogrn_check_digit(body: str) -> int:
    """The check digit of an OGRN (12-digit body) or OGRNIP (14-digit body)."""
    if len(body) == 12:
        return int(body) % 11 % 10
    return int(body) % 13 % 10


def check_ogrn(value: str, lengths: tuple[int, ...] = (13, 15)) -> str | None:
    problem = _digits(value, "ОГРН", lengths)
    if problem:
        return problem
    if len(value) == 13 and value[0] not in "1256789":
        return "ОГРН должен начинаться с 1 или 5"
    if len(value) == 15 and value[0] not in "34":
        return "ОГРНИП должен начинаться с 3"
    if ogrn_check_digit(value[:-1]) != int(value[-1]):
        return "неверная контрольная цифра ОГРН" if len(value) == 13 else "неверная контрольная цифра ОГРНИП"
    return None


def check_bik(value: str) -> str | None:
    """Nine digits beginning with 0: «04…» a bank or a Bank of Russia unit, «00…»/«01…»/«02…» a ТОФК."""
    problem = _digits(value, "БИК", (9,))
    if problem:
        return problem
    if not value.startswith("0"):
        return "БИК должен начинаться с 0 (российские банки — 04…, органы Федерального казначейства — 00…, 01…, 02…)"
    return None


def is_treasury_bik(bik: str) -> bool:
    """The BIK of a territorial body of the Federal Treasury (ТОФК): a Russian BIK not of the «04…» banks."""
    return len(bik) == 9 and bik.isdigit() and bik.startswith("0") and not bik.startswith("04")


def account_key_ok(account: str, prefix: str) -> bool:
    digits = prefix + account
    return sum(int(d) * w for d, w in zip(digits, ACCOUNT_WEIGHTS, strict=True)) % 10 == 0


def check_account(account: str, bik: str) -> str | None:
    """A settlement account against the BIK of its bank (prefix: the last three digits of the BIK).

    With a ТОФК BIK the account is a treasury account (казначейский счёт) «03…» in roubles (643 in
    digits 6–8); its number carries no control key, so none is checked (docs/domain.md,
    «Treasury requisites»).
    """
    problem = _digits(account, "Расчётный счёт", (20,))
    if problem:
        return problem
    if check_bik(bik):
        return "сначала укажите верный БИК"
    if is_treasury_bik(bik):
        if account.startswith(TREASURY_SINGLE_ACCOUNT):
            return (
                "40102… — единый казначейский счёт: укажите его как корреспондентский, "
                "а казначейский счёт 03… — как расчётный"
            )
        if not account.startswith("03"):
            return "в органе Федерального казначейства (БИК ТОФК) счёт получателя — казначейский, начинается с 03"
        if account[5:8] != "643":
            return "в казначейском счёте в 6–8 разрядах код валюты 643"
        return None
    if account.startswith(TREASURY_SINGLE_ACCOUNT) or account.startswith("03"):
        return "это казначейский счёт: укажите БИК органа Федерального казначейства (ТОФК), а не банка"
    prefix = bik[-3:] if bik[6:9] not in ("000", "001", "002") else "0" + bik[4:6]
    if not account_key_ok(account, prefix):
        return "неверный контрольный ключ счёта для этого БИК"
    return None


def check_corr_account(corr: str, bik: str) -> str | None:
    """A bank's correspondent account «30101…», or with a ТОФК BIK the single treasury account «40102…».

    Both are accounts at a Bank of Russia unit: the key is computed with "0" + BIK digits 5–6.
    """
    problem = _digits(corr, "Корреспондентский счёт", (20,))
    if problem:
        return problem
    if check_bik(bik):
        return "сначала укажите верный БИК"
    if is_treasury_bik(bik):
        if not corr.startswith(TREASURY_SINGLE_ACCOUNT):
            return "для БИК органа Федерального казначейства корр. счёт — единый казначейский счёт 40102…"
        if not account_key_ok(corr, "0" + bik[4:6]):
            return "неверный контрольный ключ единого казначейского счёта для этого БИК"
        return None
    if corr.startswith(TREASURY_SINGLE_ACCOUNT):
        return "40102… — единый казначейский счёт: он указывается с БИК органа Федерального казначейства (00…, 01…)"
    if not corr.startswith("30101"):
        return "корреспондентский счёт должен начинаться с 30101"
    if not account_key_ok(corr, "0" + bik[4:6]):
        return "неверный контрольный ключ корр. счёта для этого БИК"
    if corr[-3:] != bik[-3:]:
        return "последние три цифры корр. счёта должны совпадать с БИК"
    return None


def validate_requisites(
    kind: str,
    inn: str,
    kpp: str = "",
    ogrn: str = "",
    bik: str = "",
    account: str = "",
    corr_account: str = "",
) -> dict[str, str]:
    """Every problem of a set of requisites by field, with the rules of the party's kind.

    legal: 10-digit INN, KPP required, OGRN of 13 digits; entrepreneur: 12-digit INN, no KPP,
    OGRNIP of 15; person: 12-digit INN. Bank fields are optional as a group, but when any is
    given the BIK and the settlement account are required and checked together.
    """
    errors: dict[str, str] = {}
    inn, kpp, ogrn = inn.strip(), kpp.strip().upper(), ogrn.strip()
    bik, account, corr_account = bik.strip(), account.strip(), corr_account.strip()
    by_kind: dict[str, tuple[int, ...]] = {
        PartyKind.LEGAL: (10,),
        PartyKind.ENTREPRENEUR: (12,),
        PartyKind.PERSON: (12,),
    }
    lengths = by_kind.get(kind, (10, 12))
    if (problem := check_inn(inn, lengths)) is not None:
        errors["inn"] = problem
    if kind == PartyKind.LEGAL:
        if (problem := check_kpp(kpp)) is not None:
            errors["kpp"] = problem
        if ogrn and (problem := check_ogrn(ogrn, (13,))) is not None:
            errors["ogrn"] = problem
    elif kind == PartyKind.ENTREPRENEUR:
        if kpp and kpp != "0":
            errors["kpp"] = "у ИП нет КПП"
        if ogrn and (problem := check_ogrn(ogrn, (15,))) is not None:
            errors["ogrn"] = problem
    elif kpp and kpp != "0":
        errors["kpp"] = "у физического лица нет КПП"
    if bik or account or corr_account:
        if (problem := check_bik(bik)) is not None:
            errors["bik"] = problem
        else:
            if (problem := check_account(account, bik)) is not None:
                errors["account"] = problem
            if corr_account and (problem := check_corr_account(corr_account, bik)) is not None:
                errors["corr_account"] = problem
    return errors


# --- generators (demo data, tests) -------------------------------------------------


def _checksum(digits: str, weights: tuple[int, ...]) -> str:
    return str(sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10)


def make_inn10(rng: random.Random, region: str | None = None) -> str:
    body = (region or f"{rng.randint(1, 99):02d}") + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return body + _checksum(body, INN10_WEIGHTS)


def make_inn12(rng: random.Random, region: str | None = None) -> str:
    body = (region or f"{rng.randint(1, 99):02d}") + "".join(str(rng.randint(0, 9)) for _ in range(8))
    body += _checksum(body, INN12_WEIGHTS_1)
    return body + _checksum(body, INN12_WEIGHTS_2)


def make_kpp(inn: str, rng: random.Random) -> str:
    return inn[:4] + "01" + f"{rng.randint(1, 999):03d}"


def make_ogrn(rng: random.Random, region: str = "77") -> str:
    body = "1" + f"{rng.randint(2, 24):02d}" + region + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return body + str(ogrn_check_digit(body))


def make_ogrnip(rng: random.Random, region: str = "77") -> str:
    body = "3" + f"{rng.randint(4, 24):02d}" + region + "".join(str(rng.randint(0, 9)) for _ in range(9))
    return body + str(ogrn_check_digit(body))


def with_account_key(account: str, prefix: str) -> str:
    """Put the right control key into position 9 of a 20-digit account."""
    zeroed = account[:8] + "0" + account[9:]
    total = sum(int(d) * w for d, w in zip(prefix + zeroed, ACCOUNT_WEIGHTS, strict=True))
    key = (total % 10 * 3) % 10
    return account[:8] + str(key) + account[9:]


def make_account(bik: str, balance: str, rng: random.Random) -> str:
    """A valid settlement account in roubles (810) for the bank ``bik``; ``balance`` like "40702"."""
    raw = balance + "810" + "0" + "0000" + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return with_account_key(raw, bik[-3:])


def make_corr_account(bik: str) -> str:
    raw = "30101810" + "0" + "00000000" + bik[-3:]
    return with_account_key(raw, "0" + bik[4:6])
