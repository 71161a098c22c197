"""HTML pages: the real news pages of ../shared/samples/html and our own sample pages."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from parley.ingest import iter_documents
from parley.records import Article, IngestProblem

REPO = Path(__file__).resolve().parents[2]
HTML_SAMPLES = sorted((REPO.parent / "shared" / "samples" / "html").glob("*/source.html"))


def normalise_title(title: str) -> str:
    """Whitespace and case folded, typographic quotes unified, a trailing '| site or
    author' suffix dropped (the acceptance allows it to differ)."""
    title = unicodedata.normalize("NFKC", title)
    title = re.sub(r"[\u2018\u2019]", "'", title)
    title = re.sub(r"[\u201c\u201d]", '"', title)
    title = re.sub(r"\s+\|\s+[^|]*$", "", title)
    return re.sub(r"\s+", " ", title).strip().casefold()


def test_all_six_samples_present():
    assert len(HTML_SAMPLES) == 6


@pytest.mark.parametrize("page", HTML_SAMPLES, ids=lambda p: p.parent.name)
def test_sample_page_title_and_date(page):
    expected = json.loads((page.parent / "expected-metadata.json").read_text(encoding="utf-8"))
    outcomes = list(iter_documents([str(page)]))
    assert len(outcomes) == 1
    art = outcomes[0]
    assert isinstance(art, Article), art
    assert normalise_title(art.title) == normalise_title(expected["title"])
    if expected.get("publishedTime"):
        want = datetime.fromisoformat(expected["publishedTime"].replace("Z", "+00:00"))
        assert art.published is not None and art.published.date() == want.date()
        assert art.published_rule == "metadata"
    assert art.language == "en" and art.status == "ok"
    assert art.origin_kind == "html" and len(art.text) > 1000
    assert all(p in art.text for p in art.paragraphs)


def test_byline_and_site_from_markup():
    bbc = next(p for p in HTML_SAMPLES if p.parent.name == "bbc-1")
    (art,) = list(iter_documents([str(bbc)]))
    assert art.source == "BBC News"
    nyt = next(p for p in HTML_SAMPLES if p.parent.name == "nytimes-1")
    (art,) = list(iter_documents([str(nyt)]))
    assert art.byline == "Jeffrey Gettleman"  # the same name twice in the markup, kept once
    assert art.canonical_url and art.canonical_url.startswith("http://www.nytimes.com/2017/01/13/")


def test_our_sample_page(tmp_path):
    page = REPO / "examples" / "03-drone-strike.html"
    (art,) = list(iter_documents([str(page)]))
    assert art.title == "Drone strikes Norwegian coast guard vessel in Barents Sea, four injured"
    assert art.published.date().isoformat() == "2026-02-27" and art.published_rule == "metadata"
    assert art.source == "Parley Sample Wire"
    assert art.canonical_url == "https://example.org/barents/2026/02/27/drone-strikes-coast-guard-vessel"
    assert "Home" not in art.paragraphs  # navigation is not article text


def test_page_without_article_text(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text(
        "<html><head><title>Home</title></head><body><nav><ul>"
        + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))
        + "</ul></nav><script>var tracking = 1;</script></body></html>",
        encoding="utf-8",
    )
    (problem,) = list(iter_documents([str(page)]))
    assert isinstance(problem, IngestProblem)
    assert problem.code == "E107" and problem.stage == "extract"
    assert "no article text" in problem.reason


def test_html_is_sniffed_without_extension(tmp_path):
    page = tmp_path / "index"  # crawled files often have no extension
    page.write_bytes((REPO / "examples" / "04-russia-rejects-plan.html").read_bytes())
    (art,) = list(iter_documents([str(page)]))
    assert art.origin_kind == "html" and art.title.startswith("Russia rejects Barents buffer zone plan")


def test_wrong_declared_charset_is_recovered_with_warning(tmp_path):
    page = tmp_path / "declared-wrong.html"
    body = ("<html><head><meta charset='iso-8859-1'><title>Talks</title></head><body><article>"
            "<p>The envoys’ meeting in Zürich lasted five hours and ended with a short joint statement.</p>"
            "<p>Both delegations said they would return to Zürich next month to continue the talks.</p>"
            "</article></body></html>")
    page.write_bytes(body.encode("utf-8"))
    (art,) = list(iter_documents([str(page)]))
    assert "Zürich" in art.text and "envoys’" in art.text
    assert any("bytes are UTF-8" in w for w in art.warnings)
