"""The linking stage over a store: actor links, then incidents, updated incrementally.

``link_store`` recomputes actor links (cheap: one row per distinct actor), then brings
incidents up to date with the events that are new, gone, or whose actors' identities
changed, comparing them only with stored events that share a blocking key. The result
equals a full recomputation (``full=True``), which the tests check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from parley.errors import ActorsFileError
from parley.records import DateRule
from parley.resolve.actors import ActorRecord, Link, Overrides, link_actors
from parley.resolve.incidents import (
    EventRecord,
    Incident,
    Participant,
    block_keys,
    build_incident,
    components,
    compatible,
    story_words,
)
from parley.store import Store
from parley.store.rows import one_row

REPORT_CAP = 1000


@dataclass
class LinkReport:
    actors: int = 0
    merged_actors: int = 0
    changed_links: int = 0
    events_linked: int = 0
    incidents_written: int = 0
    incidents_removed: int = 0
    incidents_total: int = 0
    new_incidents: list[str] = field(default_factory=list)
    grown_incidents: list[str] = field(default_factory=list)  # incidents with new reports
    status_changes: list[tuple[str, str, str]] = field(default_factory=list)  # id, old, new
    dating: dict[str, Any] = field(default_factory=dict)
    n_new: int = 0  # new incidents (new_incidents lists the first REPORT_CAP)
    _dropped: set[str] = field(default_factory=set, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__ if not k.startswith("_")}


# -- overrides ----------------------------------------------------------------------
def _pairs(value: Any, path: str, key: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if value is None:
        return out
    items = value.items() if isinstance(value, dict) else value
    for item in items:
        if isinstance(item, (list, tuple)) and len(item) >= 2:
            group = [str(x) for x in item]
            out.extend((group[0], other) for other in group[1:])
        elif isinstance(item, dict) and len(item) == 1:
            (a, b), = item.items()
            out.extend((str(a), str(x)) for x in (b if isinstance(b, list) else [b]))
        else:
            raise ActorsFileError(f"{path}: each {key} entry must be a list of two or more actors, got {item!r}")
    return out


def load_overrides(path: str | Path | None) -> Overrides:
    """``same_as`` / ``not_same_as`` from an ``--actors`` YAML file (ids or exact names)."""
    if not path:
        return Overrides()
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ActorsFileError(f"cannot read actors file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ActorsFileError(f"actors file {path} must be a mapping")
    return Overrides(same_as=_pairs(data.get("same_as"), str(path), "same_as"),
                     not_same_as=_pairs(data.get("not_same_as"), str(path), "not_same_as"))


def _resolve_names(pairs: list[tuple[str, str]], actors: dict[str, ActorRecord]) -> list[tuple[str, str]]:
    by_name: dict[str, list[str]] = {}
    for a in actors.values():
        for n in a.names():
            by_name.setdefault(n.casefold(), []).append(a.id)

    def ids(x: str) -> list[str]:
        return [x] if x in actors else sorted(set(by_name.get(x.casefold(), [])))

    return [(i, j) for a, b in pairs for i in ids(a) for j in ids(b) if i != j]


# -- store reads ------------------------------------------------------------------
def load_actors(store: Store) -> list[ActorRecord]:
    rows = store.con.execute(
        "SELECT id, name, type, country, aliases, roles, source FROM actors ORDER BY id").fetchall()
    return [ActorRecord(r[0], r[1], r[2], r[3], json.loads(r[4]) if r[4] else [], json.loads(r[5]) if r[5] else [],
                        r[6]) for r in rows]


_EVENT_SQL = """SELECT e.id, e.article_id, e.type, e.status, e.sources, e.targets, e.mode, e.location,
    e.location_country, e.date_value, e.date_earliest, e.date_latest, e.date_rule, a.published, a.source, a.url,
    e.evidence, e.trigger, json_extract_string(e.basis, '$.lexicon_lemma'), e.date_basis
    FROM events e JOIN articles a ON a.id = e.article_id"""
# mention labels whose words say what an article is about (not DOC: datelines and bylines)
STORY_LABELS = ("PERSON", "ORG", "ORG-HEAD", "GPE", "NORP", "LOC", "FAC", "KB")


def _participants(raw: str | None, canon: dict[str, str]) -> list[Participant]:
    out = []
    for d in json.loads(raw) if raw else []:
        aid = d.get("actor_id")
        if aid:
            key = canon.get(aid, aid)
        elif d.get("country"):
            key = f"country:{d['country']}"
        else:
            key = "name:" + " ".join(str(d.get("name", "")).lower().split())
        out.append(Participant(key, d.get("name"), d.get("country")))
    return out


def _outlet(source: str | None, url: str | None) -> str | None:
    if source:
        return source
    if url:
        return urlparse(url).hostname
    return None


def load_events(store: Store, ids: Iterable[str] | None, canon: dict[str, str]) -> list[EventRecord]:
    if ids is None:
        rows = store.con.execute(_EVENT_SQL).fetchall()
    else:
        ids = sorted(set(ids))
        if not ids:
            return []
        rows = store.con.execute(_EVENT_SQL + " JOIN (SELECT unnest(?::VARCHAR[]) AS wanted) w ON w.wanted = e.id",
                                 [ids]).fetchall()
    context = _contexts(store, {r[1] for r in rows})
    return [EventRecord(id=r[0], article_id=r[1], type=r[2], status=r[3], sources=_participants(r[4], canon),
                        targets=_participants(r[5], canon), mode=r[6], location=r[7], location_country=r[8],
                        date_value=r[9], earliest=r[10], latest=r[11], date_rule=r[12], published=r[13],
                        outlet=_outlet(r[14], r[15]), evidence=r[16] or "", trigger=r[17] or "", lemma=r[18] or "",
                        context=context.get(r[1], frozenset()), date_basis=DateRule(r[19]) if r[19] else None)
            for r in rows]


def _contexts(store: Store, article_ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """The name words of each article's entity mentions (the story it tells)."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    rows = store.con.execute(
        "SELECT article_id, list(text), list(actor_name) FROM mentions WHERE article_id IN "
        "(SELECT unnest(?::VARCHAR[])) AND label IN (SELECT unnest(?::VARCHAR[])) GROUP BY article_id",
        [ids, list(STORY_LABELS)]).fetchall()
    return {aid: story_words([*texts, *names]) for aid, texts, names in rows}


