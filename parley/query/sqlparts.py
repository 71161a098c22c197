"""SQL fragments shared by the listings: actor matching, date windows, JSON columns."""

from __future__ import annotations

import json
from typing import Any


def actor_match(name_col: str, id_col: str, country_col: str, kb_alias: str) -> tuple[str, int]:
    """Match an actor by id, ISO country code, alias (case-insensitive) or whole words of
    its name ("Putin" matches "Vladimir Putin", "US" does not match "Russia"); the caller
    passes the value ``n`` times. ``kb_alias`` is a LEFT JOINed ``actors`` row."""
    words = "contains(' ' || lower(coalesce({col}, '')) || ' ', ' ' || lower(trim(?)) || ' ')"
    sql = (f"({id_col} = ? OR upper(coalesce({country_col}, '')) = upper(trim(?)) OR "
           + words.format(col=name_col) + " OR " + words.format(col=f"{kb_alias}.name") + " OR "
           f"list_contains(list_transform(CAST(coalesce({kb_alias}.aliases, '[]') AS VARCHAR[]), lambda x: lower(x)), "
           f"lower(trim(?))))")
    return sql, 5


def event_actor_exists(value: str, role: str | None = None, event_col: str = "e.id") -> tuple[str, list[Any]]:
    match, n = actor_match("ea.name", "ea.actor_id", "ea.country", "ka")
    role_sql = " AND ea.role = ?" if role else ""
    sql = (f"EXISTS (SELECT 1 FROM event_actors ea LEFT JOIN actors ka ON ka.id = ea.actor_id "
           f"WHERE ea.event_id = {event_col}{role_sql} AND {match})")
    return sql, ([role] if role else []) + [value] * n


def incident_actor_exists(value: str, role: str | None = None) -> tuple[str, list[Any]]:
    match, n = actor_match("ia.name", "ia.actor_id", "ia.country", "ka")
    role_sql = " AND ia.role = ?" if role else ""
    sql = (f"EXISTS (SELECT 1 FROM incident_actors ia LEFT JOIN actors ka ON ka.id = ia.actor_id "
           f"WHERE ia.incident_id = i.id{role_sql} AND {match})")
    return sql, ([role] if role else []) + [value] * n


def dyad(exists, a: str, b: str) -> tuple[str, list[Any]]:
    """A on one side and B on the other, in either direction."""
    s1, p1 = exists(a, "source")
    t1, q1 = exists(b, "target")
    s2, p2 = exists(b, "source")
    t2, q2 = exists(a, "target")
    return f"(({s1} AND {t1}) OR ({s2} AND {t2}))", p1 + q1 + p2 + q2


def loads(value: Any) -> Any:
    """JSON columns come back from DuckDB as text."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def names(value: Any) -> str:
    return ", ".join(a.get("name") or a.get("actor_id") or "?" for a in (loads(value) or []) if isinstance(a, dict))


class Where:
    """Accumulates AND-ed conditions and their parameters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def extend(self, pair: tuple[str, list[Any]]) -> None:
        self.add(pair[0], *pair[1])

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def has_table(reader, table: str) -> bool:
    """Works on a ``Reader`` and on a writing ``Store`` (which the shims still accept)."""
    if hasattr(reader, "has_table"):
        return reader.has_table(table)
    return bool(reader.query("SELECT 1 AS x FROM information_schema.tables WHERE table_name = ?", [table]))
