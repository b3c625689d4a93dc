"""The Russian titles of what the audit log names: each audited table («Договор»), each column
(the model's ``info["label"]`` first, «Статус заявки»), each action, and the stored enumerations'
values (``common.labels`` where it has them, the rest here)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from sqlalchemy import Table

from desktop.core import models
from desktop.core.common import labels
from desktop.core.models import (
    AgreementAction,
    Base,
    ContractKind,
    ContractStatus,
    Decision,
    DispatchStatus,
    DocRequestState,
    DocumentKind,
    DocumentSet,
    DocumentStage,
    DocumentStatus,
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
    "doc_requests": "Запрос документов",
    "doc_request_lines": "Строка запроса документов",
    "doc_request_events": "Событие запроса документов",
    "doc_request_files": "Документ по запросу",
    "request_events": "Событие заявки",
    "request_approvals": "Шаг согласования",
    "users": "Пользователь",
    "own_entities": "Юрлицо",
    "entity_vat_regimes": "Режим НДС юрлица",
    "entity_services": "Услуга юрлица",
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
        "sf_waived": "Покупатель отказался от счетов-фактур",
        "sf_waiver_basis": "Основание отказа от счетов-фактур",
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
        "basis_id": "Основание документа",
        "payment_id": "Платёж (аванс)",
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
        "doc_request_id": "Запрос документов",
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
        "contract_number_approval": "Номер договора по запросу утверждает бухгалтер",
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
    "doc_requests": {
        "initiator": "Инициатор",
        "template": "Шаблон договора",
        "wanted": "Что нужно",
        "payment_terms": "Порядок оплаты",
        "contract_date": "Дата договора",
        "invoice_date": "Дата счёта",
        "valid_from": "Начало оказания услуг",
        "valid_to": "Окончание оказания услуг",
        "state": "Состояние",
        "reject_reason": "Причина отклонения",
        "assignee": "Бухгалтер",
        "number_pending": "Номер ждёт утверждения",
        "facsimile_allowed": "Экземпляры с печатью и факсимиле",
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
    ScanRole: {
        ScanRole.SIGNED: "Подписанный скан",
        ScanRole.ATTACHMENT: "Вложение запроса",
        **labels.SCAN_ROLE_TITLES,
    },
    DocRequestState: labels.DOC_REQUEST_STATE_TITLES,
    DispatchStatus: labels.DISPATCH_STATUS_TITLES,
}

MAIL_PURPOSE_TITLES = {"package": "Письмо с документами", "reminder": "Напоминание об оплате"}
ALLOCATION_TITLES = {"manual": "Вручную"}


def table_title(table: str) -> str:
    """«Договор» for ``contracts``; an unknown table by its name."""
    return TABLE_TITLES.get(table, table)


def action_title(action: str) -> str:
    return ACTION_TITLES.get(action, action)


def model_table(table: str) -> Table | None:
    """The model's table of that name (None for a table the program does not know)."""
    found = Base.metadata.tables.get(table)
    return found if isinstance(found, Table) else None


def column_title(table: str, column: str) -> str:
    """The column's title: its ``info["label"]`` in the model, else the table's own title, else the
    title shared by columns of that name; its name only when none is known."""
    model = model_table(table)
    if model is not None and column in model.columns:
        label = model.columns[column].info.get("label")
        if label:
            return str(label)
    return TABLE_COLUMNS.get(table, {}).get(column) or COLUMNS.get(column) or column


def enum_title(value: StrEnum) -> str:
    titles = ENUM_TITLES.get(type(value), {})
    return titles.get(value) or str(value.value)
