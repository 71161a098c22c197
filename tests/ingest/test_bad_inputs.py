"""Point 7 of the ingest issue: every kind of bad input gets its specific recorded reason
(a row in the store's errors table with source, reason and stage) and the other
documents of the same batch are stored."""

from __future__ import annotations

import gzip
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from parley.ingest import IngestOptions
from parley.pipeline import run_ingest
from parley.store import Store

REPO = Path(__file__).resolve().parents[2]
WARC = REPO.parent / "shared" / "samples" / "warc" / "warcfile.warc.gz"


@dataclass
class BadInput:
    make: Callable[[Path, object], str]  # (tmp folder, http server) -> source
    code: str
    reason: str  # a substring of the recorded reason
    stage: str
    options: dict


def _file(name: str, data: bytes) -> Callable[[Path, object], str]:
    def make(folder: Path, server) -> str:
        path = folder / name
        path.write_bytes(data)
        return str(path)
    return make


ENGLISH = ("Negotiators from both sides met in Nairobi on Monday and agreed to resume talks next week. "
           "A spokesman said the atmosphere was calm. ")


def _truncated_gzip() -> bytes:
    packed = gzip.compress((ENGLISH * 40).encode("utf-8"))
    return packed[: len(packed) // 2]


def _mixed_encodings() -> bytes:
    return ("Talks in Zürich\n\nThe envoys’ first meeting took place in Zürich. ").encode("utf-8") + \
        "The second meeting took place in Genève, at the café by the lake.\n".encode("cp1252")


def _wrong_encoding() -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
            "<item><title>Déclaration commune à Genève</title><description>Les délégations ont signé."
            "</description></item></channel></rss>").encode("cp1252")


def _bomb() -> bytes:
    entities = ['<!ENTITY e0 "boom">'] + [f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)]
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(entities)}]><rss><channel><title>&e9;</title>'
            "<item><title>&e9;</title></item></channel></rss>").encode("ascii")


def _slow_url(folder: Path, server) -> str:
    return server.add("/slow", "<html><body><p>late</p></body></html>", delay=3.0)


def _private_url(folder: Path, server) -> str:
    return server.add("/internal", "<html><body><p>internal page</p></body></html>")


CASES = {
    "empty file": BadInput(_file("empty.txt", b""), "E101", "empty file", "read", {}),
    "binary garbage": BadInput(_file("garbage.txt", random.Random(7).randbytes(4000)), "E102", "binary content",
                               "decode", {}),
    "pdf renamed": BadInput(_file("story.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "E102", "PDF", "decode", {}),
    "wrong encoding": BadInput(_file("wire.xml", _wrong_encoding()), "E103", "wrong encoding", "decode", {}),
    "mixed encodings": BadInput(_file("mixed.txt", _mixed_encodings()), "E115", "mixed encodings", "decode", {}),
    "truncated gzip": BadInput(_file("story.txt.gz", _truncated_gzip()), "E104", "truncated or corrupt gzip",
                               "read", {}),
    "truncated warc": BadInput(_file("cut.warc.gz", WARC.read_bytes()[:60000]), "E104", "truncated", "read", {}),
    "malformed xml": BadInput(_file("feed.xml", b'<?xml version="1.0"?><rss><channel><item><title>x</item>'),
                              "E105", "malformed XML", "parse", {}),
    "entity bomb": BadInput(_file("bomb.xml", _bomb()), "E106", "entity", "parse", {}),
    "html without article": BadInput(
        _file("menu.html", b"<html><head><title>Menu</title></head><body><ul><li><a href='/a'>News</a></li>"
                           b"<li><a href='/b'>Sport</a></li></ul></body></html>"),
        "E107", "no article text", "extract", {}),
    "over the size cap": BadInput(_file("long.txt", ("Long report\n\n" + ENGLISH * 200).encode()), "E108",
                                  "over the", "read", {"max_bytes": 10_000}),
    "url that times out": BadInput(_slow_url, "E109", "timed out", "fetch", {"allow_private": True, "timeout": 0.5}),
    "private address": BadInput(_private_url, "E110", "private address", "fetch", {}),
    "missing path": BadInput(lambda folder, server: str(folder / "nope.txt"), "E114", "no such file", "read", {}),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_recorded_and_batch_goes_on(case, tmp_path, good_articles, http_server):
    bad = CASES[case]
    folder = tmp_path / "bad"
    folder.mkdir()
    source = bad.make(folder, http_server)
    sources = [str(good_articles[0]), source, str(good_articles[1])]
    options = IngestOptions(**bad.options)
    with Store(tmp_path / "store.duckdb") as store:
        # one batch holds all three documents
        result = run_ingest(sources, store, options, batch_size=100)
        errors = store.query("SELECT origin, code, kind, stage, reason FROM ingest_errors WHERE code = ?", [bad.code])
        stored = store.query("SELECT origin FROM articles")
    assert errors, f"no {bad.code} row recorded for {case}"
    row = next(r for r in errors if r["origin"] == source or r["origin"].startswith(source))
    assert bad.reason in row["reason"], row
    assert row["stage"] == bad.stage and row["kind"] == "error"
    assert result.failed >= 1
    stored_origins = {r["origin"] for r in stored}
    assert {str(p) for p in good_articles} <= stored_origins


def test_truncated_warc_in_a_batch_still_stores_its_complete_records(tmp_path, good_articles):
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(WARC.read_bytes()[:60000])
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest([str(cut), str(good_articles[0])], store, IngestOptions(), batch_size=100)
        from_warc = store.query("SELECT count(*) AS n FROM articles WHERE origin_kind = 'warc'")[0]["n"]
        good = store.query("SELECT count(*) AS n FROM articles WHERE origin = ?", [str(good_articles[0])])[0]["n"]
    assert from_warc >= 2 and good == 1
