"""`aktdesk export 1c` in a child process: a closed month to a valid EnterpriseData file, twice, and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.books.xsd import refs, schema_errors
from tests.factories.cli import cli, demo


def test_export_1c_writes_a_valid_file_twice_with_the_same_refs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    entity_inn, _client = demo(url)
    closed = cli(url, "close-month", "--period", "2026-10", "--no-files", "--json")
    assert closed.returncode == 0, closed.stderr

    first = cli(url, "export", "1c", "--period", "2026-10", "--out", str(tmp_path / "first.xml"), "--json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["format"] == "1.21" and summary["period"] == "2026-10"
    assert (
        summary["counts"]["Документ.РеализацияТоваровУслуг"] > 0
        and summary["counts"]["Справочник.Организации"] > 0
    )
    assert schema_errors(tmp_path / "first.xml", "1.21") == []

    second = cli(
        url, "export", "1c", "--period", "2026-10", "--entity", entity_inn, "--format", "1.20",
        "--out", str(tmp_path / "second.xml"),
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert "Выгружено объектов:" in second.stdout and "EnterpriseData 1.20" in second.stdout
    assert schema_errors(tmp_path / "second.xml", "1.20") == []
    assert set(refs(tmp_path / "second.xml")) <= set(refs(tmp_path / "first.xml"))

    again = cli(url, "export", "1c", "--period", "2026-10", "--out", str(tmp_path / "again.xml"), "--json")
    assert again.returncode == 0, again.stderr
    assert set(refs(tmp_path / "again.xml")) == set(refs(tmp_path / "first.xml"))


def test_export_1c_refuses_in_russian(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    demo(url)
    out = str(tmp_path / "out.xml")
    empty = cli(url, "export", "1c", "--period", "2026-10", "--out", out)
    assert empty.returncode == 2 and "нечего выгружать в 1С" in empty.stderr, empty.stderr
    malformed = cli(url, "export", "1c", "--period", "10.2026", "--out", out)
    assert malformed.returncode == 2 and "ГГГГ-ММ" in malformed.stderr
    unknown = cli(url, "export", "1c", "--period", "2026-10", "--entity", "0000000000", "--out", out)
    assert unknown.returncode == 2 and "ИНН 0000000000 не найдено" in unknown.stderr
    wrong_format = cli(url, "export", "1c", "--period", "2026-10", "--format", "1.8", "--out", out)
    assert wrong_format.returncode == 2 and "неверное значение" in wrong_format.stderr
    assert "Traceback" not in empty.stderr + malformed.stderr + unknown.stderr
    assert not Path(out).exists()
