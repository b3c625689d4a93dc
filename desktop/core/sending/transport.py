"""SMTP transport: one connection for a run of messages, every failure turned into a clear Russian message.

``SmtpSession`` opens the connection lazily (plain, STARTTLS or SSL, then AUTH when a login is
set), sends each message with MAIL/RCPT/DATA itself so the server's final reply (``250 …
queued as …``) is kept for the sending log, and reconnects after a dropped connection. A
failure is raised as ``SendError`` whose ``kind`` says what went wrong (``dns``, ``refused``,
``timeout``, ``tls``, ``auth``, ``rejected``, ``config``, ``network``) and whose message names
the server and what to check.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from types import TracebackType

from desktop.core.errors import UserError, os_error_text

SECURITY_TITLES = {"starttls": "STARTTLS", "ssl": "SSL/TLS", "none": "без шифрования"}


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    security: str = "starttls"  # "starttls" | "ssl" | "none"
    login: str = ""
    password: str | None = None
    sender: str = ""
    sender_name: str = ""
    timeout: float = 30.0
    verify_tls: bool = True  # False only for a server known to use a self-signed certificate

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def sender_address(self) -> str:
        return self.sender or self.login


class SendError(UserError):
    """A message (or the connection) failed; ``kind`` classifies it, ``message`` explains it."""

    def __init__(self, message: str, *, kind: str, reply: str = "", connection_lost: bool = False) -> None:
        super().__init__(message, field="smtp")
        self.kind = kind
        self.reply = reply
        self.connection_lost = connection_lost


def _reply_text(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {' '.join(text.split())}".strip()


def check_config(config: SmtpConfig) -> None:
    """Settings that cannot work are named before any connection is tried."""
    if not config.host.strip():
        raise SendError("Не указан сервер исходящей почты (SMTP): заполните его в настройках.", kind="config")
    if not 0 < config.port < 65536:
        raise SendError(f"Неверный порт сервера почты: {config.port}.", kind="config")
    if config.security not in SECURITY_TITLES:
        raise SendError(f"Неизвестный режим защиты SMTP: «{config.security}».", kind="config")
    if not config.sender_address() or "@" not in config.sender_address():
        raise SendError(
            "Не указан адрес отправителя (или логин в виде адреса e-mail) в настройках почты.", kind="config"
        )
    if config.login and not config.password:
        raise SendError(
            f"Пароль почты для «{config.login}» на {config.address} не сохранён: "
            "введите его в настройках (он хранится в хранилище паролей системы).",
            kind="config",
        )


def explain(error: BaseException, config: SmtpConfig) -> SendError:
    """The message a user can act on for a failure talking to ``config``'s server."""
    where = config.address
    if isinstance(error, SendError):
        return error
    if isinstance(error, socket.gaierror):
        return SendError(
            f"Сервер почты «{config.host}» не найден (ошибка DNS): проверьте имя сервера "
            "в настройках и подключение к сети.",
            kind="dns",
            connection_lost=True,
        )
    if isinstance(error, ConnectionRefusedError):
        return SendError(
            f"Сервер почты {where} отказал в соединении: на этом порту почтовый сервер не работает. "
            "Проверьте сервер и порт (обычно 587 для STARTTLS, 465 для SSL).",
            kind="refused",
            connection_lost=True,
        )
    if isinstance(error, socket.timeout | TimeoutError):
        return SendError(
            f"Сервер почты {where} не ответил за {config.timeout:.0f} с: сервер недоступен, "
            "соединение блокирует брандмауэр или на этом порту ждут другой режим защиты "
            f"(сейчас {SECURITY_TITLES.get(config.security, config.security)}).",
            kind="timeout",
            connection_lost=True,
        )
    if isinstance(error, ssl.SSLCertVerificationError):
        return SendError(
            f"Ошибка TLS при соединении с {where}: сертификат сервера не прошёл проверку "
            f"({error.verify_message or error.reason}).",
            kind="tls",
            connection_lost=True,
        )
    if isinstance(error, ssl.SSLError):
        return SendError(
            f"Ошибка TLS при соединении с {where} ({error.reason or error}): проверьте режим защиты "
            f"(сейчас {SECURITY_TITLES.get(config.security, config.security)}) и порт.",
            kind="tls",
            connection_lost=True,
        )
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return SendError(
            f"Сервер почты {where} не принял логин «{config.login}» и пароль: "
            f"{_reply_text(error.smtp_code, error.smtp_error)}.",
            kind="auth",
            reply=_reply_text(error.smtp_code, error.smtp_error),
            connection_lost=True,
        )
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{addr} — {_reply_text(code, text)}" for addr, (code, text) in error.recipients.items()
        )
        return SendError(f"Сервер почты отклонил получателей: {refused}.", kind="rejected", reply=refused)
    if isinstance(error, smtplib.SMTPSenderRefused):
        reply = _reply_text(error.smtp_code, error.smtp_error)
        return SendError(
            f"Сервер почты отклонил адрес отправителя «{error.sender}»: {reply}.",
            kind="rejected",
            reply=reply,
        )
    if isinstance(error, smtplib.SMTPDataError):
        reply = _reply_text(error.smtp_code, error.smtp_error)
        return SendError(f"Сервер почты отклонил письмо: {reply}.", kind="rejected", reply=reply)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return SendError(
            f"Сервер почты {where} разорвал соединение ({error or 'без ответа'}): проверьте режим защиты и порт.",
            kind="network",
            connection_lost=True,
        )
    if isinstance(error, smtplib.SMTPResponseException):
        reply = _reply_text(error.smtp_code, error.smtp_error)
        return SendError(f"Сервер почты {where} ответил ошибкой: {reply}.", kind="rejected", reply=reply)
    if isinstance(error, smtplib.SMTPException):
        return SendError(f"Ошибка SMTP при работе с {where}: {error}.", kind="network", connection_lost=True)
    if isinstance(error, OSError):
        return SendError(
            f"Не удалось соединиться с сервером почты {where}: {os_error_text(error)}.",
            kind="network",
            connection_lost=True,
        )
    raise error


