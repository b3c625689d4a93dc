"""UPD XML 5.03: valid files for both statuses, exact totals, names, encoding, refusal of bad data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from decimal import Decimal as D
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from desktop.core import models
from desktop.core.documents.upd_xml import (
    NAME_DOP,
    NAME_SCHFDOP,
    PartyKind,
    PersonName,
    UpdBank,
    UpdBasis,
    UpdData,
    UpdLine,
    UpdParty,
    UpdSigner,
    build_upd_tree,
    build_upd_xml,
    check_upd_rules,
    schema_path,
    upd_data_from_document,
    upd_file_name,
    write_upd_xml,
)
from desktop.core.errors import StorageError, ValidationError

DATA = Path(__file__).parents[2] / "data"
XSD = DATA / "ON_NSCHFDOPPR_1_997_01_05_03_05.xsd"
NAME_RE = re.compile(r"ON_NSCHFDOPPR_(?P<a>[^_]+)_(?P<o>[^_]+)_(?P<date>\d{8})_(?P<guid>[0-9a-f-]{36})\.xml")


@pytest.fixture(scope="module")
def fns_schema() -> etree.XMLSchema:
    """An independent copy of the FNS schema: the tests do not trust the module's own validation."""
    return etree.XMLSchema(etree.parse(str(XSD)))


def seller(**changes: object) -> UpdParty:
    party = UpdParty(
        kind=PartyKind.LEGAL,
        name="Общество с ограниченной ответственностью «Ромашка»",
        short_name="ООО «Ромашка»",
        inn="7736207543",
        kpp="773601001",
        address="119021, г. Москва, ул. Льва Толстого, д. 16",
        bank=UpdBank("40702810200000012345", "ПАО Сбербанк", "044525225", "30101810400000000225"),
        phone="+7 495 123-45-67",
        email="buh@romashka.ru",
    )
    return dataclasses.replace(party, **changes)  # type: ignore[arg-type]


def buyer(**changes: object) -> UpdParty:
    party = UpdParty(
        kind=PartyKind.LEGAL,
        name="Акционерное общество «Лютик»",
        inn="7707083893",
        kpp="773601001",
        address="117312, г. Москва, ул. Вавилова, д. 19",
    )
    return dataclasses.replace(party, **changes)  # type: ignore[arg-type]


def ip_buyer() -> UpdParty:
    return UpdParty(
        kind=PartyKind.ENTREPRENEUR,
        name="ИП Петров Пётр Петрович",
        inn="500100732259",
        ogrnip="304500116000157",
        person=PersonName.parse("ИП Петров Пётр Петрович", what="покупатель"),
        address="141700, Московская обл., г. Долгопрудный, ул. Первомайская, д. 5, кв. 7",
    )


def service_line(
    name: str = "Бухгалтерское обслуживание за январь 2026 г.", net: str = "10000.00"
) -> UpdLine:
    amount = D(net)
    vat = (amount * D("0.22")).quantize(D("0.01"))
    return UpdLine(
        name=name,
        unit_code="362",
        unit_name="мес",
        quantity=D(1),
        price=amount,
        net=amount,
        vat_rate="22%",
        vat=vat,
        total=amount + vat,
    )


