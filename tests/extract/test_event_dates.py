"""Which rule dated an event, as a structured code (``Event.date_basis``, a ``DateRule``):
the real pipeline, merged mentions, the store (with the migration that backfills older
stores) and the linker's use of it."""

from __future__ import annotations

from datetime import datetime

import duckdb

from parley.analyze import analyze_article
from parley.extract.events.merge import hard_date
from parley.records import Article, DateRule, content_hash
from parley.store import Store
from parley.store.schema import MIGRATIONS

PUBLISHED = datetime(2025, 12, 8)


def _events(nlp, text: str, aid: str = "d1"):
    art = Article(id=aid, text=text, published=PUBLISHED, content_hash=content_hash(text), origin="test",
                  origin_kind="text")
    return art, analyze_article(art, nlp)


def _assault(nlp, text: str):
    found = [e for e in _events(nlp, text)[1].events if e.type == "ASSAULT"]
    assert len(found) == 1, [(e.type, e.date_rule) for e in found]
    return found[0]


def test_own_clause_date_and_publication_date_are_told_apart(nlp):
    own = _assault(nlp, "Russian forces shelled Kharkiv on Monday.")
    assert own.date_basis is DateRule.SAME_CLAUSE and own.date_basis.hard and not own.date_basis.from_publication
    assert own.date_rule == DateRule.SAME_CLAUSE.text and own.date_value == "2025-12-08"
    recent = _assault(nlp, "Russian forces shelled Kharkiv.")
    assert recent.date_basis is DateRule.PUBLICATION_RECENT and recent.date_basis.from_publication
    assert not hard_date(recent) and recent.date_earliest < recent.date_value < recent.date_latest
    planned = [e for e in _events(nlp, "Putin will meet Erdogan in Ankara on December 20.")[1].events
               if e.type == "CONSULT"]
    assert [(e.date_basis, e.date_value) for e in planned] == [(DateRule.SAME_CLAUSE, "2025-12-20")]


def test_a_date_taken_from_a_merged_mention_keeps_its_rule(nlp):
    """The chosen report has no date of its own and takes the merged mention's, and with
    it the rule (``date_rule`` says where it came from; the logic reads ``date_basis``)."""
    from dataclasses import replace

    from parley.extract.events.merge import merge_events

    recent = _assault(nlp, "Russian forces shelled Kharkiv.")
    undated = replace(recent, date_value=None, date_earliest=None, date_latest=None, date_rule=None,
                      date_basis=None, trigger_start=recent.trigger_start + 100, trigger_end=recent.trigger_end + 100)
    (merged,) = merge_events([undated, recent], frozenset())
    assert merged.date_basis is DateRule.PUBLICATION_RECENT and merged.date_value == recent.date_value
    assert merged.date_rule == "from merged mention: publication_recent" and not hard_date(merged)
    own = _assault(nlp, "Russian forces shelled Kharkiv on Monday.")
    bare = replace(own, date_value=None, date_earliest=None, date_latest=None, date_rule=None, date_basis=None,
                   trigger_start=own.trigger_start + 100, trigger_end=own.trigger_end + 100)
    (merged,) = merge_events([bare, own], frozenset())
    assert merged.date_basis is DateRule.SAME_CLAUSE and hard_date(merged)  # still its own clause's date


def test_store_keeps_the_code_and_the_migration_backfills_old_rows(nlp, tmp_path):
    art, analysis = _events(nlp, "Russian forces shelled Kharkiv.", "d-store")
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write_batch("b1", [art], [])
        s.save_analysis(analysis)
        rows = s.query("SELECT date_basis, date_rule FROM events")
    assert rows == [{"date_basis": "publication_recent", "date_rule": "publication_recent"}]

    old = tmp_path / "old.duckdb"  # a store from before migration 55, with rules only as text
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for v, desc, sql in MIGRATIONS:
        if v < 55:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, description) VALUES (?, ?)", [v, desc])
    for i, rule in enumerate(["governing_time:same_clause", "from merged mention: publication_recent",
                              "same-sentence:nearest", None]):
        con.execute("INSERT INTO events (id, article_id, type, status, sources, targets, evidence, sentence_start, "
                    "sentence_end, trigger, trigger_start, trigger_end, rule, date_rule) "
                    "VALUES (?, 'a', 'ASSAULT', 'occurred', '[]', '[]', 'x', 0, 1, 'x', 0, 1, 'r', ?)", [f"e{i}", rule])
    con.close()
    with Store(old) as s:
        got = [r["date_basis"] for r in s.query("SELECT date_basis FROM events ORDER BY id")]
    assert got == ["same_clause", "publication_recent", "nearest_in_sentence", None]
    assert {DateRule(g) for g in got if g} <= set(DateRule)


