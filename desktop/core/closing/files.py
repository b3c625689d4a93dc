"""The files of a month closing: DOCX, PDF and UPD XML of the documents it created, pipelined.

``FileWriter.add`` is called after each contract's transaction commits, with the documents it
created. Documents are rendered in batches (DOCX written atomically; UPD XML built, validated
and written), and the DOCX files of one form are joined into a merged DOCX (``pdf.docxmerge``,
the one DOCX merger; a document it cannot merge is converted alone) that the PDF backend's pool
converts while the closing goes on with the next contracts. ``finish`` waits for the files and PDFs and records every file's path
on its document. A document whose files failed is reported by contract number; its row stays,
and the next run (or "Retry failed") writes the missing files.

Cancel (the ``cancel`` token of the run): the batch being rendered and the PDF conversion already
running are finished, nothing new is started; only the documents whose files are all there get
their paths recorded, the others keep none and are written by the next run of the period
(``missing_files``). ``ClosingResult.without_files`` counts them.

A run of ``POOL_MIN`` documents or more renders in worker processes, one per core. On Linux they
are forked from a fork server that imported and prepared everything once (``worker_preload``;
forking this process itself is unsafe: the GUI closes from a Qt worker thread); elsewhere they are
started with ``spawn``. The fork server starts with the ``FileWriter``, the workers as soon as the
caller says the run is big (``expect``) or it gets there; until one is ready the documents wait
for them (up to ``HOLD``). ``keep_pools``: the workers and the PDF converter outlive the run for the
next one of this process (a window's second closing starts warm). A worker gets document ids,
reads the documents through its own read-only connection, writes the files and sends back their
paths, the errors by contract and, when PDFs are made, each DOCX with its form for the merged batches.
The main process keeps the database writes, the PDF pool and the recording of paths; what a worker
logs comes back through a queue to this process's loggers (the app's log file). Smaller runs
render in-process (unless kept workers are running): starting workers would cost more than it saves.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import gc
import hashlib
import logging
import logging.handlers
import multiprocessing
import os
import queue
import shutil
import signal
import sys
import threading
import uuid
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_connections
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, event, or_, select, update
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, selectinload

from desktop.core.closing.plan import RUN, ClosingError, ClosingResult
from desktop.core.common.files import file_error, write_file
from desktop.core.common.formats import format_date
from desktop.core.common.periods import next_period
from desktop.core.db import Database, is_sqlite, make_engine
from desktop.core.documents.paths import KIND_ORDER, document_file_name, document_path
from desktop.core.errors import Cancelled, UserError, unexpected_error_text
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import Contract, Document, DocumentKind, DocumentStage, OwnEntity, Service, WorkOrder

log = logging.getLogger(__name__)

BATCH = 60  # documents rendered at a time (one job of a worker process)
MERGE = 50  # documents of one form per LibreOffice load (a merged DOCX, split back by page)
POOL_MIN = 40  # documents: from this many on, rendering goes to worker processes
HOLD = 3 * BATCH  # documents kept for the workers while they start (beyond: rendered in-process)
BATCHES = ".batches"  # under the output folder: merged DOCX files being converted
# Documents with an ON_NSCHFDOPPR XML file: the UPD and the separate and advance счета-фактуры.
XML_KINDS = (DocumentKind.UPD, DocumentKind.SF, DocumentKind.ADVANCE_SF)
# The stages ``finish`` reports (after the contracts): what the progress dialog says meanwhile.
FILES_STAGE = "Файлы DOCX и XML"
PDF_STAGE = "Создание PDF"


@dataclass
class _Written:
    document_id: int
    contract: str  # its number, for the messages
    contract_id: int
    docx: Path
    pdf: Path | None = None
    xml: Path | None = None
    extra_docx: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class _Job:
    """Documents to write: the same in a worker process and in-process."""

    ids: tuple[int, ...]
    out_dir: Path
    with_stamp: bool
    xml: bool
    for_pdf: bool  # report each DOCX with its form, for the merged PDF batches


@dataclass
class _Piece:
    kind: str  # the form: act, invoice, upd, detail
    docx: Path
    checked: bool = False  # rendered from a form that merges as it is (``mergeable_form``)


@dataclass
class _Outcome:
    written: list[_Written] = field(default_factory=list)
    errors: list[ClosingError] = field(default_factory=list)
    pieces: list[_Piece] = field(default_factory=list)
    pid: int = 0
    peak_mb: float = 0.0


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
                selectinload(Document.basis),  # a УКД: the document it corrects (its form names it)
                selectinload(Document.payment),
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


def _peak_mb() -> float:
    """This process's peak resident memory (Linux: VmHWM; getrusage would carry the parent's over exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


_writers: ThreadPoolExecutor | None = None
_xml_writer: ThreadPoolExecutor | None = None
_writers_lock = threading.Lock()
WRITER_THREADS = 8  # files written (fsync) at once: the waits overlap and the disk commits them together


def _file_writers() -> tuple[ThreadPoolExecutor, ThreadPoolExecutor]:
    """(DOCX writers, the UPD XML writer). XML goes through ONE thread: it is validated against the
    XSD, and an lxml schema must not validate in two threads at once."""
    global _writers, _xml_writer
    with _writers_lock:
        if _writers is None or _xml_writer is None:
            _writers = ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="aktdesk-files")
            _xml_writer = ThreadPoolExecutor(1, thread_name_prefix="aktdesk-upd-xml")
        return _writers, _xml_writer


