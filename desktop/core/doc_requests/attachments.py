"""Files a manager attaches to a document request (the client's card of requisites, a signed page):
stored on the share like a scan (``ScanStore``) under ``Запросы документов/<year>/№ <id> <client>/``,
each under its own name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.common.events import acting_login
from desktop.core.common.safe_names import safe_file_name, safe_name
from desktop.core.doc_requests.workflow import get_request, record, title
from desktop.core.errors import UserError
from desktop.core.models import DocRequest, DocRequestState, Scan, ScanRole
from desktop.core.scans.files import EXTENSIONS, ScanFile
from desktop.core.scans.store import AttachResult, ScanOwner, ScanStore

SHARE_FOLDER = "Запросы документов"


def folder_of(request: DocRequest) -> Path:
    """``Запросы документов/<year>/№ <id> <client>`` on the share."""
    client = request.counterparty.short_name if request.counterparty is not None else "без клиента"
    return Path(SHARE_FOLDER, str(request.created_at.year), safe_name(f"№ {request.id} {client}"))


def attachment_path(request: DocRequest, scan: ScanFile) -> Path:
    """The file under its own name in the request's folder."""
    return folder_of(request) / safe_file_name(scan.path.stem, EXTENSIONS[scan.kind])


# How the scan store, which never imports this module, knows the requests' attachments (scans/owners.py).
SCAN_OWNER = ScanOwner("doc_request", Scan.doc_request_id, folder=lambda store: SHARE_FOLDER)


def attach(
    session: Session, store: ScanStore, request_id: int, files: Sequence[Path], *, login: str | None = None
) -> AttachResult:
    """Attach files to a request: checked by content, copied atomically to the share and hashed, or
    queued in the outbox (with the reason in ``message``). Its author attaches while it is a draft;
    an accountant at any step before it is closed."""
    login = acting_login(session, login)
    request = get_request(session, request_id)
    if request.state == DocRequestState.DRAFT and request.initiator != login:
        raise UserError(f"{title(request)}: прикреплять файлы к черновику может только автор.")
    if request.state in (DocRequestState.CLOSED, DocRequestState.REJECTED):
        raise UserError(f"{title(request)}: запрос уже закрыт — файлы к нему не прикрепляются.")
    checked = store.check_files(files)
    known = set(session.scalars(select(Scan.sha256).where(Scan.doc_request_id == request.id)))

    def link(row: Scan) -> None:
        row.doc_request_id = request.id
        row.role = ScanRole.ATTACHMENT
        record(request, login, None, None, f"Прикреплён файл: {row.original_name}")

    result, problem = store.store_files(
        session, checked, known, lambda scan: attachment_path(request, scan), link, user=login
    )
    return store.explain(
        result,
        problem,
        queued="Файл сохранён в локальную очередь ({outbox}) и будет отправлен на общую папку автоматически.",
        duplicate="Этот файл уже прикреплён к запросу.",
    )


def attachments(session: Session, request_id: int) -> list[Scan]:
    return list(session.scalars(select(Scan).where(Scan.doc_request_id == request_id).order_by(Scan.id)))
