"""TimeML gate: the temporal tagger's TempEval-3 scores on a fixed subset of
``../shared/bench/timeml`` (every fourth file in sorted order, 64 documents) must stay
at or above the minimums in ``baselines.json`` ("timeml-every4"). The full set (256
documents) is scored by ``parley eval timeml ../shared/bench/timeml``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.eval.report import headline

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))
MINIMUMS = BASELINES["timeml-every4"]
GATES = [(layer, metric, minimum) for layer, metrics in MINIMUMS.items() for metric, minimum in metrics.items()]


@pytest.fixture(scope="module")
def timeml_dir(shared) -> Path:
    return shared / "bench" / "timeml"


@pytest.fixture(scope="module")
def subset_report(nlp, timeml_dir):
    from parley.eval.timeml import evaluate_timeml, read_tml, tml_files

    docs = [read_tml(p) for p in tml_files(timeml_dir)[::4]]
    assert len(docs) == 64
    return evaluate_timeml(timeml_dir, nlp, docs=docs, baseline=False)


@pytest.mark.parametrize("layer,metric,minimum", GATES, ids=[f"{layer}:{m}" for layer, m, _ in GATES])
def test_subset_score_holds(subset_report, layer, metric, minimum):
    scores = headline(subset_report.layers[layer])
    errors = [e for e in subset_report.errors if e["layer"] == layer][:8]
    assert scores[metric] >= minimum, (
        f"timeml-every4/{layer}/{metric} = {scores[metric]} < {minimum}; first errors:\n"
        + "\n".join(json.dumps(e, default=str)[:300] for e in errors))


def test_reader_keeps_offsets_and_the_creation_time(timeml_dir):
    from parley.eval.timeml import read_tml, tml_files

    for path in tml_files(timeml_dir)[:20]:
        doc = read_tml(path)
        assert doc.dct.year >= 1989
        assert "<" not in doc.text and "&amp;" not in doc.text
        for timex in doc.gold:
            assert doc.text[timex.start:timex.end] == timex.text
            assert timex.type in ("DATE", "TIME", "DURATION", "SET")


def test_report_shape_and_dateparser_baseline(nlp, timeml_dir):
    from parley.eval.timeml import evaluate_timeml

    report = evaluate_timeml(timeml_dir, nlp, limit=2)
    out = report.to_dict()
    for layers in (out["layers"], out["baseline"]):
        assert set(layers["times"]) >= {"strict", "lenient"}
        assert {"f1", "accuracy", "type_accuracy"} <= set(layers["time_values"])
    assert "dateparser" in out["baseline"]["system"]
    kinds = {e["kind"] for e in out["errors"]}
    assert kinds <= {"fp", "fn", "extent", "value", "type"}
