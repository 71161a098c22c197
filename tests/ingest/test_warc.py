"""WARC archives: one counted outcome per HTTP response record, truncation reported."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parley.ingest import iter_documents
from parley.records import Article, IngestProblem

REPO = Path(__file__).resolve().parents[2]
WARCS = REPO.parent / "shared" / "samples" / "warc"


def response_records(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for r in ArchiveIterator(fh) if r.rec_type == "response")


def record_outcomes(outcomes, archive: Path):
    """Outcomes that belong to one record (origin 'archive#record-id')."""
    return [o for o in outcomes if o.origin.startswith(f"{archive}#")]


@pytest.mark.parametrize("name", ["warcfile.warc.gz", "clipped.warc.gz"])
def test_every_response_is_ingested_or_skipped_with_reason(name):
    archive = WARCS / name
    outcomes = list(iter_documents([str(archive)]))
    per_record = record_outcomes(outcomes, archive)
    articles = [o for o in per_record if isinstance(o, Article)]
    skipped = [o for o in per_record if isinstance(o, IngestProblem)]
    assert len(articles) + len(skipped) == response_records(archive) > 0
    assert all(p.reason and p.code for p in skipped)
    for art in articles:
        assert art.origin_kind == "warc" and art.url.startswith("http")
        assert art.fetched_at is not None  # WARC-Date kept
        assert art.status in ("ok", "skipped:language")


def test_warcfile_details():
    archive = WARCS / "warcfile.warc.gz"
    outcomes = list(iter_documents([str(archive)]))
    # request, metadata and warcinfo records are counted in one summary skip
    (summary,) = [o for o in outcomes if isinstance(o, IngestProblem) and o.origin == str(archive)]
    assert summary.code == "S204" and summary.kind == "skipped"
    assert "request: 17" in summary.detail and "metadata: 16" in summary.detail
    # mostly non-English pages: stored, but skipped for analysis
    langs = [o for o in outcomes if isinstance(o, Article) and o.status == "skipped:language"]
    assert len(langs) >= 5


def test_clipped_archive_keeps_its_page_and_reports_truncation():
    archive = WARCS / "clipped.warc.gz"
    outcomes = list(iter_documents([str(archive)]))
    (art,) = [o for o in outcomes if isinstance(o, Article)]
    assert art.title.startswith("A Humble Chance The Rapper")
    assert art.url.startswith("http://www.houstonpress.com/music/a-humble-chance-the-rapper")
    assert any("truncated" in w for w in art.warnings)
    (trunc,) = [o for o in outcomes if isinstance(o, IngestProblem)]
    assert trunc.code == "E104" and trunc.origin == str(archive)


def _response(writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": "2026-03-05T10:00:00Z"})
    writer.write_record(record)


def test_non_html_and_non_200_records_are_skipped_with_reasons(tmp_path):
    page = (REPO / "examples" / "04-russia-rejects-plan.html").read_bytes()
    path = tmp_path / "mixed.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        _response(writer, "https://example.org/story", "200 OK", "text/html; charset=utf-8", page)
        _response(writer, "https://example.org/missing", "404 Not Found", "text/html", b"<html>gone</html>")
        _response(writer, "https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n....")
        writer.write_record(writer.create_warc_record("https://example.org/story", "metadata",
                                                      payload=BytesIO(b"fetchTimeMs: 12\n")))
    outcomes = list(iter_documents([str(path)]))
    codes = [(o.code, o.reason) if isinstance(o, IngestProblem) else ("article", o.title) for o in outcomes]
    assert codes[0][0] == "article" and outcomes[0].url == "https://example.org/story"
    assert outcomes[0].published.date().isoformat() == "2026-03-05"  # from the page's own metadata
    assert outcomes[0].fetched_at.isoformat().startswith("2026-03-05T10:00:00")
    assert codes[1] == ("S203", "HTTP status 404, not 200")
    assert codes[2] == ("S202", "not HTML (image/png)")
    assert codes[3][0] == "S204" and outcomes[3].detail == "metadata: 1"
    assert len(outcomes) == 4


def test_truncated_warc_keeps_earlier_records(tmp_path):
    data = (WARCS / "warcfile.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])
    outcomes = list(iter_documents([str(cut)]))
    per_record = record_outcomes(outcomes, cut)
    assert 3 <= len(per_record) < response_records(WARCS / "warcfile.warc.gz")
    truncation = [o for o in outcomes if isinstance(o, IngestProblem) and o.code == "E104"]
    assert len(truncation) == 1 and truncation[0].origin == str(cut) and "truncated" in truncation[0].reason


def test_uncompressed_warc(tmp_path):
    plain = tmp_path / "plain.warc"
    plain.write_bytes(gzip.decompress((WARCS / "warcfile.warc.gz").read_bytes()))
    outcomes = list(iter_documents([str(plain)]))
    assert len(record_outcomes(outcomes, plain)) == response_records(WARCS / "warcfile.warc.gz")
