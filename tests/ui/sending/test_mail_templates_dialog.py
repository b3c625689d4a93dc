"""Справочники → Шаблоны писем, driven as a user would: a live sample letter, a wrong text refused in
red with its reason, saved for every user, restored to the standard file, unsaved edits asked about."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import event, select

from desktop.core.closing import plan as closing
from desktop.core.common.events import current_login
from desktop.core.db import Database
from desktop.core.models import MailTemplateText
from desktop.ui.sending.templates_dialog import MailTemplatesDialog
from tests.ui.user import answering, choose, clear_and_type, click, reply, top_dialog, trigger, type_text

GOOD = "Тема: Документы для {{ client.name }}\n\nИтого {{ totals.total }} руб. за {{ period_text }}.\n"


def _stored(db: Database) -> dict[str, str]:
    with db.session() as session:
        return {row.purpose: row.source for row in session.scalars(select(MailTemplateText))}


def test_edit_check_save_and_restore_a_mail_template(qtbot: Any, main_window: Any, demo_db: Database) -> None:
    with demo_db.session() as session:
        plan = closing.plan(session, "2026-10")
    assert closing.execute(demo_db, plan).errors == []  # documents to try the letters on
    trigger(main_window, "Справочники", "Шаблоны писем…")
    dialog = top_dialog(MailTemplatesDialog)
    assert dialog.windowTitle() == "Шаблоны писем" and dialog.purpose.currentText() == "Пакет документов"
    assert dialog.origin.text() == "Стандартный текст (файл package.txt)"
    assert not dialog.save_button.isEnabled() and not dialog.reset_button.isEnabled()
    client = dialog.sample_title.text().removeprefix("Пример: письмо клиенту ")
    assert client and client != dialog.sample_title.text()
    assert dialog.sample_subject.text().startswith("Закрывающие документы за ")
    assert client in dialog.sample_body.toPlainText()

    # Typing does no database work: the sample letter was read once.
    queries: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        queries.append(statement)

    event.listen(demo_db.engine, "before_cursor_execute", record)
    # A misspelt name: refused in red, nothing to save, the sample stays the last good one.
    clear_and_type(qtbot, dialog.editor, "Тема: Документы для {{ clinet.name }}\n\nтекст\n")
    qtbot.waitUntil(lambda: "«clinet»" in dialog.problem.text(), timeout=5000)
    event.remove(demo_db.engine, "before_cursor_execute", record)
    assert queries == []
    assert "#b00020" in dialog.problem.styleSheet() and not dialog.save_button.isEnabled()
    assert dialog.sample_subject.text().startswith("Закрывающие документы за ")
    assert _stored(demo_db) == {}

    clear_and_type(qtbot, dialog.editor, GOOD)
    qtbot.waitUntil(lambda: dialog.sample_subject.text() == f"Документы для {client}", timeout=5000)
    assert dialog.problem.text() == "" and dialog.save_button.isEnabled()
    assert dialog.sample_body.toPlainText().startswith("Итого ")
    click(qtbot, dialog.save_button)
    assert _stored(demo_db) == {"package": GOOD}
    assert dialog.origin.text().startswith(f"Изменён в программе: {current_login()}, ")
    assert dialog.reset_button.isEnabled() and not dialog.save_button.isEnabled()

    # A draft of the other template survives switching back and forth.
    choose(qtbot, dialog.purpose, data="reminder")
    assert dialog.origin.text() == "Стандартный текст (файл reminder.txt)"
    dialog.editor.setFocus()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(dialog.editor, "\nP.S. Спасибо!")
    choose(qtbot, dialog.purpose, data="package")
    assert dialog.editor.toPlainText() == GOOD
    choose(qtbot, dialog.purpose, data="reminder")
    assert dialog.editor.toPlainText().endswith("P.S. Спасибо!") and dialog.is_dirty()

    # Closing with that draft unsaved asks first; "No" keeps the dialog open.
    asked: list[str] = []
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Закрыть")
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.No, asked), QMessageBox):
        click(qtbot, close)
    assert dialog.isVisible() and "«Напоминание о неподписанных актах»" in asked[0]
    with answering(qtbot, reply(qtbot, QMessageBox.StandardButton.Yes, asked), QMessageBox):
        click(qtbot, close)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert _stored(demo_db) == {"package": GOOD}  # the unsaved draft went nowhere

    trigger(main_window, "Справочники", "Шаблоны писем…")
    reopened = top_dialog(MailTemplatesDialog)
    assert reopened is not dialog and reopened.editor.toPlainText() == GOOD
    click(qtbot, reopened.reset_button)
    assert _stored(demo_db) == {}
    assert reopened.origin.text() == "Стандартный текст (файл package.txt)"
    assert reopened.editor.toPlainText().startswith("Тема: Закрывающие документы")
    reopened.grab()
