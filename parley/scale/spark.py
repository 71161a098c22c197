"""``parley spark``: ingest and analyse an archive on Spark, into Parquet tables.

The job runs the single-process functions, unchanged, inside Spark tasks:

1. **list** every file of every source through Hadoop's FileSystem (local paths,
   ``file://``, ``hdfs://``, ``s3a://``... whatever the cluster's Hadoop can read), in
   the order ``parley ingest`` walks them (sorted, files before sub-folders, hidden
   files skipped);
2. **read** the files' bytes (Spark's ``binaryFile`` source) and turn each into articles
   and problems with ``read_file_object`` (the reader ``parley ingest`` uses);
3. **deduplicate** on the driver from (order, content hash, canonical URL) only, with the
   store's rule: an article is a duplicate when an earlier kept one has its hash or URL;
4. **analyse** in ``mapPartitions``: articles in id order, cut into the same
   ``batch_size`` chunks a single process pipes, one pipeline per Python worker (loaded
   once, kept by worker reuse);
5. **write** Parquet with the store's schema: rows go through an in-memory DuckDB store
   (the very writer the store uses, so types and values are the store's), article-level
   tables partitioned by publication month; actors merged across partitions with the
   store's merge rule (``bulk.merge_actor``) in article order.

The output, opened with ``--db DIR`` or ``parley attach DIR``, holds the rows a
single-process ``parley ingest`` of the same sources gives (volatile columns aside:
ingest and analysis times, batch ids).

Limits: one file is one task and is read whole into memory (Spark's ``binaryFile`` caps
a file at 2 GiB); http(s) URLs and stdin are not Spark sources (use ``parley ingest``).
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import PurePosixPath
from typing import Any, Iterable, Iterator
from urllib.parse import unquote, urlparse

from parley.errors import NotFound, UsageError
from parley.ingest import IngestOptions
from parley.records import Actor, Article, IngestProblem
from parley.scale.memory import GIB, peak_rss_bytes
from parley.scale.parquet import MANIFEST, MONTHLY, PARTITION, month_of, store_schema
from parley.store.schema import SCHEMA_VERSION

_PIPELINES: dict[tuple[str, str | None], Any] = {}  # per Python worker: loaded once, reused by every task


@dataclass
class SparkSummary:
    files: int = 0
    new: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    analysed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    peak_rss: dict[str, int] = field(default_factory=dict)  # Python worker (host:pid) -> bytes
    reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files, "new": self.new, "duplicates": self.duplicates, "skipped": self.skipped,
            "failed": self.failed, "analysed": self.analysed, "rows": self.rows, "reasons": self.reasons,
            "workers": len(self.peak_rss),
            "peak_rss_gib_per_worker": round(max(self.peak_rss.values(), default=0) / GIB, 3),
        }


# -- the Spark session ----------------------------------------------------------------------
def session(master: str = "local[*]", app: str = "parley"):
    """A Spark session; workers run this interpreter unless PYSPARK_PYTHON says otherwise."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(master).appName(app)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.python.worker.reuse", "true")
             .config("spark.sql.sources.partitionOverwriteMode", "static")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# -- 1. listing -----------------------------------------------------------------------------
@dataclass(order=True)
class FileEntry:
    order: tuple  # (source index, path components: files before folders at each level)
    path: str = field(compare=False)  # qualified Hadoop path
    origin: str = field(compare=False)  # what 'parley ingest' calls this file
    name: str = field(compare=False)
    size: int = field(compare=False, default=-1)


def path_key(path: str) -> str:
    """A Hadoop path as both the listing and ``binaryFile`` spell it (scheme dropped)."""
    parsed = urlparse(path)
    return f"{parsed.netloc}{unquote(parsed.path)}"


def _is_uri(source: str) -> bool:
    return "://" in source


