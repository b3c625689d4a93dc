"""Treasury requisites of a state-funded client typed into the real counterparty card."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from desktop.core.db import Database
from desktop.core.models import Counterparty
from desktop.ui.parties.card import CounterpartyCard

# A Tula school paying through УФК по Тульской области: ТОФК BIK, ЕКС as corr. account, КС as account.
SCHOOL = {
    "short_name": "ГБУ ТО «Школа № 7»",
    "inn": "7107083891",
    "kpp": "710701001",
    "bank_name": "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула",
    "bik": "017003983",
    "corr_account": "40102810445370000059",
    "account": "03224643707010006600",
}


def _card(qtbot: Any, database: Database) -> CounterpartyCard:
    card = CounterpartyCard(database)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    return card


def _type(qtbot: Any, card: CounterpartyCard, values: dict[str, str]) -> None:
    for name, text in values.items():
        edit = card.edits[name]
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        if text.isascii():
            qtbot.keyClicks(edit, text)  # digits are typed key by key
        else:
            edit.insert(text)  # QTest cannot type Cyrillic; the names are not what is tested here


def _shown(card: CounterpartyCard) -> dict[str, str]:
    return {name: label.text() for name, label in card.errors.items() if label.isVisible()}


def test_a_state_funded_clients_treasury_requisites_are_accepted_and_saved(
    qtbot: Any, demo_db: Database, russian: None
) -> None:
    card = _card(qtbot, demo_db)
    save = card.buttons.button(QDialogButtonBox.StandardButton.Save)
    _type(qtbot, card, SCHOOL)
    assert _shown(card) == {}
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    with demo_db.session() as session:
        saved = session.scalar(select(Counterparty).where(Counterparty.inn == SCHOOL["inn"]))
        assert saved is not None
        assert (saved.bik, saved.corr_account, saved.account) == (
            SCHOOL["bik"],
            SCHOOL["corr_account"],
            SCHOOL["account"],
        )


def test_treasury_mistakes_are_named_at_their_fields(qtbot: Any, demo_db: Database, russian: None) -> None:
    card = _card(qtbot, demo_db)
    save = card.buttons.button(QDialogButtonBox.StandardButton.Save)
    _type(qtbot, card, SCHOOL)
    # A corr. account of a bank with a ТОФК BIK; an ЕКС with a wrong key.
    _type(qtbot, card, {"corr_account": "30101810400000000225"})
    assert "единый казначейский счёт 40102" in _shown(card)["corr_account"]
    _type(qtbot, card, {"corr_account": "40102810545370000059"})
    assert "ключ" in _shown(card)["corr_account"]
    # An ordinary settlement account cannot be kept in the treasury.
    _type(qtbot, card, {"corr_account": SCHOOL["corr_account"], "account": "40702810200000012345"})
    assert "казначейский, начинается с 03" in _shown(card)["account"]
    # A BIK that does not begin with 0 is refused at the BIK.
    _type(qtbot, card, {"account": SCHOOL["account"], "bik": "117003983"})
    assert _shown(card) == {
        "bik": "БИК должен начинаться с 0 (российские банки — 04…, органы Федерального казначейства — 00…, 01…, 02…)"
    }
    assert not save.isEnabled()
    # The ЕКС given with a bank's BIK is named for what it is.
    _type(qtbot, card, {"bik": "044525225", "account": "40702810200000012345"})
    assert "единый казначейский счёт" in _shown(card)["corr_account"]
    assert not save.isEnabled()
    with demo_db.session() as session:
        assert session.scalar(select(Counterparty).where(Counterparty.inn == SCHOOL["inn"])) is None
