"""LibreOffice backend: a pool of long-lived headless soffice processes fed in merged batches.

Why it is built so (figures in ``bench/pdf_convert.py``):

* Each DOCX that LibreOffice opens costs a fixed ~150 ms (import filter, styles, PDF writer)
  before its own content, so documents made from the same template are merged into one DOCX
  (``docxmerge``), converted once and the PDF is split back per document by the named
  destinations of the boundary bookmarks (``pdfutil.document_starts``). Documents that cannot
  be merged safely, or whose merged conversion fails, are converted alone.
* One soffice process per core, each with its own profile (two processes cannot share one),
  kept running between batches. Each is driven over UNO by ``uno_worker.py`` running under a
  Python that has UNO (Debian: ``python3-uno``; Windows/macOS: LibreOffice's own Python),
  speaking JSON lines. Without such a Python, each job runs ``soffice --convert-to`` with the
  same profile instead (slower: a process start per job).
* A job that does not answer within its time limit, or a worker that dies, gets the
  process tree killed and restarted, and the job is tried once more; a merged job that fails
  twice is retried document by document, so one bad document fails alone.
* ``submit()`` queues a batch and returns a future: the caller renders the next batch while
  this one converts.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import math
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import weakref
import zipfile
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

import platformdirs
import psutil

from desktop.core.documents.pdf import docxmerge, pdfutil, procguard
from desktop.core.documents.pdf.base import (
    BatchConverter,
    BatchItem,
    ConversionError,
    DocPart,
    PdfResult,
    atomic_move,
)
from desktop.core.errors import Cancelled, ConfigError, UserError
from desktop.core.jobs import CancelToken, Progress

log = logging.getLogger(__name__)

Mode = Literal["auto", "uno", "cli"]

PDF_FILTER_OPTIONS = {
    "ExportBookmarksToPDFDestination": True,  # boundary bookmarks become named destinations
    "ExportBookmarks": False,  # no outline: the split PDFs would not keep it anyway
    "ExportBlankPages": False,  # pages LibreOffice inserts to keep odd page numbers on the right
    "ExportNotes": False,
    "UseTaggedPDF": False,
    # Stamps, facsimiles and QR codes go in as they are: resampling every instance of an image
    # to 300 dpi and JPEG-compressing it again took half of the PDF export time.
    "ReduceImageResolution": False,
    "UseLosslessCompression": True,
}
DOCX_FILTER = "MS Word 2007 XML"
# Fewer documents than this in one merged file save too little to be worth a second worker.
MIN_CHUNK = 8  # never let type detection open a broken file as plain text

_WORKER_SCRIPT = Path(__file__).with_name("uno_worker.py")


# --------------------------------------------------------------------------- discovery


def _soffice_candidates() -> list[Path]:
    names = ["soffice.exe", "soffice.com"] if sys.platform == "win32" else ["soffice", "libreoffice"]
    found: list[Path] = []
    for name in names:
        which = shutil.which(name)
        if which:
            found.append(Path(which))
    if sys.platform == "win32":
        for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA"):
            base = os.environ.get(var)
            if base:
                found.extend(sorted(Path(base).glob("LibreOffice*/program/soffice.exe"), reverse=True))
                if var == "LOCALAPPDATA":
                    found.extend(
                        sorted(Path(base).glob("Programs/LibreOffice*/program/soffice.exe"), reverse=True)
                    )
    elif sys.platform == "darwin":
        for root in (Path("/Applications"), Path.home() / "Applications"):
            found.append(root / "LibreOffice.app/Contents/MacOS/soffice")
    else:
        found.append(Path("/usr/lib/libreoffice/program/soffice"))
        found.extend(sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True))
        found.append(Path("/usr/local/bin/soffice"))
    return found


def find_soffice() -> Path | None:
    """LibreOffice's ``soffice``: ``AKTDESK_SOFFICE`` (the program or its folder), PATH, usual places."""
    env = os.environ.get("AKTDESK_SOFFICE")
    if env:
        path = Path(env)
        if path.is_dir():
            for name in ("soffice.exe", "soffice", "program/soffice.exe", "program/soffice", "MacOS/soffice"):
                if (path / name).is_file():
                    return path / name
            return None
        return path if path.is_file() else None
    for candidate in _soffice_candidates():
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


