"""Bulk writes: the facts of many articles in a handful of statements.

Writing fact by fact cost as much time as the NLP itself (one ``INSERT`` per mention,
time, quote, event...). Here every table gets one Arrow-backed ``INSERT ... SELECT`` per
batch of articles, inside the caller's transaction, so a batch of analyses is still
all-or-nothing.

Actors seen several times in one batch are merged in Python first, with the same rule
the store applies against a stored actor (``merge_actor``), because one ``ON CONFLICT DO
UPDATE`` statement may not touch a row twice. The same function merges actors in the
Spark job, so both paths give the same actor rows.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Iterable

import duckdb
import pyarrow as pa

from parley import __version__
from parley.records import Actor, ArticleAnalysis, IngestProblem
from parley.safe_text import safe_origin, safe_value
from parley.store import rows


def merge_actor(first: Actor, later: Actor) -> Actor:
    """``later`` (seen after ``first``) merged into ``first``: name, type and source of the
    first; country and acts_for the first known; aliases in first-seen order; the longer
    role list (the earlier on a tie). Associative, so any grouping of an ordered stream of
    actors gives the same result."""
    aliases = list(dict.fromkeys([*first.aliases, *later.aliases]))
    return dataclasses.replace(
        first,
        country=first.country if first.country is not None else later.country,
        aliases=aliases,
        roles=first.roles if len(first.roles) >= len(later.roles) else later.roles,
        acts_for=first.acts_for if first.acts_for is not None else later.acts_for,
    )


def merged_actors(actors: Iterable[Actor]) -> list[Actor]:
    """One actor per id, merged in stream order (first appearance keeps its place)."""
    out: dict[str, Actor] = {}
    for actor in actors:
        prev = out.get(actor.id)
        out[actor.id] = actor if prev is None else merge_actor(prev, actor)
    return list(out.values())


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "name": actor.name, "type": actor.type, "country": actor.country,
        # compact, as DuckDB's to_json writes a merged list
        "aliases": json.dumps(list(dict.fromkeys(actor.aliases)), ensure_ascii=False, separators=(",", ":")),
        "roles": json.dumps(actor.roles, ensure_ascii=False, default=str),
        "source": actor.source, "acts_for": actor.acts_for,
    }


def analysis_tables(analyses: list[ArticleAnalysis]) -> dict[str, list[dict[str, Any]]]:
    """Every row the analyses add, per table (actors not yet merged). An event id given
    twice keeps the later event and only its actors (as ``INSERT OR REPLACE`` would)."""
    out: dict[str, list[dict[str, Any]]] = {
        "analyses": [
            {"article_id": a.article_id, "model": a.model, "model_version": a.model_version,
             "parley_version": __version__}
            for a in analyses
        ],
    }
    for table in ("mentions", "times", "quotes", "stances"):
        out[table] = [rows.record_row(table, rec) for a in analyses for rec in getattr(a, table)]
    events = list({ev.id: ev for a in analyses for ev in a.events}.values())
    out["events"] = [rows.record_row("events", ev) for ev in events]
    out["event_actors"] = [
        {"event_id": ev.id, "role": role, "actor_id": ea.actor_id, "name": ea.name, "country": ea.country,
         "date_earliest": ev.date_earliest}  # the event's sort key, beside its actors (page windows)
        for ev in events
        for role, actors in (("source", ev.sources), ("target", ev.targets))
        for ea in actors
    ]
    return out


def _arrow(records: list[dict[str, Any]]) -> pa.Table:
    """Stored text is valid UTF-8 whatever the source held (a lone surrogate would make
    Arrow refuse the whole batch)."""
    cols = list(records[0])
    return pa.table({c: pa.array([safe_value(r.get(c)) for r in records]) for c in cols})


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, records: list[dict[str, Any]],
                verb: str = "INSERT", suffix: str = "") -> None:
    """One ``INSERT ... SELECT`` of ``records`` (dicts with the same keys) into ``table``."""
    if not records:
        return
    data = _arrow(records)  # noqa: F841  (DuckDB reads the local Arrow table by name)
    cols = ", ".join(records[0])
    con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM data {suffix}")


def problem_rows(problems: Iterable[IngestProblem], batch_id: str | None) -> list[dict[str, Any]]:
    """One row per (origin, code), the last one winning, as ``record_problem`` does."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for p in problems:
        origin = safe_origin(p.origin)
        out[(origin, p.code)] = {"origin": origin, "code": p.code, "kind": p.kind, "stage": p.stage,
                                   "reason": p.reason, "detail": p.detail, "batch_id": batch_id}
    return list(out.values())


def write_problems(con: duckdb.DuckDBPyConnection, problems: Iterable[IngestProblem],
                   batch_id: str | None = None) -> None:
    insert_rows(con, "ingest_errors", problem_rows(problems, batch_id),
                suffix="ON CONFLICT (origin, code) DO UPDATE SET reason = excluded.reason, "
                       "detail = excluded.detail, stage = excluded.stage")


def write_analyses(con: duckdb.DuckDBPyConnection, analyses: list[ArticleAnalysis]) -> None:
    """Replace the facts of every analysed article (inside the caller's transaction)."""
    if not analyses:
        return
    ids = [a.article_id for a in analyses]
    # an article analysed twice in one batch keeps its last analysis, as one-by-one saves did
    last = {a.article_id: a for a in analyses}
    analyses = list(last.values())
    for table in ("mentions", "times", "quotes", "stances"):
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
    con.execute("DELETE FROM event_actors WHERE event_id IN "
                "(SELECT id FROM events WHERE list_contains(?, article_id))", [ids])
    con.execute("DELETE FROM events WHERE list_contains(?, article_id)", [ids])
    tables = analysis_tables(analyses)
    insert_rows(con, "analyses", tables["analyses"], verb="INSERT OR REPLACE")
    actors = merged_actors(actor for a in analyses for actor in a.actors)
    insert_rows(con, "actors", [actor_row(a) for a in actors],
                suffix=f"ON CONFLICT (id) DO UPDATE SET {rows.ACTOR_UPSERT_SET}")
    for table in ("mentions", "times", "quotes", "stances"):
        insert_rows(con, table, tables[table])
    # an event id stored by another article is replaced, with its actors
    con.execute("DELETE FROM event_actors WHERE list_contains(?, event_id)", [[r["id"] for r in tables["events"]]])
    insert_rows(con, "events", tables["events"], verb="INSERT OR REPLACE")
    insert_rows(con, "event_actors", tables["event_actors"])
