"""HTML pages via trafilatura: main text, title, author, date, site, language.

Dates come from the page's markup only (htmldate without its extensive text search):
a date found by scanning the page text is as likely a comment's or a related story's
date as the article's, and our own dateline rule already looks at the article's lead.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import trafilatura

from parley.errors import NoArticleText
from parley.ingest.build import Outcome, article_from_text
from parley.ingest.dates import parse_date
from parley.ingest.decode import declared_html_charset, decode_bytes
from parley.ingest.options import IngestOptions
from parley.ingest.url import canonical_url

DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
# Extraction that yields only short lines (menus, buttons, link lists) is not an article:
# count the characters of lines long enough to be prose. A line is prose with five words,
# or, in scripts written without spaces (Chinese, Japanese, Thai), twenty characters.
MIN_PROSE_LINE_WORDS = 5
MIN_UNSPACED_LINE_CHARS = 20
MIN_ARTICLE_CHARS = 80
_HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE)


def extract(html: str, url: str | None = None):
    """The one trafilatura call (shared with the benchmark so both do the same work)."""
    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
    )


def _byline(author: str | None) -> str | None:
    """trafilatura joins every author it finds with '; ' (often one name twice)."""
    if not author:
        return None
    names: list[str] = []
    for name in author.split(";"):
        name = name.strip()
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return "; ".join(names) or None


def _page_canonical(declared: str | None, fetched: str | None) -> str | None:
    """Prefer the page's own canonical link, unless it points at a site's home page
    (a common template mistake that would make every article a duplicate of one)."""
    declared_c = canonical_url(declared)
    if declared_c and urlsplit(declared_c).path not in ("", "/"):
        return declared_c
    return canonical_url(fetched)


def _is_prose(line: str) -> bool:
    spaces = line.count(" ")  # words - 1 on trafilatura's single-spaced lines
    if spaces >= MIN_PROSE_LINE_WORDS - 1:
        return True
    return len(line) >= MIN_UNSPACED_LINE_CHARS and spaces < len(line) / 20


def prose_chars(text: str) -> int:
    return sum(len(line) for line in text.split("\n") if _is_prose(line.strip()))


def read_html(
    data: bytes | str,
    *,
    origin: str,
    options: IngestOptions,
    origin_kind: str = "html",
    url: str | None = None,
    content_type: str = "",
    fetched_at: datetime | None = None,
    fallback_date: tuple[datetime, str] | None = None,
    overrides: dict[str, object] | None = None,
) -> Outcome:
    """One HTML page. ``overrides`` (e.g. a feed item's title and date) fill in what the
    page itself does not state."""
    warnings: list[str] = []
    if isinstance(data, bytes):
        decoded = decode_bytes(data, declared_html_charset(data, content_type))
        html, warnings = decoded.text, decoded.warnings
    else:
        html = data
    doc = extract(html, url)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text or prose_chars(text) < MIN_ARTICLE_CHARS:
        raise NoArticleText("no article text in the HTML page (only menus, links or boilerplate)",
                            detail=f"{len(text.split())} words extracted")
    title = doc.title or _opt(overrides or {}, "title")
    # trafilatura writes one paragraph per line; the cleaning stage normalises each once
    paragraphs = [line for line in text.split("\n") if line.strip()]
    if title and len(paragraphs) > 1 and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the page's <h1> repeats the title; it is not body text
    extra = overrides or {}
    lang_match = _HTML_LANG.search(html[:4096])
    published = parse_date(doc.date)
    rule = "metadata"
    if published is None and extra.get("published") is not None:
        published, rule = parse_date(extra["published"]), str(extra.get("published_rule", "feed"))
    return article_from_text(
        paragraphs=paragraphs, origin=origin, origin_kind=origin_kind, options=options,
        title=title, url=url or doc.url,
        canonical=_page_canonical(doc.url, url), source=doc.sitename or _opt(extra, "source"),
        byline=_byline(doc.author) or _opt(extra, "byline"), published=published, published_rule=rule,
        fallback_date=fallback_date, language=doc.language or (lang_match.group(1) if lang_match else None),
        fetched_at=fetched_at, warnings=warnings,
    )


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def _opt(values: dict[str, object], key: str) -> str | None:
    value = values.get(key)
    return str(value) if value else None
