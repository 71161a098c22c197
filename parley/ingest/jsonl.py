"""JSONL (one article object per line) and JSON (an object or a list of objects).

Recognised keys (first present wins): text/body/content/article, html, title/headline,
url/link, published/date/published_at/datePublished, source/site/publisher,
byline/author/authors, language/lang. A bad line is one problem; the file goes on.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from parley.errors import EmptyDocument, IngestError, MalformedRecord, TooLarge
from parley.ingest.build import Outcome, problem_from_error, unexpected_problem
from parley.ingest.decode import decode_bytes
from parley.ingest.options import IngestOptions

_KEYS = {
    "text": ("text", "body", "content", "article"),
    "html": ("html",),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "datePublished", "pubDate"),
    "source": ("source", "site", "publisher"),
    "byline": ("byline", "author", "authors"),
    "language": ("language", "lang"),
}


def _pick(obj: dict[str, Any], field: str) -> Any:
    for key in _KEYS[field]:
        value = obj.get(key)
        if value not in (None, "", []):
            if isinstance(value, list):
                return "; ".join(str(v) for v in value)
            if isinstance(value, dict):  # {"name": ...} as schema.org writes authors/publishers
                return value.get("name")
            return value
    return None


def record_outcome(obj: Any, origin: str, options: IngestOptions) -> Outcome:
    from parley.ingest.html import read_html
    from parley.ingest.text import read_text

    if not isinstance(obj, dict):
        raise MalformedRecord(f"record is a JSON {type(obj).__name__}, not an object")
    meta = {f: _pick(obj, f) for f in ("title", "url", "published", "source", "byline", "language")}
    meta = {k: v for k, v in meta.items() if v is not None}
    text, html = _pick(obj, "text"), _pick(obj, "html")
    if isinstance(text, str) and text.strip():
        return read_text(text, origin=origin, options=options, origin_kind="jsonl", defaults=meta)
    if isinstance(html, str) and html.strip():
        return read_html(html, origin=origin, options=options, origin_kind="jsonl", url=meta.get("url"),
                         overrides={**meta, "published_rule": "metadata"})
    raise MalformedRecord("record has no text (keys text, body, content, article) and no html")


def _guarded(obj: Any, origin: str, options: IngestOptions) -> Outcome:
    try:
        return record_outcome(obj, origin, options)
    except IngestError as exc:
        return problem_from_error(origin, exc)
    except Exception as exc:
        return unexpected_problem(origin, exc, "parse")


def read_jsonl(lines: Iterable[bytes], *, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    for number, raw in enumerate(lines, start=1):
        line_origin = f"{origin}:{number}"
        if not raw.strip():
            continue
        if len(raw) > options.max_bytes:
            yield problem_from_error(line_origin, TooLarge(f"line over the {options.max_bytes}-byte cap"))
            continue
        try:
            obj = loads(decode_bytes(raw).text, f"line {number}")
        except IngestError as exc:
            yield problem_from_error(line_origin, exc)
            continue
        yield _guarded(obj, line_origin, options)


def loads(text: str, what: str = "document") -> Any:
    """``json.loads`` with every way it can refuse a text turned into ``MalformedRecord``:
    invalid JSON, an integer over Python's digit limit, nesting deeper than the stack."""
    try:
        return json.loads(text)
    except RecursionError:
        raise MalformedRecord(f"{what} is nested too deeply to read") from None
    except ValueError as exc:
        if "digits" in str(exc):
            raise MalformedRecord(f"{what} holds a number too long to read ({str(exc)[:80]})") from None
        raise MalformedRecord(f"{what} is not valid JSON: {exc}") from None


def read_json(data: bytes, *, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    """A whole JSON document; a file that turns out to hold several values is JSONL."""
    text = decode_bytes(data).text
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        # several values, or a bad first line of a JSONL file: one problem per bad line
        lines = text.split("\n")  # not splitlines(): U+2028 may sit inside a JSON string
        if exc.msg == "Extra data" or sum(1 for line in lines if line.strip()) > 1:
            yield from read_jsonl((line.encode("utf-8") for line in lines), origin=origin, options=options)
            return
        raise MalformedRecord(f"not valid JSON: {exc}") from exc
    except (ValueError, RecursionError):
        value = loads(text)  # raises the specific MalformedRecord
    if isinstance(value, list) and not value:
        raise EmptyDocument("JSON list holds no records")
    if isinstance(value, list):
        for number, obj in enumerate(value, start=1):
            yield _guarded(obj, f"{origin}#{number}", options)
    else:
        yield _guarded(value, origin, options)
