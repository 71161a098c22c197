"""The listings of stored facts: one ``Select`` builder per table, with typed filters
and keyset sort keys. Interfaces call ``page()`` (a page with a real ``next``) or
``rows()`` (every row, streaming)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from parley.query.filters import (
    ActorFilter,
    ArticleFilter,
    EventFilter,
    FactFilter,
    Filter,
    QuoteFilter,
    StanceFilter,
)
from parley.query.pages import Key, Page, Select, paginate, stream
from parley.query.sqlparts import (
    Where,
    dyad,
    event_actor_exists,
    has_table,
    like,
    loads,
    names,
)
from parley.query.vocab import quad_case


def _json_cols(*cols: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def shape(row: dict[str, Any]) -> dict[str, Any]:
        for c in cols:
            if c in row:
                row[c] = loads(row[c])
        return row
    return shape


# -- articles ---------------------------------------------------------------------------
ARTICLE_COLUMNS = ["id", "published", "title", "source", "language", "status", "chars"]


def articles(f: ArticleFilter) -> Select:
    w = Where()
    if f.status:
        w.add("a.status = ?", f.status)
    if f.outlet:
        w.add("a.source ILIKE ? ESCAPE '\\'", like(f.outlet))
    if f.since:
        w.add("a.published >= ?", f.since_start())
    if f.until:
        w.add("a.published < ?", f.until_exclusive())
    if f.q:
        w.add("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')", like(f.q), like(f.q))
    sql = ("SELECT a.id, a.title, a.source, a.published, a.published_rule, a.language, a.status, "
           "a.origin_kind, length(a.text) AS chars, a.url FROM articles a")
    return Select("articles", sql, w.params, (Key("published", True, "TIMESTAMP", "a.published", True),
                                              Key("id", expr="a.id")), where=tuple(w.parts))


def article(reader, article_id: str) -> dict[str, Any] | None:
    """One article by id or unique id prefix."""
    rows = reader.query("SELECT * FROM articles WHERE id = ? OR starts_with(id, ?) ORDER BY id LIMIT 2",
                        [article_id, article_id])
    if len(rows) == 1 or (rows and rows[0]["id"] == article_id):
        return _json_cols("paragraphs", "warnings")(rows[0])
    return None


_FACT_SQL = {
    "mentions": "SELECT * FROM mentions WHERE article_id = ? ORDER BY start_char, end_char",
    "times": "SELECT * FROM times WHERE article_id = ? ORDER BY start_char",
    "quotes": "SELECT * FROM quotes WHERE article_id = ? ORDER BY start_char",
    "events": "SELECT e.*, {quad} AS quad FROM events e WHERE article_id = ? ORDER BY sentence_start, trigger_start",
    "stances": "SELECT * FROM stances WHERE article_id = ? ORDER BY start_char",
}
_FACT_JSON = ("relation", "sources", "targets", "magnitude", "contexts", "segments")


def article_facts(reader, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every fact found in one article, by layer, in text order (with incident ids)."""
    shape = _json_cols(*_FACT_JSON)
    out = {name: [shape(r) for r in reader.query(sql.format(quad=quad_case("e.type")), [article_id])]
           for name, sql in _FACT_SQL.items()}
    if has_table(reader, "incident_events") and out["events"]:
        links = {r["event_id"]: r["incident_id"] for r in reader.query(
            "SELECT event_id, incident_id FROM incident_events WHERE article_id = ?", [article_id])}
        for e in out["events"]:
            e["incident_id"] = links.get(e["id"])
    return out


# -- actors -----------------------------------------------------------------------------
ACTOR_COLUMNS = ["id", "name", "type", "country", "mentions", "articles", "source", "roles"]


def actors(f: ActorFilter) -> Select:
    w = Where()
    if f.country:
        w.add("a.country = ?", f.country)
    if f.type:
        w.add("a.type = ?", f.type)
    if f.q:
        w.add("(a.name ILIKE ? ESCAPE '\\' OR CAST(a.aliases AS VARCHAR) ILIKE ? ESCAPE '\\')", like(f.q), like(f.q))
    sql = ("SELECT a.id, a.name, a.type, a.country, count(m.actor_id) AS mentions, "
           "count(DISTINCT m.article_id) AS articles, a.source, a.roles, a.aliases, a.acts_for "
           "FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id")
    return Select("actors", sql, w.params, (Key("mentions", True, "BIGINT"), Key("name"), Key("id")),
                  where=tuple(w.parts), shape=_json_cols("roles", "aliases"), wrap=True,
                  group_by=" GROUP BY a.id, a.name, a.type, a.country, a.source, a.roles, a.aliases, a.acts_for")


