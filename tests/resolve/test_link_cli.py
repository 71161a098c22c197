"""parley link on a real store: JSON shape, merged-actor table, overrides from --actors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parley.cli import app

runner = CliRunner()


def _store(tmp_path, nlp, ingest_files, examples):
    from parley.store import Store

    db = tmp_path / "l.duckdb"
    with Store(db) as s:
        ingest_files(s, nlp, [p for p in examples if p.suffix in (".txt", ".jsonl")])
    return db


def test_link_json_and_overrides(tmp_path, nlp, ingest_files, examples):
    db = _store(tmp_path, nlp, ingest_files, examples)
    res = runner.invoke(app, ["link", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.output)["rows"][0]
    assert row["incidents_total"] > 0 and row["dating"]["share_dated"] > 0.5
    assert row["merged"] == []  # nobody in these articles is two actors

    overrides = tmp_path / "actors.yaml"
    overrides.write_text("same_as:\n  - [Pavel Sorokin, Andrei Melnikov]\nnot_same_as:\n  - [Kari Nordvik, Nordvik]\n")
    res = runner.invoke(app, ["link", "--db", str(db), "--json", "--actors", str(overrides)])
    assert res.exit_code == 0, res.output
    merged = json.loads(res.output)["rows"][0]["merged"]
    assert [(m["name"], m["canonical_name"], m["rule"]) for m in merged] == [
        ("Pavel Sorokin", "Andrei Melnikov", "override_same_as")]

    bad = tmp_path / "bad.yaml"
    bad.write_text("same_as:\n  - just-one\n")
    res = runner.invoke(app, ["link", "--db", str(db), "--json", "--actors", str(bad)])
    assert res.exit_code == 2 and json.loads(res.output)["ok"] is False
