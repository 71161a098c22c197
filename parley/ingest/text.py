"""Plain-text articles: optional front matter, a headline line, captions kept out.

Front matter is a block of ``key: value`` lines between ``---`` lines at the very top
(title, url, published, source, byline, language). It is read line by line rather
than as YAML, because a headline such as ``title: Talks resume: envoys meet`` is not
valid YAML but is exactly what a user writes.
"""

from __future__ import annotations

import re
from pathlib import Path

from parley.errors import EmptyDocument
from parley.ingest.build import Outcome, article_from_text, raise_for_problem
from parley.ingest.clean import clean_line, split_paragraphs
from parley.ingest.dates import parse_date
from parley.ingest.options import IngestOptions
from parley.records import Article, IngestProblem

FRONT_MATTER_KEYS = {
    "title": "title", "headline": "title", "url": "url", "link": "url", "published": "published",
    "date": "published", "source": "source", "site": "source", "publisher": "source",
    "byline": "byline", "author": "byline", "language": "language", "lang": "language",
}
_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")
# linear: the value is stripped after the match (``\s*(.*?)\s*$`` backtracks quadratically
# on a long run of spaces inside a value)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:(.*)$")
MAX_FRONT_MATTER_LINES = 40

# Caption and credit lines: "…in Miami. Image courtesy: X.com/…", "Photo: Reuters",
# "(Photo by A. Name/AFP via Getty Images)". The marker must open the paragraph or close
# it (a short credit tail), so a sentence that merely mentions a photo stays.
_CREDIT_WORDS = r"(?:image|photo|photograph|picture|video|graphic|illustration|file photo)s?"
_CREDIT_MARK = rf"(?:{_CREDIT_WORDS}(?:\s+(?:courtesy|credits?|source|by))?|courtesy|credits?)\s*:"
_CAPTION_START = re.compile(rf"^\(?{_CREDIT_MARK}", re.IGNORECASE)
_CAPTION_TAIL = re.compile(rf"(?:^|[.!?)\]”\"]\s+|\s[-–—|/]\s*){_CREDIT_MARK}\s*\S(?:(?![.!?]\s).){{0,80}}$",
                           re.IGNORECASE)
_CREDIT_PAREN = re.compile(rf"\(\s*{_CREDIT_WORDS}\s+(?:by|courtesy|credit)\b[^)]*\)\s*$", re.IGNORECASE)
MAX_CAPTION_CHARS = 400

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30


def split_front_matter(text: str) -> tuple[dict[str, str], str, list[str]]:
    """Return (fields, body, warnings). Text without a leading ``---`` has no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, []
    fields: dict[str, str] = {}
    warnings: list[str] = []
    for i, line in enumerate(lines[1:MAX_FRONT_MATTER_LINES + 1], start=1):
        if _FENCE.match(line):
            return fields, "\n".join(lines[i + 1:]), warnings
        m = _KEY_VALUE.match(line)
        if not m:
            if line.strip():
                warnings.append(f"front matter line ignored: {line.strip()[:60]!r}")
            continue
        key, value = m.group(1).lower(), m.group(2).strip().strip("\"'")
        if key in FRONT_MATTER_KEYS:
            fields[FRONT_MATTER_KEYS[key]] = value
        else:
            warnings.append(f"front matter key {key!r} ignored")
    # no closing fence: the '---' was a rule in the text, not front matter
    return {}, text, []


def is_caption(paragraph: str) -> bool:
    if len(paragraph) > MAX_CAPTION_CHARS:
        return False
    return bool(_CAPTION_START.match(paragraph) or _CAPTION_TAIL.search(paragraph) or _CREDIT_PAREN.search(paragraph))


def looks_like_headline(line: str) -> bool:
    """A headline is short and is not a sentence: it does not end with a full stop,
    comma, colon or semicolon (it may end with '?', '!' or a closing quote)."""
    words = line.split()
    if not (2 <= len(words) <= MAX_HEADLINE_WORDS) or len(line) > MAX_HEADLINE_CHARS:
        return False
    if line.endswith(("...", "…")):
        return True
    return not line.endswith((".", ",", ";", ":"))


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def text_parts(body: str, title: str | None) -> tuple[str | None, list[str], list[str]]:
    """Split a plain-text body into (title, paragraphs, warnings)."""
    paragraphs = split_paragraphs(body)
    warnings: list[str] = []
    if paragraphs and title and _same_text(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the headline repeated under the front matter
    elif paragraphs and title is None and len(paragraphs) > 1 and looks_like_headline(paragraphs[0]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    kept = [p for p in paragraphs if not is_caption(p)]
    if len(kept) < len(paragraphs):
        warnings.append(f"{len(paragraphs) - len(kept)} caption/credit line(s) kept out of the body")
    return title, kept, warnings


def read_text(
    text: str,
    *,
    origin: str,
    options: IngestOptions,
    origin_kind: str = "text",
    warnings: list[str] | None = None,
    defaults: dict[str, object] | None = None,
) -> Outcome:
    """One plain-text article. ``defaults`` supplies metadata from an outer record
    (a JSONL object) that front matter in the text may override."""
    fields, body, fm_warnings = split_front_matter(text.lstrip("\ufeff"))
    meta: dict[str, object] = {**(defaults or {}), **fields}
    title = clean_line(str(meta["title"])) if meta.get("title") else None
    title, paragraphs, part_warnings = text_parts(body, title)
    if not paragraphs:
        raise EmptyDocument("no text besides a title or front matter")
    published = parse_date(meta.get("published"))
    all_warnings = list(warnings or []) + fm_warnings + part_warnings
    if meta.get("published") and published is None:
        all_warnings.append(f"unreadable published date {meta['published']!r} ignored")
    return article_from_text(
        paragraphs=paragraphs, origin=origin, origin_kind=origin_kind, options=options, title=title,
        url=str(meta["url"]) if meta.get("url") else None, source=_opt(meta, "source"),
        byline=_opt(meta, "byline"), published=published, published_rule="metadata",
        language=_opt(meta, "language"), warnings=all_warnings,
    )


def _opt(meta: dict[str, object], key: str) -> str | None:
    value = meta.get(key)
    return str(value) if value not in (None, "") else None


def read_text_file(path: str | Path, options: IngestOptions | None = None) -> Article:
    """Read one plain-text article file; raises the specific ``IngestError`` if it
    cannot become an article (used where one file is all there is, e.g. evaluation)."""
    from parley.ingest.sources import read_path

    outcomes = list(read_path(Path(path), options or IngestOptions()))
    for outcome in outcomes:
        if isinstance(outcome, Article):
            return outcome
    problem = next((o for o in outcomes if isinstance(o, IngestProblem)), None)
    raise_for_problem(problem, str(path))
    raise AssertionError("unreachable")
