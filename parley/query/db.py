"""Read-only access to a Parley store: the only way the read layer touches DuckDB."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from parley.errors import StoreError, UsageError


def default_db_path() -> str:
    return os.environ.get("PARLEY_DB") or "parley.duckdb"


class Reader:
    """A read-only DuckDB connection. Thread-safe: each thread gets its own cursor
    (DuckDB connections must not be shared between threads)."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = str(path or default_db_path())
        if self.path != ":memory:" and not Path(self.path).exists():
            raise UsageError(f"no store at {self.path}: run 'parley ingest' first, or pass --db")
        try:
            if Path(self.path).is_dir():  # a Parquet store written by 'parley spark'
                from parley.scale.parquet import open_parquet

                self._con = open_parquet(self.path)
            else:
                self._con = duckdb.connect(self.path, read_only=True)
        except duckdb.Error as exc:  # locked by a writer, corrupt, not a DuckDB file
            raise StoreError(f"cannot open store {self.path} read-only: {exc}") from exc
        self._local = threading.local()
        self._tables: set[str] | None = None

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self._local.cur = self._con.cursor()
        return cur

    # -- queries ---------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.cursor().execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def one(self, sql: str, params: list[Any] | None = None) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.cursor().execute(sql, params or []).fetchone()
        return row[0] if row else None

    def stream(self, sql: str, params: list[Any] | None = None, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """Rows one at a time, fetched in batches (flat memory on large stores). Uses a
        fresh cursor so other queries can run while the stream is open."""
        cur = self._con.cursor()
        try:
            cur.execute(sql, params or [])
            cols = [d[0] for d in cur.description]
            while chunk := cur.fetchmany(batch):
                for row in chunk:
                    yield dict(zip(cols, row))
        finally:
            cur.close()

    def arrow_batches(self, sql: str, params: list[Any] | None = None, batch: int = 50_000):
        """A pyarrow RecordBatchReader over a query (exact column types, streaming)."""
        return self._con.cursor().sql(sql, params=params or []).to_arrow_reader(batch)

    def has_table(self, name: str) -> bool:
        if self._tables is None:
            self._tables = {r["table_name"] for r in self.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")}
        return name in self._tables

    def schema_version(self) -> int:
        if not self.has_table("schema_migrations"):
            return 0
        return int(self.scalar("SELECT max(version) FROM schema_migrations") or 0)


def open_reader(db: str | None = None) -> Reader:
    return Reader(db or default_db_path())
