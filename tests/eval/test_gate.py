"""Quality gate: every score in ``baselines.json`` must hold.

Generic over layers and metrics: a layer's owner adds ``{dataset: {layer: {metric:
minimum}}}`` to ``baselines.json`` and this test checks it, with no code change. A
dataset is run once per session by its runner below: ``*.gold.json`` files of
``../shared/gold`` through ``evaluate_gold``, ``plover-gsr`` (all 322 sentences)
through ``evaluate_plover``, ``rams-dev`` and ``wikievents-dev`` (whole dev splits)
through ``parley.eval.event_bench``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.eval.report import headline

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))


def _run_gold(name: str, nlp, shared: Path):
    from parley.eval.gold import evaluate_gold

    return evaluate_gold(shared / "gold" / name, nlp)


def _run_plover(name: str, nlp, shared: Path):
    from parley.eval.plover import evaluate_plover

    return evaluate_plover(shared / "bench" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt", nlp)


def _run_rams(name: str, nlp, shared: Path):
    from parley.eval.event_bench import evaluate_rams

    return evaluate_rams(shared / "bench" / "rams-dev", nlp)


def _run_wikievents(name: str, nlp, shared: Path):
    from parley.eval.event_bench import evaluate_wikievents

    return evaluate_wikievents(shared / "bench" / "wikievents-dev", nlp)


def _runner(dataset: str):
    if dataset.endswith(".gold.json"):
        return _run_gold
    return {"plover-gsr": _run_plover, "rams-dev": _run_rams, "wikievents-dev": _run_wikievents}.get(dataset)


GATES = [
    (dataset, layer, metric, minimum)
    for dataset, layers in BASELINES.items() if not dataset.startswith("_") and _runner(dataset)
    for layer, metrics in layers.items()
    for metric, minimum in metrics.items()
]

_reports: dict[str, object] = {}


@pytest.fixture(scope="module")
def report_for(nlp, shared):
    def get(dataset: str):
        if dataset not in _reports:
            _reports[dataset] = _runner(dataset)(dataset, nlp, shared)
        return _reports[dataset]

    return get


def test_baselines_are_well_formed():
    for dataset, layers in BASELINES.items():
        if dataset.startswith("_"):
            continue
        assert isinstance(layers, dict) and layers, dataset
        for layer, metrics in layers.items():
            for metric, minimum in metrics.items():
                assert 0.0 <= float(minimum) <= 1.0, (dataset, layer, metric)


@pytest.mark.parametrize("dataset,layer,metric,minimum", GATES,
                         ids=[f"{d}:{layer}:{m}" for d, layer, m, _ in GATES])
def test_score_holds(report_for, dataset, layer, metric, minimum):
    report = report_for(dataset)
    assert layer in report.layers, f"{dataset}: layer {layer!r} missing from the report"
    scores = headline(report.layers[layer])
    assert metric in scores, f"{dataset}/{layer}: metric {metric!r} missing (have {sorted(scores)})"
    errors = [e for e in report.errors if e.get("layer") == layer][:10]
    assert scores[metric] >= float(minimum), (
        f"{dataset}/{layer}/{metric} = {scores[metric]} < baseline {minimum}; first errors:\n"
        + "\n".join(json.dumps(e, ensure_ascii=False, default=str)[:300] for e in errors)
    )
