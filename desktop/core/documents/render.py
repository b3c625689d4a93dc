"""Rendering print forms (``forms/*.docx``, docxtpl Jinja placeholders) to DOCX bytes and files.

The Jinja environment is sandboxed and strict: a placeholder the context does not have stops
the rendering with a ``TemplateError`` naming it and the text around it — never a half-filled
document. Values are XML-escaped (``autoescape``), so «ООО "А&Б"» cannot break the file.

Speed: docxtpl re-reads the DOCX, re-patches and re-compiles the Jinja template on every
render (~40 ms). Here a template is prepared once per process (and again when the file
changes): docxtpl's ``patch_xml`` turns ``{%tr %}``/``{%p %}`` tags into Jinja, the Jinja
template is compiled, and the untouched parts of the package are kept as bytes. A render is
then one Jinja pass per templated part, a well-formedness check and a zip write: about 3 ms
for an act, 4–5 ms with stamp and facsimile (measured on the 2-core CI machine; see
``tests/core/documents/test_forms_render.py::test_rendering_is_fast``).

Images (stamp, facsimile, QR) arrive as ``context.ImageSpec`` and are drawn by docxtpl's
``InlineImage``; the picture parts are added to the package (one part per distinct picture, so
a batch of 200 acts carries the stamp once).

``render_batch`` puts many documents of one form into ONE DOCX for a single PDF conversion:
each document is its own section that starts on a new page with page numbering restarted at 1,
and its first paragraph carries the bookmark ``AktDeskDoc0000``, ``AktDeskDoc0001``, … (0-based,
the same names as ``pdf.docxmerge.bookmark_name``), which LibreOffice exports as PDF named
destinations: ``pdf.pdfutil.document_starts`` finds where each document starts.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from docx.image.image import Image
from docx.oxml.shape import CT_Inline
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from desktop.core.common.resources import resource_path
from desktop.core.documents.context import Context, ImageSpec
from desktop.core.documents.sandbox import FormEnvironment, LimitError, bounded_render
from desktop.core.errors import ConfigError, StorageError, TemplateError, os_error_text
from desktop.core.jobs import CancelToken, Progress, no_progress

FORMS = {
    "act": "act.docx",
    "invoice": "invoice.docx",
    "upd": "upd.docx",
    "detail": "detail.docx",
    "contract": "contract.docx",
}
BOOKMARK_PREFIX = "AktDeskDoc"
DOCUMENT_PART = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
HF_REL = re.compile(
    r'<Relationship [^>]*?Id="([^"]+)"[^>]*?Type="[^"]+/(header|footer)"[^>]*?Target="([^"]+)"'
    r'|<Relationship [^>]*?Type="[^"]+/(header|footer)"[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"'
)
JINJA_MARK = re.compile(r"\{[{%#]")
ZIP_LEVEL = 1  # fastest deflate: the parts are small, the files half the size of stored ones


def bookmark_name(index: int) -> str:
    """The boundary bookmark of the ``index``-th document (0-based) in a batch DOCX."""
    return f"{BOOKMARK_PREFIX}{index:04d}"


def forms_dir() -> Path:
    return resource_path("forms")


def form_path(kind: str, folder: Path | None = None) -> Path:
    if kind not in FORMS:
        raise ValueError(f"unknown print form {kind!r}")
    return (folder or forms_dir()) / FORMS[kind]


def make_environment() -> FormEnvironment:
    """The Jinja environment of every print form: sandboxed and bounded (``sandbox``), strict, XML-escaping."""
    return FormEnvironment(undefined=jinja2.StrictUndefined, autoescape=True, keep_trailing_newline=True)


# --- preparing a template ------------------------------------------------------------


@dataclass
class _Part:
    name: str
    source: str  # patched XML, Jinja source
    template: jinja2.Template


@dataclass
class Prepared:
    """A form ready to render: its Jinja-compiled parts and the rest of the package as bytes."""

    path: Path
    entries: list[tuple[str, bytes]]  # every part of the template, in order
    parts: dict[str, _Part]  # templated parts: document.xml and headers/footers with placeholders
    header_footer_rels: dict[str, str] = field(default_factory=dict)  # part name → rId in document rels


def _patched_xml(tpl: DocxTemplate, data: bytes) -> str:
    root = etree.fromstring(data)
    xml = etree.tostring(root, encoding="unicode", pretty_print=False)
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return declaration + str(tpl.patch_xml(xml))


def _snippet(source: str, lineno: int | None) -> str:
    """The document text around a Jinja line (each line of the source starts a paragraph)."""
    if not lineno:
        return ""
    lines = source.splitlines()
    around = lines[max(lineno - 2, 0) : lineno + 1]
    text = " ".join(re.sub(r"<[^>]+>", "", line) for line in around)
    text = " ".join(text.split())
    return text[:160]


def _load(path: Path) -> Prepared:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"Печатная форма «{path}» не найдена.", field=str(path)) from None
    except OSError as exc:
        raise StorageError(
            f"Печатную форму «{path}» не прочитать: {os_error_text(exc)}.", field=str(path)
        ) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise TemplateError(f"Печатная форма «{path.name}» повреждена: это не файл DOCX ({exc}).") from exc
    names = dict(entries)
    if DOCUMENT_PART not in names:
        raise TemplateError(f"Печатная форма «{path.name}» повреждена: в ней нет word/document.xml.")
    tpl = DocxTemplate(io.BytesIO(data))
    env = make_environment()
    rels = names.get(DOCUMENT_RELS, b"").decode("utf-8")
    hf: dict[str, str] = {}
    for m in HF_REL.finditer(rels):
        rid, target = (m.group(1), m.group(3)) if m.group(1) else (m.group(6), m.group(5))
        hf["word/" + target.lstrip("/").removeprefix("word/")] = rid
    parts: dict[str, _Part] = {}
    for name in [DOCUMENT_PART, *hf]:
        raw = names.get(name)
        if raw is None:
            continue
        if name != DOCUMENT_PART and not JINJA_MARK.search(raw.decode("utf-8", "replace")):
            continue
        try:
            source = _patched_xml(tpl, raw)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(
                f"Печатная форма «{path.name}» повреждена: {name} не читается ({exc})."
            ) from exc
        # One paragraph per source line, so that an error's line number points at a paragraph.
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        try:
            template = env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            where = _snippet(source, exc.lineno)
            raise TemplateError(
                f"Печатная форма «{path.name}»: ошибка в поле или условии ({exc.message}) в тексте «{where}»."
            ) from exc
        parts[name] = _Part(name, source, template)
    return Prepared(path, entries, parts, {k: v for k, v in hf.items() if k in parts})


_cache: dict[Path, tuple[tuple[int, int], Prepared]] = {}
_cache_lock = threading.Lock()


def prepare(path: Path) -> Prepared:
    """The prepared form at ``path``, cached per process and reloaded when the file changes."""
    path = Path(path).resolve()
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = (0, 0)
    with _cache_lock:
        hit = _cache.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    prepared = _load(path)
    with _cache_lock:
        _cache[path] = (stamp, prepared)
    return prepared


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


# --- images --------------------------------------------------------------------------


_image_cache: dict[str, Image] = {}


def _picture(data: bytes, key: str | None = None) -> tuple[str, Image]:
    """(sha1, parsed header) of picture bytes (``key``: their sha1, when already known); parsed once
    per process per distinct picture."""
    if key is None:
        key = hashlib.sha1(data).hexdigest()
    image = _image_cache.get(key)
    if image is None:
        image = Image.from_blob(data)
        if len(_image_cache) > 256:
            _image_cache.clear()
        _image_cache[key] = image
    return key, image


def media_name(key: str, ext: str) -> tuple[str, str]:
    """(part name, relationship id) of a picture, named by its content.

    Names that depend only on the bytes let documents rendered apart (in other processes, at other
    times) be joined into one batch DOCX: the same picture has the same name and id everywhere.
    """
    return f"word/media/aktdesk-{key[:16]}.{ext}", f"rIdAkt{key[:16]}"


class _PackageImages:
    """Picture parts of one output package, shared by all its XML parts (deduplicated by content)."""

    def __init__(self) -> None:
        self.media: dict[str, bytes] = {}  # part name → picture bytes
        self.next_shape_id = 20000

    def add(self, data: bytes, key: str | None = None) -> tuple[str, str, Image]:
        key, image = _picture(data, key)
        partname, rid = media_name(key, image.ext)
        self.media.setdefault(partname, data)
        return partname, rid, image


class _Picture(io.BytesIO):
    """Picture bytes with their sha1 (``key``), computed once by ``_inline``."""

    def __init__(self, data: bytes, key: str) -> None:
        super().__init__(data)
        self.key = key


@dataclass
class _Drawing:
    xml: str


_drawing_cache: dict[tuple[str, int, int], str] = {}  # (ext, cx, cy) → XML


class _PartImages:
    """Plays docxtpl's ``current_rendering_part``: ``InlineImage`` asks it for a ``wp:inline``."""

    def __init__(self, package: _PackageImages) -> None:
        self.package = package
        self.rels: dict[str, str] = {}  # media partname → rId

    def new_pic_inline(self, image_descriptor: Any, width: Any, height: Any) -> _Drawing:
        data = image_descriptor.getvalue() if isinstance(image_descriptor, io.BytesIO) else image_descriptor
        sha1 = image_descriptor.key if isinstance(image_descriptor, _Picture) else None
        partname, rid, image = self.package.add(data, sha1)
        self.rels[partname] = rid
        if width is not None and height is not None:
            # Fit into width × height keeping the proportions.
            scale = min(width / image.width, height / image.height)
            width, height = int(image.width * scale), int(image.height * scale)
            height = None
        cx, cy = image.scaled_dimensions(width, height)
        self.package.next_shape_id += 1
        shape_id = self.package.next_shape_id
        key = (image.ext, int(cx), int(cy))
        pattern = _drawing_cache.get(key)
        if pattern is None:
            # Built once per kind and size of picture with placeholder ids and name; python-docx's builder is slow.
            inline = CT_Inline.new_pic_inline(
                999_999_999, "rIdAKTDESK", f"aktdeskpicture.{image.ext}", cx, cy
            )
            # Compact XML: python-docx's .xml is pretty-printed, and new lines would look like text line breaks.
            pattern = etree.tostring(inline, encoding="unicode")
            if len(_drawing_cache) > 256:
                _drawing_cache.clear()
            _drawing_cache[key] = pattern
        xml = (
            pattern.replace("999999999", str(shape_id))
            .replace("rIdAKTDESK", rid)
            .replace(f"aktdeskpicture.{image.ext}", os.path.basename(partname))
        )
        return _Drawing(xml)


