"""``--workers``: analysis on several processes leaves exactly the one-process store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.ingest import IngestOptions
from parley.pipeline import run_analysis_workers, run_ingest
from parley.scale.pool import PoolStats, effective_workers
from parley.store import Store


def test_workers_never_exceed_the_chunks():
    assert effective_workers(8, 0, 16) == 1
    assert effective_workers(8, 16, 16) == 1
    assert effective_workers(8, 17, 16) == 2
    assert effective_workers(2, 500, 16) == 2


@pytest.mark.slow
def test_two_workers_give_the_one_worker_store(tmp_path, mixed_corpus, tables_of):
    with Store(tmp_path / "w1.duckdb") as store:
        run_ingest([str(mixed_corpus)], store, IngestOptions())
        stats = PoolStats()
        result = run_analysis_workers(store, workers=1, stats=stats)
        assert result.analysed >= 40 and result.failed == 0
        one = tables_of(store)
    assert len(stats.peak_rss) == 1
    # the same corpus through the command line on two workers
    done = CliRunner().invoke(app, ["ingest", str(mixed_corpus), "--db", str(tmp_path / "w2.duckdb"),
                                    "--workers", "2", "--json"])
    assert done.exit_code == 1, done.output  # 1: the corpus holds broken documents on purpose
    summary = json.loads(done.output.strip().splitlines()[-1])["rows"][0]
    assert summary["analysed"] == result.analysed
    assert summary["memory"]["workers"] == 2  # two processes did the work, each reported its memory
    assert 0.2 < summary["memory"]["peak_rss_gib_per_worker"] < 1.5
    with Store(tmp_path / "w2.duckdb", read_only=True) as store:
        two = tables_of(store)
    assert len(one["events"]) > 40 and len(one["quotes"]) > 20 and len(one["mentions"]) > 200
    for table in one:
        assert one[table] == two[table], table