def test_linker_reads_the_code_for_publication_dates(nlp, tmp_path):
    from parley.resolve.link import dating_shares, load_events

    path = tmp_path / "l.duckdb"
    with Store(path) as s:
        for aid, text in (("l1", "Russian forces shelled Kharkiv."),
                          ("l2", "Russian forces shelled Kharkiv on Monday.")):
            art, analysis = _events(nlp, text, aid)
            s.write_batch(aid, [art], [])
            s.save_analysis(analysis)
        shares = dating_shares(s)
        records = {r.article_id: r for r in load_events(s, None, {})}
    assert shares["dated"] == 2 and shares["dated_from_publication"] == 1
    assert records["l1"].from_publication and not records["l2"].from_publication
    assert records["l2"].date_basis is DateRule.SAME_CLAUSE


def _at(nlp, text: str, published: datetime):
    art = Article(id="g1", text=text, published=published, content_hash=content_hash(text), origin="test",
                  origin_kind="text")
    return analyze_article(art, nlp).events


def test_an_after_clause_measured_by_a_gap_is_dated_from_the_clause_it_modifies(nlp):
    """"Talks opened on Monday, three days after a drone struck the vessel": the strike was
    on the Friday before, not on Monday; "two weeks after" leaves a day either side."""
    monday = datetime(2026, 3, 2, 12)
    events = _at(nlp, "Norway and Russia opened direct talks in Helsinki on Monday, three days after a drone "
                      "struck a Norwegian coast guard vessel.", monday)
    strike = next(e for e in events if e.type == "ASSAULT")
    talks = next(e for e in events if e.type == "CONSULT")
    assert talks.date_value == "2026-03-02" and strike.date_value == "2026-02-27"
    assert strike.date_basis is DateRule.GAP_FROM_CLAUSE and strike.date_rule == "gap_from_clause"
    thursday = datetime(2026, 3, 12, 21)
    (strike,) = [e for e in _at(nlp, "The UN Security Council met on Thursday to discuss the crisis, two weeks "
                                     "after a drone struck a Norwegian coast guard vessel.", thursday)
                 if e.type == "ASSAULT"]
    assert strike.date_value == "2026-02-26"
    assert (strike.date_earliest, strike.date_latest) == ("2026-02-25T00:00:00", "2026-02-28T00:00:00")
    (plain,) = [e for e in _at(nlp, "Norway and Russia opened talks on Monday after a drone struck a Norwegian "
                                    "vessel.", monday) if e.type == "ASSAULT"]
    assert plain.date_basis is not DateRule.GAP_FROM_CLAUSE  # no measured gap: not moved


def test_a_dated_event_noun_under_a_frame_is_a_reference_to_what_happened(nlp):
    """"Monitors to investigate the February 27 attack": the frame is the investigating's;
    the attack, dated before publication, happened. Its own words still decide ("a planned
    attack on March 30", after publication, stays planned)."""
    from parley.records import CueKind

    published = datetime(2026, 3, 12, 21)
    (attack,) = [e for e in _at(nlp, "She asked both governments to accept a small team of UN monitors to "
                                     "investigate the February 27 attack.", published) if e.type == "ASSAULT"]
    assert attack.status == "occurred" and attack.basis.status_cues[0].kind is CueKind.DATED_REFERENCE
    assert attack.basis.status_cues[0].word == "attack"
    later = [e for e in _at(nlp, "Officials warned of a planned attack on March 30.", published)
             if e.type == "ASSAULT"]
    assert all(e.status != "occurred" for e in later)