def list_files(spark, sources: list[str]) -> tuple[list[FileEntry], list[tuple[tuple, IngestProblem]]]:
    """Every file of every source, in ingest order, and a problem for a missing source."""
    from parley.ingest.build import problem_from_error
    from parley.ingest.url import is_http_url

    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    files: list[FileEntry] = []
    problems: list[tuple[tuple, IngestProblem]] = []
    for si, source in enumerate(sources):
        if source == "-" or is_http_url(source):
            raise UsageError(f"{source!r} is not a Spark source: use 'parley ingest' for stdin and URLs")
        hpath = jvm.org.apache.hadoop.fs.Path(source)
        fs = hpath.getFileSystem(conf)
        if not fs.exists(hpath):
            problems.append(((si,), problem_from_error(source, NotFound("no such file, folder or URL"))))
            continue
        root = fs.makeQualified(hpath).toString()
        base = source.rstrip("/") if _is_uri(source) else str(PurePosixPath(source))
        status = fs.getFileStatus(hpath)
        if status.isFile():
            files.append(FileEntry((si,), root, base, PurePosixPath(urlparse(root).path).name, status.getLen()))
            continue
        listing = fs.listFiles(hpath, True)
        root_key = path_key(root).rstrip("/")
        while listing.hasNext():
            found = listing.next()
            qualified = found.getPath().toString()
            rel = path_key(qualified)[len(root_key):].lstrip("/")
            parts = rel.split("/")
            if any(p.startswith(".") for p in parts):  # hidden files and folders, as walk_files skips them
                continue
            order = (si, *[(1, p) for p in parts[:-1]], (0, parts[-1]))
            origin = f"{base}/{rel}" if _is_uri(source) else str(PurePosixPath(base) / rel)
            files.append(FileEntry(order, qualified, origin, parts[-1], found.getLen()))
    files.sort()
    return files, problems


# -- 2. reading (executors) -----------------------------------------------------------------
@dataclass
class _EmptyRow:
    path: str
    content: bytes = b""


def read_partition(rows: Iterable, files: dict[str, tuple[int, str, str]], options: IngestOptions) -> Iterator:
    """(path, content) rows -> ((0, file index, record index), Article | IngestProblem)."""
    from parley.ingest import DEFAULT_STAGES
    from parley.ingest.sources import read_file_object
    from parley.pipeline import apply_stages

    for row in rows:
        entry = files.get(path_key(row.path))
        if entry is None:  # a file that appeared after the listing
            continue
        index, origin, name = entry
        data = bytes(row.content or b"")
        outcomes = read_file_object(io.BytesIO(data), size=len(data), origin=origin, name=name, options=options)
        for j, outcome in enumerate(outcomes):
            yield (0, index, j), apply_stages(outcome, DEFAULT_STAGES)


def keep_first(meta: list[tuple[tuple, str, str, str | None]]) -> tuple[set[tuple], int]:
    """The store's duplicate rule over (order, id, content hash, canonical URL): keep an
    article unless an earlier kept one has its hash or its URL."""
    hashes: set[str] = set()
    urls: set[str] = set()
    kept: set[tuple] = set()
    duplicates = 0
    for key, _aid, digest, url in sorted(meta, key=lambda m: m[0]):
        if digest in hashes or (url and url in urls):
            duplicates += 1
            continue
        hashes.add(digest)
        if url:
            urls.add(url)
        kept.add(key)
    return kept, duplicates


# -- 4. analysis (executors) ----------------------------------------------------------------
def _pipeline(model: str, actors_file: str | None):
    key = (model, actors_file)
    if key not in _PIPELINES:
        from parley.nlp import load_nlp

        _PIPELINES[key] = load_nlp(model, actors_file=actors_file)
    return _PIPELINES[key]


class _RowWriter:
    """Rows exactly as the store holds them: written by the store's own code into an
    in-memory DuckDB store, read back, the tables emptied for the next chunk."""

    def __init__(self) -> None:
        from parley.store import Store

        self.store = Store(":memory:")

    def rows(self, articles: list[Article], analyses: list, batch_id: str) -> Iterator[tuple[str, str | None, tuple]]:
        """(table, article id, row) for every row the articles and analyses add."""
        con = self.store.con
        if articles:
            self.store.write_batch(batch_id, articles, [])
        if analyses:
            self.store.save_analyses(analyses)
        events: dict[str, str] = {}
        for table in ("articles", "analyses", "mentions", "times", "quotes", "events", "event_actors", "stances"):
            cur = con.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            key = names.index("id" if table == "articles" else "event_id" if table == "event_actors" else "article_id")
            for row in cur.fetchall():
                if table == "events":
                    events[row[0]] = row[key]
                article_id = events.get(row[key]) if table == "event_actors" else row[key]
                yield table, article_id, tuple(row)
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM actors")
        con.execute("DELETE FROM batches")


