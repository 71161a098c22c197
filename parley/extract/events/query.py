"""Compatibility shims: event reads live in ``parley.query`` (the one read layer)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from parley.query.explain import explain_event
from parley.query.filters import EventFilter
from parley.query.listings import EVENT_COLUMNS, events
from parley.query.pages import paginate
from parley.query.vocab import Status

STATUSES = tuple(s.value for s in Status if s is not Status.cancelled)

__all__ = ["EVENT_COLUMNS", "STATUSES", "explain_event", "list_events"]


def list_events(store, *, actor: str | None = None, type_: str | None = None, since: datetime | None = None,
                status: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    f = EventFilter.parse(actor=actor, type=type_, status=status,
                          since=since.date().isoformat() if since else None)
    return paginate(store, events(f), min(limit, 1000)).rows
