"""DuckDB store: versioned schema, idempotent batches, one transaction per batch.

Idempotence: an article is a duplicate when its canonical URL or its normalised-text
hash is already stored (or seen earlier in the same batch); duplicates change nothing.
A batch is written in one transaction, so a process killed mid-ingest leaves only whole
batches behind and a rerun adds exactly the missing ones.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import duckdb

from parley.errors import StoreError, UsageError
from parley.records import Article, ArticleAnalysis, IngestProblem
from parley.safe_text import safe_origin, safe_value
from parley.store.locks import connect_waiting, pause_after_release, release_requested
from parley.store.rows import one_row
from parley.store.schema import MIGRATIONS, SCHEMA_VERSION


def default_db_path() -> str:
    return os.environ.get("PARLEY_DB") or "parley.duckdb"


def default_wait() -> float:
    """Seconds to wait for a store another process holds (``PARLEY_WAIT``, default 30)."""
    try:
        return max(0.0, float(os.environ.get("PARLEY_WAIT", "30")))
    except ValueError:
        return 30.0


def check_store_path(path: str) -> None:
    """A store is a local file (or ``:memory:``): DuckDB would read ``md:...`` as MotherDuck
    and ``s3://...`` as a remote file, loading network extensions at run time."""
    if path == ":memory:":
        return
    head = path.split("/", 1)[0]
    if ":" in head and not (len(head) == 2 and head[0].isalpha()):  # keep Windows drive letters
        raise UsageError(f"the store must be a local file path, not {path!r} (remote and md: stores are refused)")


@dataclass
class BatchResult:
    new: list[str] = field(default_factory=list)  # article ids stored by this batch
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # "E101 empty document" -> n

    def add(self, other: "BatchResult") -> None:
        self.new.extend(other.new)
        self.duplicates += other.duplicates
        self.skipped += other.skipped
        self.failed += other.failed
        for k, v in other.reasons.items():
            self.reasons[k] = self.reasons.get(k, 0) + v