class _TplProxy:
    """What ``InlineImage`` reads at render time: the part being rendered."""

    def __init__(self) -> None:
        self.current_rendering_part: _PartImages | None = None


# stamp/facsimile file → (mtime, size), bytes, sha1: read and hashed once per run
_files: dict[str, tuple[tuple[int, int], bytes, str]] = {}


def _image_bytes(spec: ImageSpec) -> tuple[bytes, str]:
    """The picture's bytes and sha1."""
    if isinstance(spec.source, bytes):
        return spec.source, hashlib.sha1(spec.source).hexdigest()
    path = str(spec.source)
    try:
        st = os.stat(path)
        stamp = (st.st_mtime_ns, st.st_size)
        hit = _files.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1], hit[2]  # the same picture for every document of a run: read once
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"Не найден файл «{spec.source}» ({spec.label}). Укажите другой файл в справочнике юрлиц "
            "или сформируйте документы без печати.",
            field=str(spec.source),
        ) from exc
    if len(_files) > 64:
        _files.clear()
    key = hashlib.sha1(data).hexdigest()
    _files[path] = (stamp, data, key)
    return data, key


def _inline(spec: ImageSpec, proxy: _TplProxy, loaded: dict[int, tuple[bytes, str]]) -> InlineImage:
    hit = loaded.get(id(spec))
    if hit is None:
        data, key = _image_bytes(spec)
        try:
            _picture(data, key)
        except Exception as exc:  # python-docx raises several kinds for a non-picture
            name = spec.label if isinstance(spec.source, bytes) else str(spec.source)
            raise ConfigError(f"Файл «{name}» ({spec.label}) не является картинкой PNG/JPEG.") from exc
        loaded[id(spec)] = hit = (data, key)
    data, key = hit
    stream = _Picture(data, key)
    height = Mm(spec.height_mm) if spec.height_mm else None
    return InlineImage(proxy, stream, width=Mm(spec.width_mm), height=height)


