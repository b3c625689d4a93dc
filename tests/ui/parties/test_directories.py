"""Directory cards: errors shown at the field, Save blocked, duplicates linked, own entities saved whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import Counterparty, OwnEntity
from desktop.ui.parties.card import CounterpartyCard
from desktop.ui.parties.directory import CounterpartiesDialog, OwnEntitiesDialog, OwnEntityCard
from tests.ui.user import (
    LEFT,
    clear_and_type,
    click,
    click_link,
    edit_cell,
    press,
    top_dialog,
    trigger,
    type_text,
)


def _type(qtbot: Any, card: CounterpartyCard, field: str, text: str) -> None:
    clear_and_type(qtbot, card.edits[field], text)


def _new_counterparty(qtbot: Any, main_window: Any) -> tuple[CounterpartiesDialog, CounterpartyCard]:
    trigger(main_window, "Справочники", "Контрагенты…")
    directory = top_dialog(CounterpartiesDialog)
    click(qtbot, directory.new_button)
    return directory, top_dialog(CounterpartyCard)


def test_counterparty_card_shows_errors_inline_and_blocks_save(qtbot: Any, main_window: Any) -> None:
    _directory, card = _new_counterparty(qtbot, main_window)
    save = card.buttons.button(QDialogButtonBox.StandardButton.Save)
    _type(qtbot, card, "short_name", "ООО «Проверка»")
    _type(qtbot, card, "inn", "7707083894")
    _type(qtbot, card, "kpp", "773601001")
    assert not save.isEnabled()
    assert card.errors["inn"].isVisible() and "контрольная сумма" in card.errors["inn"].text()
    _type(qtbot, card, "inn", "7707083893")
    assert not card.errors["inn"].isVisible()
    _type(qtbot, card, "bik", "044525225")
    _type(qtbot, card, "account", "40702810300000012345")
    assert "ключ" in card.errors["account"].text() and not save.isEnabled()
    _type(qtbot, card, "account", "40702810200000012345")
    assert save.isEnabled()


def test_duplicate_inn_kpp_links_to_the_existing_card(
    qtbot: Any, main_window: Any, demo_db: Database
) -> None:
    with demo_db.session() as session:
        existing = session.scalar(select(Counterparty).where(Counterparty.kind == "legal").limit(1))
    _directory, card = _new_counterparty(qtbot, main_window)
    _type(qtbot, card, "short_name", "Дубликат")
    _type(qtbot, card, "inn", existing.inn)
    _type(qtbot, card, "kpp", existing.kpp)
    press(qtbot, card.buttons, QDialogButtonBox.StandardButton.Save)
    assert card.duplicate.isVisible() and existing.short_name in card.duplicate.text()
    with demo_db.session() as session:
        assert session.scalar(select(Counterparty).where(Counterparty.short_name == "Дубликат")) is None
    click_link(qtbot, card.duplicate, lambda: not card.isVisible())  # «Открыть существующую карточку»
    opened = top_dialog(CounterpartyCard)
    assert opened is not card and opened.counterparty_id == existing.id
    assert opened.edits["inn"].text() == existing.inn


def test_counterparties_directory_searches(qtbot: Any, main_window: Any) -> None:
    trigger(main_window, "Справочники", "Контрагенты…")
    dialog = top_dialog(CounterpartiesDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10000)
    total = dialog.model.rowCount()
    type_text(dialog.search, "ип ")
    qtbot.waitUntil(lambda: 0 < dialog.model.rowCount() < total, timeout=10000)
    assert all(dialog.model.index(r, 0).data().startswith("ИП ") for r in range(dialog.model.rowCount()))


def test_own_entity_card_refuses_bad_account_and_image_then_saves(
    qtbot: Any, main_window: Any, demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.session() as session:
        entity = session.scalar(select(OwnEntity).where(OwnEntity.vat_regime == "vat22"))
    trigger(main_window, "Справочники", "Свои юрлица…")
    entities = top_dialog(OwnEntitiesDialog)
    [item] = [
        entities.list.item(i)
        for i in range(entities.list.count())
        if entities.list.item(i).data(256) == entity.id
    ]
    qtbot.mouseClick(entities.list.viewport(), LEFT, pos=entities.list.visualItemRect(item).center())
    click(qtbot, next(b for b in entities.findChildren(QPushButton) if b.text() == "Открыть"))
    card = top_dialog(OwnEntityCard)
    assert card.accounts.rowCount() == 2 and card.edits["inn"].text() == entity.inn
    not_png = tmp_path / "stamp.png"
    not_png.write_bytes(b"GIF89a not a png")
    clear_and_type(qtbot, card.images["stamp_image"], str(not_png))
    add_account = next(b for b in card.findChildren(QPushButton) if b.text() == "Добавить счёт")
    click(qtbot, add_account)
    for column, text in enumerate(("Банк", "044525225", "40702810300000012345", "30101810400000000225")):
        edit_cell(qtbot, card.accounts, 2, column, text)
    save = card.findChild(QDialogButtonBox)
    press(qtbot, save, QDialogButtonBox.StandardButton.Save)
    assert "не является изображением PNG" in card.error.text() and "счёт 3" in card.error.text()
    assert card.isVisible()
    with demo_db.session() as session:
        assert len(session.get(OwnEntity, entity.id).bank_accounts) == 2  # nothing half-saved

    from desktop.core.common.resources import resource_path

    clear_and_type(qtbot, card.images["stamp_image"], str(resource_path("resources", "icons", "aktdesk.png")))
    for column in range(4):  # the wrong account: its cells emptied, the row is left out
        edit_cell(qtbot, card.accounts, 2, column, "")
    clear_and_type(qtbot, card.edits["doc_prefix"], "МСК")
    press(qtbot, save, QDialogButtonBox.StandardButton.Save)
    assert card.result() == card.DialogCode.Accepted, card.error.text()
    with demo_db.session() as session:
        saved = session.get(OwnEntity, entity.id)
        assert saved.doc_prefix == "МСК" and saved.stamp_image.endswith("aktdesk.png")
        assert len(saved.bank_accounts) == 2
