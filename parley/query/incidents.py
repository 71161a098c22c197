"""Reads of the cross-article incident tables (filled by ``parley.resolve``; contract in
the store schema, migration 30): timeline, incident pages, the actor network, stances.

A store whose incident tables are missing (older schema) or empty reads as empty, with
``meta["empty"]`` explaining why; the network then falls back to event-level edges so
it still shows who acts on whom.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from parley.errors import RecordNotFound
from parley.query.filters import EventFilter, IncidentFilter, NetworkFilter
from parley.query.listings import event_where
from parley.query.pages import Key, Page, Select, paginate
from parley.query.sqlparts import Where, date_span, dyad, incident_actor_exists, like, loads
from parley.query.sqlparts import has_table as _has
from parley.query.vocab import QUAD_LABELS, Quad, quad_case

INCIDENT_COLUMNS = ["id", "date_value", "type", "status", "participants", "n_articles", "n_outlets",
                    "first_evidence"]
EMPTY_INCIDENTS = ("no incidents in this store yet: cross-article linking has not run "
                   "(the events list shows every coded event)")


def has_incidents(reader) -> bool:
    return bool(_has(reader, "incidents") and reader.query("SELECT 1 AS x FROM incidents LIMIT 1"))


def incident_where(f: IncidentFilter) -> Where:
    w = Where()
    if f.type:
        w.add("i.type = ?", f.type.value, own=True)
    if f.quad:
        w.add("i.quad = ?", f.quad.value, own=True)
    if f.status:
        w.add("i.status = ?", f.status.value, own=True)
    if f.since:
        w.add("coalesce(i.date_latest, i.date_earliest, i.first_published) >= ?", f.since_start(), own=True)
    if f.until:
        w.add("coalesce(i.date_earliest, i.first_published) < ?", f.until_exclusive(), own=True)
    if f.actor:
        w.extend(incident_actor_exists(f.actor))
    if f.dyad:
        w.extend(dyad("incident", *f.dyad))
    source, target = f.source, f.target
    if source:  # a network edge: exact canonical ids, directed
        w.add("EXISTS (SELECT 1 FROM incident_actors x WHERE x.incident_id = i.id AND x.role = 'source' "
              "AND x.actor_id = ?)", source)
    if target:
        w.add("EXISTS (SELECT 1 FROM incident_actors x WHERE x.incident_id = i.id AND x.role = 'target' "
              "AND x.actor_id = ?)", target)
    if f.country:
        sql, params = incident_actor_exists(f.country)
        w.add(f"(i.location_country = ? OR {sql})", f.country, *params)
    if f.issue:
        w.add("EXISTS (SELECT 1 FROM incident_events ie JOIN stances s ON s.article_id = ie.article_id "
              "WHERE ie.incident_id = i.id AND s.issue = ?)", f.issue)
    if f.outlet:
        w.add("EXISTS (SELECT 1 FROM incident_events ie JOIN articles a ON a.id = ie.article_id "
              "WHERE ie.incident_id = i.id AND a.source ILIKE ? ESCAPE '\\')", like(f.outlet))
    if f.q:
        w.add("(i.first_evidence ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM incident_events ie JOIN events e "
              "ON e.id = ie.event_id WHERE ie.incident_id = i.id AND e.evidence ILIKE ? ESCAPE '\\'))",
              like(f.q), like(f.q))
    return w


def _participants(reader, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One lookup per page: the sources and targets of each incident on it."""
    if not rows:
        return rows
    found: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"source": [], "target": []})
    span = date_span([r.get("date_earliest") for r in rows], "date_earliest")  # (the page's stretch of the table)
    for r in reader.query("SELECT incident_id, role, actor_id, name, country FROM incident_actors "
                          f"WHERE list_contains(?, incident_id){span} ORDER BY incident_id, role, name",
                          [[r["id"] for r in rows]]):
        found[r["incident_id"]].setdefault(r["role"], []).append(
            {"id": r["actor_id"], "name": r["name"], "country": r["country"]})
    for row in rows:
        sides = found.get(row["id"], {"source": [], "target": []})
        row["sources"], row["targets"] = sides.get("source", []), sides.get("target", [])
        row["participants"] = "; ".join(
            part for part in (", ".join(a["name"] or a["id"] for a in row["sources"]),
                              ", ".join(a["name"] or a["id"] for a in row["targets"])) if part)
    return rows


def timeline(f: IncidentFilter) -> Select:
    """Incidents in date order (earliest first; undated ones last)."""
    w = incident_where(f)
    return Select("timeline", "SELECT i.* FROM incidents i", w.params,
                  (Key("date_earliest", False, "TIMESTAMP", "i.date_earliest", True), Key("id", expr="i.id")),
                  where=tuple(w.parts), enrich=_participants, narrow="FROM incidents i",
                  own=tuple(w.own), own_params=tuple(w.own_params))


def timeline_page(reader, f: IncidentFilter, size: int | None = None, after: str | None = None) -> Page:
    if not _has(reader, "incidents"):
        return Page([], None, {"empty": EMPTY_INCIDENTS})
    page = paginate(reader, timeline(f), size, after)
    if not page.rows and not after and not has_incidents(reader):
        page.meta["empty"] = EMPTY_INCIDENTS
    return page