def _with_images(
    context: Mapping[str, Any], proxy: _TplProxy, loaded: dict[int, tuple[bytes, str]]
) -> dict[str, Any]:
    """A copy of the context where every ``ImageSpec`` is a docxtpl ``InlineImage``.

    Pictures are looked for at the top level (``stamp``, ``qr``) and one level down
    (``doc.id_qr``); rows of tables carry none, so the lines are not copied.
    """
    out: dict[str, Any] = {}
    for key, value in context.items():
        if isinstance(value, ImageSpec):
            out[key] = _inline(value, proxy, loaded)
        elif isinstance(value, Mapping) and any(isinstance(v, ImageSpec) for v in value.values()):
            out[key] = {
                k: _inline(v, proxy, loaded) if isinstance(v, ImageSpec) else v for k, v in value.items()
            }
        else:
            out[key] = value
    return out


# --- rendering -----------------------------------------------------------------------


_CONTROL_IN_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\f\n]")
_LISTING = DocxTemplate(io.BytesIO())  # only its resolve_listing() is used: it needs no document

_UNDEFINED = (
    re.compile(r"'([^']+)' is undefined"),
    re.compile(r"has no attribute '([^']+)'"),
    re.compile(r"has no element '?([^']+)'?"),
)


def template_lineno(exc: BaseException) -> int | None:
    """The template line a Jinja error happened on (rendering errors carry it only in the traceback)."""
    lineno = getattr(exc, "lineno", None)
    if lineno is None:
        # Jinja rewrites the traceback: the template's frame is "<template>" with source line numbers.
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                lineno = tb.tb_lineno
            tb = tb.tb_next
    return lineno if isinstance(lineno, int) else None


