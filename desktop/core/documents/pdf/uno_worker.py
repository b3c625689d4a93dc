"""LibreOffice conversion worker: runs under a Python that has UNO, one per soffice process.

Not imported by the application: ``libreoffice.UnoPool`` starts it as
``<python with uno> uno_worker.py --pipe NAME`` next to a headless soffice listening on that
pipe (Debian/Ubuntu: the ``python3-uno`` package; Windows and macOS: the Python shipped inside
LibreOffice). It talks JSON lines: one request on stdin, one reply on stdout.

Request: ``{"id": 1, "src": "/abs/in.docx", "pdf": "/abs/out.pdf",
"starts": ["Bookmark1", ...], "ranges": [["/abs/part1.pdf", "1-2"], ...]}``; ``starts`` and
``ranges`` are optional. The worker loads the document hidden, exports it to ``pdf`` (if given)
and to each ``ranges`` file (a page range of the same layout), and replies
``{"id": 1, "ok": true, "pages": 14, "starts": {"Bookmark1": 1, ...}}`` with 1-based page
numbers where each requested bookmark lies, or ``{"id": 1, "ok": false, "error": "..."}``.
``{"op": "ping"}`` answers ``{"ok": true}`` once LibreOffice is reachable.

Keep this file importable by any Python 3.8+ (annotations are strings) with no third-party package other than uno.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _pv(name: str, value: Any) -> Any:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _connect(pipe: str, timeout: float) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def _filter(options: dict[str, Any], page_range: str | None) -> tuple[Any, ...]:
    data = [_pv(name, value) for name, value in options.items()]
    if page_range:
        data.append(_pv("PageRange", page_range))
    return (
        _pv("FilterName", "writer_pdf_Export"),
        _pv("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", tuple(data))),
        _pv("Overwrite", True),
    )


def _convert(desktop: Any, req: dict[str, Any]) -> dict[str, Any]:
    url = uno.systemPathToFileUrl(req["src"])
    load: tuple[Any, ...] = (
        _pv("Hidden", True),
        _pv("ReadOnly", True),
        _pv("UpdateDocMode", 0),  # never update links
        _pv("MacroExecutionMode", 0),  # never run macros
    )
    if req.get("filter"):
        # A fixed import filter: type detection would open a broken DOCX as plain text.
        load += (_pv("FilterName", req["filter"]),)
    doc = desktop.loadComponentFromURL(url, "_blank", 0, load)
    if doc is None:
        raise RuntimeError("LibreOffice не смог открыть файл")
    try:
        if not doc.supportsService("com.sun.star.text.TextDocument"):
            raise RuntimeError("файл открылся не как текстовый документ")
        starts = {}
        wanted = req.get("starts") or []
        pages = None
        if wanted:
            # Layout pages, blank pages LibreOffice inserts included (not the PDF's page numbers).
            controller = doc.getCurrentController()
            pages = controller.getPropertyValue("PageCount")
            bookmarks = doc.getBookmarks()
            cursor = controller.getViewCursor()
            for name in wanted:
                if bookmarks.hasByName(name):
                    cursor.gotoRange(bookmarks.getByName(name).getAnchor(), False)
                    starts[name] = cursor.getPage()
        if req.get("pdf"):
            doc.storeToURL(uno.systemPathToFileUrl(req["pdf"]), _filter(req.get("filter_data") or {}, None))
        for path, page_range in req.get("ranges") or []:
            doc.storeToURL(uno.systemPathToFileUrl(path), _filter(req.get("filter_data") or {}, page_range))
        return {"ok": True, "pages": pages, "starts": starts}
    finally:
        try:
            doc.close(True)
        except Exception:
            doc.dispose()


def _bridge_lost(exc: BaseException) -> bool:
    name = type(exc).__name__
    text = str(getattr(exc, "Message", "") or exc)
    return name == "DisposedException" or ("bridge" in text.lower() and "dispos" in text.lower())


def main() -> None:
    args = sys.argv[1:]
    pipe = args[args.index("--pipe") + 1]
    timeout = float(args[args.index("--connect-timeout") + 1]) if "--connect-timeout" in args else 60.0
    # Our replies go to the original stdout; anything LibreOffice or UNO prints goes to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    desktop = _connect(pipe, timeout)
    out.write(json.dumps({"ok": True, "ready": True, "pid": os.getpid()}) + "\n")
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        if req.get("op") == "quit":
            try:
                desktop.terminate()
            except Exception:
                pass
            break
        reply: dict[str, Any]
        if req.get("op") == "ping":
            reply = {"ok": True}
        else:
            try:
                reply = _convert(desktop, req)
            except Exception as exc:
                message = getattr(exc, "Message", "") or str(exc) or type(exc).__name__
                reply = {"ok": False, "error": message, "trace": traceback.format_exc(limit=3)}
                if _bridge_lost(exc):
                    # soffice is gone: say so and exit, the pool restarts us with a new one.
                    reply["fatal"] = True
                    reply["id"] = req.get("id")
                    out.write(json.dumps(reply, ensure_ascii=False) + "\n")
                    sys.exit(3)
        reply["id"] = req.get("id")
        out.write(json.dumps(reply, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
