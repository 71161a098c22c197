"""Canonical actors in the store and ``parley actors``: real pipeline, real DuckDB."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parley.analyze import analyze_article
from parley.cli import app
from parley.extract.actors.query import country_code, list_actors
from parley.records import Article, content_hash


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, text=text, content_hash=content_hash(text), origin=f"test:{article_id}",
                   origin_kind="text")


def _fill(store, nlp) -> None:
    texts = {
        "a1": "Ukrainian Foreign Minister Andrii Sybiha met Moldovan officials in Chisinau. "
              "Kyiv said the talks went well.",
        "a2": "Sybiha later told Ukrainian media that Moscow had rejected the proposal.",
    }
    articles = [_article(k, v) for k, v in texts.items()]
    store.write_batch("b1", articles, [])
    for art in articles:
        store.save_analysis(analyze_article(art, nlp))


def test_actors_are_merged_across_articles_with_mention_counts(store, nlp):
    _fill(store, nlp)
    rows = {r["id"]: r for r in list_actors(store)}
    sybiha = rows["person:andrii-sybiha"]
    assert (sybiha["mentions"], sybiha["articles"], sybiha["country"]) == (2, 2, "UKR")
    assert rows["state:UKR"]["articles"] == 2
    ukrainian = {r["id"] for r in list_actors(store, country="Ukraine")}
    assert ukrainian >= {"state:UKR", "person:andrii-sybiha"} and "state:RUS" not in ukrainian
    assert country_code("ukr") == "UKR" and country_code("Russian") == "RUS"


def test_parley_actors_command_lists_json(tmp_path, nlp):
    from parley.store import Store

    db = tmp_path / "cli.duckdb"
    with Store(db) as store:
        _fill(store, nlp)
    result = CliRunner().invoke(app, ["actors", "--db", str(db), "--country", "UKR", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    ids = [r["id"] for r in payload["rows"]]
    assert payload["ok"] and "person:andrii-sybiha" in ids
    assert all(r["country"] == "UKR" for r in payload["rows"])
    bad = CliRunner().invoke(app, ["actors", "--db", str(db), "--country", "Atlantis"])
    assert bad.exit_code == 2
