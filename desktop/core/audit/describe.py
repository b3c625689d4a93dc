"""The audit log in words: the Russian title of each table and column, stored values as a person
reads them, and «what changed» as text («Статус: На согласовании → Согласован к оплате»).

A change is stored by the database's triggers (migration 0007) as ``{column: [old, new]}``
(``[null, value]`` for a new row, ``[value, null]`` for a deleted one) in the column's stored form:
money a JSON number on PostgreSQL and decimal text on SQLite (whose triggers turn its integers of
kopecks back), booleans true/false or 0/1, dates and moments ISO text, enumerations their short
ASCII values. :func:`decode` turns that back into what the model holds
(with the column's own type), :func:`show_value` into text: enum members by their titles
(``common.labels`` where one exists), money by ``common.money``, booleans «да»/«нет», moments on
the local clock, logins as «Иванова А. (buh.ivanova)», references to other rows by their name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Table
from sqlalchemy import Enum as SAEnum

from desktop.core import models
from desktop.core.common import labels
from desktop.core.common.formats import format_date
from desktop.core.common.money import format_money, format_quantity
from desktop.core.models import (
    AgreementAction,
    Base,
    ContractKind,
    ContractStatus,
    Decision,
    DispatchStatus,
    DocumentKind,
    DocumentSet,
    DocumentStage,
    DocumentStatus,
    ExactDecimal,
    PartyKind,
    PaymentDirection,
    PaymentStatus,
    PaymentTerms,
    Periodicity,
    Proration,
    RequestStatus,
    Role,
    ScanRole,
    ScanStatus,
    VatRegime,
)

INSERT, UPDATE, DELETE = "insert", "update", "delete"
ACTIONS = (INSERT, UPDATE, DELETE)
ACTION_TITLES = {INSERT: "Создание", UPDATE: "Изменение", DELETE: "Удаление"}

# The tables the database's triggers write the log for (the «Объект» choices), in menu order.
AUDITED_TABLES = models.AUDITED_TABLES

TABLE_TITLES = {
    "contracts": "Договор",
    "contract_lines": "Строка договора",
    "agreements": "Доп. соглашение",
    "agreement_changes": "Изменение по доп. соглашению",
    "work_orders": "Заказ-наряд",
    "documents": "Документ",
    "document_lines": "Строка документа",
    "scans": "Скан",
    "bank_payments": "Платёж",
    "payment_allocations": "Разнесение платежа",
    "payment_requests": "Заявка на оплату",
    "request_events": "Событие заявки",
    "request_approvals": "Шаг согласования",
    "users": "Пользователь",
    "own_entities": "Юрлицо",
    "entity_vat_regimes": "Режим НДС юрлица",
    "bank_accounts": "Расчётный счёт",
    "counterparties": "Контрагент",
    "services": "Услуга",
    "units": "Единица измерения",
    "mail_templates": "Шаблон письма",
    "approval_rules": "Правило согласования",
    "budget_items": "Статья ДДС",
    "cost_centres": "ЦФО",
    "dispatches": "Отправка",
    "dispatch_documents": "Документ отправки",
    "notifications": "Уведомление",
    "number_sequences": "Нумератор",
    "events": "Событие",
    "audit_log": "Журнал изменений",
}

# Columns of the same name mean the same in every table (a table's own title wins: TABLE_COLUMNS).
COLUMNS = {
    "id": "Код записи",
    "number": "Номер",
    "date": "Дата",
    "status": "Статус",
    "kind": "Вид",
    "is_active": "Активен",
    "own_entity_id": "Юрлицо",
    "counterparty_id": "Контрагент",
    "contract_id": "Договор",
    "document_id": "Документ",
    "payment_id": "Платёж",
    "manager_id": "Менеджер",
    "budget_item_id": "Статья ДДС",
    "cost_centre_id": "ЦФО",
    "short_name": "Краткое наименование",
    "full_name": "Полное наименование",
    "inn": "ИНН",
    "kpp": "КПП",
    "ogrn": "ОГРН",
    "legal_address": "Юридический адрес",
    "postal_address": "Почтовый адрес",
    "region": "Регион",
    "email": "E-mail",
    "emails": "E-mail для документов",
    "phone": "Телефон",
    "edo_id": "Идентификатор ЭДО",
    "bank_name": "Банк",
    "bik": "БИК",
    "account": "Расчётный счёт",
    "corr_account": "Корр. счёт",
    "director_name": "Руководитель",
    "director_position": "Должность руководителя",
    "director_basis": "Действует на основании",
    "code": "Код",
    "name": "Наименование",
    "title": "Название",
    "stage": "Этап",
    "description": "Описание",
    "scan_path": "Файл скана",
    "scan_sha256": "Контрольная сумма скана",
    "created_at": "Создан",
    "created_by": "Кто создал",
    "updated_at": "Изменён",
    "updated_by": "Кто изменил",
    "amount": "Сумма",
    "purpose": "Назначение платежа",
    "vat_rate": "Ставка НДС",
    "comment": "Комментарий",
    "approver_login": "Согласующий",
    "year": "Год",
    "seq": "Порядковый номер",
}

TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "contracts": {
        "subject": "Предмет договора",
        "template": "Шаблон договора",
        "valid_from": "Действует с",
        "valid_to": "Действует по",
        "kind": "Тип договора",
        "periodicity": "Периодичность",
        "payment_terms": "Условия оплаты",
        "postpay_days": "Дней отсрочки",
        "postpay_banking_days": "Отсрочка в банковских днях",
        "documents": "Комплект документов",
        "detail_appendix": "Приложение с детализацией",
        "price_includes_vat": "Цена включает НДС",
        "proration": "Неполный период",
        "facsimile_allowed": "Факсимиле разрешено",
        "acceptance_days": "Дней на приёмку",
        "status": "Статус договора",
        "previous_id": "Предыдущий договор",
        "created_at": "Создан",
    },
    "agreements": {
        "effective_date": "Действует с",
        "ends_contract_on": "Договор прекращается",
    },
    "documents": {
        "kind": "Вид документа",
        "stage": "Этап оплаты",
        "period": "Период",
        "period_start": "Начало периода",
        "period_end": "Конец периода",
        "due_date": "Срок оплаты",
        "upd_status": "Статус УПД",
        "status": "Статус документа",
        "current": "Действующая версия",
        "version": "Версия",
        "replaces_id": "Заменяет документ",
        "with_stamp": "С печатью",
        "docx_path": "Файл DOCX",
        "pdf_path": "Файл PDF",
        "xml_path": "Файл XML",
        "signed": "Подписан",
        "signed_at": "Когда подписан",
        "signed_by": "Кто отметил подписание",
        "sent_at": "Когда отправлен",
        "sent_via": "Как отправлен",
        "created_at": "Создан",
    },
    "scans": {
        "payment_request_id": "Заявка на оплату",
        "role": "Назначение файла",
        "status": "Состояние",
        "original_name": "Имя файла",
        "path": "Путь на общей папке",
        "outbox_path": "Путь в очереди отправки",
        "sha256": "Контрольная сумма",
        "size": "Размер, байт",
        "kind": "Формат файла",
        "added_at": "Добавлен",
        "added_by": "Кто добавил",
        "last_error": "Последняя ошибка",
    },
    "bank_payments": {
        "fingerprint": "Отпечаток документа выписки",
        "direction": "Направление",
        "own_account": "Наш счёт",
        "doc_kind": "Вид документа",
        "payer_name": "Плательщик",
        "payer_inn": "ИНН плательщика",
        "payer_kpp": "КПП плательщика",
        "payer_account": "Счёт плательщика",
        "payer_bik": "БИК банка плательщика",
        "payee_name": "Получатель",
        "payee_inn": "ИНН получателя",
        "payee_kpp": "КПП получателя",
        "payee_account": "Счёт получателя",
        "payee_bik": "БИК банка получателя",
        "status": "Разнесение",
        "source_file": "Файл выписки",
        "imported_at": "Загружен",
        "imported_by": "Кто загрузил",
    },
    "payment_allocations": {
        "confidence": "Способ разнесения",
        "created_at": "Разнесено",
        "created_by": "Кто разнёс",
    },
    "payment_requests": {
        "number": "Номер заявки",
        "subject": "За что платим",
        "contractor_name": "Получатель платежа",
        "contractor_inn": "ИНН получателя",
        "contractor_kpp": "КПП получателя",
        "contractor_bank_name": "Банк получателя",
        "contractor_bik": "БИК банка получателя",
        "contractor_account": "Счёт получателя",
        "contractor_corr_account": "Корр. счёт банка получателя",
        "currency": "Валюта",
        "pay_by": "Оплатить до",
        "status": "Статус",
        "initiator": "Инициатор",
        "approver": "Кто согласовал",
        "exported_at": "Выгружена в банк",
        "paid_at": "Оплачена",
        "payment_id": "Платёж",
        "route_round": "Круг согласования",
        "created_at": "Создана",
        "updated_at": "Изменена",
    },
    "request_approvals": {
        "request_id": "Заявка на оплату",
        "round": "Круг согласования",
        "stage": "Этап согласования",
        "title": "Должность согласующего",
        "decision": "Решение",
        "decided_by": "Кто решил",
        "decided_at": "Когда решено",
    },
    "users": {
        "login": "Логин",
        "full_name": "ФИО",
        "role": "Роль",
        "is_active": "Работает",
    },
    "own_entities": {
        "vat_regime": "Режим НДС",
        "doc_prefix": "Префикс номеров",
        "contract_number_pattern": "Шаблон номера договора",
        "accountant_name": "Главный бухгалтер",
        "stamp_image": "Изображение печати",
        "facsimile_image": "Факсимиле подписи",
    },
    "bank_accounts": {
        "is_primary": "Основной счёт",
    },
    "counterparties": {
        "kind": "Тип контрагента",
    },
    "mail_templates": {
        "purpose": "Письмо",
        "source": "Текст шаблона",
        "updated_at": "Изменён",
        "updated_by": "Кто изменил",
    },
    "approval_rules": {
        "stage": "Этап согласования",
        "title": "Должность согласующего",
    },
}

# Enumerations whose title is not in common.labels yet (the rest come from there).
_OWN_ENUM_TITLES: dict[type[StrEnum], Mapping[Any, str]] = {
    Periodicity: {
        Periodicity.MONTH: "Ежемесячно",
        Periodicity.QUARTER: "Ежеквартально",
        Periodicity.YEAR: "Ежегодно",
    },
    PaymentTerms: {
        PaymentTerms.PREPAY_100: "Предоплата 100%",
        PaymentTerms.PREPAY_70_30: "Предоплата 70/30",
        PaymentTerms.POSTPAY: "Постоплата",
    },
    DocumentSet: {
        DocumentSet.ACT_INVOICE: "Акт и счёт",
        DocumentSet.UPD: "УПД",
        DocumentSet.ACT_INVOICE_UPD: "Акт, счёт и УПД",
    },
    Proration: {
        Proration.CALENDAR_DAYS: "По календарным дням",
        Proration.WORKING_DAYS: "По рабочим дням",
        Proration.WHOLE_MONTH_IF_BEFORE_15: "Весь месяц, если начало до 15-го",
    },
    DocumentStage: {
        DocumentStage.FULL: "Полная сумма",
        DocumentStage.PREPAY: "Аванс",
        DocumentStage.FINAL: "Окончательный расчёт",
    },
    DocumentStatus: {
        DocumentStatus.ISSUED: "Выставлен",
        DocumentStatus.SENT: "Отправлен",
        DocumentStatus.SIGNED: "Подписан",
        DocumentStatus.REPLACED: "Заменён",
        DocumentStatus.CANCELLED: "Аннулирован",
    },
    VatRegime: {
        VatRegime.VAT22: "НДС по общей ставке",
        VatRegime.VAT10: "НДС 10%",
        VatRegime.VAT0: "НДС 0%",
        VatRegime.NO_VAT: "Без НДС",
        VatRegime.USN5: "УСН, НДС 5%",
        VatRegime.USN7: "УСН, НДС 7%",
    },
    ScanStatus: {ScanStatus.STORED: "На общей папке", ScanStatus.PENDING: "Ждёт отправки на общую папку"},
    PaymentDirection: {PaymentDirection.INCOMING: "Входящий", PaymentDirection.OUTGOING: "Исходящий"},
    PaymentStatus: {
        PaymentStatus.UNALLOCATED: "Не разнесён",
        PaymentStatus.PARTIAL: "Разнесён частично",
        PaymentStatus.ALLOCATED: "Разнесён",
        PaymentStatus.IGNORED: "Не платёж клиента",
    },
    Decision: {
        Decision.APPROVED: "Согласовано",
        Decision.REJECTED: "Отказано",
        Decision.RETURNED: "Возвращено на доработку",
    },
    AgreementAction: {
        AgreementAction.CHANGE: "Изменение строки",
        AgreementAction.ADD: "Новая строка",
        AgreementAction.REMOVE: "Исключение строки",
    },
}
ENUM_TITLES: dict[type[StrEnum], Mapping[Any, str]] = {
    **_OWN_ENUM_TITLES,
    DocumentKind: labels.KIND_TITLES,
    ContractKind: labels.CONTRACT_KIND_TITLES,
    ContractStatus: labels.CONTRACT_STATUS_TITLES,
    PartyKind: labels.PARTY_KIND_TITLES,
    Role: labels.ROLE_TITLES,
    RequestStatus: labels.REQUEST_STATUS_TITLES,
    ScanRole: {ScanRole.SIGNED: "Подписанный скан", **labels.SCAN_ROLE_TITLES},
    DispatchStatus: labels.DISPATCH_STATUS_TITLES,
}

# Columns holding a person's login: shown as «Иванова А. (buh.ivanova)».
LOGIN_COLUMNS = frozenset(
    {
        "initiator",
        "approver",
        "approver_login",
        "decided_by",
        "created_by",
        "signed_by",
        "added_by",
        "updated_by",
        "imported_by",
    }
)

MAIL_PURPOSE_TITLES = {"package": "Письмо с документами", "reminder": "Напоминание об оплате"}
ALLOCATION_TITLES = {"manual": "Вручную"}

# The columns that name a row of a table (its «№/id» and the name a reference to it shows).
LABEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "contracts": ("number",),
    "agreements": ("number",),
    "documents": ("kind", "number"),
    "scans": ("original_name",),
    "bank_payments": ("number", "date"),
    "payment_requests": ("number",),
    "request_approvals": ("title", "approver_login"),
    "users": ("full_name", "login"),
    "own_entities": ("short_name",),
    "bank_accounts": ("account",),
    "counterparties": ("short_name",),
    "mail_templates": ("purpose",),
    "approval_rules": ("title",),
    "budget_items": ("code", "name"),
    "cost_centres": ("code", "name"),
    "services": ("name",),
}

EMPTY = "—"
SHORT = 60  # characters of one value in the one-line summary (the details show it whole)


def table_title(table: str) -> str:
    """«Договор» for ``contracts``; an unknown table by its name."""
    return TABLE_TITLES.get(table, table)


def action_title(action: str) -> str:
    return ACTION_TITLES.get(action, action)


def _table(table: str) -> Table | None:
    found = Base.metadata.tables.get(table)
    return found if isinstance(found, Table) else None


def column_title(table: str, column: str) -> str:
    """The column's title: its ``info["label"]`` in the model, else the table's own title, else the
    title shared by columns of that name; its name only when none is known."""
    model = _table(table)
    if model is not None and column in model.columns:
        label = model.columns[column].info.get("label")
        if label:
            return str(label)
    return TABLE_COLUMNS.get(table, {}).get(column) or COLUMNS.get(column) or column


def short_person(full_name: str) -> str:
    """«Иванова Анна Сергеевна» → «Иванова А.»; one word stays as it is."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip()
    initial = parts[1][0]
    return f"{parts[0]} {initial}." if initial.isalpha() else " ".join(parts[:2])


