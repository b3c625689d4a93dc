"""Справочники → Шаблоны писем: the subject and text of the letters to clients, edited with a live
sample (a real client's letter) and saved for every user of the database only when they are right."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.sending.editing import SampleLetter, render_sample
from desktop.core.sending.operations import mail_template, reset_mail_template, save_mail_template
from desktop.core.sending.templates import CONTEXT_NAMES, PURPOSE_TITLES, check_template, template_file
from desktop.ui.common import fmt

ERROR_STYLE = "color: #b00020"


class MailTemplatesDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailTemplatesDialog")
        self.setWindowTitle(self.tr("Mail templates"))
        self.resize(1100, 640)
        self.database = database
        self.saved: dict[str, str] = {}  # purpose → the text in force (database or file)
        self.drafts: dict[str, str] = {}  # purpose → the text being edited
        self.letters: dict[str, SampleLetter] = {}  # purpose → the real letter templates are tried on

        self.purpose = QComboBox(self)
        self.purpose.setObjectName("templatePurpose")
        for purpose, title in PURPOSE_TITLES.items():
            self.purpose.addItem(title, purpose)
        self.origin = QLabel(self)
        self.origin.setObjectName("templateOrigin")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("templateEditor")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        names = QLabel(
            self.tr("First line «Тема: …», then a blank line and the text. Names: %1").replace(
                "%1", ", ".join(sorted(CONTEXT_NAMES))
            ),
            self,
        )
        names.setWordWrap(True)
        names.setStyleSheet("color: #666")
        self.problem = QLabel(self)
        self.problem.setObjectName("templateProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.sample_title = QLabel(self)
        self.sample_title.setObjectName("sampleTitle")
        self.sample_subject = QLineEdit(self)
        self.sample_subject.setObjectName("sampleSubject")
        self.sample_subject.setReadOnly(True)
        self.sample_body = QPlainTextEdit(self)
        self.sample_body.setObjectName("sampleBody")
        self.sample_body.setReadOnly(True)

        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveTemplate")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("Restore the default"), self)
        self.reset_button.setObjectName("resetTemplate")
        self.reset_button.setToolTip(
            self.tr("Forget the edited text: letters use the file of forms/mail again")
        )
        self.reset_button.clicked.connect(self.reset)
        close_button = QPushButton(self.tr("Close"), self)
        close_button.clicked.connect(self.reject)

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.purpose)
        top.addWidget(self.origin, 1)
        column.addLayout(top)
        column.addWidget(self.editor, 1)
        column.addWidget(names)
        column.addWidget(self.problem)
        right = QWidget(self)
        sample = QFormLayout(right)
        sample.setContentsMargins(0, 0, 0, 0)
        sample.addRow(self.sample_title)
        sample.addRow(self.tr("Subject:"), self.sample_subject)
        sample.addRow(self.sample_body)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.try_it)
        self.editor.textChanged.connect(self._edited)
        self.purpose.currentIndexChanged.connect(lambda _i: self.show_purpose())
        self.show_purpose()

    @property
    def current(self) -> str:
        return str(self.purpose.currentData())

    def is_dirty(self, purpose: str | None = None) -> bool:
        purpose = purpose or self.current
        return purpose in self.drafts and self.drafts[purpose] != self.saved.get(purpose)

    # --- showing ---------------------------------------------------------------------
    def show_purpose(self) -> None:
        purpose = self.current
        try:
            text, letter = mail_template(self.database, purpose, with_sample=purpose not in self.letters)
            if letter is not None:
                self.letters[purpose] = letter
        except UserError as error:
            self._show_problem(error.message)
            return
        self.saved[purpose] = text.source
        if text.edited:
            self.origin.setText(
                self.tr("Edited in the program: %1, %2")
                .replace("%1", text.updated_by or "—")
                .replace("%2", fmt.moment(text.updated_at) or "—")
            )
        else:
            self.origin.setText(self.tr("Standard text (file %1)").replace("%1", template_file(purpose).name))
        self.reset_button.setEnabled(text.edited)
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.drafts.get(purpose, text.source))
        self.editor.blockSignals(False)
        self.try_it()

    def _edited(self) -> None:
        self.drafts[self.current] = self.editor.toPlainText()
        self._timer.start()

    def try_it(self) -> bool:
        """Check the text and show it as a real client's letter; the problem in red otherwise.
        No database work here: the letter's context was read once."""
        self._timer.stop()
        source = self.editor.toPlainText()
        try:
            template = check_template(self.current, source)
            sample = render_sample(template, self.letters.get(self.current, SampleLetter()))
        except UserError as error:
            self._show_problem(error.message)
            return False
        self.problem.setText("")
        self.save_button.setEnabled(self.is_dirty())
        self.sample_title.setText(
            self.tr("Sample: the letter to %1").replace("%1", sample.client) if sample.client else sample.note
        )
        self.sample_subject.setText(sample.subject)
        self.sample_subject.setCursorPosition(0)
        self.sample_body.setPlainText(sample.body)
        return True

    def _show_problem(self, message: str) -> None:
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setText(message)
        self.save_button.setEnabled(False)

    # --- changing --------------------------------------------------------------------
    def save(self) -> bool:
        purpose, source = self.current, self.editor.toPlainText()
        try:
            save_mail_template(self.database, purpose, source, self.database.login)
        except UserError as error:
            self._show_problem(error.message)
            return False
        self.drafts.pop(purpose, None)
        self.show_purpose()
        return True

    def reset(self) -> None:
        reset_mail_template(self.database, self.current)
        self.drafts.pop(self.current, None)
        self.show_purpose()

    def reject(self) -> None:
        """Close (the button, Esc or the window's cross): unsaved changes are asked about first."""
        unsaved = [PURPOSE_TITLES[p] for p in PURPOSE_TITLES if self.is_dirty(p)]
        if unsaved:
            answer = QMessageBox.question(
                self,
                self.tr("Mail templates"),
                self.tr("Changes to «%1» are not saved. Close without saving?").replace(
                    "%1", "», «".join(unsaved)
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
