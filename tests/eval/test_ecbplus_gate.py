"""ECB+ gate: incidents on every dev topic (1-35) must keep CoNLL F1, coverage and the
margin over the same-lemma baseline (scored on the same mentions in the same run) at or
above ``baselines.json`` ("ecbplus-dev"), as ``parley eval ecbplus ../shared/bench/ecbplus-dev``
prints them. The held-out topics (36-45) are not here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MINIMUMS = json.loads((Path(__file__).parent / "baselines.json").read_text())["ecbplus-dev"]["incidents"]


@pytest.fixture(scope="module")
def report(nlp, shared):
    from parley.eval.ecbplus import evaluate_ecbplus

    return evaluate_ecbplus(shared / "bench" / "ecbplus-dev", nlp)


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(MINIMUMS))
def test_ecbplus_dev_holds(report, metric):
    scores = report.layers["incidents"]
    value = (scores["conll_f1"] - scores["baseline_conll_f1"]) if metric == "margin_over_baseline" else scores[metric]
    assert value >= MINIMUMS[metric], (metric, value, scores["conll_f1"], scores["baseline_conll_f1"])
    for layer in ("muc", "b3", "ceafe"):
        assert set(scores[layer]) == {"precision", "recall", "f1"}
    assert 0 < scores["baseline_conll_f1"] <= 1
