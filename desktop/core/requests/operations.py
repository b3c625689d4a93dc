"""Operations of the payment-request screens (each takes a :class:`Database`).

The registry table is lazy: ``request_ids`` gives the ids of a filter in an order with the count
and sums of the same filter (one session, so a footer matches the rows), ``requests_by_id`` the
requests of a page, ``names_and_payers`` the labels a row shows instead of ids and logins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import OwnEntity, PaymentRequest
from desktop.core.requests import workflow as pr


def request_ids(
    database: Database,
    flt: pr.RequestFilter,
    login: str,
    today: dt.date,
    order_key: str = "number",
    descending: bool = True,
) -> tuple[list[int], pr.Totals]:
    with database.session() as session:
        ids = list(session.scalars(pr.select_ids(flt, login, today, order_key, descending)))
        return ids, pr.totals(session, flt, login, today)


def requests_by_id(database: Database, ids: Sequence[int]) -> list[PaymentRequest]:
    """The requests of ``ids`` (detached), in that order."""
    with database.session() as session:
        return pr.load(session, ids)


def names_and_payers(database: Database) -> tuple[dict[str, str], dict[int, str]]:
    """Logins → user names, and own entity ids → short names."""
    with database.session() as session:
        names = pr.user_names(session)
        entities = {i: n for i, n in session.execute(select(OwnEntity.id, OwnEntity.short_name))}
    return names, entities


def user_role(database: Database, login: str) -> str | None:
    with database.session() as session:
        return pr.user_role(session, login)


def export_orders(
    database: Database,
    out: Path,
    *,
    own_entity_id: int | None = None,
    login: str | None = None,
    today: dt.date | None = None,
) -> pr.ExportResult:
    """The approved requests of one own entity not exported yet, as payment orders, marked exported."""
    with database.transaction() as session:
        return pr.export_orders(session, out, own_entity_id=own_entity_id, login=login, today=today)