def upd(**changes: object) -> UpdData:
    data = UpdData(
        number="БП-15",
        date=dt.date(2026, 1, 31),
        status=1,
        seller=seller(),
        buyer=buyer(),
        lines=(service_line(),),
        signer=UpdSigner("Генеральный директор", PersonName("Иванов", "Иван", "Иванович")),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        basis=UpdBasis("15/2025", dt.date(2025, 12, 10)),
        document_key="test:1",
        formed_at=dt.datetime(2026, 1, 31, 18, 5, 9),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def parsed(payload: bytes) -> etree._Element:
    return etree.fromstring(payload)


def assert_valid_file(name: str, payload: bytes, schema: etree.XMLSchema) -> etree._Element:
    """What an EDO operator checks first: declaration, encoding, schema, ИдФайл = file name."""
    first_line = payload.split(b"\n", 1)[0]
    assert first_line == b'<?xml version="1.0" encoding="windows-1251"?>'
    payload.decode("cp1251")  # strictly windows-1251, no stray UTF-8
    root = parsed(payload)
    assert schema.validate(root), schema.error_log
    assert NAME_RE.fullmatch(name), name
    assert root.get("ИдФайл") == name.removesuffix(".xml")
    assert check_upd_rules(root, name.removesuffix(".xml")) == []
    return root


# ------------------------------------------------------------------------------- valid documents


def test_status_1_upd_is_valid_schfdop_with_invoice_and_transfer_parts(fns_schema: etree.XMLSchema) -> None:
    name, payload = build_upd_xml(upd())
    root = assert_valid_file(name, payload, fns_schema)

    document = root.find("Документ")
    assert document is not None
    assert document.get("КНД") == "1115131"
    assert document.get("Функция") == "СЧФДОП"
    assert document.get("НаимДокОпр") == NAME_SCHFDOP
    assert document.get("ДатаИнфПр") == "31.01.2026"
    assert document.get("ВремИнфПр") == "18.05.09"
    assert root.get("ВерсФорм") == "5.03"
    invoice = document.find("СвСчФакт")
    assert invoice is not None
    assert (invoice.get("НомерДок"), invoice.get("ДатаДок")) == ("БП-15", "31.01.2026")
    assert invoice.find("СвПрод/ИдСв/СвЮЛУч").get("ИННЮЛ") == "7736207543"  # type: ignore[union-attr]
    assert invoice.find("СвПокуп/ИдСв/СвЮЛУч").get("КПП") == "773601001"  # type: ignore[union-attr]
    address = invoice.find("СвПокуп/Адрес/АдрИнф")
    assert address is not None and address.get("КодСтр") == "643"
    assert invoice.find("СвПрод/БанкРекв").get("НомерСчета") == "40702810200000012345"  # type: ignore[union-attr]
    shipping = invoice.find("ДокПодтвОтгрНом")
    assert shipping is not None and shipping.get("РеквНаимДок") == NAME_SCHFDOP
    assert invoice.find("ДенИзм").get("КодОКВ") == "643"  # type: ignore[union-attr]

    item = document.find("ТаблСчФакт/СведТов")
    assert item is not None
    assert item.get("ОКЕИ_Тов") == "362" and item.get("НаимЕдИзм") == "мес"
    assert (item.get("КолТов"), item.get("ЦенаТов")) == ("1", "10000.00")
    assert (item.get("СтТовБезНДС"), item.get("НалСт"), item.get("СтТовУчНал")) == (
        "10000.00",
        "22%",
        "12200.00",
    )
    assert item.findtext("СумНал/СумНал") == "2200.00"

    handover = document.find("СвПродПер/СвПер")
    assert handover is not None
    assert (handover.get("ДатаНачПер"), handover.get("ДатаОконПер")) == ("01.01.2026", "31.01.2026")
    basis = handover.find("ОснПер")
    assert basis is not None
    assert (basis.get("РеквНаимДок"), basis.get("РеквНомерДок"), basis.get("РеквДатаДок")) == (
        "Договор",
        "15/2025",
        "10.12.2025",
    )
    signer = document.find("Подписант")
    assert signer is not None and signer.get("СпосПодтПолном") == "1"
    assert signer.find("ФИО").get("Фамилия") == "Иванов"  # type: ignore[union-attr]


def test_status_2_for_a_seller_without_vat_says_bez_nds_everywhere(fns_schema: etree.XMLSchema) -> None:
    line = UpdLine(
        name="Услуги по ведению кадрового учёта",
        unit_code="362",
        unit_name="мес",
        quantity=D(1),
        price=D("5000.00"),
        net=D("5000.00"),
        vat_rate="без НДС",
        vat=None,
        total=D("5000.00"),
    )
    data = upd(status=2, seller_vat_payer=False, lines=(line,))
    name, payload = build_upd_xml(data)
    root = assert_valid_file(name, payload, fns_schema)

    document = root.find("Документ")
    assert document is not None
    assert document.get("Функция") == "ДОП"
    assert document.get("НаимДокОпр") == NAME_DOP
    item = document.find("ТаблСчФакт/СведТов")
    assert item is not None and item.get("НалСт") == "без НДС"
    assert item.findtext("СумНал/БезНДС") == "без НДС"
    assert document.findtext("ТаблСчФакт/ВсегоОпл/СумНалВсего/БезНДС") == "без НДС"
    assert document.find("СвПродПер/СвПер") is not None


def test_a_seller_without_vat_cannot_issue_status_1_or_charge_vat() -> None:
    with pytest.raises(ValidationError, match="не плательщик НДС"):
        build_upd_xml(upd(status=1, seller_vat_payer=False))
    with pytest.raises(ValidationError, match="ставка должна быть «без НДС»"):
        build_upd_xml(upd(status=2, seller_vat_payer=False))


def test_mixed_rates_reconcile_to_the_kopeck(fns_schema: etree.XMLSchema) -> None:
    thirds = tuple(
        UpdLine(
            name=f"Консультация № {i}",
            unit_code="356",
            unit_name="ч",
            quantity=D(1),
            price=D("333.33"),
            net=D("333.33"),
            vat_rate="22%",
            vat=D("73.33"),
            total=D("406.66"),
        )
        for i in (1, 2, 3)
    )
    reduced = UpdLine(
        name="Обучение персонала",
        unit_code="356",
        unit_name="ч",
        quantity=D("2.5"),
        price=D("1000.00"),
        net=D("2500.00"),
        vat_rate="10%",
        vat=D("250.00"),
        total=D("2750.00"),
    )
    exempt = UpdLine(
        name="Госпошлина (возмещение)", net=D("1500.00"), vat_rate="без НДС", vat=None, total=D("1500.00")
    )
    zero = UpdLine(
        name="Услуги по экспорту", net=D("100.00"), vat_rate="0%", vat=D("0.00"), total=D("100.00")
    )
    lines = (*thirds, reduced, exempt, zero)
    data = upd(lines=lines, total_net=D("5099.99"), total_vat=D("469.99"), total=D("5569.98"))
    name, payload = build_upd_xml(data)
    root = assert_valid_file(name, payload, fns_schema)

    grand = root.find("Документ/ТаблСчФакт/ВсегоОпл")
    assert grand is not None
    # 3 × 73.33 = 219.99 (not 220.00 from VAT on the sum) + 250.00 + 0.00
    assert grand.findtext("СумНалВсего/СумНал") == "469.99"
    assert (grand.get("СтТовБезНДСВсего"), grand.get("СтТовУчНалВсего")) == ("5099.99", "5569.98")
    rates = [i.get("НалСт") for i in root.iterfind("Документ/ТаблСчФакт/СведТов")]
    assert rates == ["22%", "22%", "22%", "10%", "без НДС", "0%"]
    assert root.find("Документ/ТаблСчФакт/СведТов[4]").get("КолТов") == "2.5"  # type: ignore[union-attr]

    with pytest.raises(ValidationError, match=r"итог «НДС» 470\.00 не равен сумме строк 469\.99"):
        build_upd_xml(dataclasses.replace(data, total_vat=D("470.00")))


def test_line_amounts_must_agree_with_rate_quantity_and_price() -> None:
    wrong_vat = dataclasses.replace(service_line(), vat=D("2000.00"), total=D("12000.00"))
    with pytest.raises(ValidationError, match=r"строка 1.*не соответствует ставке 22%"):
        build_upd_xml(upd(lines=(wrong_vat,)))
    wrong_sum = dataclasses.replace(service_line(), total=D("12200.01"))
    with pytest.raises(ValidationError, match="≠ стоимости с НДС"):
        build_upd_xml(upd(lines=(wrong_sum,)))
    wrong_price = dataclasses.replace(service_line(), quantity=D(2))
    with pytest.raises(ValidationError, match=r"количество 2 × цена 10000\.00 = 20000\.00"):
        build_upd_xml(upd(lines=(wrong_price,)))
    unrounded = dataclasses.replace(service_line(), vat=D("2200.004"))
    with pytest.raises(ValidationError, match="не округлена до копеек"):
        build_upd_xml(upd(lines=(unrounded,)))


def test_vat_included_in_price_is_accepted() -> None:
    # 1 000.00 incl. 22 %: VAT = round(1000 × 22/122) = 180.33, net 819.67 (docs/domain.md, «VAT rounding»)
    line = UpdLine(
        name="Абонентское обслуживание", net=D("819.67"), vat_rate="22%", vat=D("180.33"), total=D("1000.00")
    )
    build_upd_xml(upd(lines=(line,)))


def test_ip_buyer_is_written_as_sved_ip_with_full_name(fns_schema: etree.XMLSchema) -> None:
    name, payload = build_upd_xml(upd(buyer=ip_buyer()))
    root = assert_valid_file(name, payload, fns_schema)

    ip = root.find("Документ/СвСчФакт/СвПокуп/ИдСв/СвИП")
    assert ip is not None
    assert (ip.get("ИННФЛ"), ip.get("ОГРНИП")) == ("500100732259", "304500116000157")
    fio = ip.find("ФИО")
    assert fio is not None
    assert (fio.get("Фамилия"), fio.get("Имя"), fio.get("Отчество")) == ("Петров", "Пётр", "Петрович")
    # The buyer's placeholder id of a sole proprietor is the 12-digit INN alone.
    assert NAME_RE.fullmatch(name).group("a") == "500100732259"  # type: ignore[union-attr]


def test_person_names_parse_and_refuse_a_single_word() -> None:
    assert PersonName.parse("Индивидуальный предприниматель Алиев Рашид Гусейн оглы", what="x") == PersonName(
        "Алиев", "Рашид", "Гусейн оглы"
    )
    assert PersonName.parse("Сидорова Анна", what="x") == PersonName("Сидорова", "Анна", None)
    with pytest.raises(ValidationError, match="Руководитель: «Иванов» — нужно указать фамилию, имя"):
        PersonName.parse("Иванов", what="Руководитель")
    for initials in ("Иванов И.И.", "Иванов И. И."):
        with pytest.raises(ValidationError, match="а не инициалы"):
            PersonName.parse(initials, what="Руководитель")
    with pytest.raises(ValidationError, match="Руководитель: не указаны фамилия и имя"):
        PersonName.parse("  ", what="Руководитель")


def test_service_without_unit_omits_okei_quantity_and_price(fns_schema: etree.XMLSchema) -> None:
    line = UpdLine(
        name="Юридическая консультация", net=D("333.33"), vat_rate="22%", vat=D("73.33"), total=D("406.66")
    )
    name, payload = build_upd_xml(upd(lines=(service_line(), line)))
    root = assert_valid_file(name, payload, fns_schema)

    second = root.find("Документ/ТаблСчФакт/СведТов[@НомСтр='2']")
    assert second is not None
    for attribute in ("ОКЕИ_Тов", "НаимЕдИзм", "КолТов", "ЦенаТов"):
        assert second.get(attribute) is None, attribute
    assert (second.get("СтТовБезНДС"), second.get("СтТовУчНал")) == ("333.33", "406.66")


def test_private_person_buyer_is_written_as_sved_fl_uch(fns_schema: etree.XMLSchema) -> None:
    person = UpdParty(
        kind=PartyKind.PERSON,
        name="Сидорова Анна Сергеевна",
        inn="",
        person=PersonName("Сидорова", "Анна", "Сергеевна"),
        address="г. Москва, ул. Тверская, д. 1, кв. 2",
    )
    name, payload = build_upd_xml(upd(buyer=person))
    root = assert_valid_file(name, payload, fns_schema)
    fl = root.find("Документ/СвСчФакт/СвПокуп/ИдСв/СвФЛУч")
    assert fl is not None and fl.get("ИННФЛ") is None
    assert fl.find("ФИО").get("Отчество") == "Сергеевна"  # type: ignore[union-attr]


def test_no_contract_gives_bez_dok_osn_per(fns_schema: etree.XMLSchema) -> None:
    name, payload = build_upd_xml(upd(basis=None))
    root = assert_valid_file(name, payload, fns_schema)
    assert root.findtext("Документ/СвПродПер/СвПер/БезДокОснПер") == "1"


# -------------------------------------------------------------------------------- broken documents


def test_bad_inn_length_is_refused_naming_document_and_field(tmp_path: Path) -> None:
    data = upd(buyer=buyer(inn="770708389"))
    with pytest.raises(ValidationError) as caught:
        write_upd_xml(data, tmp_path)
    message = str(caught.value)
    assert "УПД № БП-15 от 31.01.2026" in message
    assert "Покупатель «Акционерное общество «Лютик»»: ИНН организации должен состоять из 10 цифр" in message
    assert list(tmp_path.iterdir()) == []


def test_inn_checksum_and_kpp_format_are_checked() -> None:
    with pytest.raises(ValidationError, match="ИНН «7707083894» не проходит проверку контрольного числа"):
        build_upd_xml(upd(buyer=buyer(inn="7707083894")))
    with pytest.raises(ValidationError, match="КПП «77360100» не соответствует формату"):
        build_upd_xml(upd(seller=seller(kpp="77360100")))
    with pytest.raises(ValidationError, match="ОГРНИП «304500116000158» неверен"):
        build_upd_xml(upd(buyer=dataclasses.replace(ip_buyer(), ogrnip="304500116000158")))


def test_schema_violation_is_reported_with_path_and_no_file_is_written(tmp_path: Path) -> None:
    long_surname = "Ж" * 61  # ФИОТип/@Фамилия is limited to 60 characters
    data = upd(signer=UpdSigner("Директор", PersonName(long_surname, "Иван")))
    with pytest.raises(ValidationError) as caught:
        write_upd_xml(data, tmp_path)
    message = str(caught.value)
    assert message.startswith("УПД № БП-15 от 31.01.2026: файл не соответствует схеме ФНС 5.03")
    assert "/Файл/Документ/Подписант/ФИО" in message
    assert "Фамилия" in message
    assert "длиной 61 символов длиннее допустимых 60" in message
    assert re.search(r"строка \d+, /Файл/Документ/Подписант/ФИО", message), message
    assert list(tmp_path.iterdir()) == []


def test_missing_address_for_status_1_breaks_a_conditional_rule() -> None:
    # The XSD alone accepts a СЧФДОП without the buyer's address; the format's rule does not.
    with pytest.raises(ValidationError) as caught:
        build_upd_xml(upd(buyer=buyer(address="")))
    assert "нарушает правила формата" in str(caught.value)
    assert "обязателен адрес покупателя" in str(caught.value)
    # ... and a status 2 without an address is fine.
    line = dataclasses.replace(service_line(), vat_rate="без НДС", vat=None, total=D("10000.00"))
    build_upd_xml(upd(status=2, seller_vat_payer=False, lines=(line,), buyer=buyer(address="")))


def test_rules_catch_what_the_xsd_lets_through(fns_schema: etree.XMLSchema) -> None:
    data = upd()
    file_id = upd_file_name(data)
    root = build_upd_tree(data, file_id)
    assert check_upd_rules(root, file_id) == []
    assert check_upd_rules(root, file_id + "x")[0].startswith("ИдФайл")

    document = root.find("Документ")
    assert document is not None
    transfer = document.find("СвПродПер")
    assert transfer is not None
    document.remove(transfer)
    item = document.find("ТаблСчФакт/СведТов")
    assert item is not None
    del item.attrib["НаимЕдИзм"]
    item.set("ЦенаТов", "0")
    grand = document.find("ТаблСчФакт/ВсегоОпл")
    assert grand is not None
    grand.set("СтТовУчНалВсего", "12200.01")
    signer = document.find("Подписант")
    assert signer is not None
    signer.set("СпосПодтПолном", "3")

    assert fns_schema.validate(root), "these faults are invisible to the XSD"
    problems = "\n".join(check_upd_rules(root, file_id))
    assert "обязательны сведения о передаче (СвПродПер)" in problems
    assert "код ОКЕИ без наименования единицы" in problems
    assert "цена (ЦенаТов) должна быть больше нуля" in problems
    assert "итог СтТовУчНалВсего 12200.01 не равен сумме строк 12200.00" in problems
    assert "СпосПодтПолном=3" in problems


def test_rules_for_a_dop_without_names_or_amounts() -> None:
    line = dataclasses.replace(service_line(), vat_rate="без НДС", vat=None, total=D("10000.00"))
    data = upd(status=2, seller_vat_payer=False, lines=(line,))
    file_id = upd_file_name(data)
    root = build_upd_tree(data, file_id)
    assert check_upd_rules(root, file_id) == []
    item = root.find("Документ/ТаблСчФакт/СведТов")
    assert item is not None
    for attribute in ("НаимТов", "СтТовБезНДС", "СтТовУчНал"):
        del item.attrib[attribute]
    problems = "\n".join(check_upd_rules(root, file_id))
    assert "нет наименования (НаимТов)" in problems
    assert "нужна стоимость без налога или с налогом" in problems


def test_a_signer_with_power_of_attorney_code_is_refused() -> None:
    data = upd(signer=UpdSigner("Главный бухгалтер", PersonName("Петрова", "Анна"), authority="5"))
    with pytest.raises(ValidationError, match="СвДоверБум"):
        build_upd_xml(data)


# ---------------------------------------------------------------------------- naming and encoding


def test_file_name_puts_receiver_first_and_equals_id_file() -> None:
    data = upd(
        seller=seller(edo_id="2BM-7736207543-773601001-201811010000000000000"),
        buyer=buyer(edo_id="2AE-7707083893-773601001-0001"),
    )
    name, payload = build_upd_xml(data)
    assert name.startswith(
        "ON_NSCHFDOPPR_2AE-7707083893-773601001-0001_2BM-7736207543-773601001-201811010000000000000_20260131_"
    )
    assert f"{parsed(payload).get('ИдФайл')}.xml" == name


def test_unknown_edo_ids_fall_back_to_inn_kpp() -> None:
    data = upd()
    name, _ = build_upd_xml(data)
    match = NAME_RE.fullmatch(name)
    assert match is not None
    assert (match.group("a"), match.group("o")) == ("7707083893773601001", "7736207543773601001")
    assert match.group("date") == "20260131"


def test_an_edo_id_that_would_break_the_name_is_refused() -> None:
    with pytest.raises(ValidationError, match="идентификатор участника ЭДО «2BM_123» неверен"):
        build_upd_xml(upd(buyer=buyer(edo_id="2BM_123")))


def test_rerender_with_the_same_key_is_byte_identical_and_without_key_is_unique() -> None:
    assert build_upd_xml(upd()) == build_upd_xml(upd())
    assert build_upd_xml(upd())[0] != build_upd_xml(upd(document_key="test:2"))[0]
    first, second = build_upd_xml(upd(document_key=None))[0], build_upd_xml(upd(document_key=None))[0]
    assert first != second


def test_cyrillic_round_trips_and_characters_outside_cp1251_become_references(
    fns_schema: etree.XMLSchema,
) -> None:
    text = "Разработка «Ёлка» — этап № 2 ☃ € ✓ 😀 ẞ"
    line = dataclasses.replace(service_line(), name=text)
    name, payload = build_upd_xml(upd(lines=(line,), buyer=buyer(name="ООО «Ёжик & Ко» <Север>")))
    assert_valid_file(name, payload, fns_schema)

    assert "Разработка «Ёлка» — этап № 2".encode("cp1251") in payload  # plain cp1251 bytes
    for reference in (b"&#9731;", b"&#10003;", b"&#128512;", b"&#7838;"):
        assert reference in payload
    assert "€".encode("cp1251") in payload  # € exists in windows-1251: no reference needed
    root = parsed(payload)
    assert root.find("Документ/ТаблСчФакт/СведТов").get("НаимТов") == text  # type: ignore[union-attr]
    assert root.find("Документ/СвСчФакт/СвПокуп/ИдСв/СвЮЛУч").get("НаимОрг") == "ООО «Ёжик & Ко» <Север>"  # type: ignore[union-attr]


def test_the_schema_in_use_is_the_05_revision_that_knows_22_percent() -> None:
    assert schema_path().name == "ON_NSCHFDOPPR_1_997_01_05_03_05.xsd"


# ------------------------------------------------------------------------------------- writing


def test_write_is_atomic_and_leaves_only_the_file(tmp_path: Path, fns_schema: etree.XMLSchema) -> None:
    folder = tmp_path / "УПД" / "2026-01"
    path = write_upd_xml(upd(), folder)
    assert path.parent == folder
    assert [p.name for p in folder.iterdir()] == [path.name]
    name, payload = build_upd_xml(upd())
    assert path.name == name
    assert path.read_bytes() == payload
    assert_valid_file(path.name, path.read_bytes(), fns_schema)
    # Writing again replaces the file in place.
    assert write_upd_xml(upd(), folder) == path
    assert len(list(folder.iterdir())) == 1


def test_unwritable_folder_raises_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="не удалось записать файл «ON_NSCHFDOPPR_"):
        write_upd_xml(upd(), blocker)


