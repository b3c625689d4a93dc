"""The e-mail to the next approvers of a payment request, sent through the mail server of the
settings. The in-program notification is written with the step itself; a letter is a courtesy: a
failure is reported, never undoes the step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.models import PaymentRequest, User
from desktop.core.requests import routes
from desktop.core.requests.notices import waiting_text
from desktop.core.sending.compose import build_message
from desktop.core.sending.transport import SendError, SmtpConfig, SmtpSession, check_config


@dataclass(frozen=True)
class Letter:
    """An e-mail to one approver whose step is waiting."""

    to: str
    subject: str
    body: str


def letters_to_approvers(session: Session, request: PaymentRequest) -> list[Letter]:
    """The letters to the approvers the request now waits for, who have an e-mail address."""
    waiting = routes.pending(request)
    logins = [s.approver_login for s in waiting if s.approver_login]
    if not logins:
        return []
    emails = {
        login: email
        for login, email in session.execute(
            select(User.login, User.email).where(User.login.in_(logins), User.is_active.is_(True))
        )
    }
    text = waiting_text(request, waiting[0].stage)
    return [
        Letter(
            to=str(emails[login]),
            subject=f"Заявка № {request.number} ждёт вашего согласования",
            body=f"{text}\n\nОткройте AktDesk: вкладка «Заявки на оплату», фильтр «Ждут моего согласования».",
        )
        for login in dict.fromkeys(logins)
        if emails.get(login)
    ]


@dataclass
class MailResult:
    """Who got a letter, and what went wrong with the others (Russian, fit to show)."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def send_letters(config: SmtpConfig, letters: Sequence[Letter]) -> MailResult:
    """Send each letter over one connection; a lost connection ends the run, the rest count as
    failed. Settings that cannot work raise ``SendError`` before anything is tried."""
    result = MailResult()
    if not letters:
        return result
    check_config(config)
    with SmtpSession(config) as smtp:
        for number, letter in enumerate(letters):
            try:
                smtp.send(build_message(config, [letter.to], letter.subject, letter.body), [letter.to])
            except SendError as error:
                result.failed.append(f"{letter.to}: {error.message}")
                if error.connection_lost:
                    result.failed.extend(f"{rest.to}: не отправлено" for rest in letters[number + 1 :])
                    break
            else:
                result.sent.append(letter.to)
    return result
