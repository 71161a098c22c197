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

DEFAULT_SIZE = 100
MAX_SIZE = 1000


@dataclass(frozen=True)
class Key:
    column: str  # a column of the listing's SELECT (sort keys are never NULL there)
    descending: bool = False
    sql_type: str = "VARCHAR"  # how the token's value is cast back in SQL


@dataclass(frozen=True)
class Select:
    """One listing: a SELECT without ORDER BY/LIMIT, its sort keys and row shaping."""

    name: str
    sql: str
    params: list[Any]
    keys: tuple[Key, ...]
    shape: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    hidden: tuple[str, ...] = ()  # sort-only columns dropped from rows
    enrich: Callable[[Any, list[dict[str, Any]]], list[dict[str, Any]]] | None = None  # per-page lookups

    def ordered_sql(self) -> str:
        order = ", ".join(f'"{k.column}" {"DESC" if k.descending else "ASC"}' for k in self.keys)
        return f"SELECT * FROM ({self.sql}) AS t ORDER BY {order}"


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
    """(k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...; '<' for descending keys."""
    ors, params = [], []
    for i, key in enumerate(keys):
        ands = []
        for prev, value in zip(keys[:i], values[:i]):
            ands.append(f'"{prev.column}" = CAST(? AS {prev.sql_type})')
            params.append(value)
        ands.append(f'"{key.column}" {"<" if key.descending else ">"} CAST(? AS {key.sql_type})')
        params.append(values[i])
        ors.append("(" + " AND ".join(ands) + ")")
    return "(" + " OR ".join(ors) + ")", params


def check_size(size: int | None) -> int:
    if size is None:
        return DEFAULT_SIZE
    if size < 1 or size > MAX_SIZE:
        raise PageTooLarge(f"page size must be between 1 and {MAX_SIZE}, got {size}")
    return size


def paginate(reader, sel: Select, size: int | None = None, after: str | None = None) -> Page:
    size = check_size(size)
    params = list(sel.params)
    where = ""
    if after:
        pred, p = keyset_predicate(sel.keys, decode_token(sel.name, after, len(sel.keys)))
        where, params = f" WHERE {pred}", params + p
    order = ", ".join(f'"{k.column}" {"DESC" if k.descending else "ASC"}' for k in sel.keys)
    rows = reader.query(f"SELECT * FROM ({sel.sql}) AS t{where} ORDER BY {order} LIMIT {size + 1}", params)
    more = len(rows) > size
    rows = rows[:size]
    token = encode_token(sel.name, [rows[-1][k.column] for k in sel.keys]) if more and rows else None
    shaped = [shape_row(sel, r) for r in rows]
    return Page(sel.enrich(reader, shaped) if sel.enrich else shaped, token)


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
