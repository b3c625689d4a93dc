"""A current act or UPD found by its number, as the command line names it (``--act``, ``--kind``, ``--entity``, ``--year``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import ValidationError
from desktop.core.models import Document, OwnEntity


def find_document(
    session: Session,
    number: str,
    *,
    kind: str | None = None,
    entity_inn: str | None = None,
    year: int | None = None,
) -> Document:
    """The one current act (or UPD) numbered ``number``; ``ValidationError`` when none or several match.

    Acts and UPDs are numbered separately, so «АС-1» may be both: ``kind`` says which, and without
    it the act wins. ``entity_inn`` (the own entity's INN) and ``year`` tell apart the same number
    of several own entities or years."""
    kinds = (kind,) if kind else ("act", "upd")
    stmt = select(Document).where(
        Document.number == number, Document.kind.in_(kinds), Document.current.is_(True)
    )
    if entity_inn:
        stmt = stmt.join(OwnEntity, OwnEntity.id == Document.own_entity_id).where(OwnEntity.inn == entity_inn)
    if year:
        stmt = stmt.where(Document.year == year)
    found = list(session.scalars(stmt))
    if not found:
        raise ValidationError(f"Акт № {number} не найден.")
    acts = [d for d in found if d.kind == "act"]
    if acts and len(acts) < len(found):  # an act and a UPD share the number: the act, unless kind="upd"
        found = acts
    if len(found) > 1:
        raise ValidationError(
            f"Документов № {number} несколько ({len(found)}): уточните --entity ИНН юрлица, --year и/или --kind."
        )
    return found[0]
