"""The ``parley`` command line (Typer + Rich).

Library code raises typed ``ParleyError``s; this edge turns them into one clean line
(or the JSON error shape) and an exit code: 0 all good, 1 some documents failed
(partial) or a processing error, 2 usage error, 3 the store stayed busy (another
process held it for longer than ``--wait``). Stored text reaches the terminal only as
``rich.text.Text`` made ``visible`` (never parsed as markup).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from parley.errors import ActorsFileError, ParleyError, StoreBusy, UsageError
from parley.output import Format, cell, emit_rows, error_json, rows_json
from parley.safe_text import visible

console = Console(stderr=True)
out = Console()

DbOption = typer.Option(None, "--db", envvar="PARLEY_DB", help="DuckDB store file [default: ./parley.duckdb]")
FormatOption = typer.Option(Format.table, "--format", "-f", help="table, json or csv")
JsonFlag = typer.Option(False, "--json", help="print JSON ({ok, rows, next})")
CsvFlag = typer.Option(False, "--csv", help="print CSV")
MAX_ROWS = 1_000_000_000  # --limit and --offset: beyond this is a typo, refused as a usage error
LimitOption = typer.Option(1000, min=1, max=MAX_ROWS, help="at most this many rows")
WaitOption = typer.Option(None, "--wait", min=0, help="seconds to wait for a store another process holds "
                          "[default: PARLEY_WAIT or 30]")
MAX_ACTORS_FILE_BYTES = 20 * 1024 * 1024
ModelOption = typer.Option("md", "--model", help="spaCy model: md (default), sm, or a package name/path")
WorkersOption = typer.Option(None, "--workers", "-w", min=1,
                             help="analysis processes, each loading the model once [default: the machine's cores]")


class _EvalGroup(TyperGroup):
    """``parley eval GOLD.json`` scores a gold file; named sub-commands score benchmarks."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["gold", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__.splitlines()[0])
eval_app = typer.Typer(cls=_EvalGroup, no_args_is_help=True, help="Score Parley against gold files and benchmarks.")
app.add_typer(eval_app, name="eval")


def _fmt(json_: bool, csv_: bool) -> Format:
    if json_ and csv_:
        raise UsageError("choose one of --json and --csv")
    return Format.json if json_ else Format.csv if csv_ else Format.table


def handle_errors(fn: Callable) -> Callable:
    """Turn library exceptions into a clean message and exit code at the CLI edge."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ParleyError as exc:
            if kwargs.get("json_"):
                print(error_json(visible(exc.message), exc.code))
            else:
                console.print(Text.assemble((f"Error {exc.code}:", "bold red"), " ", visible(exc.message)))
            if isinstance(exc, StoreBusy):
                raise typer.Exit(3) from None
            raise typer.Exit(2 if isinstance(exc, UsageError) or exc.code in ("E003", "E004") else 1) from None

    return wrapper


def open_store(db: Optional[str], read_only: bool = False, wait: Optional[float] = None):
    from parley.store import Store, default_db_path

    path = db or default_db_path()
    if read_only and path != ":memory:" and ":" not in path.split("/", 1)[0] and not Path(path).exists():
        raise UsageError(f"no store at {path}: run 'parley ingest' first, or pass --db")
    return Store(path, read_only=read_only, wait=wait, on_wait=_waiting)


def _option_file(path: Optional[Path], option: str) -> Optional[str]:
    """A file option (``--actors``) must be a regular file of bounded size: never a FIFO,
    a device (``/dev/zero``) or a multi-gigabyte file read whole into memory."""
    import stat

    if path is None:
        return None
    try:
        st = path.stat()
    except OSError as exc:
        raise ActorsFileError(f"{option} {visible(str(path))}: cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ActorsFileError(f"{option} {visible(str(path))} is not a regular file")
    if st.st_size > MAX_ACTORS_FILE_BYTES:
        raise ActorsFileError(f"{option} file of {st.st_size} bytes is over the {MAX_ACTORS_FILE_BYTES}-byte cap")
    return str(path)


def _parse_date(value: Optional[str], what: str) -> Optional[datetime]:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what} must be an ISO date like 2025-12-06, got {value!r}") from None


# -- ingest and analysis ---------------------------------------------------------------
@app.command()
@handle_errors
def ingest(
    sources: list[str] = typer.Argument(..., help="files, folders, feeds, WARC, JSONL, URLs, or - for stdin"),
    db: Optional[str] = DbOption,
    published: Optional[str] = typer.Option(None, help="publication date for articles that state none"),
    follow_links: bool = typer.Option(False, "--follow-links", help="feeds: fetch each item's page"),
    allow_private: bool = typer.Option(False, "--allow-private", help="allow private/loopback URLs"),
    batch_size: int = typer.Option(50, min=1, help="articles per transaction"),
    analyze: bool = typer.Option(True, "--analyze/--no-analyze", help="run the NLP layers after ingest"),
    model: str = ModelOption,
    actors: Optional[Path] = typer.Option(None, "--actors", help="YAML file adding or overriding actors"),
    workers: Optional[int] = WorkersOption,
    link: bool = typer.Option(True, "--link/--no-link",
                              help="link actors and incidents across articles after analysis"),
    wait: Optional[float] = WaitOption,
    json_: bool = JsonFlag,
) -> None:
    """Ingest sources into the store, then extract facts from the new articles and link them."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from parley.ingest import IngestOptions
    from parley.pipeline import run_analysis_workers, run_ingest
    from parley.scale.pool import PoolStats

    options = IngestOptions(published=_parse_date(published, "--published"), follow_links=follow_links,
                            allow_private=allow_private)
    show_progress = not json_ and sys.stderr.isatty()
    actors_file = _option_file(actors, "--actors")
    with open_store(db, wait=wait) as store, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
        TimeElapsedColumn(), console=console, transient=True, disable=not show_progress,
    ) as progress:
        task = progress.add_task("ingesting", total=None)
        result = run_ingest(sources, store, options, batch_size=batch_size,
                            progress=lambda n: progress.advance(task, n))
        analysis = None
        stats = PoolStats()
        if analyze:
            progress.update(task, description="loading model, extracting", completed=0)
            analysis = run_analysis_workers(store, model=model, actors_file=actors_file, workers=workers,
                                            stats=stats, progress=lambda n: progress.advance(task, n))
        linked = None
        if analyze and link:
            from parley.resolve import link_store

            progress.update(task, description="linking")
            linked = link_store(store, actors_file=actors_file)
        totals = store.counts()
    summary = {
        "new": len(result.new), "duplicates": result.duplicates, "skipped": result.skipped,
        "failed": result.failed + (analysis.failed if analysis else 0), "reasons": result.reasons,
        "analysed": analysis.analysed if analysis else 0, "facts": analysis.facts if analysis else {},
        "store": totals, "link": linked.to_dict() if linked else None,
        **({"memory": stats.summary()} if analysis else {}),
    }
    if json_:
        print(json.dumps({"ok": summary["failed"] == 0, "rows": [summary], "next": None}, default=str))
    else:
        _print_ingest_summary(summary, db)
    if summary["failed"]:
        raise typer.Exit(1)


