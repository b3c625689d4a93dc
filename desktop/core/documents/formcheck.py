"""Checking a print form before it is used: unknown placeholders, Jinja syntax errors, broken pictures.

``check_template(path)`` reads the DOCX the way the renderer does (docxtpl's tag patching, the
sandboxed strict Jinja), lists every placeholder the form reads and compares it with the
documented set of that form (``FORM_PLACEHOLDERS``, the same list as forms/README.md). Each
problem names the placeholder and quotes the text of the paragraph or table cell it sits in. A
trial render with sample values then catches what only shows when filling: ``{%tr %}`` put
outside a table row, a filter applied to the wrong type, and the like.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import segno
from docxtpl import DocxTemplate
from jinja2 import nodes

from desktop.core.documents.context import ImageSpec
from desktop.core.documents.render import FORMS, form_path, make_environment, render_template
from desktop.core.documents.sandbox import LimitError, bounded_range
from desktop.core.errors import UserError

_PARTY = [
    "name",
    "full_name",
    "inn",
    "kpp",
    "inn_kpp",
    "ogrn",
    "ogrn_label",
    "address",
    "postal_address",
    "phone",
    "email",
    "director_position",
    "director_name",
    "director_short",
    "director_basis",
    "accountant_name",
    "accountant_short",
    "is_entrepreneur",
    "bank.name",
    "bank.bik",
    "bank.account",
    "bank.corr_account",
]
_DOC = [
    "kind",
    "title",
    "number",
    "date",
    "date_words",
    "period_title",
    "period_start",
    "period_end",
    "due_date",
    "upd_status",
    "basis",
    "id_qr",
]
_CONTRACT = [
    "number",
    "date",
    "date_words",
    "date_quoted",
    "title",
    "basis",
    "place",
    "subject",
    "valid_from",
    "valid_to",
    "term_text",
    "payment_terms",
    "periodicity",
    "period_unit",
    "price_includes_vat",
    "acceptance_days",
    "acceptance_term",
    "facsimile_allowed",
]
_LINE = [
    "no",
    "name",
    "period",
    "unit_code",
    "unit_name",
    "quantity",
    "price",
    "net",
    "vat_rate",
    "vat",
    "total",
    "excise",
]
_TOTALS = [
    "net",
    "vat",
    "total",
    "subtotal",
    "count",
    "total_words",
    "vat_words",
    "vat_label",
    "vat_text",
    "with_vat",
    "includes_vat",
]

COMMON: frozenset[str] = frozenset(
    [f"doc.{n}" for n in _DOC]
    + [f"seller.{n}" for n in _PARTY]
    + [f"buyer.{n}" for n in _PARTY]
    + ["buyer.is_person"]
    + [f"contract.{n}" for n in _CONTRACT]
    + [f"lines.{n}" for n in _LINE]
    + [f"totals.{n}" for n in _TOTALS]
    + [f"vat_rows.{n}" for n in ("rate", "net", "vat", "total")]
    + ["with_stamp", "stamp", "facsimile"]
)
FORM_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "act": COMMON,
    "invoice": COMMON | {"qr", "qr_text", "payment.purpose", "payment.terms"},
    "upd": COMMON
    | {
        f"upd.{n}"
        for n in [
            "status",
            "is_invoice",
            "shipping_doc",
            "payment_doc",
            "consignor",
            "consignee",
            "currency",
            "gov_contract",
            "transfer_date",
            "operation",
            "line_5b",
        ]
    },
    "detail": COMMON
    | {f"work.{n}" for n in ["no", "date", "request", "performer", "service", "quantity", "unit"]}
    | {f"work_totals.{n}" for n in ("service", "unit", "quantity")},
    "contract": COMMON,
    "ukd": COMMON
    | {
        f"ukd.{n}"
        for n in [
            "status",
            "is_invoice",
            "corrected",
            "corrected_number",
            "corrected_date",
            "previous",
            "reason",
            "currency",
            "increase_net",
            "increase_vat",
            "increase_total",
            "decrease_net",
            "decrease_vat",
            "decrease_total",
        ]
    }
    | {
        f"lines.{state}.{n}"
        for state in ("before", "after")
        for n in ("quantity", "price", "net", "vat", "total")
    }
    | {f"lines.{state}.{n}" for state in ("increase", "decrease") for n in ("net", "vat", "total")},
    "sf": COMMON
    | {
        f"sf.{n}"
        for n in [
            "is_advance",
            "correction",
            "consignor",
            "consignee",
            "payment_doc",
            "shipping_doc",
            "line_5b",
            "currency",
            "gov_contract",
            "total_net",
            "total_vat",
        ]
    },
}
IMAGES = {"stamp", "facsimile", "qr", "doc.id_qr"}
_BOOLEANS = {
    "totals.with_vat",
    "totals.includes_vat",
    "with_stamp",
    "contract.price_includes_vat",
    "contract.facsimile_allowed",
    "seller.is_entrepreneur",
    "buyer.is_entrepreneur",
    "buyer.is_person",
    "upd.is_invoice",
    "ukd.is_invoice",
    "sf.is_advance",
}
_NUMBERS = {
    "doc.upd_status": 1,
    "upd.status": 1,
    "ukd.status": 1,
    "totals.count": 2,
    "contract.acceptance_days": 5,
    "lines.no": 1,
}
_JINJA_GLOBALS = {"loop", "range", "lipsum", "dict", "cycler", "joiner", "namespace", "true", "false", "none"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a form: what, which placeholder, where (the text around it)."""

    kind: str  # "unknown", "syntax", "limit", "image", "render", "file"
    message: str  # Russian, ready to show
    name: str = ""
    where: str = ""

    def __str__(self) -> str:
        return self.message


