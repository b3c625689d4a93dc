"""Directory cards: errors shown at the field, Save blocked, duplicates linked, own entities saved whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import Counterparty, OwnEntity
from desktop.core.parties import AccountInput
from desktop.ui.parties.card import CounterpartyCard
from desktop.ui.parties.directory import CounterpartiesDialog, OwnEntityCard


def _type(card: CounterpartyCard, field: str, text: str) -> None:
    edit = card.edits[field]
    edit.setText(text)
    edit.textEdited.emit(text)


def test_counterparty_card_shows_errors_inline_and_blocks_save(qtbot: Any, demo_db: Database, russian: None) -> None:
    card = CounterpartyCard(demo_db)
    qtbot.addWidget(card)
    card.show()
    save = card.buttons.button(QDialogButtonBox.StandardButton.Save)
    _type(card, "short_name", "ООО «Проверка»")
    _type(card, "inn", "7707083894")
    _type(card, "kpp", "773601001")
    assert not save.isEnabled()
    assert card.errors["inn"].isVisible() and "контрольная сумма" in card.errors["inn"].text()
    _type(card, "inn", "7707083893")
    assert not card.errors["inn"].isVisible()
    _type(card, "bik", "044525225")
    _type(card, "account", "40702810300000012345")
    assert "ключ" in card.errors["account"].text() and not save.isEnabled()
    _type(card, "account", "40702810200000012345")
    assert save.isEnabled()


def test_duplicate_inn_kpp_links_to_the_existing_card(qtbot: Any, demo_db: Database, russian: None) -> None:
    with demo_db.session() as session:
        existing = session.scalar(select(Counterparty).where(Counterparty.kind == "legal").limit(1))
    card = CounterpartyCard(demo_db)
    qtbot.addWidget(card)
    _type(card, "short_name", "Дубликат")
    _type(card, "inn", existing.inn)
    _type(card, "kpp", existing.kpp)
    opened: list[int] = []
    card.open_other.connect(opened.append)
    card.save()
    assert card.duplicate.isVisibleTo(card) and existing.short_name in card.duplicate.text()
    card.duplicate.linkActivated.emit("open")
    assert opened == [existing.id]
    with demo_db.session() as session:
        assert session.scalar(select(Counterparty).where(Counterparty.short_name == "Дубликат")) is None


def test_counterparties_directory_searches(qtbot: Any, demo_db: Database, russian: None) -> None:
    dialog = CounterpartiesDialog(demo_db)
    qtbot.addWidget(dialog)
    total = dialog.model.rowCount()
    dialog.search.setText("ип ")
    dialog._filter()
    assert 0 < dialog.model.rowCount() < total
    assert all(dialog.model.index(r, 0).data().startswith("ИП ") for r in range(dialog.model.rowCount()))


def test_own_entity_card_refuses_bad_account_and_image_then_saves(
    qtbot: Any, demo_db: Database, russian: None, tmp_path: Path
) -> None:
    with demo_db.session() as session:
        entity = session.scalar(select(OwnEntity).where(OwnEntity.vat_regime == "vat22"))
    card = OwnEntityCard(demo_db, entity.id)
    qtbot.addWidget(card)
    assert card.accounts.rowCount() == 2 and card.edits["inn"].text() == entity.inn
    not_png = tmp_path / "stamp.png"
    not_png.write_bytes(b"GIF89a not a png")
    card.images["stamp_image"].setText(str(not_png))
    card.add_account_row(AccountInput("Банк", "044525225", "40702810300000012345", "30101810400000000225"))
    card.save()
    assert "не является изображением PNG" in card.error.text() and "счёт 3" in card.error.text()
    with demo_db.session() as session:
        assert len(session.get(OwnEntity, entity.id).bank_accounts) == 2  # nothing half-saved

    from desktop.core.resources import resource_path

    card.images["stamp_image"].setText(str(resource_path("resources", "icons", "aktdesk.png")))
    card.accounts.removeRow(2)
    card.edits["doc_prefix"].setText("МСК")
    card.save()
    assert card.result() == card.DialogCode.Accepted, card.error.text()
    with demo_db.session() as session:
        saved = session.get(OwnEntity, entity.id)
        assert saved.doc_prefix == "МСК" and saved.stamp_image.endswith("aktdesk.png")
