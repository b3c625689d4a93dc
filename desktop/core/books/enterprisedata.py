"""One EnterpriseData message for 1С:Бухгалтерия 3.0, built with lxml (docs/domain.md, «EnterpriseData export»).

The message is what 1C's own exchange writes (BSP ``ОбменДаннымиXDTOСервер``): a root ``Message``
without a namespace, ``msg:Header`` (Format = the namespace of the format version, CreationDate,
one AvailableVersion) and ``Body`` whose default namespace is the format's; each object in it is
an element named after its XDTO type. Formats 1.20 and 1.21 are written (the 22 % rate needs a
format from 1.17, where ``СтавкаНДС`` became a key-properties object).

Written here, each with its ``КлючевыеСвойства`` first:

* ``Справочник.Организации``, ``Справочник.Контрагенты``, ``Справочник.Договоры`` (``СПокупателем``),
  ``Справочник.Номенклатура`` (``Услуга``) — every one a document or a payment of the message refers to;
* ``Документ.РеализацияТоваровУслуг`` — a sale (an act or a UPD) with its ``Услуги`` lines and VAT;
* ``Документ.СчетФактураВыданный`` — an issued счёт-фактура, linked to its sale or receipt;
* ``Документ.СчетПокупателю`` — an invoice for payment;
* ``Документ.ПБДСРасчетыСКонтрагентами`` — an incoming bank payment decoded by contract.

Every object carries a stable ``Ссылка``: ``uuid5`` of a fixed namespace and ``table:id`` of our row
(:func:`stable_ref`), so loading the same period again updates the objects in 1C instead of adding
copies. A corrected document keeps the ``Ссылка`` of the first version it replaces.

Issued счета-фактуры reach the builder as :class:`IssuedInvoice` values, whatever produced them:
``operations.ISSUED_INVOICE_SOURCES`` lists the functions that find them for a period (today the
UPDs with status 1). A separate счёт-фактура on a sale or an advance one on a receipt is one more
source there returning ``IssuedInvoice(kind=InvoiceKind.SALE | InvoiceKind.ADVANCE, basis=…)``;
this module already writes both kinds (the advance one with its receipt as ``ДокументОснование``
and the receipt's number and date as the payment document).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import cast

from lxml import etree

from desktop.core.common.catalog import NO_VAT
from desktop.core.errors import ValidationError
from desktop.core.models import (
    BankAccount,
    BankPayment,
    Contract,
    Counterparty,
    Document,
    DocumentKind,
    DocumentLine,
    OwnEntity,
    PartyKind,
    Service,
)

FORMATS = ("1.20", "1.21")
DEFAULT_FORMAT = "1.21"
MESSAGE_NS = "http://www.1c.ru/SSL/Exchange/Message"
ROUBLE_CODE = "643"

# Fixed for ever: changing it would give every object a new Ссылка and duplicate it in 1C.
REF_NAMESPACE = uuid.UUID("3f1c6a5e-2b7d-4e0a-9d43-8a1e5c7b2f60")

_KOPECK = Decimal("0.01")
_QUANTITY_STEP = Decimal("0.001")


def namespace(version: str) -> str:
    """The XDTO namespace of a format version: ``http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.21``."""
    if version not in FORMATS:
        raise ValidationError(
            f"Формат «{version}»: поддерживаются версии EnterpriseData {', '.join(FORMATS)}.", field="format"
        )
    return f"http://v8.1c.ru/edi/edi_stnd/EnterpriseData/{version}"


def stable_ref(table: str, row_id: int | str) -> str:
    """The ``Ссылка`` of our row ``table``/``row_id``: the same on every export."""
    return str(uuid.uuid5(REF_NAMESPACE, f"{table}:{row_id}"))


class InvoiceKind(StrEnum):
    """``ВидСчетаФактуры`` of an issued счёт-фактура."""

    SALE = "НаРеализацию"
    ADVANCE = "НаАванс"


@dataclass(frozen=True)
class IssuedInvoice:
    """An issued счёт-фактура, whatever document carries it.

    ``table``/``row_id`` give its ``Ссылка``; ``basis`` is the sale (``Document``) it is issued on,
    or the receipt (``BankPayment``) of an advance one.
    """

    table: str
    row_id: int
    kind: InvoiceKind
    number: str
    date: dt.date
    entity: OwnEntity
    counterparty: Counterparty
    contract: Contract | None
    total: Decimal
    vat: Decimal
    vat_rate: str
    basis: Document | BankPayment
    issued_on: dt.date | None = None  # handed to the buyer (Выставлен); None: not yet
    electronic: bool = False


@dataclass
class ExportSet:
    """What one message carries; the directories are taken from what these refer to."""

    sales: list[Document] = field(default_factory=list)
    invoices: list[Document] = field(default_factory=list)
    issued: list[IssuedInvoice] = field(default_factory=list)
    payments: list[BankPayment] = field(default_factory=list)
    services: Sequence[Service] = ()  # the catalogue, to name a line's service
    bank_accounts: Sequence[BankAccount] = ()  # our accounts, for the payments
    first_versions: dict[int, int] = field(default_factory=dict)  # document id → id of its first version
    payment_invoices: dict[int, Document] = field(default_factory=dict)  # sale id → its invoice for payment


# ------------------------------------------------------------------------------------- values


def _money(value: Decimal) -> str:
    return f"{value.quantize(_KOPECK, rounding=ROUND_HALF_UP):f}"


def _quantity(value: Decimal) -> str:
    return f"{value.quantize(_QUANTITY_STEP, rounding=ROUND_HALF_UP).normalize():f}"


def _moment(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00"


def _legal_kind(kind: str, inn: str) -> str:
    return (
        "ФизическоеЛицо"
        if kind == PartyKind.PERSON or (kind != PartyKind.LEGAL and len(inn) == 12)
        else ("ЮридическоеЛицо")
    )


def _rate_parts(rate: str) -> tuple[str | None, bool, bool, str]:
    """(Ставка, РасчетнаяСтавка, НеОблагается, ВидСтавки) of our rate text («22%», «22/122», «без НДС»)."""
    if rate == NO_VAT:
        return None, False, True, "БезНДС"
    if "/" in rate:
        percent = rate.split("/")[0]
        return percent, True, False, "ОбщаяРасчетная" if int(percent) >= 18 else "ПониженнаяРасчетная"
    percent = rate.rstrip("%")
    if percent == "0":
        return "0", False, False, "Нулевая"
    return percent, False, False, "Общая" if int(percent) >= 18 else "Пониженная"


def service_name(line_name: str) -> str:
    """The catalogue name behind a document line: without «Предоплата 70%: » and « (период)»."""
    name = line_name
    if ": " in name and name.split(": ", 1)[0].endswith("%"):
        name = name.split(": ", 1)[1]
    if name.endswith(")") and " (" in name:
        name = name.rsplit(" (", 1)[0]
    return name.strip()


# ------------------------------------------------------------------------------------ builder


class _Message:
    """Collects the objects of one message; directories are written once, before the documents."""

    def __init__(self, data: ExportSet, version: str) -> None:
        self.data = data
        self.ns = namespace(version)
        self.version = version
        self.entities: dict[int, OwnEntity] = {}
        self.counterparties: dict[int, Counterparty] = {}
        self.contracts: dict[int, Contract] = {}
        self.items: dict[str, tuple[str, str]] = {}  # Ссылка → (name, unit code)
        self.services = {s.name: s for s in data.services}
        self.accounts = {a.account: a for a in data.bank_accounts}
        self.documents: list[etree._Element] = []
        self.counts: Counter[str] = Counter()

    def el(self, parent: etree._Element | None, tag: str, text: str | None = None) -> etree._Element:
        qname = f"{{{self.ns}}}{tag}"
        element = (
            etree.Element(qname, nsmap=_default_ns(self.ns))
            if parent is None
            else etree.SubElement(parent, qname)
        )
        if text is not None:
            element.text = text
        return element

    def opt(self, parent: etree._Element, tag: str, text: str | None) -> None:
        if text:
            self.el(parent, tag, text)

    # --- key properties (references) -------------------------------------------------------

    def entity_keys(self, parent: etree._Element, tag: str, entity: OwnEntity) -> None:
        self.entities.setdefault(entity.id, entity)
        keys = self.el(parent, tag)
        self.el(keys, "Ссылка", stable_ref("own_entities", entity.id))
        self.el(keys, "Наименование", entity.short_name or entity.full_name)
        self.opt(keys, "НаименованиеСокращенное", entity.short_name)
        self.opt(keys, "НаименованиеПолное", entity.full_name)
        self.el(keys, "ИНН", entity.inn)
        self.opt(keys, "КПП", entity.kpp if len(entity.inn) == 10 else None)
        self.el(keys, "ЮридическоеФизическоеЛицо", _legal_kind(PartyKind.LEGAL, entity.inn))

    def party_keys(self, parent: etree._Element, tag: str, party: Counterparty) -> None:
        self.counterparties.setdefault(party.id, party)
        keys = self.el(parent, tag)
        self.el(keys, "Ссылка", stable_ref("counterparties", party.id))
        self.el(keys, "Наименование", party.short_name or party.full_name)
        self.opt(keys, "НаименованиеПолное", party.full_name)
        self.opt(keys, "ИНН", party.inn)
        self.opt(keys, "КПП", party.kpp if party.kind == PartyKind.LEGAL else None)
        self.el(keys, "ЮридическоеФизическоеЛицо", _legal_kind(party.kind, party.inn))
        if party.kind == PartyKind.ENTREPRENEUR:
            self.el(keys, "ИндивидуальныйПредприниматель", "true")

    def currency(self, parent: etree._Element, tag: str = "Валюта") -> None:
        classifier = self.el(self.el(parent, tag), "ДанныеКлассификатора")
        self.el(classifier, "Код", ROUBLE_CODE)
        self.el(classifier, "Наименование", "руб.")

    def contract_keys(self, parent: etree._Element, tag: str, contract: Contract) -> None:
        self.contracts.setdefault(contract.id, contract)
        keys = self.el(parent, tag)
        self.el(keys, "Ссылка", stable_ref("contracts", contract.id))
        self.el(keys, "ВидДоговора", "СПокупателем")
        self.entity_keys(keys, "Организация", contract.own_entity)
        self.party_keys(keys, "Контрагент", contract.counterparty)
        self.currency(keys, "ВалютаВзаиморасчетов")
        self.el(keys, "РасчетыВУсловныхЕдиницах", "false")
        self.el(keys, "Наименование", f"Договор № {contract.number} от {contract.date:%d.%m.%Y}")
        self.el(keys, "Дата", contract.date.isoformat())
        self.el(keys, "Номер", contract.number)

    def settlement(self, parent: etree._Element, contract: Contract | None) -> None:
        block = self.el(parent, "ДанныеВзаиморасчетов")
        if contract is not None:
            self.contract_keys(block, "Договор", contract)
            self.currency(block, "ВалютаВзаиморасчетов")
            self.el(block, "КурсВзаиморасчетов", "1")
            self.el(block, "КратностьВзаиморасчетов", "1")
            self.el(block, "РасчетыВУсловныхЕдиницах", "false")

    def rate(self, parent: etree._Element, rate: str) -> None:
        percent, computed, exempt, kind = _rate_parts(rate)
        keys = self.el(parent, "СтавкаНДС")
        if percent is not None:
            self.el(keys, "Ставка", percent)
        self.el(keys, "РасчетнаяСтавка", "true" if computed else "false")
        self.el(keys, "НеОблагается", "true" if exempt else "false")
        self.el(keys, "ВидСтавки", kind)

    def item_keys(self, parent: etree._Element, line: DocumentLine) -> None:
        name = service_name(line.name)
        service = self.services.get(name)
        ref = stable_ref("services", service.id) if service is not None else stable_ref("service_names", name)
        self.items.setdefault(ref, (name, line.unit_code or ""))
        keys = self.el(parent, "Номенклатура")
        self.el(keys, "Ссылка", ref)
        self.el(keys, "Наименование", name)

    def document_ref(self, doc: Document) -> str:
        return stable_ref("documents", self.data.first_versions.get(doc.id, doc.id))

    def document_keys(self, parent: etree._Element, tag: str, doc: Document) -> None:
        keys = self.el(parent, tag)
        self.el(keys, "Ссылка", self.document_ref(doc))
        self.el(keys, "Дата", _moment(doc.date))
        self.el(keys, "Номер", doc.number)
        self.entity_keys(keys, "Организация", doc.own_entity)

    def payment_keys(self, parent: etree._Element, tag: str, payment: BankPayment, entity: OwnEntity) -> None:
        keys = self.el(parent, tag)
        self.el(keys, "Ссылка", stable_ref("bank_payments", payment.id))
        self.el(keys, "Дата", _moment(payment.date))
        self.el(keys, "Номер", payment.number or str(payment.id))
        self.entity_keys(keys, "Организация", entity)

    # --- documents ---------------------------------------------------------------------------

    def lines(self, parent: etree._Element, doc: Document, includes_vat: bool, with_kind: bool) -> None:
        block = self.el(parent, "Услуги")
        for line in doc.lines:
            row = self.el(block, "Строка")
            self.el(row, "НомерСтрокиДокумента", str(line.position))
            self.item_keys(row, line)
            quantity = line.quantity if line.quantity else Decimal(1)
            amount = line.amount_total if includes_vat else line.amount_net
            self.el(row, "Количество", _quantity(quantity))
            self.el(row, "Сумма", _money(amount))
            self.el(row, "Цена", _money(amount / quantity))
            self.rate(row, line.vat_rate)
            self.el(row, "СуммаНДС", _money(line.amount_vat))
            self.el(row, "Содержание", line.name)
            if with_kind:
                self.el(row, "ТипУслуги", "Собственные")

    def sale(self, doc: Document) -> None:
        root = self.el(None, "Документ.РеализацияТоваровУслуг")
        self.document_keys(root, "КлючевыеСвойства", doc)
        self.el(root, "ВидОперации", "РеализацияКлиенту")
        self.currency(root)
        includes_vat = doc.contract.price_includes_vat
        self.el(root, "Сумма", _money(doc.amount_total))
        self.el(root, "СуммаВключаетНДС", "true" if includes_vat else "false")
        self.party_keys(root, "Контрагент", doc.counterparty)
        self.settlement(root, doc.contract)
        invoice = self.data.payment_invoices.get(doc.id)
        if invoice is not None:
            self.document_keys(root, "СчетПокупателю", invoice)
        charged = any(line.vat_rate != NO_VAT for line in doc.lines)
        self.el(root, "Налогообложение", "ПродажаОблагаетсяНДС" if charged else "ПродажаНеОблагаетсяНДС")
        self.lines(root, doc, includes_vat, with_kind=True)
        self.el(root, "СпособПогашенияЗадолженности", "Автоматически")
        self.el(root, "ЭтоУПД", "true" if doc.kind == DocumentKind.UPD else "false")
        self.documents.append(root)
        self.counts["Документ.РеализацияТоваровУслуг"] += 1

    def issued_invoice(self, invoice: IssuedInvoice) -> None:
        root = self.el(None, "Документ.СчетФактураВыданный")
        keys = self.el(root, "КлючевыеСвойства")
        ref_id = invoice.row_id
        if invoice.table == "documents":
            ref_id = self.data.first_versions.get(invoice.row_id, invoice.row_id)
        # The счёт-фактура inside a UPD is another 1C object than the sale: its own namespace of refs.
        self.el(keys, "Ссылка", stable_ref(f"{invoice.table}/invoice", ref_id))
        self.el(keys, "Номер", invoice.number)
        self.el(keys, "Дата", _moment(invoice.date))
        self.entity_keys(keys, "Организация", invoice.entity)
        self.currency(root)
        self.el(root, "Сумма", _money(invoice.total))
        self.party_keys(root, "Контрагент", invoice.counterparty)
        if invoice.contract is not None:
            self.contract_keys(root, "Договор", invoice.contract)
        self.rate(root, invoice.vat_rate)
        self.el(root, "СуммаНДС", _money(invoice.vat))
        self.el(root, "ВидСчетаФактуры", invoice.kind.value)
        self.el(root, "КодВидаОперации", "01" if invoice.kind is InvoiceKind.SALE else "02")
        self.el(root, "Выставлен", "true" if invoice.issued_on else "false")
        if invoice.issued_on:
            self.el(root, "ДатаВыставления", invoice.issued_on.isoformat())
        self.el(root, "СпособВыставления", "ВЭлектронномВиде" if invoice.electronic else "НаБумажномНосителе")
        basis = invoice.basis
        if isinstance(basis, BankPayment):
            self.opt(root, "НомерПлатежноРасчетногоДокумента", basis.number)
            self.el(root, "ДатаПлатежноРасчетногоДокумента", basis.date.isoformat())
        row = self.el(self.el(root, "ДокументыОснования"), "Строка")
        composite = self.el(row, "ДокументОснование")
        if isinstance(basis, BankPayment):
            self.payment_keys(composite, "ПБДСРасчетыСКонтрагентамиСсылка", basis, invoice.entity)
        else:
            self.document_keys(composite, "РеализацияТоваровУслугСсылка", basis)
        self.el(root, "ИННКонтрагента", invoice.counterparty.inn)
        self.opt(
            root,
            "КППКонтрагента",
            invoice.counterparty.kpp if invoice.counterparty.kind == PartyKind.LEGAL else None,
        )
        self.documents.append(root)
        self.counts[f"Документ.СчетФактураВыданный.{invoice.kind.value}"] += 1

    def payment_invoice(self, doc: Document) -> None:
        root = self.el(None, "Документ.СчетПокупателю")
        self.document_keys(root, "КлючевыеСвойства", doc)
        self.currency(root)
        self.el(root, "Сумма", _money(doc.amount_total))
        self.party_keys(root, "Контрагент", doc.counterparty)
        self.settlement(root, doc.contract)
        includes_vat = doc.contract.price_includes_vat
        self.el(root, "СуммаВключаетНДС", "true" if includes_vat else "false")
        account = doc.own_entity.primary_account
        if account is not None:
            self.bank_account(root, "БанковскийСчетОрганизации", account.account, doc.own_entity)
        self.lines(root, doc, includes_vat, with_kind=False)
        self.documents.append(root)
        self.counts["Документ.СчетПокупателю"] += 1

    def bank_account(self, parent: etree._Element, tag: str, number: str, entity: OwnEntity) -> None:
        known = self.accounts.get(number)
        keys = self.el(parent, tag)
        if known is not None:
            self.el(keys, "Ссылка", stable_ref("bank_accounts", known.id))
        self.el(keys, "НомерСчета", number)
        if known is not None:
            bank = self.el(self.el(keys, "Банк"), "ДанныеКлассификатораБанков")
            self.el(bank, "Наименование", known.bank_name)
            self.el(bank, "БИК", known.bik)
            self.opt(bank, "КоррСчет", known.corr_account)
        self.entity_keys(self.el(keys, "Владелец"), "ОрганизацииСсылка", entity)

    def payment(self, payment: BankPayment) -> None:
        entity = payment.own_entity
        if entity is None:  # a receipt on an account of no own entity is never exported (operations)
            return
        root = self.el(None, "Документ.ПБДСРасчетыСКонтрагентами")
        self.payment_keys(root, "КлючевыеСвойства", payment, entity)
        common = self.el(root, "ОбщиеДанные")
        self.el(common, "ДатаВыписки", payment.date.isoformat())
        self.el(common, "ДатаВходящегоДокумента", payment.date.isoformat())
        self.opt(common, "НомерВходящегоДокумента", payment.number)
        self.el(common, "ТипПлатежногоДокумента", "ПлатежноеПоручение")
        self.currency(common)
        self.el(common, "Сумма", _money(payment.amount))
        self.bank_account(common, "БанковскийСчетОрганизации", payment.own_account, entity)
        self.opt(common, "НазначениеПлатежа", payment.purpose)
        self.el(root, "ВидРасчетов", "СПокупателем")
        if payment.counterparty is not None:
            self.party_keys(root, "Контрагент", payment.counterparty)
        decoding = self.el(root, "РасшифровкаПлатежа")
        rest = payment.amount
        for allocation in sorted(payment.allocations, key=lambda a: a.id):
            row = self.el(decoding, "Строка")
            self.el(row, "Сумма", _money(allocation.amount))
            self.el(row, "СуммаВзаиморасчетов", _money(allocation.amount))
            self.settlement(row, allocation.document.contract)
            is_sale = allocation.document.kind == DocumentKind.UPD
            self.el(row, "СпособПогашенияЗадолженности", "ПоДокументу" if is_sale else "Автоматически")
            if is_sale:
                self.document_keys(
                    self.el(row, "ДокументРасчетов"), "РеализацияТоваровУслугСсылка", allocation.document
                )
            rest -= allocation.amount
        if rest > 0 or not payment.allocations:
            row = self.el(decoding, "Строка")
            self.el(row, "Сумма", _money(rest))
            self.settlement(row, None)
            self.el(row, "СпособПогашенияЗадолженности", "Автоматически")
        self.documents.append(root)
        self.counts["Документ.ПБДСРасчетыСКонтрагентами"] += 1

    # --- directories -----------------------------------------------------------------------

    def directories(self) -> list[etree._Element]:
        out: list[etree._Element] = []
        for entity in sorted(self.entities.values(), key=lambda e: e.id):
            root = self.el(None, "Справочник.Организации")
            self.entity_keys(root, "КлючевыеСвойства", entity)
            self.currency(root, "ВалютаРегламентированногоУчета")
            self.opt(root, "ОГРН", entity.ogrn)
            out.append(root)
        for party in sorted(self.counterparties.values(), key=lambda p: p.id):
            root = self.el(None, "Справочник.Контрагенты")
            self.party_keys(root, "КлючевыеСвойства", party)
            out.append(root)
        for contract in sorted(self.contracts.values(), key=lambda c: c.id):
            root = self.el(None, "Справочник.Договоры")
            self.contract_keys(root, "КлючевыеСвойства", contract)
            if contract.valid_to is not None:
                self.el(root, "СрокДействия", contract.valid_to.isoformat())
            out.append(root)
        for ref, (name, _unit) in sorted(self.items.items(), key=lambda item: item[1][0]):
            root = self.el(None, "Справочник.Номенклатура")
            keys = self.el(root, "КлючевыеСвойства")
            self.el(keys, "Ссылка", ref)
            self.el(keys, "НаименованиеПолное", name)
            self.el(keys, "Наименование", name)
            self.el(root, "ТипНоменклатуры", "Услуга")
            out.append(root)
        self.counts["Справочник.Организации"] = len(self.entities)
        self.counts["Справочник.Контрагенты"] = len(self.counterparties)
        self.counts["Справочник.Договоры"] = len(self.contracts)
        self.counts["Справочник.Номенклатура"] = len(self.items)
        return out


def build_message(data: ExportSet, version: str, created: dt.datetime) -> tuple[bytes, dict[str, int]]:
    """The message as UTF-8 bytes and the number of objects of each type written.

    ``created`` is the header's CreationDate (the only part that differs between two exports).
    """
    message = _Message(data, version)
    for doc in data.invoices:
        message.payment_invoice(doc)
    for doc in data.sales:
        message.sale(doc)
    for invoice in data.issued:
        message.issued_invoice(invoice)
    for payment in data.payments:
        message.payment(payment)
    directories = message.directories()

    root = etree.Element("Message", nsmap={"msg": MESSAGE_NS})
    header = etree.SubElement(root, f"{{{MESSAGE_NS}}}Header")
    etree.SubElement(header, f"{{{MESSAGE_NS}}}Format").text = message.ns
    etree.SubElement(header, f"{{{MESSAGE_NS}}}CreationDate").text = created.replace(
        microsecond=0
    ).isoformat()
    etree.SubElement(header, f"{{{MESSAGE_NS}}}AvailableVersion").text = version
    body = etree.SubElement(root, f"{{{message.ns}}}Body", nsmap=_default_ns(message.ns))
    _extend(body, directories)
    _extend(body, message.documents)
    etree.cleanup_namespaces(root)
    payload = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return bytes(payload), dict(sorted(message.counts.items()))


def _default_ns(uri: str) -> dict[str, str]:
    """A default-namespace map: lxml keys the default namespace by ``None``, its stubs want ``str``."""
    return cast("dict[str, str]", {None: uri})


def _extend(parent: etree._Element, children: Iterable[etree._Element]) -> None:
    for child in children:
        parent.append(child)
