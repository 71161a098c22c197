"""Store queries behind ``parley actors``: canonical actors with their mention counts."""

from __future__ import annotations

import json
from typing import Any

from parley.errors import UsageError

ACTOR_COLUMNS = ["id", "name", "type", "country", "mentions", "articles", "source", "roles"]


def country_code(value: str) -> str:
    """ISO alpha-3 for ``--country``: a code ("UKR"), a name ("Ukraine") or a demonym."""
    value = value.strip()
    if len(value) == 3 and value.isalpha():
        return value.upper()
    from parley.extract.actors.kb import load_kb

    kb = load_kb()
    found = kb.lookup(value) or kb.lookup(value, exact=False)
    if found and found[0] in ("name", "demonym"):
        actor = kb.actors.get(found[1])
        if actor is not None and actor.country:
            return actor.country
    raise UsageError(f"unknown country {value!r}: give an ISO 3166-1 alpha-3 code such as UKR")


def list_actors(store, country: str | None = None, type_: str | None = None,
                limit: int = 1000) -> list[dict[str, Any]]:
    code = country_code(country) if country else None
    rows = store.query(
        """SELECT a.id, a.name, a.type, a.country, count(m.actor_id) AS mentions,
                  count(DISTINCT m.article_id) AS articles, a.source, a.roles, a.aliases, a.acts_for
           FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id
           WHERE (? IS NULL OR a.country = ?) AND (? IS NULL OR a.type = ?)
           GROUP BY a.id, a.name, a.type, a.country, a.source, a.roles, a.aliases, a.acts_for
           ORDER BY mentions DESC, a.name
           LIMIT ?""",
        [code, code, type_, type_, limit],
    )
    for row in rows:
        roles = json.loads(row["roles"]) if isinstance(row.get("roles"), str) else row.get("roles") or []
        # the table shows titles only; --json keeps the full role records
        row["roles"] = roles
    return rows
