"""The messages to send: a planned letter to a client (``Outgoing``) and the MIME message that carries it.

The planners (``packages``, ``reminders``) fill ``Outgoing`` from a template (``templates``);
``delivery`` turns each into an ``EmailMessage`` with its attachments and sends it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import Any

from desktop.core.errors import StorageError, os_error_text
from desktop.core.sending.transport import SmtpConfig


@dataclass
class Outgoing:
    """One message to one client, planned (and composed) but not sent yet."""

    purpose: str  # "package" | "reminder"
    counterparty_id: int
    client: str
    inn: str
    period: str | None
    recipients: list[str]
    document_ids: list[int]
    files: list[tuple[Path, str]] = field(default_factory=list)  # (file, attachment name)
    subject: str = ""
    body: str = ""
    problem: str | None = None  # why it cannot be sent (no e-mail, a missing PDF)
    already_sent: dt.datetime | None = None  # sent before: skipped unless a resend is asked
    documents_text: str = ""  # «Акт № 12, Счёт № 12» for lists
    resend: bool = False  # asked explicitly: sent even if it went out before
    planned_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


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
