"""Feeds: every item of the real feeds becomes an article; hostile XML is refused safely."""

from __future__ import annotations

import time
from pathlib import Path

import defusedxml.ElementTree as safe_et
import pytest

from parley.ingest import IngestOptions, iter_documents
from parley.records import Article, IngestProblem

REPO = Path(__file__).resolve().parents[2]
FEEDS = sorted((REPO.parent / "shared" / "samples" / "feeds").glob("*.xml"))


def count_items(path: Path) -> int:
    """Items counted by a plain XML parse, independently of feedparser."""
    root = safe_et.parse(str(path)).getroot()
    return sum(1 for el in root.iter() if el.tag.rsplit("}", 1)[-1] in ("item", "entry"))


def test_five_feeds_present():
    assert len(FEEDS) == 5


@pytest.mark.parametrize("feed", FEEDS, ids=lambda p: p.stem)
def test_every_item_becomes_an_article(feed):
    outcomes = list(iter_documents([str(feed)]))
    articles = [o for o in outcomes if isinstance(o, Article)]
    assert not [o for o in outcomes if isinstance(o, IngestProblem)]
    assert len(articles) == count_items(feed) > 0
    for art in articles:
        assert art.title and art.url and art.url.startswith("http")
        assert art.published is not None and art.published_rule == "feed"
        assert art.origin_kind == "feed" and art.source
        assert art.text and art.id and art.content_hash
        assert "&#0" not in art.text and "&amp;" not in art.text  # double-escaped entities resolved
    assert len({a.origin for a in articles}) == len(articles)  # one origin per item
    # these real feeds carry summaries only: every item is flagged as such
    assert all(a.is_summary for a in articles)


def test_full_text_items_and_summary_items():
    outcomes = list(iter_documents([str(REPO / "examples" / "barents-wire.rss.xml")]))
    assert [type(o) for o in outcomes] == [Article, Article, Article]
    full, hotline, summary_only = outcomes
    assert not full.is_summary and "Katrin Vos" in full.text and len(full.paragraphs) == 5
    assert not hotline.is_summary
    assert summary_only.is_summary and summary_only.text.startswith("Dozens of Norwegian fishing boats")
    assert full.published.isoformat() == "2026-03-06T15:15:00+00:00"
    assert full.byline == "Parley sample desk"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&i;</title><description>&i;</description><link>https://example.org/x</link></item>
</channel></rss>"""


def test_entity_bomb_is_refused_without_expanding(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_bytes(BOMB)  # expanded, the title alone would be 7 GB
    started = time.monotonic()
    (problem,) = list(iter_documents([str(path)]))
    assert time.monotonic() - started < 5
    assert isinstance(problem, IngestProblem)
    assert problem.code == "E106" and problem.stage == "parse"
    assert "entity" in problem.reason


def test_external_entity_is_refused(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
                     b"<rss><channel><item><title>&x;</title></item></channel></rss>")
    (problem,) = list(iter_documents([str(path)]))
    assert problem.code == "E106"


def test_malformed_xml_reports_position(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?>\n<rss><channel><item><title>Talks</titel></item></channel></rss>\n')
    (problem,) = list(iter_documents([str(path)]))
    assert problem.code == "E105" and problem.stage == "parse"
    assert "malformed XML" in problem.reason and "line 2" in problem.reason


def test_feed_declaring_wrong_encoding(tmp_path):
    path = tmp_path / "wrong-encoding.xml"
    path.write_bytes('<?xml version="1.0" encoding="utf-8"?><rss><channel><item><title>Café talks in Zürich</title>'
                     "</item></channel></rss>".encode("cp1252"))
    (problem,) = list(iter_documents([str(path)]))
    assert problem.code == "E103" and problem.stage == "decode"
    assert "wrong encoding: declared utf-8" in problem.reason and "0xe9" in problem.detail


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url></urlset>')
    (problem,) = list(iter_documents([str(path)]))
    assert problem.code == "E113"


def test_follow_links_fetches_pages(http_server, tmp_path):
    page = (REPO / "examples" / "04-russia-rejects-plan.html").read_bytes()
    good = http_server.add("/story-1", page, headers={"Content-Type": "text/html; charset=utf-8"})
    missing = http_server.url("/gone")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local</title>
        <item><title>Plan rejected</title><link>{good}</link><pubDate>Thu, 05 Mar 2026 12:00:00 GMT</pubDate>
        <description>Short summary of the rejection.</description></item>
        <item><title>Gone story</title><link>{missing}</link><pubDate>Fri, 06 Mar 2026 12:00:00 GMT</pubDate>
        <description>Summary of a page that no longer exists.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    outcomes = list(iter_documents([str(feed)], IngestOptions(follow_links=True, allow_private=True, timeout=5)))
    fetched = outcomes[0]
    assert isinstance(fetched, Article) and not fetched.is_summary
    assert fetched.title.startswith("Russia rejects Barents buffer zone plan") and "Sorokin" in fetched.text
    assert fetched.fetched_at is not None and fetched.origin_kind == "url"
    # the missing page is recorded, and its item is still stored as a summary
    problem, summary = outcomes[1], outcomes[2]
    assert isinstance(problem, IngestProblem) and problem.code == "E111" and "404" in problem.reason
    assert isinstance(summary, Article) and summary.is_summary and summary.title == "Gone story"
    assert len(outcomes) == 3


def test_follow_links_refuses_private_addresses_by_default(http_server, tmp_path):
    link = http_server.add("/story", "<html><body><p>text</p></body></html>")
    feed = tmp_path / "feed.xml"
    feed.write_text(f'<?xml version="1.0"?><rss><channel><title>t</title><item><title>Local page</title>'
                    f"<link>{link}</link><description>A summary sentence about talks.</description></item>"
                    "</channel></rss>")
    outcomes = list(iter_documents([str(feed)], IngestOptions(follow_links=True)))
    assert outcomes[0].code == "E110"
    assert isinstance(outcomes[1], Article) and outcomes[1].is_summary
