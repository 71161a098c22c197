"""Compatibility shim: quote reads live in ``parley.query`` (the one read layer)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from parley.query.filters import QuoteFilter
from parley.query.listings import QUOTE_COLUMNS, quotes
from parley.query.pages import paginate

__all__ = ["QUOTE_COLUMNS", "list_quotes"]


def list_quotes(store, actor: str | None = None, since: datetime | None = None, kind: str | None = None,
                limit: int = 1000) -> list[dict[str, Any]]:
    f = QuoteFilter.parse(actor=actor, kind=kind, since=since.date().isoformat() if since else None)
    return paginate(store, quotes(f), min(limit, 1000)).rows
