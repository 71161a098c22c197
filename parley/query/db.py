"""Read-only access to a Parley store: the only way the read layer touches DuckDB."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from parley.errors import StoreError, UsageError


def default_db_path() -> str:
    return os.environ.get("PARLEY_DB") or "parley.duckdb"


class Reader:
    """A read-only DuckDB connection. Thread-safe: each thread gets its own cursor
    (DuckDB connections must not be shared between threads).

    Locks (see ``parley.store.locks``): a store a writer holds is waited for (up to
    ``wait`` seconds, default ``PARLEY_WAIT`` or 30, then ``StoreBusy``/E005), and with
    ``handover=True`` (``parley serve``) a long-lived reader lets go of the file whenever
    a writer asks and no query is running, reopening at its next query: an ingest runs
    beside the server, which then answers from the new data (``generation`` counts the
    reopenings, so caches of answers know when to drop them)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, wait: float | None = None,
                 on_wait: Callable[[str], None] | None = None, handover: bool = False):
        from parley.store.duckdb_store import check_store_path, default_wait

        self.path = str(path or default_db_path())
        check_store_path(self.path)
        if self.path != ":memory:" and not Path(self.path).exists():
            raise UsageError(f"no store at {self.path}: run 'parley ingest' first, or pass --db")
        self.wait = default_wait() if wait is None else wait
        self.on_wait = on_wait
        self.folder = Path(self.path).is_dir()  # a Parquet store written by 'parley spark'
        self.generation = 0
        self._lock = threading.RLock()
        self._active = 0  # queries and streams running now
        self._pinned = False  # an Arrow reader is out: the file is kept open from then on
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._local = threading.local()
        self._tables: set[str] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._closed = threading.Event()
        if not self.folder and self.path != ":memory:":
            bring_up_to_date(self.path, self.wait, on_wait)
        self._connection()  # open now: a missing, corrupt or busy store fails here
        if handover and not self.folder and self.path != ":memory:":
            threading.Thread(target=self._watch_writers, name="parley-reader-handover", daemon=True).start()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._con is None:
                from parley.store.locks import connect_waiting

                try:
                    if self.folder:
                        from parley.scale.parquet import open_parquet

                        self._con = open_parquet(self.path)
                    else:
                        self._con = connect_waiting(self.path, read_only=True, wait=self.wait, on_wait=self.on_wait)
                except duckdb.Error as exc:  # corrupt, not a DuckDB file
                    raise StoreError(f"cannot open store {self.path} read-only: {exc}") from exc
            return self._con

    # -- lifecycle -------------------------------------------------------------------
    def _let_go(self) -> None:
        for cur in self._cursors:
            cur.close()
        self._cursors.clear()
        if self._con is not None:
            self._con.close()
            self._con = None
        self._tables = None
        self.generation += 1

    def release_if_requested(self) -> bool:
        """Let go of the file if a writer is waiting for it and no query runs."""
        from parley.store.locks import release_requested

        if not self._lock.acquire(blocking=False):
            return False
        try:
            if self._con is None or self._active or self._pinned or not release_requested(self.path):
                return False
            self._let_go()
            return True
        finally:
            self._lock.release()

    def _watch_writers(self, every: float = 0.2) -> None:
        while not self._closed.wait(every):
            self.release_if_requested()

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            self._let_go()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _running(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """This thread's cursor, counted as running until the block ends."""
        with self._lock:
            con = self._connection()
            mine = getattr(self._local, "cur", None)
            if mine is None or mine[0] != self.generation:
                cur = con.cursor()
                self._cursors.append(cur)
                mine = self._local.cur = (self.generation, cur)
            self._active += 1
        try:
            yield mine[1]
        finally:
            with self._lock:
                self._active -= 1

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._running() as cur:
            return cur

    # -- queries ---------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self._running() as cur:
            cur.execute(sql, params or [])
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: list[Any] | None = None) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        with self._running() as cur:
            row = cur.execute(sql, params or []).fetchone()
            return row[0] if row else None

    def stream(self, sql: str, params: list[Any] | None = None, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """Rows one at a time, fetched in batches (flat memory on large stores). Uses a
        fresh cursor so other queries can run while the stream is open."""
        with self._lock:
            cur = self._connection().cursor()
            self._cursors.append(cur)
            self._active += 1
        try:
            cur.execute(sql, params or [])
            cols = [d[0] for d in cur.description]
            while chunk := cur.fetchmany(batch):
                for row in chunk:
                    yield dict(zip(cols, row, strict=True))
        finally:
            with self._lock:
                self._active -= 1
                if cur in self._cursors:
                    self._cursors.remove(cur)
                    cur.close()

    def arrow_batches(self, sql: str, params: list[Any] | None = None, batch: int = 50_000):
        """A pyarrow RecordBatchReader over a query (exact column types, streaming)."""
        with self._lock:
            self._pinned = True  # the reader outlives this call: no handover from now on
            cur = self._connection().cursor()
            self._cursors.append(cur)
        return cur.sql(sql, params=params or []).to_arrow_reader(batch)

    def has_table(self, name: str) -> bool:
        if self._tables is None:
            self._tables = {r["table_name"] for r in self.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")}
        return name in self._tables

    def schema_version(self) -> int:
        if not self.has_table("schema_migrations"):
            return 0
        return int(self.scalar("SELECT max(version) FROM schema_migrations") or 0)


def bring_up_to_date(path: str, wait: float, on_wait: Callable[[str], None] | None = None) -> None:
    """A store written by an older Parley gets the migrations it lacks (opened for writing
    once, briefly) before it is read: the read layer's queries use the newest columns."""
    from parley.store.locks import connect_waiting
    from parley.store.schema import MIGRATIONS

    try:
        con = connect_waiting(path, read_only=True, wait=wait, on_wait=on_wait)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open store {path} read-only: {exc}") from exc
    try:
        if not con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations'").fetchall():
            return  # not a Parley store (its tables are checked where they are read)
        have = {int(r[0]) for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    finally:
        con.close()
    if {v for v, _, _ in MIGRATIONS} <= have:
        return
    from parley.store import Store

    try:
        Store(path, wait=wait, on_wait=on_wait).close()  # opening a store for writing migrates it
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"store {path} needs migrations this Parley has and could not take them: {exc}") from exc


def open_reader(db: str | None = None, *, on_wait: Callable[[str], None] | None = None,
                handover: bool = False) -> Reader:
    return Reader(db or default_db_path(), on_wait=on_wait, handover=handover)