# -- store writes -----------------------------------------------------------------
_TYPES: dict[tuple[int, str], list[str]] = {}


def _insert(store: Store, table: str, rows: list[list[Any]]) -> None:
    """Column-wise INSERT: one typed list per column, unnested by DuckDB (binding
    thousands of single values, or executemany, costs milliseconds per row)."""
    if not rows:
        return
    key = (id(store.con), table)
    if key not in _TYPES:
        _TYPES[key] = [r[1] for r in store.con.execute(f"DESCRIBE {table}").fetchall()]
    types = _TYPES[key]
    cols = [list(c) for c in zip(*rows, strict=True)]
    select = ", ".join(f"unnest(?::{t}[])" for t in types[:len(cols)])
    store.con.execute(f"INSERT INTO {table} SELECT {select}", cols)


def _delete_in(store: Store, table: str, column: str, values: Iterable[str]) -> None:
    values = sorted(set(values))
    if values:
        store.con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [values])


def write_links(store: Store, links: list[Link]) -> int:
    """Replace actor_links; return how many actors changed canonical identity."""
    old = dict(store.con.execute("SELECT actor_id, canonical_id FROM actor_links").fetchall())
    store.con.execute("DELETE FROM actor_links")
    _insert(store, "actor_links", [[lk.actor_id, lk.canonical_id, lk.rule, lk.score,
                                    json.dumps(lk.evidence, ensure_ascii=False)] for lk in links])
    return sum(1 for lk in links if old.get(lk.actor_id, lk.actor_id) != lk.canonical_id)


def _changed_actors(store: Store, links: list[Link]) -> set[str]:
    old = dict(store.con.execute("SELECT actor_id, canonical_id FROM actor_links").fetchall())
    return {lk.actor_id for lk in links if lk.actor_id in old and old[lk.actor_id] != lk.canonical_id}


