"""The crash corpus: every text of the development benchmarks through every layer.

PolNeAR train and dev, RAMS dev, WikiEvents dev, ECB+ dev topics and TimeML: about
2,300 real news texts. Zero analysis failures is the bar. The small model keeps the run
to a few minutes; the components (ours) are the same as with the default model.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from parley.analyze import analyze_articles
from parley.eval.bench_texts import SETS, bench_articles
from parley.records import IngestProblem


@pytest.fixture(scope="module")
def nlp_sm():
    from parley.nlp import load_nlp

    return load_nlp("sm")


def test_bench_readers_give_every_text(shared):
    counts = Counter(a.id.split("/")[0] for a in bench_articles(shared / "bench"))
    assert set(counts) == set(SETS)
    assert counts["polnear-train"] == 840 and counts["polnear-dev"] == 84 and counts["timeml"] == 256
    assert counts["rams-dev"] > 900 and counts["wikievents-dev"] == 20 and counts["ecbplus-dev"] > 150


@pytest.mark.slow
def test_every_bench_text_is_analysed_without_failure(shared, nlp_sm):
    t0 = time.perf_counter()
    failures, analysed = [], 0
    for article, result in analyze_articles(bench_articles(shared / "bench"), nlp_sm, batch_size=32):
        if isinstance(result, IngestProblem):
            failures.append(f"{article.id}: {result.reason}")
            continue
        analysed += 1
        n = len(article.text)
        spans = [(q.start, q.end) for q in result.quotes] + [(t.start, t.end) for t in result.times] \
            + [(m.start, m.end) for m in result.mentions]
        assert all(0 <= s <= e <= n for s, e in spans), article.id
    elapsed = time.perf_counter() - t0
    print(f"crash corpus: {analysed} texts analysed, {len(failures)} failures, {elapsed:.0f}s")
    assert not failures, "\n".join(failures)
    assert analysed > 2200
