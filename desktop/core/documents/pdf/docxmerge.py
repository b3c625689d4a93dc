"""Merging many DOCX documents into one, so LibreOffice converts them in one go.

Converting one DOCX that holds 100 acts is several times faster than converting 100 files
(each file pays the import and PDF-writer set-up again). The merged document must lay every
document out exactly as it would be laid out alone, so:

* only documents that share the same styles, numbering, settings, theme and fonts are merged
  (``merge_key``): then nothing in the shared parts differs;
* each document becomes its own section(s); its first section starts on a new page with page
  numbering restarted at 1 (``w:pgNumType w:start="1"``), so a PAGE field shows what it shows
  alone, and it gets explicit (empty) headers/footers where it has none, so it does not
  inherit the previous document's;
* numbered lists get their own list instances that restart at their start value;
* parts the body refers to (images, headers, footers, charts, hyperlinks) are copied under new
  names, with their own relationships;
* a bookmark ``AktDeskDoc<NNNN>`` is put at the start of each document. LibreOffice exports it as
  a PDF named destination, and the page it points to is where that document starts: this is how
  the merged PDF is split back per document (see ``pdfutil.document_starts``).

A document that cannot be merged safely (fields that depend on the whole file, such as
NUMPAGES; footnotes, comments, embedded sub-documents; list styles) is reported by
``inspect_docx`` and converted alone instead (``merge_mergeable`` sorts a batch so).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import threading
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from lxml import etree

from desktop.core.common.files import write_atomic

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

BOOKMARK_PREFIX = "AktDeskDoc"

# Parts shared by the whole package: merging is only safe when they are byte-identical.
SHARED_PARTS = (
    "word/styles.xml",
    "word/numbering.xml",
    "word/settings.xml",
    "word/theme/theme1.xml",
    "word/fontTable.xml",
)
# Relationship types that belong to the package, not to a piece of the body.
_SINGLETON_TYPES = {
    RT + name
    for name in (
        "styles",
        "numbering",
        "settings",
        "webSettings",
        "fontTable",
        "theme",
        "customXml",
        "footnotes",
        "endnotes",
        "comments",
        "glossaryDocument",
    )
} | {"http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}

# Fields whose result is the same in a merged file as alone (PAGE restarts per section).
_SAFE_FIELDS = {"PAGE", "HYPERLINK", "SYMBOL", "MERGEFIELD", "FORMTEXT", "FORMCHECKBOX", "EQ"}
_FIELD_NAME = re.compile(r"^\s*([A-Za-z]+)")
# Elements that refer to parts or state of the whole file.
_BLOCKING_ELEMENTS = {
    f"{{{W}}}footnoteReference": "сноски",
    f"{{{W}}}endnoteReference": "концевые сноски",
    f"{{{W}}}commentReference": "примечания",
    f"{{{W}}}altChunk": "вложенный документ",
    f"{{{W}}}subDoc": "вложенный документ",
}
_HF_TYPES = ("default", "first", "even")
_HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


class MergeError(Exception):
    """A source DOCX cannot be read or merged; ``index`` says which one."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(reason)
        self.index = index
        self.reason = reason


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def bookmark_name(index: int) -> str:
    """The boundary bookmark of the ``index``-th document in a merged file."""
    return f"{BOOKMARK_PREFIX}{index:04d}"


@dataclass
class _Package:
    """A DOCX opened for reading: its part names and bytes, lazily."""

    path: Path
    zf: zipfile.ZipFile
    content_types: tuple[dict[str, str], dict[str, str]] | None = None  # (overrides, defaults)

    def read(self, name: str) -> bytes | None:
        try:
            return self.zf.read(name)
        except KeyError:
            return None

    def xml(self, name: str) -> etree._Element | None:
        data = self.read(name)
        return None if data is None else etree.fromstring(data)


