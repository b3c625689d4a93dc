"""The Russian interface is complete and the shipped .qm matches its .ts."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.core.common.resources import resource_path

TS = resource_path("resources", "i18n", "aktdesk_ru.ts")
QM = resource_path("resources", "i18n", "aktdesk_ru.qm")


def test_every_interface_string_has_a_russian_translation() -> None:
    unfinished = []
    for context in ET.parse(TS).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                unfinished.append(f"{context.findtext('name')}: {message.findtext('source')}")
    assert unfinished == []


def test_every_tr_call_in_the_code_is_in_the_ts_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    root = resource_path()
    sources = sorted(str(p) for p in (root / "desktop" / "ui").rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)

    def keys(path: Path) -> set[tuple[str, str]]:
        return {
            (c.findtext("name") or "", m.findtext("source") or "")
            for c in ET.parse(path).getroot().iter("context")
            for m in c.iter("message")
        }

    missing = keys(fresh) - keys(TS)
    assert not missing, f"run resources/i18n/update.py: {sorted(missing)}"


def test_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    out = tmp_path / "check.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run resources/i18n/update.py"