def undefined_name(exc: jinja2.UndefinedError, line: str = "") -> str:
    """The unknown name of ``exc``, dotted as written on ``line``: «seller.nickname», not «nickname»."""
    name = next((m.group(1) for rx in _UNDEFINED if (m := rx.search(str(exc.message)))), str(exc.message))
    dotted = re.search(r"([A-Za-z_][\w.]*\." + re.escape(name) + r")\b", line) if line else None
    return dotted.group(1) if dotted else name


def _template_error(prepared: Prepared, part: _Part, exc: Exception) -> TemplateError:
    lineno = template_lineno(exc)
    lines = part.source.splitlines()
    line = lines[lineno - 1] if lineno and 0 < lineno <= len(lines) else ""
    where = " ".join(re.sub(r"<[^>]+>", "", line).split())[:160]
    where_text = f" в тексте «{where}»" if where else ""
    form = prepared.path.name
    if isinstance(exc, jinja2.UndefinedError):
        name = undefined_name(exc, line)
        return TemplateError(
            f"Печатная форма «{form}»: неизвестное поле «{name}»{where_text}. "
            "Исправьте форму (список полей — forms/README.md) или проверьте её командой «aktdesk forms check».",
            field=name,
        )
    if isinstance(exc, LimitError):
        return TemplateError(f"Печатная форма «{form}»: заполнение остановлено{where_text}: {exc}.")
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateError(f"Печатная форма «{form}»: недопустимое выражение{where_text} ({exc}).")
    if isinstance(exc, RecursionError | MemoryError | ArithmeticError):
        reason = {
            RecursionError: "макрос вызывает сам себя без конца",
            MemoryError: "не хватило памяти",
            ZeroDivisionError: "деление на ноль",
        }.get(type(exc), "слишком большое число")
        return TemplateError(f"Печатная форма «{form}»: ошибка при заполнении{where_text}: {reason}.")
    return TemplateError(f"Печатная форма «{form}»: ошибка при заполнении{where_text}: {exc}.")


