"""What kind of document is this? Decided from the bytes, the name only breaks ties.

A directory of crawled files rarely has honest extensions (``index``, ``page.php``,
``feed``), so the first few kilobytes decide. Kinds: gzip, warc, xml (feeds and other
XML), html, jsonl, json, text, binary, empty.
"""

from __future__ import annotations

import codecs
import json
import re

HEAD_BYTES = 8192

# Magic numbers of common binary formats, named in the error so the user knows what it was.
_MAGIC = [
    (b"%PDF-", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"), (b"\x7fELF", "ELF executable"), (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf", "7-Zip archive"), (b"RIFF", "RIFF media"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"), (b"SQLite format 3", "SQLite database"),
]
_HTML_START = re.compile(r"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(r"<(?:html|head|body|article|div|p|meta|title)\b[^>]*>", re.IGNORECASE)
_XML_START = re.compile(r"^(?:<\?xml|<!doctype\s+(?!html)|<(?:rss|feed|rdf:rdf)\b)", re.IGNORECASE)
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
    if any(head.startswith(bom) for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05


def _peek_text(head: bytes) -> str:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="replace")
    return head.decode("utf-8", errors="replace")


def _is_json_object_line(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def sniff(head: bytes, name: str = "", content_type: str = "") -> str:
    """Classify a document from its first bytes (``HEAD_BYTES`` is enough)."""
    if not head.strip():
        return "empty"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if binary_format(head) or looks_binary(head):
        return "binary"
    text = _peek_text(head).lstrip()
    if _HTML_START.match(text):
        return "html"
    if _XML_START.match(text):
        # XHTML carries an XML declaration too
        return "html" if re.search(r"<html\b", text[:2000], re.IGNORECASE) and "<rss" not in text[:2000] else "xml"
    if text.startswith("{"):
        first = text.split("\n", 1)[0]
        if _is_json_object_line(first):
            return "jsonl"
        return "json"
    if text.startswith("["):
        return "json"
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype.endswith("xml"):
        return "xml"
    # the extension only breaks a tie: a ".html" file must still contain some markup
    tags = len(_HTML_TAGS.findall(text[:4096]))
    if tags >= 3 or (tags and name.lower().endswith((".html", ".htm", ".xhtml"))):
        return "html"
    return "text"
