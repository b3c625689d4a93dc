"""The files of a month closing: DOCX, PDF and UPD XML of the documents it created, pipelined.

``FileWriter.add`` is called after each contract's transaction commits, with the documents it
created. Documents are rendered in batches (DOCX written atomically; UPD XML built, validated
and written), and each batch of DOCX files is handed to the PDF backend's pool while the
closing goes on with the next contracts. ``finish`` waits for the PDFs and records every
file's path on its document. A document whose files failed is reported by contract number;
its row stays, and the next run (or "Retry failed") writes the missing files.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.closing import ClosingResult
from desktop.core.db import Database
from desktop.core.errors import UserError
from desktop.core.models import Contract, Document, OwnEntity, Service, WorkOrder

BATCH = 60  # documents rendered at a time
MERGE = 50  # documents of one form per LibreOffice load (a merged DOCX, split back by page)


@dataclass
class _Written:
    document_id: int
    contract: str
    docx: Path
    pdf: Path | None = None
    xml: Path | None = None
    extra_docx: list[Path] = field(default_factory=list)


def load_documents(session: Session, ids: list[int]) -> list[Document]:
    return list(
        session.scalars(
            select(Document)
            .where(Document.id.in_(ids))
            .options(
                selectinload(Document.lines),
                selectinload(Document.own_entity).selectinload(OwnEntity.bank_accounts),
                selectinload(Document.own_entity).selectinload(OwnEntity.vat_history),
                selectinload(Document.counterparty),
                selectinload(Document.contract),
            )
            .order_by(Document.id)
        )
    )


def work_orders_of(session: Session, document: Document) -> list[WorkOrder]:
    return list(
        session.scalars(
            select(WorkOrder)
            .where(
                WorkOrder.contract_id == document.contract_id,
                WorkOrder.date >= document.period_start,
                WorkOrder.date <= document.period_end,
                WorkOrder.approved.is_(True),
            )
            .options(selectinload(WorkOrder.service).selectinload(Service.unit))
        )
    )


class FileWriter:
    def __init__(
        self,
        database: Database,
        out_dir: Path,
        *,
        pdf: bool = True,
        pdf_converter: str = "auto",
        with_stamp: bool = True,
        xml: bool = True,
        print_pdf: bool = False,
    ) -> None:
        self.database = database
        self.print_pdf = print_pdf  # also one PDF per client and one for the whole run, for printing
        self.print_files: list[Path] = []
        self.out_dir = Path(out_dir)
        self.with_stamp = with_stamp
        self.xml = xml
        self.pending: list[int] = []
        self.written: list[_Written] = []
        self.errors: list[dict[str, str]] = []
        self.futures: list[Future[Any]] = []
        self.groups: dict[str, list[tuple[Any, Path]]] = {}  # form → rendered, waiting for a merged PDF
        self.contract_of: dict[Path, _Written] = {}  # the PDF a document expects → its record
        self.detail_of: dict[Path, _Written] = {}  # a detail appendix's PDF → its act's record
        self.backend: Any = None
        self.backend_error: UserError | None = None
        self.batch_dir = self.out_dir / ".batches"  # merged DOCX for conversion, removed at the end
        self.batch_counter = 0
        self._starter: threading.Thread | None = None
        if pdf:
            # Starting LibreOffice takes seconds: do it while the first contracts are being closed.
            self._starter = threading.Thread(target=self._start_backend, args=(pdf_converter,), daemon=True)
            self._starter.start()

    def _start_backend(self, converter: str) -> None:
        from desktop.core.documents.pdf import detect_backend

        try:
            backend = detect_backend(converter)
            start = getattr(backend, "start", None)
            if start is not None:
                start()
            self.backend = backend
        except UserError as error:
            self.backend_error = error

    # --- feeding -------------------------------------------------------------------------------
    def add(self, documents: list[Document]) -> None:
        self.pending.extend(d.id for d in documents)
        if len(self.pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        ids, self.pending = self.pending, []
        if not ids:
            return
        from desktop.core.documents import context as ctx
        from desktop.core.documents.paths import document_path
        from desktop.core.documents.render import render_to_file

        # The id QR read by the scan inbox: ~1 ms a document (QR version 1, fixed mask).
        options = ctx.ContextOptions(with_stamp=self.with_stamp, with_id_qr=True)
        batch: list[_Written] = []
        with self.database.session() as session:
            for document in load_documents(session, ids):
                contract: Contract = document.contract
                try:
                    target = document_path(self.out_dir, document, "docx")
                    if document.kind == "act":
                        context = ctx.act_context(document, self.with_stamp, options)
                    elif document.kind == "invoice":
                        context = ctx.invoice_context(document, self.with_stamp, options)
                    else:
                        context = ctx.upd_context(document, self.with_stamp, options)
                    render_to_file(document.kind, context, target)
                    written = _Written(document.id, contract.number, target)
                    self.groups.setdefault(document.kind, []).append((context, target))
                    if document.kind == "act" and contract.detail_appendix:
                        work = work_orders_of(session, document)
                        if work:
                            detail = document_path(self.out_dir, document, "docx", kind="detail")
                            detail_context = ctx.detail_context(document, work, options)
                            render_to_file("detail", detail_context, detail)
                            written.extra_docx.append(detail)
                            self.detail_of[detail.with_suffix(".pdf")] = written
                            self.groups.setdefault("detail", []).append((detail_context, detail))
                    if document.kind == "upd" and self.xml:
                        from desktop.core.documents.upd_xml import upd_data_from_document, write_upd_xml

                        written.xml = write_upd_xml(upd_data_from_document(document), target.parent)
                    batch.append(written)
                    self.contract_of[target.with_suffix(".pdf")] = written
                except UserError as error:
                    self.errors.append(
                        {"contract": contract.number, "message": f"{document.number}: {error.message}"}
                    )
        self.written.extend(batch)
        for kind, entries in list(self.groups.items()):
            if len(entries) >= MERGE:
                self._convert(kind)

    def _convert(self, kind: str) -> None:
        """Documents of one form go into ONE merged DOCX (a section each, page numbers restarting):
        one LibreOffice load per form and ~MERGE documents instead of one per file."""
        entries = self.groups.pop(kind, [])
        if self._starter is None or not entries:
            return
        if self.backend is None and self.backend_error is None:
            self._starter.join()
        if self.backend is None:
            return
        from desktop.core.documents.pdf import BatchItem, DocPart
        from desktop.core.documents.render import bookmark_name, render_batch, write_atomic

        self.batch_counter += 1
        merged = self.batch_dir / f"{kind}-{self.batch_counter:04d}.docx"
        write_atomic(merged, render_batch(kind, [c for c, _ in entries]))
        parts = [
            DocPart(docx.with_suffix(".pdf"), bookmark=bookmark_name(i), label=docx.name)
            for i, (_, docx) in enumerate(entries)
        ]
        self.futures.append(self.backend.submit([BatchItem.merged(merged, parts)]))

    # --- finishing ------------------------------------------------------------------------------
    def finish(self, result: ClosingResult) -> None:
        """Write what is missing, wait for the PDFs, record the paths and complete the result's counts.

        Documents of the period created by an earlier, interrupted run (their files missing) are
        written here too: a rerun completes the files as well as the rows.
        """
        done = {w.document_id for w in self.written} | set(self.pending)
        with self.database.session() as session:
            self.pending.extend(i for i in missing_files(session, result.period) if i not in done)
        self._flush()
        for kind in list(self.groups):
            self._convert(kind)
        if self.backend_error is not None:
            self.errors.append({"contract": "—", "message": self.backend_error.message})
        for future in self.futures:
            try:
                outcomes = future.result()
            except UserError as error:
                self.errors.append({"contract": "—", "message": error.message})
                continue
            for outcome in outcomes:
                written = self.contract_of.get(Path(outcome.pdf))
                owner = written or self.detail_of.get(Path(outcome.pdf))
                if outcome.ok:
                    if written is not None:
                        written.pdf = Path(outcome.pdf)
                    continue
                message = outcome.error.message if outcome.error else "PDF не создан"
                self.errors.append({"contract": owner.contract if owner else "—", "message": message})
        with self.database.transaction() as session:
            for written in self.written:
                document = session.get(Document, written.document_id)
                if document is None:
                    continue
                document.docx_path = str(written.docx)
                document.pdf_path = str(written.pdf) if written.pdf else None
                document.xml_path = str(written.xml) if written.xml else None
        if self.print_pdf:
            self._print_packages(result.period)
        result.pdf += sum(1 for w in self.written if w.pdf is not None)
        result.xml += sum(1 for w in self.written if w.xml is not None)
        result.errors.extend(self.errors)
        result.print_files.extend(str(p) for p in self.print_files)

    def _print_packages(self, period: str) -> None:
        """One PDF per client of this run and one for the whole run, for printing.

        A client's package holds all its current documents of the period plus what this run made
        for it (a prepayment invoice for the next month too); it lies in the client's folder of the period.
        """
        from sqlalchemy import or_

        from desktop.core.documents.paths import document_path
        from desktop.core.documents.pdf import merge_pdfs

        made = {w.document_id for w in self.written if w.pdf is not None}
        if not made:
            return
        with self.database.session() as session:
            touched = set(session.scalars(select(Document.counterparty_id).where(Document.id.in_(made))))
            documents = load_documents(
                session,
                list(
                    session.scalars(
                        select(Document.id).where(
                            or_(Document.period == period, Document.id.in_(made)),
                            Document.current.is_(True),
                            Document.counterparty_id.in_(touched),
                            Document.pdf_path.is_not(None),
                        )
                    )
                ),
            )
            order = {"act": 0, "invoice": 1, "upd": 2}
            documents.sort(
                key=lambda d: (
                    d.counterparty.short_name,
                    d.contract.number,
                    d.period,
                    order.get(d.kind, 9),
                    d.number,
                )
            )
            by_client: dict[tuple[int, int], list[Path]] = {}
            folders: dict[tuple[int, int], Path] = {}
            run_files: list[Path] = []
            for document in documents:
                pdf = Path(document.pdf_path or "")
                if not pdf.exists():
                    continue
                files = [pdf]
                detail = document_path(self.out_dir, document, "pdf", kind="detail")
                if document.kind == "act" and detail.exists():
                    files.append(detail)
                key = (document.own_entity_id, document.counterparty_id)
                by_client.setdefault(key, []).extend(files)
                if document.period == period:
                    folders[key] = pdf.parent
                folders.setdefault(key, pdf.parent)
                if document.id in made:
                    run_files.extend(files)
        month = period
        for key, files in by_client.items():
            target = folders[key] / f"Пакет документов {month}.pdf"
            try:
                merge_pdfs(files, target)
                self.print_files.append(target)
            except UserError as error:
                self.errors.append({"contract": "—", "message": f"{target.name}: {error.message}"})
        if run_files:
            stamp = dt.datetime.now().strftime("%d.%m.%Y %H-%M-%S")
            target = self.out_dir / month / f"На печать {month} от {stamp}.pdf"
            try:
                merge_pdfs(run_files, target)
                self.print_files.append(target)
            except UserError as error:
                self.errors.append({"contract": "—", "message": f"{target.name}: {error.message}"})

    def close(self) -> None:
        import shutil

        if self._starter is not None:
            self._starter.join()
        shutil.rmtree(self.batch_dir, ignore_errors=True)
        if self.backend is not None:
            self.backend.close()
            self.backend = None


def missing_files(session: Session, period: str) -> list[int]:
    """Documents of a period whose DOCX is not on disk (a run killed after its commit): to write again."""
    ids = []
    for document_id, path in session.execute(
        select(Document.id, Document.docx_path).where(Document.period == period, Document.current.is_(True))
    ):
        if not path or not Path(path).exists():
            ids.append(document_id)
    return ids
