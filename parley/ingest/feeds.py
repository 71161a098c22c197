"""RSS/Atom/RDF feeds: one article per item, parsed safely.

feedparser is lenient by design, so the XML is first checked with defusedxml: any
entity declaration is refused before anything expands (a "billion laughs" document
is a few hundred bytes that expand to gigabytes), and XML that is not well formed is
reported with its line and column instead of being half-read.
"""

from __future__ import annotations

import html
import re
from typing import Iterator

import defusedxml.ElementTree as safe_et
import feedparser
from defusedxml import DefusedXmlException
from lxml import html as lxml_html
from xml.etree.ElementTree import ParseError

from parley.errors import IngestError, MalformedRecord, MalformedXML, NoArticleText, UnsupportedFormat, XMLEntityBomb
from parley.ingest.build import Outcome, article_from_text, problem_from_error
from parley.ingest.clean import split_paragraphs
from parley.ingest.dates import from_struct_time
from parley.ingest.decode import decode_bytes, declared_xml_encoding
from parley.ingest.options import IngestOptions
from parley.records import Article

FEED_ROOTS = {"rss", "feed", "rdf"}
# Feed "content" longer than this (and than twice the summary) is the article itself.
MIN_FULL_TEXT_CHARS = 500
_BLOCKS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].split(":")[-1].lower()


def check_xml(text: str) -> str:
    """Parse with every entity declaration forbidden; return the root element's name."""
    try:
        root = safe_et.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise XMLEntityBomb(
            "XML entity declarations refused (possible entity-expansion bomb or external entity)",
            detail=repr(exc),
        ) from exc
    except ParseError as exc:
        raise MalformedXML(f"malformed XML: {exc}", detail=str(getattr(exc, "position", ""))) from exc
    return _local_name(root.tag)


def fragment_paragraphs(fragment: str) -> list[str]:
    """Text paragraphs of a feed's HTML fragment (summary or content)."""
    if "<" not in fragment:
        # plain text; feeds that escape twice leave entities such as "&#039;" behind
        return split_paragraphs(html.unescape(fragment) if "&" in fragment else fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml rejects some fragments (only comments, control characters)
        return split_paragraphs(re.sub(r"<[^>]+>", " ", fragment))
    for bad in [el for el in root.iter("script", "style")]:
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCKS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    return split_paragraphs(root.text_content())


def _item_text(entry) -> tuple[list[str], bool]:
    """(paragraphs, is_summary): full content when the feed carries it, else the summary."""
    summary = fragment_paragraphs(entry.get("summary", "") or "")
    best: list[str] = []
    for content in entry.get("content", []) or []:
        if content.get("type", "text/html") in ("text/html", "text/plain", "application/xhtml+xml"):
            paragraphs = fragment_paragraphs(content.get("value", "") or "")
            if sum(map(len, paragraphs)) > sum(map(len, best)):
                best = paragraphs
    full_chars, summary_chars = sum(map(len, best)), sum(map(len, summary))
    if full_chars >= MIN_FULL_TEXT_CHARS and full_chars > 2 * summary_chars:
        return best, False
    return summary or best, True


def read_feed_entries(parsed, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    channel = parsed.feed
    source = channel.get("title") or None
    language = channel.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        item_origin = f"{origin}#item{number}"
        title = entry.get("title") or None
        link = entry.get("link") or None
        published = from_struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        paragraphs, is_summary = _item_text(entry)
        warnings: list[str] = []
        if not paragraphs:
            if not title:
                yield problem_from_error(item_origin, MalformedRecord("feed item has neither title nor text"))
                continue
            paragraphs = [title]
            warnings.append("feed item has no summary; its text is the title")
        if options.follow_links and link:
            page = _follow(link, item_origin, options, title, published, source, entry.get("author"))
            if isinstance(page, Article):
                yield page
                continue
            if page is not None:
                yield page  # why the page could not be read; the summary is stored anyway
                warnings.append(f"linked page not read ({page.code})")
        yield article_from_text(
            paragraphs=paragraphs, origin=item_origin, origin_kind="feed", options=options, title=title,
            url=link, source=source, byline=entry.get("author") or None, published=published,
            published_rule="feed", language=language, is_summary=is_summary, warnings=warnings,
        )


def _follow(link, origin, options, title, published, source, author) -> Outcome | None:
    from parley.ingest.fetch import fetch
    from parley.ingest.html import read_html

    try:
        page = fetch(link, options)
        return read_html(
            page.body, origin=link, options=options, origin_kind="url", url=page.url,
            content_type=page.content_type, fetched_at=page.fetched_at,
            overrides={"title": title, "published": published, "published_rule": "feed",
                       "source": source, "byline": author},
        )
    except IngestError as exc:
        return problem_from_error(link, exc)


def read_xml(data: bytes, *, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    """An XML document: a feed becomes its items; anything else is unsupported."""
    decoded = decode_bytes(data, declared_xml_encoding(data), strict_declared=True)
    text = _XML_DECL.sub("", decoded.text, count=1)
    root = check_xml(text)
    if root == "html":
        from parley.ingest.html import read_html

        yield read_html(text, origin=origin, options=options)
        return
    if root not in FEED_ROOTS:
        raise UnsupportedFormat(f"XML document <{root}> is not an RSS, Atom or RDF feed")
    parsed = feedparser.parse(
        ('<?xml version="1.0" encoding="utf-8"?>' + text).encode("utf-8"),
        response_headers={"content-type": "application/xml; charset=utf-8"},
    )
    if not parsed.entries:
        raise NoArticleText("feed has no items")
    yield from read_feed_entries(parsed, origin, options)
