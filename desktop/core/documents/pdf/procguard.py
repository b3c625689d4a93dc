"""Converter processes never outlive the process that started them, and a killed run's leftovers go.

LibreOffice runs as a tree (``soffice`` → ``oosplash`` → ``soffice.bin``; the UNO worker beside
it). Killing AktDesk (``kill -9``, the task manager, a crash) used to leave that tree running; the
next run's soffice then handed its work to the orphan through the profile's pipe and exited, and
every PDF of that run failed. So:

* **Windows**: each converter process is created suspended, put into a Job object of this process
  whose limit is ``JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE`` and only then resumed, so everything it
  starts is in the job from its first instruction. The job's only handle is this process's: when
  the process ends in any way, Windows closes the handle and kills every process of the job.
* **Linux, macOS**: each converter process starts its own session (its process group holds the
  whole tree: ``soffice.bin`` keeps ``oosplash``'s group). A small watchdog process in a session
  of its own reads, on a pipe from this process, the groups to guard; when the pipe reaches end of
  file — this process ended, however — it kills those groups. (``PR_SET_PDEATHSIG`` alone would
  not do: it is cleared in ``oosplash``'s child ``soffice.bin``, and it fires when the *thread*
  that started the process ends, not the process.)
* Before a pool starts a worker on a profile, :func:`clear_profile` kills any process still
  using that profile (a leftover of a run killed before these guards, or of a guard that was
  itself killed) and removes the profile's stale lock; :class:`ProfileLock` makes sure the
  profile is not in use by another live AktDesk first (two pools never share a profile).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

import psutil

log = logging.getLogger(__name__)

_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)
_NEW_GROUP = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
_SUSPENDED = 0x00000004  # CREATE_SUSPENDED

# The watchdog: stdlib only, run with ``-I -S`` (nothing of the app's environment is imported).
# "+ N" guards process group N, "- N" forgets it; at end of file every guarded group is killed.
_WATCHDOG = r"""
import os, signal, sys
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(s, signal.SIG_IGN)
groups = set()
for line in sys.stdin:
    op, _, arg = line.strip().partition(" ")
    if op == "+":
        groups.add(int(arg))
    elif op == "-":
        groups.discard(int(arg))
for group in groups:
    try:
        os.killpg(group, signal.SIGKILL)
    except OSError:
        pass
"""


class _Watchdog:
    """The POSIX watchdog process and the pipe to it (one per process, started on first use)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.proc: subprocess.Popen[str] | None = None
        self.pid = 0  # the process the watchdog belongs to (a forked child must start its own)
        self.failed = False

    def _pipe(self) -> IO[str] | None:
        if self.proc is not None and self.pid == os.getpid() and self.proc.poll() is None:
            return self.proc.stdin
        if self.failed or getattr(sys, "frozen", False):  # a frozen build has no plain Python to run
            return None
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", _WATCHDOG],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                text=True,
                bufsize=1,
                start_new_session=True,  # not killed with this process's group
                close_fds=True,
            )
            self.pid = os.getpid()
        except OSError as exc:
            log.warning("the converter watchdog did not start (%s)", exc)
            self.failed = True
            return None
        return self.proc.stdin

    def send(self, line: str) -> None:
        with self.lock:
            pipe = self._pipe()
            if pipe is None:
                return
            try:
                pipe.write(line + "\n")
                pipe.flush()
            except (OSError, ValueError):
                log.warning("the converter watchdog is gone")


_watchdog = _Watchdog()


