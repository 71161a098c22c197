"""Reading events back from the store: the ``parley events`` listing and the
``parley explain EVENT_ID`` account of why an event was coded."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from parley.errors import UsageError
from parley.extract.events.lexicon import PLOVER_TYPES, load_lexicon

STATUSES = ("occurred", "ongoing", "planned", "hypothetical", "negated", "claimed")
EVENT_COLUMNS = ["id", "date_value", "type", "mode", "status", "source", "target", "location", "trigger",
                 "article_id"]


def _names(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value or [])


def list_events(store, *, actor: str | None = None, type_: str | None = None, since: datetime | None = None,
                status: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """Events filtered by actor (name, alias or country code, case-insensitive, on either
    side), PLOVER type, earliest date and status; newest first."""
    where, params = [], []
    if type_:
        if type_.upper() not in PLOVER_TYPES:
            raise UsageError(f"unknown PLOVER type {type_!r}: one of {', '.join(PLOVER_TYPES)}")
        where.append("e.type = ?")
        params.append(type_.upper())
    if status:
        if status not in STATUSES:
            raise UsageError(f"unknown status {status!r}: one of {', '.join(STATUSES)}")
        where.append("e.status = ?")
        params.append(status)
    if since is not None:
        where.append("e.date_latest > ?")
        params.append(since)
    if actor:
        where.append(
            """e.id IN (SELECT ea.event_id FROM event_actors ea LEFT JOIN actors a ON a.id = ea.actor_id
                        WHERE lower(ea.name) = lower(?) OR upper(coalesce(ea.country, '')) = upper(?)
                           OR lower(coalesce(a.name, '')) = lower(?)
                           OR list_contains(CAST(coalesce(a.aliases, '[]') AS VARCHAR[]), ?))""")
        params += [actor, actor, actor, actor]
    sql = "SELECT e.* FROM events e"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.date_earliest DESC NULLS LAST, e.article_id, e.sentence_start LIMIT ?"
    params.append(limit)
    rows = store.query(sql, params)
    out = []
    for r in rows:
        r = dict(r)
        r["source"] = ", ".join(a.get("name", "") for a in _names(r.get("sources")))
        r["target"] = ", ".join(a.get("name", "") for a in _names(r.get("targets")))
        out.append(r)
    return out


def _split_rule(rule: str) -> dict[str, Any]:
    """The rule string is ``<kind>:<pos>:<lemma>[argument rules]`` then ``; key=value``
    parts (status cues, date rule, merges, implicit targets)."""
    head, *parts = [p.strip() for p in rule.split(";")]
    kind, _, rest = head.partition(":")
    key, _, args = rest.partition("[")
    out: dict[str, Any] = {"trigger_kind": kind, "lexicon_key": key, "argument_rules": args.rstrip("]").split(",")
                           if args else [], "status_cues": [], "merged": [], "notes": []}
    for p in parts:
        if p.startswith("status="):
            status, _, cues = p[len("status="):].partition("<-")
            out["status_cues"].extend(f"{status}: {c.strip()}" for c in cues.split(" | ") if c.strip())
        elif p.startswith("date="):
            out["date_rule"] = p[len("date="):]
        elif p.startswith("merged<-"):
            out["merged"].append(p[len("merged<-"):])
        else:
            out["notes"].append(p)
    return out


def explain_event(store, event_id: str) -> dict[str, Any]:
    rows = store.query("SELECT * FROM events WHERE id = ?", [event_id])
    if not rows:
        raise UsageError(f"no event with id {event_id!r} (see 'parley events')")
    e = dict(rows[0])
    parts = _split_rule(e.get("rule") or "")
    entry = load_lexicon().find(parts["lexicon_key"])
    art = store.article(e["article_id"]) or {}
    text = art.get("text") or ""
    return {
        "id": e["id"], "article_id": e["article_id"], "type": e["type"], "mode": e.get("mode"),
        "status": e["status"],
        "evidence": e["evidence"].strip(), "sentence_start": e["sentence_start"], "sentence_end": e["sentence_end"],
        "trigger": e["trigger"], "trigger_start": e["trigger_start"], "trigger_end": e["trigger_end"],
        "trigger_in_text": text[e["trigger_start"]:e["trigger_end"]] if text else None,
        "rule": e["rule"], "trigger_kind": parts["trigger_kind"],
        "lexicon_entry": entry.describe() if entry else {"key": parts["lexicon_key"], "note": "not in the loaded lexicon"},
        "lexicon_version": load_lexicon().version,
        "argument_rules": parts["argument_rules"],
        "sources": _names(e.get("sources")), "targets": _names(e.get("targets")),
        "location": {"name": e.get("location"), "country": e.get("location_country"),
                     "latitude": e.get("latitude"), "longitude": e.get("longitude")},
        "date": {"value": e.get("date_value"), "earliest": e.get("date_earliest"), "latest": e.get("date_latest"),
                 "rule": e.get("date_rule")},
        "status_cues": parts["status_cues"], "merged_mentions": parts["merged"], "notes": parts["notes"],
        "magnitude": _names(e.get("magnitude")), "contexts": _names(e.get("contexts")),
        "quote_id": e.get("quote_id"), "confidence": e.get("confidence"),
    }
