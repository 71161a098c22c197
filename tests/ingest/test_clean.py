"""Cleaning stages: stable text, language status, ids and hashes."""

from __future__ import annotations

import copy

from parley.ingest import CLEANING_STAGES, DEFAULT_STAGES, IngestOptions, article_from_text
from parley.ingest.clean import clean_line, split_paragraphs
from parley.records import Article, IngestProblem, content_hash

OPTIONS = IngestOptions()


def test_stages_are_idempotent(founding_article):
    again = copy.deepcopy(founding_article)
    for stage in CLEANING_STAGES:
        again = stage(again)
    assert again.text == founding_article.text
    assert again.id == founding_article.id and again.content_hash == founding_article.content_hash
    assert again.status == founding_article.status


def test_pipeline_stages_are_documented_as_empty():
    # cleaning runs inside the readers; the runner has nothing further to apply yet
    assert DEFAULT_STAGES == []


def test_whitespace_and_invisible_characters():
    assert clean_line("  The\u00a0envoys\u200b met \t in\u2009Doha.\u00ad ") == "The envoys met in Doha."
    # typography is kept as written: quotes and dashes carry meaning for later layers
    assert clean_line("“Real progress” — he said") == "“Real progress” — he said"
    assert split_paragraphs("One.\r\nTwo.\u2028Three.") == ["One.", "Two.", "Three."]


def test_same_story_twice_has_one_hash_and_id():
    a = article_from_text("The envoys met in Doha on “Monday”.", origin="a", origin_kind="text", options=OPTIONS)
    b = article_from_text("The  envoys met in Doha on \"Monday\".\n", origin="b", origin_kind="text", options=OPTIONS)
    assert a.content_hash == b.content_hash == content_hash(a.text)
    assert a.id == b.id == a.content_hash[:16]


def test_id_from_canonical_url_is_stable_across_text_changes():
    a = article_from_text("First version of the story about talks in Doha.", origin="a", origin_kind="html",
                          options=OPTIONS, url="https://example.org/doha?utm_medium=x")
    b = article_from_text("Updated version of the story about talks in Doha.", origin="b", origin_kind="html",
                          options=OPTIONS, url="https://EXAMPLE.org/doha")
    assert a.canonical_url == b.canonical_url == "https://example.org/doha"
    assert a.id == b.id and a.content_hash != b.content_hash


def test_non_english_article_is_kept_with_skip_status():
    text = ("Die Außenminister beider Länder trafen sich am Montag in Wien, um über einen Waffenstillstand "
            "zu sprechen. Nach sechs Stunden vereinbarten sie, die Gespräche in der kommenden Woche fortzusetzen.")
    art = article_from_text(text, origin="de.txt", origin_kind="text", options=OPTIONS)
    assert isinstance(art, Article)
    assert art.language == "de" and art.language_score > 0.9
    assert art.status == "skipped:language"


def test_short_text_trusts_declared_language():
    art = article_from_text("Putin says Kyiv talks stall", origin="x", origin_kind="feed", options=OPTIONS,
                            language="en-GB")
    assert art.language == "en" and art.status == "ok"


def test_text_that_cleans_to_nothing_is_a_problem():
    out = article_from_text("\u200b \u00a0\n\u200b", origin="blank.txt", origin_kind="text", options=OPTIONS)
    assert isinstance(out, IngestProblem) and out.code == "E107"