def _error(contract: str, contract_id: int, number: str, error: BaseException) -> ClosingError:
    if isinstance(error, UserError):
        return ClosingError(contract, f"{number}: {error.message}", contract_id)
    log.error("files of document %s", number, exc_info=error)  # a bug: one document must not stop the others
    return ClosingError(contract, f"{number}: {unexpected_error_text(error)}", contract_id)


def _owner_error(owner: _Written | None, message: str) -> ClosingError:
    """An error of a file whose document is ``owner`` (None: not known, the run's)."""
    if owner is None:
        return ClosingError(RUN, message)
    return ClosingError(owner.contract, message, owner.contract_id)


def _xml_data(document: Document, links: Any) -> Any:
    """The ON_NSCHFDOPPR data of a document that has an XML file: a UPD (СЧФДОП/ДОП), a separate or an
    advance счёт-фактура (СЧФ); None for the others."""
    # deferred: lxml and the XML builder load only when an XML file is written
    from desktop.core.documents.upd_xml import PaymentDocument, sf_data_from_document, upd_data_from_document

    if document.kind == DocumentKind.UPD:
        return upd_data_from_document(document)
    if document.kind == DocumentKind.SF:
        payments = [PaymentDocument(number, day) for number, day in links.payments] if links else []
        return sf_data_from_document(document, links.shipping if links else None, payments)
    if document.kind == DocumentKind.ADVANCE_SF:
        return sf_data_from_document(document)
    return None


def _write_documents(database: Database, job: _Job) -> _Outcome:
    """Context → DOCX (+ detail appendix, + UPD XML) for each document of the job; errors by contract.

    Rendering goes on while the DOCX files are written (flush+fsync+rename) by a few threads; a
    document counts as written when all its files are.
    """
    # deferred: docxtpl, lxml and the forms load only when there are documents to write
    from desktop.core.documents import context as ctx
    from desktop.core.documents.links import sale_links
    from desktop.core.documents.render import (
        Prepared,
        form_of,
        form_path,
        package,
        prepare,
        render_parts,
    )
    from desktop.core.documents.upd_xml import write_upd_xml

    writers, xml_writer = _file_writers()
    forms: dict[str, Prepared] = {}

    def render(kind: str, context: ctx.Context, target: Path) -> None:
        prepared = forms.get(kind)
        if prepared is None:
            prepared = forms[kind] = prepare(form_path(kind))
        rendered = render_parts(prepared, context)
        files.append(writers.submit(write_file, target, package(prepared, rendered)))
        if job.for_pdf:
            pieces.append(_Piece(kind, target, mergeable_form(prepared)))

    outcome = _Outcome(pid=os.getpid())
    waiting: list[tuple[_Written, str, list[Future[Path]], Future[Path] | None, list[_Piece]]] = []
    # The id QR read by the scan inbox: ~0.1 ms a document (QR version 1, fixed mask).
    options = ctx.ContextOptions(with_stamp=job.with_stamp, with_id_qr=True)
    with database.session() as session:
        for document in load_documents(session, list(job.ids)):
            contract: Contract = document.contract
            files: list[Future[Path]] = []
            xml: Future[Path] | None = None
            pieces: list[_Piece] = []
            try:
                target = document_path(job.out_dir, document, "docx")
                links = sale_links(session, document)
                context = ctx.context_for(
                    document.kind, document, job.with_stamp, options=options, links=links
                )
                render(form_of(document.kind), context, target)
                written = _Written(document.id, contract.number, contract.id, target)
                if document.kind == DocumentKind.ACT and contract.detail_appendix:
                    work = work_orders_of(session, document)
                    if work:
                        detail = document_path(job.out_dir, document, "docx", kind="detail")
                        render("detail", ctx.detail_context(document, work, options), detail)
                        written.extra_docx.append(detail)
                xml_data = _xml_data(document, links) if job.xml else None
                if xml_data is not None:
                    xml_target = document_path(job.out_dir, document, "xml")  # short: ИдФайл is inside
                    xml = xml_writer.submit(write_upd_xml, xml_data, xml_target.parent, xml_target.name)
                waiting.append((written, document.number, files, xml, pieces))
            except Exception as error:
                for file in files:  # what was rendered before the error: let it land, then report
                    file.exception()
                if xml is not None:
                    xml.exception()
                outcome.errors.append(_error(contract.number, contract.id, document.number, error))
    for written, number, files, xml, pieces in waiting:
        outputs: list[Future[Any]] = [*files, *([xml] if xml is not None else [])]
        failed = next((e for e in (f.exception() for f in outputs) if e is not None), None)
        if failed is not None:
            outcome.errors.append(_error(written.contract, written.contract_id, number, failed))
            continue
        written.xml = xml.result() if xml is not None else None
        outcome.written.append(written)
        outcome.pieces.extend(pieces)
    outcome.peak_mb = _peak_mb()
    return outcome


# --- worker processes ----------------------------------------------------------------------------