# -- mentions and times -----------------------------------------------------------------
def mentions(f: FactFilter) -> Select:
    w = Where()
    if f.article:
        w.add("m.article_id = ?", f.article)
    if f.actor:
        w.add("(m.actor_id = ? OR m.actor_name ILIKE ? ESCAPE '\\' OR upper(coalesce(m.country, '')) = upper(?))",
              f.actor, like(f.actor, contains=False), f.actor)
    if f.q:
        w.add("m.text ILIKE ? ESCAPE '\\'", like(f.q))
    return Select("mentions", "SELECT m.* FROM mentions m", w.params,
                  (Key("article_id", expr="m.article_id"), Key("start_char", False, "INTEGER", "m.start_char"),
                   Key("end_char", False, "INTEGER", "m.end_char"), Key("text", expr="m.text")),
                  where=tuple(w.parts), shape=_json_cols("relation"))


def times(f: FactFilter) -> Select:
    w = Where()
    if f.article:
        w.add("t.article_id = ?", f.article)
    if f.q:
        w.add("(t.text ILIKE ? ESCAPE '\\' OR t.value ILIKE ? ESCAPE '\\')", like(f.q), like(f.q))
    return Select("times", "SELECT t.*, coalesce(t.id, '') AS _k_id FROM times t", w.params,
                  (Key("article_id", expr="t.article_id"), Key("start_char", False, "INTEGER", "t.start_char"),
                   Key("end_char", False, "INTEGER", "t.end_char"), Key("_k_id", expr="coalesce(t.id, '')")),
                  where=tuple(w.parts), hidden=("_k_id",))


# -- quotes -----------------------------------------------------------------------------
QUOTE_COLUMNS = ["article_id", "kind", "speaker_name", "speaker_country", "cue", "channel", "time_value", "text"]
_QUOTE_DAY = "COALESCE(TRY_CAST(left(q.time_value, 10) AS DATE), CAST(a.published AS DATE))"


def quotes(f: QuoteFilter) -> Select:
    w = Where()
    if f.actor:
        v = f.actor.strip()
        code = v.upper() if len(v) == 3 and v.isalpha() else None
        pat = like(v)
        w.add("(q.speaker_id = ? OR q.speaker_name ILIKE ? ESCAPE '\\' OR act.name ILIKE ? ESCAPE '\\' "
              "OR CAST(act.aliases AS VARCHAR) ILIKE ? ESCAPE '\\' OR q.speaker_country = ?)", v, pat, pat, pat, code)
    if f.kind:
        w.add("q.kind = ?", f.kind.value)
    if f.since:
        w.add(f"{_QUOTE_DAY} >= ?", f.since)
    if f.until:
        w.add(f"{_QUOTE_DAY} <= ?", f.until)
    if f.outlet:
        w.add("a.source ILIKE ? ESCAPE '\\'", like(f.outlet))
    if f.q:
        w.add("q.text ILIKE ? ESCAPE '\\'", like(f.q))
    if f.article:
        w.add("q.article_id = ?", f.article)
    sql = ("SELECT q.article_id, q.kind, q.speaker_name, q.speaker_country, q.cue, q.channel, q.time_value, "
           "q.text, q.source_text, q.speaker_id, q.start_char, q.end_char, q.rule, q.id, q.parent_id, "
           "a.published, a.title, a.source AS outlet, coalesce(q.id, '') AS _k_id "
           "FROM quotes q LEFT JOIN articles a ON a.id = q.article_id "
           "LEFT JOIN actors act ON act.id = q.speaker_id")
    return Select("quotes", sql, w.params, (Key("published", True, "TIMESTAMP", "a.published", True),
                                            Key("article_id", expr="q.article_id"),
                                            Key("start_char", False, "INTEGER", "q.start_char"),
                                            Key("end_char", False, "INTEGER", "q.end_char"),
                                            Key("_k_id", expr="coalesce(q.id, '')")),
                  where=tuple(w.parts), hidden=("_k_id",))


# -- events -----------------------------------------------------------------------------
EVENT_COLUMNS = ["id", "date_value", "type", "mode", "status", "source", "target", "location", "trigger",
                 "article_id"]


