"""UPD (универсальный передаточный документ) as an FNS format 5.03 XML file: built, validated, named.

The seller's title ``ON_NSCHFDOPPR`` (KND 1115131) is built from a frozen :class:`UpdData`,
validated against the FNS schema ``ON_NSCHFDOPPR_1_997_01_05_03_05.xsd`` (the ``_05`` revision:
the only one that accepts the 22 % rate, docs/domain.md, «UPD schema») and against the
schematron-style conditional rules the schema carries in ``xs:appinfo`` (lxml ignores them,
docs/domain.md, «UPD conditional rules»), re-implemented here in Python. Nothing invalid ever
leaves this module: :func:`build_upd_xml` raises :class:`~desktop.core.errors.ValidationError`
naming the document and the rule broken.

File name and ``Файл/@ИдФайл`` (docs/domain.md, «UPD file name»)::

    ON_NSCHFDOPPR_<receiver id>_<sender id>_<YYYYMMDD>_<GUID>

* The ids are the EDO participant ids (``edo_id``) of buyer (receiver, first) and seller.
  When one is unknown, a placeholder is used instead: the party's INN followed by its KPP
  (``7707083893773601001``; INN alone for a sole proprietor or person, ``0`` for a person
  without INN). Such a file is fine for e-mail or for loading into 1C, but an EDO operator will
  refuse it: the EDO export (``sending.edo``) warns about such a party.
* ``YYYYMMDD`` is the date the file was formed (``UpdData.formed_at``).
* The GUID is ``uuid5`` of ``UpdData.document_key`` when one is given, so re-rendering the same
  document (with the same ``formed_at``) gives a byte-identical file under the same name;
  without a key it is a fresh ``uuid4``.
* The ``_0_0_0_0_0_00`` tail seen in some 5.03 implementations is not added (unconfirmed, same section).

Serialisation (docs/domain.md, «UPD serialisation»): windows-1251 with the declaration written by
us in double quotes, characters outside cp1251 become ``&#…;`` references, dates ``ДД.ММ.ГГГГ``,
time ``ЧЧ.ММ.СС``, amounts with two decimals.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, cast

from lxml import etree
from sqlalchemy import inspect
from stdnum.ru import inn as stdnum_inn

from desktop.core.common import catalog
from desktop.core.common.files import write_atomic
from desktop.core.common.resources import resource_path
from desktop.core.errors import ConfigError, StorageError, ValidationError, os_error_text
from desktop.core.models import DocumentKind, VatRegime

if TYPE_CHECKING:
    from desktop.core import models

XSD_NAME = "ON_NSCHFDOPPR_1_997_01_05_03_05.xsd"
FILE_PREFIX = "ON_NSCHFDOPPR"
FORMAT_VERSION = "5.03"
KND_SELLER = "1115131"
XML_DECLARATION = b'<?xml version="1.0" encoding="windows-1251"?>\n'

# Document names fixed by the format's annotations (docs/domain.md, «UPD document names»).
NAME_SCHFDOP = (
    "Счет-фактура и документ об отгрузке товаров (выполнении работ), передаче имущественных прав "
    "(документ об оказании услуг)"
)
# ДопСвФХЖ1/@СпОбстФСЧФ of a счёт-фактура on a prepayment: the value for which the 5.03 schema's
# rules let a СЧФ go without a document of shipment (ДокПодтвОтгрНом) and without column 5.
SPECIAL_ADVANCE = "2"
NAME_DOP = "Документ об отгрузке товаров (выполнении работ), передаче имущественных прав (документ об оказании услуг)"
BY_BUSINESS_FACT = NAME_DOP

NO_VAT = "без НДС"
RUSSIA_CODE = "643"
RUSSIA_NAME = "Россия"
ROUBLE_CODE = "643"
ROUBLE_NAME = "Российский рубль"

# Fixed namespace for deterministic GUIDs: uuid5(namespace, document key).
_GUID_NAMESPACE = uuid.UUID("5c0f3a52-6d0e-4d7b-9c59-2b6a1f0e8d31")
_KOPECK = Decimal("0.01")
_PERCENT_RATES = {"0%": 0, "5%": 5, "7%": 7, "10%": 10, "18%": 18, "20%": 20, "22%": 22}
_FRACTION_RATES = {"5/105": (5, 105), "7/107": (7, 107), "10/110": (10, 110), "18/118": (18, 118),
                   "20/120": (20, 120), "22/122": (22, 122)}  # fmt: skip
VAT_RATES = frozenset({*_PERCENT_RATES, *_FRACTION_RATES, NO_VAT})

_EDO_ID_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-]{3,45}")
_KPP_RE = re.compile(r"([0-9][1-9]|[1-9][0-9])([0-9]{2})([0-9A-Z]{2})([0-9]{3})")
_OKEI_RE = re.compile(r"[0-9]{3,4}")
_BIK_RE = re.compile(r"[0-9]{9}")
_INITIAL_RE = re.compile(r"(\w\.)+")
_ENTREPRENEUR_PREFIXES = ("индивидуальный предприниматель", "ип")


class PartyKind(StrEnum):
    """How a party is identified in ``ИдСв`` (same codes as ``models.PartyKind``)."""

    LEGAL = "legal"  # СвЮЛУч: НаимОрг, ИННЮЛ, КПП
    ENTREPRENEUR = "entrepreneur"  # СвИП: ИННФЛ, ОГРНИП, ФИО
    PERSON = "person"  # СвФЛУч: ИННФЛ (optional), ФИО


@dataclass(frozen=True)
class PersonName:
    """Фамилия, имя, отчество (the patronymic may be absent or several words: «Гусейн оглы»)."""

    last: str
    first: str
    middle: str | None = None

    @classmethod
    def parse(cls, text: str, *, what: str) -> PersonName:
        """Split «Иванов Иван Иванович» (an «ИП»/«Индивидуальный предприниматель» prefix is dropped).

        ``what`` names the field for the error message («руководитель продавца»).
        """
        words = text.replace(",", " ").split()
        lowered = " ".join(words).lower()
        for prefix in _ENTREPRENEUR_PREFIXES:
            if lowered.startswith(prefix + " "):
                words = words[len(prefix.split()) :]
                break
        if not words:
            raise ValidationError(f"{what}: не указаны фамилия и имя.", field=what)
        # «Иванов И.И.» / «Иванов И. И.»: the XML wants the names written out in full.
        initials = len(words) >= 2 and all(_INITIAL_RE.fullmatch(w) for w in words[1:])
        if len(words) < 2 or initials:
            raise ValidationError(
                f"{what}: «{text.strip()}» — нужно указать фамилию, имя и отчество полностью, "
                "а не инициалы (например, «Иванов Иван Иванович»).",
                field=what,
            )
        return cls(last=words[0], first=words[1], middle=" ".join(words[2:]) or None)

    def __str__(self) -> str:
        return " ".join(p for p in (self.last, self.first, self.middle) if p)


@dataclass(frozen=True)
class UpdBank:
    """Bank requisites (``БанкРекв``)."""

    account: str
    bank_name: str
    bik: str
    corr_account: str | None = None


@dataclass(frozen=True, kw_only=True)
class UpdParty:
    """Seller or buyer requisites (``СвПрод`` / ``СвПокуп``)."""

    kind: PartyKind
    name: str  # full name of an organisation; for a sole proprietor / person: as shown on paper
    inn: str
    kpp: str | None = None  # organisations only
    ogrnip: str | None = None  # sole proprietors
    person: PersonName | None = None  # sole proprietor / person: required
    short_name: str | None = None
    address: str = ""  # written as АдрИнф (КодСтр 643, АдрТекст)
    country_code: str = RUSSIA_CODE
    country_name: str = RUSSIA_NAME
    bank: UpdBank | None = None
    phone: str | None = None
    email: str | None = None
    edo_id: str | None = None  # EDO participant id from the operator; None → INN+KPP placeholder


@dataclass(frozen=True, kw_only=True)
class UpdLine:
    """One line of the table (``СведТов``). Amounts are already rounded to kopecks.

    A service without a natural unit has ``unit_code``, ``quantity`` and ``price`` all None:
    dashes in columns 2–4 on paper, no ``ОКЕИ_Тов``/``КолТов``/``ЦенаТов`` in XML.
    ``vat`` is None for «без НДС».
    """

    name: str
    net: Decimal  # column 5, without VAT
    vat_rate: str  # "22%", "10%", "0%", "22/122", "без НДС", ...
    vat: Decimal | None  # column 8
    total: Decimal  # column 9, with VAT
    unit_code: str | None = None  # OKEI, 3–4 digits
    unit_name: str | None = None
    quantity: Decimal | None = None
    price: Decimal | None = None  # without VAT, up to 11 decimals
    item_type: int = 3  # ПрТовРаб: 1 goods, 2 work, 3 service, 4 right, 5 other


@dataclass(frozen=True)
class UpdBasis:
    """The contract the transfer is based on (``ОснПер``)."""

    number: str
    date: dt.date
    name: str = "Договор"


@dataclass(frozen=True)
class PaymentDocument:
    """A payment document of line 5 (``СвПРД``): the receipt of a prepayment."""

    number: str
    date: dt.date
    amount: Decimal | None = None


@dataclass(frozen=True)
class UpdSigner:
    """Who signs the file (``Подписант``) and hands the services over (``СвЛицПер``).

    ``authority`` is ``СпосПодтПолном``: 1 = the signature itself proves the authority (a director
    signing with his own qualified signature). Codes 3 and 5 need power-of-attorney details that
    AktDesk does not keep yet, so the rule check refuses them.
    """

    position: str
    name: PersonName
    authority: str = "1"


@dataclass(frozen=True, kw_only=True)
class UpdData:
    """Everything one UPD XML file says. ``status`` 1 = СЧФДОП (VAT payers), 2 = ДОП."""

    number: str
    date: dt.date
    status: int
    seller: UpdParty
    buyer: UpdParty
    lines: tuple[UpdLine, ...]
    signer: UpdSigner
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    basis: UpdBasis | None = None
    seller_vat_payer: bool = True
    # Totals: None → the sums of the lines; given → must equal them to the kopeck.
    total_net: Decimal | None = None
    total_vat: Decimal | None = None
    total: Decimal | None = None
    currency_code: str = ROUBLE_CODE
    currency_name: str = ROUBLE_NAME
    operation: str = "Услуги оказаны в полном объеме"  # СвПер/@СодОпер
    document_key: str | None = None  # stable GUID for re-renders
    formed_at: dt.datetime | None = None  # file date/time; None → now
    program: str = field(default="")  # ВерсПрог; "" → "AktDesk <version>"
    # A separate счёт-фактура (Функция «СЧФ», status 1 without the transfer part): on a sale or, with
    # ``advance``, on a prepayment received (СпОбстФСЧФ 2: no document of shipment, line 5а «—»).
    invoice_only: bool = False
    advance: bool = False
    shipping: UpdBasis | None = None  # line 5а of a separate счёт-фактура: the act
    payments: tuple[PaymentDocument, ...] = ()  # line 5 (СвПРД)

    @property
    def function(self) -> str:
        if self.invoice_only:
            return "СЧФ"
        return "СЧФДОП" if self.status == 1 else "ДОП"

    @property
    def title(self) -> str:
        """How the user knows this document: «УПД № 15 от 31.01.2026», «Счёт-фактура № 7 от 31.01.2026»."""
        name = "Счёт-фактура" if self.invoice_only else "УПД"
        return f"{name} № {self.number} от {_date(self.date)}"


# ---------------------------------------------------------------------------------------- schema


class _SchemaHolder:
    """The FNS schema, parsed once per process on first use (about 0.1 s), shared by all threads.

    lxml keeps the last error log on the schema object, so validations are serialised by a lock;
    one validation of a UPD takes well under a millisecond.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._schema: etree.XMLSchema | None = None
        self.validate_lock = threading.Lock()

    def get(self) -> etree.XMLSchema:
        schema = self._schema
        if schema is None:
            with self._lock:
                if self._schema is None:
                    self._schema = _load_schema(schema_path())
                schema = self._schema
        return schema


