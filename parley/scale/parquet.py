"""A store read from Parquet tables (what ``parley spark`` writes), through DuckDB views.

Layout of a Parquet store folder::

    DIR/_parley.json                 schema version, tables, counts, job summary
    DIR/<table>/month=YYYY-MM/*.parquet   article-level tables, by publication month
    DIR/<table>/*.parquet            actors, ingest_errors, batches (not partitioned)

``attach_views`` creates one view per store table with exactly the store's columns (a
column a newer schema added and the files lack reads as NULL), so every query, view and
later stage runs unchanged over the archive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from parley.errors import StoreError
from parley.store.locks import DUCKDB_CONFIG
from parley.store.rows import one_row
from parley.store.schema import SCHEMA_VERSION

MANIFEST = "_parley.json"
PARTITION = "month"  # hive partition column of the article-level tables
# tables written per publication month (everything tied to one article)
MONTHLY = ("articles", "analyses", "mentions", "times", "quotes", "events", "event_actors", "stances")
UNPARTITIONED = ("actors", "ingest_errors", "batches")
TABLES = MONTHLY + UNPARTITIONED


def store_schema() -> dict[str, list[tuple[str, str]]]:
    """Every content table of a freshly migrated store: [(column, DuckDB type)]."""
    from parley.store import Store

    with Store(":memory:") as store:
        rows = store.query("SELECT table_name, column_name, data_type FROM information_schema.columns "
                           "ORDER BY table_name, ordinal_position")
    out: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        if r["table_name"] in TABLES:
            out.setdefault(r["table_name"], []).append((r["column_name"], r["data_type"]))
    return out


def month_of(published: Any) -> str:
    """Partition value: ``YYYY-MM`` of the (UTC) publication date, or ``unknown``."""
    if published is None:
        return "unknown"
    return f"{published.year:04d}-{published.month:02d}"


def is_parquet_store(path: str | Path) -> bool:
    return (Path(path) / MANIFEST).is_file()


def read_manifest(folder: str | Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise StoreError(f"{folder} is not a Parquet store written by 'parley spark' (no {MANIFEST})")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def attach_views(con: duckdb.DuckDBPyConnection, folder: str | Path) -> dict[str, Any]:
    """Create (or replace) one view per store table over the Parquet files in ``folder``."""
    folder = Path(folder).resolve()
    manifest = read_manifest(folder)
    version = int(manifest.get("schema_version", 0))
    if version > SCHEMA_VERSION:
        raise StoreError(f"Parquet store {folder} has schema version {version}, newer than this Parley "
                         f"({SCHEMA_VERSION})")
    for table, columns in store_schema().items():
        files = sorted((folder / table).rglob("*.parquet")) if (folder / table).is_dir() else []
        if not files:
            cols = ", ".join(f"CAST(NULL AS {kind}) AS {name}" for name, kind in columns)
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT {cols} WHERE false")
            continue
        pattern = _sql_str(str(folder / table / "**" / "*.parquet"))
        present = {r[0] for r in con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({pattern}, hive_partitioning = true, union_by_name = true)"
        ).fetchall()}
        cols = ", ".join(f"CAST({name} AS {kind}) AS {name}" if name in present else
                         f"CAST(NULL AS {kind}) AS {name}" for name, kind in columns)
        con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT {cols} FROM "
                    f"read_parquet({pattern}, hive_partitioning = true, union_by_name = true)")
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)")
    con.execute("INSERT INTO schema_migrations (version, description) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [SCHEMA_VERSION, f"views over Parquet store {folder}"])
    con.execute("CREATE TABLE IF NOT EXISTS parquet_source (folder VARCHAR PRIMARY KEY, attached_at TIMESTAMP "
                "DEFAULT current_timestamp)")
    con.execute("INSERT INTO parquet_source (folder) VALUES (?) ON CONFLICT DO NOTHING", [str(folder)])
    return manifest


def open_parquet(folder: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose store tables are views over ``folder``."""
    con = duckdb.connect(":memory:", config=DUCKDB_CONFIG)
    attach_views(con, folder)
    return con


def attached_folder(con: duckdb.DuckDBPyConnection) -> str | None:
    """The Parquet folder a DuckDB file's views read, if it is an attached store."""
    try:
        row = con.execute("SELECT folder FROM parquet_source LIMIT 1").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def _connect_file(db: Path) -> duckdb.DuckDBPyConnection:
    """The DuckDB file to attach into, waiting (``PARLEY_WAIT``) while another process holds it."""
    from parley.store.duckdb_store import check_store_path, default_wait
    from parley.store.locks import connect_waiting

    check_store_path(str(db))
    return connect_waiting(str(db), read_only=False, wait=default_wait())


def attach(folder: str | Path, db: str | Path) -> dict[str, Any]:
    """Write a DuckDB file whose store tables are views over ``folder`` (it holds no data:
    queries read the Parquet files; tables a later stage adds are stored in the file)."""
    db = Path(db)
    if db.exists():
        con = _connect_file(db)
        try:
            if attached_folder(con) is None and one_row(con.execute(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles'"))[0]:
                raise StoreError(f"{db} is a store with its own tables: attach into a new file")
            return attach_views(con, folder)
        finally:
            con.close()
    con = _connect_file(db)
    try:
        return attach_views(con, folder)
    finally:
        con.close()
