"""Approved payment requests written as payment orders for the bank client (1CClientBankExchange,
through ``desktop.core.bank.orders``) and marked exported. The rules of the format:
docs/domain.md, «Payment-order export».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.bank.orders import (
    BankDetails,
    PartyDetails,
    PaymentOrder,
    save_payment_orders,
    write_payment_orders,
)
from desktop.core.common.events import acting_login, log_event
from desktop.core.errors import ValidationError
from desktop.core.models import OwnEntity, PaymentRequest, RequestStatus
from desktop.core.requests.permissions import STATUS_TITLES, Action, WorkflowError, require, user_role
from desktop.core.requests.queries import load
from desktop.core.requests.workflow import apply


def order_number(request: PaymentRequest) -> str:
    """The number of the payment order written for a request: its sequence number, digits only.

    Banks refuse order numbers ending in «000» (docs/domain.md, «Payment-order export»), so such a
    number gets a trailing 1.
    """
    number = str(request.seq % 1_000_000)
    if number.endswith("000"):
        number = (number + "1")[-6:]
    return number


@dataclass
class ExportResult:
    path: Path
    entity: str  # short name
    entity_inn: str
    account: str
    requests: list[str]  # numbers
    total: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "entity": self.entity,
            "entity_inn": self.entity_inn,
            "account": self.account,
            "orders": len(self.requests),
            "requests": self.requests,
            "total": f"{self.total:.2f}",
        }


def exportable(
    session: Session, own_entity_id: int | None = None, *, include_exported: bool = False
) -> list[PaymentRequest]:
    """Approved rouble requests not yet exported (or all approved with ``include_exported``), by pay-by date."""
    stmt = select(PaymentRequest).where(
        PaymentRequest.status == RequestStatus.APPROVED, PaymentRequest.currency == "RUB"
    )
    if own_entity_id is not None:
        stmt = stmt.where(PaymentRequest.own_entity_id == own_entity_id)
    if not include_exported:
        stmt = stmt.where(PaymentRequest.exported_at.is_(None))
    return list(
        session.scalars(stmt.order_by(PaymentRequest.pay_by, PaymentRequest.year, PaymentRequest.seq))
    )


def export_orders(
    session: Session,
    out: Path,
    *,
    own_entity_id: int | None = None,
    request_ids: Sequence[int] | None = None,
    include_exported: bool = False,
    login: str | None = None,
    today: dt.date | None = None,
    created: dt.datetime | None = None,
) -> ExportResult:
    """Write approved requests of one own entity as payment orders (1CClientBankExchange, cp1251)
    and mark them exported. Everything is checked before the file is written; nothing is marked
    when it cannot be written."""
    login = acting_login(session, login)
    today = today or dt.date.today()
    if request_ids is not None:
        requests = load(session, list(request_ids))
        for request in requests:
            if request.status != RequestStatus.APPROVED:
                raise WorkflowError(
                    f"Заявка № {request.number} в статусе «{STATUS_TITLES[RequestStatus(request.status)]}»: "
                    "выгружаются только согласованные к оплате."
                )
            if request.currency != "RUB":
                raise ValidationError(
                    f"Заявка № {request.number} в валюте {request.currency}: платёжным поручением в рублях "
                    "её не оплатить — нужно валютное поручение."
                )
    else:
        requests = exportable(session, own_entity_id, include_exported=include_exported)
    if not requests:
        raise ValidationError("Нет согласованных к оплате заявок (в рублях), которые ещё не выгружены.")
    entities = sorted({r.own_entity_id for r in requests})
    if len(entities) > 1:
        names = ", ".join(
            f"{e.short_name} (ИНН {e.inn})"
            for e in session.scalars(select(OwnEntity).where(OwnEntity.id.in_(entities)))
        )
        raise ValidationError(
            f"Согласованные заявки есть у нескольких юрлиц: {names}. Один файл — один счёт плательщика: "
            "выберите юрлицо-плательщика (в фильтре «Юрлицо» на вкладке или --entity ИНН в командной строке)."
        )
    role = user_role(session, login)
    for request in requests:
        require(session, request, Action.EXPORT, login, role)
    entity = requests[0].own_entity
    account = entity.primary_account
    if account is None:
        raise ValidationError(
            f"У юрлица «{entity.short_name}» нет расчётного счёта: добавьте его в карточке юрлица."
        )
    sender = PartyDetails(entity.short_name, entity.inn, entity.kpp or "")
    bank = BankDetails(account.account, account.bik, account.corr_account, account.bank_name)
    orders = [
        PaymentOrder(
            number=order_number(r),
            date=today,
            amount=r.amount,
            payee=PartyDetails(r.contractor_name, r.contractor_inn, r.contractor_kpp),
            payee_bank=BankDetails(
                r.contractor_account, r.contractor_bik, r.contractor_corr_account, r.contractor_bank_name
            ),
            purpose=r.purpose,
        )
        for r in requests
    ]
    data = write_payment_orders(orders, sender, bank, today, today, created=created)
    path = save_payment_orders(Path(out), data)
    for request, order in zip(requests, orders, strict=True):
        note = f"Выгружено платёжное поручение № {order.number} от {today:%d.%m.%Y} в файл «{path.name}»"
        apply(session, request, "export", login, note)
    log_event(
        session,
        "payment_request",
        None,
        "export",
        {"file": str(path), "requests": [r.number for r in requests]},
        user=login,
    )
    return ExportResult(
        path=path,
        entity=entity.short_name,
        entity_inn=entity.inn,
        account=account.account,
        requests=[r.number for r in requests],
        total=sum((r.amount for r in requests), Decimal("0.00")),
    )
