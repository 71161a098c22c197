"""The DuckDB store: migrations, idempotent batches, analysis replacement."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import duckdb
import pytest

from parley.errors import StoreError
from parley.records import (Actor, Article, ArticleAnalysis, Event, EventActor, IngestProblem,
                            Magnitude, Mention, content_hash)
from parley.store import Store
from parley.store.schema import MIGRATIONS, SCHEMA_VERSION


def make_article(text: str, url: str | None = None, **kw) -> Article:
    h = content_hash(text)
    return Article(id=h[:16], text=text, content_hash=h, canonical_url=url, origin="test", origin_kind="text", **kw)


def test_fresh_store_is_migrated_to_latest(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        assert s.schema_version() == SCHEMA_VERSION
        tables = {r["table_name"] for r in s.query("SELECT table_name FROM information_schema.tables")}
    assert {"articles", "ingest_errors", "mentions", "actors", "times", "quotes", "events", "stances"} <= tables


def test_reopening_does_not_reapply_migrations(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write_batch("b1", [make_article("Envoys met in Geneva on Tuesday.")], [])
    with Store(path) as s:
        # each migration applied once; versions may have gaps (ranges are allotted per branch)
        row = s.query("SELECT count(*) AS n, max(version) AS v FROM schema_migrations")[0]
        assert row["n"] == len(MIGRATIONS) and row["v"] == SCHEMA_VERSION
        assert s.counts()["articles"] == 1


def test_every_missing_migration_is_applied_not_only_newer_ones(tmp_path):
    """A store that has versions 1, 2 and 4 (a branch numbered its migration apart) gets 3."""
    path = tmp_path / "gap.duckdb"
    by_version = {v: (d, sql) for v, d, sql in MIGRATIONS}
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for v in (1, 2, 4):
        con.execute(by_version[v][1])
        con.execute("INSERT INTO schema_migrations (version, description) VALUES (?, ?)", [v, by_version[v][0]])
    con.close()
    with Store(path) as s:
        assert s.applied_versions() == set(by_version)
        cols = {r["column_name"] for r in s.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'")}
        assert "fetched_at" in cols  # migration 3
        event_cols = {r["column_name"] for r in s.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")}
        assert {"basis", "claimant", "mentions"} <= event_cols
    with Store(path) as s:  # and nothing is applied twice
        assert s.query("SELECT count(*) AS n FROM schema_migrations")[0]["n"] == len(MIGRATIONS)


def test_store_newer_than_code_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations (version, description) VALUES (999, 'future')")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_duplicates_by_text_and_by_url_change_nothing(store):
    a = make_article("The ministers signed a trade accord in Oslo.", url="https://example.org/a")
    same_text = make_article("The  ministers signed a trade accord in Oslo. ")
    same_url = make_article("An updated version of the same story.", url="https://example.org/a")
    first = store.write_batch("b1", [a], [])
    again = store.write_batch("b2", [same_text, same_url, a], [])
    assert first.new == [a.id]
    assert again.new == [] and again.duplicates == 3
    assert store.counts()["articles"] == 1
    assert store.article(a.id)["text"] == a.text


def test_duplicate_inside_one_batch_is_stored_once(store):
    a = make_article("Talks resumed in Doha after a pause.")
    result = store.write_batch("b1", [a, make_article("Talks resumed in Doha after a pause.")], [])
    assert len(result.new) == 1 and result.duplicates == 1


def test_failed_batch_rolls_back_entirely(store):
    good = make_article("A first article that is fine.")
    # NOT NULL column: the problem's insert fails after the batch's articles went in
    bad = IngestProblem(origin="bad.bin", code="E102", reason="binary content", stage=None)  # type: ignore[arg-type]
    with pytest.raises(duckdb.ConstraintException):
        store.write_batch("b1", [good], [bad])
    assert store.counts()["articles"] == 0


def test_problems_are_recorded_once_per_origin_and_code(store):
    p = IngestProblem(origin="feeds/broken.xml", code="E105", reason="malformed XML: mismatched tag", stage="parse")
    store.write_batch("b1", [], [p])
    result = store.write_batch("b2", [], [p])
    assert result.failed == 1 and result.reasons == {"E105 malformed XML: mismatched tag": 1}
    rows = store.errors()
    assert len(rows) == 1 and rows[0]["code"] == "E105" and rows[0]["stage"] == "parse"


def test_published_with_zone_is_stored_as_utc(store):
    tz = timezone(timedelta(hours=2))
    a = make_article("Some article text here.", published=datetime(2025, 12, 6, 10, 0, tzinfo=tz))
    store.write_batch("b1", [a], [])
    assert store.article(a.id)["published"] == datetime(2025, 12, 6, 8, 0)


def test_article_lookup_by_unique_prefix(store):
    a = make_article("Prefix lookups help people type less.")
    store.write_batch("b1", [a], [])
    assert store.article(a.id[:6])["id"] == a.id
    assert store.load_article(a.id).text == a.text


def test_save_analysis_replaces_previous_facts(store):
    a = make_article("Ruritania fired missiles at Freedonia.")
    store.write_batch("b1", [a], [])
    actor = Actor(id="state:rur", name="Ruritania", type="state", country="RUR", aliases=["Ruritanian"], source="kb")
    mention = Mention(article_id=a.id, start=0, end=9, text="Ruritania", actor_id=actor.id, actor_name="Ruritania",
                      actor_type="state", country="RUR", label="GPE", resolved_by="kb")
    event = Event(article_id=a.id, type="ASSAULT", sources=[EventActor("state:rur", "Ruritania", "RUR")],
                  targets=[EventActor(None, "Freedonia")], evidence=a.text, sentence_start=0,
                  sentence_end=len(a.text), trigger="fired", trigger_start=10, trigger_end=15, rule="test",
                  magnitude=[Magnitude(unit="missiles", count_text="several", approximate=True)], id=f"{a.id}:ev0")
    analysis = ArticleAnalysis(article_id=a.id, model="en_core_web_md", model_version="3.8.0",
                               mentions=[mention], actors=[actor], events=[event])
    store.save_analysis(analysis)
    store.save_analysis(analysis)
    counts = store.counts()
    assert counts["mentions"] == 1 and counts["events"] == 1 and counts["actors"] == 1
    roles = store.query("SELECT role, name FROM event_actors ORDER BY role")
    assert [(r["role"], r["name"]) for r in roles] == [("source", "Ruritania"), ("target", "Freedonia")]
    stored = store.query("SELECT magnitude, model FROM events JOIN analyses USING (article_id)")[0]
    assert '"missiles"' in stored["magnitude"] and stored["model"] == "en_core_web_md"


def test_actor_aliases_merge_across_articles(store):
    for aliases in (["Ruritanian"], ["Strelsau"]):
        store.save_analysis(ArticleAnalysis(article_id="x", model="m", model_version="1", actors=[
            Actor(id="state:rur", name="Ruritania", type="state", country="RUR", aliases=aliases, source="kb")]))
    aliases = store.query("SELECT aliases FROM actors")[0]["aliases"]
    assert "Ruritanian" in aliases and "Strelsau" in aliases


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "s.duckdb")
