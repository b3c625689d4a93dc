"""Files attached to a payment request (the e-invoice, the payment order): stored on the share like a
scan (``ScanStore``) under ``Заявки на оплату/<year>/<entity>/№ <n> <contractor>/``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common import labels
from desktop.core.common.events import acting_login
from desktop.core.common.safe_names import safe_file_name, safe_name
from desktop.core.errors import ValidationError
from desktop.core.models import PaymentRequest, Scan, ScanRole
from desktop.core.requests.permissions import Action, require
from desktop.core.requests.workflow import get_request, record_event
from desktop.core.scans.files import EXTENSIONS
from desktop.core.scans.store import AttachResult, ScanOwner, ScanStore

ATTACHMENT_ROLES: dict[str, str] = {role.value: title for role, title in labels.SCAN_ROLE_TITLES.items()}
SHARE_FOLDER = "Заявки на оплату"


def attachment_path(request: PaymentRequest, role: str, kind_ext: str) -> Path:
    """``Заявки на оплату/<year>/<entity>/№ <n> <contractor>/<Эл. версия счёта>.<ext>`` on the share."""
    folder = safe_name(f"№ {request.number} {request.contractor_name}")
    return Path(
        SHARE_FOLDER,
        str(request.year),
        safe_name(request.own_entity.short_name),
        folder,
        safe_file_name(ATTACHMENT_ROLES[role], kind_ext),
    )


# How the scan store, which never imports this module, knows the requests' attachments (scans/store.py).
SCAN_OWNER = ScanOwner("payment_request", Scan.payment_request_id, folder=lambda store: SHARE_FOLDER)


def attach(
    session: Session,
    store: ScanStore,
    request_id: int,
    files: Sequence[Path],
    role: str,
    *,
    login: str | None = None,
) -> AttachResult:
    """Attach an e-invoice or a payment order like a scan: checked by content, copied atomically
    to the share and hashed, or queued in the outbox (with the reason in ``message``)."""
    login = acting_login(session, login)
    if role not in ATTACHMENT_ROLES:
        raise ValidationError(f"Неизвестный вид вложения «{role}».")
    request = get_request(session, request_id)
    require(session, request, Action.ATTACH, login)
    checked = store.check_files(files)
    known = set(session.scalars(select(Scan.sha256).where(Scan.payment_request_id == request.id)))

    def link(row: Scan) -> None:
        row.payment_request_id = request.id
        row.role = ScanRole(role)
        record_event(
            request, login, None, None, f"Прикреплён файл ({ATTACHMENT_ROLES[role]}): {row.original_name}"
        )

    result, problem = store.store_files(
        session,
        checked,
        known,
        lambda scan: attachment_path(request, role, EXTENSIONS[scan.kind]),
        link,
        user=login,
    )
    return store.explain(
        result,
        problem,
        queued="Файл сохранён в локальную очередь ({outbox}) и будет отправлен на общую папку автоматически.",
        duplicate="Этот файл уже прикреплён к заявке.",
    )


def attachments(session: Session, request_id: int) -> list[Scan]:
    return list(session.scalars(select(Scan).where(Scan.payment_request_id == request_id).order_by(Scan.id)))
