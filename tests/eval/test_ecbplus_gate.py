"""ECB+ gate: incidents on the standard dev topics (2, 5, 12, 18, 21, 23, 34, 35) must
keep CoNLL F1 and coverage at or above ``baselines.json`` ("ecbplus-dev-topics"); the
same-lemma baseline is scored on the same mentions in the same run. All 35 topics are
scored by ``parley eval ecbplus ../shared/bench/ecbplus-dev``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MINIMUMS = json.loads((Path(__file__).parent / "baselines.json").read_text())["ecbplus-dev-topics"]["incidents"]
DEV = {"2", "5", "12", "18", "21", "23", "34", "35"}


@pytest.fixture(scope="module")
def report(nlp, shared):
    from parley.eval.ecbplus import evaluate_ecbplus

    return evaluate_ecbplus(shared / "bench" / "ecbplus-dev", nlp, topics=DEV)


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(MINIMUMS))
def test_ecbplus_dev_holds(report, metric):
    scores = report.layers["incidents"]
    assert scores[metric] >= MINIMUMS[metric], (metric, scores[metric], scores["baseline_conll_f1"])
    for layer in ("muc", "b3", "ceafe"):
        assert set(scores[layer]) == {"precision", "recall", "f1"}
    assert 0 < scores["baseline_conll_f1"] <= 1
