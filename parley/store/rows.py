"""Mapping between records and table rows (kept apart so the store class stays small)."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from parley.errors import StoreError
from parley.records import Actor, Article

if TYPE_CHECKING:
    import duckdb

# record field -> column, where the names differ
_RENAMES = {"start": "start_char", "end": "end_char"}
_SKIP = {"events": {"sources", "targets"}}
_JSON_FIELDS = {"relation", "magnitude", "contexts", "sources", "targets", "aliases", "roles", "mentions", "basis",
                "claimant"}


def _value(name: str, value: Any) -> Any:
    if name in _JSON_FIELDS:
        return json.dumps(value, ensure_ascii=False, default=str) if value is not None else None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json.dumps(dataclasses.asdict(value), ensure_ascii=False, default=str)
    if isinstance(value, Enum):
        return value.value
    return value


def one_row(result: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """The one row of an aggregate query (``count(*)``, ``max(...)``), which SQL always
    returns; DuckDB's ``fetchone()`` is typed as possibly ``None``, so say so loudly."""
    row = result.fetchone()
    if row is None:
        raise StoreError("an aggregate query returned no row")
    return row


def record_row(table: str, record: Any) -> dict[str, Any]:
    """A fact record as a row of ``table``: column name -> stored value."""
    out: dict[str, Any] = {}
    for name, value in dataclasses.asdict(record).items():
        if name in _SKIP.get(table, set()) and table != "events":
            continue
        out[_RENAMES.get(name, name)] = _value(name, value)
    return out


def insert(table: str, record: Any) -> tuple[str, list[Any]]:
    row = record_row(table, record)
    cols, vals = list(row), list(row.values())
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    if table == "events":
        sql = sql.replace("INSERT INTO", "INSERT OR REPLACE INTO", 1)
    return sql, vals


# how a stored actor absorbs the same actor found again (``bulk.merge_actor`` in Python)
ACTOR_UPSERT_SET = """
    country = coalesce(actors.country, excluded.country),
    aliases = to_json(list_concat(CAST(actors.aliases AS VARCHAR[]), list_filter(
        CAST(excluded.aliases AS VARCHAR[]), lambda x: NOT list_contains(CAST(actors.aliases AS VARCHAR[]), x)))),
    roles = CASE WHEN json_array_length(actors.roles) >= json_array_length(excluded.roles)
                 THEN actors.roles ELSE excluded.roles END,
    acts_for = coalesce(actors.acts_for, excluded.acts_for)"""


def actor_upsert(actor: Actor) -> tuple[str, list[Any]]:
    """Insert an actor, or merge its aliases and roles into the stored one."""
    return (
        "INSERT INTO actors (id, name, type, country, aliases, roles, source, acts_for) "
        f"VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET {ACTOR_UPSERT_SET}",
        [
            actor.id, actor.name, actor.type, actor.country,
            json.dumps(actor.aliases, ensure_ascii=False, separators=(",", ":")),
            json.dumps(actor.roles, ensure_ascii=False, default=str),
            actor.source, actor.acts_for,
        ],
    )


def article_from_row(row: dict[str, Any]) -> Article:
    published = row.get("published")
    if isinstance(published, str):
        published = datetime.fromisoformat(published)
    return Article(
        id=row["id"], text=row["text"], title=row.get("title"), url=row.get("url"),
        canonical_url=row.get("canonical_url"), source=row.get("source"), byline=row.get("byline"),
        published=published, published_rule=row.get("published_rule") or "unknown",
        language=row.get("language"), language_score=row.get("language_score"),
        paragraphs=json.loads(row["paragraphs"]) if row.get("paragraphs") else [],
        content_hash=row["content_hash"], origin=row["origin"], origin_kind=row["origin_kind"],
        is_summary=bool(row.get("is_summary")), status=row["status"],
        warnings=json.loads(row["warnings"]) if row.get("warnings") else [],
        fetched_at=row.get("fetched_at"),
    )
