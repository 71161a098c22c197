"""Store-level ingest: batches stored, reruns change nothing, and a SIGKILLed ingest
rerun gives exactly the store an uninterrupted run gives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parley.ingest import IngestOptions
from parley.pipeline import run_ingest
from parley.store import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
# Columns that record when or in which batch a row was written, not what it holds.
VOLATILE = {"ingested_at", "batch_id", "recorded_at"}


def article_rows(db: Path | str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        cols = [r["column_name"] for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles' "
            "ORDER BY ordinal_position")]
        keep = [c for c in cols if c not in VOLATILE]
        rows = store.query(f"SELECT {', '.join(keep)} FROM articles ORDER BY id")
    return [tuple(str(r[c]) for c in keep) for r in rows]


def error_rows(db: Path | str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT origin, code, kind, stage, reason FROM ingest_errors ORDER BY origin, code")
    return [tuple(r.values()) for r in rows]


def test_sample_corpus_is_stored_in_batches(tmp_path):
    db = tmp_path / "demo.duckdb"
    with Store(db) as store:
        result = run_ingest([str(EXAMPLES)], store, IngestOptions(), batch_size=4)
        batches = store.query("SELECT count(*) AS n FROM batches")[0]["n"]
        stored = store.query("SELECT origin_kind, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1")
    assert len(result.new) == 9 and result.failed == 0 and result.duplicates == 0
    assert batches == 3  # 9 documents in batches of 4
    assert {r["origin_kind"]: r["n"] for r in stored} == {"feed": 3, "html": 2, "jsonl": 2, "text": 2}


def test_rerun_changes_nothing(tmp_path):
    db = tmp_path / "twice.duckdb"
    with Store(db) as store:
        first = run_ingest([str(EXAMPLES)], store, IngestOptions(), batch_size=50)
    before = article_rows(db)
    with Store(db) as store:
        second = run_ingest([str(EXAMPLES)], store, IngestOptions(), batch_size=50)
    assert len(first.new) == 9
    assert second.new == [] and second.duplicates == 9
    assert article_rows(db) == before


def test_same_story_in_two_formats_is_stored_once(tmp_path):
    text = "The envoys met in Doha on Monday and agreed to meet again in March to finish the draft."
    (tmp_path / "a.txt").write_text(f"Envoys meet in Doha\n\n{text}\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(f'{{"title": "Doha meeting", "text": "{text}"}}\n', encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        result = run_ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")], store, IngestOptions())
    assert len(result.new) == 1 and result.duplicates == 1


def make_corpus(folder: Path, n: int) -> None:
    """n small articles written from templates (our own sentences, varied by seed)."""
    rng = random.Random(11)
    places = ["Vienna", "Doha", "Geneva", "Oslo", "Nairobi", "Lima", "Accra", "Hanoi", "Rabat", "Tbilisi"]
    folder.mkdir()
    for i in range(n):
        place = rng.choice(places)
        (folder / f"story-{i:04d}.txt").write_text(
            f"---\ntitle: Round {i} of trade talks held in {place}\npublished: 2026-01-{1 + i % 28:02d}\n---\n"
            f"Delegations met in {place} for round {i} of the talks on regional trade and border crossings.\n\n"
            f"Officials said round {i} ended with an agreement to exchange {rng.randint(2, 90)} documents "
            f"before the next meeting.\n",
            encoding="utf-8",
        )
    (folder / "broken.txt").write_bytes(b"")  # one problem row must survive the kill too


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "parley", "ingest", str(corpus), "--db", str(db), "--no-analyze",
            "--batch-size", "5"]


def wait_for_commits(proc: subprocess.Popen, wal: Path, grow_by: int, deadline: float) -> bool:
    """Poll DuckDB's write-ahead log until it has grown by ``grow_by`` bytes past the
    migrations (a few batches committed); False if the run ended first."""
    baseline = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if wal.exists():
            size = wal.stat().st_size
            baseline = size if baseline is None else baseline
            if size >= baseline + grow_by:
                return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_equals_uninterrupted_run(tmp_path):
    corpus = tmp_path / "corpus"
    n = 300
    make_corpus(corpus, n)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    # the reference: one uninterrupted run
    reference = tmp_path / "reference.duckdb"
    done = subprocess.run(ingest_command(corpus, reference), cwd=REPO, env=env, capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr.decode()  # 1: one document failed (the empty file)

    # the same ingest, killed with SIGKILL after some batches were committed
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(ingest_command(corpus, killed), cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        committed = wait_for_commits(proc, Path(f"{killed}.wal"), grow_by=20_000, deadline=time.monotonic() + 120)
        assert committed, "the ingest finished (or stalled) before it could be killed mid-way"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL

    partial = article_rows(killed)
    assert 0 < len(partial) < n, f"expected a partial store, got {len(partial)} of {n} articles"

    # rerun to completion: exactly the reference store, no duplicates, nothing missing
    rerun = subprocess.run(ingest_command(corpus, killed), cwd=REPO, env=env, capture_output=True, timeout=300)
    assert rerun.returncode == 1, rerun.stderr.decode()
    assert article_rows(killed) == article_rows(reference)
    assert len(article_rows(killed)) == n
    assert error_rows(killed) == error_rows(reference)
    with Store(killed, read_only=True) as store:
        dupes = store.query("SELECT count(*) - count(DISTINCT content_hash) AS d FROM articles")[0]["d"]
    assert dupes == 0


def test_overlong_article_is_analysed_in_part_with_a_recorded_warning(tmp_path, nlp, monkeypatch):
    """A text longer than the analysis cap is stored whole, analysed up to the cap, and the
    cut is recorded as a warning (not a failure) so it never passes unnoticed."""
    import parley.analyze
    from parley.pipeline import run_analysis
    from parley.records import Article, content_hash
    from parley.store import Store

    monkeypatch.setattr(parley.analyze, "MAX_CHARS", 200)
    text = "Norway and Russia held talks in Oslo on Monday. " * 20
    h = content_hash(text)
    with Store(tmp_path / "cap.duckdb") as store:
        store.write_batch("b", [Article(id=h[:16], text=text, content_hash=h, origin="long.txt",
                                        origin_kind="text")], [])
        result = run_analysis(store, nlp)
        assert result.analysed == 1 and result.failed == 0
        assert len(store.article(h[:16])["text"]) == len(text)
        assert max(m["end_char"] for m in store.query("SELECT end_char FROM mentions")) <= 200
        (warning,) = store.errors()
        assert warning["code"] == "W301" and warning["kind"] == "warning"
        assert "first 200 of 960 characters" in warning["reason"]
