"""Signed scans on the shared folder: checked, copied atomically, hashed, verified — or kept in the outbox.

A scan is filed at ``<share>/Акты выполненных работ/<YEAR>/<Client>/<number> от <date>.<ext>``
(the pattern is a setting). The file is copied, never moved: written under a temporary name in
the target folder, flushed and fsynced, then linked to its final name (which fails rather than
overwrite), and read back to verify its SHA-256. A different file already under that name is
kept and the new one gets a suffix; the same file dropped twice is recognised by its hash.

When the share cannot be reached (missing, not a folder, read-only, full) the scan goes to a
local outbox in the user's data folder and the document stays unsigned with a *pending* scan;
``retry_outbox`` files it later. Nothing is lost if the program is closed meanwhile: the outbox
is on disk and the pending scan is a database row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from desktop.core.common.events import current_login, log_event
from desktop.core.common.labels import kind_title
from desktop.core.common.safe_names import safe_file_name, safe_name
from desktop.core.documents.paths import party_folder
from desktop.core.errors import StorageError, ValidationError, os_error_text
from desktop.core.models import Document, DocumentKind, Scan, ScanStatus
from desktop.core.payments.closed import notify_closed

DEFAULT_PATTERN = "Акты выполненных работ/{year}/{client}/{number} от {date}"
DEFAULT_CONTRACT_PATTERN = "Договоры/{client}/{number} от {date}"  # contracts' scans (contracts/scans.py)
ROOT_FOLDER = "Акты выполненных работ"
EXTENSIONS = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "tiff": ".tif"}
SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
FILE_NAME_MAX = 120


# --- names -------------------------------------------------------------------------


def scan_relative_path(document: Document, kind: str, pattern: str = DEFAULT_PATTERN) -> Path:
    """Where a document's scan goes, relative to the share root."""
    values = {
        "year": f"{document.date.year:04d}",
        # «ИП Иванов И.И.» → «ИП Иванов И.И 7707…»: no dot before the INN.
        "client": party_folder(document.counterparty.short_name, document.counterparty.inn),
        "number": document.number,
        "date": document.date.strftime("%d.%m.%Y"),
        "kind": kind_title(document.kind),
        "period": document.period,
    }
    if pattern == DEFAULT_PATTERN and document.kind != DocumentKind.ACT:
        # «УПД 12 от 31.10.2026»: a UPD numbered like an act of the same client keeps its own name.
        pattern = DEFAULT_PATTERN.replace("{number}", "{kind} {number}")
    parts = pattern.format(**values).replace("\\", "/").split("/")
    folders = [p if p == ROOT_FOLDER else safe_name(p) for p in parts[:-1]]
    file_name = safe_file_name(parts[-1], EXTENSIONS[kind], FILE_NAME_MAX)
    return Path(*folders, file_name)


def _existing_case_insensitive(folder: Path, name: str) -> str:
    """Windows folds case: reuse «ООО «РОМАШКА»» when «ООО «Ромашка»» is asked for."""
    try:
        for entry in folder.iterdir():
            if entry.name.casefold() == name.casefold():
                return entry.name
    except OSError:
        pass
    return name


# --- files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanFile:
    path: Path
    kind: str
    size: int
    sha256: str