_worker_database: Database | None = None


def _read_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


class _WorkerLogs:
    """Reads the records the worker processes log and hands each to the logger of the same name
    here. Not ``logging.handlers.QueueListener``: its stop() puts a sentinel through the queue's
    writer lock, which a worker killed while logging may hold forever; this one polls and stops."""

    def __init__(self, records: Any) -> None:
        self.records = records
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="aktdesk-worker-logs", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            try:
                record = self.records.get(timeout=0.2)
            except queue.Empty:
                if self.stopped.is_set():
                    return
                continue
            except (EOFError, OSError, ValueError):  # the queue was closed
                return
            logging.getLogger(record.name).handle(record)

    def stop(self) -> None:
        """After the workers ended: what they logged last is read first."""
        self.stopped.set()
        self.thread.join(timeout=5)
        self.records.close()


# id of a prepared form → (the form, its answer); a form changed on disk is prepared anew and asked again
_MERGEABLE: dict[int, tuple[Any, bool]] = {}


def mergeable_form(prepared: Any) -> bool:
    """Every document rendered from this prepared form can go into a merged DOCX uninspected: the
    form itself has nothing that stops a merge (fields of the whole file, footnotes, …) and no part
    shared by the whole package is templated, so they all share those parts byte for byte. Its data
    is text and pictures only: rendering adds no field or reference of that kind. Asked once per
    prepared form and process (a form changed on disk is prepared, and asked, again)."""
    hit = _MERGEABLE.get(id(prepared))
    if hit is not None and hit[0] is prepared:
        return bool(hit[1])
    # deferred: documents.pdf (pypdf, the merger) loads only when PDFs are made
    from desktop.core.documents.pdf.docxmerge import SHARED_PARTS, inspect_docx

    inspection = inspect_docx(prepared.path)
    known = (
        inspection.problem is None
        and inspection.blocker is None
        and not set(prepared.parts) & set(SHARED_PARTS)
    )
    _MERGEABLE[id(prepared)] = (prepared, known)
    return known


def _prepare_forms() -> None:
    """The forms parsed and the UPD schema loaded once per process (a missing one is reported with
    the document that needs it)."""
    # deferred: docxtpl, lxml and the forms load only in the processes that render
    from desktop.core.documents.render import FORMS, form_path, prepare
    from desktop.core.documents.upd_xml import upd_schema

    for kind in FORMS:
        try:
            mergeable_form(prepare(form_path(kind)))
        except UserError:
            pass
    try:
        upd_schema()
    except UserError:
        pass


def preload_worker() -> None:
    """Load and prepare what every rendering worker needs: the rendering and XML modules, the forms,
    the UPD schema. Run once by the fork server (``closing.worker_preload``), so that each worker
    forked from it starts with all of it (a spawned worker spends ~1 s doing this itself)."""
    # deferred: docxtpl, lxml and the forms load only in the processes that render
    from desktop.core.documents import context, links  # noqa: F401 - loaded for the forked workers
    from desktop.core.documents.upd_xml import write_upd_xml  # noqa: F401

    _prepare_forms()
    gc.freeze()  # inherited by every worker: kept out of their garbage collector's scans


PRELOAD_MODULE = "desktop.core.closing.worker_preload"


def _worker_context() -> Any:
    """How the rendering workers start. Linux: forked from a fork server that imported and prepared
    everything once (``preload_worker``); the server is a fresh single-threaded process, so forking
    it is safe where forking this one (the GUI's Qt threads) is not. Elsewhere (Windows, macOS, a
    frozen build): ``spawn``, each worker importing what it needs itself."""
    if sys.platform.startswith("linux") and not getattr(sys, "frozen", False):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([PRELOAD_MODULE])  # no effect once the server runs: the same list
        return context
    return multiprocessing.get_context("spawn")


def warm_up_workers() -> None:
    """Start the fork server now: it imports and prepares while the caller plans and closes the
    first contracts (starting it takes milliseconds; workers forked later wait for its preload)."""
    context = _worker_context()
    if context.get_start_method() != "forkserver":
        return
    # deferred: the fork server module is only needed where it runs
    from multiprocessing import forkserver

    try:
        with _children_ignore_interrupts():  # the server and the workers forked from it ignore Ctrl+C
            forkserver.ensure_running()
    except Exception:  # the pool reports it when it cannot start its workers
        log.warning("the rendering workers' fork server did not start", exc_info=True)


