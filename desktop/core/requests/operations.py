"""Operations of the payment-request screens (each takes a :class:`Database`).

The registry table is lazy: ``request_ids`` gives the ids of a filter in an order with the count
and sums of the same filter (one session, so a footer matches the rows), ``requests_by_id`` the
requests of a page, ``names_and_payers`` the labels a row shows instead of ids and logins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.core.db import Database
from desktop.core.models import Counterparty, OwnEntity, PaymentRequest, Scan
from desktop.core.requests import attachments, export, permissions, queries, validation, workflow
from desktop.core.scans.store import AttachResult, ScanStore


def request_ids(
    database: Database,
    flt: queries.RequestFilter,
    login: str,
    today: dt.date,
    order_key: str = "number",
    descending: bool = True,
) -> tuple[list[int], queries.Totals]:
    with database.session() as session:
        ids = list(session.scalars(queries.select_ids(flt, login, today, order_key, descending)))
        return ids, queries.totals(session, flt, login, today)


def requests_by_id(database: Database, ids: Sequence[int]) -> list[PaymentRequest]:
    """The requests of ``ids`` (detached), in that order."""
    with database.session() as session:
        return queries.load(session, ids)


def names_and_payers(database: Database) -> tuple[dict[str, str], dict[int, str]]:
    """Logins → user names, and own entity ids → short names."""
    with database.session() as session:
        names = permissions.user_names(session)
        entities = {i: n for i, n in session.execute(select(OwnEntity.id, OwnEntity.short_name))}
    return names, entities


def user_role(database: Database, login: str) -> str | None:
    with database.session() as session:
        return permissions.user_role(session, login)


def export_orders(
    database: Database,
    out: Path,
    *,
    own_entity_id: int | None = None,
    login: str | None = None,
    today: dt.date | None = None,
) -> export.ExportResult:
    """The approved requests of one own entity not exported yet, as payment orders, marked exported."""
    with database.transaction() as session:
        return export.export_orders(session, out, own_entity_id=own_entity_id, login=login, today=today)


@dataclass(frozen=True)
class RequestCard:
    """A request (detached, its history loaded), its attachments, the names of the people and what
    the user may do with it."""

    request: PaymentRequest
    attachments: list[Scan]
    names: dict[str, str]
    allowed: dict[permissions.Action, str | None]


def request_card(database: Database, request_id: int, login: str) -> RequestCard | None:
    with database.session() as session:
        request = session.get(PaymentRequest, request_id, options=[selectinload(PaymentRequest.history)])
        if request is None:
            return None
        return RequestCard(
            request,
            attachments.attachments(session, request_id),
            permissions.user_names(session),
            permissions.allowed_actions(session, request, login),
        )


def counterparty_requisites(database: Database, counterparty_id: int) -> validation.Requisites | None:
    """The bank requisites a request copies from a counterparty's card (None when it is gone)."""
    with database.session() as session:
        party = session.get(Counterparty, counterparty_id)
        return validation.requisites_of(party) if party is not None else None


def save_request(
    database: Database,
    request_id: int | None,
    values: validation.RequestInput,
    *,
    login: str,
    today: dt.date,
    submit_comment: str | None = None,
) -> int:
    """Create or update a request (and send it for approval when ``submit_comment`` is given); its id."""
    with database.transaction() as session:
        if request_id is None:
            request_id = workflow.create_request(session, values, login=login, today=today).id
        else:
            workflow.update_request(session, request_id, values, login=login)
        if submit_comment is not None:
            workflow.submit(session, request_id, login=login, comment=submit_comment)
        return request_id


def move_request(
    database: Database,
    request_id: int,
    action: permissions.Action,
    *,
    login: str,
    comment: str,
    paid_on: dt.date,
) -> None:
    """Approve, reject, return or pay a request (``workflow.transition``)."""
    with database.transaction() as session:
        workflow.transition(session, request_id, action, login=login, comment=comment, paid_on=paid_on)


def comment_request(database: Database, request_id: int, comment: str, *, login: str) -> None:
    with database.transaction() as session:
        workflow.add_comment(session, request_id, comment, login=login)


def attach_to_request(
    database: Database, store: ScanStore, request_id: int, files: Sequence[Path], role: str, *, login: str
) -> AttachResult:
    """An e-invoice or a payment order attached like a scan."""
    with database.transaction() as session:
        return attachments.attach(session, store, request_id, files, role, login=login)
