"""``--workers``: analysis on several processes leaves exactly the one-process store."""

from __future__ import annotations

import pytest

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
    tables, stats = {}, {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            run_ingest([str(mixed_corpus)], store, IngestOptions())
            stats[workers] = PoolStats()
            result = run_analysis_workers(store, workers=workers, stats=stats[workers], batch_size=8)
            assert result.analysed >= 40 and result.failed == 0
            tables[workers] = tables_of(store)
    assert len(stats[2].peak_rss) == 2  # two processes did the work, each reported its memory
    assert 0.2 < stats[2].max_gib < 1.5
    one, two = tables[1], tables[2]
    assert len(one["events"]) > 40 and len(one["quotes"]) > 20 and len(one["mentions"]) > 200
    for table in one:
        assert one[table] == two[table], table