def _open(path: Path) -> _Package:
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise MergeError(0, "файл повреждён или не является документом DOCX") from exc
    if "word/document.xml" not in zf.namelist():
        zf.close()
        raise MergeError(0, "в файле нет основной части word/document.xml — это не документ DOCX")
    return _Package(path, zf)


def _xml_problem(exc: Exception) -> str:
    line = getattr(exc, "lineno", None)
    return "повреждён XML документа" + (f" (строка {line})" if line else "")


def merge_key(path: Path) -> str | None:
    """A fingerprint of the parts shared by a whole file, or None if the file is unreadable.

    Two documents with the same key were made from the same template and can share one
    merged file.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                return None
            digest = hashlib.sha1()
            for name in SHARED_PARTS:
                digest.update(name.encode())
                digest.update(zf.read(name) if name in names else b"-")
            return digest.hexdigest()
    except (OSError, zipfile.BadZipFile, KeyError):
        return None


def _field_names(root: etree._Element) -> Iterator[str]:
    for el in root.iter(_w("instrText"), _w("fldSimple")):
        text = el.text if el.tag == _w("instrText") else el.get(_w("instr"))
        match = _FIELD_NAME.match(text or "")
        if match:
            yield match.group(1).upper()


def _numbered_styles(styles: etree._Element | None) -> set[str]:
    """Paragraph styles that carry list numbering (directly or through basedOn)."""
    if styles is None:
        return set()
    based: dict[str, str] = {}
    numbered: set[str] = set()
    for style in styles.iter(_w("style")):
        sid = style.get(_w("styleId")) or ""
        base = style.find(_w("basedOn"))
        if base is not None:
            based[sid] = base.get(_w("val")) or ""
        ppr = style.find(_w("pPr"))
        if ppr is not None and ppr.find(_w("numPr")) is not None:
            numbered.add(sid)
    result = set(numbered)
    for sid in based:
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen:
            if cur in numbered:
                result.add(sid)
                break
            seen.add(cur)
            cur = based.get(cur)
    return result


_NUMBERED_STYLES: dict[tuple[int, int], frozenset[str]] = {}
_NUMBERED_LOCK = threading.Lock()


def _numbered_styles_cached(pkg: _Package) -> frozenset[str]:
    """``_numbered_styles`` of the package, cached by the styles part's CRC (same template, same answer)."""
    try:
        info = pkg.zf.getinfo("word/styles.xml")
    except KeyError:
        return frozenset()
    key = (info.CRC, info.file_size)
    with _NUMBERED_LOCK:
        cached = _NUMBERED_STYLES.get(key)
    if cached is None:
        cached = frozenset(_numbered_styles(pkg.xml("word/styles.xml")))
        with _NUMBERED_LOCK:
            _NUMBERED_STYLES[key] = cached
    return cached


@dataclass(frozen=True)
class Inspection:
    """What a DOCX is fit for: ``problem`` — cannot be converted at all; ``blocker`` — only alone."""

    problem: str | None
    blocker: str | None


def package_problem(path: Path) -> str | None:
    """Why ``path`` is not a DOCX package at all (missing, not a zip, no main part), without
    reading its XML: for a file this program has just written, such as a merged batch."""
    if not path.is_file():
        return "файл не найден"
    try:
        _open(path).zf.close()
    except MergeError as exc:
        return exc.reason
    return None


def inspect_docx(path: Path) -> Inspection:
    """Read a DOCX once: is it a readable DOCX at all, and can it be merged with others?"""
    if not path.is_file():
        return Inspection("файл не найден", None)
    try:
        pkg = _open(path)
    except MergeError as exc:
        return Inspection(exc.reason, None)
    with pkg.zf:
        try:
            doc = pkg.xml("word/document.xml")
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as exc:
            return Inspection(_xml_problem(exc), None)
        assert doc is not None
        try:
            return Inspection(None, _blocker(pkg, doc))
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
            return Inspection(None, "повреждена часть документа")