def _naive_utc(value: datetime | None) -> datetime | None:
    """Stored timestamps are UTC without a zone (DuckDB TIMESTAMP)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


_INSERT_ARTICLE = """INSERT INTO articles (id, url, canonical_url, source, title, byline, published,
    published_rule, language, language_score, text, paragraphs, content_hash, origin,
    origin_kind, is_summary, status, warnings, batch_id, fetched_at) VALUES """
_ARTICLE_COLS = 20


def _article_row(a: Article, batch_id: str) -> list[Any]:
    row = [
        a.id, a.url, a.canonical_url, a.source, a.title, a.byline, _naive_utc(a.published),
        a.published_rule, a.language, a.language_score, a.text, _json(a.paragraphs),
        a.content_hash, safe_origin(a.origin), a.origin_kind, a.is_summary, a.status,
        _json(a.warnings), batch_id, _naive_utc(a.fetched_at),
    ]
    return [safe_value(v) for v in row]  # stored text is valid UTF-8 whatever the source held


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str)


class Store:
    """A Parley store in one DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 wait: float | None = None, on_wait=None):
        """``wait``: seconds to wait for another process's lock (default ``PARLEY_WAIT`` or
        30); ``on_wait(message)`` is called once when waiting starts."""
        self.path = str(path or default_db_path())
        check_store_path(self.path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"folder for the store does not exist: {parent}")
        self.read_only = read_only
        self.wait = default_wait() if wait is None else wait
        self.on_wait = on_wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self.attached: str | None = None  # the Parquet folder, for a store over 'parley spark' output
        if Path(self.path).is_dir():
            from parley.scale.parquet import open_parquet

            self._con, self.attached = open_parquet(self.path), self.path
            return
        from parley.scale.parquet import attach_views, attached_folder

        self.attached = attached_folder(self.con)  # opens now: a corrupt store fails here, not later
        if self.attached is not None and not read_only:
            attach_views(self.con, self.attached)  # views follow the files and this schema
        elif not read_only:
            self.migrate()

    def _check_writable(self) -> None:
        if self.attached is not None:
            raise StoreError(f"store {self.path} reads the Parquet tables in {self.attached}: it cannot be "
                             "written; ingest into a DuckDB store, or rerun 'parley spark'")

    # -- lifecycle -----------------------------------------------------------------
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, (re)opened on demand: between transactions a writer lets go of
        the file when another process is waiting for it (see ``parley.store.locks``)."""
        if self._con is None:
            self._con = connect_waiting(self.path, read_only=self.read_only, wait=self.wait, on_wait=self.on_wait)
        return self._con

    def _file_backed(self) -> bool:
        """A store file that can be let go of and reopened (not ``:memory:``, not the
        in-memory views over a Parquet folder)."""
        return self.path != ":memory:" and not (self.attached is not None and self.attached == self.path)

    def release(self) -> None:
        """Let go of the file between transactions, so readers and other writers get in
        (while a model loads, say); the next use reopens it."""
        if self._file_backed() and self._con is not None:
            self._con.close()
            self._con = None

    def _released(self) -> None:
        """Outside a transaction: hand the file to a waiting process if there is one."""
        if self._file_backed() and self._con is not None and release_requested(self.path):
            self._con.close()
            self._con = None
            pause_after_release()

    def yield_to_waiters(self) -> None:
        """Between transactions of a long run: hand the file over if another process asked."""
        self._released()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        row = one_row(self.con.execute("SELECT max(version) FROM schema_migrations"))
        return int(row[0] or 0)

    def applied_versions(self) -> set[int]:
        self.schema_version()  # creates the table on a new store
        return {int(r[0]) for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}

    def migrate(self) -> int:
        """Apply every migration the store lacks, in version order (also one numbered below
        the store's newest: see ``parley.store.schema``)."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.path} has schema version {current}, newer than this Parley ({SCHEMA_VERSION})"
            )
        applied = self.applied_versions()
        for version, description, sql in sorted(MIGRATIONS):
            if version in applied:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_migrations (version, description) VALUES (?, ?)",
                    [version, description],
                )
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
        return SCHEMA_VERSION

    # -- ingest ----------------------------------------------------------------------
    def _known(self, articles: list[Article]) -> tuple[set[str], set[str]]:
        """Hashes and canonical URLs of this batch that the store already holds (one query)."""
        hashes = [a.content_hash for a in articles]
        urls = [a.canonical_url for a in articles if a.canonical_url]
        if not hashes:
            return set(), set()
        rows = self.con.execute(
            "SELECT content_hash, canonical_url FROM articles "
            "WHERE list_contains(?, content_hash) OR list_contains(?, canonical_url)",
            [hashes, urls],
        ).fetchall()
        return {r[0] for r in rows}, {r[1] for r in rows if r[1]}

    def write_batch(
        self, batch_id: str, articles: Iterable[Article], problems: Iterable[IngestProblem]
    ) -> BatchResult:
        """Store a batch of articles and problems in one transaction."""
        self._check_writable()
        result = BatchResult()
        articles = list(articles)
        self.con.execute("BEGIN TRANSACTION")
        try:
            seen_hashes, seen_urls = self._known(articles)
            fresh: list[Article] = []
            for art in articles:
                if art.content_hash in seen_hashes or (art.canonical_url and art.canonical_url in seen_urls):
                    result.duplicates += 1
                    continue
                seen_hashes.add(art.content_hash)
                if art.canonical_url:
                    seen_urls.add(art.canonical_url)
                fresh.append(art)
                if art.status.startswith("skipped"):
                    result.skipped += 1
                    result.reasons[art.status] = result.reasons.get(art.status, 0) + 1
                else:
                    result.new.append(art.id)
            if fresh:
                # one multi-row INSERT: DuckDB's executemany costs milliseconds per row
                values = ", ".join(["(" + ", ".join("?" * _ARTICLE_COLS) + ")"] * len(fresh))
                params = [v for a in fresh for v in _article_row(a, batch_id)]
                self.con.execute(_INSERT_ARTICLE + values, params)
            for prob in problems:
                if prob.kind == "skipped":
                    result.skipped += 1
                else:
                    result.failed += 1
                key = f"{prob.code} {prob.reason}"
                result.reasons[key] = result.reasons.get(key, 0) + 1
                self.record_problem(prob, batch_id)
            self.con.execute(
                "INSERT INTO batches VALUES (?, current_timestamp, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [batch_id, len(result.new), result.duplicates, result.skipped, result.failed],
            )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        self._released()
        return result

    def record_problem(self, p: IngestProblem, batch_id: str | None = None) -> None:
        """Record (or refresh) one problem; the same origin and code is stored once."""
        self.con.execute(
            """INSERT INTO ingest_errors (origin, code, kind, stage, reason, detail, batch_id)
               VALUES (?,?,?,?,?,?,?)
               ON CONFLICT (origin, code) DO UPDATE SET reason = excluded.reason,
                   detail = excluded.detail, stage = excluded.stage""",
            [safe_value(v) for v in (safe_origin(p.origin), p.code, p.kind, p.stage, p.reason, p.detail, batch_id)],
        )

    # -- analysis --------------------------------------------------------------------
    def save_analysis(self, analysis: ArticleAnalysis) -> None:
        """Replace everything previously found in one article, in one transaction."""
        self.save_analyses([analysis])

    def save_analyses(self, analyses: list[ArticleAnalysis], problems: Iterable[IngestProblem] = ()) -> None:
        """Replace the facts of many articles and record their problems, in one
        transaction and a few bulk statements (see ``parley.store.bulk``)."""
        from parley.store.bulk import write_analyses, write_problems

        self._check_writable()
        self.con.execute("BEGIN TRANSACTION")
        try:
            write_analyses(self.con, analyses)
            write_problems(self.con, problems)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        self._released()

    # -- queries ---------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def articles(self, limit: int = 100, offset: int = 0, status: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        return self.query(
            f"SELECT id, title, source, published, published_rule, language, status, origin_kind, "
            f"length(text) AS chars, url FROM articles {where} ORDER BY published NULLS LAST, id "
            f"LIMIT ? OFFSET ?",
            params + [limit, offset],
        )

    def article(self, article_id: str) -> dict[str, Any] | None:
        rows_ = self.query("SELECT * FROM articles WHERE id = ? OR id LIKE ? ORDER BY id LIMIT 2",
                           [article_id, article_id + "%"])
        if len(rows_) == 1 or (rows_ and rows_[0]["id"] == article_id):
            return rows_[0]
        return None

    def load_article(self, article_id: str) -> Article | None:
        from parley.store.rows import article_from_row

        row = self.article(article_id)
        return article_from_row(row) if row else None

    def iter_articles(self, status: str = "ok", batch: int = 200) -> Iterable[Article]:
        """Stream stored articles (constant memory) for re-analysis."""
        from parley.store.rows import article_from_row

        offset = 0
        while True:
            chunk = self.query(
                "SELECT * FROM articles WHERE status = ? ORDER BY id LIMIT ? OFFSET ?", [status, batch, offset]
            )
            if not chunk:
                return
            for row in chunk:
                yield article_from_row(row)
            offset += batch

    def errors(self, limit: int = 1000) -> list[dict[str, Any]]:
        return self.query(
            "SELECT origin, code, kind, stage, reason, detail, recorded_at FROM ingest_errors "
            "ORDER BY recorded_at, origin LIMIT ?",
            [limit],
        )

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "ingest_errors", "actors", "mentions", "times", "quotes", "events", "stances"):
            out[table] = int(one_row(self.con.execute(f"SELECT count(*) FROM {table}"))[0])
        return out
