"""Bulk analysis writes: many articles per transaction, same rows as one at a time."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parley.analyze import analyze_articles
from parley.ingest import IngestOptions, iter_documents
from parley.records import Actor, Article, ArticleAnalysis, Mention
from parley.store import Store
from parley.store.bulk import merge_actor, merged_actors

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FACT_TABLES = ("analyses", "actors", "mentions", "times", "quotes", "events", "event_actors", "stances")


def table_rows(store: Store, table: str) -> list[tuple]:
    cols = [r["column_name"] for r in store.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table])]
    keep = [c for c in cols if c not in ("analysed_at",)]
    return sorted(tuple(str(r[c]) for c in keep) for r in store.query(f"SELECT {', '.join(keep)} FROM {table}"))


@pytest.fixture(scope="module")
def example_outcomes(nlp):
    arts = [d for d in iter_documents([str(EXAMPLES)], IngestOptions()) if isinstance(d, Article)]
    return arts, [o for _, o in analyze_articles(arts, nlp)]


def test_one_batch_equals_one_article_per_transaction(tmp_path, example_outcomes):
    arts, analyses = example_outcomes
    assert len(analyses) == 9 and all(isinstance(a, ArticleAnalysis) for a in analyses)
    with Store(tmp_path / "bulk.duckdb") as bulk, Store(tmp_path / "single.duckdb") as single:
        for s in (bulk, single):
            s.write_batch("b", arts, [])
        bulk.save_analyses(analyses)
        for a in analyses:
            single.save_analysis(a)
        assert bulk.counts()["events"] > 0 and bulk.counts()["mentions"] > 50
        for table in FACT_TABLES:
            assert table_rows(bulk, table) == table_rows(single, table), table
        # saving the same batch again replaces, never duplicates
        before = bulk.counts()
        bulk.save_analyses(analyses)
        assert bulk.counts() == before


def test_a_bad_row_rolls_back_the_whole_batch(store, example_outcomes):
    arts, analyses = example_outcomes
    store.write_batch("b", arts, [])
    bad = ArticleAnalysis(article_id=arts[0].id, model="m", model_version="1", mentions=[
        Mention(article_id=arts[0].id, start=0, end=1, text=None, actor_id=None, actor_name=None,  # type: ignore[arg-type]
                actor_type=None, country=None, label="GPE")])
    with pytest.raises(duckdb.ConstraintException):
        store.save_analyses([*analyses[1:], bad])
    assert store.counts()["mentions"] == 0 and store.query("SELECT count(*) AS n FROM analyses")[0]["n"] == 0


def test_actor_merge_is_the_stores_merge_and_associative(store):
    a = Actor(id="state:rur", name="Ruritania", type="state", country=None, aliases=["Ruritanian"], source="kb")
    b = Actor(id="state:rur", name="Ruritania", type="state", country="RUR", aliases=["Strelsau", "Ruritanian"],
              roles=[{"title": "state"}], source="kb")
    c = Actor(id="state:rur", name="Ruritania", type="state", country="XXX", aliases=["Zenda"], source="kb")
    assert merge_actor(merge_actor(a, b), c) == merge_actor(a, merge_actor(b, c))
    (merged,) = merged_actors([a, b, c])
    for actor in (a, b, c):  # the store merges across transactions the same way
        store.save_analyses([ArticleAnalysis(article_id="x", model="m", model_version="1", actors=[actor])])
    row = store.query("SELECT country, aliases, roles FROM actors")[0]
    assert merged.country == row["country"] == "RUR"
    assert merged.aliases == ["Ruritanian", "Strelsau", "Zenda"]
    assert row["aliases"].replace(" ", "") == '["Ruritanian","Strelsau","Zenda"]'
    assert '"state"' in row["roles"]


def test_a_refused_analysis_is_one_error_row_and_the_rest_are_stored(store, example_outcomes):
    from parley.pipeline import save_outcomes

    arts, analyses = example_outcomes
    store.write_batch("b", arts, [])
    bad = ArticleAnalysis(article_id=arts[0].id, model="m", model_version="1", mentions=[
        Mention(article_id=arts[0].id, start=0, end=1, text=None, actor_id=None, actor_name=None,  # type: ignore[arg-type]
                actor_type=None, country=None, label="GPE")])
    result = save_outcomes(store, [(arts[0], bad), *zip(arts[1:], analyses[1:], strict=True)], write_every=64)
    assert result.analysed == len(arts) - 1 and result.failed == 1
    rows = store.query("SELECT origin, code, detail FROM ingest_errors WHERE code = 'E116'")
    assert [r["origin"] for r in rows] == [arts[0].origin] and arts[0].id in rows[0]["detail"]
    stored = {r["article_id"] for r in store.query("SELECT article_id FROM analyses")}
    assert stored == {a.id for a in arts[1:]}
    assert store.query("SELECT count(*) AS n FROM mentions WHERE article_id = ?", [arts[0].id])[0]["n"] == 0


def test_bulk_writes_store_lone_surrogates_as_replacement_characters(store, example_outcomes):
    import dataclasses

    from parley.records import IngestProblem

    arts, analyses = example_outcomes
    store.write_batch("b", arts[:1], [])
    first = analyses[0]
    odd = dataclasses.replace(first.mentions[0], text="Kyiv\ud800")
    store.save_analyses([dataclasses.replace(first, mentions=[odd, *first.mentions[1:]])],
                        [IngestProblem(origin="bad-\udcff.txt", code="W301", reason="cut at \ud800", stage="analyse",
                                       kind="warning")])
    texts = {r["text"] for r in store.query("SELECT text FROM mentions WHERE article_id = ?", [arts[0].id])}
    assert "Kyiv\ufffd" in texts
    problem = store.query("SELECT origin, reason FROM ingest_errors WHERE code = 'W301'")[0]
    assert problem == {"origin": "bad-\\xff.txt", "reason": "cut at \ufffd"}
