"""A print form that would run without bound is refused by `forms check` and cannot hang or fill the
memory when documents are made: each contract gets a Russian error naming the form and the place."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.core.closing import plan as closing
from desktop.core.closing.files import FileWriter
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.documents import render as R
from desktop.core.documents.context import act_context
from desktop.core.documents.formcheck import check_template
from desktop.core.errors import TemplateError
from tests.factories.forms import document

PLACE = "{{ doc.basis }}"  # a placeholder of the shipped act: the text of its paragraph names the place
UNBOUNDED = {
    "range": "{% for i in range(100000000) %}x{% endfor %}",
    "repeat": "{{ 'x' * 1000000000 }}",
    "range from data": "{% for i in range(lines|length * 100000000) %}x{% endfor %}",
    "nested loops": "{% for a in 'x' * 1000000 %}{% for b in 'x' * 1000000 %}{% endfor %}{% endfor %}",
    "padding": "{{ doc.number|center(1000000000) }}",
    "power": "{{ 10 ** 100000000 }}",
    "doubling": "{% set ns = namespace(s=doc.number) %}{% for i in range(60) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
}


def form_with(folder: Path, text: str, name: str = "act.docx") -> Path:
    """The shipped act with ``text`` put after the basis placeholder (a real DOCX, as a user edits it)."""
    target = folder / name
    folder.mkdir(parents=True, exist_ok=True)
    with (
        zipfile.ZipFile(R.form_path("act")) as zin,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                assert PLACE.encode() in data
                data = data.replace(PLACE.encode(), (PLACE + " " + text).encode(), 1)
            zout.writestr(info, data)
    return target


@pytest.mark.parametrize("case", sorted(UNBOUNDED))
def test_forms_check_refuses_a_form_without_bound(tmp_path: Path, case: str) -> None:
    form = form_with(tmp_path, UNBOUNDED[case], "act_changed.docx")
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "forms", "check", str(form)],
        capture_output=True,
        text=True,
        timeout=120,  # the old code ran 104 s at 7.9 GB on the repeat, or for ever on the loops
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "act_changed.docx" in done.stderr and PLACE in done.stderr  # the form and the place
    assert "Error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("case", sorted(UNBOUNDED))
def test_rendering_a_form_without_bound_stops_with_a_russian_error(tmp_path: Path, case: str) -> None:
    form = form_with(tmp_path, UNBOUNDED[case], "act_changed.docx")
    with pytest.raises(TemplateError) as error:
        R.render_template(form, act_context(document(tmp_path)))
    message = error.value.message
    assert message.startswith("Печатная форма «act_changed.docx»") and PLACE in message
    assert "Error" not in message


def test_a_bounded_form_still_renders(tmp_path: Path) -> None:
    form = form_with(tmp_path, "{% for i in range(3) %}[{{ i }}]{% endfor %}{{ '_' * 10 }}{{ 2 ** 10 }}")
    assert R.render_template(form, act_context(document(tmp_path)))
    assert check_template(form) == []


def test_closing_with_a_form_without_bound_reports_each_contract(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = tmp_path / "forms"
    shutil.copytree(R.forms_dir(), forms)
    form_with(forms, UNBOUNDED["range"])  # the user's edited act replaces the shipped one
    monkeypatch.setattr(R, "forms_dir", lambda: forms)
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=6, seed=21, today=dt.date(2026, 11, 22))
    with sqlite_db.session() as session:
        plan = closing.plan(session, "2026-10")
    writer = FileWriter(sqlite_db, tmp_path / "out", pdf=False, workers=0)
    try:
        result = closing.execute(sqlite_db, plan, after_contract=writer.add)
        writer.finish(result)
    finally:
        writer.close()
    with_acts = {r.contract_number for r in plan.rows if any(d.kind == "act" for d in r.to_issue)}
    assert with_acts and {e.contract for e in result.errors} == with_acts
    for error in result.errors:
        assert "Печатная форма «act.docx»" in error.message and "range(100000000)" in error.message
        assert "OverflowError" not in error.message
