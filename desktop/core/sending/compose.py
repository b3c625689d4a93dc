"""E-mail texts from editable templates (``forms/mail/*.txt``) and the MIME messages that carry them.

A template's first line is ``Тема: …`` (the subject), then a blank line and the body. Both are
rendered by a sandboxed, strict Jinja environment (the print forms' approach, without XML
escaping: this is plain text), so an unknown name stops the sending with its file and line
instead of mailing a client a gap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import Any, Protocol

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy.orm import Session

from desktop.core.common.resources import resource_path
from desktop.core.errors import ConfigError, StorageError, TemplateError, os_error_text
from desktop.core.sending.transport import SmtpConfig

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
        from desktop.core.sending.templates import stored_source

        stored = stored_source(session, purpose)
        if stored is not None:
            return parse_template(f"{TEMPLATES[purpose]} (изменён в программе)", stored)
    return parse_template(template_file(purpose, folder).name, read_template_file(purpose, folder))


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size}


def read_attachment(path: Path, name: str | None = None) -> Attachment:
    try:
        return Attachment(name or path.name, path.read_bytes())
    except FileNotFoundError:
        raise StorageError(f"Файл вложения не найден: {path}") from None
    except OSError as error:
        raise StorageError(f"Файл вложения не прочитать: {path} ({os_error_text(error)}).") from error


def build_message(
    config: SmtpConfig,
    recipients: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    *,
    now: dt.datetime | None = None,
) -> EmailMessage:
    # 7-bit transfer encodings (quoted-printable, base64): no server needs 8BITMIME for our Russian text.
    message = EmailMessage(policy=SMTP.clone(cte_type="7bit"))
    sender = config.sender_address()
    message["From"] = formataddr((config.sender_name, sender)) if config.sender_name else sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Date"] = format_datetime((now or dt.datetime.now()).astimezone())
    domain = sender.rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(body)
    for attachment in attachments:
        mime, _ = mimetypes.guess_type(attachment.name)
        maintype, _, subtype = (mime or "application/octet-stream").partition("/")
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype, filename=attachment.name)
    return message


def test_message(config: SmtpConfig, recipient: str) -> EmailMessage:
    now = dt.datetime.now()
    return build_message(
        config,
        [recipient],
        "AktDesk: проверка отправки почты",
        "Это тестовое письмо из AktDesk.\n\n"
        f"Сервер: {config.address}, отправлено {now:%d.%m.%Y %H:%M}.\n"
        "Если вы его получили, настройки почты верны.\n",
        now=now,
    )
