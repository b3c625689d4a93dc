"""The own-entity filter of the lists and the overview: all, one, or several chosen from a check list.

The combo lists «Все юрлица», each own entity and «Несколько…», which opens a check list; a choice
of several shows as one item naming them. ``filter_fields()`` gives the filters' own-entity fields
(``own_entity_id`` for one, ``own_entity_ids`` for several), ``choose_filter()`` shows a filter's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.core.parties.directory import own_entity_choices

SEVERAL = "several"  # the item showing a choice of several
PICK = "pick"  # «Несколько…»: opens the check list


class EntityChoice(QComboBox):
    changed = Signal()  # the choice changed (by the user or by choose())

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.entities: list[tuple[str, int]] = []
        self._several: list[int] = []
        self._shown: list[int] = []  # the choice shown now (to go back to when the check list is cancelled)
        self.picker: EntityPicker | None = None
        self.set_entities([])
        self.activated.connect(self._activated)
        self.currentIndexChanged.connect(self._index_changed)

    # --- what is chosen ----------------------------------------------------------------
    def chosen(self) -> list[int]:
        """The chosen own entities' ids; empty: all."""
        data = self.currentData()
        if data == SEVERAL:
            return list(self._several)
        return [int(data)] if isinstance(data, int) else []

    def filter_fields(self) -> dict[str, Any]:
        ids = self.chosen()
        if len(ids) > 1:
            return {"own_entity_id": None, "own_entity_ids": ids}
        return {"own_entity_id": ids[0] if ids else None, "own_entity_ids": []}

    def choose_filter(self, flt: Any) -> None:
        """Show a filter's own entities (``own_entity_ids``, else ``own_entity_id``): ``filter_fields()`` back."""
        ids = flt.own_entity_ids or ([flt.own_entity_id] if flt.own_entity_id is not None else [])
        self.choose(ids)

    def choose(self, ids: Sequence[int], *, notify: bool = False) -> None:
        """Show ``ids`` (empty or every entity: all); ``notify`` emits ``changed`` as a user's choice would."""
        known = {entity_id for _n, entity_id in self.entities}
        wanted = sorted({int(i) for i in ids})
        if self.entities and set(wanted) >= known:
            wanted = []
        self.blockSignals(True)
        self._several = wanted if len(wanted) > 1 else []
        self._rebuild()
        if len(wanted) > 1:
            index = self.findData(SEVERAL)
        elif wanted:
            index = self.findData(wanted[0])
            if index < 0:  # not (yet) in the list: keep it visible rather than widen the filter
                self.insertItem(self.count() - 1, f"№ {wanted[0]}", wanted[0])
                index = self.findData(wanted[0])
        else:
            index = 0
        self.setCurrentIndex(index)
        self.blockSignals(False)
        self._shown = self.chosen()
        if notify:
            self.changed.emit()

    def load(self, session: Session) -> None:
        """Every own entity of the database (closed ones too: their documents stay in the lists)."""
        self.set_entities([(c.title, c.id) for c in own_entity_choices(session)])

    def set_entities(self, entities: Sequence[tuple[str, int]]) -> None:
        """The own entities to choose from (title, id); the choice is kept where it still can be."""
        keep = self.chosen()
        self.entities = list(entities)
        self.choose([i for i in keep if any(i == e for _n, e in self.entities)] if keep else [])

    def _rebuild(self) -> None:
        self.clear()
        self.addItem(self.tr("All own entities"), None)
        for title, entity_id in self.entities:
            self.addItem(title, entity_id)
        if self._several:
            names = dict((i, n) for n, i in self.entities)
            self.addItem(", ".join(names.get(i, f"№ {i}") for i in self._several), SEVERAL)
            self.setItemData(self.count() - 1, self.itemText(self.count() - 1), Qt.ItemDataRole.ToolTipRole)
        if len(self.entities) > 1:
            self.addItem(self.tr("Several…"), PICK)

    # --- the user ------------------------------------------------------------------------
    def _index_changed(self, _index: int) -> None:
        if self.currentData() == PICK:
            return  # _activated opens the check list
        if self.chosen() != self._shown:
            self._shown = self.chosen()
            self.changed.emit()

    def _activated(self, _index: int) -> None:
        if self.currentData() == PICK:
            self.pick()

    def pick(self) -> EntityPicker:
        """The check list of own entities; OK applies it, Cancel keeps the previous choice."""
        previous = list(self._shown)
        self.choose(previous)  # the combo shows the choice in force while the list is open
        picker = EntityPicker(self.entities, previous, self)
        picker.accepted.connect(lambda: self.choose(picker.checked(), notify=True))
        self.picker = picker
        picker.open()
        return picker


class EntityPicker(QDialog):
    def __init__(self, entities: Sequence[tuple[str, int]], checked: Sequence[int], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("entityPicker")
        self.setWindowTitle(self.tr("Own entities"))
        self.list = QListWidget(self)
        for title, entity_id in entities:
            item = QListWidgetItem(title, self.list)
            item.setData(Qt.ItemDataRole.UserRole, entity_id)
            item.setCheckState(
                Qt.CheckState.Checked if not checked or entity_id in checked else Qt.CheckState.Unchecked
            )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemChanged.connect(lambda _item: self._update())
        rows = max(1, self.list.count())
        self.list.setFixedHeight(
            min(400, rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() + 4)
        )
        self.list.setMinimumWidth(self.list.sizeHintForColumn(0) + 40)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self._update()

    def checked(self) -> list[int]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            int(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids: Sequence[int]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in ids
                else Qt.CheckState.Unchecked
            )

    def _update(self) -> None:
        """Nothing ticked means nothing to show: OK waits for a tick."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.checked()))
