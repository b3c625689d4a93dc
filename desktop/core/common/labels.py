"""The Russian title of every stored enumeration, once.

Documents, letters, file names, the command line and core's messages take their titles from here.
The enums themselves live beside their columns in :mod:`desktop.core.models` (a base module, as
``common`` may import it but no feature); the window's translatable titles (English source, Russian
in ``resources/i18n``) are the interface's own and stay in ``desktop/ui``.
"""

from __future__ import annotations

from desktop.core.models import (
    ContractKind,
    ContractStatus,
    DispatchStatus,
    DocRequestState,
    DocumentKind,
    PartyKind,
    RequestStatus,
    Role,
    ScanRole,
)

# A document kind as a heading or at the start of a name: «Акт № 5 от 31.10.2026», «Счёт 12».
KIND_TITLES: dict[DocumentKind, str] = {
    DocumentKind.ACT: "Акт",
    DocumentKind.INVOICE: "Счёт",
    DocumentKind.UPD: "УПД",
    DocumentKind.SF: "Счёт-фактура",
    DocumentKind.ADVANCE_SF: "Счёт-фактура на аванс",
    DocumentKind.UKD: "УКД",
}
# Inside a sentence: «Уже есть акт № 5», «к выпуску: акт, счёт».
KIND_NOUNS: dict[DocumentKind, str] = {
    DocumentKind.ACT: "акт",
    DocumentKind.INVOICE: "счёт",
    DocumentKind.UPD: "УПД",
    DocumentKind.SF: "счёт-фактура",
    DocumentKind.ADVANCE_SF: "счёт-фактура на аванс",
    DocumentKind.UKD: "УКД",
}
# After «к» (the document a УКД corrects): «УКД к акту № 5 от 31.10.2026», «к счёту-фактуре …».
KIND_DATIVE: dict[DocumentKind, str] = {
    DocumentKind.ACT: "акту",
    DocumentKind.INVOICE: "счёту",
    DocumentKind.UPD: "УПД",
    DocumentKind.SF: "счёту-фактуре",
    DocumentKind.ADVANCE_SF: "счёту-фактуре на аванс",
    DocumentKind.UKD: "УКД",
}
# The title printed on the form itself.
KIND_FORM_TITLES: dict[DocumentKind, str] = {
    DocumentKind.ACT: "Акт",
    DocumentKind.INVOICE: "Счёт на оплату",
    DocumentKind.UPD: "Универсальный передаточный документ",
    DocumentKind.SF: "Счёт-фактура",
    DocumentKind.ADVANCE_SF: "Счёт-фактура",
    DocumentKind.UKD: "Универсальный корректировочный документ",
}

CONTRACT_KIND_TITLES: dict[ContractKind, str] = {
    ContractKind.FIXED: "Фиксированный",
    ContractKind.VARIABLE: "По факту",
}
CONTRACT_STATUS_TITLES: dict[ContractStatus, str] = {
    ContractStatus.DRAFT: "Черновик",
    ContractStatus.ACTIVE: "Действует",
    ContractStatus.SUSPENDED: "Приостановлен",
    ContractStatus.CLOSED: "Закрыт",
}

PARTY_KIND_TITLES: dict[PartyKind, str] = {
    PartyKind.LEGAL: "Юрлицо",
    PartyKind.ENTREPRENEUR: "ИП",
    PartyKind.PERSON: "Физлицо",
}

ROLE_TITLES: dict[Role, str] = {
    Role.ACCOUNTANT: "Бухгалтер",
    Role.MANAGER: "Менеджер",
    Role.APPROVER: "Согласующий",
    Role.ADMIN: "Администратор",
}

REQUEST_STATUS_TITLES: dict[RequestStatus, str] = {
    RequestStatus.DRAFT: "Черновик",
    RequestStatus.APPROVAL: "На согласовании",
    RequestStatus.APPROVED: "Согласован к оплате",
    RequestStatus.PAID: "Оплачен",
    RequestStatus.REJECTED: "Отказано",
}

DOC_REQUEST_STATE_TITLES: dict[DocRequestState, str] = {
    DocRequestState.DRAFT: "Черновик",
    DocRequestState.SENT: "Отправлен",
    DocRequestState.IN_WORK: "В работе",
    DocRequestState.READY: "Готово",
    DocRequestState.REJECTED: "Отклонён",
    DocRequestState.CLOSED: "Закрыт",
}

# What a document request may ask for (``DocRequest.wanted``), in the order the form shows them.
DOC_REQUEST_WANTED_TITLES: dict[str, str] = {
    "contract": "Договор",
    "invoice": "Счёт на оплату",
    "act": "Акт",
    "upd": "УПД",
    "copies": "Копии подписанных документов",
}

# What a file attached to a payment request is (a document's or a contract's scan is «signed»).
SCAN_ROLE_TITLES: dict[ScanRole, str] = {
    ScanRole.E_INVOICE: "Эл. версия счёта",
    ScanRole.PAYMENT_ORDER: "Платёжное поручение",
}

DISPATCH_STATUS_TITLES: dict[DispatchStatus, str] = {
    DispatchStatus.SENT: "отправлено",
    DispatchStatus.FAILED: "ошибка",
}


def kind_title(kind: str) -> str:
    """«Акт», «Счёт», «УПД» for a document kind (a member or its stored value); anything else as it is."""
    try:
        return KIND_TITLES[DocumentKind(kind)]
    except ValueError:
        return kind