class _NoTree:
    """A parser target that builds nothing: the well-formedness check at half the cost of a tree."""

    def close(self) -> None:
        return None


def _check_well_formed(xml: str) -> None:
    target: Any = _NoTree()  # lxml calls only the methods a target has: here none but close()
    etree.fromstring(xml.encode("utf-8"), etree.XMLParser(target=target))


def _render_part(prepared: Prepared, part: _Part, context: Mapping[str, Any]) -> str:
    try:
        xml = bounded_render(part.template, context)
    except (
        jinja2.TemplateError,
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
        IndexError,
        ArithmeticError,  # 1/0, an OverflowError
        RecursionError,  # a macro calling itself
        MemoryError,
    ) as exc:
        raise _template_error(prepared, part, exc) from exc
    # The source has a line per paragraph (see _load); values are escaped, so "<w:p" is markup.
    xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    body = xml[xml.find("?>") + 2 :] if xml.startswith("<?xml") else xml
    if _CONTROL_IN_TEXT.search(body):
        # Line breaks and tabs inside values become <w:br/>/<w:tab/> (docxtpl's Listing rules).
        head = xml[: len(xml) - len(body)]
        xml = head + str(_LISTING.resolve_listing(body))
    try:
        _check_well_formed(xml)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(
            f"Печатная форма «{prepared.path.name}»: после заполнения {part.name} не является правильным XML "
            f"({exc}). Проверьте теги {{%tr %}}, {{%p %}} — они должны стоять в отдельных строках таблицы/абзацах."
        ) from exc
    return xml


def _add_rels(rels_xml: str, rels: Mapping[str, str], source_dir: str = "word/") -> str:
    extra = "".join(
        f'<Relationship Id="{rid}" Type="{IMAGE_REL}" Target="{partname.removeprefix(source_dir)}"/>'
        for partname, rid in rels.items()
    )
    if not rels_xml:
        rels_xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        )
    return rels_xml.replace("</Relationships>", extra + "</Relationships>")


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def _content_types(xml: str, exts: Iterable[str], overrides: Mapping[str, str] = {}) -> str:
    add = ""
    for ext in sorted(set(exts)):
        if f'Extension="{ext}"' not in xml and f"Extension='{ext}'" not in xml:
            mime = "image/jpeg" if ext in ("jpg", "jpeg") else f"image/{ext}"
            add += f'<Default Extension="{ext}" ContentType="{mime}"/>'
    for partname, ctype in overrides.items():
        add += f'<Override PartName="/{partname}" ContentType="{ctype}"/>'
    return xml.replace("</Types>", add + "</Types>") if add else xml


# --- the zip -------------------------------------------------------------------------

DEFLATE, STATIC, STORED = 0, 1, 2  # how an entry is written: rendered XML, the form's own part, a picture


def _write_zip(entries: Iterable[tuple[str, bytes, int]]) -> bytes:
    """A DOCX package: XML parts deflated (fastest level), pictures (PNG/JPEG, compressed already) stored."""
    stamp = time.localtime()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data, how in entries:
            info = zipfile.ZipInfo(name, date_time=(max(stamp[0], 1980), *stamp[1:]))
            info.external_attr = 0o600 << 16
            method = zipfile.ZIP_STORED if how == STORED else zipfile.ZIP_DEFLATED
            package.writestr(info, data, compress_type=method, compresslevel=ZIP_LEVEL)
    return out.getvalue()


# --- rendering -----------------------------------------------------------------------


@dataclass
class Rendered:
    """One document rendered from a form: the XML of its templated parts and the pictures they use.

    Plain strings and bytes (it crosses process boundaries): ``package`` makes the DOCX of it,
    ``merge_rendered`` puts many into one batch DOCX without rendering them again.
    """

    parts: dict[str, str]  # templated part name → rendered XML
    rels: dict[str, dict[str, str]]  # templated part name → {picture part name: relationship id}
    media: dict[str, bytes]  # picture part name → bytes


