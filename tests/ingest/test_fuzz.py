"""Fuzz suite (issue 14): generated corpora of mixed batches like the attack probe's, and
Hypothesis properties of the readers.

A generated batch mixes good documents (each unique, so none is a duplicate) with bad
ones from every family the probe used. Through the real ingest and the real DuckDB store
each batch must store every good document, give every bad one its specific row (never
E100, never the E117 budget), and keep peak memory bounded. The default run generates
``FUZZ_CASES`` (300) documents; the slow test, which CI runs, 10,000.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import resource
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from parley.ingest import IngestOptions, iter_documents
from parley.ingest.sniff import sniff
from parley.pipeline import run_ingest
from parley.records import IngestProblem
from parley.safe_text import safe_origin
from parley.store import Store

FUZZ_CASES = 300
SLOW_CASES = 10_000
BATCH = 25
DOC_BUDGET_S = 10.0
MAX_RSS_MB = 1536
WORDS = ("envoy minister talks ceasefire border delegation agreed proposal summit Geneva Nairobi Lima "
         "Monday Tuesday spokesman foreign rejected accepted plan troops withdrawal round").split()


@dataclass
class Case:
    name: str
    data: bytes
    kind: str  # good | bad | any (a reader may fairly make an article or a problem of it)
    codes: tuple[str, ...] = ()  # for bad: the specific codes it may get


def _story(rng: random.Random, uid: int) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        sentences.append(" ".join(words).capitalize() + ".")
    return f"Case {uid} report on the talks\n\n" + f"Reference {uid}. " + "\n\n".join(sentences)


def _good(rng: random.Random, uid: int) -> Case:
    story = _story(rng, uid)
    title, body = story.split("\n\n", 1)
    choice = rng.randrange(7)
    if choice == 0:
        return Case(f"g{uid}.txt", story.encode(), "good")
    if choice == 1:
        return Case(f"g{uid}.txt", f"---\ntitle: {title}\npublished: 2026-01-05\n---\n{body}".encode(), "good")
    if choice == 2:  # a bracketed kicker: text, not JSON
        return Case(f"g{uid}.txt", f"[The Wire] {title}\n\n{body}".encode(), "good")
    if choice == 3:
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        return Case(f"g{uid}.html", f"<html><head><title>{title}</title></head><body><article>{paras}"
                                    f"</article></body></html>".encode(), "good")
    if choice == 4:
        return Case(f"g{uid}.jsonl", (json.dumps({"title": title, "text": body}) + "\n").encode(), "good")
    if choice == 5:
        return Case(f"g{uid}.txt", story.encode(rng.choice(["utf-16", "utf-16-le", "utf-32-be"])), "good")
    return Case(f"g{uid}.txt.gz", gzip.compress(story.encode()), "good")


def _bad(rng: random.Random, uid: int) -> Case:
    story = _story(rng, uid)
    choice = rng.randrange(18)
    if choice == 0:
        return Case(f"b{uid}.txt", rng.randbytes(rng.randint(1, 7)), "bad", ("E101", "E102", "E103", "E107", "E115"))
    if choice == 1:
        return Case(f"b{uid}.bin", rng.randbytes(rng.randint(8, 6000)), "bad", ("E102", "E103", "E107", "E115"))
    if choice == 2:
        return Case(f"b{uid}.html", b"<!---->" * rng.randint(20, 4000) + story.encode(), "any")
    if choice == 3:
        packed = gzip.compress(story.encode() * 5)
        return Case(f"b{uid}.txt.gz", packed[: rng.randint(10, len(packed) - 5)], "bad", ("E104",))
    if choice == 4:
        return Case(f"b{uid}.txt.gz", gzip.compress(b"talks " * 400_000), "bad", ("E108",))
    if choice == 5:
        depth = rng.randint(2_000, 50_000)
        return Case(f"b{uid}.json", b'{"text": ' + b"[" * depth + b"]" * depth + b"}", "bad", ("E112",))
    if choice == 6:
        return Case(f"b{uid}.jsonl", b'{"text": "x", "n": ' + b"7" * rng.randint(4_400, 20_000) + b"}\n",
                    "bad", ("E112",))
    if choice == 7:
        return Case(f"b{uid}.json", rng.choice([b"[]", b"{}", b'["a", 1]', b'{"title": "no text"}', b"[{]"]),
                    "bad", ("E101", "E112"))
    if choice == 8:
        return Case(f"b{uid}.xml", b'<?xml version="1.0"?><rss><channel><item><title>' + story.encode()[:50],
                    "bad", ("E105",))
    if choice == 9:
        ents = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 8))
        return Case(f"b{uid}.xml", f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "x">{ents}]><rss>&e7;</rss>'
                    .encode(), "bad", ("E105", "E106"))
    if choice == 10:
        return Case(f"b{uid}.html", b"<html><body><ul>" + b"<li><a href='/x'>Menu</a></li>" * rng.randint(1, 50)
                    + b"</ul></body></html>", "bad", ("E107",))
    if choice == 11:
        return Case(f"b{uid}.txt", rng.choice([b"", b"   \n\t \n", b"\n" * 100]), "bad", ("E101",))
    if choice == 12:
        return Case(f"b{uid}.pdf", b"%PDF-1.7\n" + rng.randbytes(200), "bad", ("E102",))
    if choice == 13:  # non-UTF-8 and hostile file names, ordinary content
        name = os.fsdecode(b"n" + bytes([rng.randint(0x80, 0xFF)]) + f"{uid}\x1b[2J[bold].txt".encode())
        return Case(name, story.encode(), "good")
    if choice == 14:  # lone surrogates in JSON fields
        record = {"title": "T\ud800", "url": f"https://ex.org/{uid}\udfff", "byline": "\ud83d",
                  "text": story + "\udc00"}
        return Case(f"s{uid}.jsonl", json.dumps(record).encode() + b"\n", "good")
    if choice == 15:
        lines = [json.dumps({"title": f"L{uid}", "text": story}), '{"broken": ', "[1, 2]", ""]
        rng.shuffle(lines)
        return Case(f"m{uid}.jsonl", "\n".join(lines).encode(), "any")
    if choice == 16:  # control characters and bidi overrides inside a good text
        return Case(f"c{uid}.txt", (story[:40] + "\x1b]0;t\x07\u202e" + story[40:]).encode(), "any")
    return Case(f"b{uid}.txt", story.encode("utf-8")[:30] + b"\xed\xa0\x80" + rng.randbytes(20), "any")


def generate(n: int, seed: int) -> list[list[Case]]:
    rng = random.Random(seed)
    cases = [(_good if rng.random() < 0.4 else _bad)(rng, uid) for uid in range(n)]
    return [cases[i:i + BATCH] for i in range(0, n, BATCH)]


def _belongs(row_origin: str, origin: str) -> bool:
    """A row of this file: the file itself, a JSONL line (``:N``) or a record (``#N``)."""
    return row_origin == origin or row_origin.startswith((origin + ":", origin + "#"))


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _start_peak() -> float:
    """Reset this process's peak RSS (Linux ``clear_refs``) and return the RSS it holds
    now: in a full suite run the process already carries models and stores of earlier
    tests, and its lifetime peak says nothing about the fuzz run."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_mb("VmRSS") or 0.0
    except OSError:
        return 0.0


def _peak_rss_mb(baseline: float) -> float:
    """Peak RSS of the fuzz run above what the process held when it started."""
    peak = _status_mb("VmHWM") if baseline else None
    if peak is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return peak - baseline


def run_fuzz(tmp_path: Path, n: int, seed: int) -> dict[str, int]:
    options = IngestOptions(max_bytes=1_000_000, doc_timeout=DOC_BUDGET_S)
    stats = {"cases": 0, "good": 0, "bad": 0, "rows": 0}
    baseline = _start_peak()
    with Store(tmp_path / "fuzz.duckdb") as store:
        for number, batch in enumerate(generate(n, seed)):
            folder = tmp_path / f"batch{number:04d}"
            folder.mkdir()
            paths = []
            for case in batch:
                path = folder / case.name
                path.write_bytes(case.data)
                paths.append((safe_origin(str(path)), case))
            start = time.monotonic()
            run_ingest([str(folder)], store, options, batch_size=BATCH)
            took = time.monotonic() - start
            assert took < DOC_BUDGET_S * len(batch), f"batch {number} took {took:.1f} s"
            prefix = safe_origin(str(folder))
            stored = {r["origin"] for r in store.query("SELECT origin FROM articles WHERE starts_with(origin, ?)",
                                                       [prefix])}
            errors = store.query("SELECT origin, code, reason FROM ingest_errors WHERE starts_with(origin, ?)",
                                 [prefix])
            assert not [e for e in errors if e["code"] in ("E100", "E117")], errors
            for origin, case in paths:
                mine_stored = {o for o in stored if _belongs(o, origin)}
                mine_errors = [e for e in errors if _belongs(e["origin"], origin)]
                if case.kind == "good":
                    assert mine_stored, (case.name, mine_errors)
                elif case.kind == "bad":
                    assert not mine_stored, (case.name, mine_stored)
                    assert mine_errors and {e["code"] for e in mine_errors} <= set(case.codes), (case.name, mine_errors)
                else:
                    assert mine_stored or mine_errors, case.name
                stats[case.kind if case.kind != "any" else "bad"] += 1
                stats["cases"] += 1
            stats["rows"] += len(stored) + len(errors)
    assert _peak_rss_mb(baseline) < MAX_RSS_MB
    return stats


def test_generated_mixed_batches(tmp_path):
    stats = run_fuzz(tmp_path, FUZZ_CASES, seed=14)
    assert stats["cases"] == FUZZ_CASES and stats["good"] > 50 and stats["bad"] > 100


@pytest.mark.slow
def test_ten_thousand_generated_cases(tmp_path):
    stats = run_fuzz(tmp_path, SLOW_CASES, seed=1414)
    assert stats["cases"] == SLOW_CASES


# -- Hypothesis properties -------------------------------------------------------------------
FUZZ_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ_SETTINGS
@given(data=st.binary(max_size=4000), name=st.sampled_from(["a.txt", "a.html", "a.json", "a.jsonl", "a.xml", "a"]))
def test_any_bytes_give_an_outcome_and_never_e100(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    outcomes = list(iter_documents([str(path)], IngestOptions(doc_timeout=DOC_BUDGET_S)))
    assert outcomes
    assert not [o for o in outcomes if isinstance(o, IngestProblem) and o.code in ("E100", "E117")]


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["text", "title", "url", "html", "date", "author", "x"]), inner, max_size=5),
    max_leaves=20)


@FUZZ_SETTINGS
@given(lines=st.lists(st.one_of(_JSON_VALUES.map(json.dumps), st.text(max_size=60)), min_size=1, max_size=8))
def test_jsonl_gives_one_outcome_per_nonblank_line(tmp_path, lines):
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    outcomes = list(iter_documents([str(path)]))
    problems = [o for o in outcomes if isinstance(o, IngestProblem)]
    assert not [p for p in problems if p.code in ("E100", "E117")]
    if lines[0].lstrip().startswith("{"):
        try:
            first_is_object = isinstance(json.loads(lines[0]), dict)
        except ValueError:
            first_is_object = False
        if first_is_object:
            # blank as the reader sees it: ASCII whitespace only ("\x1f" is a line of junk, one E112 row)
            assert len(outcomes) == sum(1 for line in lines if line.encode("utf-8", "surrogatepass").strip())


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="<!->/ \nahtmlbodyp", max_size=8192))
def test_sniff_is_fast_on_markup_soup(text):
    start = time.perf_counter()
    sniff(text.encode())
    assert time.perf_counter() - start < 0.2
