"""The e-mail to the next approvers of a payment request (``notices.letters_to_approvers``), sent
through the mail server of the settings. The in-program notification is written with the step
itself; a letter is a courtesy: a failure is reported, never undoes the step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.requests.notices import Letter
from desktop.core.sending.compose import build_message
from desktop.core.sending.transport import SendError, SmtpConfig, SmtpSession


@dataclass
class MailResult:
    """Who got a letter, and what went wrong with the others (Russian, fit to show)."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def send_letters(config: SmtpConfig, letters: Sequence[Letter]) -> MailResult:
    """Send each letter over one connection; a lost connection ends the run, the rest count as failed."""
    result = MailResult()
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