def test_file_date_and_time_come_from_one_moment_when_not_given() -> None:
    name, payload = build_upd_xml(upd(formed_at=None))
    document = parsed(payload).find("Документ")
    assert document is not None
    day, month, year = (document.get("ДатаИнфПр") or "").split(".")
    assert NAME_RE.fullmatch(name).group("date") == year + month + day  # type: ignore[union-attr]
    assert re.fullmatch(r"\d\d\.\d\d\.\d\d", document.get("ВремИнфПр") or "")


# ------------------------------------------------------------------------------- speed, threads


def test_upds_build_in_parallel_threads() -> None:
    # Speed is measured by bench/forms_render.py, not asserted here.
    data = upd(lines=tuple(service_line(f"Услуга {i}", f"{1000 + i}.00") for i in range(5)))

    results: list[str] = []
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(20):
                results.append(build_upd_xml(dataclasses.replace(data, number=f"{n}-{i}"))[0])
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 80


# ------------------------------------------------------------------------------ from the database


def _stored_document(
    session: Session, *, regime: str = models.VatRegime.VAT22, with_vat: bool = True
) -> models.Document:
    entity = models.OwnEntity(
        short_name="ООО «Ромашка»",
        full_name="Общество с ограниченной ответственностью «Ромашка»",
        inn="7736207543",
        kpp="773601001",
        legal_address="119021, г. Москва, ул. Льва Толстого, д. 16",
        vat_regime=regime,
        director_name="Иванов Иван Иванович",
        director_position="Генеральный директор",
        edo_id="2BM-7736207543-773601001-201811010000000000000",
    )
    entity.bank_accounts.append(
        models.BankAccount(
            bank_name="ПАО Сбербанк",
            bik="044525225",
            corr_account="30101810400000000225",
            account="40702810200000012345",
            is_primary=True,
        )
    )
    client = models.Counterparty(
        kind=models.PartyKind.ENTREPRENEUR,
        short_name="ИП Петров П. П.",
        full_name="Индивидуальный предприниматель Петров Пётр Петрович",
        inn="500100732259",
        ogrn="304500116000157",
        legal_address="141700, Московская обл., г. Долгопрудный, ул. Первомайская, д. 5",
    )
    contract = models.Contract(
        own_entity=entity,
        counterparty=client,
        number="15/2025",
        date=dt.date(2025, 12, 10),
        valid_from=dt.date(2026, 1, 1),
        price_includes_vat=True,
    )
    rate, vat = ("22%", D("180.33")) if with_vat else ("без НДС", D("0.00"))
    net = D("819.67") if with_vat else D("1000.00")
    doc = models.Document(
        kind=models.DocumentKind.UPD,
        own_entity=entity,
        counterparty=client,
        contract=contract,
        period="2026-01",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        year=2026,
        seq=15,
        number="БП-15",
        date=dt.date(2026, 1, 31),
        upd_status=None,
        amount_net=net + D("333.33"),
        amount_vat=vat + (D("73.33") if with_vat else D("0.00")),
        amount_total=D("1000.00") + (D("406.66") if with_vat else D("333.33")),
        created_at=dt.datetime(2026, 1, 31, 15, 0, 0),
    )
    # price stored gross (contract «price includes VAT»): the UPD must show the net price.
    doc.lines.append(
        models.DocumentLine(
            position=1,
            name="Бухгалтерское обслуживание за январь 2026 г.",
            unit_code="362",
            unit_name="мес",
            quantity=D(1),
            price=D("1000.00"),
            amount_net=net,
            vat_rate=rate,
            amount_vat=vat,
            amount_total=D("1000.00"),
        )
    )
    doc.lines.append(
        models.DocumentLine(
            position=2,
            name="Разовая консультация",
            unit_code=None,
            unit_name=None,
            quantity=D(1),
            price=D("333.33"),
            amount_net=D("333.33"),
            vat_rate=rate,
            amount_vat=D("73.33") if with_vat else D("0.00"),
            amount_total=D("406.66") if with_vat else D("333.33"),
        )
    )
    session.add(doc)
    session.flush()
    return doc