def _blocker(pkg: _Package, doc: etree._Element) -> str | None:
    body = doc.find(_w("body"))
    if body is None:
        return "в документе нет тела (w:body)"
    roots = [body]
    rels = _rels(pkg, "word/document.xml")
    for rel in rels.values():
        if rel.type in (RT + "header", RT + "footer") and not rel.external:
            part = pkg.xml(rel.target)
            if part is not None:
                roots.append(part)
    for root in roots:
        for field in _field_names(root):
            if field not in _SAFE_FIELDS:
                return f"поле {field} зависит от всего файла"
        for el in root.iter(*_BLOCKING_ELEMENTS):
            return f"в документе есть {_BLOCKING_ELEMENTS[el.tag]}"
    numbered = _numbered_styles_cached(pkg)
    if numbered:
        for pstyle in body.iter(_w("pStyle")):
            if pstyle.get(_w("val")) in numbered:
                return "в документе есть нумерованный стиль абзаца"
    return None


@dataclass
class _Rel:
    rid: str
    type: str
    target: str  # absolute part name inside the package (no leading slash) or external URL
    external: bool


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _rels(pkg: _Package, part: str) -> dict[str, _Rel]:
    root = pkg.xml(_rels_name(part))
    result: dict[str, _Rel] = {}
    if root is None:
        return result
    folder = posixpath.dirname(part)
    for rel in root.iter(f"{{{PR}}}Relationship"):
        external = rel.get("TargetMode") == "External"
        target = rel.get("Target") or ""
        if not external:
            target = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        result[rel.get("Id") or ""] = _Rel(rel.get("Id") or "", rel.get("Type") or "", target, external)
    return result


