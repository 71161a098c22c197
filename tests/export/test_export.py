"""Exports round-trip: Parquet and CSV reload with the same rows and values, GraphML
loads in networkx with the same edges, PLOVER JSON carries the documented fields."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.export.writers import PLOVER_ACTOR_FIELDS, PLOVER_EXTRA, PLOVER_FIELDS
from parley.query import EventFilter, NetworkFilter, Reader
from parley.query import incidents as I
from parley.query import listings as L
from parley.query.pages import stream

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def _export(db, tmp_path, fmt, *args, name="out"):
    out = tmp_path / f"{name}.{fmt}"
    res = runner.invoke(app, ["export", "--db", db, "--format", fmt, *args, "--json", str(out)])
    assert res.exit_code == 0, res.output
    return out, json.loads(res.stdout)["rows"][0]["records"]


@pytest.mark.parametrize("table", ["events", "articles", "quotes", "incidents", "actors"])
def test_parquet_reloads_in_duckdb_and_pyarrow_with_the_same_rows(big_db, tmp_path, table):
    out, n = _export(big_db, tmp_path, "parquet", "--table", table)
    with Reader(big_db) as r:
        sel = {"events": L.events(EventFilter()), "articles": L.articles(L.ArticleFilter()),
               "quotes": L.quotes(L.QuoteFilter()), "incidents": I.timeline(I.IncidentFilter()),
               "actors": L.actors(L.ActorFilter())}[table]
        expected = [{k: v for k, v in row.items() if k not in sel.hidden}
                    for row in r.query(sel.ordered_sql(), sel.params)]
    assert n == len(expected) > 5
    back = duckdb.connect().execute(f"SELECT * FROM read_parquet('{out}')").fetchall()
    assert [tuple(row.values()) for row in expected] == back
    assert pq.read_table(out).num_rows == n


def test_csv_and_jsonl_reload_with_the_same_values(big_db, tmp_path):
    out, n = _export(big_db, tmp_path, "csv", "--table", "events", "--type", "ASSAULT")
    with Reader(big_db) as r:
        expected = list(stream(r, L.events(EventFilter.parse(type="ASSAULT"))))
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert n == len(rows) == len(expected) > 100
    for got, want in zip(rows, expected, strict=True):
        assert got["id"] == want["id"] and got["type"] == "ASSAULT"
        assert json.loads(got["sources"]) == want["sources"] and got["evidence"] == want["evidence"]
        assert got["date_earliest"] == want["date_earliest"].isoformat()
    pandas_like = duckdb.connect().execute(f"SELECT count(*), count(DISTINCT id) FROM read_csv('{out}')").fetchone()
    assert pandas_like == (n, n)
    jl, m = _export(big_db, tmp_path, "jsonl", "--table", "events", "--type", "ASSAULT")
    lines = [json.loads(line) for line in jl.read_text(encoding="utf-8").splitlines()]
    assert m == n and [x["id"] for x in lines] == [w["id"] for w in expected]


def test_graphml_loads_in_networkx_with_the_same_edges(read_db, tmp_path):
    out, n = _export(read_db, tmp_path, "graphml")
    g = nx.read_graphml(out)
    with Reader(read_db) as r:
        net = I.network(r, NetworkFilter())
    assert n == g.number_of_edges() == len(net["edges"]) == 2
    assert {(u, v, d["quad"], d["weight"]) for u, v, d in g.edges(data=True)} == {
        (e["source"], e["target"], e["quad"], e["weight"]) for e in net["edges"]}
    assert g.nodes["person:steve-witkoff"]["name"] == "Steve Witkoff" and g.is_directed()


def test_plover_json_follows_the_documented_field_list(read_db, tmp_path):
    out, n = _export(read_db, tmp_path, "plover-json")
    records = json.loads(out.read_text(encoding="utf-8"))
    assert n == len(records) == 4
    section = README.split("PLOVER JSON", 1)[1][:3000]
    documented = set(re.findall(r"`([A-Za-z_]+)`", section))
    assert set(PLOVER_FIELDS) <= documented and set(PLOVER_ACTOR_FIELDS) <= documented
    assert set(PLOVER_EXTRA) <= documented
    for rec in records:
        assert set(rec) == set(PLOVER_FIELDS)
        assert set(rec["parley"]) == set(PLOVER_EXTRA)
        for actor in rec["source"] + rec["target"]:
            assert set(actor) == set(PLOVER_ACTOR_FIELDS)
    strike = next(r for r in records if r["id"] == "a-strike:ev1")
    assert strike["event"] == "ASSAULT" and strike["date"] == "2025-12-06" and strike["publication"] == "AFP"
    assert strike["source"][0]["code"] == "RUS" and strike["target"][0]["code"] == "UKR"
    assert strike["parley"]["quad"] == "material_conflict" and strike["parley"]["magnitude"][0]["count"] == 50


def test_export_errors_are_clean(read_db, tmp_path):
    res = runner.invoke(app, ["export", "--db", read_db, "--format", "xlsx", str(tmp_path / "x")])
    assert res.exit_code == 2 and "unknown format" in res.output
    res = runner.invoke(app, ["export", "--db", read_db, "--format", "plover-json", "--table", "quotes",
                              str(tmp_path / "x")])
    assert res.exit_code == 2 and "events" in res.output