def _print_ingest_summary(s: dict[str, Any], db: Optional[str]) -> None:
    from rich.table import Table

    from parley.store import default_db_path

    t = Table(title=Text(visible(f"Ingest summary ({db or default_db_path()})")), show_header=False)
    t.add_column("what")
    t.add_column("n", justify="right")
    for key in ("new", "duplicates", "skipped", "failed", "analysed"):
        t.add_row(key, str(s[key]))  # numbers and fixed names only
    for key, n in sorted(s["facts"].items()):
        t.add_row(f"  {key} found", str(n))
    for key in ("articles", "actors", "events", "ingest_errors"):
        t.add_row(f"store: {key}", str(s["store"].get(key, 0)))
    if s.get("memory"):
        t.add_row(f"peak memory per worker ({s['memory']['workers']})",
                  f"{s['memory']['peak_rss_gib_per_worker']:.2f} GiB")
    if s.get("link"):
        lk = s["link"]
        t.add_row("incidents (new / with new reports)", f"{lk['incidents_total']} ({lk['n_new']} / "
                                                         f"{len(lk['grown_incidents'])})")
        t.add_row("events dated (from publication alone)", _dating_line(lk["dating"]))
    out.print(t)
    if s["reasons"]:
        r = Table(title="Skipped and failed, by reason")
        r.add_column("reason")
        r.add_column("n", justify="right")
        for reason, n in sorted(s["reasons"].items()):
            r.add_row(cell(reason), str(n))
        out.print(r)


@app.command()
@handle_errors
def analyze(
    db: Optional[str] = DbOption,
    model: str = ModelOption,
    all_: bool = typer.Option(False, "--all", help="re-analyse every article, not only new ones"),
    actors: Optional[Path] = typer.Option(None, "--actors", help="YAML file adding or overriding actors"),
    workers: Optional[int] = WorkersOption,
    link: bool = typer.Option(True, "--link/--no-link", help="link actors and incidents across articles afterwards"),
    wait: Optional[float] = WaitOption,
) -> None:
    """Run the NLP layers over stored articles that have no analysis yet (or --all), then link."""
    from parley.pipeline import run_analysis_workers
    from parley.scale.pool import PoolStats

    actors_file = _option_file(actors, "--actors")
    stats = PoolStats()
    with open_store(db, wait=wait) as store:
        ids = ([r["id"] for r in store.query("SELECT id FROM articles WHERE status = 'ok' ORDER BY id")]
               if all_ else None)
        result = run_analysis_workers(store, model=model, actors_file=actors_file,
                                      article_ids=ids, workers=workers, stats=stats)
        linked = None
        if link:
            from parley.resolve import link_store

            linked = link_store(store, actors_file=actors_file)
    mem = stats.summary()
    out.print(f"analysed {result.analysed} articles, {result.failed} failed; found {result.facts}; "
              f"peak memory per worker ({mem['workers']}): {mem['peak_rss_gib_per_worker']:.2f} GiB")
    if linked:
        out.print(f"incidents: {linked.incidents_total} ({linked.n_new} new, "
                  f"{len(linked.grown_incidents)} with new reports); events dated: {_dating_line(linked.dating)}")
    if result.failed:
        raise typer.Exit(1)