class _MergedPackage:
    """The package being built: the first document's parts plus what later ones bring."""

    def __init__(self, base: _Package) -> None:
        self.parts: dict[str, bytes] = {
            info.filename: base.zf.read(info.filename) for info in base.zf.infolist() if not info.is_dir()
        }
        self.content_types = etree.fromstring(self.parts["[Content_Types].xml"])
        self.doc = etree.fromstring(self.parts["word/document.xml"])
        self.doc_rels = etree.fromstring(
            self.parts.get("word/_rels/document.xml.rels") or f'<Relationships xmlns="{PR}"/>'.encode()
        )
        self._rid = 0
        self._rids: set[str] | None = None  # the relationship ids taken, read from doc_rels once
        self.numbering: etree._Element | None = None
        self.empty_parts: dict[str, str] = {}
        self._used_names = set(self.parts)
        # A picture every document carries (the stamp, the facsimile) is stored once.
        self.media: dict[bytes, str] = {
            hashlib.sha1(data).digest(): name
            for name, data in self.parts.items()
            if name.startswith("word/media/")
        }
        self.defaults = {
            (d.get("Extension") or "").lower(): d.get("ContentType") or ""
            for d in self.content_types.iter(f"{{{CT}}}Default")
        }
        self.overrides = {
            (o.get("PartName") or "").lstrip("/"): o.get("ContentType") or ""
            for o in self.content_types.iter(f"{{{CT}}}Override")
        }

    def new_rid(self) -> str:
        if self._rids is None:
            self._rids = {r.get("Id") or "" for r in self.doc_rels}
        while True:
            self._rid += 1
            rid = f"rAkt{self._rid}"
            if rid not in self._rids:
                self._rids.add(rid)
                return rid

    def unique_name(self, name: str, tag: str) -> str:
        folder, base = posixpath.split(name)
        candidate = posixpath.join(folder, f"{tag}_{base}")
        n = 0
        while candidate in self._used_names:
            n += 1
            candidate = posixpath.join(folder, f"{tag}{n}_{base}")
        self._used_names.add(candidate)
        return candidate

    def add_part(self, name: str, data: bytes, content_type: str | None) -> None:
        self.parts[name] = data
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        if content_type and self.defaults.get(ext) != content_type:
            el = etree.SubElement(self.content_types, f"{{{CT}}}Override")
            el.set("PartName", "/" + name)
            el.set("ContentType", content_type)
            self.overrides[name] = content_type

    def add_doc_rel(self, rtype: str, target: str, external: bool) -> str:
        rid = self.new_rid()
        el = etree.SubElement(self.doc_rels, f"{{{PR}}}Relationship")
        el.set("Id", rid)
        el.set("Type", rtype)
        if external:
            el.set("Target", target)
            el.set("TargetMode", "External")
        else:
            el.set("Target", posixpath.relpath(target, "word"))
        return rid

    def write(self, out: Path) -> None:
        self.parts["[Content_Types].xml"] = etree.tostring(
            self.content_types, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        self.parts["word/document.xml"] = etree.tostring(
            self.doc, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        self.parts["word/_rels/document.xml.rels"] = etree.tostring(
            self.doc_rels, xml_declaration=True, encoding="UTF-8", standalone=True
        )

        def fill(fh: BinaryIO) -> None:
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                # [Content_Types].xml first, as Word writes it.
                zf.writestr("[Content_Types].xml", self.parts["[Content_Types].xml"])
                for name, data in self.parts.items():
                    if name != "[Content_Types].xml":
                        zf.writestr(name, data)

        write_atomic(out, fill)


def _content_type(pkg: _Package, name: str) -> str | None:
    if pkg.content_types is None:  # read once per package: every copied part asks
        root = pkg.xml("[Content_Types].xml")
        overrides: dict[str, str] = {}
        defaults: dict[str, str] = {}
        if root is not None:
            for o in root.iter(f"{{{CT}}}Override"):
                overrides.setdefault((o.get("PartName") or "").lstrip("/"), o.get("ContentType") or "")
            for d in root.iter(f"{{{CT}}}Default"):
                defaults.setdefault((d.get("Extension") or "").lower(), d.get("ContentType") or "")
        pkg.content_types = (overrides, defaults)
    overrides, defaults = pkg.content_types
    if name in overrides:
        return overrides[name] or None
    return defaults.get(posixpath.splitext(name)[1].lstrip(".").lower()) or None


def _copy_part(pkg: _Package, merged: _MergedPackage, name: str, tag: str, copied: dict[str, str]) -> str:
    """Copy one internal part (and, recursively, the parts it refers to); return its new name."""
    if name in copied:
        return copied[name]
    data = pkg.read(name)
    if data is None:
        raise MergeError(0, f"нет части {name}, на которую ссылается документ")
    if name.startswith("word/media/"):
        digest = hashlib.sha1(data).digest()
        same = merged.media.get(digest)
        if same is not None:
            copied[name] = same
            return same
    new_name = merged.unique_name(name, tag)
    copied[name] = new_name
    if name.startswith("word/media/"):
        merged.media[digest] = new_name
    rels_root = pkg.xml(_rels_name(name))
    if rels_root is not None:
        folder = posixpath.dirname(name)
        for rel in rels_root.iter(f"{{{PR}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target") or ""))
            if (rel.get("Type") or "") in _SINGLETON_TYPES:
                continue
            sub = _copy_part(pkg, merged, target, tag, copied)
            rel.set("Target", posixpath.relpath(sub, posixpath.dirname(new_name)))
        merged.parts[_rels_name(new_name)] = etree.tostring(
            rels_root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
    merged.add_part(new_name, data, _content_type(pkg, name))
    return new_name


def _empty_part(merged: _MergedPackage, kind: str) -> str:
    """An empty header or footer part, shared by every document that needs one; its rId."""
    cached = merged.empty_parts.get(kind)
    if cached is not None:
        return cached
    root = "hdr" if kind == "header" else "ftr"
    name = merged.unique_name(f"word/{kind}.xml", "aktEmpty")
    data = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{root} xmlns:w="{W}"><w:p/></w:{root}>'.encode()
    merged.add_part(name, data, _HEADER_CT if kind == "header" else _FOOTER_CT)
    rid = merged.add_doc_rel(RT + kind, name, external=False)
    merged.empty_parts[kind] = rid
    return rid


def _section_properties(body: etree._Element) -> list[etree._Element]:
    """Every sectPr of a body in order: those ending sections inside, then the body's own."""
    result = [p for p in body.iterfind(f"{_w('p')}/{_w('pPr')}/{_w('sectPr')}")]
    final = body.find(_w("sectPr"))
    if final is not None:
        result.append(final)
    return result


# Order of the children of w:sectPr in the schema, to insert new children where they belong.
_SECTPR_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]


