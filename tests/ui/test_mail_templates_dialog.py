"""Справочники → Шаблоны писем, driven as a user would: a live sample letter, a wrong text refused in
red with its reason, saved for every user, restored to the standard file, unsaved edits asked about."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event, select

from desktop.core import closing
from desktop.core.db import Database
from desktop.core.events import current_login
from desktop.core.models import MailTemplateText

GOOD = "Тема: Документы для {{ client.name }}\n\nИтого {{ totals.total }} руб. за {{ period_text }}.\n"


def _stored(db: Database) -> dict[str, str]:
    with db.session() as session:
        return {row.purpose: row.source for row in session.scalars(select(MailTemplateText))}


def test_edit_check_save_and_restore_a_mail_template(qtbot: Any, main_window: Any, demo_db: Database) -> None:
    with demo_db.session() as session:
        plan = closing.plan(session, "2026-10")
    assert closing.execute(demo_db, plan).errors == []  # documents to try the letters on
    dialog = main_window.open_mail_templates()
    qtbot.addWidget(dialog)
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
    dialog.editor.setPlainText("Тема: Документы для {{ clinet.name }}\n\nтекст\n")
    qtbot.waitUntil(lambda: "«clinet»" in dialog.problem.text(), timeout=5000)
    event.remove(demo_db.engine, "before_cursor_execute", record)
    assert queries == []
    assert "#b00020" in dialog.problem.styleSheet() and not dialog.save_button.isEnabled()
    assert dialog.sample_subject.text().startswith("Закрывающие документы за ")
    assert dialog.save() is False and _stored(demo_db) == {}

    dialog.editor.setPlainText(GOOD)
    qtbot.waitUntil(lambda: dialog.sample_subject.text() == f"Документы для {client}", timeout=5000)
    assert dialog.problem.text() == "" and dialog.save_button.isEnabled()
    assert dialog.sample_body.toPlainText().startswith("Итого ")
    dialog.save_button.click()
    assert _stored(demo_db) == {"package": GOOD}
    assert dialog.origin.text().startswith(f"Изменён в программе: {current_login()}, ")
    assert dialog.reset_button.isEnabled() and not dialog.save_button.isEnabled()

    # A draft of the other template survives switching back and forth.
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("reminder"))
    assert dialog.origin.text() == "Стандартный текст (файл reminder.txt)"
    dialog.editor.appendPlainText("P.S. Спасибо!")
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("package"))
    assert dialog.editor.toPlainText() == GOOD
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("reminder"))
    assert dialog.editor.toPlainText().endswith("P.S. Спасибо!") and dialog.is_dirty()

    # Closing with that draft unsaved asks first; "No" keeps the dialog open.
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def question(_parent: Any, _title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
            asked.append(text)
            return reply

        return question

    dialog.show()
    main_window_question = QMessageBox.question
    try:
        QMessageBox.question = answer(QMessageBox.StandardButton.No)  # type: ignore[method-assign,assignment]
        dialog.reject()
        assert dialog.isVisible() and "«Напоминание о неподписанных актах»" in asked[0]
        QMessageBox.question = answer(QMessageBox.StandardButton.Yes)  # type: ignore[method-assign,assignment]
        dialog.reject()
        assert not dialog.isVisible()
    finally:
        QMessageBox.question = main_window_question  # type: ignore[method-assign]
    assert _stored(demo_db) == {"package": GOOD}  # the unsaved draft went nowhere

    reopened = main_window.open_mail_templates()
    qtbot.addWidget(reopened)
    assert reopened.editor.toPlainText() == GOOD
    reopened.reset_button.click()
    assert _stored(demo_db) == {}
    assert reopened.origin.text() == "Стандартный текст (файл package.txt)"
    assert reopened.editor.toPlainText().startswith("Тема: Закрывающие документы")
    reopened.grab()
