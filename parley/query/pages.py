"""Keyset pagination: every listing is ordered by non-null sort keys ending in a unique
one, and a page's ``next`` token encodes the last row's keys. Following ``next`` until
it is ``None`` yields every row exactly once, even while the caller pauses between
pages (no OFFSET drift)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from parley.errors import InvalidPageToken, PageTooLarge
from parley.query.sqlparts import date_span, fill_windows

DEFAULT_SIZE = 100
MAX_SIZE = 1000


@dataclass(frozen=True)
class Key:
    column: str  # the column of the listing's rows holding the key
    descending: bool = False
    sql_type: str = "VARCHAR"  # how the token's value is cast back in SQL
    expr: str | None = None  # the SQL expression in the base query (default: the column)
    nullable: bool = False  # NULLs sort last in either direction

    def sql(self) -> str:
        return self.expr or f'"{self.column}"'

    def order(self) -> str:
        return f"{self.sql()} {'DESC' if self.descending else 'ASC'}" + (" NULLS LAST" if self.nullable else "")


@dataclass(frozen=True)
class Select:
    """One listing: a base ``SELECT ... FROM ...``, its AND-ed conditions, its sort keys
    (the last one unique) and row shaping. ``wrap`` listings (aggregates) are paged over
    their output columns; the others over base expressions, so DuckDB's top-N reads only
    the key columns of the rows it skips."""

    name: str
    sql: str
    params: list[Any]
    keys: tuple[Key, ...]
    where: tuple[str, ...] = ()
    shape: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    hidden: tuple[str, ...] = ()  # sort-only columns dropped from rows
    enrich: Callable[[Any, list[dict[str, Any]]], list[dict[str, Any]]] | None = None  # per-page lookups
    wrap: bool = False
    # the FROM clause of ``sql`` alone (one table, no joins or parameters): pages are then
    # read in two passes, the sort keys of the page's rows first, whole rows by the unique
    # last key after (late materialisation: a filtered top-N reads only key columns)
    narrow: str | None = None
    # the conditions (and their parameters) over the narrow table's own columns, without
    # subqueries: they bound the first pass's window cheaply (see ``_two_pass``)
    own: tuple[str, ...] = ()
    own_params: tuple[Any, ...] = ()

    def conditions(self, extra: str | None = None, window: str | None = None) -> str:
        """The WHERE clause; ``window`` fills the actor tables' window slots (see
        ``sqlparts.window_slot``), which are ``TRUE`` without it."""
        conds = list(self.where) + ([extra] if extra else [])
        return fill_windows(" WHERE " + " AND ".join(conds), window) if conds else ""

    def compose(self, extra: str | None = None) -> str:
        if self.wrap:
            where = fill_windows(" WHERE " + " AND ".join(self.where)) if self.where else ""
            inner = self.sql + where + self.group_by
            return f"SELECT * FROM ({inner}) AS t" + (f" WHERE {extra}" if extra else "")
        return self.sql + self.conditions(extra)

    group_by: str = ""

    def ordered_sql(self) -> str:
        return self.compose() + " ORDER BY " + ", ".join(k.order() for k in self.keys)

    def count_sql(self) -> str:
        return f"SELECT count(*) FROM ({self.compose()})"


@dataclass
class Page:
    rows: list[dict[str, Any]]
    next: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": True, "rows": self.rows, "next": self.next, **self.meta}


def _plain(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return v


def encode_token(name: str, values: list[Any]) -> str:
    raw = json.dumps({"l": name, "v": [_plain(v) for v in values]}, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(name: str, token: str, n_keys: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        values = data["v"]
        ok = data.get("l") == name and isinstance(values, list) and len(values) == n_keys
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        ok = False
    if not ok:
        raise InvalidPageToken(f"page token {token[:40]!r} is not a 'next' token of this {name} listing")
    return values


def keyset_predicate(keys: tuple[Key, ...], values: list[Any]) -> tuple[str, list[Any]]:
    """Rows strictly after ``values`` in key order: (k1 after v1) OR (k1 = v1 AND k2 after
    v2) OR ...; with NULLs last, nothing comes after a NULL and everything non-NULL... is before it."""
    ors, params = [], []
    for i, key in enumerate(keys):
        ands: list[str] = []
        p: list[Any] = []
        for prev, value in zip(keys[:i], values[:i], strict=True):
            if value is None:
                ands.append(f"{prev.sql()} IS NULL")
            else:
                ands.append(f"{prev.sql()} = CAST(? AS {prev.sql_type})")
                p.append(value)
        v = values[i]
        if v is None:
            continue  # NULLs are last: no row is after a NULL on this key
        after = f"{key.sql()} {'<' if key.descending else '>'} CAST(? AS {key.sql_type})"
        p.append(v)
        if key.nullable:
            after = f"({after} OR {key.sql()} IS NULL)"
        ands.append(after)
        ors.append("(" + " AND ".join(ands) + ")")
        params.extend(p)
    return ("(" + " OR ".join(ors) + ")") if ors else "FALSE", params


def check_size(size: int | None) -> int:
    if size is None:
        return DEFAULT_SIZE
    if size < 1 or size > MAX_SIZE:
        raise PageTooLarge(f"page size must be between 1 and {MAX_SIZE}, got {size}")
    return size


def paginate(reader, sel: Select, size: int | None = None, after: str | None = None) -> Page:
    size = check_size(size)
    params = list(sel.params)
    extra = None
    if after:
        extra, p = keyset_predicate(sel.keys, decode_token(sel.name, after, len(sel.keys)))
        params += p
    order = ", ".join(k.order() for k in sel.keys)
    if sel.narrow and not sel.wrap:
        rows = _two_pass(reader, sel, extra, params[len(sel.params):], order, size)
    else:
        rows = reader.query(f"{sel.compose(extra)} ORDER BY {order} LIMIT {size + 1}", params)
    more = len(rows) > size
    rows = rows[:size]
    token = encode_token(sel.name, [rows[-1][k.column] for k in sel.keys]) if more and rows else None
    shaped = [shape_row(sel, r) for r in rows]
    return Page(sel.enrich(reader, shaped) if sel.enrich else shaped, token)


WINDOWS = (64,)  # first-pass windows, in pages' worth of rows (a window that fails costs one more pass)


def _two_pass(reader, sel: Select, extra: str | None, extra_params: list[Any], order: str, size: int) -> list[dict]:
    """A page in two passes. First the sort keys of the page's rows, tried in a window of
    the leading key (the rows that a cheap scan of the table's own conditions puts first;
    the costly conditions, actor semi-joins, read only that window of their actor table,
    which carries the same key), then over the whole table when the window holds too few;
    a window that holds a full page holds exactly the first rows of the whole listing,
    since every row outside it sorts after every row inside. Then the whole rows, by the
    unique last key, within the leading key's range of the page."""
    keys = ", ".join(f'{k.sql()} AS "{k.column}"' for k in sel.keys)
    lead = sel.keys[0]
    base = f"SELECT {keys} {sel.narrow}"
    params = [*sel.params, *extra_params]
    found: list[dict[str, Any]] | None = None
    for pages in WINDOWS:
        bound_conds = [*sel.own, *([extra] if extra else []), f"{lead.sql()} IS NOT NULL"]
        edge = reader.query(f"SELECT {lead.sql()} AS bound {sel.narrow} WHERE {' AND '.join(bound_conds)} "
                            f"ORDER BY {lead.order()} LIMIT 1 OFFSET {pages * (size + 1)}",
                            [*sel.own_params, *extra_params])  # (a Reader, or a writing Store's shim)
        bound = edge[0]["bound"] if edge else None
        if not isinstance(bound, datetime):  # fewer rows than the window, or not a date key
            break
        start = reader.query(f"SELECT {lead.sql()} AS start {sel.narrow} WHERE {' AND '.join(bound_conds)} "
                             f"ORDER BY {lead.order()} LIMIT 1", [*sel.own_params, *extra_params])[0]["start"]
        lo, hi = (bound, start) if lead.descending else (start, bound)
        # values read from the store, not caller text
        span = f"BETWEEN CAST('{lo.isoformat()}' AS TIMESTAMP) AND CAST('{hi.isoformat()}' AS TIMESTAMP)"
        conds = [*sel.where, *([extra] if extra else []), f"{lead.sql()} {span}"]
        where = fill_windows(" WHERE " + " AND ".join(conds), "{col} " + span)
        rows = reader.query(f"{base}{where} ORDER BY {order} LIMIT {size + 1}", params)
        if len(rows) > size:
            found = rows
            break
    if found is None:
        found = reader.query(f"{base}{sel.conditions(extra)} ORDER BY {order} LIMIT {size + 1}", params)
    if not found:
        return []
    unique = sel.keys[-1]
    span = date_span([r[lead.column] for r in found], lead.sql()) if lead.sql_type == "TIMESTAMP" else ""
    whole = {r[unique.column]: r for r in reader.query(f"{sel.sql} WHERE list_contains(?, {unique.sql()}){span}",
                                                       [[r[unique.column] for r in found]])}
    return [whole[r[unique.column]] for r in found if r[unique.column] in whole]


def shape_row(sel: Select, row: dict[str, Any]) -> dict[str, Any]:
    for col in sel.hidden:
        row.pop(col, None)
    return sel.shape(row) if sel.shape else row


def stream(reader, sel: Select, batch: int = 2000):
    """Every row of a listing in page order, constant memory (exports)."""
    chunk: list[dict[str, Any]] = []
    for row in reader.stream(sel.ordered_sql(), sel.params, batch=batch):
        chunk.append(shape_row(sel, row))
        if len(chunk) >= batch:
            yield from (sel.enrich(reader, chunk) if sel.enrich else chunk)
            chunk = []
    if chunk:
        yield from (sel.enrich(reader, chunk) if sel.enrich else chunk)
