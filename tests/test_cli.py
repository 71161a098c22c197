"""The CLI edge: one JSON shape for success and error, exit codes, clean messages."""

from __future__ import annotations

import json

import click
import pytest
import typer
from typer.testing import CliRunner

from parley.cli import app
from parley.records import Article, IngestProblem, content_hash
from parley.store import Store

runner = CliRunner()


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "cli.duckdb")
    text = "Delegations from two states met in Vienna on Tuesday to discuss a ceasefire."
    h = content_hash(text)
    with Store(path) as s:
        s.write_batch("b1", [Article(id=h[:16], text=text, title="Vienna talks", content_hash=h,
                                     origin="t.txt", origin_kind="text")],
                      [IngestProblem(origin="bad.bin", code="E102", reason="binary content", stage="decode")])
    return path, h[:16]


def _commands_with_json() -> set[str]:
    group = typer.main.get_command(app)
    names = set()

    def walk(cmd: click.Command, prefix: str) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(sub, f"{prefix} {name}".strip())
        elif any("--json" in p.opts for p in cmd.params):
            names.add(prefix)

    walk(group, "")
    return names


# Every command with --json must appear here so the shape test below covers it.
# The gold and benchmark scorers print the evaluation shape instead (tested in tests/eval).
EVAL_SHAPE = {"eval gold", "eval timeml", "eval polnear", "eval plover-gsr", "eval rams", "eval wikievents",
              "eval ecbplus"}


def invocations(db: str, article_id: str) -> dict[str, list[str]]:
    return {
        "articles": ["articles", "--db", db, "--json"],
        "errors": ["errors", "--db", db, "--json"],
        "show": ["show", article_id, "--db", db, "--json"],
        "ingest": ["ingest", "--db", db, "--no-analyze", "--json", "/nonexistent/file.txt"],
        "actors": ["actors", "--db", db, "--json"],
        "quotes": ["quotes", "--db", db, "--json"],
        "events": ["events", "--db", db, "--json"],
        "explain": ["explain", f"{article_id}:ev1", "--db", db, "--json"],
        "stances": ["stances", "--db", db, "--json"],
        "timeline": ["timeline", "--db", db, "--json"],
        "network": ["network", "--db", db, "--json"],
        "incident": ["incident", "missing-incident", "--db", db, "--json"],
        "export": ["export", "--format", "jsonl", "--table", "articles", "--db", db, "--json", db + ".jsonl"],
        "spark": ["spark", "-", "--out", db + ".parquet", "--json"],  # refused before Spark starts
        "attach": ["attach", db + ".no-such-folder", "--db", db + ".attached", "--json"],
        "link": ["link", "--db", db, "--json"],
        "watch": ["watch", "/nonexistent/feed.xml", "--rounds", "1", "--every", "0s", "--db", db, "--json"],
    }


def test_every_json_command_prints_the_one_shape(db):
    path, aid = db
    calls = invocations(path, aid)
    missing = _commands_with_json() - set(calls) - EVAL_SHAPE
    assert not missing, f"add these --json commands to the shape test: {missing}"
    for name in _commands_with_json() - EVAL_SHAPE:
        result = runner.invoke(app, calls[name])
        assert result.stdout.strip(), f"{name} printed nothing: {result.output} {result.exception!r}"
        payload = json.loads(result.stdout.strip().splitlines()[-1])
        assert set(payload) >= {"ok", "rows", "next"}, name
        assert isinstance(payload["rows"], list), name


