"""A synthetic store of any size, made in SQL (seconds for a million events): for the
pagination tests and the API load benchmark (``bench/api.py``). Not news: the rows are
shaped like Parley's (articles, actors, events, event actors, quotes, incidents)."""

from __future__ import annotations

from pathlib import Path

from parley.query.vocab import QUAD_OF
from parley.store.duckdb_store import Store

ACTORS = [("state:USA", "United States", "state", "USA"), ("state:RUS", "Russia", "state", "RUS"),
          ("state:UKR", "Ukraine", "state", "UKR"), ("state:FRA", "France", "state", "FRA"),
          ("state:DEU", "Germany", "state", "DEU"), ("state:CHN", "China", "state", "CHN"),
          ("state:TUR", "Turkey", "state", "TUR"), ("org:nato", "NATO", "organisation", None),
          ("org:un", "United Nations", "organisation", None), ("org:eu", "European Union", "organisation", None)]
OUTLETS = ["Reuters", "AP", "AFP", "BBC", "Kyiv Independent", "TASS", "Le Monde", "DW"]


def generate(path: str | Path, n_events: int, *, events_per_article: int = 20) -> None:
    """Create (or refill) a store with ``n_events`` events and matching rows."""
    n_articles = max(1, n_events // events_per_article)
    types = list(QUAD_OF)
    type_list = "[" + ", ".join(f"'{t}'" for t in types) + "]"
    quad_list = "[" + ", ".join(f"'{QUAD_OF[t].value}'" for t in types) + "]"
    actor_ids = "[" + ", ".join(f"'{a[0]}'" for a in ACTORS) + "]"
    actor_names = "[" + ", ".join(f"'{a[1]}'" for a in ACTORS) + "]"
    actor_cc = "[" + ", ".join(f"'{a[3]}'" if a[3] else "NULL" for a in ACTORS) + "]"
    outlets = "[" + ", ".join(f"'{o}'" for o in OUTLETS) + "]"
    statuses = "['occurred', 'occurred', 'occurred', 'planned', 'ongoing', 'claimed', 'negated']"
    na, nt = len(ACTORS), len(types)
    with Store(path) as s:
        c = s.con
        c.execute("BEGIN TRANSACTION")
        for table in ("articles", "actors", "events", "event_actors", "quotes", "incidents", "incident_events",
                      "incident_actors", "incident_status"):
            c.execute(f"DELETE FROM {table}")
        for a in ACTORS:
            c.execute("INSERT INTO actors (id, name, type, country, aliases, roles, source) VALUES (?,?,?,?,?,?,?)",
                      [a[0], a[1], a[2], a[3], "[]", "[]", "synthetic"])
        c.execute(f"""INSERT INTO articles (id, url, canonical_url, source, title, published, published_rule,
                         language, text, content_hash, origin, origin_kind, status)
            SELECT printf('art%08d', i), printf('https://news.example/%d', i), printf('https://news.example/%d', i),
                   {outlets}[1 + i % {len(OUTLETS)}], printf('Synthetic report %d', i),
                   TIMESTAMP '2024-01-01' + to_minutes(CAST(i * 7 AS BIGINT)), 'metadata', 'en',
                   printf('Synthetic report %d about talks and strikes.', i), printf('h%d', i),
                   'synthetic', 'text', 'ok'
            FROM range({n_articles}) t(i)""")
        c.execute(f"""INSERT INTO events (id, article_id, type, mode, status, sources, targets, location,
                         location_country, date_value, date_earliest, date_latest, date_rule, evidence,
                         sentence_start, sentence_end, trigger, trigger_start, trigger_end, rule, confidence)
            SELECT printf('art%08d:ev%d', i // {events_per_article}, i % {events_per_article}),
                   printf('art%08d', i // {events_per_article}), {type_list}[1 + (i * 7) % {nt}], NULL,
                   {statuses}[1 + i % 7],
                   to_json([{{'actor_id': {actor_ids}[1 + i % {na}], 'name': {actor_names}[1 + i % {na}],
                              'country': {actor_cc}[1 + i % {na}]}}]),
                   to_json([{{'actor_id': {actor_ids}[1 + (i * 3 + 1) % {na}],
                              'name': {actor_names}[1 + (i * 3 + 1) % {na}],
                              'country': {actor_cc}[1 + (i * 3 + 1) % {na}]}}]),
                   NULL, NULL, strftime(d, '%Y-%m-%d'), d, d + INTERVAL 1 DAY, 'synthetic',
                   printf('Synthetic evidence sentence number %d.', i), 0, 40, 'met', 0, 3, 'synthetic', 0.9
            FROM (SELECT i, date_trunc('day', TIMESTAMP '2024-01-01'
                         + to_minutes(CAST(i * 7 // {events_per_article} AS BIGINT)) - INTERVAL 1 DAY * (i % 3)) AS d
                  FROM range({n_events}) t(i))""")
        c.execute("""INSERT INTO event_actors (event_id, role, actor_id, name, country, date_earliest)
            SELECT id, 'source', sources->>'$[0].actor_id', sources->>'$[0].name', sources->>'$[0].country',
                   date_earliest FROM events
            UNION ALL
            SELECT id, 'target', targets->>'$[0].actor_id', targets->>'$[0].name', targets->>'$[0].country',
                   date_earliest FROM events""")
        c.execute(f"""INSERT INTO quotes (id, article_id, start_char, end_char, text, kind, speaker_id, speaker_name,
                         speaker_country, rule)
            SELECT printf('art%08d:q0', i), printf('art%08d', i), 0, 20, printf('Synthetic quote %d', i), 'direct',
                   {actor_ids}[1 + i % {na}], {actor_names}[1 + i % {na}], {actor_cc}[1 + i % {na}], 'synthetic'
            FROM range({n_articles}) t(i)""")
        # incidents: events of one type and source in a window of ten articles form one incident
        c.execute("""CREATE TEMP TABLE ev_inc AS
            SELECT e.id AS event_id, e.article_id, e.type, e.status, e.date_earliest, e.date_latest, e.evidence,
                   a.published, a.source AS outlet,
                   printf('inc%08d-%s-%s', CAST(split_part(e.article_id, 'art', 2) AS BIGINT) // 10, e.type,
                          e.sources->>'$[0].actor_id') AS incident_id
            FROM events e JOIN articles a ON a.id = e.article_id""")
        c.execute(f"""INSERT INTO incidents
            SELECT incident_id, any_value(type), NULL, arg_max(status, published),
                   {quad_list}[list_position({type_list}, any_value(type))],
                   strftime(min(date_earliest), '%Y-%m-%d'), min(date_earliest), max(date_latest), 'synthetic',
                   NULL, NULL, arg_min(article_id, published), min(published), arg_min(evidence, published),
                   count(*), count(DISTINCT article_id), count(DISTINCT outlet), current_timestamp, 'same_clause'
            FROM ev_inc GROUP BY incident_id""")
        c.execute("""INSERT INTO incident_events
            SELECT event_id, incident_id, article_id, '[{"rule": "synthetic", "detail": "same type and window",
                   "with_event": null}]' FROM ev_inc""")
        c.execute("""INSERT INTO incident_actors (incident_id, role, actor_id, name, country, date_earliest)
            SELECT DISTINCT ie.incident_id, ea.role, ea.actor_id, ea.name, ea.country, i.date_earliest
            FROM ev_inc ie JOIN event_actors ea ON ea.event_id = ie.event_id
            JOIN incidents i ON i.id = ie.incident_id""")
        c.execute("""INSERT INTO incident_status SELECT incident_id, status, event_id, article_id, published
                     FROM ev_inc""")
        c.execute("DROP TABLE ev_inc")
        c.execute("COMMIT")
