"""What kind of document is this? Decided from the bytes, the name only breaks ties.

A directory of crawled files rarely has honest extensions (``index``, ``page.php``,
``feed``), so the first few kilobytes decide. Kinds: gzip, warc, xml (feeds and other
XML), html, jsonl (a document opening with ``{``: JSONL, or one pretty-printed object),
json, text, binary, empty. A structured kind found in a file named as text (``.txt``)
is only a first guess: the reader falls back to text when the structure does not parse.

Everything here is linear in the head's size: no regular expression that can backtrack
is run on untrusted text (comments are skipped with ``str.find``, tag patterns are
bounded).
"""

from __future__ import annotations

import codecs
import re

from parley.ingest.decode import bomless_unicode

HEAD_BYTES = 8192

# Magic numbers of common binary formats, named in the error so the user knows what it was.
_MAGIC = [
    (b"%PDF-", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"), (b"\x7fELF", "ELF executable"), (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf", "7-Zip archive"), (b"RIFF", "RIFF media"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"), (b"SQLite format 3", "SQLite database"),
]
_HTML_OPEN = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:html|head|body|article|div|p|meta|title)\b[^<>]{0,1000}>", re.IGNORECASE)
TEXT_EXTENSIONS = {".txt", ".text", ".md"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}


def extension(name: str) -> str:
    """The lower-case extension, ignoring a trailing ``.gz``."""
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def _after_comments(text: str) -> int | None:
    """Offset just past leading whitespace and ``<!-- -->`` comments (None: unclosed)."""
    i, n = 0, len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if not text.startswith("<!--", i):
            return i
        end = text.find("-->", i + 4)
        if end < 0:
            return None
        i = end + 3
_XML_START = re.compile(r"^(?:<\?xml|<!doctype\s+(?!html)|<(?:rss|feed|rdf:rdf)\b)", re.IGNORECASE)
MIN_CONTROL_BYTES = 4  # one stray control byte in a tiny file is not evidence of binary
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def binary_format(head: bytes) -> str | None:
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters (UTF-16/32 text carries a BOM, checked first)."""
    if not head:
        return False
    if any(head.startswith(bom) for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False
    if bomless_unicode(head):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls >= MIN_CONTROL_BYTES and controls / len(head) > 0.05


def _peek_text(head: bytes) -> str:
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="replace")
    bare = bomless_unicode(head)
    return head.decode(bare or "utf-8", errors="replace")


def sniff(head: bytes, name: str = "", content_type: str = "") -> str:
    """Classify a document from its first bytes (``HEAD_BYTES`` is enough)."""
    if not head.strip():
        return "empty"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if binary_format(head):
        return "binary"
    if head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{"):
        return "jsonl"  # read line by line: a line of junk (a NUL, control bytes) is one problem
    if looks_binary(head):
        return "binary"
    text = _peek_text(head).lstrip()
    start = _after_comments(text)
    if start is not None and _HTML_OPEN.match(text, start):
        return "html"
    if _XML_START.match(text):
        # XHTML carries an XML declaration too
        return "html" if re.search(r"<html\b", text[:2000], re.IGNORECASE) and "<rss" not in text[:2000] else "xml"
    if text.startswith("{"):
        return "jsonl"  # read line by line; a first line that is not an object means one document
    if text.startswith("["):
        return "json"
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype.endswith("xml"):
        return "xml"
    # the extension only breaks a tie: a ".html" file must still contain some markup
    tags = len(_HTML_TAGS.findall(text[:4096]))
    if tags >= 3 or (tags and extension(name) in HTML_EXTENSIONS):
        return "html"
    return "text"