def incident(reader, incident_id: str) -> dict[str, Any]:
    """Everything about one incident: every report side by side (earliest first), the
    status history, why reports were merged, and where the accounts disagree."""
    inc = reader.query("SELECT * FROM incidents WHERE id = ?", [incident_id]) if _has(reader, "incidents") else []
    if not inc:
        raise RecordNotFound(f"no incident with id {incident_id!r} (see 'parley timeline')")
    row = _participants(reader, [dict(inc[0])])[0]
    reports = reader.query(
        "SELECT ie.event_id, ie.article_id, ie.reasons, e.type, e.mode, e.status, e.evidence, e.trigger, "
        "e.date_value, e.date_earliest, e.date_latest, e.location, e.magnitude, e.sources, e.targets, "
        "e.sentence_start, e.sentence_end, e.confidence, a.source AS outlet, a.title, a.url, a.published "
        "FROM incident_events ie JOIN events e ON e.id = ie.event_id LEFT JOIN articles a ON a.id = ie.article_id "
        "WHERE ie.incident_id = ? ORDER BY a.published NULLS LAST, ie.event_id", [incident_id])
    for r in reports:
        for c in ("reasons", "magnitude", "sources", "targets"):
            r[c] = loads(r[c]) or []
    history = reader.query(
        "SELECT st.status, st.event_id, st.article_id, st.published, a.source AS outlet FROM incident_status st "
        "LEFT JOIN articles a ON a.id = st.article_id WHERE st.incident_id = ? "
        "ORDER BY st.published NULLS LAST, st.event_id", [incident_id])
    reasons = [{"event_id": r["event_id"], **reason} for r in reports for reason in r["reasons"]
               if isinstance(reason, dict)]
    return {**row, "quad_label": QUAD_LABELS.get(Quad(row["quad"])) if row.get("quad") in Quad.__members__ else None,
            "reports": reports, "status_history": history, "merge_reasons": reasons,
            "disagreements": disagreements(reports)}


def _numbers(r: dict[str, Any]) -> str:
    return "; ".join(f"{m.get('count_text') or m.get('count')} {m.get('unit') or ''}".strip()
                     for m in r.get("magnitude") or [] if isinstance(m, dict))


def disagreements(reports: list[dict[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """Fields on which the reports of one incident differ: value -> reporting event ids."""
    out: dict[str, dict[str, list[str]]] = {}
    for name, get in (("date", lambda r: r.get("date_value")), ("status", lambda r: r.get("status")),
                      ("numbers", _numbers), ("location", lambda r: r.get("location"))):
        values: dict[str, list[str]] = defaultdict(list)
        for r in reports:
            v = get(r)
            if v:
                values[str(v)].append(r["event_id"])
        if len(values) > 1:
            out[name] = dict(values)
    return out


# -- network ----------------------------------------------------------------------------
MAX_EDGES = 1500


def network(reader, f: NetworkFilter) -> dict[str, Any]:
    """Actors as nodes (size = incidents they take part in), directed source -> target
    edges per quad class with counts per PLOVER type. Built from incidents when the store
    has them, else from single events (``basis`` says which)."""
    basis = "incidents" if has_incidents(reader) else "events"
    if basis == "incidents":
        w = incident_where(IncidentFilter(since=f.since, until=f.until, type=f.type, quad=f.quad, actor=f.actor))
        sql = ("SELECT s.actor_id AS source, t.actor_id AS target, i.quad, i.type, count(DISTINCT i.id) AS n, "
               "any_value(s.name) AS source_name, any_value(t.name) AS target_name, "
               "any_value(s.country) AS source_country, any_value(t.country) AS target_country "
               "FROM incidents i JOIN incident_actors s ON s.incident_id = i.id AND s.role = 'source' "
               "JOIN incident_actors t ON t.incident_id = i.id AND t.role = 'target'"
               f"{w.sql()}{' AND' if w.parts else ' WHERE'} s.actor_id <> t.actor_id GROUP BY ALL")
    else:
        w = event_where(EventFilter(since=f.since, until=f.until, type=f.type, quad=f.quad, actor=f.actor))
        sql = (f"SELECT s.actor_id AS source, t.actor_id AS target, {quad_case('e.type')} AS quad, e.type, "
               "count(DISTINCT e.id) AS n, any_value(s.name) AS source_name, any_value(t.name) AS target_name, "
               "any_value(s.country) AS source_country, any_value(t.country) AS target_country "
               "FROM events e "
               "JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
               "JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'"
               f"{w.sql()}{' AND' if w.parts else ' WHERE'} s.actor_id IS NOT NULL AND t.actor_id IS NOT NULL "
               "AND s.actor_id <> t.actor_id GROUP BY ALL")
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    nodes: dict[str, dict[str, Any]] = {}
    for r in reader.query(sql, w.params):
        key = (r["source"], r["target"], r["quad"] or "")
        e = edges.setdefault(key, {"id": "|".join(key), "source": r["source"], "target": r["target"],
                                   "quad": r["quad"], "weight": 0, "types": {}})
        e["weight"] += r["n"]
        e["types"][r["type"]] = e["types"].get(r["type"], 0) + r["n"]
        for side in ("source", "target"):
            node = nodes.setdefault(r[side], {"id": r[side], "name": r[f"{side}_name"] or r[side],
                                              "country": r[f"{side}_country"], "activity": 0})
            node["activity"] += r["n"]
    ranked = sorted(edges.values(), key=lambda e: (-e["weight"], e["id"]))
    kept = ranked[:MAX_EDGES]
    used = {e["source"] for e in kept} | {e["target"] for e in kept}
    out: dict[str, Any] = {"basis": basis, "nodes": sorted((n for n in nodes.values() if n["id"] in used),
                                                           key=lambda n: (-n["activity"], n["id"])),
                           "edges": kept, "truncated": len(ranked) > MAX_EDGES, "total_edges": len(ranked)}
    if basis == "events":
        out["note"] = "built from single events: " + EMPTY_INCIDENTS.split(":")[0]
    return out