def person(login: str, names: Mapping[str, str]) -> str:
    """«Иванова А. (buh.ivanova)» for a known login; the login itself otherwise."""
    name = short_person(names.get(login) or "")
    return f"{name} ({login})" if name else login


def parse_changes(text: str | None) -> dict[str, tuple[Any, Any]]:
    """``{column: (old, new)}`` of a stored change; numbers read exactly (Decimal, never float).

    A value that is not an ``[old, new]`` pair is taken as the new value; text that is not a JSON
    object gives no changes rather than an error (the log is read, never refused).
    """
    try:
        data = json.loads(text or "{}", parse_float=Decimal)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    out: dict[str, tuple[Any, Any]] = {}
    for column, pair in data.items():
        if isinstance(pair, list) and len(pair) == 2:
            out[str(column)] = (pair[0], pair[1])
        else:
            out[str(column)] = (None, pair)
    return out


def column_order(table: str, columns: list[str]) -> list[str]:
    """``columns`` in the order the model declares them; unknown ones after, by name."""
    model = _table(table)
    known = [c.name for c in model.columns] if model is not None else []
    position = {name: index for index, name in enumerate(known)}
    return sorted(columns, key=lambda c: (position.get(c, len(known)), c))


def referenced_table(table: str, column: str) -> str | None:
    """The table a foreign-key column points to (``counterparty_id`` → ``counterparties``)."""
    model = _table(table)
    if model is None or column not in model.columns:
        return None
    for key in model.columns[column].foreign_keys:
        return str(key.column.table.name)
    return None


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _as_moment(value: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def decode(table: str, column: str, value: Any) -> Any:
    """A stored value as the model holds it (Decimal, bool, date, datetime in UTC, enum member…),
    by the column's type; the value itself when it does not read as that type."""
    model = _table(table)
    if value is None or model is None or column not in model.columns:
        return value
    kind = model.columns[column].type
    if isinstance(kind, ExactDecimal):
        number = _as_decimal(value)  # decimal text on SQLite (its triggers scale the integers back)
        return value if number is None else number.quantize(kind.kind.quantum)
    if isinstance(kind, Boolean):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "t", "true", "y", "yes")
        return bool(value)
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        try:
            return kind.enum_class(value)
        except ValueError:
            return value
    if isinstance(kind, DateTime):
        return _as_moment(value) or value
    if isinstance(kind, Date):
        try:
            return dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            return value
    if isinstance(kind, Integer) and not isinstance(value, bool):
        number = _as_decimal(value)
        return int(number) if number is not None and number == number.to_integral_value() else value
    return value