def _write_incidents(store: Store, incidents: list[Incident], now: datetime) -> None:
    _insert(store, "incidents", [[i.id, i.type, i.mode, i.status, i.quad, i.date_value, i.date_earliest,
                                  i.date_latest, i.date_rule, i.location, i.location_country, i.first_article_id,
                                  i.first_published, i.first_evidence, i.n_events, i.n_articles, i.n_outlets, now,
                                  i.date_basis.value if i.date_basis else None]
                                 for i in incidents])
    _insert(store, "incident_events", [[e.id, i.id, e.article_id, json.dumps(i.reasons[e.id], ensure_ascii=False)]
                                       for i in incidents for e in i.events])
    _insert(store, "incident_actors", [[i.id, role, key, name, country, i.date_earliest]
                                       for i in incidents for role, key, name, country in i.actors])
    _insert(store, "incident_status", [[i.id, st, eid, aid, pub] for i in incidents
                                       for st, eid, aid, pub in i.status_history])


def _drop_incidents(store: Store, ids: Iterable[str]) -> None:
    ids = list(ids)
    for table in ("incident_events", "incident_actors", "incident_status"):
        _delete_in(store, table, "incident_id", ids)
    _delete_in(store, "incidents", "id", ids)


# -- the stage --------------------------------------------------------------------
def dating_shares(store: Store) -> dict[str, Any]:
    row = one_row(store.con.execute(
        "SELECT count(*), count(date_earliest), count(*) FILTER (WHERE date_basis = ?) FROM events",
        [DateRule.PUBLICATION_RECENT.value]
    ))
    n, dated, from_pub = int(row[0]), int(row[1]), int(row[2])
    return {"events": n, "dated": dated, "share_dated": round(dated / n, 4) if n else None,
            "dated_from_publication": from_pub, "share_from_publication": round(from_pub / n, 4) if n else None}


