"""SQL fragments shared by the listings: actor matching, date windows, JSON columns."""

from __future__ import annotations

import json
from typing import Any


def like(value: str, *, contains: bool = True) -> str:
    """A user's text as an ``ILIKE ? ESCAPE '\\'`` pattern matched literally: ``%`` and
    ``_`` in it are not wildcards; ``contains`` wraps it to match anywhere."""
    literal = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{literal}%" if contains else literal


def _words(col: str) -> str:
    return f"contains(' ' || lower(coalesce({col}, '')) || ' ', ' ' || lower(trim(?)) || ' ')"


def known_actor_ids() -> tuple[str, int]:
    """Ids of stored actors matching a value: id, ISO country code, alias (case-insensitive)
    or whole words of the name ("Putin" matches "Vladimir Putin", "US" not "Russia"). An
    uncorrelated subquery over the small ``actors`` table, computed once per query."""
    sql = ("SELECT ka.id FROM actors ka WHERE ka.id = ? OR upper(coalesce(ka.country, '')) = upper(trim(?)) OR "
           + _words("ka.name") + " OR list_contains(list_transform(CAST(coalesce(ka.aliases, '[]') AS VARCHAR[]), "
           "lambda x: lower(x)), lower(trim(?)))")
    return sql, 4


def _side_match(alias: str) -> tuple[str, int]:
    """A known actor (by the ids above; an ISO code matches every actor of that country),
    or an unresolved name given in full."""
    ids, n = known_actor_ids()
    return (f"({alias}.actor_id IN ({ids}) OR ({alias}.actor_id IS NULL "
            f"AND lower(coalesce({alias}.name, '')) = lower(trim(?))))"), n + 1


def event_actor_exists(value: str, role: str | None = None, event_col: str = "e.id") -> tuple[str, list[Any]]:
    """Events with a matching actor (on one side when ``role`` is given), as a semi-join."""
    match, n = _side_match("ea")
    role_sql = "ea.role = ? AND " if role else ""
    sql = f"{event_col} IN (SELECT ea.event_id FROM event_actors ea WHERE {role_sql}{match})"
    return sql, ([role] if role else []) + [value] * n


def incident_actor_exists(value: str, role: str | None = None) -> tuple[str, list[Any]]:
    match, n = _side_match("ia")
    role_sql = "ia.role = ? AND " if role else ""
    sql = f"i.id IN (SELECT ia.incident_id FROM incident_actors ia WHERE {role_sql}{match})"
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
        self.own: list[str] = []  # the conditions over the listed table's own columns, no subqueries
        self.own_params: list[Any] = []

    def add(self, sql: str, *params: Any, own: bool = False) -> None:
        self.parts.append(sql)
        self.params.extend(params)
        if own:
            self.own.append(sql)
            self.own_params.extend(params)

    def extend(self, pair: tuple[str, list[Any]]) -> None:
        self.add(pair[0], *pair[1])

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def has_table(reader, table: str) -> bool:
    """Works on a ``Reader`` and on a writing ``Store`` (which the shims still accept)."""
    if hasattr(reader, "has_table"):
        return reader.has_table(table)
    return bool(reader.query("SELECT 1 AS x FROM information_schema.tables WHERE table_name = ?", [table]))
