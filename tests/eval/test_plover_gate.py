"""PLOVER GSR gate, events part: the event-type scorer's shape (per-type scores, a
confusion matrix that accounts for every sentence) and its minimums from
``baselines.json`` on a fixed subset (every third sentence, so each type is present);
the generic gate (``test_gate.py``) holds the same minimums on all 322 sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))
MINIMUMS = BASELINES["plover-gsr"]["event_types"]
# the subset may sit a little below the full-set minimum; the full set is held by test_gate.py
SUBSET_SLACK = 0.05


@pytest.fixture(scope="module")
def subset_report(nlp, shared):
    from parley.eval.plover import load_sentences, run_sentences, score_event_types
    from parley.eval.report import EvalReport

    sentences = load_sentences(shared / "bench" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt")[::3]
    records = list(run_sentences(sentences, nlp))
    report = EvalReport(dataset="plover-gsr[::3]")
    score_event_types(records, report)
    return report, records


def test_gsr_labels_are_mapped_to_plover_2(subset_report):
    report, _ = subset_report
    confusion = report.extra["confusion"]
    assert not {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"} & set(confusion)
    assert {"REQUEST", "ACCUSE", "ASSAULT"} <= set(confusion)


def test_confusion_matrix_accounts_for_every_sentence(subset_report):
    report, records = subset_report
    layer = report.layers["event_types"]
    confusion = report.extra["confusion"]
    assert sum(sum(row.values()) for row in confusion.values()) == len(records) == layer["total"]
    assert sum(row.get(gold, 0) for gold, row in confusion.items()) == layer["correct"]
    for scores in layer["per_type"].values():
        assert {"precision", "recall", "f1", "tp", "fp", "fn"} <= set(scores)


@pytest.mark.parametrize("metric", sorted(MINIMUMS))
def test_subset_meets_minimums(subset_report, metric):
    report, _ = subset_report
    assert report.layers["event_types"][metric] >= MINIMUMS[metric] - SUBSET_SLACK
