"""Real PDF files for the scan tests: a valid page, one cut short, one that only starts with %PDF,
and one protected by a password (the standard security handler, RC4 40-bit, as the PDF reference
describes it: algorithms 3.2–3.5 of PDF 1.7), checked by opening them with pypdfium2."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pypdfium2 as pdfium

# The padding string of the standard security handler (PDF 1.7, 7.6.3.3).
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def one_page_pdf(note: str = "") -> bytes:
    """A valid one-page PDF (an empty A4 page); ``note`` is kept as a comment, making files distinct."""
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue() + (f"% {note}\n".encode() if note else b"")


def truncated_pdf(data: bytes | None = None) -> bytes:
    """The first half of a real PDF: what an interrupted copy or download leaves."""
    data = data or one_page_pdf()
    return data[: len(data) // 2]


FAKE_PDF = b"%PDF-1.4\n% only the signature of a PDF\n%%EOF\n"


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _pad(password: str) -> bytes:
    return (password.encode("latin-1") + PAD)[:32]


def encrypted_pdf(user_password: str = "secret", owner_password: str = "owner") -> bytes:
    """A one-page PDF that opens only with ``user_password`` (revision 2, 40-bit RC4)."""
    file_id = hashlib.md5(b"aktdesk test").digest()
    permissions = -4  # everything allowed
    owner = _rc4(hashlib.md5(_pad(owner_password)).digest()[:5], _pad(user_password))
    key = hashlib.md5(
        _pad(user_password) + owner + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]
    user = _rc4(key, PAD)

    def encrypt(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()
        return _rc4(object_key[:10], data)

    content = encrypt(4, b"BT /F1 24 Tf 72 720 Td (Signed act) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + owner.hex().encode()
        + b"> /U <"
        + user.hex().encode()
        + b"> /P %d >>" % permissions,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
        xref,
    )
    return bytes(out)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