def local_moment(at: dt.datetime) -> dt.datetime:
    """A stored UTC moment on the local clock, without a time zone (as a spreadsheet cell holds it)."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def moment_text(at: dt.datetime) -> str:
    """``30.11.2026 10:15:07`` on the local clock for a stored UTC moment."""
    return f"{local_moment(at):%d.%m.%Y %H:%M:%S}"


def enum_title(value: StrEnum) -> str:
    titles = ENUM_TITLES.get(type(value), {})
    return titles.get(value) or str(value.value)


@dataclass(frozen=True)
class Context:
    """What showing values needs besides the values: people's names by login, and the names of
    the rows references point to, by (table, key as text)."""

    names: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[tuple[str, str], str] = field(default_factory=dict)


def key_text(value: Any) -> str:
    """A key as the log stores it in ``row_id``: ``5`` (not ``5.0``) for a number."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    return str(value)


def row_label(table: str, values: Mapping[str, Any], names: Mapping[str, str] | None = None) -> str:
    """The name of a row from its (decoded) values: «Акт № 12», «ООО Ромашка», «Иванова А.
    (buh.ivanova)»; empty when its naming columns are not among ``values``."""
    columns = LABEL_COLUMNS.get(table, ())
    if not columns or not any(values.get(c) not in (None, "") for c in columns):
        return ""
    if table == "documents":
        kind = values.get("kind")
        title = enum_title(kind) if isinstance(kind, StrEnum) else labels.kind_title(str(kind or ""))
        return f"{title} № {values.get('number') or ''}".strip()
    if table in ("payment_requests", "agreements"):
        return f"№ {values.get('number')}"
    if table == "bank_payments":
        day = values.get("date")
        when = f" от {format_date(day)}" if isinstance(day, dt.date) else ""
        return f"№ {values.get('number') or ''}{when}"
    if table == "users":
        login = str(values.get("login") or "")
        name = short_person(str(values.get("full_name") or ""))
        return f"{name} ({login})" if name and login else name or login
    if table == "request_approvals":
        title = str(values.get("title") or "")
        approver = values.get("approver_login")
        who = person(str(approver), names or {}) if approver else ""
        return ", ".join(part for part in (title, who) if part)
    if table == "mail_templates":
        purpose = str(values.get("purpose") or "")
        return MAIL_PURPOSE_TITLES.get(purpose, purpose)
    parts = [key_text(values[c]) for c in columns if values.get(c) not in (None, "")]
    return " ".join(parts)