def _worker_start(url: URL, log_queue: Any = None, log_level: int = logging.INFO) -> None:
    """A worker process opens its own read-only connection and prepares the forms once; its log
    records go to ``log_queue`` (read by the process that started it)."""
    global _worker_database
    # Ctrl+C in a terminal reaches the whole process group: the process that started this worker
    # decides (it stops after the current contract and still needs the worker for the files).
    # SIGTERM stays: the pool itself ends broken workers with it.
    for name in ("SIGINT", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    if log_queue is not None:
        root = logging.getLogger()
        root.handlers[:] = [logging.handlers.QueueHandler(log_queue)]
        root.setLevel(log_level)
    _exit_with_parent()
    if is_sqlite(url):
        engine = make_engine(url)
        event.listen(engine, "connect", _read_only)
    else:
        engine = make_engine(
            url, connect_args={"connect_timeout": 5, "options": "-c default_transaction_read_only=on"}
        )
    _worker_database = Database(engine)
    _prepare_forms()
    # What is loaded now lives as long as the worker: keep it out of the garbage collector's scans.
    gc.freeze()
    log.info("rendering worker %s ready", os.getpid())


def _exit_with_parent() -> None:
    """End this worker when the process that started it is gone (killed, crashed): an idle worker
    would otherwise wait for work forever. A file being written is left under its temp name."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait_connections([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="aktdesk-parent-watch", daemon=True).start()


@contextlib.contextmanager
def _children_ignore_interrupts() -> Iterator[None]:
    """Processes started inside ignore Ctrl+C from their first instruction (an ignored signal stays
    ignored through exec, and Python keeps it so): a worker still importing would otherwise print
    a KeyboardInterrupt traceback. Only the main thread can change it (the GUI closes elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _worker_ready() -> int:
    return os.getpid()


def _worker_write(job: _Job) -> _Outcome:
    assert _worker_database is not None
    return _write_documents(_worker_database, job)


def _shareable(url: URL) -> bool:
    """Another process can open it: not an in-memory SQLite database."""
    return not (
        is_sqlite(url) and (not url.database or url.database == ":memory:" or "mode=memory" in str(url))
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
        workers: int | None = None,
        cancel: CancelToken | None = None,
        keep_pools: bool = False,
    ) -> None:
        """``keep_pools``: the rendering workers and the PDF converter stay running after ``close``
        for the next run of this process (the next closing in the same window starts warm); they
        stop after ``KEEP_IDLE_S`` unused, at exit, or on ``close_kept_pools``."""
        self.database = database
        self.keep_pools = keep_pools
        self.converter = pdf_converter
        self.cancel = cancel  # set: finish what is in flight, start nothing new (see the module docs)
        self.unfinished: set[int] = set()  # documents left without (all) their files by a cancel
        self.print_pdf = print_pdf  # also one PDF per client and one for the whole run, for printing
        self.print_files: list[Path] = []
        self.out_dir = Path(out_dir)
        self.with_stamp = with_stamp
        self.xml = xml
        # Worker processes for big runs: one per core by default; 0 renders in this process.
        self.workers = (os.cpu_count() or 1) if workers is None else workers
        self.pending: list[int] = []
        self.seen = 0  # documents handed to the writer so far
        self.written: list[_Written] = []
        self.errors: list[ClosingError] = []
        self.futures: list[tuple[Future[Any], list[Path]]] = []  # PDF conversions, with their DOCX
        self.jobs: deque[tuple[_Job, Future[_Outcome]]] = deque()  # rendering in worker processes
        self.pool: ProcessPoolExecutor | None = None
        self.pool_failed = False
        self.warming: list[Future[int]] = []  # one start-up call per worker
        self._warmer: threading.Thread | None = None  # makes those calls (forked workers)
        self.worker_logs: _WorkerLogs | None = None
        self.worker_peak_mb: dict[int, float] = {}  # worker pid → its peak memory (for the benchmarks)
        self.groups: dict[str, list[_Piece]] = {}  # form → its DOCX files, waiting for a merged PDF
        # the PDF a document expects → its record; a detail appendix's PDF → its act's record
        self.owner_of: dict[Path, _Written] = {}
        self.backend: Any = None
        self.backend_error: UserError | None = None
        # Merged DOCX for conversion, this run's own folder (another run may convert beside it), removed at the end.
        self.run_id = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.batch_dir = self.out_dir / BATCHES / self.run_id
        # Held while this run writes into out_dir: a run that finds no other holder removes what
        # killed runs left there (temp files, merged batches).
        self.files_lock = _files_lock(self.out_dir, self.run_id)
        self.batch_counter = 0
        self._starter: threading.Thread | None = None
        if keep_pools and _kept.has_pool(database.engine.url, self.workers):
            self._start_pool()  # warm workers: every batch goes to them, however small the run
        elif self.workers >= 1 and _shareable(database.engine.url):
            warm_up_workers()  # the fork server's imports overlap the first contracts
        if pdf:
            # Starting LibreOffice takes seconds: do it while the first contracts are being closed.
            self._starter = threading.Thread(target=self._start_backend, args=(pdf_converter,), daemon=True)
            self._starter.start()

    def _start_backend(self, converter: str) -> None:
        # deferred: documents.pdf loads pypdf and the DOCX merger, only when PDFs are made
        from desktop.core.documents.pdf import detect_backend

        try:
            backend = _kept.take_backend(converter) if self.keep_pools else None
            if backend is not None:
                self.backend = backend
                return
            backend = detect_backend(converter)
            start = getattr(backend, "start", None)
            if start is not None:
                start()
            self.backend = backend
        except UserError as error:
            self.backend_error = error

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    # --- feeding -------------------------------------------------------------------------------
    def add(self, documents: list[Document]) -> None:
        self.pending.extend(d.id for d in documents)
        self.seen += len(documents)
        if self.cancelled:  # the run stops after this contract: its files are for the next run
            return
        if self.pool is None and self.seen >= POOL_MIN:
            self.start_workers()
        if len(self.pending) >= BATCH:
            self._flush()
        self._collect(wait=False)

    def expect(self, documents: int) -> None:
        """The run will hand over about this many documents: a big one starts its workers now."""
        if documents >= POOL_MIN:
            self.start_workers()

    def start_workers(self, wait: bool = False) -> None:
        """Start the worker processes (done by ``add`` once the run reaches ``POOL_MIN`` documents);
        ``wait`` until one is ready, so that every batch from now on goes to them."""
        if self.pool is None:
            self._start_pool()
        if wait and self._warmer is not None:
            self._warmer.join()
        if wait and self.warming:
            wait_futures(self.warming, return_when=FIRST_COMPLETED)

    def _start_pool(self) -> None:
        url = self.database.engine.url
        if self.workers < 1 or not _shareable(url) or self.pool_failed:
            return
        kept = _kept.take_pool(url, self.workers) if self.keep_pools else None
        if kept is not None:
            self.pool, self.worker_logs = kept
            ready: Future[int] = Future()
            ready.set_result(0)
            self.warming = [ready]
            return
        context = _worker_context()
        self.worker_logs = _WorkerLogs(context.Queue())
        with _children_ignore_interrupts():
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_worker_start,
                initargs=(url, self.worker_logs.records, logging.getLogger().getEffectiveLevel()),
            )
        pool = self.pool

        def warm() -> None:
            # Start every worker now, on a thread of its own: starting one waits for the fork
            # server's preload (or a spawned worker's imports), the closing goes on meanwhile.
            self.warming = [pool.submit(_worker_ready) for _ in range(self.workers)]

        if context.get_start_method() == "forkserver":
            self._warmer = threading.Thread(target=warm, name="aktdesk-workers-start", daemon=True)
            self._warmer.start()
        else:
            with _children_ignore_interrupts():
                warm()

    def _pool_ready(self) -> bool:
        """A worker has started. Until then batches are written here: waiting for a starting worker
        (its imports take seconds on a busy machine) would hold back the PDF conversion."""
        if self.pool is None or self.pool_failed:
            return False
        return any(f.done() and f.exception() is None for f in self.warming)

    def _job(self, ids: list[int]) -> _Job:
        return _Job(tuple(ids), self.out_dir, self.with_stamp, self.xml, for_pdf=self._starter is not None)

    def _pool_starting(self) -> bool:
        """The workers are being started and none has failed yet."""
        if self.pool is None or self.pool_failed or self._pool_ready():
            return False
        if self._warmer is not None and self._warmer.is_alive():
            return True
        return any(not f.done() for f in self.warming)

    def _flush(self, final: bool = False) -> None:
        """Render what is pending: in the workers once one is ready. While they start, documents
        wait for them (up to ``HOLD``; this process renders the batches beyond, and all of them
        when no worker could start); ``final``: the run's last documents, waiting for a worker."""
        if not self.pending:
            return
        if self.pool is None and self.seen >= POOL_MIN:
            self.start_workers()
        if self._pool_starting():
            if final:
                self.start_workers(wait=True)
            elif len(self.pending) < HOLD:
                return
        ids, self.pending = self.pending, []
        for start in range(0, len(ids), BATCH):
            job = self._job(ids[start : start + BATCH])
            if self._pool_ready():
                assert self.pool is not None
                try:
                    self.jobs.append((job, self.pool.submit(_worker_write, job)))
                    continue
                except Exception:  # the pool broke (a worker was killed): go on without it
                    log.exception("rendering workers unavailable; documents are written in the main process")
                    self.pool_failed = True
            self._take(_write_documents(self.database, job))

    def _collect(self, wait: bool, progress: Progress = no_progress) -> None:
        """Take the finished jobs of the worker processes, in the order they were given
        (``progress``: documents of these jobs rendered so far, when waiting for them).

        Cancelled while waiting: the jobs not started yet are dropped (their documents stay without
        files), the one a worker is rendering is finished.
        """
        rendering = sum(len(job.ids) for job, _ in self.jobs) if wait else 0
        rendered = 0
        if rendering:
            progress(0, rendering, FILES_STAGE)
        while self.jobs and (wait or self.jobs[0][1].done()):
            job, future = self.jobs[0]
            while wait and not future.done():
                if self.cancelled and future.cancel():
                    break
                wait_futures([future], timeout=0.2)
            self.jobs.popleft()
            if future.cancelled():
                self.unfinished.update(job.ids)
                continue
            try:
                outcome = future.result()
            except Exception:  # a worker died (or could not start): write these documents here
                log.exception("a rendering worker failed; its documents are written in the main process")
                self.pool_failed = True
                outcome = _write_documents(self.database, job)
            self._take(outcome)
            if rendering:
                rendered += len(job.ids)
                progress(rendered, rendering, FILES_STAGE)

    def _take(self, outcome: _Outcome) -> None:
        if outcome.pid != os.getpid():
            self.worker_peak_mb[outcome.pid] = outcome.peak_mb
        self.errors.extend(outcome.errors)
        for written in outcome.written:
            self.owner_of[written.docx.with_suffix(".pdf")] = written
            for extra in written.extra_docx:
                self.owner_of[extra.with_suffix(".pdf")] = written
        self.written.extend(outcome.written)
        for piece in outcome.pieces:
            self.groups.setdefault(piece.kind, []).append(piece)
        for kind, entries in list(self.groups.items()):
            if len(entries) >= MERGE:
                self._convert(kind)

    def _convert(self, kind: str) -> None:
        """Documents of one form go into ONE merged DOCX (a section each, page numbers restarting):
        one LibreOffice load per form and ~MERGE documents instead of one per file."""
        pieces = self.groups.pop(kind, [])
        entries = [piece.docx for piece in pieces]
        if self._starter is None or not entries:
            return
        if self.backend is None and self.backend_error is None:
            self._starter.join()
        if self.backend is None:
            return
        # deferred: documents.pdf (pypdf) and documents.render (docxtpl, lxml), only when PDFs are made
        from desktop.core.documents.pdf import BatchItem, DocPart
        from desktop.core.documents.pdf.docxmerge import merge_mergeable

        self.batch_counter += 1
        merged = self.batch_dir / f"{kind}-{self.batch_counter:04d}.docx"
        try:
            split = merge_mergeable(entries, merged, checked=all(piece.checked for piece in pieces))
        except OSError as exc:
            error = file_error(merged, exc)
            by_pdf = (self.owner_of.get(d.with_suffix(".pdf")) for d in entries)
            self.errors.extend(_owner_error(w, error.message) for w in by_pdf)
            return
        items = [BatchItem.single(docx, docx.with_suffix(".pdf")) for docx in split.alone]
        if split.merged:
            parts = [
                DocPart(docx.with_suffix(".pdf"), bookmark=bookmark, label=docx.name)
                for docx, bookmark in split.merged
            ]
            items.insert(0, BatchItem.merged(merged, parts))
        self.futures.append((self.backend.submit(items, cancel=self.cancel), list(entries)))

    # --- finishing ------------------------------------------------------------------------------
    def finish(
        self, result: ClosingResult, *, complete_period: bool = True, progress: Progress = no_progress
    ) -> None:
        """Write what is missing, wait for the PDFs, record the paths and complete the result's counts.
        ``progress``: the files rendered while waiting for them (``FILES_STAGE``), then the PDF files
        made (``PDF_STAGE``), each stage counted from 0.

        Documents of the period created by an earlier, interrupted run (their files missing) are
        written here too: a rerun completes the files as well as the rows (not with
        ``complete_period`` False: the advance счета-фактуры issued outside a closing).
        """
        if (
            not self.cancelled and complete_period
        ):  # a cancelled run leaves what it did not render to the next run
            done = {w.document_id for w in self.written} | set(self.pending)
            done.update(i for job, _ in self.jobs for i in job.ids)
            if self._starter is not None:
                self._starter.join()  # PDFs are missing only where a converter could make them
            with self.database.session() as session:
                wanted = missing_files(session, result.period, pdf=self.backend is not None, xml=self.xml)
            missing = [i for i in wanted if i not in done]
            self.pending.extend(missing)
            self.seen += len(missing)
        if self.cancelled:
            self.unfinished.update(self.pending)
            self.pending = []
        else:
            self._flush(final=True)
        self._collect(wait=True, progress=progress)
        for kind in list(self.groups):
            if self.cancelled:  # rendered, not converted: their PDFs are for the next run
                self._unconverted(piece.docx for piece in self.groups.pop(kind))
            else:
                self._convert(kind)
        if self.backend_error is not None:
            self.errors.append(ClosingError(RUN, self.backend_error.message))
        converting = sum(len(sources) for _, sources in self.futures)
        converted = 0
        for future, sources in self.futures:
            if not future.done():
                progress(converted, converting, PDF_STAGE)
            converted += len(sources)
            try:
                outcomes = future.result()
            except Cancelled:
                self._unconverted(sources)
                continue
            except UserError as error:
                self.errors.append(ClosingError(RUN, error.message))
                continue
            for outcome in outcomes:
                pdf = Path(outcome.pdf)
                owner = self.owner_of.get(pdf)
                if outcome.ok:
                    if owner is not None and pdf == owner.docx.with_suffix(".pdf"):  # not its detail's
                        owner.pdf = pdf
                    continue
                message = outcome.error.message if outcome.error else "PDF не создан"
                self.errors.append(_owner_error(owner, message))
        if converting:
            progress(converting, converting, PDF_STAGE)
        if self.cancelled:
            result.cancelled = True
            self.written = [w for w in self.written if w.document_id not in self.unfinished]
        if self.written:
            table = cast(Table, Document.__table__)
            statement = (
                update(table)
                .where(table.c.id == bindparam("document_id"))
                .values(docx_path=bindparam("docx"), pdf_path=bindparam("pdf"), xml_path=bindparam("xml"))
            )
            rows = [
                {
                    "document_id": w.document_id,
                    "docx": str(w.docx),
                    "pdf": str(w.pdf) if w.pdf else None,
                    "xml": str(w.xml) if w.xml else None,
                }
                for w in self.written
            ]
            with self.database.transaction() as session:
                session.connection().execute(statement, rows)  # one statement, executed for every row
        if self.print_pdf and not result.cancelled:
            self._print_packages(result.period)
        result.without_files += len(self.unfinished)
        self._remove_leftovers(result.period)
        result.pdf += sum(1 for w in self.written if w.pdf is not None)
        result.xml += sum(1 for w in self.written if w.xml is not None)
        result.errors.extend(self.errors)
        result.print_files.extend(str(p) for p in self.print_files)

    def _unconverted(self, sources: Any) -> None:
        """The documents of these DOCX files are left without their PDF (cancelled)."""
        for docx in sources:
            owner = self.owner_of.get(Path(docx).with_suffix(".pdf"))
            if owner is not None:
                self.unfinished.add(owner.document_id)

    def _print_packages(self, period: str) -> None:
        """One PDF per client of this run and one for the whole run, for printing.

        A client's package holds all its current documents of the period plus what this run made
        for it (a prepayment invoice for the next month too); it lies in the client's folder of the period.
        """
        from desktop.core.documents.pdf import merge_pdfs  # deferred: pypdf, only when PDFs are made

        def merge(files: list[Path], target: Path) -> None:
            try:
                merge_pdfs(files, target)
                self.print_files.append(target)
            except UserError as error:
                self.errors.append(ClosingError(RUN, f"{target.name}: {error.message}"))

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
            documents.sort(
                key=lambda d: (
                    d.counterparty.short_name,
                    d.contract.number,
                    d.period,
                    KIND_ORDER.get(d.kind, 9),
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
                if document.kind == DocumentKind.ACT and detail.exists():
                    files.append(detail)
                key = (document.own_entity_id, document.counterparty_id)
                by_client.setdefault(key, []).extend(files)
                if document.period == period:
                    folders[key] = pdf.parent
                folders.setdefault(key, pdf.parent)
                if document.id in made:
                    run_files.extend(files)
        for key, files in by_client.items():
            merge(files, folders[key] / f"Пакет документов {period}.pdf")
        if run_files:
            stamp = dt.datetime.now().strftime("%d.%m.%Y %H-%M-%S")
            merge(run_files, self.out_dir / period / f"На печать {period} от {stamp}.pdf")

    def _remove_leftovers(self, period: str) -> None:
        """Temp files and merged batches that runs killed half-way left in the period's folders.

        Only when no other run writes into this output folder now (their temp files are live); all
        of this run's own files are in place by now."""
        if not _alone_in(self.out_dir, self.files_lock):
            return
        folders = [self.out_dir / p for p in _periods_with_advances(period)]
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in folder.rglob(".*"):
                if path.is_file() and path.name.endswith((".tmp", ".tmp.pdf")):
                    try:
                        path.unlink()
                        log.info("removed %s left by an interrupted run", path)
                    except OSError as exc:
                        log.warning("cannot remove %s: %s", path, exc)
        batches = self.out_dir / BATCHES
        if batches.is_dir():
            for path in batches.iterdir():
                if path.name == self.run_id:
                    continue
                try:
                    if path.is_dir():
                        shutil.rmtree(path)
                    else:
                        path.unlink()  # a merged DOCX of a run before batches had folders of their own
                except OSError as exc:
                    log.warning("cannot remove %s: %s", path, exc)

    def close(self) -> None:
        if self._warmer is not None:
            self._warmer.join()
        keep = self.keep_pools and not self.pool_failed
        if self.pool is not None and self.worker_logs is not None and keep and _usable(self.pool):
            self.pool, self.worker_logs = _kept.put_pool(
                self.database.engine.url, self.workers, self.pool, self.worker_logs
            )
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.worker_logs is not None:
            self.worker_logs.stop()
            self.worker_logs = None
        if self._starter is not None:
            self._starter.join()
        if self.backend is not None and self.keep_pools:
            _kept.put_backend(self.converter, self.backend)
            self.backend = None
        shutil.rmtree(self.batch_dir, ignore_errors=True)
        try:
            self.batch_dir.parent.rmdir()  # when no other run converts there
        except OSError:
            pass
        if self.backend is not None:
            self.backend.close()
            self.backend = None
        self.files_lock.release()
        try:
            self.files_lock.path.unlink()
        except OSError:
            pass


KEEP_IDLE_S = 600.0  # kept pools unused this long are stopped (LibreOffice holds ~150 MB a process)


def _usable(pool: ProcessPoolExecutor) -> bool:
    """Not broken (a worker killed) nor shut down: can take the next run's batches."""
    return not getattr(pool, "_broken", False) and not getattr(pool, "_shutdown_thread", False)


class _KeptPools:
    """The rendering pool and the PDF converter of the last run with ``keep_pools``, for the next.

    A run takes them (none: it starts its own) and puts them back when it ends; two runs at once
    never share them. What a run puts back while the place is taken is closed."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pool: tuple[str, int, ProcessPoolExecutor, _WorkerLogs] | None = None
        self.backend: tuple[str, Any] | None = None
        self.timer: threading.Timer | None = None

    def has_pool(self, url: URL, workers: int) -> bool:
        with self.lock:
            return self.pool is not None and self.pool[:2] == (_url_key(url), workers)

    def take_pool(self, url: URL, workers: int) -> tuple[ProcessPoolExecutor, _WorkerLogs] | None:
        with self.lock:
            if self.pool is None or self.pool[:2] != (_url_key(url), workers):
                return None
            _, _, pool, logs = self.pool
            self.pool = None
        if not _usable(pool):
            _stop_pool(pool, logs)
            return None
        return pool, logs

    def put_pool(
        self, url: URL, workers: int, pool: ProcessPoolExecutor, logs: _WorkerLogs
    ) -> tuple[None, None]:
        with self.lock:
            old, self.pool = self.pool, (_url_key(url), workers, pool, logs)
            self._arm()
        if old is not None:
            _stop_pool(old[2], old[3])
        return None, None

    def take_backend(self, converter: str) -> Any:
        with self.lock:
            if self.backend is None or self.backend[0] != converter:
                return None
            backend = self.backend[1]
            self.backend = None
            return backend

    def put_backend(self, converter: str, backend: Any) -> None:
        with self.lock:
            old, self.backend = self.backend, (converter, backend)
            self._arm()
        if old is not None:
            old[1].close()

    def _arm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(KEEP_IDLE_S, self.close)
        self.timer.daemon = True
        self.timer.start()

    def close(self) -> None:
        with self.lock:
            pool, self.pool = self.pool, None
            backend, self.backend = self.backend, None
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
        if pool is not None:
            _stop_pool(pool[2], pool[3])
        if backend is not None:
            backend[1].close()


def _url_key(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def _stop_pool(pool: ProcessPoolExecutor, logs: _WorkerLogs) -> None:
    pool.shutdown(wait=True, cancel_futures=True)
    logs.stop()


_kept = _KeptPools()
atexit.register(_kept.close)


def close_kept_pools() -> None:
    """Stop the pools kept by runs with ``keep_pools`` (the application quits, a test ends)."""
    _kept.close()


def _files_lock(out_dir: Path, run_id: str) -> Any:
    """This run's lock among those of the runs writing into ``out_dir`` on this computer."""
    from desktop.core.documents.pdf.procguard import HeldLock  # deferred: documents.pdf loads pypdf

    lock = HeldLock(_locks_dir() / f"{_folder_key(out_dir)}-{run_id}.lock")
    try:
        lock.acquire()
    except OSError as exc:  # no lock, no clean-up: the files themselves do not depend on it
        log.warning("cannot take the lock %s: %s", lock.path, exc)
    return lock


def _locks_dir() -> Path:
    # deferred: documents.pdf loads pypdf
    from desktop.core.documents.pdf.libreoffice import default_profile_root

    return default_profile_root().parent / "locks"


def _folder_key(out_dir: Path) -> str:
    return "files-" + hashlib.sha1(str(out_dir.resolve()).encode("utf-8")).hexdigest()[:16]


def _alone_in(out_dir: Path, own: Any) -> bool:
    """No other live run on this computer writes into ``out_dir`` (stale locks are removed)."""
    from desktop.core.documents.pdf.procguard import HeldLock  # deferred: documents.pdf loads pypdf

    if own.handle is None:
        return False
    for path in _locks_dir().glob(f"{_folder_key(out_dir)}-*.lock"):
        if path == own.path:
            continue
        other = HeldLock(path)
        try:
            free = other.acquire()
        except OSError:
            return False
        if not free:
            return False
        other.release()
        try:
            path.unlink()
        except OSError:
            pass
    return True


def _periods_with_advances(period: str) -> list[str]:
    """The period and the quarter ahead: a closing also issues the advance invoices of coming periods."""
    periods = [period]
    for _ in range(4):
        periods.append(next_period(periods[-1]))
    return periods


def missing_files(session: Session, period: str, *, pdf: bool = True, xml: bool = True) -> list[int]:
    """Documents of a period whose files are not all on disk: to write again (all their files).

    A DOCX not written or not there (a run killed after its commit), no PDF beside it (a run whose
    conversion failed or was killed; when PDFs are made), no UPD XML (when XML is made), a detail
    appendix missing. A closing also issues the advance invoices of the coming period (prepayment
    contracts; a quarter ahead at most): those count as the period's too.
    """
    ahead = _periods_with_advances(period)[1:]
    ids = []
    for document in session.scalars(
        select(Document)
        .where(
            Document.current.is_(True),
            or_(
                Document.period == period,
                and_(Document.stage == DocumentStage.PREPAY, Document.period.in_(ahead)),
            ),
        )
        .options(selectinload(Document.contract))
        .order_by(Document.id)
    ):
        if _incomplete(session, document, pdf, xml):
            ids.append(document.id)
    return ids


def _incomplete(session: Session, document: Document, pdf: bool, xml: bool) -> bool:
    def missing(path: str | Path | None) -> bool:
        return not path or not Path(path).is_file()

    if missing(document.docx_path) or (pdf and missing(document.pdf_path)):
        return True
    if xml and document.kind in XML_KINDS and missing(document.xml_path):
        return True
    if (
        document.kind == DocumentKind.ACT
        and document.contract is not None
        and document.contract.detail_appendix
    ):
        folder = Path(document.docx_path or "").parent
        detail = folder / document_file_name("detail", document.number, format_date(document.date), "docx")
        if (missing(detail) or (pdf and missing(detail.with_suffix(".pdf")))) and work_orders_of(
            session, document
        ):
            return True
    return False
