"""Refresh the translations: extract strings (lupdate), merge Russian from ru_dictionary.py, compile (lrelease).

Run after changing interface strings:  uv run python resources/i18n/update.py
Strings without a translation are listed and the script exits 1 (tests check the same).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "aktdesk_ru.ts"
QM = HERE / "aktdesk_ru.qm"


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def main() -> int:
    sys.path.insert(0, str(HERE))
    from ru_dictionary import RU

    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").rglob("*.py"))
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources,
            "-ts",
            str(TS),
            "-source-language",
            "en",
            "-target-language",
            "ru",
            "-no-obsolete",
        ],
        cwd=ROOT,
        check=True,
    )
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            text = RU.get((name, source), RU.get(source))
            if text is None:
                missing.append(f"{name}: {source}")
                continue
            translation.attrib.pop("type", None)
            numerus = message.get("numerus") == "yes"
            if numerus:
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for _ in range(3):  # Russian has three plural forms
                    ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)
    for line in missing:
        print(f"no translation: {line}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
