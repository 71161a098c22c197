"""SQL fragments shared by the listings: actor matching, date windows, JSON columns."""

from __future__ import annotations

import json
import re
from datetime import datetime
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


WINDOW_SLOT = re.compile(r"@window\(([a-z]+)\)")


def window_slot(alias: str) -> str:
    """A place in a subquery over an actor table (``event_actors``, ``incident_actors``,
    which carry their event's or incident's sort key, ``date_earliest``) for the window of
    a two-pass page (``parley.query.pages``): filled with the window's bound there, with
    ``TRUE`` everywhere else (``fill_windows``)."""
    return f"@window({alias})"


def fill_windows(sql: str, bound: str | None = None) -> str:
    """Every window slot of ``sql`` filled: ``bound`` is a condition on ``{alias}.date_earliest``
    written with ``{col}`` (rows of undated or older stores, NULL there, are always kept)."""
    if bound is None:
        return WINDOW_SLOT.sub("TRUE", sql)
    return WINDOW_SLOT.sub(lambda m: "(" + bound.format(col=f"{m.group(1)}.date_earliest")
                           + f" OR {m.group(1)}.date_earliest IS NULL)", sql)


def date_span(values: list[Any], expr: str) -> str:
    """`` AND (expr BETWEEN first AND last [OR expr IS NULL])`` over the dates in
    ``values`` (a page's sort keys): a lookup of a page's rows by id then reads only the
    page's stretch of a table kept roughly in date order. The dates were read from the
    store, they are not caller text."""
    dated = [v for v in values if isinstance(v, datetime)]
    if not dated:
        return ""
    span = (f"{expr} BETWEEN CAST('{min(dated).isoformat()}' AS TIMESTAMP) "
            f"AND CAST('{max(dated).isoformat()}' AS TIMESTAMP)")
    return f" AND ({span} OR {expr} IS NULL)" if len(dated) < len(values) else f" AND {span}"


def event_actor_exists(value: str, role: str | None = None, event_col: str = "e.id") -> tuple[str, list[Any]]:
    """Events with a matching actor (on one side when ``role`` is given), as a semi-join."""
    match, n = _side_match("ea")
    role_sql = "ea.role = ? AND " if role else ""
    sql = f"{event_col} IN (SELECT ea.event_id FROM event_actors ea WHERE {role_sql}{match} AND {window_slot('ea')})"
    return sql, ([role] if role else []) + [value] * n


def incident_actor_exists(value: str, role: str | None = None) -> tuple[str, list[Any]]:
    match, n = _side_match("ia")
    role_sql = "ia.role = ? AND " if role else ""
    sql = f"i.id IN (SELECT ia.incident_id FROM incident_actors ia WHERE {role_sql}{match} AND {window_slot('ia')})"
    return sql, ([role] if role else []) + [value] * n


def dyad(table: str, a: str, b: str) -> tuple[str, list[Any]]:
    """A on one side and B on the other, in either direction, of an event
    (``table="event"``) or an incident (``"incident"``): the pairs found by joining the
    actor table's source and target rows, each side filtered first (and windowed, see
    ``window_slot``), one join per direction."""
    id_col, outer = {"event": ("event_id", "e.id"), "incident": ("incident_id", "i.id")}[table]
    ms, n = _side_match("s")
    mt, _ = _side_match("t")
    pair = (f"SELECT s.{id_col} FROM {table}_actors s JOIN {table}_actors t ON t.{id_col} = s.{id_col} "
            f"WHERE s.role = 'source' AND t.role = 'target' AND {ms} AND {mt} "
            f"AND {window_slot('s')} AND {window_slot('t')}")
    return f"{outer} IN ({pair} UNION ALL {pair})", [a] * n + [b] * n + [b] * n + [a] * n


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
        return fill_windows(" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def has_table(reader, table: str) -> bool:
    """Works on a ``Reader`` and on a writing ``Store`` (which the shims still accept)."""
    if hasattr(reader, "has_table"):
        return reader.has_table(table)
    return bool(reader.query("SELECT 1 AS x FROM information_schema.tables WHERE table_name = ?", [table]))
