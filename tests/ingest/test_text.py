"""Plain-text articles: front matter, headline line, captions, publication date rules."""

from __future__ import annotations

from datetime import datetime

import pytest

from parley.errors import EmptyDocument
from parley.ingest import IngestOptions, iter_documents, read_text_file
from parley.ingest.dates import find_dateline, parse_date
from parley.ingest.text import is_caption, looks_like_headline
from parley.records import Article, content_hash


def test_founding_article_has_no_dateline(shared):
    # fresh: the shared fixture is dated by others
    art = read_text_file(shared / "corpus" / "miami-talks-2025-12-06.txt")
    # its first sentence dates the talks ("in Miami on December 6, 2025"): a date inside a
    # sentence is not a dateline, so the publication date stays unknown, with the reason
    assert art.published is None and art.published_rule == "unknown"
    assert any("'December 6, 2025' is not a dateline" in w for w in art.warnings)
    assert art.language == "en" and art.status == "ok"
    # the first line reads as a headline: it is the title and not part of the body
    assert art.title and art.title.startswith("US–Ukraine Hold Third Day Of Miami Talks")
    assert not art.text.startswith(art.title)
    # the caption line that ends in an image credit is kept out of the body
    assert "Image courtesy" not in art.text
    assert any("caption" in w for w in art.warnings)
    assert art.text.startswith("The United States and Ukraine entered a third consecutive day")
    assert art.content_hash == content_hash(art.text)
    assert art.id == art.content_hash[:16]
    # paragraphs are exact substrings of the text (offsets into one are offsets into the other)
    assert all(p in art.text for p in art.paragraphs) and len(art.paragraphs) > 10


def test_front_matter_fields(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "---\ntitle: Talks resume: envoys meet in Oslo\nurl: https://Example.org/news/oslo?utm_source=x#top\n"
        "published: 2026-02-03T10:00:00+01:00\nsource: Example Wire\nauthor: A. Writer\n---\n"
        "Talks resume: envoys meet in Oslo\n\n"
        "Negotiators from both governments met in Oslo on Monday to resume the stalled talks.\n",
        encoding="utf-8",
    )
    art = read_text_file(path)
    assert art.title == "Talks resume: envoys meet in Oslo"  # a colon in a value is fine
    assert art.published_rule == "metadata" and art.published.isoformat() == "2026-02-03T10:00:00+01:00"
    assert art.source == "Example Wire" and art.byline == "A. Writer"
    assert art.canonical_url == "https://example.org/news/oslo"  # tracking and fragment dropped
    assert art.text.startswith("Negotiators")  # the repeated headline is not body text
    assert art.id != art.content_hash[:16]  # id comes from the canonical URL


