"""A mixed corpus for the scale-out tests (text, HTML, feed, JSONL and WARC, written here
or bundled with the project) and a comparison of whole stores."""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
# columns that say when or in which batch a row was written, not what it holds
VOLATILE = {"ingested_at", "batch_id", "recorded_at", "analysed_at", "applied_at", "started_at"}
TABLES = ("articles", "ingest_errors", "analyses", "actors", "mentions", "times", "quotes", "events",
          "event_actors", "stances")

STATES = ["Norway", "Russia", "Finland", "Chile", "Argentina", "Kenya", "Tanzania", "Vietnam", "Morocco", "Peru"]
PEOPLE = ["Foreign Minister Kari Nordvik", "envoy Marisol Ortega", "Defence Minister Tor Eriksen",
          "mediator Aino Lehtonen", "State Secretary Erik Haugland"]
PLACES = ["Helsinki", "Geneva", "Vienna", "Doha", "Nairobi", "Lima"]
TOPICS = ["a prisoner exchange", "fishing rights", "a ceasefire line", "sanctions relief", "a border survey"]


def story(rng: random.Random, i: int) -> tuple[str, str]:
    a, b = rng.sample(STATES, 2)
    place, topic, person = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(PEOPLE)
    title = f"{a} and {b} hold talks on {topic} in {place} (round {i})"
    body = (
        f"{a} and {b} held talks in {place} on Tuesday over {topic}, officials said.\n\n"
        f"\u201cWe came here to find an agreement, not to repeat old positions,\u201d {person} told reporters.\n\n"
        f"{b} rejected a proposal from {a} to extend the talks, and {a} accused {b} of delaying round {i}.\n\n"
        f"The delegations agreed to meet again in {rng.choice(PLACES)} within {rng.randint(2, 30)} days."
    )
    return title, body


def html_page(title: str, body: str, url: str, published: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<link rel='canonical' href='{url}'><meta property='article:published_time' content='{published}'>"
            f"</head><body><article><h1>{title}</h1>{paras}</article></body></html>")


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))


def make_corpus(root: Path, n_text: int = 24, n_jsonl: int = 10, n_warc: int = 10, seed: int = 3) -> Path:
    """A folder of 9 bundled examples + the shared Common Crawl excerpt + generated
    stories as text files, one JSONL file and one WARC, dated over four months."""
    rng = random.Random(seed)
    corpus = root / "corpus"
    shutil.copytree(REPO / "examples", corpus / "examples")
    (corpus / "warc").mkdir()
    shutil.copy(SHARED / "samples" / "warc" / "warcfile.warc.gz", corpus / "warc" / "commoncrawl.warc.gz")
    months = ["2025-11", "2025-12", "2026-01", "2026-02"]
    i = 0
    (corpus / "text").mkdir()
    for _ in range(n_text):
        title, body = story(rng, i)
        date = f"{months[i % 4]}-{1 + i % 27:02d}" if i % 7 else None
        front = f"---\ntitle: {title}\n" + (f"published: {date}\n" if date else "") + "---\n"
        (corpus / "text" / f"story-{i:03d}.txt").write_text(front + body + "\n", encoding="utf-8")
        i += 1
    lines = []
    for _ in range(n_jsonl):
        title, body = story(rng, i)
        lines.append(json.dumps({"title": title, "text": body, "url": f"https://wire.example.org/j/{i}",
                                 "published": f"{months[i % 4]}-{1 + i % 27:02d}T08:00:00Z"}))
        i += 1
    lines.append(json.dumps(lines and json.loads(lines[0])))  # the same story again: a duplicate
    lines.append("{not json")  # one bad line: one problem row
    (corpus / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = []
    for _ in range(n_warc):
        title, body = story(rng, i)
        url = f"https://news.example.org/{months[i % 4]}/story-{i}"
        pages.append((url, html_page(title, body, url, f"{months[i % 4]}-{1 + i % 27:02d}T10:00:00Z")))
        i += 1
    write_warc(corpus / "warc" / "crawl.warc.gz", pages)
    (corpus / "empty.txt").write_bytes(b"")
    return corpus


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory) -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing at {SHARED}")
    return make_corpus(tmp_path_factory.mktemp("scale"))


def store_tables(store) -> dict[str, list[tuple]]:
    """Every row of every content table, volatile columns left out, sorted."""
    out = {}
    for table in TABLES:
        cols = [r["column_name"] for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table])]
        keep = [c for c in cols if c not in VOLATILE]
        rows = store.query(f"SELECT {', '.join(keep)} FROM {table}")
        out[table] = sorted(tuple(str(r[c]) for c in keep) for r in rows)
    return out


@pytest.fixture(scope="session")
def tables_of():
    """``store_tables`` as a fixture (test modules here are not a package)."""
    return store_tables