def _package(
    prepared: Prepared,
    rendered: Mapping[str, str],
    rels_of: Mapping[str, Mapping[str, str]],
    media: Mapping[str, bytes],
    extra_parts: Sequence[tuple[str, bytes]] = (),
    extra_rels: Mapping[str, str] = {},
    overrides: Mapping[str, str] = {},
) -> bytes:
    names = {name for name, _ in prepared.entries}
    rels_for: dict[str, Mapping[str, str]] = {}
    for part, rels in rels_of.items():
        if rels:
            rels_for[_rels_name(part)] = rels
    entries: list[tuple[str, bytes, int]] = []
    for name, data in prepared.entries:
        if name in rendered:
            entries.append((name, rendered[name].encode("utf-8"), DEFLATE))
        elif name in rels_for or (name == DOCUMENT_RELS and extra_rels):
            xml = _add_rels(data.decode("utf-8"), rels_for.get(name, {}))
            if name == DOCUMENT_RELS and extra_rels:
                xml = xml.replace("</Relationships>", "".join(extra_rels.values()) + "</Relationships>")
            entries.append((name, xml.encode("utf-8"), DEFLATE))
        elif name == CONTENT_TYPES:
            exts = (partname.rpartition(".")[2] for partname in media)
            xml = _content_types(data.decode("utf-8"), exts, overrides)
            entries.append((name, xml.encode("utf-8"), STATIC))
        else:
            entries.append((name, data, STATIC))
    for rels_name, rels in rels_for.items():
        if rels_name not in names:
            entries.append((rels_name, _add_rels("", rels).encode("utf-8"), DEFLATE))
    entries.extend((name, data, DEFLATE) for name, data in extra_parts)
    entries.extend((partname, data, STORED) for partname, data in media.items())
    return _write_zip(entries)


def render_parts(prepared: Prepared, context: Mapping[str, Any]) -> Rendered:
    """Render every templated part of a prepared form (no package yet)."""
    proxy = _TplProxy()
    images = _PackageImages()
    loaded: dict[int, tuple[bytes, str]] = {}
    ctx = _with_images(dict(context), proxy, loaded)
    rendered: dict[str, str] = {}
    rels: dict[str, dict[str, str]] = {}
    for name, part in prepared.parts.items():
        part_images = _PartImages(images)
        proxy.current_rendering_part = part_images
        rendered[name] = _render_part(prepared, part, ctx)
        rels[name] = part_images.rels
    return Rendered(rendered, rels, images.media)


def package(prepared: Prepared, rendered: Rendered) -> bytes:
    """The DOCX of one rendered document."""
    return _package(prepared, rendered.parts, rendered.rels, rendered.media)


def render_prepared(prepared: Prepared, context: Mapping[str, Any]) -> bytes:
    """One document from a prepared form."""
    return package(prepared, render_parts(prepared, context))


def render_template(path: Path, context: Mapping[str, Any]) -> bytes:
    """Render the form at ``path`` (any DOCX with docxtpl placeholders) to DOCX bytes."""
    return render_prepared(prepare(path), context)


def render(kind: str, context: Mapping[str, Any], folder: Path | None = None) -> bytes:
    """Render the ``kind`` form (act, invoice, upd, detail, contract) to DOCX bytes."""
    return render_template(form_path(kind, folder), context)


# --- batches -------------------------------------------------------------------------

_BODY_OPEN = re.compile(r"<w:body>|<w:body [^>]*>")
_SECT_START = re.compile(r"<w:sectPr[ >/]")
_PARA_OPEN = re.compile(r"<w:p(?: [^>]*)?>")
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_PGNUM = re.compile(r"<w:pgNumType\b[^>]*/>|<w:pgNumType\b[^>]*>.*?</w:pgNumType>", re.DOTALL)
_TYPE = re.compile(r"<w:type\b[^>]*/>")