# -- browsing (thin shells over parley.query) ----------------------------------------------
AfterOption = typer.Option(None, "--after", help="continue a listing from the 'next' token of the previous page")
PageOption = typer.Option(1000, "--limit", min=1, max=1000, help="rows per page (at most 1000; see --after)")
SinceOption = typer.Option(None, "--since", help="on or after this ISO date (YYYY-MM-DD)")
UntilOption = typer.Option(None, "--until", help="on or before this ISO date (YYYY-MM-DD)")


def _waiting(message: str) -> None:
    console.print(Text(visible(message), style="yellow"))


def open_reader(db: Optional[str], handover: bool = False):
    from parley.query import open_reader as _open

    return _open(db, on_wait=_waiting, handover=handover)


def _listing(db: Optional[str], select, limit: int, after: Optional[str], fmt: Format, title: str,
             columns: list[str], table_shape: Optional[Callable] = None) -> None:
    """Print one page of a listing; ``next`` is a real token whenever rows remain."""
    from parley.query import paginate

    with open_reader(db) as reader:
        page = paginate(reader, select, limit, after)
    rows = [table_shape(r) for r in page.rows] if table_shape and fmt is Format.table else page.rows
    emit_rows(rows, fmt, title=title, columns=columns, console=out, next_token=page.next)
    if page.next and fmt is Format.table:
        console.print(f"[dim]more rows: add --after {page.next}[/dim]")



# -- scale-out ----------------------------------------------------------------------------
@app.command()
@handle_errors
def spark(
    sources: list[str] = typer.Argument(..., help="files and folders: local paths or Hadoop URIs (hdfs://, s3a://...)"),
    out_dir: str = typer.Option(..., "--out", "-o", help="output folder (local or Hadoop URI) for the Parquet tables"),
    master: str = typer.Option("local[*]", "--master", help="Spark master URL [default: local[*], every core]"),
    published: Optional[str] = typer.Option(None, help="publication date for articles that state none"),
    model: str = ModelOption,
    actors: Optional[Path] = typer.Option(None, "--actors", help="YAML file adding or overriding actors"),
    partitions: Optional[int] = typer.Option(None, min=1, help="analysis partitions [default: 4 per core]"),
    overwrite: bool = typer.Option(False, "--overwrite", help="replace an existing output folder"),
    json_: bool = JsonFlag,
) -> None:
    """Ingest and analyse an archive on Spark into Parquet tables (the store's schema, by month)."""
    from parley.ingest import IngestOptions
    from parley.scale.spark import run_spark

    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise UsageError("PySpark is not installed: pip install 'parley[spark]' (and a Java 17+ runtime)") from None
    from parley.ingest.url import is_http_url

    for source in sources:  # refused before a Spark session is started
        if source == "-" or is_http_url(source):
            raise UsageError(f"{source!r} is not a Spark source: use 'parley ingest' for stdin and URLs")
    options = IngestOptions(published=_parse_date(published, "--published"))
    summary = run_spark(sources, out_dir, master=master, model=model, actors_file=_option_file(actors, "--actors"),
                        options=options, partitions=partitions, overwrite=overwrite).to_dict()
    if json_:
        print(json.dumps({"ok": summary["failed"] == 0, "rows": [summary], "next": None}, default=str))
    else:
        out.print(Text(visible(
            f"wrote {out_dir}: {summary['new']} new articles, {summary['duplicates']} duplicates, "
            f"{summary['skipped']} skipped, {summary['failed']} failed, {summary['analysed']} analysed; "
            f"peak memory per worker ({summary['workers']}): {summary['peak_rss_gib_per_worker']:.2f} GiB")))
        for table, n in summary["rows"].items():
            out.print(f"  {table:<14} {n:>8} rows")
        out.print(Text(visible(f"query it with: parley articles --db {out_dir}   "
                               f"(or: parley attach {out_dir} --db FILE)")))
    if summary["failed"]:
        raise typer.Exit(1)