def test_published_option_used_when_text_states_no_date(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("Ministers met again\n\nThe ministers met again and agreed to keep talking next month.\n")
    (no_date,) = list(iter_documents([str(path)], IngestOptions()))
    assert no_date.published is None and no_date.published_rule == "unknown"
    assert any("publication date unknown" in w for w in no_date.warnings)
    (with_cli,) = list(iter_documents([str(path)], IngestOptions(published=datetime(2026, 1, 2))))
    assert with_cli.published == datetime(2026, 1, 2) and with_cli.published_rule == "cli"


def test_metadata_date_beats_dateline_and_cli(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("---\npublished: 2026-03-01\n---\nOn February 2, 2026 the envoys first met in Doha.\n")
    (art,) = list(iter_documents([str(path)], IngestOptions(published=datetime(2020, 1, 1))))
    assert art.published == datetime(2026, 3, 1) and art.published_rule == "metadata"


@pytest.mark.parametrize(
    "lead, expected",
    [
        ("GENEVA, 12 January 2026 — Delegations arrived early.", datetime(2026, 1, 12)),
        ("KYIV, Ukraine, Dec. 6, 2025 (Reuters) - Air raid sirens sounded.", datetime(2025, 12, 6)),
        ("WASHINGTON (AP) — March 4, 2026: The envoys met.", datetime(2026, 3, 4)),
        ("Published Tuesday, March 3, 2026 at 10:15 GMT", datetime(2026, 3, 3)),
        ("2026-02-28", datetime(2026, 2, 28)),
        # a date inside a sentence is what the article is about, not when it appeared
        ("Talks opened in Vienna on March 4, 2026, officials said.", None),
        ("On February 24, 2022, Russia launched a full-scale invasion.", None),
        ("February 24, 2022, was the day the war began.", None),
        ("HELSINKI — Finnish mediators on March 3, 2026 put forward a plan.", None),
        ("The summit (Sept. 30, 2025) ended without a statement.", None),
        ("A readout dated 2026-02-28 was published late.", None),
        ("Talks opened on Tuesday, Dec 6, in Vienna.", None),  # no year: never invented
        ("Talks opened on February 30, 2026.", None),  # not a calendar date
    ],
)
def test_find_dateline(lead, expected):
    found = find_dateline([lead])
    assert (found[0] if found else None) == expected


def test_old_date_in_the_lead_leaves_the_date_unknown(tmp_path, nlp):
    """An article opening with an old date gets no publication date from it (a warning
    says why), and its relative dates stay unresolved instead of moving by years."""
    from parley.analyze import analyze_article

    path = tmp_path / "d.txt"
    path.write_text("Ukraine three years on\n\nOn February 24, 2022, Russian forces crossed the border. "
                    "Last week the foreign ministers met again in Geneva and agreed to meet next month.\n")
    (art,) = list(iter_documents([str(path)], IngestOptions()))
    assert art.published is None and art.published_rule == "unknown"
    assert any("'February 24, 2022' is not a dateline" in w for w in art.warnings)
    times = {t.text: t for t in analyze_article(art, nlp).times}
    assert times["February 24, 2022"].value == "2022-02-24"  # an absolute date needs no anchor
    for relative in ("Last week", "next month"):
        assert relative in times and not any(ch.isdigit() for ch in times[relative].value or "")


def test_dateline_only_in_the_lead():
    paragraphs = ["The envoys met again."] * 3 + ["They first met on May 1, 2024."]
    assert find_dateline(paragraphs) is None


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2015-07-24T05:36:09+0100", "2015-07-24T05:36:09+01:00"),
        ("Fri, 06 Mar 2026 16:15:00 +0100", "2026-03-06T16:15:00+01:00"),
        ("2019-01-03T07:00:02.000Z", "2019-01-03T07:00:02+00:00"),
        ("December 6, 2025", "2025-12-06T00:00:00"),
        ("next week", None),
    ],
)
def test_parse_date(value, iso):
    parsed = parse_date(value)
    assert (parsed.isoformat() if parsed else None) == iso


@pytest.mark.parametrize(
    "line, caption",
    [
        ("Delegates arrive at the venue. Photo: Jane Roe/Example Agency", True),
        ("Image courtesy: Ministry of Foreign Affairs", True),
        ("Envoys shake hands in Doha (Photo by J. Roe/AFP via Getty Images)", True),
        ("The minister said a photo of the meeting would be released on Friday.", False),
        ("Officials said the video showed the strike. The ministry denied it.", False),
    ],
)
def test_caption_lines(line, caption):
    assert is_caption(line) is caption


@pytest.mark.parametrize(
    "line, headline",
    [
        ("Envoys Agree To Meet Again In Geneva", True),
        ("Where do the talks go after the vote?", True),
        ("The envoys agreed on Tuesday to meet again in Geneva next month.", False),
        ("Ceasefire", False),  # one word: a label, not a headline
    ],
)
def test_headline_lines(line, headline):
    assert looks_like_headline(line) is headline


def test_hard_wrapped_paragraphs_are_joined(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "Border talks resume\n\n"
        "The two delegations met for six hours on Wednesday and agreed to\n"
        "exchange maps of the disputed area before the next session, which\n"
        "is expected to take place in Addis Ababa later this month.\n\n"
        "A second paragraph follows here.\n"
    )
    art = read_text_file(path)
    assert art.paragraphs[0].startswith("The two delegations") and art.paragraphs[0].endswith("this month.")
    assert len(art.paragraphs) == 2


def test_read_text_file_raises_specific_error(tmp_path):
    path = tmp_path / "only-front-matter.txt"
    path.write_text("---\ntitle: Nothing here\n---\n\n")
    with pytest.raises(EmptyDocument) as err:
        read_text_file(path)
    assert err.value.code == "E101"


def test_legacy_encoding_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café talks\n\nThe café near the ministry hosted the envoys’ first meeting.\n".encode("cp1252"))
    (art,) = list(iter_documents([str(path)]))
    assert isinstance(art, Article)
    assert "café" in art.text and "envoys’" in art.text
    assert any("not UTF-8" in w for w in art.warnings)