def show_value(table: str, column: str, value: Any, context: Context) -> str:
    """A stored value as text for a person (see the module's docstring); «—» for nothing."""
    value = decode(table, column, value)
    if value is None or value == "":
        return EMPTY
    if column in LOGIN_COLUMNS and isinstance(value, str):
        return person(value, context.names)
    if table == "mail_templates" and column == "purpose":
        return MAIL_PURPOSE_TITLES.get(str(value), str(value))
    if table == "payment_allocations" and column == "confidence":
        return ALLOCATION_TITLES.get(str(value), str(value))
    target = referenced_table(table, column)
    if target is not None:
        key = key_text(value)
        label = context.labels.get((target, key))
        return label or f"id {key}"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, StrEnum):
        return enum_title(value)
    if isinstance(value, Decimal):
        model = _table(table)
        kind = model.columns[column].type if model is not None and column in model.columns else None
        if isinstance(kind, ExactDecimal) and kind.kind.places == 2:
            return format_money(value)
        return format_quantity(value)
    if isinstance(value, dt.datetime):
        return moment_text(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass(frozen=True)
class Change:
    """One column of a change: its title and the old and new values as text («—» for none)."""

    column: str
    title: str
    old: str
    new: str


def describe_changes(
    table: str, action: str, changes: Mapping[str, tuple[Any, Any]], context: Context
) -> list[Change]:
    """The changed columns in the model's order, each shown. A new row lists its filled columns, a
    deleted row those it had; the row's own id (the «№/id» column shows it) is left out of both. A
    change that reads the same before and after (a moment moved within its second) is left out
    when there are others."""
    out = []
    for column in column_order(table, list(changes)):
        old, new = changes[column]
        if action in (INSERT, DELETE) and (column == "id" or (old is None and new is None)):
            continue
        if action == INSERT and new in (None, ""):
            continue
        if action == DELETE and old in (None, ""):
            continue
        out.append(
            Change(
                column,
                column_title(table, column),
                show_value(table, column, old, context),
                show_value(table, column, new, context),
            )
        )
    visible = [c for c in out if c.old != c.new]
    return visible if action == UPDATE and visible else out


_BREAKS = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break space that groups an amount's digits


def _short(text: str, limit: int | None) -> str:
    text = _BREAKS.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        return text[: limit - 1].rstrip() + "…"
    return text


def change_text(action: str, changes: list[Change], *, limit: int | None = SHORT, sep: str = "; ") -> str:
    """«Статус: На согласовании → Согласован к оплате; Сумма заявки: 1 000,00 → 2 000,00» for an
    update; «Номер: 12; Сумма: 1 000,00» (the values it got, or had) for a new or deleted row.
    ``limit`` shortens each value (None: whole)."""
    parts = []
    for change in changes:
        if action == INSERT:
            parts.append(f"{change.title}: {_short(change.new, limit)}")
        elif action == DELETE:
            parts.append(f"{change.title}: {_short(change.old, limit)}")
        else:
            parts.append(f"{change.title}: {_short(change.old, limit)} → {_short(change.new, limit)}")
    return sep.join(parts) if parts else EMPTY