def _dating_line(d: dict[str, Any]) -> str:
    if not d.get("events"):
        return "no events"
    return (f"{d['dated']}/{d['events']} ({d['share_dated']:.0%}); from publication alone "
            f"{d['dated_from_publication']} ({d['share_from_publication']:.0%})")


@app.command()
@handle_errors
def attach(
    folder: Path = typer.Argument(..., help="a folder written by 'parley spark'"),
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
) -> None:
    """Make a DuckDB store whose tables are views over Parquet tables from 'parley spark'."""
    from parley.scale.parquet import attach as attach_parquet
    from parley.store import Store, default_db_path

    target = db or default_db_path()
    manifest = attach_parquet(folder, target)
    with Store(target, read_only=True) as store:
        counts = store.counts()
    if json_:
        print(json.dumps({"ok": True, "rows": [{"db": target, "folder": str(folder.resolve()), "store": counts,
                                               "schema_version": manifest.get("schema_version")}], "next": None}))
        return
    out.print(Text(visible(f"{target}: views over {folder.resolve()} ({counts['articles']} articles, "
                           f"{counts['events']} events); use --db {target} with any command")))


@app.command()
@handle_errors
def link(
    db: Optional[str] = DbOption,
    full: bool = typer.Option(False, "--full", help="recompute every incident instead of updating"),
    actors: Optional[Path] = typer.Option(None, "--actors", help="YAML file with same_as / not_same_as overrides"),
    json_: bool = JsonFlag,
) -> None:
    """Link actors and events across articles: merged actors and incidents (runs after ingest/analyze too)."""
    from parley.resolve import link_store

    if actors is not None and not actors.exists():
        raise UsageError(f"actors file not found: {visible(str(actors))}")
    actors_file = _option_file(actors, "--actors")
    with open_store(db) as store:
        report = link_store(store, actors_file=actors_file, full=full)
        merged = store.query(
            "SELECT l.actor_id, a.name, l.canonical_id, c.name AS canonical_name, l.rule, l.score, l.evidence "
            "FROM actor_links l JOIN actors a ON a.id = l.actor_id LEFT JOIN actors c ON c.id = l.canonical_id "
            "WHERE l.canonical_id <> l.actor_id ORDER BY l.canonical_id, l.actor_id")
    if json_:
        print(json.dumps({"ok": True, "rows": [{**report.to_dict(), "merged": merged}], "next": None},
                         default=str, ensure_ascii=False))
        return
    out.print(f"actors: {report.actors} ({report.merged_actors} merged into another); incidents: "
              f"{report.incidents_total} ({report.n_new} new, {len(report.grown_incidents)} with new "
              f"reports, {len(report.status_changes)} changed status); events dated: {_dating_line(report.dating)}")
    if merged:
        emit_rows([{**m, "evidence": m["evidence"]} for m in merged], Format.table, title="Merged actors",
                  columns=["actor_id", "name", "canonical_id", "canonical_name", "rule", "score"], console=out)


@app.command()
@handle_errors
def watch(
    sources: list[str] = typer.Argument(..., help="feed or page URLs (or files) to poll"),
    every: str = typer.Option("15m", "--every", help="time between rounds: 15m, 30s, 1h"),
    rounds: Optional[int] = typer.Option(None, min=1, help="stop after this many rounds (default: until stopped)"),
    db: Optional[str] = DbOption,
    model: str = ModelOption,
    allow_private: bool = typer.Option(False, "--allow-private", help="allow private/loopback URLs"),
    actors: Optional[Path] = typer.Option(None, "--actors", help="YAML file adding or overriding actors"),
    json_: bool = JsonFlag,
) -> None:
    """Poll feeds, ingest only new items, analyse and link them, print new and changed incidents."""
    from parley.ingest import IngestOptions
    from parley.nlp import load_nlp
    from parley.resolve.watch import Watcher, escape_terminal, parse_every

    seconds = parse_every(every)
    actors_file = _option_file(actors, "--actors")
    with open_store(db) as store:
        w = Watcher(store, sources, options=IngestOptions(allow_private=allow_private), actors_file=actors_file,
                    nlp_factory=lambda: load_nlp(model, actors_file=actors_file))
        w.install_signals()

        def show(n: int, res) -> None:
            if json_:
                print(json.dumps({"ok": True, "rows": [{"round": n, **res.__dict__}], "next": None},
                                 default=str, ensure_ascii=False), flush=True)
                return
            out.print(f"round {n}: {res.fetched} fetched, {res.not_modified} unchanged, {res.failed} failed, "
                      f"{res.new_articles} new articles" + (" (interrupted)" if res.interrupted else ""))
            for label, items in (("NEW", res.new_incidents), ("MORE REPORTS", res.grown_incidents),
                                 ("STATUS", res.status_changes)):
                for i in items:
                    change = f" {i['old_status']} -> {i['status']}" if label == "STATUS" else f" {i['status']}"
                    out.print(f"  {label} {i['id']} {i['type']} "
                              f"{escape_terminal(i['date_value'] or 'undated')}{change} "
                              f"({i['n_articles']} articles, {i['n_outlets']} outlets): "
                              f"{escape_terminal((i['first_evidence'] or '').strip()[:160])}", markup=False)
            for src, st in w.state.items():
                if st.last_status.startswith("E"):
                    out.print(f"  feed {escape_terminal(src)}: {escape_terminal(st.last_status)} (retried next round)",
                              markup=False)

        w.run(seconds, rounds, show)


