"""Corpus summary and the actor page: reads that combine several tables."""

from __future__ import annotations

from typing import Any

from parley.errors import RecordNotFound
from parley.query.filters import EventFilter, QuoteFilter, StanceFilter
from parley.query.incidents import has_incidents
from parley.query.listings import events, quotes, stances
from parley.query.pages import paginate
from parley.query.sqlparts import has_table as _has
from parley.query.sqlparts import loads

COUNTED = ("articles", "ingest_errors", "actors", "mentions", "times", "quotes", "events", "stances", "incidents")


def summary(reader) -> dict[str, Any]:
    counts = {t: int(reader.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in COUNTED if _has(reader, t)}
    span = reader.query("SELECT min(published) AS first, max(published) AS last FROM articles")[0]
    return {
        "counts": counts,
        "published": span,
        "outlets": reader.query("SELECT source AS outlet, count(*) AS articles FROM articles "
                                "GROUP BY source ORDER BY articles DESC, outlet NULLS LAST LIMIT 20"),
        "event_types": reader.query("SELECT type, count(*) AS events FROM events GROUP BY type "
                                    "ORDER BY events DESC, type"),
        "top_actors": reader.query(
            "SELECT a.id, a.name, a.type, a.country, count(*) AS mentions FROM mentions m JOIN actors a "
            "ON a.id = m.actor_id GROUP BY ALL ORDER BY mentions DESC, a.name LIMIT 15"),
        "has_incidents": has_incidents(reader),
    }


def actor(reader, actor_id: str, size: int = 50) -> dict[str, Any]:
    """The actor page: names and roles over time, quotes, events as source and as
    target, stances over time, and the actor's neighbourhood (incidents or events)."""
    rows = reader.query("SELECT * FROM actors WHERE id = ?", [actor_id])
    if not rows:
        raise RecordNotFound(f"no actor with id {actor_id!r} (see 'parley actors')")
    a = dict(rows[0])
    a["aliases"], a["roles"] = loads(a.get("aliases")) or [], loads(a.get("roles")) or []
    a["names_seen"] = reader.query(
        "SELECT m.text AS name, count(*) AS n, min(ar.published) AS first, max(ar.published) AS last "
        "FROM mentions m LEFT JOIN articles ar ON ar.id = m.article_id WHERE m.actor_id = ? "
        "GROUP BY m.text ORDER BY n DESC, name LIMIT 30", [actor_id])
    a["quotes"] = paginate(reader, quotes(QuoteFilter(actor=actor_id)), size).rows
    a["quotes"] = [q for q in a["quotes"] if q.get("speaker_id") == actor_id] or a["quotes"]
    a["events_as_source"] = _role_events(reader, actor_id, "source", size)
    a["events_as_target"] = _role_events(reader, actor_id, "target", size)
    a["stances"] = [s for s in paginate(reader, stances(StanceFilter(actor=actor_id)), size).rows
                    if s.get("actor_id") == actor_id]
    a["neighbours"] = _neighbours(reader, actor_id)
    return a


def _role_events(reader, actor_id: str, role: str, size: int) -> list[dict[str, Any]]:
    from dataclasses import replace

    sel = events(EventFilter())
    cond = "e.id IN (SELECT ea.event_id FROM event_actors ea WHERE ea.role = ? AND ea.actor_id = ?)"
    return paginate(reader, replace(sel, where=(*sel.where, cond), params=[*sel.params, role, actor_id]), size).rows


def _neighbours(reader, actor_id: str) -> list[dict[str, Any]]:
    if has_incidents(reader):
        sql = ("SELECT o.actor_id AS id, any_value(o.name) AS name, me.role AS role, i.quad, "
               "count(DISTINCT i.id) AS n FROM incident_actors me JOIN incident_actors o "
               "ON o.incident_id = me.incident_id AND o.role <> me.role JOIN incidents i ON i.id = me.incident_id "
               "WHERE me.actor_id = ? AND o.actor_id <> me.actor_id GROUP BY ALL ORDER BY n DESC, id LIMIT 40")
    else:
        from parley.query.vocab import quad_case

        sql = (f"SELECT o.actor_id AS id, any_value(o.name) AS name, me.role AS role, {quad_case('e.type')} AS quad, "
               "count(DISTINCT e.id) AS n FROM event_actors me JOIN event_actors o "
               "ON o.event_id = me.event_id AND o.role <> me.role JOIN events e ON e.id = me.event_id "
               "WHERE me.actor_id = ? AND o.actor_id IS NOT NULL AND o.actor_id <> me.actor_id "
               "GROUP BY ALL ORDER BY n DESC, id LIMIT 40")
    return reader.query(sql, [actor_id])


def pending_article_ids(reader) -> list[str]:
    """Stored articles with no analysis yet (what ``parley analyze`` picks up)."""
    rows = reader.query("SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
                        "WHERE a.status = 'ok' AND n.article_id IS NULL ORDER BY a.id")
    return [r["id"] for r in rows]