def article_partition(items: Iterable, batch_id: str) -> Iterator:
    """Kept articles -> ("articles", month, row)."""
    writer = _RowWriter()
    chunk: list[Article] = []

    def flush() -> Iterator:
        for table, article_id, row in writer.rows(chunk, [], batch_id):
            yield table, month_by_id.get(article_id or "", "unknown"), row

    month_by_id: dict[str, str] = {}
    for art in items:
        month_by_id[art.id] = month_of(_naive_utc(art.published))
        chunk.append(art)
        if len(chunk) >= 200:
            yield from flush()
            chunk, month_by_id = [], {}
    if chunk:
        yield from flush()


def analysis_partition(items: Iterable, *, model: str, actors_file: str | None, batch_size: int) -> Iterator:
    """(rank, article) sorted by rank -> (table, month, row) for every fact table,
    ("_actor", id, (rank, Actor)), ("_problem", (origin, code), ((1, rank, k), problem)) and
    one ("_stats", worker, peak RSS)."""
    from parley.analyze import analyze_articles
    from parley.pipeline import outcome_problems
    from parley.records import ArticleAnalysis

    nlp = _pipeline(model, actors_file)
    writer = _RowWriter()

    def run(chunk: list[tuple[int, Article]]) -> Iterator:
        months = {art.id: month_of(_naive_utc(art.published)) for _, art in chunk}
        pairs = list(analyze_articles([art for _, art in chunk], nlp, batch_size=batch_size))
        analyses = []
        for (rank, _), (art, outcome) in zip(chunk, pairs, strict=True):
            for k, problem in enumerate(outcome_problems(art, outcome)):
                yield "_problem", (problem.origin, problem.code), ((1, rank, k), problem)
            if isinstance(outcome, ArticleAnalysis):
                analyses.append(outcome)
                for actor in outcome.actors:
                    yield "_actor", actor.id, (rank, actor)
        for table, article_id, row in writer.rows([], analyses, ""):
            yield table, months.get(article_id or "", "unknown"), row

    chunk: list[tuple[int, Article]] = []
    for rank, art in items:
        if chunk and rank // batch_size != chunk[-1][0] // batch_size:
            yield from run(chunk)
            chunk = []
        chunk.append((rank, art))
    if chunk:
        yield from run(chunk)
    yield "_stats", f"{os.uname().nodename}:{os.getpid()}", peak_rss_bytes()


def _naive_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _merge_ranked(x: tuple[int, Actor], y: tuple[int, Actor]) -> tuple[int, Actor]:
    from parley.store.bulk import merge_actor

    (rx, ax), (ry, ay) = sorted((x, y), key=lambda p: p[0])
    return rx, merge_actor(ax, ay)


def _tally(items: Iterable) -> Iterator[tuple[str, Any]]:
    counts: dict[str, int] = {}
    for item in items:
        if item[0] == "_stats":
            yield "_stats", (item[1], item[2])
        else:
            counts[item[0]] = counts.get(item[0], 0) + 1
    yield from counts.items()


def _last(x: tuple, y: tuple) -> tuple:
    return max(x, y, key=lambda p: p[0])


# -- 5. writing -----------------------------------------------------------------------------
def spark_schema(columns: list[tuple[str, str]], partitioned: bool):
    from pyspark.sql import types as T

    kinds = {"VARCHAR": T.StringType(), "JSON": T.StringType(), "INTEGER": T.IntegerType(),
             "BIGINT": T.LongType(), "DOUBLE": T.DoubleType(), "BOOLEAN": T.BooleanType(),
             "TIMESTAMP": T.TimestampNTZType(), "DATE": T.DateType()}
    fields = [T.StructField(name, kinds.get(kind, T.StringType()), True) for name, kind in columns]
    if partitioned:
        fields.append(T.StructField(PARTITION, T.StringType(), False))
    return T.StructType(fields)


