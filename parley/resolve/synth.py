"""Synthetic stores for scale tests and benchmarks: the facts of analysed articles
copied many times, each copy shifted in time (``days`` per copy), so a store of N
articles can be built in seconds without running the NLP layers N times."""

from __future__ import annotations

from parley.store import Store
from parley.store.rows import one_row


def replicate(store: Store, copies: range, days: int = 7) -> int:
    """Add copies ``copies`` (e.g. range(1, 1000)) of the store's original articles (ids
    without a ``~`` suffix), their analyses and events. Returns articles added."""
    con = store.con
    con.execute("CREATE TEMP TABLE IF NOT EXISTS synth_k (k INTEGER)")
    con.execute("DELETE FROM synth_k")
    con.execute("INSERT INTO synth_k SELECT * FROM range(?, ?)", [copies.start, copies.stop])
    con.execute("BEGIN TRANSACTION")
    try:
        before = one_row(con.execute("SELECT count(*) FROM articles"))[0]
        con.execute(f"""
            INSERT INTO articles (id, url, canonical_url, source, title, byline, published, published_rule, language,
                language_score, text, paragraphs, content_hash, origin, origin_kind, is_summary, status, warnings,
                batch_id, fetched_at)
            SELECT a.id || '~' || k, a.url || '#' || k, a.canonical_url || '#' || k, a.source, a.title, a.byline,
                a.published + INTERVAL (k * {days}) DAY, a.published_rule, a.language, a.language_score, a.text,
                a.paragraphs, a.content_hash || '~' || k, a.origin, a.origin_kind, a.is_summary, a.status,
                a.warnings, 'synth', a.fetched_at
            FROM articles a, synth_k WHERE a.id NOT LIKE '%~%'""")
        con.execute("""
            INSERT INTO analyses (article_id, model, model_version, parley_version)
            SELECT n.article_id || '~' || k, n.model, n.model_version, n.parley_version
            FROM analyses n, synth_k WHERE n.article_id NOT LIKE '%~%'""")
        con.execute(f"""
            INSERT INTO events SELECT * EXCLUDE (k) REPLACE (
                e.id || '~' || k AS id, e.article_id || '~' || k AS article_id,
                e.date_earliest + INTERVAL (k * {days}) DAY AS date_earliest,
                e.date_latest + INTERVAL (k * {days}) DAY AS date_latest)
            FROM events e, synth_k WHERE e.article_id NOT LIKE '%~%'""")
        con.execute(f"""
            INSERT INTO event_actors (event_id, role, actor_id, name, country, date_earliest)
            SELECT ea.event_id || '~' || k, ea.role, ea.actor_id, ea.name, ea.country,
                ea.date_earliest + INTERVAL (k * {days}) DAY
            FROM event_actors ea, synth_k WHERE ea.event_id NOT LIKE '%~%'""")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(one_row(con.execute("SELECT count(*) FROM articles"))[0]) - int(before)
