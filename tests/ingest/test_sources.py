"""Directories (recursive, sniffed by content), stdin, JSONL/JSON and gzip-wrapped files."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from parley.ingest import iter_documents
from parley.ingest.sniff import sniff
from parley.records import Article, IngestProblem

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def test_examples_folder_is_the_sample_corpus():
    outcomes = list(iter_documents([str(EXAMPLES)]))
    assert all(isinstance(o, Article) for o in outcomes), [o for o in outcomes if not isinstance(o, Article)]
    assert 6 <= len(outcomes) <= 10
    kinds = Counter(o.origin_kind for o in outcomes)
    assert set(kinds) == {"text", "html", "feed", "jsonl"}
    assert all(o.status == "ok" and o.language == "en" and o.published for o in outcomes)
    assert len({o.id for o in outcomes}) == len(outcomes)
    assert sum(o.is_summary for o in outcomes) == 1


def test_directory_is_sniffed_by_content_not_extension(tmp_path):
    nested = tmp_path / "crawl" / "2026" / "03"
    nested.mkdir(parents=True)
    shutil.copy(EXAMPLES / "03-drone-strike.html", nested / "page.php")
    shutil.copy(EXAMPLES / "barents-wire.rss.xml", nested / "feed")
    shutil.copy(EXAMPLES / "barents-followups.jsonl", tmp_path / "crawl" / "records.dat")
    shutil.copy(EXAMPLES / "01-helsinki-talks-open.txt", tmp_path / "crawl" / "note.html")  # lying extension
    (tmp_path / "crawl" / ".hidden").write_text("not read")
    outcomes = list(iter_documents([str(tmp_path / "crawl")]))
    kinds = Counter(o.origin_kind for o in outcomes if isinstance(o, Article))
    assert kinds == {"html": 1, "feed": 3, "jsonl": 2, "text": 1}
    problems = [o for o in outcomes if isinstance(o, IngestProblem)]
    # the hidden file is not read, but it does not vanish either: one skip with its reason
    assert [(p.code, p.kind, Path(p.origin).name) for p in problems] == [("S205", "skipped", ".hidden")]


def test_sniff_kinds():
    assert sniff(b"") == "empty"
    assert sniff(b"  \n ") == "empty"
    assert sniff(b"\x1f\x8b\x08\x00") == "gzip"
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff(b'<?xml version="1.0"?><rss>') == "xml"
    assert sniff(b'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">') == "html"
    assert sniff(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert sniff(b'[{"text": "a"}]') == "json"
    assert sniff(b"%PDF-1.4") == "binary"
    assert sniff("Plain words about talks.".encode("utf-16")) == "text"  # UTF-16 with BOM is text
    assert sniff(b"Plain words about talks.") == "text"


def test_stdin(tmp_path):
    code = ("import sys; from parley.ingest import iter_documents; "
            "[print(type(o).__name__, o.origin, o.origin_kind, o.title) for o in iter_documents(['-'])]")
    text = "Envoys agree on a timetable\n\nThe envoys agreed on Monday on a timetable for the next three rounds.\n"
    out = subprocess.run([sys.executable, "-c", code], input=text.encode(), capture_output=True, check=True, cwd=REPO)
    assert out.stdout.decode().strip() == "Article <stdin> text Envoys agree on a timetable"


def test_jsonl_bad_line_is_one_problem(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"title": "First", "text": "The first envoy arrived in Lima on Monday for talks.",
                    "date": "2026-02-02"}),
        '{"title": "Broken", "text": "no closing brace"',
        json.dumps({"headline": "Third", "html": "<html><body><article><p>The third envoy arrived in Quito on "
                    "Wednesday and met the foreign minister for two hours.</p><p>They agreed to meet again "
                    "in April to continue the talks on the border.</p></article></body></html>",
                    "link": "https://example.org/third", "authors": ["A. Writer", "B. Writer"]}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No text"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcomes = list(iter_documents([str(path)]))
    first, broken, third, array, no_text = outcomes
    assert isinstance(first, Article) and first.published_rule == "metadata" and first.origin == f"{path}:1"
    assert broken.code == "E112" and broken.origin == f"{path}:2" and "not valid JSON" in broken.reason
    assert isinstance(third, Article) and third.title == "Third" and third.byline == "A. Writer; B. Writer"
    assert third.canonical_url == "https://example.org/third"
    assert array.code == "E112" and "not an object" in array.reason
    assert no_text.code == "E112" and "no text" in no_text.reason


def test_json_list_file(tmp_path):
    path = tmp_path / "batch.json"
    records = [{"title": f"Story {i}", "text": f"Delegates met for round {i} of the talks in Accra on Monday."}
               for i in range(3)]
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    outcomes = list(iter_documents([str(path)]))
    assert [o.title for o in outcomes] == ["Story 0", "Story 1", "Story 2"]
    assert [o.origin for o in outcomes] == [f"{path}#{i}" for i in (1, 2, 3)]


def test_gzip_wrapped_documents(tmp_path):
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress((EXAMPLES / "03-drone-strike.html").read_bytes()))
    records = tmp_path / "records.jsonl.gz"
    records.write_bytes(gzip.compress((EXAMPLES / "barents-followups.jsonl").read_bytes()))
    outcomes = list(iter_documents([str(page), str(records)]))
    assert [o.origin_kind for o in outcomes] == ["html", "jsonl", "jsonl"]


def test_decompressed_size_is_capped(tmp_path):
    from parley.ingest import IngestOptions

    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(b"word " * 400_000))
    (problem,) = list(iter_documents([str(path)], IngestOptions(max_bytes=100_000)))
    assert problem.code == "E108" and "decompressed" in problem.reason