class SmtpSession:
    """A connection used for many messages; ``send`` returns the server's reply to the message."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if not self.config.verify_tls:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def connect(self) -> None:
        if self._smtp is not None:
            return
        config = self.config
        check_config(config)
        smtp: smtplib.SMTP | None = None
        try:
            if config.security == "ssl":
                smtp = smtplib.SMTP_SSL(
                    config.host, config.port, timeout=config.timeout, context=self._tls_context()
                )
            else:
                smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
            smtp.ehlo()
            if config.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise SendError(
                        f"Сервер почты {config.address} не поддерживает STARTTLS: выберите режим "
                        "«SSL/TLS» (обычно порт 465) или «без шифрования», если сервер во внутренней сети.",
                        kind="tls",
                        connection_lost=True,
                    )
                smtp.starttls(context=self._tls_context())
                smtp.ehlo()
            if config.login:
                if not smtp.has_extn("auth"):
                    raise SendError(
                        f"Сервер почты {config.address} не предлагает авторизацию (AUTH) "
                        f"в режиме «{SECURITY_TITLES[config.security]}»: проверьте режим защиты "
                        "или оставьте логин пустым, если сервер принимает почту без него.",
                        kind="auth",
                        connection_lost=True,
                    )
                smtp.login(config.login, config.password or "")
        except BaseException as error:
            if smtp is not None:
                _quiet_close(smtp)
            if isinstance(error, KeyboardInterrupt | SystemExit):
                raise
            raise explain(error, config) from error
        self._smtp = smtp

    def send(self, message: EmailMessage, recipients: list[str]) -> str:
        """Send one message; returns the server's final reply. Raises ``SendError``."""
        self.connect()
        smtp = self._smtp
        assert smtp is not None
        sender = self.config.sender_address()
        try:
            data = message.as_bytes(policy=SMTP_POLICY)
            code, reply = smtp.mail(sender)
            if code != 250:
                smtp.rset()
                raise smtplib.SMTPSenderRefused(code, reply, sender)
            refused: dict[str, tuple[int, bytes]] = {}
            for address in recipients:
                code, reply = smtp.rcpt(address)
                if code not in (250, 251):
                    refused[address] = (code, reply)
            if len(refused) == len(recipients):
                smtp.rset()
                raise smtplib.SMTPRecipientsRefused(refused)
            code, reply = smtp.data(data)
            if code != 250:
                smtp.rset()
                raise smtplib.SMTPDataError(code, reply)
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt | SystemExit):
                raise
            failure = explain(error, self.config)
            if failure.connection_lost:
                self._drop()
            raise failure from error
        answer = _reply_text(code, reply)
        if refused:
            answer += "; не приняты: " + "; ".join(
                f"{a} — {_reply_text(c, t)}" for a, (c, t) in refused.items()
            )
        return answer

    def _drop(self) -> None:
        if self._smtp is not None:
            _quiet_close(self._smtp)
            self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            _quiet_close(self._smtp)
            self._smtp = None


def _quiet_close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.close()
    except OSError:
        pass