_SCHEMA = _SchemaHolder()


def schema_path() -> Path:
    """Where the XSD is: ``$AKTDESK_UPD_XSD``, else ``resources/upd/``, else the test data copy."""
    candidates: list[Path] = []
    override = os.environ.get("AKTDESK_UPD_XSD")
    if override:
        candidates.append(Path(override))
    candidates.append(resource_path("resources", "upd", XSD_NAME))
    # Development checkout without resources/upd/: the copy kept for the tests.
    candidates.append(resource_path("tests", "core", "data", XSD_NAME))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"Не найдена схема ФНС для УПД «{XSD_NAME}». Ожидалась в папке «{candidates[1].parent}» "
        "(или укажите путь к файлу в переменной окружения AKTDESK_UPD_XSD)."
    )


def _load_schema(path: Path) -> etree.XMLSchema:
    try:
        return etree.XMLSchema(etree.parse(str(path)))
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as error:
        raise ConfigError(f"Схема ФНС для УПД «{path}» повреждена или не читается: {error}") from error


def upd_schema() -> etree.XMLSchema:
    """The compiled 5.03 schema (built on first call, then cached for the process)."""
    return _SCHEMA.get()


# ----------------------------------------------------------------------------------- formatting


def _date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def _time(value: dt.datetime) -> str:
    return value.strftime("%H.%M.%S")


