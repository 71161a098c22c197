"""Compatibility shim: actor reads live in ``parley.query`` (the one read layer)."""

from __future__ import annotations

from typing import Any

from parley.query.filters import ActorFilter, country_code
from parley.query.listings import ACTOR_COLUMNS, actors
from parley.query.pages import paginate

__all__ = ["ACTOR_COLUMNS", "country_code", "list_actors"]


def list_actors(store, country: str | None = None, type_: str | None = None,
                limit: int = 1000) -> list[dict[str, Any]]:
    return paginate(store, actors(ActorFilter.parse(country=country, type=type_)), min(limit, 1000)).rows
