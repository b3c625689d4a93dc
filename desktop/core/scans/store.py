"""Signed scans on the shared folder: checked, copied atomically, hashed, verified — or kept in the outbox.

A scan is filed under its owner's name on the share, an act's at
``<share>/Акты выполненных работ/<YEAR>/<Client>/<number> от <date>.<ext>`` (the patterns are
settings). The file is copied, never moved: written under a temporary name in
the target folder, flushed and fsynced, then linked to its final name (which fails rather than
overwrite), and read back to verify its SHA-256. A different file already under that name is
kept and the new one gets a suffix; the same file dropped twice is recognised by its hash.

When the share cannot be reached (missing, not a folder, read-only, full) the scan goes to a
local outbox in the user's data folder and the document stays unsigned with a *pending* scan;
``retry_outbox`` files it later. Nothing is lost if the program is closed meanwhile: the outbox
is on disk and the pending scan is a database row.

The store is generic: it never imports what owns the scans. Each owner (the registry's acts,
invoices and UPDs in ``registry/scans.py``, contracts in ``contracts/scans.py``, payment requests
in ``requests/attachments.py``) files its scans through ``store_files`` with its own names and
describes itself as a ``ScanOwner``: its kind, the ``Scan`` column that points at it, its top
folder on the share and the hook run when a queued scan of it reaches the share. The store is
given its owners when it is built (``ScanStore(..., owners=...)``): ``scans/owners.py`` lists all
of them for the application (``Settings.scan_store``), a test passes the ones it needs. What needs
every owner (``folders``, ``retry_outbox``) asks the store's own list, so nothing depends on which
modules happen to be imported; a queued scan whose owner the store was not given is a bug and
stops the retry (``RuntimeError``) rather than leaving it unsigned.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import ColumnElement, and_, func, inspect, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.core.common.files import write_atomic
from desktop.core.errors import StorageError, ValidationError, os_error_text
from desktop.core.models import Scan, ScanStatus
from desktop.core.scans.files import EXTENSIONS, ScanFile, inspect_file, sha256_of

DEFAULT_PATTERN = (
    "Акты выполненных работ/{year}/{client}/{number} от {date}"  # documents' (registry/scans.py)
)
DEFAULT_CONTRACT_PATTERN = "Договоры/{client}/{number} от {date}"  # contracts' scans (contracts/scans.py)
ROOT_FOLDER = "Акты выполненных работ"
FILE_NAME_MAX = 120


# --- names -------------------------------------------------------------------------


def top_folder(pattern: str) -> str:
    """The folder on the share a file-name pattern starts with («Договоры/{client}/…» → «Договоры»)."""
    return pattern.replace("\\", "/").split("/", 1)[0]


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


def _copy_atomically(source: Path, target: Path) -> None:
    """Copy under a temporary name in the target folder, fsync, then link to the final name
    (``FileExistsError`` if it is taken: never overwrites)."""

    def copy(out: BinaryIO) -> None:
        with open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)

    write_atomic(target, copy, overwrite=False)


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


@dataclass(frozen=True)
class ScanOwner:
    """What scans belong to (a document, a contract, a payment request), as its own module describes it."""

    kind: str  # "document", "contract", "payment_request"
    column: InstrumentedAttribute[int | None]  # the ``Scan`` column pointing at the owner
    folder: Callable[[ScanStore], str]  # its top folder on the share, from the store's settings
    # Run by ``retry_outbox`` once a queued scan of this owner is on the share: (session, scan, user).
    on_stored: Callable[[Session, Scan, str | None], None] | None = None


@dataclass
class ScanStore:
    share_root: Path | None
    outbox: Path
    pattern: str = DEFAULT_PATTERN  # documents' file names (the setting ``scan_pattern``)
    max_bytes: int = 50 * 1024 * 1024
    contract_pattern: str = DEFAULT_CONTRACT_PATTERN  # contracts' (``contract_scan_pattern``)
    owners: tuple[ScanOwner, ...] = ()  # see the module's docstring; scans/owners.py lists them all

    def folders(self) -> list[str]:
        """The top folders on the share this program files into, one per owner (acts, contracts, requests)."""
        return list(dict.fromkeys(owner.folder(self) for owner in self.owners))

    def owner_of(self, row: Scan) -> ScanOwner | None:
        """The owner of a scan among the store's owners (None for a scan that belongs to nothing).

        Raises ``RuntimeError`` when the scan points at an owner the store was not given."""
        for owner in self.owners:
            if getattr(row, owner.column.key) is not None:
                return owner
        linked = [c.key for c in inspect(Scan).columns if c.foreign_keys and getattr(row, c.key) is not None]
        if linked:
            raise RuntimeError(f"scan {row.id} belongs to {linked[0]}, an owner this ScanStore was not given")
        return None

    def plan_drop(self, path: Path, relative_path: Callable[[ScanFile], Path]) -> str:
        """What a drop of ``path`` filed under ``relative_path(scan)`` will do (for the hover hint)."""
        scan = inspect_file(path, self.max_bytes)
        relative = relative_path(scan)
        problem = share_problem(self.share_root)
        if problem:
            return f"{problem}\nСкан будет сохранён в локальную очередь и отправлен позже."
        return f"Копировать в {Path(str(self.share_root)) / relative}"

    def check_files(self, files: Sequence[Path]) -> list[ScanFile]:
        """Every dropped file checked by content before any is filed: one bad file stops the drop."""
        scans = [inspect_file(Path(f), self.max_bytes) for f in files]
        if not scans:
            raise ValidationError("Не выбран ни один файл.")
        return scans

    def explain(
        self, result: AttachResult, problem: str | None, *, queued: str, duplicate: str
    ) -> AttachResult:
        """``result`` with the message a person reads: why files wait in the outbox (``problem``, then
        ``queued``: what happens when the share is back), or that every file was attached already."""
        if result.pending:
            result.message = f"{problem}\n{queued.format(outbox=self.outbox)}"
        elif result.duplicates and not result.stored:
            result.message = duplicate
        return result

    def store_files(
        self,
        session: Session,
        scans: Sequence[ScanFile],
        known: set[str],
        relative_path: Callable[[ScanFile], Path],
        link: Callable[[Scan], None],
        *,
        user: str,
    ) -> tuple[AttachResult, str | None]:
        """File checked scans as new ``Scan`` rows (a document's, a contract's, a payment request's).

        A file whose hash is in ``known`` is a duplicate and skipped. Each other file is copied to
        the share under ``relative_path(scan)`` (by its kind, or its own name); once the share cannot take files (checked once per
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
            relative = relative_path(scan)
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

    def queued(self) -> ColumnElement[bool]:
        """The scans waiting in THIS outbox: another workstation's queue is in its own data folder,
        out of reach here (the database lists every workstation's pending scans)."""
        return and_(
            Scan.status == ScanStatus.PENDING,
            Scan.outbox_path.startswith(str(self.outbox) + os.sep, autoescape=True),
        )

    def queued_count(self, session: Session, *, owner: ScanOwner | None = None) -> int:
        """How many scans this workstation has queued (of one owner's only, if asked)."""
        where = [self.queued()] + ([owner.column.is_not(None)] if owner is not None else [])
        return session.scalar(select(func.count(Scan.id)).where(*where)) or 0

    def retry_outbox(self, session: Session, *, user: str | None = None) -> tuple[int, int]:
        """File the scans of this outbox whose share is back; returns (stored, still pending)."""
        pending = list(session.scalars(select(Scan).where(self.queued()).order_by(Scan.id)))
        if not pending:
            return 0, 0
        owners = [self.owner_of(row) for row in pending]  # before any file moves: a missing owner stops it
        problem = share_problem(self.share_root)
        stored = 0
        for row, owner in zip(pending, owners, strict=True):
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
            if owner is not None and owner.on_stored is not None:
                owner.on_stored(session, row, user)
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
