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
a merged batch of 200 acts carries the stamp once too).

Many documents of one form go into ONE DOCX for a single PDF conversion through the one DOCX
merger, ``pdf.docxmerge`` (each document its own section, page numbers from 1, a bookmark where
it starts).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import time
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx.image.image import Image
from docx.oxml.shape import CT_Inline
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from desktop.core.common.files import write_file
from desktop.core.common.resources import resource_path
from desktop.core.documents.context import ImageSpec
from desktop.core.documents.sandbox import FormEnvironment, LimitError, bounded_render
from desktop.core.errors import ConfigError, StorageError, TemplateError, os_error_text

FORMS = {
    "act": "act.docx",
    "invoice": "invoice.docx",
    "upd": "upd.docx",
    "detail": "detail.docx",
    "contract": "contract.docx",
    "ukd": "ukd.docx",
    "sf": "sf.docx",
}
# Document kinds printed on another kind's form: an advance счёт-фактура on the счёт-фактура's.
FORM_OF_KIND = {"sf_advance": "sf"}


def form_of(kind: str) -> str:
    """The print form of a document kind (or of a form that is no kind, e.g. ``detail``)."""
    return FORM_OF_KIND.get(str(kind), str(kind))


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
    return Prepared(path, entries, parts)


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


def _content_types(xml: str, exts: Iterable[str]) -> str:
    add = ""
    for ext in sorted(set(exts)):
        if f'Extension="{ext}"' not in xml and f"Extension='{ext}'" not in xml:
            mime = "image/jpeg" if ext in ("jpg", "jpeg") else f"image/{ext}"
            add += f'<Default Extension="{ext}" ContentType="{mime}"/>'
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

    Plain strings and bytes: ``package`` makes the DOCX of it.
    """

    parts: dict[str, str]  # templated part name → rendered XML
    rels: dict[str, dict[str, str]]  # templated part name → {picture part name: relationship id}
    media: dict[str, bytes]  # picture part name → bytes


def _package(
    prepared: Prepared,
    rendered: Mapping[str, str],
    rels_of: Mapping[str, Mapping[str, str]],
    media: Mapping[str, bytes],
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
        elif name in rels_for:
            xml = _add_rels(data.decode("utf-8"), rels_for[name])
            entries.append((name, xml.encode("utf-8"), DEFLATE))
        elif name == CONTENT_TYPES:
            exts = (partname.rpartition(".")[2] for partname in media)
            xml = _content_types(data.decode("utf-8"), exts)
            entries.append((name, xml.encode("utf-8"), STATIC))
        else:
            entries.append((name, data, STATIC))
    for rels_name, rels in rels_for.items():
        if rels_name not in names:
            entries.append((rels_name, _add_rels("", rels).encode("utf-8"), DEFLATE))
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


_HF_TYPES = {
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
}


# --- files ---------------------------------------------------------------------------


def render_to_file(kind: str, context: Mapping[str, Any], target: Path, folder: Path | None = None) -> Path:
    """Render ``kind`` and write it atomically to ``target``; returns ``target``."""
    write_file(target, render(kind, context, folder))
    return Path(target)