def _sectpr_insert(sect: etree._Element, child: etree._Element) -> None:
    local = etree.QName(child).localname
    rank = _SECTPR_ORDER.index(local)
    for i, existing in enumerate(sect):
        name = etree.QName(existing).localname
        if name in _SECTPR_ORDER and _SECTPR_ORDER.index(name) > rank:
            sect.insert(i, child)
            return
    sect.append(child)


def _restart_numbering(merged: _MergedPackage, body: etree._Element) -> None:
    """Give the document's lists their own instances, restarting at their start values."""
    num_ids = {el.get(_w("val")) for el in body.iter(_w("numId"))} - {None, "0"}
    if not num_ids:
        return
    numbering_data = merged.parts.get("word/numbering.xml")
    if numbering_data is None:
        return
    numbering = merged.numbering
    if numbering is None:
        numbering = merged.numbering = etree.fromstring(numbering_data)
    nums = {n.get(_w("numId")): n for n in numbering.iter(_w("num"))}
    abstracts = {a.get(_w("abstractNumId")): a for a in numbering.iter(_w("abstractNum"))}
    next_id = max((int(k) for k in nums if k and k.isdigit()), default=0) + 1
    mapping: dict[str, str] = {}
    for old in sorted(n for n in num_ids if n):
        src = nums.get(old)
        if src is None:
            continue
        abstract_el = src.find(_w("abstractNumId"))
        abstract_id = abstract_el.get(_w("val")) if abstract_el is not None else None
        new = etree.SubElement(numbering, _w("num"))
        new.set(_w("numId"), str(next_id))
        a = etree.SubElement(new, _w("abstractNumId"))
        a.set(_w("val"), abstract_id or "0")
        abstract = abstracts.get(abstract_id)
        overrides = {o.get(_w("ilvl")): o for o in src.iter(_w("lvlOverride"))}
        for ilvl in range(9):
            lo = etree.SubElement(new, _w("lvlOverride"))
            lo.set(_w("ilvl"), str(ilvl))
            start = "1"
            src_override = overrides.get(str(ilvl))
            if src_override is not None:
                start_el = src_override.find(_w("startOverride"))
                if start_el is not None:
                    start = start_el.get(_w("val")) or "1"
            elif abstract is not None:
                for lvl in abstract.iter(_w("lvl")):
                    if lvl.get(_w("ilvl")) == str(ilvl):
                        start_el = lvl.find(_w("start"))
                        if start_el is not None:
                            start = start_el.get(_w("val")) or "1"
            so = etree.SubElement(lo, _w("startOverride"))
            so.set(_w("val"), start)
        mapping[old] = str(next_id)
        next_id += 1
    for el in body.iter(_w("numId")):
        val = el.get(_w("val"))
        if val in mapping:
            el.set(_w("val"), mapping[val])


def _first_paragraph(body: etree._Element) -> etree._Element:
    for p in body.iter(_w("p")):
        return p
    p = etree.Element(_w("p"))
    body.insert(0, p)
    return p


def _add_boundary_bookmark(body: etree._Element, name: str, bm_id: int) -> None:
    p = _first_paragraph(body)
    start = etree.Element(_w("bookmarkStart"))
    start.set(_w("id"), str(bm_id))
    start.set(_w("name"), name)
    end = etree.Element(_w("bookmarkEnd"))
    end.set(_w("id"), str(bm_id))
    ppr = p.find(_w("pPr"))
    pos = 0 if ppr is None else list(p).index(ppr) + 1
    p.insert(pos, start)
    p.insert(pos + 1, end)