def event_where(f: EventFilter) -> Where:
    w = Where()
    if f.type:
        w.add("e.type = ?", f.type.value, own=True)
    if f.quad:
        w.add(f"{quad_case('e.type')} = ?", f.quad.value, own=True)
    if f.status:
        w.add("e.status = ?", f.status.value, own=True)
    if f.since:  # dated events whose interval reaches the window
        w.add("coalesce(e.date_latest, e.date_earliest) >= ?", f.since_start(), own=True)
    if f.until:
        w.add("e.date_earliest < ?", f.until_exclusive(), own=True)
    if f.actor:
        w.extend(event_actor_exists(f.actor))
    if f.dyad:
        w.extend(dyad("event", *f.dyad))
    if f.country:
        sql, params = event_actor_exists(f.country)
        w.add(f"(e.location_country = ? OR {sql})", f.country, *params)
    if f.issue:
        w.add("EXISTS (SELECT 1 FROM stances s WHERE s.article_id = e.article_id AND s.issue = ?)", f.issue)
    if f.outlet:
        w.add("e.article_id IN (SELECT id FROM articles WHERE source ILIKE ? ESCAPE '\\')", like(f.outlet))
    if f.q:
        w.add("e.evidence ILIKE ? ESCAPE '\\'", like(f.q), own=True)
    if f.article:
        w.add("e.article_id = ?", f.article, own=True)
    for role in ("source", "target"):
        if getattr(f, role):
            w.add(f"EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.role = '{role}' "
                  "AND x.actor_id = ?)", getattr(f, role))
    return w


def _event_shape(row: dict[str, Any]) -> dict[str, Any]:
    for c in ("sources", "targets", "magnitude", "contexts"):
        row[c] = loads(row.get(c))
    for c in ("basis", "claimant"):  # (absent from a store older than schema 50)
        if c in row:
            row[c] = loads(row[c])
    row["source"] = names(row["sources"])
    row["target"] = names(row["targets"])
    return row


def _event_articles(reader, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Outlet, publication time, title and URL of the page's articles (one lookup per page)."""
    if not rows:
        return rows
    arts = {r["id"]: r for r in reader.query(
        "SELECT id, source AS outlet, published, title, url FROM articles WHERE list_contains(?, id)",
        [sorted({r["article_id"] for r in rows})])}
    for r in rows:
        a = arts.get(r["article_id"], {})
        for k in ("outlet", "published", "title", "url"):
            r[k] = a.get(k)
    return rows


def events(f: EventFilter) -> Select:
    """Newest first by the event's own date (undated events last); ties by id."""
    w = event_where(f)
    sql = f"SELECT e.*, {quad_case('e.type')} AS quad FROM events e"
    return Select("events", sql, w.params, (Key("date_earliest", True, "TIMESTAMP", "e.date_earliest", True),
                                            Key("id", expr="e.id")),
                  where=tuple(w.parts), shape=_event_shape, enrich=_event_articles, narrow="FROM events e",
                  own=tuple(w.own), own_params=tuple(w.own_params))


# -- stances ----------------------------------------------------------------------------
STANCE_COLUMNS = ["date", "actor_name", "issue", "position", "evidence", "article_id"]
_STANCE_DAY = "COALESCE(TRY_CAST(left(s.time_value, 10) AS DATE), CAST(a.published AS DATE))"


def stances(f: StanceFilter) -> Select:
    w = Where()
    if f.issue:
        w.add("s.issue = ?", f.issue)
    if f.actor:
        w.add("(s.actor_id = ? OR s.actor_name ILIKE ? ESCAPE '\\' OR act.name ILIKE ? ESCAPE '\\' "
              "OR CAST(act.aliases AS VARCHAR) ILIKE ? ESCAPE '\\')",
              f.actor, like(f.actor), like(f.actor), like(f.actor))
    if f.since:
        w.add(f"{_STANCE_DAY} >= ?", f.since)
    if f.until:
        w.add(f"{_STANCE_DAY} <= ?", f.until)
    if f.article:
        w.add("s.article_id = ?", f.article)
    sql = (f"SELECT s.*, {_STANCE_DAY} AS date, a.source AS outlet, a.title, coalesce(s.id, '') AS _k_id, "
           "coalesce(s.start_char, -1) AS _k_start "
           "FROM stances s LEFT JOIN articles a ON a.id = s.article_id "
           "LEFT JOIN actors act ON act.id = s.actor_id")
    return Select("stances", sql, w.params, (Key("date", False, "DATE", _STANCE_DAY, True),
                                             Key("article_id", expr="s.article_id"),
                                             Key("_k_start", False, "INTEGER", "coalesce(s.start_char, -1)"),
                                             Key("_k_id", expr="coalesce(s.id, '')")),
                  where=tuple(w.parts), hidden=("_k_id", "_k_start"))


# -- errors -----------------------------------------------------------------------------
ERROR_COLUMNS = ["origin", "code", "kind", "stage", "reason"]


def errors(f: Filter | None = None) -> Select:
    sql = "SELECT origin, code, kind, stage, reason, detail, recorded_at FROM ingest_errors"
    return Select("errors", sql, [], (Key("recorded_at", False, "TIMESTAMP", "recorded_at", True), Key("origin"),
                                      Key("code")))


# -- the registry used by the API and exports -------------------------------------------
def page(reader, sel: Select, size: int | None = None, after: str | None = None) -> Page:
    return paginate(reader, sel, size, after)


def rows(reader, sel: Select) -> Iterator[dict[str, Any]]:
    return stream(reader, sel)
