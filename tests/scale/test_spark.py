"""``parley spark``: the Parquet tables, read through DuckDB, are the single-process store."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.ingest import IngestOptions
from parley.pipeline import run_analysis_workers, run_ingest
from parley.scale.parquet import MONTHLY, read_manifest
from parley.store import Store

pytestmark = pytest.mark.slow

if shutil.which("java") is None:  # installed by 'make install' (Debian's JRE)
    pytest.fail("Spark needs a Java runtime: run 'make install'")


@pytest.fixture(scope="module")
def spark_out(tmp_path_factory, mixed_corpus):
    """``parley spark`` run as users run it, on two cores."""
    out = tmp_path_factory.mktemp("spark") / "out"
    done = CliRunner().invoke(app, ["spark", str(mixed_corpus), str(mixed_corpus / "missing.txt"),
                                    "--out", str(out), "--master", "local[2]", "--json"])
    assert done.exit_code == 1, done.output  # 1: some documents failed (empty, bad JSON line, missing)
    summary = json.loads(done.output.strip().splitlines()[-1])
    assert summary["ok"] is False
    return out, summary["rows"][0]


@pytest.fixture(scope="module")
def single_store(tmp_path_factory, mixed_corpus):
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    with Store(db) as store:
        run_ingest([str(mixed_corpus), str(mixed_corpus / "missing.txt")], store, IngestOptions())
        run_analysis_workers(store, workers=1)
    return db


def test_spark_output_equals_the_single_process_store(spark_out, single_store, tables_of):
    out, summary = spark_out
    with Store(single_store, read_only=True) as single, Store(out) as parquet:
        one, spark = tables_of(single), tables_of(parquet)
        warc_articles = parquet.query("SELECT count(*) AS n FROM articles WHERE origin_kind = 'warc' "
                                      "AND status = 'ok'")[0]["n"]
    assert len(one["articles"]) >= 50 and warc_articles >= 10
    assert len(one["events"]) > 40 and len(one["quotes"]) > 20 and len(one["actors"]) > 20
    assert {r[1] for r in one["ingest_errors"]} >= {"E101", "E112", "E114", "S204"}
    for table in one:
        assert spark[table] == one[table], table
    assert summary["analysed"] == len(one["analyses"]) and summary["duplicates"] == 1
    assert summary["rows"]["events"] == len(one["events"])
    assert summary["failed"] == sum(1 for row in one["ingest_errors"] if row[2] == "error")
    assert summary["workers"] >= 1 and 0 < summary["peak_rss_gib_per_worker"] < 1.5


def test_article_tables_are_partitioned_by_publication_month(spark_out):
    out, _ = spark_out
    months = {p.name for p in (out / "articles").iterdir() if p.is_dir()}
    assert {"month=2025-11", "month=2025-12", "month=2026-01", "month=2026-02", "month=unknown"} <= months
    manifest = read_manifest(out)
    assert set(MONTHLY) <= set(manifest["tables"]) and manifest["tables"]["events"]["partitioned"]
    import duckdb

    stored = duckdb.sql(f"SELECT DISTINCT month, strftime(published, '%Y-%m') AS m FROM read_parquet("
                        f"'{out}/articles/**/*.parquet', hive_partitioning = true)").fetchall()
    assert stored and all(month == (m or "unknown") for month, m in stored)


def test_attach_and_db_folder_serve_every_command(spark_out, tmp_path):
    out, _ = spark_out
    runner = CliRunner()
    db = tmp_path / "archive.duckdb"
    attached = runner.invoke(app, ["attach", str(out), "--db", str(db), "--json"])
    assert attached.exit_code == 0, attached.output
    assert json.loads(attached.output)["rows"][0]["store"]["events"] > 40
    for target in (str(db), str(out)):
        events = json.loads(runner.invoke(app, ["events", "--db", target, "--json"]).output)
        assert events["ok"] and len(events["rows"]) > 40
        quotes = json.loads(runner.invoke(app, ["quotes", "--db", target, "--json"]).output)
        assert quotes["ok"] and quotes["rows"]
        shown = runner.invoke(app, ["explain", events["rows"][0]["id"], "--db", target, "--json"])
        assert shown.exit_code == 0 and json.loads(shown.output)["rows"][0]["evidence"]
    with Store(db) as store:
        with pytest.raises(Exception, match="Parquet"):
            store.write_batch("b", [], [])


def test_spark_refuses_to_overwrite_without_asking(spark_out):
    from parley.errors import UsageError
    from parley.scale.spark import run_spark

    out, _ = spark_out
    with pytest.raises(UsageError, match="--overwrite"):
        run_spark([str(out)], str(out), master="local[1]")
