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
# Share of the non-ASCII bytes that valid UTF-8 sequences must cover to call a text mixed.
MIXED_UTF8_SHARE = 0.5


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


def bomless_unicode(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero (or constant
    high) bytes fall: Latin text in UTF-16LE has a zero at every odd offset, UTF-32 has
    three zeros per character. Returns the codec name, or None."""
    sample = head[:4096]
    n = len(sample) - len(sample) % 4
    if n < 8:
        return None
    sample = sample[:n]
    quarter = n // 4
    zeros = [sample[k::4].count(0) / quarter for k in range(4)]
    if zeros[2] > 0.95 and zeros[3] > 0.95 and zeros[0] < 0.5:
        return "utf-32-le"
    if zeros[0] > 0.95 and zeros[1] > 0.95 and zeros[3] < 0.5:
        return "utf-32-be"
    even, odd = sample[0::2], sample[1::2]
    for high, low, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        top = max(set(high[:512]), key=high.count)
        share = high.count(top) / len(high)
        if top < 0x20 and share > 0.7 and low.count(top) / len(low) < 0.3:
            try:
                sample.decode(name)
            except UnicodeDecodeError:
                continue
            return name
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
    bare = bomless_unicode(data)
    if bare:
        try:
            return DecodedText(data[: len(data) - len(data) % (4 if "32" in bare else 2)].decode(bare), bare,
                               [f"no byte-order mark; read as {bare} (zero-byte pattern)"])
        except UnicodeDecodeError:
            pass
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
    # Valid UTF-8 sequences covering most non-ASCII bytes, beside bytes that are not UTF-8:
    # mixed. A few chance sequences among many (Shift-JIS, GBK text) are just a legacy
    # encoding, and one can occur by chance in cp1252 ("ß" + "”").
    window = data[: 1 << 20]
    utf8 = _UTF8_MULTIBYTE.findall(window)
    high = len(window) - len(window.translate(None, bytes(range(0x80, 0x100))))
    if len(utf8) >= 2 and sum(map(len, utf8)) >= MIXED_UTF8_SHARE * high:
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
    meta = _META_CHARSET.search(data[:4096])
    return meta.group(1).decode("ascii") if meta else None


def declared_xml_encoding(data: bytes) -> str:
    """XML without a declaration (and without a BOM) is UTF-8 by the XML spec."""
    m = _XML_ENCODING.match(data[:200])
    return m.group(1).decode("ascii") if m else "utf-8"
