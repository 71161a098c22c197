"""Quality gate for attributions on a fixed PolNeAR subset (every 7th dev text).

The full dev set (84 texts, ``parley eval polnear ../shared/bench/polnear-dev``) takes
minutes; this spread-out subset of 12 texts runs in seconds with the real pipeline and
holds the minimums in ``baselines.json`` under ``polnear-dev-every7``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.eval.report import headline

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))
SUBSET = "polnear-dev-every7"


@pytest.fixture(scope="module")
def report(nlp, shared):
    from parley.eval.polnear import evaluate_polnear

    return evaluate_polnear(shared / "bench" / "polnear-dev", nlp, every=7)


def test_subset_is_the_fixed_one(report):
    assert report.extra["texts"] == 12


@pytest.mark.parametrize("metric,minimum", sorted(BASELINES[SUBSET]["attributions"].items()))
def test_attribution_scores_hold(report, metric, minimum):
    scores = headline(report.layers["attributions"])
    errors = [e for e in report.errors if e["kind"] in ("fn", "fp", "source")][:8]
    assert scores[metric] >= minimum, (
        f"{SUBSET}/attributions/{metric} = {scores[metric]} < {minimum}; first errors:\n"
        + "\n".join(json.dumps(e, ensure_ascii=False)[:300] for e in errors))


def test_multi_annotator_texts_count_once(shared):
    """A text with several annotation passes weighs as much as one with a single pass."""
    from parley.eval.polnear import predictions_from_quotes, score_corpus
    from parley.data.polnear import read_polnear

    texts = [t for t in read_polnear(shared / "bench" / "polnear-dev") if len(t.annotations) > 1][:1]
    assert texts, "the dev split has texts annotated more than once"
    item = texts[0]
    report = score_corpus([(item, predictions_from_quotes([]))], "one")
    layer = report.layers["attributions"]["lenient"]
    mean_gold = sum(len(a) for a in item.annotations.values()) / len(item.annotations)
    assert layer["fn"] == pytest.approx(round(mean_gold, 2), abs=0.01)
    assert layer["tp"] == 0