def _old_state(store: Store, ids: Iterable[str]) -> dict[str, tuple[str, int]]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {r[0]: (r[1], r[2]) for r in store.con.execute(
        "SELECT id, status, n_events FROM incidents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}


def _closure(store: Store, fresh: list[EventRecord], canon: dict[str, str]) -> dict[str, EventRecord]:
    """``fresh`` and every stored event linked to them by a chain of compatible pairs
    (found through the blocking keys), so that regrouping these equals a full recomputation."""
    con = store.con
    found = {e.id: e for e in fresh}
    loaded: dict[str, EventRecord] = {}
    frontier = list(fresh)
    while frontier:
        keys = {e.id: block_keys(e) for e in frontier}
        wanted = sorted({k for ks in keys.values() for k in ks})
        rows = con.execute("SELECT key, event_id FROM incident_keys WHERE key IN (SELECT unnest(?::VARCHAR[]))",
                           [wanted]).fetchall() if wanted else []
        by_key: dict[str, list[str]] = {}
        for k, eid in rows:
            if eid not in found:
                by_key.setdefault(k, []).append(eid)
        need = sorted({eid for ids in by_key.values() for eid in ids} - set(loaded))
        loaded.update({e.id: e for e in load_events(store, need, canon)})
        nxt: list[EventRecord] = []
        for e in frontier:
            for k in keys[e.id]:
                for eid in by_key.get(k, []):
                    if eid not in found and eid in loaded and compatible(e, loaded[eid]) is not None:
                        found[eid] = loaded[eid]
                        nxt.append(loaded[eid])
        frontier = nxt
    return found


def _step(store: Store, regroup: set[str], canon: dict[str, str], before: dict[str, tuple[str, int]],
          now: datetime, report: LinkReport) -> None:
    """Link the events ``regroup`` (not in any incident) with the stored incidents: the
    stored events they reach are regrouped with them from scratch."""
    con = store.con
    fresh = load_events(store, regroup, canon)
    everything = _closure(store, fresh, canon)
    stored = sorted(set(everything) - {e.id for e in fresh})
    touched = {r[0] for r in con.execute(
        "SELECT DISTINCT incident_id FROM incident_events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
        [stored]).fetchall()} if stored else set()
    if touched:  # members of a touched incident not reached (none, when incidents are linked as here)
        members = [r[0] for r in con.execute(
            "SELECT event_id FROM incident_events WHERE incident_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(touched)]).fetchall()]
        everything.update({e.id: e for e in load_events(store, set(members) - set(everything), canon)})
    uf = components(everything.values())
    groups: dict[str, list[str]] = {}
    for eid in sorted(everything):
        groups.setdefault(uf.find(eid), []).append(eid)
    for inc, st in _old_state(store, touched).items():
        before.setdefault(inc, st)
    _drop_incidents(store, touched)
    incidents = [build_incident([everything[m] for m in ms], now) for ms in groups.values()]
    _write_incidents(store, incidents, now)
    _insert(store, "incident_keys", [[e.id, k] for e in sorted(fresh, key=lambda e: e.id) for k in block_keys(e)])
    report.events_linked += len(fresh)
    report.incidents_written += len(incidents)
    report._dropped |= touched


def link_store(store: Store, *, overrides: Overrides | None = None, actors_file: str | Path | None = None,
               full: bool = False, chunk: int = 5000) -> LinkReport:
    """Bring actor links and incidents up to date with the store's events, ``chunk``
    events at a time (memory is bounded by a chunk and its blocking neighbours)."""
    report = LinkReport()
    overrides = overrides or load_overrides(actors_file)
    now = datetime.now(UTC).replace(tzinfo=None)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        actors = load_actors(store)
        by_id = {a.id: a for a in actors}
        resolved = Overrides(_resolve_names(overrides.same_as, by_id), _resolve_names(overrides.not_same_as, by_id))
        links = link_actors(actors, resolved)
        changed = set() if full else _changed_actors(store, links)
        report.changed_links = write_links(store, links)
        report.actors = len(links)
        report.merged_actors = sum(1 for lk in links if lk.canonical_id != lk.actor_id)
        canon = {lk.actor_id: lk.canonical_id for lk in links}

        before: dict[str, tuple[str, int]] = {}
        if full:
            before = _old_state(store, [r[0] for r in con.execute("SELECT id FROM incidents").fetchall()])
            for table in ("incidents", "incident_events", "incident_actors", "incident_status", "incident_keys"):
                con.execute(f"DELETE FROM {table}")
        # in first-report order, so that each chunk is local in time and meets few neighbours
        new_order = [r[0] for r in con.execute(
            "SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id ANTI JOIN incident_events ie "
            "ON ie.event_id = e.id ORDER BY a.published NULLS LAST, e.id").fetchall()]
        new_ids = set(new_order)
        gone = {r[0]: r[1] for r in con.execute(
            "SELECT ie.event_id, ie.incident_id FROM incident_events ie ANTI JOIN events e ON e.id = ie.event_id"
        ).fetchall()}
        moved = {r[0] for r in con.execute(
            "SELECT DISTINCT ea.event_id FROM event_actors ea WHERE ea.actor_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(changed)]).fetchall()} - new_ids if changed else set()
        affected = set(gone.values())
        if moved:
            affected |= {r[0] for r in con.execute(
                "SELECT DISTINCT incident_id FROM incident_events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(moved)]).fetchall()}
        regroup = set(new_ids) | moved
        if affected:
            regroup |= {r[0] for r in con.execute(
                "SELECT event_id FROM incident_events WHERE incident_id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(affected)]).fetchall()}
        regroup -= set(gone)
        before.update(_old_state(store, affected))
        _delete_in(store, "incident_keys", "event_id", regroup | set(gone))
        _drop_incidents(store, affected)
        report._dropped |= affected
        pending = [e for e in new_order if e in regroup] + sorted(regroup - new_ids)
        del new_ids
        for i in range(0, len(pending), chunk):
            _step(store, set(pending[i:i + chunk]), canon, before, now, report)

        written = con.execute("SELECT id, status, n_events FROM incidents WHERE updated_at = ? "
                              "ORDER BY date_earliest NULLS LAST, id", [now]).fetchall()
        report.incidents_removed = len(report._dropped - {r[0] for r in written})
        for iid, status, n_events in written:
            old = before.get(iid)
            if old is None:
                report.n_new += 1
                if len(report.new_incidents) < REPORT_CAP:
                    report.new_incidents.append(iid)
            else:
                if n_events > old[1]:
                    report.grown_incidents.append(iid)
                if status != old[0]:
                    report.status_changes.append((iid, old[0], status))
        report.incidents_total = int(one_row(con.execute("SELECT count(*) FROM incidents"))[0])
        report.dating = dating_shares(store)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return report
