"""The bundled examples/ crisis against a timeline written by hand, in any ingest order."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from parley.resolve import link_store
from parley.store import Store

EXPECTED = yaml.safe_load((Path(__file__).parent / "data" / "examples_timeline.yaml").read_text())


@pytest.fixture(scope="module")
def store(nlp, tmp_path_factory, ingest_files, examples):
    s = Store(tmp_path_factory.mktemp("ex") / "ex.duckdb")
    ingest_files(s, nlp, examples)
    yield s
    s.close()


def _incidents(store):
    rows = store.query(
        "SELECT i.*, list(DISTINCT a.title) AS titles FROM incidents i "
        "JOIN incident_events ie ON ie.incident_id = i.id JOIN articles a ON a.id = ie.article_id GROUP BY ALL")
    for r in rows:
        r["keys"] = set()
        for a in store.query("SELECT actor_id, country FROM incident_actors WHERE incident_id = ?", [r["id"]]):
            r["keys"] |= {a["actor_id"], a["country"]} - {None}
        r["history"] = [h["status"] for h in store.query(
            "SELECT status FROM incident_status WHERE incident_id = ? ORDER BY published, event_id", [r["id"]])]
    return rows


def _matches(inc, exp):
    return (inc["type"] == exp["type"] and (inc["date_value"] or "").startswith(exp["date"])
            and set(exp.get("participants", [])) <= inc["keys"])


def _article_set(inc, exp):
    return sorted(next(w for w in exp["articles"] if w.lower() in t.lower()) if any(
        w.lower() in t.lower() for w in exp["articles"]) else t for t in inc["titles"])


@pytest.mark.parametrize("exp", EXPECTED["incidents"], ids=lambda e: e["name"])
def test_expected_incident_reproduced(store, exp):
    found = [i for i in _incidents(store) if _matches(i, exp)]
    assert len(found) == 1, f"{exp['name']}: {len(found)} incidents match: {[f['titles'] for f in found]}"
    inc = found[0]
    assert _article_set(inc, exp) == sorted(exp["articles"])
    assert inc["status"] == exp["status"]
    if "history" in exp:
        assert list(dict.fromkeys(inc["history"])) == exp["history"]
    assert inc["n_articles"] == len(exp["articles"])


def test_every_incident_has_reasons_and_first_report(store):
    for r in store.query("SELECT ie.reasons, i.first_evidence FROM incident_events ie JOIN incidents i "
                         "ON i.id = ie.incident_id"):
        assert r["first_evidence"]
        assert r["reasons"]


def test_shuffled_ingest_orders_give_identical_incidents(nlp, store, tmp_path, ingest_files, incident_snapshot,
                                                        examples):
    reference = incident_snapshot(store)
    assert reference
    for seed in (1, 2):
        order = examples[:]
        random.Random(seed).shuffle(order)
        with Store(tmp_path / f"s{seed}.duckdb") as s:
            ingest_files(s, nlp, order)
            assert incident_snapshot(s) == reference


def test_incremental_equals_full_relink(store, incident_snapshot):
    incremental = incident_snapshot(store)
    link_store(store, full=True)
    assert incident_snapshot(store) == incremental
    link_store(store, full=True, chunk=5)  # in small chunks, each linked against the stored ones
    assert incident_snapshot(store) == incremental