def _split_body(xml: str) -> tuple[str, str, str, str]:
    """(before body content, body content without the final sectPr, final sectPr, after)."""
    m = _BODY_OPEN.search(xml)
    end = xml.rfind("</w:body>")
    if m is None or end < 0:
        raise TemplateError("В форме нет тела документа (w:body).")
    body = xml[m.end() : end]
    starts = [s.start() for s in _SECT_START.finditer(body)]
    if starts:
        last = starts[-1]
        final = body[last:].rstrip()
        if "</w:p>" not in final and re.fullmatch(
            r"<w:sectPr\b.*</w:sectPr>|<w:sectPr\b[^>]*/>", final, re.DOTALL
        ):
            return xml[: m.end()], body[:last], final, xml[end:]
    return xml[: m.end()], body, "<w:sectPr/>", xml[end:]


def _restart_section(sect: str) -> str:
    """The section starts on a new page and numbers its pages from 1."""
    sect = _TYPE.sub("", sect)
    sect = _PGNUM.sub("", sect)
    if sect.endswith("/>") and not sect.endswith("</w:sectPr>"):
        sect = sect[:-2] + ">" + "</w:sectPr>"
    head_end = sect.find(">") + 1
    # Schema order: headers/footers references, footnotePr, endnotePr, type, pgSz, pgMar, ..., pgNumType, ...
    refs = re.match(r"((?:<w:(?:header|footer)Reference\b[^>]*/>)*)", sect[head_end:])
    after_refs = head_end + (len(refs.group(1)) if refs else 0)
    sect = sect[:after_refs] + '<w:type w:val="nextPage"/>' + sect[after_refs:]
    pg = '<w:pgNumType w:start="1"/>'
    for follower in (
        "<w:cols",
        "<w:formProt",
        "<w:vAlign",
        "<w:noEndnote",
        "<w:titlePg",
        "<w:textDirection",
        "<w:bidi",
        "<w:rtlGutter",
        "<w:docGrid",
        "<w:printerSettings",
        "<w:sectPrChange",
        "</w:sectPr>",
    ):
        pos = sect.find(follower)
        if pos >= 0:
            return sect[:pos] + pg + sect[pos:]
    return sect  # unreachable: a sectPr always ends with </w:sectPr>


def _with_bookmark(content: str, name: str, bm_id: int) -> str:
    mark = f'<w:bookmarkStart w:id="{bm_id}" w:name="{name}"/><w:bookmarkEnd w:id="{bm_id}"/>'
    m = _PARA_OPEN.search(content)
    if m is None:
        return f"<w:p>{mark}</w:p>" + content
    pos = m.end()
    if content.startswith("<w:pPr/>", pos):
        pos += len("<w:pPr/>")
    elif content.startswith("<w:pPr>", pos) or content.startswith("<w:pPr ", pos):
        pos = content.index("</w:pPr>", pos) + len("</w:pPr>")
    return content[:pos] + mark + content[pos:]