def kind_of(path: Path) -> str | None:
    """The form a file is: ``act.docx`` and ``Акт (копия).docx``-style names by their stem's first word."""
    stem = path.stem.lower()
    for kind in FORMS:
        if stem == kind or stem.startswith(kind):
            return kind
    return None


def _strip(xml: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", xml).split())


def _sources(path: Path) -> Iterator[tuple[str, str]]:
    """(part name, Jinja source with one paragraph per line) of the body, headers and footers."""
    data = path.read_bytes()
    tpl = DocxTemplate(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                xml = tpl.patch_xml(zf.read(name).decode("utf-8"))
                yield name, re.sub(r"<w:p([ >])", r"\n<w:p\1", str(xml))


def _dotted(node: nodes.Node, aliases: dict[str, str]) -> str | None:
    if isinstance(node, nodes.Name):
        return aliases.get(node.name, node.name)
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node, aliases)
        return f"{base}.{node.attr}" if base else None
    if (
        isinstance(node, nodes.Getitem)
        and isinstance(node.arg, nodes.Const)
        and isinstance(node.arg.value, str)
    ):
        base = _dotted(node.node, aliases)
        return f"{base}.{node.arg.value}" if base else None
    return None


def used_placeholders(source: str) -> list[tuple[str, int]]:
    """(dotted name, line) of every value the source reads; loop variables map to their list (line → lines)."""
    ast = make_environment().parse(source)
    aliases: dict[str, str] = {}
    for loop in ast.find_all(nodes.For):
        if isinstance(loop.target, nodes.Name):
            aliases[loop.target.name] = _dotted(loop.iter, aliases) or ""
    local = {a.target.name for a in ast.find_all(nodes.Assign) if isinstance(a.target, nodes.Name)}
    local |= {a.target.name for a in ast.find_all(nodes.AssignBlock) if isinstance(a.target, nodes.Name)}
    found: dict[str, int] = {}
    inner: set[int] = set()
    for chain in ast.find_all((nodes.Getattr, nodes.Getitem)):
        assert isinstance(chain, nodes.Getattr | nodes.Getitem)
        inner.add(id(chain.node))
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if id(node) in inner:
            continue  # only the longest chain: seller.bank.bik, not seller.bank
        if isinstance(node, nodes.Name) and node.ctx != "load":
            continue
        name = _dotted(node, aliases)
        if not name:
            continue
        root = name.split(".")[0]
        if root in _JINJA_GLOBALS or root in local or root == "":
            continue
        found.setdefault(name, node.lineno)
    return sorted(found.items(), key=lambda item: item[1])


_BINOPS = {nodes.Mul: "*", nodes.Pow: "**", nodes.Mod: "%", nodes.Add: "+"}


def unbounded_expressions(source: str) -> list[tuple[str, int]]:
    """(reason, line) of each constant expression the bounded sandbox refuses (``sandbox``):
    ``range(100000000)``, ``'x' * 1000000000``… — found even where the trial render does not go."""
    env = make_environment()
    ast = env.parse(source)
    found: list[tuple[str, int]] = []
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "range" and not call.kwargs:
            if all(isinstance(a, nodes.Const) and isinstance(a.value, int) for a in call.args):
                try:
                    bounded_range(*(a.value for a in call.args))  # type: ignore[attr-defined]
                except (LimitError, ValueError, TypeError) as exc:
                    found.append((str(exc), call.lineno))
    for expr in ast.find_all(nodes.BinExpr):
        op = _BINOPS.get(type(expr))
        if op is None or not (isinstance(expr.left, nodes.Const) and isinstance(expr.right, nodes.Const)):
            continue
        try:
            env.call_binop(None, op, expr.left.value, expr.right.value)
        except LimitError as exc:
            found.append((str(exc), expr.lineno))
        except (TypeError, ValueError, ArithmeticError):
            pass  # the trial render names these
    return sorted(found, key=lambda item: item[1])


def _allowed(name: str, documented: frozenset[str]) -> bool:
    if name in documented:
        return True
    # A prefix (``{% if seller.bank %}``, ``{{ lines|length }}``) or a method of a documented value.
    if any(d.startswith(name + ".") for d in documented):
        return True
    parts = name.split(".")
    return any(".".join(parts[:i]) in documented for i in range(1, len(parts)))


def _where(source: str, lineno: int) -> str:
    lines = source.splitlines()
    text = _strip(lines[lineno - 1]) if 0 < lineno <= len(lines) else ""
    return text[:120]


def _picture_problems(path: Path) -> list[Problem]:
    problems: list[Problem] = []
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for part in sorted(names):
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", part):
                continue
            xml = zf.read(part).decode("utf-8", "replace")
            rels_name = f"word/_rels/{part.removeprefix('word/')}.rels"
            rels = zf.read(rels_name).decode("utf-8", "replace") if rels_name in names else ""
            targets = dict(re.findall(r'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
            targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
            external = set(re.findall(r'Id="([^"]+)"[^>]*TargetMode="External"', rels))
            for rid in re.findall(r'r:(?:embed|link)="([^"]+)"', xml):
                target = targets.get(rid)
                if target is None:
                    problems.append(
                        Problem("image", f"Картинка в {part} ссылается на отсутствующую связь {rid}.", rid)
                    )
                    continue
                if rid in external:
                    problems.append(
                        Problem(
                            "image",
                            f"Картинка «{target}» в {part} связана с внешним файлом — встройте её в документ.",
                            target,
                        )
                    )
                    continue
                full = target.lstrip("/") if target.startswith("/") else f"word/{target}"
                if full not in names:
                    problems.append(
                        Problem(
                            "image",
                            f"Картинка «{target}» отсутствует в файле формы (повреждённый DOCX).",
                            target,
                        )
                    )
    return problems


def _sample_png() -> bytes:
    out = io.BytesIO()
    segno.make("AKTDESK", error="m").save(out, kind="png", scale=2)
    return out.getvalue()


def sample_context(kind: str) -> dict[str, Any]:
    """Sample values for every documented placeholder of ``kind`` (the trial render of a changed form)."""
    png = _sample_png()
    ctx: dict[str, Any] = {}
    lists = {"lines", "vat_rows", "work", "work_totals"}
    for name in sorted(FORM_PLACEHOLDERS[kind]):
        parts = name.split(".")
        if parts[0] in lists:
            rows = ctx.setdefault(parts[0], [{}, {}])
            for i, row in enumerate(rows):
                target = row
                for p in parts[1:-1]:
                    target = target.setdefault(p, {})
                target[parts[-1]] = i + 1 if name == "lines.no" or name == "work.no" else "Образец"
            continue
        target = ctx
        for p in parts[:-1]:
            target = target.setdefault(p, {})
        if name in IMAGES:
            value: Any = ImageSpec(png, 15.0, name)
        elif name in _BOOLEANS:
            value = True
        elif name in _NUMBERS:
            value = _NUMBERS[name]
        else:
            value = "Образец"
        target[parts[-1]] = value
    return ctx


def check_template(path: Path, kind: str | None = None) -> list[Problem]:
    """Everything wrong with the form at ``path`` (``kind`` from the file name if not given); [] = fine."""
    path = Path(path)
    kind = kind or kind_of(path)
    if not path.is_file():
        return [Problem("file", f"Файл формы «{path}» не найден.")]
    if kind is None:
        return [
            Problem(
                "file",
                f"Не понять, какая это форма: «{path.name}». Имя файла должно начинаться с "
                + ", ".join(sorted(FORMS))
                + ".",
            )
        ]
    documented = FORM_PLACEHOLDERS[kind]
    problems: list[Problem] = []
    try:
        sources = list(_sources(path))
    except (zipfile.BadZipFile, OSError, KeyError, UnicodeDecodeError) as exc:
        return [Problem("file", f"Файл «{path.name}» не является документом DOCX или повреждён ({exc}).")]
    syntax_ok = True
    for part, source in sources:
        try:
            used = used_placeholders(source)
        except jinja2.TemplateSyntaxError as exc:
            syntax_ok = False
            problems.append(
                Problem(
                    "syntax",
                    f"{path.name}: ошибка в поле или условии ({exc.message}) в тексте «{_where(source, exc.lineno)}».",
                    where=_where(source, exc.lineno),
                )
            )
            continue
        in_part = "" if part == "word/document.xml" else f" ({part})"
        for reason, lineno in unbounded_expressions(source):
            where = _where(source, lineno)
            problems.append(
                Problem(
                    "limit",
                    f"{path.name}: выражение без предела ({reason}) в тексте «{where}»{in_part}"
                    ". Такая форма не заполнится.",
                    where=where,
                )
            )
        for name, lineno in used:
            if not _allowed(name, documented):
                where = _where(source, lineno)
                problems.append(
                    Problem(
                        "unknown",
                        f"{path.name}: неизвестное поле «{name}» в тексте «{where}»{in_part}"
                        ". Список полей формы — в forms/README.md.",
                        name=name,
                        where=where,
                    )
                )
    problems += _picture_problems(path)
    if syntax_ok and not any(p.kind in ("unknown", "limit") for p in problems):
        try:
            render_template(path, sample_context(kind))
        except UserError as exc:
            problems.append(Problem("render", f"{path.name}: пробное заполнение не удалось: {exc.message}"))
    return problems


def check_forms(paths: Iterable[Path] | None = None) -> dict[Path, list[Problem]]:
    """Problems per form; with no paths, every form in the forms folder."""
    chosen = list(paths) if paths is not None else [form_path(kind) for kind in FORMS]
    return {p: check_template(p) for p in chosen}
