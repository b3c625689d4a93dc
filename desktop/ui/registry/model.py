"""The documents model behind the acts registry, the closing tab and the invoices list."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from sqlalchemy import Select, case, or_, select
from sqlalchemy.orm import Session

from desktop.core.models import Counterparty, Document, OwnEntity
from desktop.ui.common import fmt
from desktop.ui.common.lazy_table import Column, LazyTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentsModel", text)


KIND_TITLES = {
    "act": QT_TRANSLATE_NOOP("DocumentsModel", "Act"),
    "invoice": QT_TRANSLATE_NOOP("DocumentsModel", "Invoice"),
    "upd": QT_TRANSLATE_NOOP("DocumentsModel", "UPD"),
}


def pay_state_expr() -> Any:
    return case(
        (Document.paid_amount >= Document.amount_total, "paid"),
        (Document.paid_amount > 0, "partial"),
        else_="unpaid",
    )


class DocumentsModel(LazyTableModel):
    default_sort = ("date", True)
    """Current documents (replaced versions hidden), filtered by kind, period and search."""

    def __init__(self, database: Any, parent: Any = None, kinds: Sequence[str] = ()) -> None:
        self.columns = (
            Column("kind", QCoreApplication.translate("DocumentsModel", "Kind"), width=70),
            Column("number", QCoreApplication.translate("DocumentsModel", "Number"), width=90),
            Column("date", QCoreApplication.translate("DocumentsModel", "Date"), width=90),
            Column("period", QCoreApplication.translate("DocumentsModel", "Period"), width=80),
            Column("client", QCoreApplication.translate("DocumentsModel", "Client"), width=260),
            Column("entity", QCoreApplication.translate("DocumentsModel", "Own entity"), width=160),
            Column(
                "amount", QCoreApplication.translate("DocumentsModel", "Amount"), align_right=True, width=120
            ),
            Column("signed", QCoreApplication.translate("DocumentsModel", "Signed"), width=80),
            Column("sent", QCoreApplication.translate("DocumentsModel", "Sent"), width=90),
            Column("paid", QCoreApplication.translate("DocumentsModel", "Paid"), width=90),
        )
        self.kinds = tuple(kinds)
        self.period: str | None = None
        self.search = ""
        super().__init__(database, parent)

    def _order(self, key: str) -> Any:
        return {
            "kind": Document.kind,
            "number": Document.seq,
            "date": Document.date,
            "period": Document.period,
            "client": Counterparty.short_name,
            "entity": OwnEntity.short_name,
            "amount": Document.amount_total,
            "signed": Document.signed,
            "sent": Document.sent_at,
            "paid": pay_state_expr(),
        }[key]

    def select_ids(self, order_key: str, descending: bool) -> Select[Any]:
        stmt = (
            select(Document.id)
            .join(Counterparty, Counterparty.id == Document.counterparty_id)
            .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
            .where(Document.current.is_(True))
        )
        if self.kinds:
            stmt = stmt.where(Document.kind.in_(self.kinds))
        if self.period:
            stmt = stmt.where(Document.period == self.period)
        if self.search.strip():
            pattern = f"%{self.search.strip()}%"
            stmt = stmt.where(
                or_(
                    Document.number.ilike(pattern),
                    Counterparty.short_name.ilike(pattern),
                    Counterparty.inn.like(pattern),
                )
            )
        order = self._order(order_key)
        return stmt.order_by(order.desc() if descending else order.asc(), Document.id)

    def load_rows(self, session: Session, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        rows = session.execute(
            select(
                Document.id,
                Document.kind,
                Document.number,
                Document.date,
                Document.period,
                Counterparty.short_name,
                OwnEntity.short_name,
                Document.amount_total,
                Document.signed,
                Document.sent_at,
                pay_state_expr(),
            )
            .join(Counterparty, Counterparty.id == Document.counterparty_id)
            .join(OwnEntity, OwnEntity.id == Document.own_entity_id)
            .where(Document.id.in_(ids))
        )
        return {row[0]: tuple(row[1:]) for row in rows}

    def display(self, column: Column, value: Any) -> str:
        key = column.key
        if key == "kind":
            return _tr(KIND_TITLES.get(value, value))
        if key == "date":
            return fmt.date(value)
        if key == "amount":
            return fmt.money(Decimal(value))
        if key == "signed":
            return (
                QCoreApplication.translate("DocumentsModel", "yes")
                if value
                else QCoreApplication.translate("DocumentsModel", "no")
            )
        if key == "sent":
            return fmt.date(value.date()) if value else ""
        if key == "paid":
            return {
                "paid": QCoreApplication.translate("DocumentsModel", "paid"),
                "partial": QCoreApplication.translate("DocumentsModel", "partly"),
                "unpaid": QCoreApplication.translate("DocumentsModel", "unpaid"),
            }[value]
        return "" if value is None else str(value)
