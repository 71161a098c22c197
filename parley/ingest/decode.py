"""Bytes to text: the encoding is never guessed silently.

Order: a byte-order mark; then the encoding the document declares (HTTP header, HTML
meta, XML declaration); then UTF-8; then, for bytes that are not UTF-8 at all, a
detected legacy encoding (recorded as a warning). Bytes that are partly valid UTF-8 and
partly something else are refused (E115): any single decoding would corrupt part of the
text, and offsets into a corrupted text are worthless.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from parley.errors import MixedEncoding, UndecodableText

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# WHATWG encoding labels: browsers read these labels as the wider encoding, and so
# must we, or real pages that say "gb2312" but use GBK characters fail.
_LABEL_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252",
    "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "iso-8859-9": "cp1254", "tis-620": "cp874", "shift-jis": "cp932", "shift_jis": "cp932",
    "sjis": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "big5": "big5hkscs",
}
# A valid UTF-8 multi-byte sequence (2 to 4 bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Above this share of chaotic characters a detected decoding is not readable text.
MAX_CHAOS = 0.2


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def normalise_label(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _first_bad_byte(data: bytes, encoding: str) -> str:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    return "no bad byte"


def decode_bytes(data: bytes, declared: str | None = None, *, strict_declared: bool = False) -> DecodedText:
    """Decode a document. ``strict_declared`` makes a wrong declared encoding an error
    (XML, where the declaration is binding); otherwise it is a warning and detection
    takes over (HTML in the wild often declares the wrong charset)."""
    bom = _bom(data)
    if bom:
        name, skip = bom
        try:
            return DecodedText(data[skip:].decode(name), name)
        except UnicodeDecodeError as exc:
            raise UndecodableText(f"wrong encoding: the byte-order mark says {name} but the bytes are not",
                                  detail=_first_bad_byte(data[skip:], name)) from exc
    warnings: list[str] = []
    label = normalise_label(declared)
    if declared and label is None:
        warnings.append(f"unknown declared encoding {declared!r} ignored")
    if label and strict_declared:
        try:
            return DecodedText(data.decode(label), label, warnings)
        except UnicodeDecodeError:
            raise UndecodableText(f"wrong encoding: declared {declared} but the bytes are not {label}",
                                  detail=_first_bad_byte(data, label)) from None
    # Valid UTF-8 beyond ASCII almost never happens by accident in a legacy encoding, so it
    # wins over a declaration (pages saying iso-8859-1 while serving UTF-8 are common).
    try:
        text = data.decode("utf-8")
        if label and label != "utf-8" and not text.isascii():
            warnings.append(f"declared {declared} but the bytes are UTF-8; read as UTF-8")
        return DecodedText(text, "utf-8", warnings)
    except UnicodeDecodeError as exc:
        bad = exc.start
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # a cut-off document (truncated record or download) ends mid-character
            try:
                text = data[: exc.start].decode("utf-8")
                return DecodedText(text, "utf-8", warnings + ["incomplete character at the end dropped"])
            except UnicodeDecodeError:
                pass
    if label and label != "utf-8":
        try:
            return DecodedText(data.decode(label), label, warnings)
        except UnicodeDecodeError:
            warnings.append(f"declared encoding {declared} does not match the bytes ({_first_bad_byte(data, label)})")
    # Two or more valid UTF-8 sequences: one can occur by chance in cp1252 ("ß" + "”").
    if len(_UTF8_MULTIBYTE.findall(data, 0, 1 << 20)) >= 2:
        raise MixedEncoding(
            "mixed encodings: valid UTF-8 sequences and bytes that are not UTF-8 in one document",
            detail=f"first non-UTF-8 byte 0x{data[bad]:02x} at offset {bad}",
        )
    return _detect(data, warnings)


def _detect(data: bytes, warnings: list[str]) -> DecodedText:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise UndecodableText("wrong encoding: not UTF-8 and no encoding gives readable text")
    warnings.append(f"not UTF-8; decoded as {best.encoding} (detected)")
    return DecodedText(str(best), best.encoding, warnings)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_html_charset(data: bytes, content_type: str = "") -> str | None:
    """The charset an HTML page declares: the HTTP header wins over ``<meta>``."""
    m = _HEADER_CHARSET.search(content_type or "")
    if m:
        return m.group(1)
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def declared_xml_encoding(data: bytes) -> str:
    """XML without a declaration (and without a BOM) is UTF-8 by the XML spec."""
    m = _XML_ENCODING.match(data[:200])
    return m.group(1).decode("ascii") if m else "utf-8"
