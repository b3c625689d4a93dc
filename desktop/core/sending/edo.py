"""UPD XML of a period for an EDO operator: into a folder, or one ZIP per client; optionally marked as sent.

Each file is written under its official name (``ON_NSCHFDOPPR_<receiver>_<sender>_<date>_<GUID>.xml``),
read from its ``Файл/@ИдФайл`` (docs/domain.md, «UPD file name»): the operator refuses a renamed
file. In the documents folder the file has a short name (paths.py: Windows paths stay short).
Files and ZIPs are written atomically. A client or own entity without an EDO participant id gets a
warning: its file carries INN+KPP placeholders that an operator will not route. When marking, each
client's export is one ``Dispatch`` (channel ``edo``) and its UPDs get ``sent_via = "edo"``, which the
registry shows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.core.common.files import write_atomic
from desktop.core.common.safe_names import safe_file_name
from desktop.core.db import Database
from desktop.core.documents.paths import party_folder
from desktop.core.documents.upd_xml import official_xml_name
from desktop.core.errors import StorageError, os_error_text
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import Document, DocumentKind, DocumentStatus
from desktop.core.sending.compose import Attachment, Outgoing
from desktop.core.sending.delivery import Outcome, record_dispatch


@dataclass
class EdoClient:
    client: str
    inn: str
    files: list[dict[str, Any]] = field(default_factory=list)  # {"name", "sha256", "size"}
    output: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    marked: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "client": self.client,
            "inn": self.inn,
            "files": self.files,
            "output": self.output,
            "warnings": self.warnings,
            "error": self.error,
            "marked": self.marked,
        }


@dataclass
class EdoReport:
    period: str
    out_dir: str
    zip: bool
    clients: list[EdoClient] = field(default_factory=list)
    cancelled: bool = False

    @property
    def files(self) -> int:
        return sum(len(c.files) for c in self.clients if c.error is None)

    @property
    def errors(self) -> list[EdoClient]:
        return [c for c in self.clients if c.error]

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "output": self.out_dir,
            "zip": self.zip,
            "files": self.files,
            "clients": [c.as_dict() for c in self.clients],
            "errors": len(self.errors),
            "cancelled": self.cancelled,
        }


def _zip_bytes(entries: Sequence[Attachment]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time=dt.datetime.now().timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, entry.data)
    return buffer.getvalue()


def export_edo(
    database: Database,
    period: str,
    out_dir: Path,
    *,
    as_zip: bool = False,
    mark_sent: bool = False,
    counterparty_ids: Sequence[int] | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    user: str | None = None,
) -> EdoReport:
    """Write the period's UPD XML files for upload to an EDO operator."""
    report = EdoReport(period, str(out_dir), as_zip)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"Папку «{out_dir}» не создать: {os_error_text(error)}.") from error
    with database.session() as session:
        stmt = (
            select(Document)
            .where(
                Document.period == period,
                Document.kind == DocumentKind.UPD,
                Document.current.is_(True),
                Document.status != DocumentStatus.CANCELLED,
            )
            .options(selectinload(Document.counterparty), selectinload(Document.own_entity))
            .order_by(Document.counterparty_id, Document.seq)
        )
        if counterparty_ids is not None:
            stmt = stmt.where(Document.counterparty_id.in_(list(counterparty_ids)))
        grouped: dict[int, list[Document]] = {}
        for document in session.scalars(stmt):
            grouped.setdefault(document.counterparty_id, []).append(document)
    order = sorted(grouped, key=lambda i: (grouped[i][0].counterparty.short_name.casefold(), i))
    for done, client_id in enumerate(order):
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break
        documents = grouped[client_id]
        client = documents[0].counterparty
        progress(done, len(order), client.short_name)
        item = EdoClient(client.short_name, client.inn)
        report.clients.append(item)
        if not client.edo_id:
            item.warnings.append(
                "у клиента нет идентификатора участника ЭДО: в имени файла ИНН+КПП, оператор ЭДО его не примет"
            )
        for entity in {d.own_entity.short_name for d in documents if not d.own_entity.edo_id}:
            item.warnings.append(f"у юрлица «{entity}» нет идентификатора участника ЭДО")
        entries: list[Attachment] = []
        try:
            for document in documents:
                if not document.xml_path:
                    raise StorageError(
                        f"у УПД № {document.number} нет файла XML: сделайте файлы закрытием месяца"
                    )
                path = Path(document.xml_path)
                try:
                    payload = path.read_bytes()
                except OSError as error:
                    raise StorageError(
                        f"файл УПД XML не прочитать: {path} ({os_error_text(error)})"
                    ) from error
                entries.append(Attachment(official_xml_name(payload, path), payload))
        except StorageError as error:
            item.error = error.message
            continue
        item.files = [entry.as_dict() for entry in entries]
        try:
            if as_zip:
                target = out_dir / safe_file_name(
                    f"{party_folder(client.short_name, client.inn)} {period}", "zip"
                )
                write_atomic(target, _zip_bytes(entries))
                item.output = str(target)
            else:
                for entry in entries:
                    write_atomic(out_dir / entry.name, entry.data)
                item.output = str(out_dir)
        except OSError as error:
            item.error = f"не записать в «{out_dir}»: {os_error_text(error)}"
            continue
        if mark_sent and not all(d.sent_via == "edo" for d in documents):
            message = Outgoing(
                purpose="package",
                counterparty_id=client_id,
                client=client.short_name,
                inn=client.inn,
                period=period,
                recipients=[client.edo_id or ""],
                document_ids=[d.id for d in documents],
                subject=f"Выгрузка УПД для ЭДО за {period}",
            )
            outcome = Outcome(message, "sent", reply=f"выгружено: {item.output}", attachments=item.files)
            record_dispatch(database, message, outcome, user=user, channel="edo")
            item.marked = True
    else:
        progress(len(order), len(order), "")
    return report