def inspect_file(path: Path, max_bytes: int) -> ScanFile:
    """Check a dropped file by its content: PDF, JPEG, PNG or TIFF, not empty, not too large."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError(f"«{path.name}» — это папка, а не файл скана.")
    try:
        size = path.stat().st_size
        if size == 0:
            raise ValidationError(f"Файл «{path.name}» пустой.")
        if size > max_bytes:
            raise ValidationError(
                f"Файл «{path.name}» слишком большой: {size / 1048576:.1f} МБ (можно не больше {max_bytes / 1048576:.0f} МБ)."
            )
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            head = fh.read(16)
            digest.update(head)
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except ValidationError:
        raise
    except OSError as error:
        raise ValidationError(f"Файл «{path.name}» не читается: {os_error_text(error)}") from error
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return ScanFile(path, kind, size, digest.hexdigest())
    raise ValidationError(
        f"Файл «{path.name}» не является PDF или изображением (JPEG, PNG, TIFF) — проверено по содержимому."
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_atomically(source: Path, target: Path) -> None:
    """Copy under a temporary name in the target folder, fsync, then link to the final name."""
    fd, tmp_name = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, target)  # fails if the name exists: never overwrites
        except FileExistsError:
            raise
        except OSError:
            if target.exists():
                raise FileExistsError(str(target)) from None
            os.replace(tmp, target)  # the share does not do hard links
    finally:
        tmp.unlink(missing_ok=True)


def _place(share: Path, relative: Path, scan: ScanFile) -> Path:
    """Put the file on the share under ``relative`` (or a suffixed name); return the relative path used."""
    folder = share
    for part in relative.parts[:-1]:
        folder = folder / _existing_case_insensitive(folder, part)
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(relative.name).stem, Path(relative.name).suffix
    for attempt in range(1, 100):
        name = f"{stem}{suffix}" if attempt == 1 else f"{stem} ({attempt}){suffix}"
        target = folder / name
        if target.exists():
            if target.stat().st_size == scan.size and sha256_of(target) == scan.sha256:
                return target.relative_to(share)  # the same file is already there
            continue  # another file under this name: never overwrite it
        try:
            _copy_atomically(scan.path, target)
        except FileExistsError:
            continue
        if sha256_of(target) != scan.sha256:
            target.unlink(missing_ok=True)
            raise StorageError(f"Файл на общей папке не совпал с исходным после копирования: {target}")
        return target.relative_to(share)
    raise StorageError(f"Слишком много файлов с именем «{relative.name}» в {folder}")


def share_problem(share_root: str | Path | None) -> str | None:
    """Why the share cannot take files now (None when it can)."""
    if not share_root:
        return "Общая папка для сканов не задана в настройках."
    share = Path(share_root)
    if not share.exists():
        return f"Общая папка недоступна: {share}"
    if not share.is_dir():
        return f"Общая папка недоступна: {share} — это не папка."
    if not os.access(share, os.W_OK):
        return f"Общая папка только для чтения: {share}"
    return None


# --- the store --------------------------------------------------------------------------


@dataclass
class AttachResult:
    stored: list[str] = field(default_factory=list)  # relative paths on the share
    pending: list[str] = field(default_factory=list)  # original names kept in the outbox
    duplicates: list[str] = field(default_factory=list)  # already attached (same hash)
    message: str = ""

    @property
    def ok(self) -> bool:
        return not self.pending


@dataclass
class ScanStore:
    share_root: Path | None
    outbox: Path
    pattern: str = DEFAULT_PATTERN
    max_bytes: int = 50 * 1024 * 1024
    contract_pattern: str = DEFAULT_CONTRACT_PATTERN

    def folders(self) -> list[str]:
        """The top folders on the share this program files into: acts, contracts, payment requests."""
        from desktop.core.requests.workflow import SHARE_FOLDER

        tops = [
            pattern.replace("\\", "/").split("/", 1)[0] for pattern in (self.pattern, self.contract_pattern)
        ]
        return list(dict.fromkeys([*tops, SHARE_FOLDER]))

    def plan(self, document: Document, path: Path) -> str:
        """What a drop of ``path`` onto ``document`` will do (for the hover hint)."""
        return self.plan_drop(path, lambda kind: scan_relative_path(document, kind, self.pattern))

    def plan_drop(self, path: Path, relative_path: Callable[[str], Path]) -> str:
        """What a drop of ``path`` filed under ``relative_path(kind)`` will do (for the hover hint)."""
        scan = inspect_file(path, self.max_bytes)
        relative = relative_path(scan.kind)
        problem = share_problem(self.share_root)
        if problem:
            return f"{problem}\nСкан будет сохранён в локальную очередь и отправлен позже."
        return f"Копировать в {Path(str(self.share_root)) / relative}"

    def attach(
        self, session: Session, document: Document, files: Sequence[Path], *, user: str | None = None
    ) -> AttachResult:
        """File scans of one document. All files are checked first: one bad file stops the drop."""
        user = user or current_login()
        scans = self.check_files(files)
        from desktop.core.scans.inbox import check_readable  # it builds on this module

        for scan in scans:
            if scan.kind == "pdf":  # refused as the inbox refuses it: protected, truncated, fake
                check_readable(scan.path, scan.kind)
        known = {s.sha256 for s in session.scalars(select(Scan).where(Scan.document_id == document.id))}

        def link(row: Scan) -> None:
            row.document_id = document.id

        result, problem = self.store_files(
            session,
            scans,
            known,
            lambda kind: scan_relative_path(document, kind, self.pattern),
            link,
            user=user,
        )
        self._update_document(session, document, user)
        log_event(
            session,
            "document",
            document.id,
            "scan",
            {"stored": result.stored, "pending": result.pending, "duplicates": result.duplicates},
            user=user,
        )
        if result.pending:
            result.message = (
                f"{problem}\nСкан сохранён в локальную очередь ({self.outbox}) и будет отправлен на общую папку "
                "автоматически; документ станет подписанным после этого."
            )
        elif result.duplicates and not result.stored:
            result.message = "Этот файл уже прикреплён к документу."
        return result

    def check_files(self, files: Sequence[Path]) -> list[ScanFile]:
        """Every dropped file checked by content before any is filed: one bad file stops the drop."""
        scans = [inspect_file(Path(f), self.max_bytes) for f in files]
        if not scans:
            raise ValidationError("Не выбран ни один файл.")
        return scans

    def store_files(
        self,
        session: Session,
        scans: Sequence[ScanFile],
        known: set[str],
        relative_path: Callable[[str], Path],
        link: Callable[[Scan], None],
        *,
        user: str,
    ) -> tuple[AttachResult, str | None]:
        """File checked scans as new ``Scan`` rows (a document's, a contract's, a payment request's).

        A file whose hash is in ``known`` is a duplicate and skipped. Each other file is copied to
        the share under ``relative_path(kind)``; once the share cannot take files (checked once per
        drop) or a write fails, it and the files after it are queued in the outbox with the reason
        in ``last_error``. ``link`` ties each new row to its owner after it is added to the session.
        Returns the result (without a message) and the reason files were queued (None if none)."""
        result = AttachResult()
        known = set(known)
        problem = share_problem(self.share_root)
        for scan in scans:
            if scan.sha256 in known:
                result.duplicates.append(scan.path.name)
                continue
            known.add(scan.sha256)
            relative = relative_path(scan.kind)
            row = Scan(
                original_name=scan.path.name,
                sha256=scan.sha256,
                size=scan.size,
                kind=scan.kind,
                added_by=user,
            )
            if problem is None:
                assert self.share_root is not None
                try:
                    row.path = str(_place(Path(self.share_root), relative, scan).as_posix())
                    row.status = ScanStatus.STORED
                except OSError as error:
                    problem = f"Не удалось записать на общую папку {self.share_root}: {os_error_text(error)}"
            if problem is not None:
                row.status = ScanStatus.PENDING
                row.path = relative.as_posix()
                row.outbox_path = str(self._to_outbox(scan))
                row.last_error = problem
                result.pending.append(scan.path.name)
            else:
                result.stored.append(str(row.path))
            session.add(row)
            link(row)
        session.flush()
        return result, problem if result.pending else None

    def _to_outbox(self, scan: ScanFile) -> Path:
        self.outbox.mkdir(parents=True, exist_ok=True)
        target = self.outbox / f"{scan.sha256[:16]}{EXTENSIONS[scan.kind]}"
        if not target.exists():
            _copy_atomically(scan.path, target)
        return target

    @staticmethod
    def _update_document(session: Session, document: Document, user: str) -> None:
        stored = list(
            session.scalars(
                select(Scan)
                .where(Scan.document_id == document.id, Scan.status == ScanStatus.STORED)
                .order_by(Scan.id)
            )
        )
        if stored and not document.signed:
            document.signed = True
            document.signed_at = dt.datetime.now()
            document.signed_by = user
            document.scan_path = stored[0].path
            document.scan_sha256 = stored[0].sha256
            # A signed act may close the deal when its invoices are already paid
            # (docs/domain.md, «Signed and closed»).
            notify_closed(session, [document.id], user=user)

    def queued(self) -> ColumnElement[bool]:
        """The scans waiting in THIS outbox: another workstation's queue is in its own data folder,
        out of reach here (the database lists every workstation's pending scans)."""
        return and_(
            Scan.status == ScanStatus.PENDING,
            Scan.outbox_path.startswith(str(self.outbox) + os.sep, autoescape=True),
        )

    def queued_count(self, session: Session, *, contracts_only: bool = False) -> int:
        """How many scans this workstation has queued (of contracts only, if asked)."""
        where = [self.queued()] + ([Scan.contract_id.is_not(None)] if contracts_only else [])
        return session.scalar(select(func.count(Scan.id)).where(*where)) or 0

    def retry_outbox(self, session: Session, *, user: str | None = None) -> tuple[int, int]:
        """File the scans of this outbox whose share is back; returns (stored, still pending)."""
        pending = list(session.scalars(select(Scan).where(self.queued()).order_by(Scan.id)))
        if not pending:
            return 0, 0
        problem = share_problem(self.share_root)
        stored = 0
        for row in pending:
            if problem is not None:
                row.last_error = problem
                continue
            source = Path(row.outbox_path or "")
            try:
                scan = ScanFile(source, row.kind, row.size, row.sha256)
                if sha256_of(source) != row.sha256:
                    row.last_error = f"Файл в очереди повреждён: {source}"
                    continue
                assert self.share_root is not None
                row.path = _place(Path(self.share_root), Path(row.path or source.name), scan).as_posix()
            except OSError as error:
                row.last_error = f"Не удалось записать на общую папку: {os_error_text(error)}"
                continue
            row.status = ScanStatus.STORED
            row.last_error = None
            row.outbox_path = None
            stored += 1
            session.flush()
            if row.document_id is not None:
                document = session.get(Document, row.document_id)
                if document is not None:
                    self._update_document(session, document, row.added_by)
                    log_event(session, "document", document.id, "scan", {"stored": [row.path]}, user=user)
            elif row.contract_id is not None:
                from desktop.core.contracts.scans import mark_signed
                from desktop.core.models import Contract

                contract = session.get(Contract, row.contract_id)
                if contract is not None:
                    mark_signed(session, contract)
                    log_event(session, "contract", contract.id, "scan", {"stored": [row.path]}, user=user)
            source.unlink(missing_ok=True)
        return stored, len(pending) - stored


@dataclass
class ShareCheck:
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    checked: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "checked": self.checked,
            "missing": self.missing,
            "changed": self.changed,
            "orphans": self.orphans,
        }


def check_share(session: Session, share_root: Path, folders: Iterable[str] = (ROOT_FOLDER,)) -> ShareCheck:
    """Every recorded scan exists with the same hash; files under the scan folders that nobody recorded."""
    report = ShareCheck()
    recorded: set[str] = set()
    for row in session.scalars(select(Scan).where(Scan.status == ScanStatus.STORED)):
        assert row.path is not None
        recorded.add(row.path.casefold())
        report.checked += 1
        target = Path(share_root) / row.path
        if not target.is_file():
            report.missing.append(row.path)
        elif target.stat().st_size != row.size or sha256_of(target) != row.sha256:
            report.changed.append(row.path)
    for folder in folders:
        base = Path(share_root) / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if path.is_file() and not path.name.startswith(".~"):
                relative = path.relative_to(share_root).as_posix()
                if relative.casefold() not in recorded:
                    report.orphans.append(relative)
    return report