class _Job:
    """Windows: the kill-on-close Job object every converter process is put into."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.handle: int | None = None
        self.failed = False

    def get(self) -> int | None:
        with self.lock:
            if self.handle is None and not self.failed:
                try:
                    self.handle = _create_kill_on_close_job()
                except OSError as exc:
                    log.warning("no Job object for the converter processes (%s)", exc)
                    self.failed = True
            return self.handle


_job = _Job()


def _create_kill_on_close_job() -> int:  # pragma: no cover - Windows only
    # deferred: Windows only (the Job Object API)
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]

    class IO_COUNTERS(ctypes.Structure):
        _fields_ = [(name, ctypes.c_ulonglong) for name in (
            "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
            "ReadTransferCount", "WriteTransferCount", "OtherTransferCount",
        )]  # fmt: skip

    class JOBOBJECT_BASIC_LIMIT_INFORMATION(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class JOBOBJECT_EXTENDED_LIMIT_INFORMATION(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", JOBOBJECT_BASIC_LIMIT_INFORMATION),
            ("IoInfo", IO_COUNTERS),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    job_object_extended_limit_information = 9  # JOBOBJECTINFOCLASS
    kill_on_job_close = 0x00002000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.CreateJobObjectW.argtypes = [wintypes.LPVOID, wintypes.LPCWSTR]
    kernel32.SetInformationJobObject.restype = wintypes.BOOL
    kernel32.SetInformationJobObject.argtypes = [
        wintypes.HANDLE,
        ctypes.c_int,
        wintypes.LPVOID,
        wintypes.DWORD,
    ]
    handle = kernel32.CreateJobObjectW(None, None)
    if not handle:
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
    info = JOBOBJECT_EXTENDED_LIMIT_INFORMATION()
    info.BasicLimitInformation.LimitFlags = kill_on_job_close
    if not kernel32.SetInformationJobObject(
        handle, job_object_extended_limit_information, ctypes.byref(info), ctypes.sizeof(info)
    ):
        error = ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
        kernel32.CloseHandle(handle)
        raise error
    # The handle is never closed: it lives as long as this process, and so do the job's processes.
    return int(handle)


def _assign_to_job(job: int, process_handle: int) -> None:  # pragma: no cover - Windows only
    # deferred: Windows only (the Job Object API)
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
    kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
    if not kernel32.AssignProcessToJobObject(job, process_handle):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]


def popen(args: list[str], **kwargs: Any) -> subprocess.Popen[Any]:
    """``subprocess.Popen`` for a converter process: its own group, and killed when this process ends."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        kwargs["creationflags"] = kwargs.get("creationflags", 0) | _NO_WINDOW | _NEW_GROUP | _SUSPENDED
        proc = subprocess.Popen(args, **kwargs)
        try:
            job = _job.get()
            if job is not None:
                # Popen keeps the process handle; the job takes it before the process runs at all.
                _assign_to_job(job, int(proc._handle))  # type: ignore[attr-defined]
        except OSError as exc:
            log.warning("a converter process is not in the Job object (%s)", exc)
        finally:
            # NtResumeProcess: Popen has already closed the main thread's handle ResumeThread would need.
            psutil.Process(proc.pid).resume()
        return proc
    kwargs["start_new_session"] = True
    proc = subprocess.Popen(args, **kwargs)
    _watchdog.send(f"+ {proc.pid}")
    return proc


def forget(pid: int) -> None:
    """The group of ``pid`` was killed or ended (POSIX): the watchdog no longer guards it."""
    if sys.platform != "win32":
        _watchdog.send(f"- {pid}")


def kill_group(pid: int) -> None:
    """Kill the process group ``pid`` leads (POSIX): what is left of a tree whose root is gone."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


# --------------------------------------------------------------------------- profiles


class HeldLock:
    """An exclusive, non-blocking lock on the file ``path``, held until ``release`` or the process ends.

    The operating system drops it when the process ends however it ends, so a lock that can be
    taken means that no live process holds it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held while the profile is in use
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                import msvcrt  # deferred: Windows only

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl  # deferred: POSIX only

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self.handle = handle
        return True

    def release(self) -> None:
        if self.handle is not None:
            with contextlib.suppress(OSError):
                self.handle.close()  # closing the file drops the lock on every platform
            self.handle = None


class ProfileLock(HeldLock):
    """``<profile>.lock``, held while a pool uses the profile: when it can be taken, no live AktDesk
    uses the profile and whatever still runs on it is a leftover (see ``clear_profile``)."""

    def __init__(self, profile: Path) -> None:
        super().__init__(profile.with_name(profile.name + ".lock"))


def _profile_args(profile: Path) -> set[str]:
    uris = {profile.resolve().as_uri(), (profile / "user").resolve().as_uri()}
    return {f"-env:UserInstallation={uri}" for uri in uris} | {f"--profile={uri}" for uri in uris}


def profile_processes(profile: Path) -> list[psutil.Process]:
    """Processes whose command line names ``profile``: soffice, soffice.bin, oosplash, the UNO worker."""
    wanted = _profile_args(profile)
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error, TypeError):
            if proc.pid != os.getpid() and wanted.intersection(proc.info["cmdline"] or ()):
                found.append(proc)
    return found


def clear_profile(profile: Path) -> int:
    """Kill what still runs on ``profile`` and remove its stale lock; returns how many were killed.

    Call it only while holding the profile's ``ProfileLock``.
    """
    procs = profile_processes(profile)
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    if procs:
        psutil.wait_procs(procs, timeout=10)
        log.warning("killed %d LibreOffice processes left on %s by an earlier run", len(procs), profile)
    for lock in (profile / ".lock", profile / "user" / ".lock"):
        with contextlib.suppress(OSError):
            lock.unlink()
    return len(procs)
