"""E-mail templates (``forms/mail/*.txt``, or the text edited in the program): read, parsed and checked.

A template's first line is ``Тема: …`` (the subject), then a blank line and the body. Both are
rendered by a sandboxed, strict Jinja environment (the print forms' approach, without XML
escaping: this is plain text), so an unknown name stops the sending with its file and line
instead of mailing a client a gap. A template edited in the program is stored in the database
(``MailTemplateText``) and replaces the file of ``forms/mail``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import jinja2
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy.orm import Session

from desktop.core.common.resources import resource_path
from desktop.core.errors import ConfigError, StorageError, TemplateError, os_error_text
from desktop.core.models import MailTemplateText

SUBJECT_PREFIXES = ("Тема:", "Subject:")
TEMPLATES = {"package": "package.txt", "reminder": "reminder.txt"}


def mail_templates_dir() -> Path:
    return resource_path("forms", "mail")


def mail_environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True, trim_blocks=True
    )


class Renderer(Protocol):
    """What the planners need of a template: a context in, the subject and the body out."""

    def render(self, context: Mapping[str, Any]) -> tuple[str, str]: ...


@dataclass(frozen=True)
class MailTemplate:
    name: str  # the file name, for messages
    subject: jinja2.Template
    body: jinja2.Template
    source: str = ""  # the whole text, subject line first: to name the line of an error

    def render(self, context: Mapping[str, Any]) -> tuple[str, str]:
        subject = " ".join(self._render(self.subject, context, 0).split())
        body = self._render(self.body, context, 1)
        body = "\n".join(line.rstrip() for line in body.strip("\n").splitlines()) + "\n"
        return subject, body

    def _render(self, template: jinja2.Template, context: Mapping[str, Any], first_line: int) -> str:
        # deferred: documents.render loads docxtpl, python-docx and lxml, needed only to explain an error
        from desktop.core.documents.render import template_lineno, undefined_name

        try:
            return template.render(context)
        except jinja2.UndefinedError as error:
            lineno = template_lineno(error)
            lines = self.source.splitlines()
            number = (lineno or 1) + first_line
            line = lines[number - 1] if lineno and number <= len(lines) else ""
            where = f", строка {number}" if line else ""
            raise TemplateError(
                f"Шаблон письма «{self.name}»{where}: неизвестное имя «{undefined_name(error, line)}». "
                "Список имён — в forms/mail/README.md."
            ) from error
        except jinja2.TemplateError as error:
            raise TemplateError(f"Шаблон письма «{self.name}»: {error}") from error


def template_file(purpose: str, folder: Path | None = None) -> Path:
    return (folder or mail_templates_dir()) / TEMPLATES[purpose]


def read_template_file(purpose: str, folder: Path | None = None) -> str:
    """The source of ``purpose``'s template file (``forms/mail`` unless ``folder``)."""
    path = template_file(purpose, folder)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"Шаблон письма «{path}» не найден.", field=str(path)) from None
    except UnicodeDecodeError:
        raise TemplateError(f"Шаблон письма «{path}» не в кодировке UTF-8: сохраните его в UTF-8.") from None
    except OSError as error:
        raise StorageError(f"Шаблон письма «{path}» не прочитать: {os_error_text(error)}.") from error


def parse_template(name: str, source: str) -> MailTemplate:
    """``Тема: …``, a blank line, the body: compiled, or a ``TemplateError`` naming ``name`` and the line."""
    first, _, rest = source.partition("\n")
    prefix = next((p for p in SUBJECT_PREFIXES if first.strip().startswith(p)), None)
    if prefix is None:
        raise TemplateError(
            f"Шаблон письма «{name}»: первая строка должна начинаться с «Тема:» (тема письма), "
            f"а в ней «{first.strip()[:60]}»."
        )
    env = mail_environment()
    try:
        subject = env.from_string(first.strip()[len(prefix) :].strip())
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"Шаблон письма «{name}», тема: ошибка синтаксиса — {error.message}.") from error
    try:
        body = env.from_string(rest)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"Шаблон письма «{name}», строка {(error.lineno or 0) + 1}: ошибка синтаксиса — {error.message}."
        ) from error
    return MailTemplate(name, subject, body, source)


def load_template(purpose: str, folder: Path | None = None, session: Session | None = None) -> MailTemplate:
    """The template of ``purpose`` (``package`` or ``reminder``): the one edited in the program
    (stored in the database of ``session``), else the file of ``folder`` (default ``forms/mail``)."""
    if session is not None and folder is None:
        stored = stored_source(session, purpose)
        if stored is not None:
            return parse_template(f"{TEMPLATES[purpose]} (изменён в программе)", stored)
    return parse_template(template_file(purpose, folder).name, read_template_file(purpose, folder))


PURPOSE_TITLES = {"package": "Пакет документов", "reminder": "Напоминание о неподписанных актах"}

# The top-level names of ``letters.letter_context`` (documented in forms/mail/README.md).
CONTEXT_NAMES = frozenset(
    {
        "client",
        "entity",
        "entities",
        "period",
        "period_text",
        "documents",
        "totals",
        "attachments",
        "attached",
        "sender_name",
        "today",
    }
)


def stored_source(session: Session, purpose: str) -> str | None:
    row = session.get(MailTemplateText, purpose)
    return row.source if row is not None else None


def _display_name(purpose: str) -> str:
    return PURPOSE_TITLES.get(purpose, TEMPLATES[purpose])


def check_template(purpose: str, source: str) -> MailTemplate:
    """Compiled, or a ``TemplateError`` that names the template and the unknown name or bad line."""
    if purpose not in TEMPLATES:
        raise TemplateError(f"Неизвестный шаблон письма «{purpose}».")
    name = _display_name(purpose)
    if not source.strip():
        raise TemplateError(f"Шаблон письма «{name}» пуст: нужна строка «Тема: …» и текст письма.")
    template = parse_template(name, source)
    first, _, rest = source.partition("\n")
    env = mail_environment()
    unknown: set[str] = set()
    for part in (first, rest):
        try:
            unknown |= meta.find_undeclared_variables(env.parse(part)) - CONTEXT_NAMES
        except jinja2.TemplateSyntaxError:  # already reported by parse_template
            pass
    if unknown:
        listed = ", ".join(f"«{n}»" for n in sorted(unknown))
        raise TemplateError(
            f"Шаблон письма «{name}»: неизвестное имя {listed}. "
            f"Можно: {', '.join(sorted(CONTEXT_NAMES))} (описание — в forms/mail/README.md)."
        )
    return template