def render_batch(
    kind: str,
    contexts: Sequence[Mapping[str, Any]],
    folder: Path | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> bytes:
    """ONE DOCX holding a document per context, each starting a new page numbered from 1.

    Document ``i`` (0-based) begins at the bookmark ``bookmark_name(i)``; its pages end where the
    next bookmark's page begins. Headers/footers with placeholders are rendered per document.
    """
    return render_batch_template(form_path(kind, folder), contexts, progress, cancel)


def render_batch_template(
    path: Path,
    contexts: Sequence[Mapping[str, Any]],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> bytes:
    if not contexts:
        raise ValueError("nothing to render")
    prepared = prepare(path)
    documents: list[Rendered] = []
    total = len(contexts)
    for i, context in enumerate(contexts):
        if cancel is not None:
            cancel.raise_if_cancelled()
        documents.append(render_parts(prepared, context))
        progress(i + 1, total, f"Документ {i + 1} из {total}")
    return merge_rendered(prepared, documents)


_HF_TYPES = {
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
}


def merge_rendered(prepared: Prepared, documents: Sequence[Rendered]) -> bytes:
    """ONE DOCX of documents already rendered from ``prepared`` (see ``render_batch``): nothing is
    rendered again, the parts are joined. Headers/footers with placeholders: the first document
    uses the form's parts, the later ones copies of their own."""
    if not documents:
        raise ValueError("nothing to merge")
    head = tail = ""
    pieces: list[str] = []
    hf_names = [name for name in prepared.parts if name != DOCUMENT_PART]
    doc_rels: dict[str, str] = {}
    rels_of: dict[str, Mapping[str, str]] = {DOCUMENT_PART: doc_rels}
    media: dict[str, bytes] = {}
    rendered_hf: dict[str, str] = {}
    extra_parts: list[tuple[str, bytes]] = []
    extra_rels: dict[str, str] = {}
    overrides: dict[str, str] = {}
    total = len(documents)
    for i, document in enumerate(documents):
        media.update(document.media)
        doc_rels.update(document.rels.get(DOCUMENT_PART, {}))
        before, content, sect, after = _split_body(document.parts[DOCUMENT_PART])
        if i == 0:
            head, tail = before, after
        for name in hf_names:
            hf_xml = document.parts[name]
            hf_rels = document.rels.get(name, {})
            rid = prepared.header_footer_rels[name]
            if i == 0:
                rendered_hf[name] = hf_xml
                rels_of[name] = hf_rels
                continue
            folder_name, _, base = name.rpartition("/")
            stem, _, ext = base.rpartition(".")
            new_name = f"{folder_name}/{stem}_d{i}.{ext}"
            new_rid = f"{rid}d{i}"
            extra_parts.append((new_name, hf_xml.encode("utf-8")))
            if hf_rels:
                extra_parts.append((_rels_name(new_name), _add_rels("", hf_rels).encode("utf-8")))
            kind_hf = "header" if "header" in base else "footer"
            rel_type = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind_hf}"
            extra_rels[new_rid] = (
                f'<Relationship Id="{new_rid}" Type="{rel_type}" Target="{new_name.removeprefix("word/")}"/>'
            )
            overrides[new_name] = _HF_TYPES[kind_hf]
            content = content.replace(f'r:id="{rid}"', f'r:id="{new_rid}"')
            sect = sect.replace(f'r:id="{rid}"', f'r:id="{new_rid}"')
        content = _with_bookmark(content, bookmark_name(i), 1_800_000_000 + i)
        sect = _restart_section(sect)
        if i < total - 1:
            pieces.append(content + f"<w:p><w:pPr>{sect}</w:pPr></w:p>")
        else:
            pieces.append(content + sect)
    body = "".join(pieces)
    counter = iter(range(1, 10_000_000))
    body = _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(3)}", body)
    rendered = {DOCUMENT_PART: head + body + tail, **rendered_hf}
    return _package(prepared, rendered, rels_of, media, extra_parts, extra_rels, overrides)


# --- files ---------------------------------------------------------------------------


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target``: a temp file in the same folder, flush+fsync, then rename."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise StorageError(
            f"Папка «{target.parent}» недоступна для записи: {os_error_text(exc)}.", field=str(target)
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, PermissionError):
            message = f"Файл «{target}» не записать: он открыт в другой программе или нет прав."
        else:
            message = f"Файл «{target}» не записать: {os_error_text(exc)}."
        raise StorageError(message, field=str(target)) from exc


def render_to_file(kind: str, context: Mapping[str, Any], target: Path, folder: Path | None = None) -> Path:
    """Render ``kind`` and write it atomically to ``target``; returns ``target``."""
    write_atomic(target, render(kind, context, folder))
    return Path(target)


def render_many(
    kind: str,
    items: Sequence[tuple[Context, Path]],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    folder: Path | None = None,
) -> list[Path]:
    """Render each (context, target) pair to its own file; checks ``cancel`` between documents."""
    done: list[Path] = []
    for i, (context, target) in enumerate(items):
        if cancel is not None:
            cancel.raise_if_cancelled()
        done.append(render_to_file(kind, context, target, folder))
        progress(i + 1, len(items), target.name)
    return done
