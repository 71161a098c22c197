"""The read layer on real DuckDB stores: pages with real next tokens, typed filters,
incident reads, empty-table fallbacks, read-only access, and no spaCy import."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from parley.errors import InvalidFilter, InvalidPageToken, PageTooLarge, RecordNotFound
from parley.query import (
    ArticleFilter,
    EventFilter,
    IncidentFilter,
    NetworkFilter,
    QuoteFilter,
    Reader,
    StanceFilter,
    paginate,
)
from parley.query import incidents as I
from parley.query import listings as L
from parley.query import overview as O
from parley.query.explain import explain_event


def _all_pages(reader, sel, size):
    seen, token, pages = [], None, 0
    while True:
        page = paginate(reader, sel, size, token)
        seen.extend(page.rows)
        pages += 1
        if page.next is None:
            return seen, pages
        assert len(page.rows) == size
        token = page.next


@pytest.mark.parametrize("name,build,key,size", [
    ("events", lambda: L.events(EventFilter()), "id", 250),
    ("timeline", lambda: I.timeline(IncidentFilter()), "id", 97),
    ("articles", lambda: L.articles(ArticleFilter()), "id", 7),
    ("event actors filtered", lambda: L.events(EventFilter(actor="RUS")), "id", 100),
])
def test_listing_page_by_page_yields_every_row_exactly_once(big_db, name, build, key, size):
    with Reader(big_db) as r:
        rows, pages = _all_pages(r, build(), size)
        sel = build()
        total = r.scalar(sel.count_sql(), sel.params)
    ids = [row[key] for row in rows]
    assert len(ids) == len(set(ids)) == total and total >= 300, name
    assert pages == -(-total // size)


def test_events_are_newest_first_with_ties_broken_by_id(big_db):
    with Reader(big_db) as r:
        page = paginate(r, L.events(EventFilter()), 1000)
    keys = [(row["date_earliest"], row["id"]) for row in page.rows]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True) and page.next
    assert len({k[0] for k in keys}) < len(keys)  # many rows share a date: the id breaks the tie


def test_bad_tokens_and_sizes_are_typed_errors(big_db):
    with Reader(big_db) as r:
        token = paginate(r, L.events(EventFilter()), 10).next
        with pytest.raises(InvalidPageToken):
            paginate(r, L.quotes(QuoteFilter()), 10, token)  # another listing's token
        with pytest.raises(InvalidPageToken):
            paginate(r, L.events(EventFilter()), 10, "not-a-token")
        with pytest.raises(PageTooLarge):
            paginate(r, L.events(EventFilter()), 5000)


def test_typed_filters_parse_and_reject_with_allowed_values():
    f = EventFilter.parse({"type": "consult", "status": "Planned", "since": "2025-12-01", "dyad": "USA, RUS",
                           "country": "Ukraine", "quad": "verbal_cooperation"})
    assert f.type.value == "CONSULT" and f.status.value == "planned" and f.dyad == ("USA", "RUS")
    assert f.country == "UKR" and f.to_params()["since"] == "2025-12-01"
    assert EventFilter.parse(f.to_params()) == f
    for bad in ({"type": "HUG"}, {"since": "6/12/25"}, {"dyad": "USA"}, {"issue": "weather"}, {"country": "Atlantis"}):
        with pytest.raises(InvalidFilter):
            EventFilter.parse(bad)


def test_event_filters_select_the_right_rows(read_db):
    with Reader(read_db) as r:
        def ids(**kw):
            return sorted(e["id"] for e in paginate(r, L.events(EventFilter.parse(kw)), 100).rows)

        assert ids(actor="Witkoff") == ["a-moscow-1:ev1", "a-moscow-2:ev1", "a-moscow-2:ev2"]
        assert ids(actor="RUS", type="ASSAULT") == ["a-strike:ev1"]
        assert ids(dyad="Russia,Ukraine") == ["a-strike:ev1"]
        assert ids(dyad="UKR,RUS") == ["a-strike:ev1"]  # either direction
        assert ids(status="planned") == ["a-moscow-2:ev2"]
        assert ids(since="2025-12-03") == ["a-strike:ev1"]
        assert ids(until="2025-12-01") == ["a-moscow-2:ev2"]
        assert ids(outlet="afp") == ["a-strike:ev1"]
        assert ids(q="five hours") == ["a-moscow-1:ev1"]
        assert ids(issue="territorial_concessions") == ["a-moscow-1:ev1"]
        assert ids(quad="material_conflict") == ["a-strike:ev1"]
        quotes = paginate(r, L.quotes(QuoteFilter(actor="witkoff")), 10).rows
        assert [q["text"] for q in quotes] == ["The talks were useful"] and quotes[0]["outlet"] == "Reuters"
        st = paginate(r, L.stances(StanceFilter(issue="territorial_concessions")), 10).rows
        assert [(s["actor_name"], s["position"]) for s in st] == [("Ukraine", "oppose")]


def test_timeline_incident_and_network_read_the_contract_tables(read_db):
    with Reader(read_db) as r:
        page = I.timeline_page(r, IncidentFilter())
        assert [row["id"] for row in page.rows] == ["inc-moscow", "inc-strike"]  # date order
        moscow = page.rows[0]
        assert moscow["participants"] == "Steve Witkoff; Vladimir Putin" and moscow["n_outlets"] == 2
        assert [x["id"] for x in I.timeline_page(r, IncidentFilter.parse(dyad="USA,RUS")).rows] == ["inc-moscow"]
        assert [x["id"] for x in I.timeline_page(r, IncidentFilter.parse(issue="territorial_concessions")).rows] == [
            "inc-moscow"]
        assert [x["id"] for x in I.timeline_page(r, IncidentFilter.parse(type="ASSAULT")).rows] == ["inc-strike"]
        assert I.timeline_page(r, IncidentFilter.parse(since="2025-12-07")).rows == []
        inc = I.incident(r, "inc-moscow")
        assert [x["outlet"] for x in inc["reports"]] == ["Reuters", "AP", "AP"]  # first reported first
        assert [h["status"] for h in inc["status_history"]] == ["occurred", "occurred", "planned"]
        assert inc["merge_reasons"][0]["rule"] == "same_participants_date"
        assert set(inc["disagreements"]["numbers"]) == {"five hours", "about four hours"}
        with pytest.raises(RecordNotFound):
            I.incident(r, "nope")
        net = I.network(r, NetworkFilter())
        assert net["basis"] == "incidents"
        edges = {(e["source"], e["target"], e["quad"]): e["weight"] for e in net["edges"]}
        assert edges == {("person:steve-witkoff", "person:vladimir-putin", "verbal_cooperation"): 1,
                         ("state:RUS", "state:UKR", "material_conflict"): 1}
        assert I.network(r, NetworkFilter.parse(until="2025-12-03"))["edges"][0]["quad"] == "verbal_cooperation"


def test_empty_and_missing_incident_tables_fall_back(tmp_path):
    from parley.store import Store

    path = tmp_path / "empty.duckdb"
    with Store(path) as s:
        s.write_batch("b", [], [])
    with Reader(path) as r:
        page = I.timeline_page(r, IncidentFilter())
        assert page.rows == [] and "no incidents" in page.meta["empty"]
        assert I.network(r, NetworkFilter())["basis"] == "events"
    old = tmp_path / "old.duckdb"  # a store from before migration 30
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE articles (id VARCHAR, published TIMESTAMP, source VARCHAR, status VARCHAR)")
    con.close()
    with Reader(old) as r:
        assert "no incidents" in I.timeline_page(r, IncidentFilter()).meta["empty"]


def test_reader_is_read_only(read_db):
    with Reader(read_db) as r:
        with pytest.raises(duckdb.Error):
            r.query("DELETE FROM events")
        assert r.scalar("SELECT count(*) FROM events") == 4


def test_article_facts_explain_actor_and_summary(read_db):
    with Reader(read_db) as r:
        art = L.article(r, "a-moscow")  # a prefix shared by two articles is no match
        assert art is None and L.article(r, "a-moscow-1")["source"] == "Reuters"
        facts = L.article_facts(r, "a-moscow-1")
        assert facts["events"][0]["incident_id"] == "inc-moscow"
        assert facts["quotes"][0]["speaker_name"] == "Steve Witkoff"
        info = explain_event(r, "a-moscow-1:ev1")
        assert info["trigger_in_text"] == "met" and info["article"]["source"] == "Reuters"
        with pytest.raises(RecordNotFound):
            explain_event(r, "nope")
        a = O.actor(r, "person:steve-witkoff")
        assert a["roles"][0]["title"] == "Special Envoy" and a["quotes"][0]["text"] == "The talks were useful"
        assert {e["id"] for e in a["events_as_source"]} == {"a-moscow-1:ev1", "a-moscow-2:ev2"}
        assert [e["id"] for e in a["events_as_target"]] == ["a-moscow-2:ev1"]
        assert a["neighbours"][0]["id"] == "person:vladimir-putin"
        s = O.summary(r)
        assert s["counts"]["incidents"] == 2 and s["has_incidents"]


def test_listing_events_does_not_import_spacy(read_db):
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from parley.cli import app\n"
        f"res = CliRunner().invoke(app, ['events', '--db', {read_db!r}, '--json'])\n"
        "assert res.exit_code == 0, res.output\n"
        "import parley.query, parley.api, parley.export\n"
        "print(res.stdout.strip().splitlines()[-1])\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[-1] == "False"
    payload = json.loads(out[-2])
    assert payload["ok"] and len(payload["rows"]) == 4


def test_undated_rows_come_last_and_are_paged_exactly_once(tmp_path):
    from parley.store import Store

    path = tmp_path / "nulls.duckdb"
    with Store(path) as s:
        for i in range(53):
            date = None if i % 3 == 0 else f"2025-12-{1 + i % 5:02d}"
            s.con.execute("INSERT INTO events (id, article_id, type, status, evidence, rule, date_earliest) "
                          "VALUES (?, 'a', 'CONSULT', 'occurred', 'x', 'r', CAST(? AS TIMESTAMP))",
                          [f"ev{i:02d}", date])
    with Reader(path) as r:
        rows, _ = _all_pages(r, L.events(EventFilter()), 4)
    ids = [row["id"] for row in rows]
    assert sorted(ids) == [f"ev{i:02d}" for i in range(53)]
    dated = [row["date_earliest"] for row in rows if row["date_earliest"] is not None]
    assert dated == sorted(dated, reverse=True) and all(row["date_earliest"] is None for row in rows[len(dated):])


@pytest.mark.parametrize("build", [
    lambda: L.events(EventFilter(actor="USA")),
    lambda: L.events(EventFilter.parse({"dyad": "USA,RUS"})),
    lambda: L.events(EventFilter.parse({"status": "planned", "since": "2024-01-01", "until": "2024-01-01"})),
    lambda: L.events(EventFilter.parse({"q": "number 59"})),  # selective: the windows hold too few rows
    lambda: I.timeline(IncidentFilter.parse({"actor": "NATO", "since": "2024-01-01"})),
    lambda: I.timeline(IncidentFilter.parse({"type": "CONSULT"})),
], ids=["actor", "dyad", "status+dates", "selective text", "timeline actor", "timeline type"])
def test_windowed_pages_equal_the_plain_ordered_listing(big_db, build):
    """Two-pass pages (sort keys in growing windows of the leading key, whole rows after)
    list exactly the rows, in exactly the order, of one plain ORDER BY over the whole table."""
    with Reader(big_db) as r:
        sel = build()
        assert sel.narrow
        expected = [row[sel.keys[-1].column] for row in r.query(sel.ordered_sql(), sel.params)]
        rows, _ = _all_pages(r, sel, 7)
        assert [row[sel.keys[-1].column] for row in rows] == expected and expected


def test_actor_windows_hold_when_actor_dates_are_missing(big_db, tmp_path):
    """Actor tables of an older Parquet store read their sort key as NULL: such rows are
    always inside a window, so pages stay exactly those of the plain listing."""
    import shutil

    path = tmp_path / "nulls.duckdb"
    shutil.copy(big_db, path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE event_actors SET date_earliest = NULL WHERE hash(event_id) % 2 = 0")
    con.execute("UPDATE incident_actors SET date_earliest = NULL")
    con.close()
    for build in (lambda: L.events(EventFilter(actor="USA")), lambda: L.events(EventFilter.parse({"dyad": "USA,RUS"})),
                  lambda: I.timeline(IncidentFilter.parse({"actor": "NATO"}))):
        with Reader(path) as r:
            sel = build()
            expected = [row[sel.keys[-1].column] for row in r.query(sel.ordered_sql(), sel.params)]
            assert [row[sel.keys[-1].column] for row in _all_pages(r, sel, 9)[0]] == expected and expected


def test_an_older_store_is_brought_up_to_date_before_it_is_read(big_db, tmp_path):
    """Migration 56 gives the actor tables their event's and incident's sort key; a store
    without it gets it when the read layer opens it."""
    import shutil

    path = tmp_path / "old.duckdb"
    shutil.copy(big_db, path)
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE event_actors DROP COLUMN date_earliest")
    con.execute("ALTER TABLE incident_actors DROP COLUMN date_earliest")
    con.execute("DELETE FROM schema_migrations WHERE version = 56")
    con.close()
    with Reader(path) as r:
        assert r.schema_version() >= 56
        assert r.scalar("SELECT count(*) FROM event_actors ea JOIN events e ON e.id = ea.event_id "
                        "WHERE ea.date_earliest IS DISTINCT FROM e.date_earliest") == 0
        assert r.scalar("SELECT count(*) FROM incident_actors ia JOIN incidents i ON i.id = ia.incident_id "
                        "WHERE ia.date_earliest IS DISTINCT FROM i.date_earliest") == 0
        assert len(paginate(r, L.events(EventFilter(actor="USA")), 50).rows) == 50
