"""Two contracts of the same number under two own entities, one of them failing at closing.

Contract numbers are unique per own entity only: «Повторить неудачные» must pick the failed
contract by its id, never by its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from desktop.core.closing import plan as closing
from desktop.core.db import Database
from desktop.core.models import Contract, ContractKind, ContractLine

SAME_NUMBER = "Д-1"
# 0,001 × 1,00 rounds to 0,00: the plan warns, the closing refuses the contract (no document for nothing).
ZERO_QUANTITY, ZERO_PRICE = Decimal("0.001"), Decimal("1.00")


@dataclass(frozen=True)
class SameNumber:
    closes: int  # the contract that closes
    fails: int  # the contract of the other own entity, with the same number, that fails
    line_id: int  # the failing contract's broken line
    quantity: Decimal  # its quantity and price before it was broken
    price: Decimal


def same_number_one_failing(database: Database, period: str) -> SameNumber:
    """Pick two fixed contracts of two own entities that close in ``period``, give both the
    number ``SAME_NUMBER`` and break the second one's first line."""
    with database.session() as session:
        rows = [r for r in closing.plan(session, period).issuing() if r.kind == ContractKind.FIXED]
    first = rows[0]
    second = next(r for r in rows if r.entity_id != first.entity_id)
    with database.transaction() as session:
        for row in (first, second):
            contract = session.get(Contract, row.contract_id)
            assert contract is not None
            contract.number = SAME_NUMBER
        line = session.scalars(
            select(ContractLine)
            .where(ContractLine.contract_id == second.contract_id)
            .order_by(ContractLine.position)
            .limit(1)
        ).one()
        broken = SameNumber(first.contract_id, second.contract_id, line.id, line.quantity, line.price)
        line.quantity, line.price = ZERO_QUANTITY, ZERO_PRICE
    return broken


def repair(database: Database, broken: SameNumber) -> None:
    """Give the broken line back its quantity and price."""
    with database.transaction() as session:
        line = session.get(ContractLine, broken.line_id)
        assert line is not None
        line.quantity, line.price = broken.quantity, broken.price
