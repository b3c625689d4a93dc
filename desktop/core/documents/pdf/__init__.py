"""PDF backends for the document engine: MS Word (docx2pdf) or a LibreOffice process pool.

Use ``detect_backend(settings.pdf_converter)`` and keep the backend open for a whole run
(a context manager): its LibreOffice processes are started once and reused. Feed it
``BatchItem`` lists with ``submit()`` while rendering the next batch; each document gets
its own PDF, written atomically, equal to what converting the document alone gives.
"""

from desktop.core.documents.pdf.base import (
    BatchItem,
    ConversionError,
    DocPart,
    PdfBackend,
    PdfResult,
    raise_first_error,
)
from desktop.core.documents.pdf.detect import detect_backend
from desktop.core.documents.pdf.docxmerge import merge_docx
from desktop.core.documents.pdf.libreoffice import LibreOfficeBackend, find_soffice, find_uno_python
from desktop.core.documents.pdf.pdfutil import merge_pdfs, page_count, page_texts, split_pdf
from desktop.core.documents.pdf.word import WordBackend, word_available

__all__ = [
    "BatchItem",
    "ConversionError",
    "DocPart",
    "LibreOfficeBackend",
    "PdfBackend",
    "PdfResult",
    "WordBackend",
    "detect_backend",
    "find_soffice",
    "find_uno_python",
    "merge_docx",
    "merge_pdfs",
    "page_count",
    "page_texts",
    "raise_first_error",
    "split_pdf",
    "word_available",
]
