"""What a killed run left of LibreOffice does not break the next one: the pool ends it first."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psutil
import pytest

from desktop.core.documents import render as R
from desktop.core.documents.context import act_context
from desktop.core.documents.pdf import LibreOfficeBackend, find_soffice, page_count
from desktop.core.documents.pdf.libreoffice import default_profile_root, find_uno_python, worker_script
from desktop.core.documents.pdf.procguard import profile_processes
from tests.factories.forms import document
from tests.factories.waiting import wait_for

SOFFICE = find_soffice()
pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def test_a_pool_ends_the_office_a_killed_run_left_on_its_profile(tmp_path: Path) -> None:
    assert SOFFICE is not None
    profile = default_profile_root() / "worker0"
    profile.mkdir(parents=True)
    # An office left running on the pool's profile (its AktDesk was killed with no guard around it):
    # a new soffice on the same profile hands its work to it and exits, so every PDF used to fail.
    leftover = subprocess.Popen(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            "--nofirststartwizard",
            "--accept=pipe,name=aktdesk_leftover_test;urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # Up when a UNO client can connect to it (the worker the pool uses says so).
        python = find_uno_python(SOFFICE)
        assert python is not None
        probe = subprocess.run(
            [
                str(python),
                str(worker_script()),
                "--pipe",
                "aktdesk_leftover_test",
                "--connect-timeout",
                "120",
            ],
            input="",
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert '"ready": true' in probe.stdout, probe.stderr
        docx = tmp_path / "act.docx"
        docx.write_bytes(R.render_template(R.form_path("act"), act_context(document(tmp_path))))
        with LibreOfficeBackend(workers=1, mode="uno") as backend:
            [pdf] = backend.convert([docx])
            assert page_count(pdf) >= 1
            # Ended before the pool started, not when the pool quits the office it then worked through.
            assert leftover.poll() is not None
            ours = {pid for group in backend.worker_pids() for pid in group}
            offices = {p.pid for p in profile_processes(profile) if "uno_worker" not in " ".join(p.cmdline())}
            assert offices and offices <= ours
        wait_for(lambda: not profile_processes(profile), 30, "LibreOffice is left after the pool closed")
    finally:
        for proc in profile_processes(profile):  # only when the test failed: what it started
            proc.kill()
        if leftover.poll() is None:
            leftover.kill()
        leftover.wait(timeout=30)


def test_two_pools_at_once_take_two_profiles(tmp_path: Path) -> None:
    """Another AktDesk converting at the same time is not a leftover: its profile is left alone."""
    docx = tmp_path / "act.docx"
    docx.write_bytes(R.render_template(R.form_path("act"), act_context(document(tmp_path))))
    with (
        LibreOfficeBackend(workers=1, mode="uno") as first,
        LibreOfficeBackend(workers=1, mode="uno") as second,
    ):
        [one] = first.convert([docx], [tmp_path / "one.pdf"])
        [two] = second.convert([docx], [tmp_path / "two.pdf"])
        assert page_count(one) == page_count(two) >= 1
        pids = [set(p for group in b.worker_pids() for p in group) for b in (first, second)]
        assert pids[0] and pids[1] and not pids[0] & pids[1]
        assert all(psutil.pid_exists(pid) for pid in pids[0])  # the second did not end the first's office