_UNO_CHECKS: dict[str, bool] = {}
_UNO_LOCK = threading.Lock()


def _has_uno(python: Path) -> bool:
    key = str(python)
    with _UNO_LOCK:
        if key not in _UNO_CHECKS:
            try:
                done = subprocess.run(
                    [str(python), "-c", "import uno, unohelper"],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=30,
                    creationflags=_NO_WINDOW,
                )
                _UNO_CHECKS[key] = done.returncode == 0
            except (OSError, subprocess.SubprocessError):
                _UNO_CHECKS[key] = False
        return _UNO_CHECKS[key]


def find_uno_python(soffice: Path | None = None) -> Path | None:
    """A Python that can ``import uno`` and so run ``uno_worker.py``, or None.

    ``AKTDESK_UNO_PYTHON`` wins; then LibreOffice's own Python (Windows, macOS, the
    libreoffice.org Linux packages); then the system Python with ``python3-uno`` (Debian, Ubuntu).
    """
    env = os.environ.get("AKTDESK_UNO_PYTHON")
    if env:
        return Path(env) if _has_uno(Path(env)) else None
    candidates: list[Path] = []
    if soffice is not None:
        program = soffice.resolve().parent
        candidates += [program / "python.exe", program / "python", program.parent / "Resources" / "python"]
    if sys.platform not in ("win32", "darwin"):
        candidates += [Path("/usr/bin/python3"), Path("/usr/local/bin/python3")]
    for candidate in candidates:
        if candidate.is_file() and _has_uno(candidate):
            return candidate
    return None


def worker_script() -> Path:
    """``uno_worker.py``; in a frozen build it is shipped as a data file next to the package."""
    if _WORKER_SCRIPT.is_file():
        return _WORKER_SCRIPT
    bundle = Path(getattr(sys, "_MEIPASS", "")) / "desktop/core/documents/pdf/uno_worker.py"
    return bundle


def default_profile_root() -> Path:
    """Where the workers' LibreOffice profiles live (kept between runs: a fresh one costs seconds)."""
    home = os.environ.get("AKTDESK_HOME")
    if home:
        return Path(home) / "cache" / "libreoffice"
    return Path(platformdirs.user_cache_dir("AktDesk", appauthor=False)) / "libreoffice"


# --------------------------------------------------------------------------- processes

_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


def kill_tree(pid: int) -> None:
    """Kill a process and everything it started (soffice → oosplash → soffice.bin).

    A converter process leads its own process group (``procguard.popen``): what is left in the
    group after its root is gone (a ``soffice.bin`` whose ``oosplash`` died) goes too.
    """
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        procguard.kill_group(pid)
        procguard.forget(pid)
        return
    try:
        procs = [*root.children(recursive=True), root]
    except psutil.NoSuchProcess:
        procs = [root]
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            proc.kill()
    procguard.kill_group(pid)
    psutil.wait_procs(procs, timeout=10)
    procguard.forget(pid)


def _profile_uri(path: Path) -> str:
    return path.resolve().as_uri()


