from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _ingest_files(store, nlp, files, link=True):
    """Ingest, analyse and link files one at a time, in the order given."""
    from parley.pipeline import run_analysis, run_ingest
    from parley.resolve import link_store

    reports = []
    for f in files:
        run_ingest([str(f)], store)
        run_analysis(store, nlp)
        if link:
            reports.append(link_store(store))
    return reports


def _incident_snapshot(store):
    """Incidents as comparable content: id, type, status, date, members, actors."""
    incs = store.query("SELECT id, type, status, quad, date_value, date_rule, location, first_article_id, n_events, "
                       "n_articles, n_outlets FROM incidents ORDER BY id")
    members = {}
    for r in store.query("SELECT incident_id, event_id, reasons FROM incident_events ORDER BY event_id"):
        members.setdefault(r["incident_id"], []).append((r["event_id"], r["reasons"]))
    actors = {}
    for r in store.query("SELECT * FROM incident_actors ORDER BY ALL"):
        actors.setdefault(r["incident_id"], []).append((r["role"], r["actor_id"]))
    history = {}
    for r in store.query("SELECT incident_id, status, event_id FROM incident_status ORDER BY ALL"):
        history.setdefault(r["incident_id"], []).append((r["status"], r["event_id"]))
    return [{**i, "members": members.get(i["id"]), "actors": actors.get(i["id"]), "history": history.get(i["id"])}
            for i in incs]


@pytest.fixture(scope="session")
def ingest_files():
    return _ingest_files


@pytest.fixture(scope="session")
def incident_snapshot():
    return _incident_snapshot


@pytest.fixture(scope="session")
def examples():
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file())
