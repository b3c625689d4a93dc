"""Document numbers are gap-free and unique per own entity, kind and year — also with concurrent writers."""

from __future__ import annotations

import threading

from sqlalchemy import select

from desktop.core.common import numbering
from desktop.core.db import Database
from desktop.core.models import NumberSequence, OwnEntity


def _entity(database: Database, inn: str = "7707083893") -> int:
    with database.transaction() as session:
        entity = OwnEntity(short_name="ООО «Тест»", full_name="ООО «Тест»", inn=inn)
        session.add(entity)
        session.flush()
        return entity.id


def test_sequences_are_separate_per_entity_kind_and_year(any_db: Database) -> None:
    a = _entity(any_db)
    b = _entity(any_db, "500100732259")
    with any_db.transaction() as s:
        assert [numbering.take(s, a, "act", 2026) for _ in range(3)] == [1, 2, 3]
        assert numbering.take(s, a, "invoice", 2026) == 1
        assert numbering.take(s, a, "act", 2027) == 1
        assert numbering.take(s, b, "act", 2026) == 1
    with any_db.session() as s:
        assert numbering.peek(s, a, "act", 2026) == 3


def test_rolled_back_transaction_leaves_no_gap(any_db: Database) -> None:
    entity = _entity(any_db)
    with any_db.transaction() as s:
        assert numbering.take(s, entity, "act", 2026) == 1
    try:
        with any_db.transaction() as s:
            assert numbering.take(s, entity, "act", 2026) == 2
            raise RuntimeError("document failed to render")
    except RuntimeError:
        pass
    with any_db.transaction() as s:
        assert numbering.take(s, entity, "act", 2026) == 2


def test_concurrent_writers_get_unique_consecutive_numbers(any_db: Database) -> None:
    entity = _entity(any_db)
    taken: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(25):
                with any_db.transaction() as s:
                    value = numbering.take(s, entity, "act", 2026)
                with lock:
                    taken.append(value)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(taken) == list(range(1, 101))
    with any_db.session() as s:
        assert s.scalar(select(NumberSequence.last_value)) == 100