def merge_docx(sources: Sequence[Path], out: Path) -> list[str]:
    """Merge ``sources`` (made from one template, see ``merge_key``) into ``out``.

    Returns the boundary bookmark names, one per source in order. Raises ``MergeError`` with
    the index of the source that cannot be read.
    """
    if not sources:
        raise ValueError("nothing to merge")
    packages: list[_Package] = []
    try:
        for i, src in enumerate(sources):
            try:
                packages.append(_open(src))
            except MergeError as exc:
                raise MergeError(i, exc.reason) from exc
        try:
            merged = _MergedPackage(packages[0])
        except (KeyError, etree.XMLSyntaxError) as exc:
            raise MergeError(0, _xml_problem(exc)) from exc
        out_body = merged.doc.find(_w("body"))
        if out_body is None:
            raise MergeError(0, "в документе нет тела (w:body)")
        names: list[str] = []
        next_bookmark_id = 1_900_000_000
        next_docpr_id = 1
        seen_hf: set[tuple[str, str]] = set()
        bodies: list[etree._Element] = []
        for i, pkg in enumerate(packages):
            try:
                body = out_body if i == 0 else _load_body(pkg, merged, i)
            except MergeError as exc:
                raise MergeError(i, exc.reason) from exc
            except (KeyError, etree.XMLSyntaxError) as exc:
                raise MergeError(i, _xml_problem(exc)) from exc
            # Bookmark ids must be unique in the merged file; ours come from a separate range.
            for el in body.iter(_w("bookmarkStart"), _w("bookmarkEnd")):
                old_id = el.get(_w("id")) or ""
                if i > 0 and old_id.isdigit():
                    el.set(_w("id"), str(i * 1_000_000 + int(old_id)))
            for el in body.iter(f"{{{WP}}}docPr"):
                el.set("id", str(next_docpr_id))
                next_docpr_id += 1
            name = bookmark_name(i)
            _add_boundary_bookmark(body, name, next_bookmark_id)
            next_bookmark_id += 1
            names.append(name)
            sections = _section_properties(body)
            if not sections:
                sect = etree.SubElement(body, _w("sectPr"))
                sections = [sect]
            first = sections[0]
            if i > 0:
                _restart_numbering(merged, body)
            # The first section of each document starts a new page numbered 1.
            type_el = first.find(_w("type"))
            if type_el is None:
                type_el = etree.Element(_w("type"))
                _sectpr_insert(first, type_el)
            type_el.set(_w("val"), "nextPage")
            pg = first.find(_w("pgNumType"))
            if pg is None:
                pg = etree.Element(_w("pgNumType"))
                _sectpr_insert(first, pg)
            if pg.get(_w("start")) is None:
                pg.set(_w("start"), "1")
            # Without its own header of a kind, a section inherits the previous one's.
            for kind in ("header", "footer"):
                present = {ref.get(_w("type")) for ref in first.iter(_w(f"{kind}Reference"))}
                for hf_type in _HF_TYPES:
                    if hf_type in present:
                        seen_hf.add((kind, hf_type))
                    elif (kind, hf_type) in seen_hf:
                        ref = etree.Element(_w(f"{kind}Reference"))
                        ref.set(_w("type"), hf_type)
                        ref.set(f"{{{R}}}id", _empty_part(merged, kind))
                        _sectpr_insert(first, ref)
                for sect in sections[1:]:
                    for ref in sect.iter(_w(f"{kind}Reference")):
                        seen_hf.add((kind, ref.get(_w("type")) or "default"))
            bodies.append(body)
        # Each document's last section ends with a section break in a paragraph of its own,
        # except the last document's, which stays the body's final sectPr.
        final_sect = out_body.find(_w("sectPr"))
        if final_sect is not None:
            out_body.remove(final_sect)
        for i, body in enumerate(bodies):
            last = i == len(bodies) - 1
            own_final = body.find(_w("sectPr")) if i > 0 else final_sect
            if i > 0:
                if own_final is not None:
                    body.remove(own_final)
                for child in list(body):
                    out_body.append(child)
            if own_final is None:
                own_final = etree.Element(_w("sectPr"))
            if last:
                out_body.append(own_final)
            else:
                p = etree.SubElement(out_body, _w("p"))
                ppr = etree.SubElement(p, _w("pPr"))
                ppr.append(own_final)
        if merged.numbering is not None:
            # New w:num elements were appended at the end, after every w:abstractNum, as the schema wants.
            merged.parts["word/numbering.xml"] = etree.tostring(
                merged.numbering, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        merged.write(out)
        return names
    finally:
        for pkg in packages:
            pkg.zf.close()


# Elements with an attribute in the relationships namespace (r:id, r:embed, r:link, …).
_REFERRING_XPATH = etree.XPath(f".//*[@*[namespace-uri()='{R}']]")


def _referring(body: etree._Element) -> list[etree._Element]:
    return cast(list[etree._Element], _REFERRING_XPATH(body))


def _load_body(pkg: _Package, merged: _MergedPackage, index: int) -> etree._Element:
    """The body of a later document, its relationships re-pointed into the merged package."""
    doc = pkg.xml("word/document.xml")
    body = doc.find(_w("body")) if doc is not None else None
    if body is None:
        raise MergeError(index, "в документе нет тела (w:body)")
    rels = _rels(pkg, "word/document.xml")
    tag = f"m{index}"
    copied: dict[str, str] = {}
    rid_map: dict[str, str] = {}
    for el in _referring(body):  # the few elements that refer to a relationship, found in C
        for raw_attr, raw_value in el.attrib.items():
            attr, value = str(raw_attr), str(raw_value)
            if not attr.startswith(f"{{{R}}}"):
                continue
            if value not in rid_map:
                rel = rels.get(value)
                if rel is None:
                    raise MergeError(index, f"ссылка {value} не найдена в связях документа")
                if rel.external:
                    rid_map[value] = merged.add_doc_rel(rel.type, rel.target, external=True)
                else:
                    new_name = _copy_part(pkg, merged, rel.target, tag, copied)
                    rid_map[value] = merged.add_doc_rel(rel.type, new_name, external=False)
            el.set(attr, rid_map[value])
    return body


@dataclass
class Mergeable:
    """How ``merge_mergeable`` split a batch: the merged documents with their bookmarks, in order,
    and those to convert alone."""

    merged: list[tuple[Path, str]]
    alone: list[Path]


def merge_mergeable(sources: Sequence[Path], out: Path, *, checked: bool = False) -> Mergeable:
    """Merge into ``out`` those of ``sources`` that can share one file (readable, no blocker, the
    same shared parts as the first of them); the others are left to be converted alone.
    ``checked``: the caller knows they all can (rendered from one form that merges as it is):
    none is inspected, and one that cannot be read is still left alone.

    ``out`` is written only when two or more documents merge. Raises ``OSError`` when it cannot be.
    """
    alone: list[Path] = []
    mergeable: list[Path] = list(sources) if checked else []
    key: str | None = None
    for source in [] if checked else sources:
        inspection = inspect_docx(source)
        source_key = merge_key(source) if inspection.problem is None and inspection.blocker is None else None
        if source_key is not None and key in (None, source_key):
            key = source_key
            mergeable.append(source)
        else:
            alone.append(source)
    while len(mergeable) > 1:
        try:
            names = merge_docx(mergeable, out)
        except MergeError as exc:
            alone.append(mergeable.pop(exc.index))
            continue
        return Mergeable(list(zip(mergeable, names, strict=True)), sorted(alone, key=list(sources).index))
    return Mergeable([], sorted([*mergeable, *alone], key=list(sources).index))