class _Failure(Exception):
    """A job failed: ``kind`` is "document" (LibreOffice refused it), "crash" or "timeout"."""

    def __init__(self, kind: Literal["document", "crash", "timeout"], message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class _Slot:
    """One converter process (or, for the CLI mode, one profile); used by one pool thread."""

    def __init__(self, soffice: Path, profile: Path) -> None:
        self.soffice = soffice
        self.profile = profile
        self.restarts = 0

    def start(self, timeout: float) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def convert(self, src: Path, pdf: Path, timeout: float) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def stop(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def pids(self) -> list[int]:
        return []

    def restart(self, timeout: float) -> None:
        self.kill()
        self.restarts += 1
        self.start(timeout)

    def kill(self) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class UnoSlot(_Slot):
    """A headless soffice listening on a pipe, driven by ``uno_worker.py`` over JSON lines."""

    def __init__(self, soffice: Path, profile: Path, python: Path) -> None:
        super().__init__(soffice, profile)
        self.python = python
        self.office: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[str] | None = None
        self.replies: queue.Queue[dict[str, object] | None] = queue.Queue()
        self._ids = 0

    def start(self, timeout: float) -> None:
        self.profile.mkdir(parents=True, exist_ok=True)
        pipe = f"aktdesk_{os.getpid()}_{uuid.uuid4().hex[:10]}"
        self.office = procguard.popen(
            [
                str(self.soffice),
                f"-env:UserInstallation={_profile_uri(self.profile)}",
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                "--nofirststartwizard",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        log_file = open(self.profile / "worker.log", "w", encoding="utf-8")  # noqa: SIM115 - kept for the process
        try:
            self.worker = procguard.popen(
                [
                    str(self.python),
                    str(worker_script()),
                    "--pipe",
                    pipe,
                    "--connect-timeout",
                    str(timeout),
                    f"--profile={_profile_uri(self.profile)}",  # found by procguard.clear_profile
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                text=True,
                encoding="utf-8",
                bufsize=1,
                env=_worker_env(),
            )
        finally:
            log_file.close()
        self.replies = queue.Queue()
        assert self.worker.stdout is not None
        threading.Thread(
            target=_read_replies,
            args=(self.worker.stdout, self.replies),
            daemon=True,
            name="uno-reply-reader",
        ).start()
        reply = self._wait(timeout, "LibreOffice не запустился")
        if not reply.get("ready"):
            self.kill()
            raise _Failure("crash", "LibreOffice не запустился")

    def _wait(self, timeout: float, what: str) -> dict[str, object]:
        try:
            reply = self.replies.get(timeout=timeout)
        except queue.Empty:
            raise _Failure("timeout", f"{what}: нет ответа за {timeout:.0f} с") from None
        if reply is None:
            raise _Failure("crash", f"{what}: процесс LibreOffice завершился аварийно")
        return reply

    def convert(self, src: Path, pdf: Path, timeout: float) -> None:
        if (
            self.worker is None
            or self.worker.poll() is not None
            or self.office is None
            or self.office.poll() is not None
        ):
            raise _Failure("crash", "процесс LibreOffice не работает")
        self._ids += 1
        request = {
            "id": self._ids,
            "src": str(src.resolve()),
            "pdf": str(pdf.resolve()),
            "filter": DOCX_FILTER,
            "filter_data": PDF_FILTER_OPTIONS,
        }
        assert self.worker.stdin is not None
        try:
            self.worker.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self.worker.stdin.flush()
        except OSError:
            raise _Failure("crash", "процесс LibreOffice не принимает задания") from None
        while True:
            reply = self._wait(timeout, "LibreOffice не ответил")
            if reply.get("id") == self._ids:
                break
        if reply.get("ok"):
            return
        if reply.get("fatal") or self.office.poll() is not None:
            raise _Failure("crash", "процесс LibreOffice завершился аварийно")
        log.warning("LibreOffice refused %s: %s", src, reply.get("error"))
        raise _Failure("document", "LibreOffice не смог открыть или преобразовать файл")

    def pids(self) -> list[int]:
        pids: list[int] = []
        for proc in (self.office, self.worker):
            if proc is not None and proc.poll() is None:
                pids.append(proc.pid)
                with contextlib.suppress(psutil.Error):
                    pids.extend(child.pid for child in psutil.Process(proc.pid).children(recursive=True))
        return pids

    def office_pids(self) -> list[int]:
        """soffice and its children (soffice.bin): what a hang or a crash is about."""
        if self.office is None or self.office.poll() is not None:
            return []
        pids = [self.office.pid]
        with contextlib.suppress(psutil.Error):
            pids.extend(child.pid for child in psutil.Process(self.office.pid).children(recursive=True))
        return pids

    def stop(self) -> None:
        worker, office = self.worker, self.office
        if worker is not None and worker.poll() is None and worker.stdin is not None:
            with contextlib.suppress(OSError, ValueError):
                worker.stdin.write(json.dumps({"op": "quit"}) + "\n")
                worker.stdin.flush()
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.wait(timeout=10)
        if office is not None and office.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                office.wait(timeout=10)
        self.kill()

    def kill(self) -> None:
        for proc in (self.worker, self.office):
            if proc is not None:
                kill_tree(proc.pid)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=10)
                for stream in (proc.stdin, proc.stdout):
                    if stream is not None:
                        with contextlib.suppress(OSError):
                            stream.close()
        self.worker = self.office = None


def _worker_env() -> dict[str, str]:
    env = dict(os.environ)
    # Our venv must not leak into the system Python that runs the worker.
    for var in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(var, None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _read_replies(stream: IO[str], replies: queue.Queue[dict[str, object] | None]) -> None:
    try:
        for line in stream:
            line = line.strip()
            if not line:
                continue
            try:
                reply = json.loads(line)
            except ValueError:
                log.warning("uno worker wrote a line that is not JSON: %r", line[:200])
                continue
            if isinstance(reply, dict):
                replies.put(reply)
    except (OSError, ValueError):
        pass
    finally:
        replies.put(None)


class CliSlot(_Slot):
    """No UNO: each job runs ``soffice --convert-to`` with this slot's profile."""

    def __init__(self, soffice: Path, profile: Path) -> None:
        super().__init__(soffice, profile)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float) -> None:
        self.profile.mkdir(parents=True, exist_ok=True)

    def convert(self, src: Path, pdf: Path, timeout: float) -> None:
        options = json.dumps(
            {k: {"type": "boolean", "value": str(v).lower()} for k, v in PDF_FILTER_OPTIONS.items()}
        )
        with tempfile.TemporaryDirectory(prefix="aktdesk-cli-", dir=self.profile) as tmp:
            # A private copy with a plain name: --outdir names the PDF after the input.
            work = Path(tmp) / "in.docx"
            shutil.copyfile(src, work)
            self.proc = procguard.popen(
                [
                    str(self.soffice),
                    f"-env:UserInstallation={_profile_uri(self.profile / 'user')}",
                    "--headless",
                    "--invisible",
                    "--nologo",
                    "--norestore",
                    "--nolockcheck",
                    f"--infilter={DOCX_FILTER}",
                    "--convert-to",
                    f"pdf:writer_pdf_Export:{options}",
                    "--outdir",
                    tmp,
                    str(work),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                code = self.proc.wait(timeout=timeout)
                procguard.forget(self.proc.pid)
            except subprocess.TimeoutExpired:
                kill_tree(self.proc.pid)
                raise _Failure("timeout", f"LibreOffice не ответил за {timeout:.0f} с") from None
            finally:
                self.proc = None
            out = Path(tmp) / "in.pdf"
            if not out.is_file() or out.stat().st_size == 0:
                if code != 0:
                    raise _Failure("crash", f"LibreOffice завершился с кодом {code}")
                raise _Failure("document", "LibreOffice не смог открыть файл")
            shutil.move(str(out), str(pdf))

    def pids(self) -> list[int]:
        proc = self.proc
        if proc is None:
            return []
        pids = [proc.pid]
        with contextlib.suppress(psutil.Error):
            pids.extend(child.pid for child in psutil.Process(proc.pid).children(recursive=True))
        return pids

    def office_pids(self) -> list[int]:
        return self.pids()

    def stop(self) -> None:
        self.kill()

    def kill(self) -> None:
        proc = self.proc
        if proc is not None:
            kill_tree(proc.pid)


# --------------------------------------------------------------------------- batches and tasks


@dataclass
class _Doc:
    """One document of a batch: where its result goes."""

    index: int
    source: Path
    pdf: Path


@dataclass
class _Batch:
    results: list[PdfResult | None]
    future: Future[list[PdfResult]]
    progress: Progress | None
    cancel: CancelToken | None
    tasks_left: int = 0
    done: int = 0
    bug: BaseException | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def record(self, doc: _Doc, result: PdfResult) -> None:
        with self.lock:
            if self.results[doc.index] is not None:
                return
            self.results[doc.index] = result
            self.done += 1
            done, total = self.done, len(self.results)
        if self.progress is not None:
            text = f"PDF: {doc.pdf.name}" if result.ok else f"Ошибка: {doc.source.name}"
            try:
                self.progress(done, total, text)
            except Exception:  # a broken progress callback must not stop the conversion
                log.exception("progress callback failed")

    def task_finished(self) -> None:
        with self.lock:
            self.tasks_left -= 1
            last = self.tasks_left == 0
        if not last:
            return
        if self.bug is not None:
            self.future.set_exception(self.bug)
        elif self.cancelled and any(r is None for r in self.results):
            # Cancelled before every document was converted; a batch whose last task was already
            # running when Cancel came is complete: its PDFs are on disk and are reported.
            self.future.set_exception(Cancelled())
        else:
            self.future.set_result([r for r in self.results if r is not None])


@dataclass
class _Task:
    batch: _Batch
    docs: list[_Doc]
    merged: BatchItem | None = None  # a caller-made merged DOCX (docs are its parts, in order)


# --------------------------------------------------------------------------- the backend

_LIVE: weakref.WeakSet[LibreOfficeBackend] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for backend in list(_LIVE):
        with contextlib.suppress(Exception):
            backend.close()


class LibreOfficeBackend(BatchConverter):
    """PDF through a pool of headless LibreOffice processes; see the module docstring."""

    name = "libreoffice"

    def __init__(
        self,
        soffice: Path | None = None,
        *,
        workers: int | None = None,
        mode: Mode = "auto",
        uno_python: Path | None = None,
        profile_root: Path | None = None,
        chunk_size: int = 50,
        merge: bool = True,
        timeout: float = 60.0,
        timeout_per_doc: float = 5.0,
        start_timeout: float = 120.0,
    ) -> None:
        found = soffice or find_soffice()
        if found is None:
            raise ConfigError(
                "Не найден LibreOffice: установите его или укажите путь к soffice "
                "в переменной окружения AKTDESK_SOFFICE.",
                field="pdf_converter",
            )
        self.soffice = found
        if mode == "cli":
            self.uno_python: Path | None = None
        else:
            self.uno_python = uno_python or find_uno_python(found)
            if self.uno_python is None and mode == "uno":
                raise ConfigError(
                    "Для работы с LibreOffice не найден Python с модулем uno "
                    "(в Debian/Ubuntu установите пакет python3-uno).",
                    field="pdf_converter",
                )
        self.mode: Mode = "uno" if self.uno_python is not None else "cli"
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.profile_root = profile_root or default_profile_root()
        self.chunk_size = max(1, chunk_size)
        self.merge = merge
        self.timeout = timeout
        self.timeout_per_doc = timeout_per_doc
        self.start_timeout = start_timeout
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._slots: list[_Slot] = []
        self._profile_locks: list[procguard.ProfileLock] = []
        self._lock = threading.Lock()
        self._closed = False
        _LIVE.add(self)

    # ----- lifecycle

    def __enter__(self) -> LibreOfficeBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _make_slot(self, n: int) -> _Slot:
        profile = self._own_profile(n)
        if self.uno_python is not None:
            return UnoSlot(self.soffice, profile, self.uno_python)
        return CliSlot(self.soffice, profile)

    def _own_profile(self, n: int) -> Path:
        """A profile no live pool uses (``worker<n>``; ``worker<n>-2``… while another AktDesk runs),
        cleared of what a killed run left on it."""
        for attempt in range(1, 100):
            profile = self.profile_root / (f"worker{n}" if attempt == 1 else f"worker{n}-{attempt}")
            lock = procguard.ProfileLock(profile)
            try:
                taken = lock.acquire()
            except OSError as exc:
                raise ConfigError(
                    f"Папка профилей LibreOffice «{self.profile_root}» недоступна: {exc.strerror or exc}."
                ) from exc
            if taken:
                self._profile_locks.append(lock)
                procguard.clear_profile(profile)
                return profile
        raise ConfigError(
            f"Все профили LibreOffice в «{self.profile_root}» заняты другими запусками AktDesk."
        )

    def start(self) -> None:
        """Start the worker processes now (otherwise the first batch starts them)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the PDF backend is closed")
            if self._threads:
                return
            for n in range(self.workers):
                slot = self._make_slot(n)
                self._slots.append(slot)
                thread = threading.Thread(
                    target=self._run_slot, args=(slot,), daemon=True, name=f"pdf-worker-{n}"
                )
                self._threads.append(thread)
                thread.start()

    def close(self) -> None:
        """Let the queued batches finish, stop every process; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._queue.put(None)
        for thread in threads:
            thread.join()
        for slot in self._slots:
            slot.stop()
        for lock in self._profile_locks:
            lock.release()
        _LIVE.discard(self)

    def worker_pids(self) -> list[list[int]]:
        """Process ids of each worker's LibreOffice (soffice and children), for diagnostics and tests."""
        return [slot.office_pids() for slot in self._slots if isinstance(slot, UnoSlot | CliSlot)]

    @property
    def restarts(self) -> int:
        return sum(slot.restarts for slot in self._slots)

    # ----- public API

    def submit(
        self,
        items: Sequence[BatchItem],
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Future[list[PdfResult]]:
        """Queue a batch; the future gives one result per document in order (see ``convert_batch``).

        ``progress`` is called from the pool's threads.
        """
        self.start()
        docs: list[_Doc] = []
        singles: dict[str | None, list[_Doc]] = {}
        merged_tasks: list[tuple[BatchItem, list[_Doc]]] = []
        for item in items:
            if item.is_merged:
                part_docs = []
                for part in item.parts:
                    doc = _Doc(len(docs), item.docx, part.pdf)
                    docs.append(doc)
                    part_docs.append(doc)
                merged_tasks.append((item, part_docs))
            else:
                doc = _Doc(len(docs), item.docx, item.target())
                docs.append(doc)
                key = _template_key(item.docx) if self.merge else None
                singles.setdefault(key, []).append(doc)
        future: Future[list[PdfResult]] = Future()
        batch = _Batch([None] * len(docs), future, progress, cancel)
        tasks = [_Task(batch, d, item) for item, d in merged_tasks]
        for key, group in singles.items():
            if key is None:
                tasks.extend(_Task(batch, [doc]) for doc in group)
                continue
            # Big enough chunks to pay the per-file cost rarely, small enough to keep every worker busy.
            per_worker = math.ceil(len(group) / self.workers)
            size = max(min(self.chunk_size, per_worker), min(self.chunk_size, MIN_CHUNK))
            tasks.extend(_Task(batch, group[i : i + size]) for i in range(0, len(group), size))
        if not tasks:
            future.set_result([])
            return future
        batch.tasks_left = len(tasks)
        tasks.sort(key=lambda t: t.docs[0].index)
        for task in tasks:
            self._queue.put(task)
        return future

    # ----- the pool threads

    def _run_slot(self, slot: _Slot) -> None:
        # Start the process at once, so the first batch finds every worker ready.
        try:
            slot.start(self.start_timeout)
            started = True
        except (_Failure, OSError) as exc:
            log.warning("LibreOffice worker did not start (%s); will retry with the first task", exc)
            slot.kill()
            started = False
        while True:
            task = self._queue.get()
            if task is None:
                return
            try:
                if task.batch.cancelled or task.batch.bug is not None:
                    continue
                if not started:
                    try:
                        self._start_slot(slot)
                    except (_Failure, OSError) as exc:
                        reason = exc.message if isinstance(exc, _Failure) else str(exc)
                        for doc in task.docs:
                            task.batch.record(
                                doc,
                                _failed(
                                    doc, ConversionError(doc.source, f"LibreOffice не запустился ({reason})")
                                ),
                            )
                        continue
                    started = True
                self._run_task(slot, task)
            except Exception as exc:  # a bug: fail the batch with it rather than hang
                log.exception("PDF conversion task failed")
                task.batch.bug = exc
            finally:
                task.batch.task_finished()

    def _start_slot(self, slot: _Slot) -> None:
        try:
            slot.start(self.start_timeout)
        except _Failure:
            slot.kill()
            slot.start(self.start_timeout)

    def _convert_with_retry(self, slot: _Slot, src: Path, pdf: Path, docs: int) -> None:
        """Convert one file; a hang or a crash restarts the worker and tries once more."""
        timeout = self.timeout + self.timeout_per_doc * docs
        for attempt in (1, 2):
            try:
                slot.convert(src, pdf, timeout)
                return
            except _Failure as failure:
                if failure.kind == "document":
                    raise
                log.warning(
                    "LibreOffice %s on %s (attempt %d): restarting the worker", failure.kind, src, attempt
                )
                slot.restart(self.start_timeout)
                if attempt == 2:
                    raise

    def _run_task(self, slot: _Slot, task: _Task) -> None:
        if task.merged is not None:
            self._run_merged_item(slot, task, task.merged)
            return
        alone: list[_Doc] = []
        mergeable: list[_Doc] = []
        for doc in task.docs:
            inspection = docxmerge.inspect_docx(doc.source)
            if inspection.problem is not None:
                task.batch.record(doc, _failed(doc, ConversionError(doc.source, inspection.problem)))
            elif len(task.docs) > 1 and inspection.blocker is None:
                mergeable.append(doc)
            else:
                if inspection.blocker is not None:
                    log.info("%s is converted alone: %s", doc.source.name, inspection.blocker)
                alone.append(doc)
        if len(mergeable) == 1:
            alone[:0] = mergeable
            mergeable = []
        if mergeable:
            alone += self._convert_merged(slot, task.batch, mergeable)
        alone.sort(key=lambda d: d.index)
        for doc in alone:
            if task.batch.cancelled:
                return
            self._convert_alone(slot, task.batch, doc)

    def _convert_alone(self, slot: _Slot, batch: _Batch, doc: _Doc) -> None:
        try:
            doc.pdf.parent.mkdir(parents=True, exist_ok=True)
            tmp = doc.pdf.with_name(f".{doc.pdf.stem}.{uuid.uuid4().hex[:8]}.tmp.pdf")
        except OSError as exc:
            batch.record(
                doc, _failed(doc, ConversionError(doc.source, f"папка «{doc.pdf.parent}» недоступна ({exc})"))
            )
            return
        try:
            self._convert_with_retry(slot, doc.source, tmp, 1)
            pages = pdfutil.page_count(tmp)
            atomic_move(tmp, doc.pdf)
        except _Failure as failure:
            batch.record(doc, _failed(doc, ConversionError(doc.source, failure.message)))
            return
        except OSError as exc:
            batch.record(
                doc, _failed(doc, ConversionError(doc.source, f"не удалось записать «{doc.pdf}» ({exc})"))
            )
            return
        except UserError as exc:
            batch.record(doc, _failed(doc, exc))
            return
        finally:
            tmp.unlink(missing_ok=True)
        batch.record(doc, PdfResult(doc.source, doc.pdf, pages, alone=True))

    def _convert_merged(self, slot: _Slot, batch: _Batch, docs: list[_Doc]) -> list[_Doc]:
        """Merge, convert once, split; returns the documents that must be converted alone."""
        if batch.cancelled:
            return []
        with tempfile.TemporaryDirectory(prefix="aktdesk-pdf-") as tmp:
            merged_docx = Path(tmp) / "merged.docx"
            merged_pdf = Path(tmp) / "merged.pdf"
            pending = list(docs)
            rejected: list[_Doc] = []
            while True:
                try:
                    names = docxmerge.merge_docx([d.source for d in pending], merged_docx)
                    break
                except docxmerge.MergeError as exc:
                    rejected.append(pending.pop(exc.index))
                    if len(pending) < 2:
                        return sorted(rejected + pending, key=lambda d: d.index)
            try:
                self._convert_with_retry(slot, merged_docx, merged_pdf, len(pending))
                starts, total = pdfutil.document_starts(merged_pdf, names)
            except (_Failure, ValueError, UserError) as exc:
                log.warning(
                    "merged conversion of %d documents failed (%s); converting them one by one",
                    len(pending),
                    exc,
                )
                return sorted(rejected + pending, key=lambda d: d.index)
            ranges = pdfutil.ranges_from_starts(starts, total)
            self._split(batch, merged_pdf, pending, ranges)
            return rejected

    @staticmethod
    def _split(batch: _Batch, pdf: Path, docs: Sequence[_Doc], ranges: Sequence[range]) -> None:
        try:
            errors: Sequence[UserError | None] = pdfutil.split_pdf(
                pdf, [(pages, doc.pdf) for doc, pages in zip(docs, ranges, strict=True)]
            )
        except UserError as exc:
            errors = [exc] * len(docs)
        for doc, pages, error in zip(docs, ranges, errors, strict=True):
            batch.record(doc, _failed(doc, error) if error else PdfResult(doc.source, doc.pdf, len(pages)))

    def _run_merged_item(self, slot: _Slot, task: _Task, item: BatchItem) -> None:
        batch = task.batch
        # A merged DOCX is made by docxmerge from documents it read: only the package is checked
        # (re-reading its XML cost more than the merge; LibreOffice reports a broken one anyway).
        problem = docxmerge.package_problem(item.docx)
        if problem is not None:
            for doc in task.docs:
                batch.record(doc, _failed(doc, ConversionError(item.docx, problem)))
            return
        with tempfile.TemporaryDirectory(prefix="aktdesk-pdf-") as tmp:
            merged_pdf = Path(tmp) / "merged.pdf"
            try:
                self._convert_with_retry(slot, item.docx, merged_pdf, len(item.parts))
                ranges = part_ranges(merged_pdf, item.parts)
            except _Failure as failure:
                error: UserError = ConversionError(item.docx, failure.message)
                for doc in task.docs:
                    batch.record(doc, _failed(doc, error))
                return
            except ValueError as exc:
                error = ConversionError(item.docx, f"не удалось найти границы документов ({exc})")
                for doc in task.docs:
                    batch.record(doc, _failed(doc, error))
                return
            self._split(batch, merged_pdf, task.docs, ranges)


def part_ranges(pdf: Path, parts: Sequence[DocPart], outline: bool = False) -> list[range]:
    """0-based page ranges of the parts of a merged PDF: given pages, or bookmark to next start.

    ``outline``: look the bookmarks up among outline titles (Word) instead of named destinations.
    """
    total = pdfutil.page_count(pdf)
    dests: dict[str, int] = {}
    if any(p.bookmark for p in parts):
        dests = pdfutil.outline_destinations(pdf) if outline else pdfutil.named_destinations(pdf)
    starts: list[int | None] = []
    for part in parts:
        if part.pages is not None:
            starts.append(part.pages[0] - 1)
        elif part.bookmark is not None:
            if part.bookmark not in dests:
                raise ValueError(f"нет закладки {part.bookmark}")
            starts.append(dests[part.bookmark])
        else:
            raise ValueError(f"для «{part.name}» не указаны ни страницы, ни закладка")
    result: list[range] = []
    for i, part in enumerate(parts):
        start = starts[i]
        assert start is not None
        if part.pages is not None:
            end = part.pages[1]
        else:
            later = [s for s in starts[i + 1 :] if s is not None]
            end = later[0] if later else total
        if not 0 <= start < end <= total:
            raise ValueError(f"страницы {start + 1}–{end} «{part.name}» вне документа из {total} стр.")
        result.append(range(start, end))
    return result


def _failed(doc: _Doc, error: UserError) -> PdfResult:
    return PdfResult(doc.source, doc.pdf, 0, error)


def _template_key(path: Path) -> str | None:
    """Cheap grouping key (from the zip directory, nothing decompressed): same shared parts."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                return None
            key = []
            for name in docxmerge.SHARED_PARTS:
                if name in names:
                    info = zf.getinfo(name)
                    key.append(f"{name}:{info.CRC:08x}:{info.file_size}")
            return "|".join(key)
    except (OSError, zipfile.BadZipFile):
        return None


def plain_soffice_convert(
    soffice: Path, files: Sequence[Path], outdir: Path, profile: Path, timeout: float = 3600
) -> float:
    """``soffice --headless --convert-to pdf`` over ``files``; seconds taken (the benchmark's baseline).

    One call per 100 files: soffice 7.4 silently stops after about 250 files in one call.
    """
    started = time.perf_counter()
    for i in range(0, len(files), 100):
        subprocess.run(
            [
                str(soffice),
                f"-env:UserInstallation={_profile_uri(profile)}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, files[i : i + 100]),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    return time.perf_counter() - started