def _problem_row(p: IngestProblem, batch_id: str, now: datetime) -> dict[str, Any]:
    from parley.safe_text import safe_origin, safe_value

    return {"origin": safe_origin(p.origin), "code": p.code, "kind": p.kind, "stage": p.stage,
            "reason": safe_value(p.reason), "detail": safe_value(p.detail), "batch_id": batch_id, "recorded_at": now}


def _actor_dict(actor: Actor) -> dict[str, Any]:
    from parley.store.bulk import actor_row

    return actor_row(actor)


def _write_manifest(spark, out: str, manifest: dict[str, Any]) -> None:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(f"{out.rstrip('/')}/{MANIFEST}")
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    stream = fs.create(path, True)
    try:
        stream.write(bytearray(json.dumps(manifest, indent=2, default=str).encode("utf-8")))
    finally:
        stream.close()


def run_spark(
    sources: list[str],
    out: str,
    *,
    master: str = "local[*]",
    model: str = "md",
    actors_file: str | None = None,
    options: IngestOptions | None = None,
    batch_size: int = 16,
    partitions: int | None = None,
    overwrite: bool = False,
    spark=None,
) -> SparkSummary:
    """Ingest and analyse ``sources`` on Spark; write the store's tables as Parquet to ``out``."""
    from pyspark import StorageLevel

    options = options or IngestOptions()
    own_session = spark is None
    spark = spark or session(master)
    sc = spark.sparkContext
    summary = SparkSummary()
    batch_id = f"spark-{uuid.uuid4().hex[:8]}"
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    try:
        out_path = sc._jvm.org.apache.hadoop.fs.Path(out)
        out_fs = out_path.getFileSystem(sc._jsc.hadoopConfiguration())
        if out_fs.exists(out_path):
            if not overwrite:
                raise UsageError(f"output {out} exists: pass --overwrite to replace it")
            out_fs.delete(out_path, True)

        # 1-2. list and read
        files, missing = list_files(spark, sources)
        summary.files = len(files)
        by_path = {path_key(f.path): (i, f.origin, f.name) for i, f in enumerate(files)}
        files_bc = sc.broadcast(by_path)
        # Spark's file sources drop empty files: those are read here (one problem each)
        empty = [_EmptyRow(f.path) for f in files if f.size == 0]
        outcomes = sc.parallelize(list(read_partition(empty, by_path, options)), 1)
        nonempty = [f.path for f in files if f.size != 0]
        if nonempty:
            content = spark.read.format("binaryFile").load(nonempty).select("path", "content")
            n_read = max(1, min(len(nonempty), sc.defaultParallelism * 2))
            outcomes = outcomes.union(content.rdd.repartition(n_read).mapPartitions(
                lambda rows: read_partition(rows, files_bc.value, options)))
        outcomes = outcomes.persist(StorageLevel.MEMORY_AND_DISK)

        # 3. duplicates, decided on the driver from keys only
        meta = outcomes.filter(lambda kv: isinstance(kv[1], Article)).map(
            lambda kv: (kv[0], kv[1].id, kv[1].content_hash, kv[1].canonical_url, kv[1].status)).collect()
        kept, summary.duplicates = keep_first([m[:4] for m in meta])
        kept_bc = sc.broadcast(kept)
        articles = outcomes.filter(lambda kv: isinstance(kv[1], Article) and kv[0] in kept_bc.value).values()
        statuses = [(m[4], m[1]) for m in meta if m[0] in kept]
        ok_ids = sorted(aid for status, aid in statuses if status == "ok")
        summary.new = sum(1 for status, _ in statuses if not status.startswith("skipped"))
        for status, _ in statuses:
            if status.startswith("skipped"):
                summary.skipped += 1
                summary.reasons[status] = summary.reasons.get(status, 0) + 1

        # 4. analysis, in the chunks a single process would pipe
        rank_bc = sc.broadcast({aid: i for i, aid in enumerate(ok_ids)})
        chunks = -(-len(ok_ids) // batch_size)
        n_parts = max(1, min(chunks, partitions or sc.defaultParallelism * 4))
        ranked = (articles.filter(lambda a: a.status == "ok").map(lambda a: (rank_bc.value[a.id], a))
                  .repartitionAndSortWithinPartitions(n_parts, partitionFunc=lambda r: (r // batch_size) % n_parts))
        facts = ranked.mapPartitions(lambda items: analysis_partition(
            items, model=model, actors_file=actors_file, batch_size=batch_size))
        article_rows = articles.mapPartitions(lambda items: article_partition(items, batch_id))
        facts = facts.union(article_rows).persist(StorageLevel.MEMORY_AND_DISK)
        tallies: dict[str, int] = {}
        for kind, value in facts.mapPartitions(_tally).collect():  # one pass: row counts and worker memory
            if kind == "_stats":
                summary.peak_rss[value[0]] = max(value[1], summary.peak_rss.get(value[0], 0))
            else:
                tallies[kind] = tallies.get(kind, 0) + value
        summary.analysed = tallies.get("analyses", 0)

        # 5. tables
        schema = store_schema()
        root = out.rstrip("/")
        for table in MONTHLY:
            rows = facts.filter(lambda t, name=table: t[0] == name).map(lambda t: (*t[2], t[1]))
            df = spark.createDataFrame(rows, spark_schema(schema[table], partitioned=True))
            df.write.partitionBy(PARTITION).mode("errorifexists").parquet(f"{root}/{table}")

        actors = (facts.filter(lambda t: t[0] == "_actor").map(lambda t: (t[1], t[2])).reduceByKey(_merge_ranked)
                  .map(lambda kv: tuple(_actor_dict(kv[1][1])[c] for c, _ in schema["actors"])))
        actor_rows = actors.collect()  # one row per distinct actor: small next to the facts
        spark.createDataFrame(actor_rows, spark_schema(schema["actors"], False)).coalesce(1) \
            .write.parquet(f"{root}/actors")

        ingest_problems = outcomes.filter(lambda kv: isinstance(kv[1], IngestProblem)).map(
            lambda kv: ((kv[1].origin, kv[1].code), (kv[0], kv[1])))
        missing_rdd = sc.parallelize([((p.origin, p.code), ((0, -1, *key), p)) for key, p in missing], 1)
        analysis_problems = facts.filter(lambda t: t[0] == "_problem").map(lambda t: (t[1], t[2]))
        problems = ingest_problems.union(missing_rdd).union(analysis_problems).reduceByKey(_last).values()
        problem_list = problems.map(lambda kp: kp[1]).collect()
        for p in problem_list:
            if p.kind == "warning":
                continue
            if p.kind == "skipped":
                summary.skipped += 1
            else:
                summary.failed += 1
            key = f"{p.code} {p.reason}"
            summary.reasons[key] = summary.reasons.get(key, 0) + 1
        error_rows = [tuple(_problem_row(p, batch_id, now)[c] for c, _ in schema["ingest_errors"])
                      for p in problem_list]
        spark.createDataFrame(error_rows, spark_schema(schema["ingest_errors"], False)).coalesce(1) \
            .write.parquet(f"{root}/ingest_errors")
        batch = {"id": batch_id, "started_at": now, "new_articles": summary.new, "duplicates": summary.duplicates,
                 "skipped": summary.skipped, "failed": summary.failed}
        spark.createDataFrame([tuple(batch[c] for c, _ in schema["batches"])],
                              spark_schema(schema["batches"], False)).coalesce(1).write.parquet(f"{root}/batches")

        summary.rows = {**{t: tallies.get(t, 0) for t in MONTHLY}, "actors": len(actor_rows),
                        "ingest_errors": len(error_rows)}
        _write_manifest(spark, out, {
            "format": "parley-parquet/1", "schema_version": SCHEMA_VERSION, "batch_id": batch_id,
            "created_at": now.isoformat(), "sources": sources, "model": model, "partition": PARTITION,
            "tables": {t: {"partitioned": t in MONTHLY, "rows": summary.rows.get(t)} for t in schema},
            "summary": summary.to_dict(),
        })
        for rdd in (outcomes, facts):
            rdd.unpersist()
        return summary
    finally:
        if own_session:
            spark.stop()
