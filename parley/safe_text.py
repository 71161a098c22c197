"""Text that is safe to store and to show.

Three jobs, one module:

- ``valid_text``: a ``str`` that encodes as UTF-8 (lone surrogates, which JSON escapes such
  as ``"\\ud800"`` produce, become U+FFFD), so one bad field never fails a store write.
- ``safe_origin``: a file name or URL for the ``origin`` column; bytes that were not
  UTF-8 in the file system name (Python keeps them as surrogate escapes) are kept as
  visible ``\\xNN`` escapes, so the origin still says which file it was.
- ``visible``: stored text on its way to a terminal: escape sequences, other control
  characters and bidirectional overrides become visible placeholders, so article text
  never moves the cursor, sets a window title or reorders what the user reads. (Rich
  markup is never parsed in stored text: callers print it as ``rich.text.Text``.)
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi controls
# (embeddings, overrides, isolates, marks) that can make text read differently than stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PICTURES = {**{chr(c): chr(0x2400 + c) for c in range(0x20)}, "\x7f": "\u2421"}


def valid_text(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD (fast path: no surrogate)."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)


def safe_origin(value: str) -> str:
    """An origin (path, URL, record id) as valid UTF-8: undecodable file-name bytes as
    ``\\xNN``, any other lone surrogate as ``\\udNNN``."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        value = _ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", value)
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def safe_value(value):
    """``valid_text`` for strings, anything else unchanged (for row parameters)."""
    return valid_text(value) if isinstance(value, str) else value


def visible(value: str, *, same_length: bool = False) -> str:
    """Stored text made harmless for a terminal. Controls become their Unicode control
    pictures (ESC shows as U+241B); bidi controls become ``<U+202E>``, or U+FFFD when
    ``same_length`` (highlighted text whose character offsets must not move)."""
    value = valid_text(value)
    if not _UNSAFE.search(value):
        return value

    def one(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in _PICTURES:
            return _PICTURES[ch]
        return "\ufffd" if same_length else f"<U+{ord(ch):04X}>"

    return _UNSAFE.sub(one, value)