def test_articles_json_lists_the_stored_article(db):
    path, aid = db
    result = runner.invoke(app, ["articles", "--db", path, "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["rows"]
    assert [r["id"] for r in rows] == [aid] and rows[0]["title"] == "Vienna talks"


def test_articles_csv_has_header_and_row(db):
    path, aid = db
    result = runner.invoke(app, ["articles", "--db", path, "--csv"])
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("id,") and aid in lines[1]


def test_errors_lists_reason_and_code(db):
    path, _ = db
    rows = json.loads(runner.invoke(app, ["errors", "--db", path, "--json"]).stdout)["rows"]
    assert rows[0]["code"] == "E102" and rows[0]["reason"] == "binary content"


def test_unknown_article_is_a_usage_error_with_error_shape(db):
    path, _ = db
    result = runner.invoke(app, ["show", "zzzz", "--db", path, "--json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["code"] == "E030" and "zzzz" in payload["error"]


def test_missing_store_is_a_clean_usage_error(tmp_path):
    result = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no store at" in result.output and "Traceback" not in result.output


def test_json_and_csv_together_are_refused(db):
    path, _ = db
    result = runner.invoke(app, ["articles", "--db", path, "--json", "--csv"])
    assert result.exit_code == 2


def test_bad_published_date_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.duckdb"), "--published", "6/12/25", "x.txt"])
    assert result.exit_code == 2 and "ISO date" in result.output


# -- issue 14: hostile arguments are clean usage errors ------------------------------------
@pytest.mark.parametrize("command", ["articles", "actors", "quotes", "events"])
def test_huge_limit_is_a_usage_error(db, command):
    path, _ = db
    result = runner.invoke(app, [command, "--db", path, "--limit", "99999999999999999999"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "limit" in result.output.lower()


@pytest.mark.parametrize("actors", ["/dev/zero", "/dev/null", "{tmp}", "{tmp}/missing.yaml"])
def test_actors_option_reads_only_bounded_regular_files(tmp_path, actors):
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.duckdb"), "--actors",
                                 actors.format(tmp=tmp_path), "x.txt"])
    assert result.exit_code == 2 and "E160" in result.output, result.output


def test_quotes_actor_matches_percent_and_underscore_literally(tmp_path):
    from parley.records import ArticleAnalysis, Quote

    text = "The envoy said the talks would resume. A spokesman said they would not."
    h = content_hash(text)
    path = str(tmp_path / "q.duckdb")
    with Store(path) as s:
        s.write_batch("b", [Article(id=h[:16], text=text, content_hash=h, origin="q.txt", origin_kind="text")], [])
        s.save_analysis(ArticleAnalysis(article_id=h[:16], model="m", model_version="1", quotes=[
            Quote(id=f"{h[:16]}:q{i}", article_id=h[:16], kind="indirect", text="the talks would resume",
                  speaker_name=name, start=0, end=10, rule="test")
            for i, name in enumerate(["Envoy 100% Sure", "A_B", "Plain Name"])]))
    for pattern, expected in (("%", ["Envoy 100% Sure"]), ("_", ["A_B"]), ("Plain", ["Plain Name"])):
        rows = json.loads(runner.invoke(app, ["quotes", "--db", path, "--actor", pattern, "--json"]).stdout)["rows"]
        assert [r["speaker_name"] for r in rows] == expected, pattern


def test_listing_search_and_outlet_match_percent_and_underscore_literally(tmp_path):
    path = str(tmp_path / "a.duckdb")
    with Store(path) as s:
        arts = []
        for title, outlet in (("Talks 100% resumed", "Wire_A"), ("Envoys A_B met", "Wire B"), ("Plain talks", "Daily")):
            text = f"{title}. Negotiators met in Geneva on Monday and agreed to meet again next week."
            h = content_hash(text)
            arts.append(Article(id=h[:16], text=text, title=title, source=outlet, content_hash=h,
                                origin=f"{title}.txt", origin_kind="text"))
        s.write_batch("b", arts, [])
    for option, pattern, expected in (("-q", "%", ["Talks 100% resumed"]), ("-q", "_", ["Envoys A_B met"]),
                                      ("--outlet", "_", ["Talks 100% resumed"]), ("-q", "Plain", ["Plain talks"])):
        result = runner.invoke(app, ["articles", "--db", path, option, pattern, "--json"])
        assert result.exit_code == 0, result.stdout
        assert sorted(r["title"] for r in json.loads(result.stdout)["rows"]) == expected, (option, pattern)