# -- browsing ---------------------------------------------------------------------------
@app.command()
@handle_errors
def articles(
    db: Optional[str] = DbOption,
    limit: int = typer.Option(100, min=1, max=1000, help="rows per page (at most 1000; see --after)"),
    after: Optional[str] = AfterOption,
    status: Optional[str] = typer.Option(None, help="ok, skipped:language, ..."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="source name contains"),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    search: Optional[str] = typer.Option(None, "--search", "-q", help="title or text contains"),
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """List stored articles, newest first."""
    from parley.query import ArticleFilter
    from parley.query.listings import ARTICLE_COLUMNS, articles as select

    f = ArticleFilter.parse(status=status, outlet=outlet, since=since, until=until, q=search)
    _listing(db, select(f), limit, after, _fmt(json_, csv_), "Articles", ARTICLE_COLUMNS)


@app.command()
@handle_errors
def errors(
    db: Optional[str] = DbOption,
    limit: int = PageOption,
    after: Optional[str] = AfterOption,
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """List documents that failed or were skipped, with the specific reason."""
    from parley.query.listings import ERROR_COLUMNS, errors as select

    _listing(db, select(), limit, after, _fmt(json_, csv_), "Ingest errors and skips", ERROR_COLUMNS)


@app.command()
@handle_errors
def show(
    article_id: str = typer.Argument(..., help="article id (a unique prefix is enough)"),
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
) -> None:
    """Show an article's metadata and text with its facts highlighted."""
    from parley.errors import RecordNotFound
    from parley.query.listings import article, article_facts

    with open_reader(db) as reader:
        row = article(reader, article_id)
        if row is None:
            raise RecordNotFound(f"no article with id {article_id!r} (see 'parley articles')")
        facts = article_facts(reader, row["id"])
    if json_:
        print(rows_json([{**row, **facts}]))
        return
    from parley.render import render_article

    render_article(out, row, facts)


@app.command()
@handle_errors
def events(
    actor: Optional[str] = typer.Option(None, "--actor",
                                        help="actor name, alias, id or ISO country code (either side)"),
    dyad: Optional[str] = typer.Option(None, "--dyad", help="two actors, A,B: one on each side"),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT, ASSAULT"),
    quad: Optional[str] = typer.Option(None, "--quad", help="verbal_cooperation, material_conflict, ..."),
    status: Optional[str] = typer.Option(None, "--status",
                                         help="occurred, ongoing, planned, hypothetical, negated, claimed"),
    country: Optional[str] = typer.Option(None, "--country", help="an actor's or the place's country"),
    issue: Optional[str] = typer.Option(None, "--issue", help="reported in an article with a stance on this issue"),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    outlet: Optional[str] = typer.Option(None, "--outlet", help="source name contains"),
    search: Optional[str] = typer.Option(None, "--search", "-q", help="evidence sentence contains"),
    limit: int = PageOption,
    after: Optional[str] = AfterOption,
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """List PLOVER events: who did what to whom, when, where and how sure (newest first)."""
    from parley.query import EventFilter
    from parley.query.listings import EVENT_COLUMNS, events as select

    f = EventFilter.parse(actor=actor, dyad=dyad, type=type_, quad=quad, status=status, country=country,
                          issue=issue, since=since, until=until, outlet=outlet, q=search)
    _listing(db, select(f), limit, after, _fmt(json_, csv_), "Events", EVENT_COLUMNS)


@app.command()
@handle_errors
def explain(
    event_id: str = typer.Argument(..., help="event id, as listed by 'parley events'"),
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
) -> None:
    """Why an event was coded: evidence, trigger, rule, lexicon entry, arguments, date rule, status cues."""
    from parley.query.explain import explain_event

    with open_reader(db) as reader:
        info = explain_event(reader, event_id)
    if json_:
        print(rows_json([info]))
        return
    for key, value in info.items():
        if value in (None, [], {}, ""):
            continue
        out.print(Text.assemble((key, "bold"), ": ", visible(_cell(value))))


def _cell(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)


@app.command()
@handle_errors
def actors(
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3 code or country name, e.g. UKR"),
    type_: Optional[str] = typer.Option(None, "--type", help="person, state, organisation, group, government_body"),
    search: Optional[str] = typer.Option(None, "--search", "-q", help="name or alias contains"),
    limit: int = PageOption,
    after: Optional[str] = AfterOption,
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """List canonical actors with how often and in how many articles they are mentioned."""
    from parley.query import ActorFilter
    from parley.query.listings import ACTOR_COLUMNS, actors as select

    f = ActorFilter.parse(country=country, type=type_, q=search)
    _listing(db, select(f), limit, after, _fmt(json_, csv_), "Actors", ACTOR_COLUMNS,
             table_shape=lambda r: {**r, "roles": "; ".join(dict.fromkeys(x.get("title", "") for x in r["roles"]))})


@app.command()
@handle_errors
def quotes(
    actor: Optional[str] = typer.Option(None, "--actor",
                                        help="speaker name or alias (part is enough), or country code"),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    kind: Optional[str] = typer.Option(None, "--kind", help="direct, partial or indirect"),
    search: Optional[str] = typer.Option(None, "--search", "-q", help="quote text contains"),
    limit: int = PageOption,
    after: Optional[str] = AfterOption,
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """List stored quotes and reported speech with their speakers."""
    from parley.query import QuoteFilter
    from parley.query.listings import QUOTE_COLUMNS, quotes as select

    f = QuoteFilter.parse(actor=actor, since=since, until=until, kind=kind, q=search)
    _listing(db, select(f), limit, after, _fmt(json_, csv_), "Quotes", QUOTE_COLUMNS)


@app.command()
@handle_errors
def stances(
    issue: Optional[str] = typer.Option(None, "--issue", help="territorial_concessions, security_guarantees, ..."),
    actor: Optional[str] = typer.Option(None, "--actor", help="actor id, name or alias"),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    limit: int = PageOption,
    after: Optional[str] = AfterOption,
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """Positions of actors on a negotiation issue, in date order."""
    from parley.query import StanceFilter
    from parley.query.listings import STANCE_COLUMNS, stances as select

    f = StanceFilter.parse(issue=issue, actor=actor, since=since, until=until)
    _listing(db, select(f), limit, after, _fmt(json_, csv_), "Stances", STANCE_COLUMNS)


@app.command()
@handle_errors
def timeline(
    actor: Optional[str] = typer.Option(None, "--actor", help="actor id, name, alias or ISO country code"),
    dyad: Optional[str] = typer.Option(None, "--dyad", help="two actors, A,B: one on each side"),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type"),
    quad: Optional[str] = typer.Option(None, "--quad", help="verbal_cooperation, material_conflict, ..."),
    status: Optional[str] = typer.Option(None, "--status", help="occurred, planned, cancelled, ..."),
    issue: Optional[str] = typer.Option(None, "--issue", help="reported with a stance on this issue"),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    limit: int = PageOption,
    after: Optional[str] = AfterOption,
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """Incidents merged across articles, in date order."""
    from parley.query import IncidentFilter
    from parley.query.incidents import INCIDENT_COLUMNS, timeline_page

    f = IncidentFilter.parse(actor=actor, dyad=dyad, type=type_, quad=quad, status=status, issue=issue,
                             since=since, until=until)
    fmt = _fmt(json_, csv_)
    with open_reader(db) as reader:
        page = timeline_page(reader, f, limit, after)
    emit_rows(page.rows, fmt, title="Timeline", columns=INCIDENT_COLUMNS, console=out, next_token=page.next)
    if fmt is Format.table and page.meta.get("empty"):
        console.print(page.meta["empty"])
    if page.next and fmt is Format.table:
        console.print(f"[dim]more rows: add --after {page.next}[/dim]")


@app.command()
@handle_errors
def incident(
    incident_id: str = typer.Argument(..., help="incident id, as listed by 'parley timeline'"),
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """One incident: every report side by side, status history, merge reasons, disagreements."""
    from parley.query.incidents import incident as read

    fmt = _fmt(json_, csv_)
    with open_reader(db) as reader:
        info = read(reader, incident_id)
    if fmt is Format.json:
        print(rows_json([info]))
        return
    reports = [{**r, "reasons": "; ".join(x.get("rule", "") for x in r["reasons"] if isinstance(x, dict))}
               for r in info["reports"]]
    columns = ["published", "outlet", "status", "date_value", "evidence", "event_id", "reasons"]
    if fmt is Format.table:
        out.print(Text(visible(f"{info['type']} ({info['status']}) {info.get('date_value') or ''}  "
                               f"{info['participants']}")))
        out.print(Text(visible("status: " + " -> ".join(h["status"] for h in info["status_history"]))))
        for name, values in info["disagreements"].items():
            out.print(Text(visible(f"reports disagree on {name}: " + " | ".join(map(str, values)))))
    emit_rows(reports, fmt, title=f"Reports of incident {info['id']}", columns=columns, console=out)


@app.command()
@handle_errors
def network(
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type"),
    quad: Optional[str] = typer.Option(None, "--quad", help="verbal_cooperation, material_conflict, ..."),
    actor: Optional[str] = typer.Option(None, "--actor", help="only incidents involving this actor"),
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
    csv_: bool = CsvFlag,
) -> None:
    """The actor network: directed edges per PLOVER quad class, weighted by incident count."""
    from parley.query import NetworkFilter
    from parley.query.incidents import network as read

    f = NetworkFilter.parse(since=since, until=until, type=type_, quad=quad, actor=actor)
    with open_reader(db) as reader:
        net = read(reader, f)
    names = {n["id"]: n["name"] for n in net["nodes"]}
    rows = [{**e, "source_name": names.get(e["source"]), "target_name": names.get(e["target"])} for e in net["edges"]]
    fmt = _fmt(json_, csv_)
    if fmt is Format.json:
        print(json.dumps({"ok": True, "rows": rows, "next": None, "nodes": net["nodes"], "basis": net["basis"]},
                         default=str, ensure_ascii=False))
        return
    emit_rows(rows, fmt, title=f"Network ({net['basis']})", console=out,
              columns=["source_name", "target_name", "quad", "weight", "types", "source", "target"])


@app.command()
@handle_errors
def serve(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="address to bind (default loopback only)"),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
) -> None:
    """Serve the web UI and the JSON API (read-only) on http://HOST:PORT (API docs at /docs)."""
    import uvicorn

    from parley.api import create_app

    app_ = create_app(reader=open_reader(db, handover=True))  # an ingest beside it gets the file in turns
    console.print(Text(visible(f"Parley on http://{host}:{port}/  "
                               f"(API docs: http://{host}:{port}/docs; Ctrl-C stops)")))
    # a long keep-alive: clients reusing a connection must not race the server closing it
    uvicorn.run(app_, host=host, port=port, log_level="warning", limit_concurrency=512, timeout_keep_alive=75)


@app.command()
@handle_errors
def export(
    out_path: Path = typer.Argument(..., metavar="OUT", help="file to write"),
    format_: str = typer.Option(..., "--format", help="csv, jsonl, parquet, plover-json or graphml"),
    table: str = typer.Option("events", "--table", help="articles, actors, mentions, times, quotes, events, "
                              "stances, errors, incidents (graphml: the network)"),
    actor: Optional[str] = typer.Option(None, "--actor"),
    dyad: Optional[str] = typer.Option(None, "--dyad"),
    country: Optional[str] = typer.Option(None, "--country"),
    type_: Optional[str] = typer.Option(None, "--type"),
    quad: Optional[str] = typer.Option(None, "--quad"),
    status: Optional[str] = typer.Option(None, "--status"),
    issue: Optional[str] = typer.Option(None, "--issue"),
    kind: Optional[str] = typer.Option(None, "--kind"),
    outlet: Optional[str] = typer.Option(None, "--outlet"),
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    search: Optional[str] = typer.Option(None, "--search", "-q"),
    db: Optional[str] = DbOption,
    json_: bool = JsonFlag,
) -> None:
    """Write a listing (with the same filters as the list commands) to a file, streaming."""
    from parley.export import export as run

    raw = {"actor": actor, "dyad": dyad, "country": country, "type": type_, "quad": quad, "status": status,
           "issue": issue, "kind": kind, "outlet": outlet, "since": since, "until": until, "q": search}
    with open_reader(db) as reader:
        n = run(reader, format_, table, {k: v for k, v in raw.items() if v}, out_path)
    summary = {"format": format_, "table": "network" if format_ == "graphml" else table, "records": n,
               "path": str(out_path)}
    if json_:
        print(rows_json([summary]))
    else:
        out.print(Text(visible(f"wrote {n} {summary['table']} records to {out_path} ({format_})")))


# -- evaluation -------------------------------------------------------------------------
def print_report(report, as_json: bool) -> None:
    """Print an ``EvalReport``: the gold README's JSON shape, or Rich tables."""
    from parley.render import render_report

    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, default=str))
    else:
        render_report(out, report)


@eval_app.command("gold")
@handle_errors
def eval_gold(
    gold: list[Path] = typer.Argument(..., help="parley-gold/1 files"),
    model: str = ModelOption,
    json_: bool = JsonFlag,
) -> None:
    """Score every layer against hand-annotated gold files."""
    from parley.eval.gold import evaluate_gold
    from parley.nlp import load_nlp

    nlp = load_nlp(model)
    for path in gold:
        if not path.is_file():
            raise UsageError(f"gold file not found: {path}")
        print_report(evaluate_gold(path, nlp), json_)


@eval_app.command("timeml")
@handle_errors
def eval_timeml(
    directory: Path = typer.Argument(..., help="folder of TimeML .tml files (searched recursively)"),
    model: str = ModelOption,
    limit: Optional[int] = typer.Option(None, min=1, help="score only the first N files"),
    baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="also score dateparser"),
    json_: bool = JsonFlag,
) -> None:
    """TempEval-3 scores of the temporal tagger (and the dateparser baseline)."""
    from parley.eval.timeml import evaluate_timeml
    from parley.nlp import load_nlp

    if not directory.exists():
        raise UsageError(f"TimeML folder not found: {directory}")
    nlp = load_nlp(model, layers=("times",))
    print_report(evaluate_timeml(directory, nlp, limit=limit, baseline=baseline), json_)


@eval_app.command("plover-gsr")
@handle_errors
def eval_plover_gsr(
    path: Path = typer.Argument(..., help="PLOVER_GSR_CAMEO.txt (JSON list of PLOVER records)"),
    model: str = ModelOption,
    limit: Optional[int] = typer.Option(None, min=1, help="score only the first N sentences"),
    json_: bool = JsonFlag,
) -> None:
    """Score actor countries (and later event types) on the PLOVER gold sentences."""
    from parley.eval.plover import evaluate_plover
    from parley.nlp import load_nlp

    if not path.is_file():
        raise UsageError(f"PLOVER file not found: {path}")
    print_report(evaluate_plover(path, load_nlp(model), limit=limit), json_)


@eval_app.command("polnear")
@handle_errors
def eval_polnear(
    directory: Path = typer.Argument(..., help="PolNeAR split folder with text/ and attributions/"),
    model: str = ModelOption,
    limit: Optional[int] = typer.Option(None, min=1, help="score only the first N texts"),
    json_: bool = JsonFlag,
) -> None:
    """Score attributions (content, cue, source) on PolNeAR brat annotations."""
    from parley.eval.polnear import evaluate_polnear
    from parley.nlp import load_nlp

    if not (directory / "attributions").is_dir() or not (directory / "text").is_dir():
        raise UsageError(f"{directory} must hold text/ and attributions/ folders")
    print_report(evaluate_polnear(directory, load_nlp(model), limit=limit), json_)


def _event_bench(kind: str, directory: Path, model: str, limit: Optional[int], json_: bool) -> None:
    from parley.eval.event_bench import evaluate_rams, evaluate_wikievents
    from parley.nlp import load_nlp

    if not (directory / "plover-mapping.tsv").is_file():
        raise UsageError(f"{directory} must hold the data and its plover-mapping.tsv")
    run = evaluate_rams if kind == "rams" else evaluate_wikievents
    print_report(run(directory, load_nlp(model), limit=limit), json_)


@eval_app.command("rams")
@handle_errors
def eval_rams(
    directory: Path = typer.Argument(..., help="RAMS split folder (*.jsonlines + plover-mapping.tsv)"),
    model: str = ModelOption,
    limit: Optional[int] = typer.Option(None, min=1, help="score only the first N passages"),
    json_: bool = JsonFlag,
) -> None:
    """Event recall, types and roles on RAMS passages mapped to PLOVER."""
    _event_bench("rams", directory, model, limit, json_)


@eval_app.command("wikievents")
@handle_errors
def eval_wikievents(
    directory: Path = typer.Argument(..., help="WikiEvents split folder (*.jsonl + plover-mapping.tsv)"),
    model: str = ModelOption,
    limit: Optional[int] = typer.Option(None, min=1, help="score only the first N documents"),
    json_: bool = JsonFlag,
) -> None:
    """Event precision, recall, types and roles on WikiEvents documents mapped to PLOVER."""
    _event_bench("wikievents", directory, model, limit, json_)


@eval_app.command("ecbplus")
@handle_errors
def eval_ecbplus(
    directory: Path = typer.Argument(..., help="ECB+ folder with ECB+/<topic>/*.xml and the validated-sentences CSV"),
    model: str = ModelOption,
    topics: Optional[str] = typer.Option(None, help="comma-separated topic numbers (default: every topic present)"),
    limit: Optional[int] = typer.Option(None, min=1, help="score only the first N documents"),
    json_: bool = JsonFlag,
) -> None:
    """Cross-document event coreference: incidents scored as MUC, B3, CEAF-e and CoNLL F1 beside same-lemma."""
    from parley.eval.ecbplus import evaluate_ecbplus
    from parley.nlp import load_nlp

    if not (directory / "ECB+").is_dir():
        raise UsageError(f"{directory} must hold an ECB+ folder of topics")
    wanted = {t.strip() for t in topics.split(",") if t.strip()} if topics else None
    print_report(evaluate_ecbplus(directory, load_nlp(model), topics=wanted, limit=limit), json_)


def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