def test_upd_from_a_stored_document(fns_schema: etree.XMLSchema) -> None:
    engine = create_engine("sqlite://")
    models.Base.metadata.create_all(engine)
    with Session(engine) as session:
        doc = _stored_document(session)
        data = upd_data_from_document(doc)
        assert data.status == 1
        assert data.buyer.kind is PartyKind.ENTREPRENEUR
        assert data.buyer.person == PersonName("Петров", "Пётр", "Петрович")
        assert data.seller.bank is not None and data.seller.bank.bik == "044525225"
        name, payload = build_upd_xml(data)
        root = assert_valid_file(name, payload, fns_schema)

        first = root.find("Документ/ТаблСчФакт/СведТов[@НомСтр='1']")
        assert first is not None
        assert (first.get("ЦенаТов"), first.get("СтТовБезНДС"), first.findtext("СумНал/СумНал")) == (
            "819.67",
            "819.67",
            "180.33",
        )
        second = root.find("Документ/ТаблСчФакт/СведТов[@НомСтр='2']")
        assert second is not None and second.get("КолТов") is None
        assert root.find("Документ/СвСчФакт/СвПокуп/ИдСв/СвИП").get("ОГРНИП") == "304500116000157"  # type: ignore[union-attr]
        assert root.find("Документ/ТаблСчФакт/ВсегоОпл").get("СтТовУчНалВсего") == "1406.66"  # type: ignore[union-attr]
        assert NAME_RE.fullmatch(name).group("o") == "2BM-7736207543-773601001-201811010000000000000"  # type: ignore[union-attr]
        # Same stored document → same file (stable GUID and formation time).
        assert build_upd_xml(upd_data_from_document(doc)) == (name, payload)


def test_upd_from_a_stored_document_of_a_seller_without_vat_is_status_2(fns_schema: etree.XMLSchema) -> None:
    engine = create_engine("sqlite://")
    models.Base.metadata.create_all(engine)
    with Session(engine) as session:
        doc = _stored_document(session, regime=models.VatRegime.NO_VAT, with_vat=False)
        name, payload = build_upd_xml(upd_data_from_document(doc))
        root = assert_valid_file(name, payload, fns_schema)
        assert root.find("Документ").get("Функция") == "ДОП"  # type: ignore[union-attr]
        assert root.findtext("Документ/ТаблСчФакт/ВсегоОпл/СумНалВсего/БезНДС") == "без НДС"


def test_a_director_written_with_initials_is_refused_naming_the_document() -> None:
    engine = create_engine("sqlite://")
    models.Base.metadata.create_all(engine)
    with Session(engine) as session:
        doc = _stored_document(session)
        doc.own_entity.director_name = "Иванов И. И."
        with pytest.raises(ValidationError) as caught:
            upd_data_from_document(doc)
        assert str(caught.value).startswith(
            "УПД № БП-15 от 31.01.2026: Руководитель продавца «ООО «Ромашка»»"
        )
        assert "а не инициалы" in str(caught.value)