def _money(value: Decimal) -> str:
    return f"{value.quantize(_KOPECK, rounding=ROUND_HALF_UP):f}"


def _plain(value: Decimal) -> str:
    """A quantity or price as written by people: 2 decimals at least, more only when needed."""
    if value == value.quantize(_KOPECK):
        return _money(value)
    return f"{value.normalize():f}"


def _quantity(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _round(value: Decimal) -> Decimal:
    return value.quantize(_KOPECK, rounding=ROUND_HALF_UP)


@functools.cache
def program_version() -> str:
    try:
        # deferred: importlib.metadata loads email, zipfile and csv; needed once per run
        from importlib.metadata import version

        return f"AktDesk {version('aktdesk')}"
    except Exception:  # not installed as a distribution (frozen build): a name is enough
        return "AktDesk"


def participant_id(party: UpdParty) -> str:
    """The id used in the file name: the EDO id, else the INN+KPP placeholder (module docstring)."""
    if party.edo_id:
        return party.edo_id
    if party.kind is PartyKind.LEGAL:
        return party.inn + (party.kpp or "")
    return party.inn or "0"  # a private person without INN: the name needs a non-empty part


def file_guid(data: UpdData) -> str:
    if data.document_key:
        return str(uuid.uuid5(_GUID_NAMESPACE, data.document_key))
    return str(uuid.uuid4())


def _formed_at(data: UpdData) -> dt.datetime:
    return data.formed_at or dt.datetime.now()


def upd_file_name(data: UpdData, *, guid: str | None = None) -> str:
    """``ON_NSCHFDOPPR_<receiver>_<sender>_<YYYYMMDD>_<GUID>`` (without ``.xml``)."""
    return "_".join(
        (
            FILE_PREFIX,
            participant_id(data.buyer),
            participant_id(data.seller),
            _formed_at(data).strftime("%Y%m%d"),
            guid or file_guid(data),
        )
    )


# ------------------------------------------------------------------------------ input checking


def _line_vat_ok(line: UpdLine) -> bool:
    """The VAT of a line matches its rate: on top of net, or extracted from the gross amount."""
    if line.vat_rate == NO_VAT:
        return line.vat is None or line.vat == 0
    if line.vat is None:
        return False
    if line.vat_rate in _FRACTION_RATES:
        numerator, denominator = _FRACTION_RATES[line.vat_rate]
        return line.vat == _round(line.total * numerator / denominator)
    percent = _PERCENT_RATES[line.vat_rate]
    on_top = _round(line.net * percent / 100)
    included = _round(line.total * percent / (100 + percent))
    return line.vat in (on_top, included)


def _check_party(party: UpdParty, role: str, problems: list[str]) -> None:
    label = f"{role} «{party.short_name or party.name}»"
    inn = party.inn.strip()
    if party.kind is PartyKind.LEGAL:
        if len(inn) != 10 or not inn.isdigit():
            problems.append(f"{label}: ИНН организации должен состоять из 10 цифр, указано «{inn}»")
        elif not stdnum_inn.is_valid(inn):
            problems.append(f"{label}: ИНН «{inn}» не проходит проверку контрольного числа")
        if party.kpp and not _KPP_RE.fullmatch(party.kpp):
            problems.append(
                f"{label}: КПП «{party.kpp}» не соответствует формату (9 символов, например 773601001)"
            )
    else:
        if inn or party.kind is PartyKind.ENTREPRENEUR:
            if len(inn) != 12 or not inn.isdigit():
                problems.append(
                    f"{label}: ИНН физического лица / ИП должен состоять из 12 цифр, указано «{inn}»"
                )
            elif not stdnum_inn.is_valid(inn):
                problems.append(f"{label}: ИНН «{inn}» не проходит проверку контрольного числа")
        if party.person is None:
            problems.append(f"{label}: не указаны фамилия и имя")
        if party.ogrnip:
            ogrnip = party.ogrnip.strip()
            if len(ogrnip) != 15 or not ogrnip.isdigit() or int(ogrnip[:14]) % 13 % 10 != int(ogrnip[14]):
                problems.append(f"{label}: ОГРНИП «{ogrnip}» неверен (15 цифр с контрольной последней)")
    if party.edo_id is not None and not _EDO_ID_RE.fullmatch(party.edo_id):
        problems.append(
            f"{label}: идентификатор участника ЭДО «{party.edo_id}» неверен "
            "(4–46 символов: латинские буквы, цифры и дефис)"
        )
    if party.bank is not None and not _BIK_RE.fullmatch(party.bank.bik):
        problems.append(f"{label}: БИК банка «{party.bank.bik}» должен состоять из 9 цифр")


def _check_amount(value: object, what: str, problems: list[str]) -> bool:
    if not isinstance(value, Decimal) or not value.is_finite():
        problems.append(f"{what}: сумма должна быть десятичным числом, получено «{value!r}»")
        return False
    if value != value.quantize(_KOPECK):
        problems.append(f"{what}: сумма {value} не округлена до копеек")
        return False
    return True


def _check_data(data: UpdData) -> list[str]:
    """Business checks the schema cannot make (checksums, arithmetic, VAT status)."""
    problems: list[str] = []
    if data.status not in (1, 2):
        problems.append(
            f"статус УПД должен быть 1 (счёт-фактура и передаточный документ) или 2, указан {data.status}"
        )
    if data.status == 1 and not data.seller_vat_payer:
        problems.append("продавец не плательщик НДС: счёт-фактура не выставляется, нужен УПД со статусом 2")
    if not data.number.strip():
        problems.append("не указан номер документа")
    _check_party(data.seller, "Продавец", problems)
    _check_party(data.buyer, "Покупатель", problems)
    if data.period_start and data.period_end and data.period_start > data.period_end:
        problems.append(
            f"период оказания услуг: начало {_date(data.period_start)} позже окончания {_date(data.period_end)}"
        )
    if not data.lines:
        problems.append("в документе нет ни одной строки")
    for position, line in enumerate(data.lines, start=1):
        row = f"строка {position} («{line.name[:60]}»)"
        if not line.name.strip():
            problems.append(f"строка {position}: не указано наименование услуги")
        if line.vat_rate not in VAT_RATES:
            problems.append(f"{row}: неизвестная ставка НДС «{line.vat_rate}»")
            continue
        if not data.seller_vat_payer and line.vat_rate != NO_VAT:
            problems.append(
                f"{row}: продавец не плательщик НДС, ставка должна быть «без НДС», указана «{line.vat_rate}»"
            )
        amounts_ok = _check_amount(line.net, f"{row}, стоимость без НДС", problems)
        amounts_ok &= _check_amount(line.total, f"{row}, стоимость с НДС", problems)
        if line.vat is not None:
            amounts_ok &= _check_amount(line.vat, f"{row}, сумма НДС", problems)
        if not amounts_ok:
            continue
        vat = line.vat or Decimal(0)
        if line.net + vat != line.total:
            problems.append(
                f"{row}: {_money(line.net)} + НДС {_money(vat)} ≠ стоимости с НДС {_money(line.total)}"
            )
        if line.vat is None and line.vat_rate != NO_VAT:
            problems.append(f"{row}: не указана сумма НДС по ставке {line.vat_rate}")
        elif not _line_vat_ok(line):
            problems.append(f"{row}: сумма НДС {line.vat} не соответствует ставке {line.vat_rate}")
        if line.unit_code is not None:
            if not _OKEI_RE.fullmatch(line.unit_code):
                problems.append(
                    f"{row}: код единицы измерения по ОКЕИ «{line.unit_code}» должен состоять из 3–4 цифр"
                )
            if not (line.unit_name or "").strip():
                problems.append(
                    f"{row}: указан код ОКЕИ {line.unit_code}, но нет наименования единицы измерения"
                )
            if line.quantity is None:
                problems.append(f"{row}: указана единица измерения, но нет количества")
        if line.quantity is not None:
            if line.quantity <= 0:
                problems.append(f"{row}: количество должно быть больше нуля")
            if line.price is None or line.price <= 0:
                problems.append(f"{row}: при указанном количестве цена должна быть больше нуля")
            elif _round(line.quantity * line.price) != line.net:
                problems.append(
                    f"{row}: количество {_quantity(line.quantity)} × цена {_plain(line.price)} = "
                    f"{_money(_round(line.quantity * line.price))}, а стоимость без НДС {_money(line.net)}"
                )
    if not problems and data.lines:
        sums = (
            sum((line.net for line in data.lines), Decimal(0)),
            sum((line.vat or Decimal(0) for line in data.lines), Decimal(0)),
            sum((line.total for line in data.lines), Decimal(0)),
        )
        for given, computed, label in zip(
            (data.total_net, data.total_vat, data.total), sums, ("без НДС", "НДС", "с НДС"), strict=True
        ):
            if given is not None and given != computed:
                problems.append(f"итог «{label}» {_money(given)} не равен сумме строк {_money(computed)}")
    return problems


# ------------------------------------------------------------------------------------- building


def _sub(parent: etree._Element, tag: str, attrs: Iterable[tuple[str, str | None]] = ()) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for key, value in attrs:
        if value is not None and value != "":
            element.set(key, value)
    return element


def _fio(parent: etree._Element, name: PersonName) -> etree._Element:
    return _sub(parent, "ФИО", (("Фамилия", name.last), ("Имя", name.first), ("Отчество", name.middle)))


def _party(parent: etree._Element, tag: str, party: UpdParty) -> None:
    element = _sub(parent, tag, (("СокрНаим", party.short_name),))
    ids = _sub(element, "ИдСв")
    if party.kind is PartyKind.LEGAL:
        _sub(ids, "СвЮЛУч", (("НаимОрг", party.name), ("ИННЮЛ", party.inn), ("КПП", party.kpp)))
    elif party.kind is PartyKind.ENTREPRENEUR:
        ip = _sub(ids, "СвИП", (("ИННФЛ", party.inn), ("ОГРНИП", party.ogrnip)))
        if party.person is not None:
            _fio(ip, party.person)
    else:
        person = _sub(ids, "СвФЛУч", (("ИННФЛ", party.inn or None),))
        if party.person is not None:
            _fio(person, party.person)
    if party.address.strip():
        address = _sub(element, "Адрес")
        _sub(
            address,
            "АдрИнф",
            (
                ("КодСтр", party.country_code),
                ("НаимСтран", party.country_name),
                ("АдрТекст", party.address.strip()),
            ),
        )
    if party.bank is not None:
        bank = _sub(element, "БанкРекв", (("НомерСчета", party.bank.account),))
        _sub(
            bank,
            "СвБанк",
            (
                ("НаимБанк", party.bank.bank_name),
                ("БИК", party.bank.bik),
                ("КорСчет", party.bank.corr_account),
            ),
        )
    if party.phone or party.email:
        contact = _sub(element, "Контакт")
        if party.phone:
            etree.SubElement(contact, "Тлф").text = party.phone
        if party.email:
            etree.SubElement(contact, "ЭлПочта").text = party.email


def _tax(parent: etree._Element, tag: str, vat: Decimal | None) -> None:
    holder = etree.SubElement(parent, tag)
    if vat is None:
        etree.SubElement(holder, "БезНДС").text = NO_VAT
    else:
        etree.SubElement(holder, "СумНал").text = _money(vat)


def build_upd_tree(data: UpdData, file_id: str) -> etree._Element:
    """The ``Файл`` element for ``data`` (no checks: :func:`build_upd_xml` makes them)."""
    formed = _formed_at(data)
    root = etree.Element("Файл")
    root.set("ИдФайл", file_id)
    root.set("ВерсФорм", FORMAT_VERSION)
    root.set("ВерсПрог", (data.program or program_version())[:40])
    document = _sub(
        root,
        "Документ",
        (
            ("КНД", KND_SELLER),
            ("Функция", data.function),
            ("ПоФактХЖ", BY_BUSINESS_FACT),
            ("НаимДокОпр", None if data.invoice_only else (NAME_SCHFDOP if data.status == 1 else NAME_DOP)),
            ("ДатаИнфПр", _date(formed)),
            ("ВремИнфПр", _time(formed)),
            ("НаимЭконСубСост", data.seller.name),
        ),
    )
    invoice = _sub(document, "СвСчФакт", (("НомерДок", data.number), ("ДатаДок", _date(data.date))))
    _party(invoice, "СвПрод", data.seller)
    for payment in data.payments:  # line 5
        _sub(
            invoice,
            "СвПРД",
            (
                ("НомерПРД", payment.number[:30]),
                ("ДатаПРД", _date(payment.date)),
                ("СуммаПРД", _money(payment.amount) if payment.amount is not None else None),
            ),
        )
    if data.invoice_only:
        if data.shipping is not None and not data.advance:  # line 5а: the act of the sale
            _sub(
                invoice,
                "ДокПодтвОтгрНом",
                (
                    ("РеквНаимДок", data.shipping.name),
                    ("РеквНомерДок", data.shipping.number),
                    ("РеквДатаДок", _date(data.shipping.date)),
                ),
            )
    elif data.status == 1:
        # Line 5а: for a UPD of status 1 the shipping document is the UPD itself.
        _sub(
            invoice,
            "ДокПодтвОтгрНом",
            (("РеквНаимДок", NAME_SCHFDOP), ("РеквНомерДок", data.number), ("РеквДатаДок", _date(data.date))),
        )
    _party(invoice, "СвПокуп", data.buyer)
    _sub(invoice, "ДенИзм", (("КодОКВ", data.currency_code), ("НаимОКВ", data.currency_name)))
    if data.invoice_only and data.advance:
        _sub(invoice, "ДопСвФХЖ1", (("СпОбстФСЧФ", SPECIAL_ADVANCE),))

    table = etree.SubElement(document, "ТаблСчФакт")
    for position, line in enumerate(data.lines, start=1):
        has_unit = line.unit_code is not None
        item = _sub(
            table,
            "СведТов",
            (
                ("НомСтр", str(position)),
                ("НаимТов", line.name.strip()),
                ("ОКЕИ_Тов", line.unit_code),
                ("НаимЕдИзм", line.unit_name if has_unit else None),
                ("КолТов", _quantity(line.quantity) if line.quantity is not None else None),
                (
                    "ЦенаТов",
                    _plain(line.price) if line.price is not None and line.quantity is not None else None,
                ),
                ("СтТовБезНДС", _money(line.net)),
                ("НалСт", line.vat_rate),
                ("СтТовУчНал", _money(line.total)),
            ),
        )
        _sub(item, "ДопСведТов", (("ПрТовРаб", str(line.item_type)),))
        etree.SubElement(etree.SubElement(item, "Акциз"), "БезАкциз").text = "без акциза"
        _tax(item, "СумНал", None if line.vat_rate == NO_VAT else (line.vat or Decimal(0)))
    total_net = sum((line.net for line in data.lines), Decimal(0))
    total = sum((line.total for line in data.lines), Decimal(0))
    all_without_vat = all(line.vat_rate == NO_VAT for line in data.lines)
    total_vat = sum((line.vat or Decimal(0) for line in data.lines), Decimal(0))
    grand = _sub(
        table, "ВсегоОпл", (("СтТовБезНДСВсего", _money(total_net)), ("СтТовУчНалВсего", _money(total)))
    )
    _tax(grand, "СумНалВсего", None if all_without_vat else total_vat)

    if not data.invoice_only:
        _transfer(document, data)
    signer = _sub(
        document, "Подписант", (("Должн", data.signer.position), ("СпосПодтПолном", data.signer.authority))
    )
    _fio(signer, data.signer.name)
    return root


def _transfer(document: etree._Element, data: UpdData) -> None:
    """``СвПродПер``: the transfer part of a UPD (a separate счёт-фактура has none)."""
    transfer = etree.SubElement(document, "СвПродПер")
    period = data.period_start is not None and data.period_end is not None
    handover = _sub(
        transfer,
        "СвПер",
        (
            ("СодОпер", data.operation),
            ("ДатаПер", _date(data.date)),
            ("ДатаНачПер", _date(data.period_start) if period and data.period_start else None),
            ("ДатаОконПер", _date(data.period_end) if period and data.period_end else None),
        ),
    )
    if data.basis is not None:
        _sub(
            handover,
            "ОснПер",
            (
                ("РеквНаимДок", data.basis.name),
                ("РеквНомерДок", data.basis.number),
                ("РеквДатаДок", _date(data.basis.date)),
            ),
        )
    else:
        etree.SubElement(handover, "БезДокОснПер").text = "1"
    person = _sub(handover, "СвЛицПер")
    employee = _sub(person, "РабОргПрод", (("Должность", data.signer.position),))
    _fio(employee, data.signer.name)


# ------------------------------------------------------------------------- conditional rules


def check_upd_rules(root: etree._Element, file_name: str) -> list[str]:
    """The schematron rules of the 5.03 schema that matter here, in Russian.

    Returns the problems found (empty list: the file passes). ``file_name`` is without ``.xml``.
    The rules: docs/domain.md, «UPD conditional rules».
    """
    problems: list[str] = []
    if root.get("ИдФайл") != file_name:
        problems.append(
            f"ИдФайл «{root.get('ИдФайл')}» не совпадает с именем файла «{file_name}» (ошибка 0400400007)"
        )
    document = root.find("Документ")
    if document is None:
        return [*problems, "нет элемента Документ"]
    function = document.get("Функция", "")
    invoice_like = function in ("СЧФ", "СЧФДОП")
    primary_like = function in ("ДОП", "СЧФДОП")
    invoice = document.find("СвСчФакт")
    table = document.find("ТаблСчФакт")

    if invoice_like and table is None:
        problems.append(f"для функции {function} обязательна таблица (ТаблСчФакт)")
    if primary_like and document.find("СвПродПер") is None:
        problems.append(f"для функции {function} обязательны сведения о передаче (СвПродПер)")
    if (function in ("СЧФДОП", "ДОП", "СвРК", "СвЗК")) != (document.get("НаимДокОпр") is not None):
        problems.append(f"атрибут НаимДокОпр обязателен для функций СЧФДОП/ДОП и запрещён для {function}")
    if invoice is not None and invoice_like:
        for tag, who in (("СвПрод", "продавца"), ("СвПокуп", "покупателя"), ("ГрузПолуч", "грузополучателя")):
            for party in invoice.findall(tag):
                if party.find("Адрес") is None:
                    problems.append(f"для функции {function} обязателен адрес {who} ({tag}/Адрес)")
        for party in invoice.findall("ГрузОт/ГрузОтпр"):
            if party.find("Адрес") is None:
                problems.append(f"для функции {function} обязателен адрес грузоотправителя (ГрузОтпр/Адрес)")
    if function == "СЧФДОП" and invoice is not None:
        shipping = invoice.findall("ДокПодтвОтгрНом")
        if not any(s.get("РеквНаимДок") == document.get("НаимДокОпр") for s in shipping):
            problems.append(
                "ДокПодтвОтгрНом/@РеквНаимДок должен совпадать с НаимДокОпр (требование операторов ЭДО)"
            )

    special = invoice.find("ДопСвФХЖ1") if invoice is not None else None
    special_schf = special.get("СпОбстФСЧФ") if special is not None else None
    special_dop = special.get("СпОбстФДОП") if special is not None else None
    if table is not None:
        for item in table.findall("СведТов"):
            row = f"строка {item.get('НомСтр')}"
            if invoice_like:
                if item.get("НаимТов") is None:
                    problems.append(f"{row}: нет наименования (НаимТов)")
                if item.get("СтТовУчНал") is None:
                    problems.append(f"{row}: нет стоимости с налогом (СтТовУчНал)")
                if special_schf != "2" and item.get("СтТовБезНДС") is None:
                    problems.append(f"{row}: нет стоимости без налога (СтТовБезНДС)")
            if function == "ДОП":
                extra = item.find("ДопСведТов")
                described = extra is not None and any(
                    extra.get(a) is not None for a in ("ХарактерТов", "АртикулТов", "КодТов")
                )
                if item.get("НаимТов") is None and not described:
                    problems.append(f"{row}: нет наименования (НаимТов) или описания товара (ДопСведТов)")
                if special_dop is None and item.get("СтТовБезНДС") is None and item.get("СтТовУчНал") is None:
                    problems.append(
                        f"{row}: нужна стоимость без налога или с налогом (СтТовБезНДС / СтТовУчНал)"
                    )
            if item.get("ОКЕИ_Тов") is not None:
                if item.get("НаимЕдИзм") is None:
                    problems.append(f"{row}: указан код ОКЕИ без наименования единицы (НаимЕдИзм)")
                if invoice_like and item.get("КолТов") is None:
                    problems.append(f"{row}: указан код ОКЕИ без количества (КолТов)")
            quantity = item.get("КолТов")
            if quantity is not None and invoice_like:
                price = item.get("ЦенаТов")
                try:
                    positive = price is not None and Decimal(price) > 0
                except InvalidOperation:
                    positive = False
                if not positive:
                    problems.append(f"{row}: при указанном количестве цена (ЦенаТов) должна быть больше нуля")
        grand = table.find("ВсегоОпл")
        if grand is not None:
            if invoice_like and grand.get("СтТовУчНалВсего") is None:
                problems.append("нет итога с налогом (ВсегоОпл/@СтТовУчНалВсего)")
            if invoice_like and special_schf != "2" and grand.get("СтТовБезНДСВсего") is None:
                problems.append("нет итога без налога (ВсегоОпл/@СтТовБезНДСВсего)")
            if (
                function == "ДОП"
                and special_dop is None
                and grand.get("СтТовБезНДСВсего") is None
                and grand.get("СтТовУчНалВсего") is None
            ):
                problems.append("нужен итог без налога или с налогом (ВсегоОпл)")
            problems.extend(_check_totals(table, grand))

    for handover in document.findall("СвПродПер/СвПер"):
        if (
            primary_like
            and handover.get("ДатаПер") is None
            and (handover.get("ДатаНачПер") is None or handover.get("ДатаОконПер") is None)
        ):
            problems.append(
                "в сведениях о передаче нужна дата передачи (ДатаПер) или период (ДатаНачПер и ДатаОконПер)"
            )
    for signer in document.findall("Подписант"):
        way = signer.get("СпосПодтПолном")
        if (way == "3") != (signer.find("СвДоверЭл") is not None):
            problems.append(
                "подписант: СпосПодтПолном=3 требует сведений о машиночитаемой доверенности (СвДоверЭл) и только с ним"
            )
        if (way == "5") != (signer.find("СвДоверБум") is not None):
            problems.append(
                "подписант: СпосПодтПолном=5 требует сведений о бумажной доверенности (СвДоверБум) и только с ним"
            )
    return problems


def _decimal_of(element: etree._Element, attribute: str) -> Decimal:
    try:
        return Decimal(element.get(attribute) or "0")
    except InvalidOperation:
        return Decimal(0)


def _tax_of(holder: etree._Element | None) -> Decimal:
    if holder is None:
        return Decimal(0)
    value = holder.findtext("СумНал")
    try:
        return Decimal(value) if value else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def _check_totals(table: etree._Element, grand: etree._Element) -> list[str]:
    """«Всего к оплате» equals the sums of the lines, to the kopeck."""
    items = table.findall("СведТов")
    problems: list[str] = []
    pairs = (
        ("СтТовБезНДСВсего", sum((_decimal_of(i, "СтТовБезНДС") for i in items), Decimal(0))),
        ("СтТовУчНалВсего", sum((_decimal_of(i, "СтТовУчНал") for i in items), Decimal(0))),
    )
    for attribute, computed in pairs:
        if grand.get(attribute) is not None and _decimal_of(grand, attribute) != computed:
            problems.append(
                f"итог {attribute} {grand.get(attribute)} не равен сумме строк {_money(computed)}"
            )
    vat_lines = sum((_tax_of(i.find("СумНал")) for i in items), Decimal(0))
    vat_total = _tax_of(grand.find("СумНалВсего"))
    if vat_total != vat_lines:
        problems.append(f"итог НДС {_money(vat_total)} не равен сумме НДС строк {_money(vat_lines)}")
    return problems


# ------------------------------------------------------------------------------------ validation


_ERROR_PATTERNS: Sequence[tuple[re.Pattern[str], str]] = (
    (re.compile(r"The attribute '(.+?)' is required but missing"), "не заполнен обязательный атрибут {0}"),
    (re.compile(r"\[facet 'length'\] The value '(.*?)' has a length of '(\d+)'; this differs from the allowed length of '(\d+)'"),
     "значение «{0}» длиной {1} символов, а должно быть ровно {2}"),
    (re.compile(r"\[facet 'maxLength'\] The value '(.*?)' has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'"),
     "значение длиной {1} символов длиннее допустимых {2}"),
    (re.compile(r"\[facet 'minLength'\] The value '(.*?)' has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'"),
     "значение «{0}» короче допустимых {2} символов"),
    (re.compile(r"\[facet 'pattern'\] The value '(.*?)' is not accepted by the pattern"), "значение «{0}» не соответствует формату"),
    (re.compile(r"\[facet 'enumeration'\] The value '(.*?)' is not an element of the set"), "значение «{0}» не из списка допустимых"),
    (re.compile(r"Missing child element\(s\)\. Expected is (.*)\."), "не хватает обязательного элемента: {0}"),
    (re.compile(r"This element is not expected"), "элемент здесь не допускается"),
)  # fmt: skip


def _describe_schema_error(error: etree._LogEntry) -> str:
    """One XSD error in Russian with its place (line, path) and lxml's own words."""
    text = error.message
    russian = ""
    for pattern, template in _ERROR_PATTERNS:
        match = pattern.search(text)
        if match:
            russian = template.format(*match.groups())
            break
    place = f"строка {error.line}, " if error.line else ""
    path = error.path or ""
    detail = f"{russian} ({text})" if russian else text
    return f"{place}{path}: {detail}"


def _schema_errors(schema: etree.XMLSchema, tree: etree._Element | etree._ElementTree) -> list[str]:
    with _SCHEMA.validate_lock:
        if schema.validate(tree):
            return []
        entries = cast("Iterable[etree._LogEntry]", schema.error_log)
        return [_describe_schema_error(error) for error in entries]


def _fail(data: UpdData, intro: str, problems: Sequence[str]) -> ValidationError:
    shown = problems[:5]
    more = f"\n…и ещё {len(problems) - len(shown)}" if len(problems) > len(shown) else ""
    message = f"{data.title}: {intro}:\n" + "\n".join(f"• {p}" for p in shown) + more
    return ValidationError(message, field="upd_xml")


def _serialise(root: etree._Element) -> bytes:
    body = etree.tostring(root, encoding="windows-1251", xml_declaration=False, pretty_print=True)
    return XML_DECLARATION + cast(bytes, body)


def _reparse(payload: bytes) -> etree._Element:
    return etree.fromstring(payload, etree.XMLParser(resolve_entities=False, no_network=True))


def build_upd_xml(data: UpdData) -> tuple[str, bytes]:
    """Build, validate and serialise one UPD: returns (file name with ``.xml``, windows-1251 bytes).

    Raises :class:`ValidationError` (document title + every problem found) when the data break a
    business rule, the FNS schema, or a conditional rule of the format; no bytes are returned then.
    """
    problems = _check_data(data)
    if problems:
        raise _fail(data, "XML не сформирован, исправьте данные", problems)
    if data.formed_at is None:  # one moment for the file name and ДатаИнфПр/ВремИнфПр
        data = dataclasses.replace(data, formed_at=dt.datetime.now().replace(microsecond=0))
    file_id = upd_file_name(data)
    root = build_upd_tree(data, file_id)
    schema = upd_schema()
    if _schema_errors(schema, root):
        # Report against the serialised text so that every error carries its line number.
        payload = _serialise(root)
        raise _fail(data, "файл не соответствует схеме ФНС 5.03", _schema_errors(schema, _reparse(payload)))
    rule_problems = check_upd_rules(root, file_id)
    if rule_problems:
        raise _fail(data, "файл нарушает правила формата ФНС 5.03", rule_problems)
    payload = _serialise(root)
    # Re-read what will be written: catches encoding faults the in-memory tree cannot show.
    try:
        reparsed = _reparse(payload)
    except etree.XMLSyntaxError as error:
        raise _fail(data, "сформированный файл не читается", [str(error)]) from error
    errors = _schema_errors(schema, reparsed)
    if errors:
        raise _fail(data, "сформированный файл не соответствует схеме ФНС 5.03", errors)
    return f"{file_id}.xml", payload


_OFFICIAL_NAME_RE = re.compile(rf"{FILE_PREFIX}_[0-9A-Za-z_\-]+")


def official_xml_name(payload: bytes, path: Path) -> str:
    """The name a UPD XML leaves the program under (EDO export, e-mail): ``Файл/@ИдФайл`` + ``.xml``.

    In the documents folder the file has a short name (the UPD's DOCX/PDF stem, paths.py keeps
    Windows paths short); an EDO operator refuses a file whose name differs from its ``ИдФайл``.
    ``path`` names the file in the message when the content is not a UPD of ours.
    """
    try:
        root = _reparse(payload)
    except etree.XMLSyntaxError as error:
        raise StorageError(f"файл УПД XML повреждён: {path} ({error})") from error
    file_id = root.get("ИдФайл") or ""
    if root.tag != "Файл" or not _OFFICIAL_NAME_RE.fullmatch(file_id):
        raise StorageError(f"в файле УПД XML нет верного атрибута ИдФайл: {path}")
    return f"{file_id}.xml"


def write_upd_xml(data: UpdData, folder: Path, name: str | None = None) -> Path:
    """Build and validate the UPD, then write it atomically into ``folder``; returns the file path.

    ``name`` is the file's name in ``folder`` (the documents folder uses the UPD's short title);
    without it the official ``ИдФайл.xml``. ``ИдФайл`` inside is the official name either way.

    An invalid document raises :class:`ValidationError` before anything touches the disk; a folder
    that cannot be written raises :class:`StorageError` and leaves no partial file behind.
    """
    official, payload = build_upd_xml(data)
    name = name or official
    target = Path(folder) / name
    try:
        write_atomic(target, payload)
    except OSError as error:
        raise StorageError(
            f"{data.title}: не удалось записать файл «{name}» в папку «{folder}»: {os_error_text(error)}"
        ) from error
    return target


# ------------------------------------------------------------------------------ from the database


def _party_kind(value: str | None, inn: str) -> PartyKind:
    try:
        return PartyKind(value) if value else (PartyKind.LEGAL if len(inn) == 10 else PartyKind.ENTREPRENEUR)
    except ValueError:
        return PartyKind.LEGAL if len(inn) == 10 else PartyKind.ENTREPRENEUR


def _person_of(kind: PartyKind, full_name: str, fallback: str | None, what: str) -> PersonName | None:
    if kind is PartyKind.LEGAL:
        return None
    try:
        return PersonName.parse(full_name, what=what)
    except ValidationError:
        if fallback:
            return PersonName.parse(fallback, what=what)
        raise


def _regime_on(entity: models.OwnEntity, date: dt.date) -> str:
    """The entity's VAT regime on ``date`` from its dated history when loaded, else the current one."""
    state = inspect(entity)
    if state is not None and "vat_history" not in state.unloaded:
        regime = entity.vat_regime
        for entry in entity.vat_history:
            if entry.effective_from <= date:
                regime = entry.regime
        return regime
    return entity.vat_regime


def _local(moment: dt.datetime) -> dt.datetime:
    """``created_at`` is stored as naive UTC; the file shows local time."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def upd_data_from_document(doc: models.Document) -> UpdData:
    """The UPD of a stored document (its lines, own entity, counterparty and contract loaded).

    The file date/time is the document's creation time and the GUID comes from the document's
    identity, so rendering the same document again gives the same file. The UPD status is
    ``doc.upd_status``, else 1 for a VAT payer and 2 for a seller without VAT (on the document
    date, from the entity's dated regimes when they are loaded).
    """
    try:
        return _upd_data_from_document(doc)
    except ValidationError as error:
        title = f"УПД № {doc.number} от {_date(doc.date)}"
        raise ValidationError(f"{title}: {error.message}", field=error.field) from error


def sf_data_from_document(
    doc: models.Document,
    shipping: tuple[str, dt.date] | None = None,
    payments: Sequence[PaymentDocument] = (),
) -> UpdData:
    """The XML (Функция «СЧФ») of a separate счёт-фактура (kind SF; ``shipping`` = its act's number
    and date, line 5а; ``payments`` = line 5) or of an advance one (kind ADVANCE_SF: line 5 is the
    receipt ``doc.payment``, no document of shipment). Line 5б is not carried: the 5.03 schema has
    no element for it (docs/domain.md, «Счета-фактуры»)."""
    title = f"Счёт-фактура № {doc.number} от {_date(doc.date)}"
    try:
        data = _upd_data_from_document(doc)
    except ValidationError as error:
        raise ValidationError(f"{title}: {error.message}", field=error.field) from error
    advance = doc.kind == DocumentKind.ADVANCE_SF
    if advance:
        payment = doc.payment
        if payment is None:
            raise ValidationError(f"{title}: не указано платёжное поручение, по которому получен аванс.")
        payments = (PaymentDocument(payment.number or "б/н", payment.date, payment.amount),)
    return dataclasses.replace(
        data,
        status=1,
        invoice_only=True,
        advance=advance,
        shipping=UpdBasis(shipping[0], shipping[1], "Акт") if shipping is not None and not advance else None,
        payments=tuple(payments),
    )


def _upd_data_from_document(doc: models.Document) -> UpdData:
    entity = doc.own_entity
    client = doc.counterparty
    account = entity.primary_account
    vat_payer = _regime_on(entity, doc.date) != VatRegime.NO_VAT
    status = doc.upd_status or (1 if vat_payer else 2)

    seller_kind = PartyKind.LEGAL if len(entity.inn) == 10 else PartyKind.ENTREPRENEUR
    seller = UpdParty(
        kind=seller_kind,
        name=entity.full_name,
        short_name=entity.short_name or None,
        inn=entity.inn,
        kpp=entity.kpp if seller_kind is PartyKind.LEGAL else None,
        ogrnip=entity.ogrn if seller_kind is PartyKind.ENTREPRENEUR else None,
        person=_person_of(seller_kind, entity.full_name, entity.director_name, "Продавец (ИП): ФИО"),
        address=entity.legal_address or entity.postal_address,
        bank=UpdBank(account.account, account.bank_name, account.bik, account.corr_account or None)
        if account is not None
        else None,
        phone=entity.phone or None,
        email=entity.email or None,
        edo_id=entity.edo_id or None,
    )
    buyer_kind = _party_kind(client.kind, client.inn)
    buyer_bank = (
        UpdBank(client.account, client.bank_name or "", client.bik, client.corr_account or None)
        if client.account and client.bik
        else None
    )
    buyer = UpdParty(
        kind=buyer_kind,
        name=client.full_name,
        short_name=client.short_name or None,
        inn=client.inn,
        kpp=client.kpp or None if buyer_kind is PartyKind.LEGAL else None,
        ogrnip=client.ogrn or None if buyer_kind is PartyKind.ENTREPRENEUR else None,
        person=_person_of(
            buyer_kind, client.full_name, client.director_name, f"Покупатель «{client.short_name}»: ФИО"
        ),
        address=client.legal_address or client.postal_address,
        bank=buyer_bank if buyer_bank and buyer_bank.bank_name else None,
        edo_id=client.edo_id or None,
    )
    lines = []
    for line in doc.lines:
        with_unit = bool(line.unit_code)
        lines.append(
            UpdLine(
                name=line.name,
                unit_code=line.unit_code if with_unit else None,
                unit_name=(line.unit_name or None) if with_unit else None,
                quantity=line.quantity if with_unit else None,
                price=catalog.price_without_vat(line.quantity, line.price, line.amount_net)
                if with_unit and line.quantity
                else None,
                net=line.amount_net,
                vat_rate=line.vat_rate,
                vat=None if line.vat_rate == NO_VAT else line.amount_vat,
                total=line.amount_total,
            )
        )
    contract = doc.contract
    created = _local(doc.created_at) if doc.created_at else None
    return UpdData(
        number=doc.number,
        date=doc.date,
        status=status,
        seller=seller,
        buyer=buyer,
        lines=tuple(lines),
        signer=UpdSigner(
            position=entity.director_position or "Руководитель",
            name=PersonName.parse(entity.director_name, what=f"Руководитель продавца «{entity.short_name}»"),
        ),
        period_start=doc.period_start,
        period_end=doc.period_end,
        basis=UpdBasis(number=contract.number, date=contract.date) if contract is not None else None,
        seller_vat_payer=vat_payer,
        total_net=doc.amount_net,
        total_vat=doc.amount_vat,
        total=doc.amount_total,
        document_key=f"aktdesk:{doc.own_entity_id}:{doc.kind}:{doc.year}:{doc.seq}:v{doc.version}",
        formed_at=created,
    )
