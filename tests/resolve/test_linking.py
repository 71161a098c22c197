"""Actor linking and incident compatibility on records (real functions, no store)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from parley.records import DateRule
from parley.resolve.actors import ActorRecord as A
from parley.resolve.actors import Overrides, link_actors
from parley.resolve.incidents import EventRecord, Participant, Reject, cluster, compatible, judge

ACTORS = [
    A("person:steve-witkoff", "Steve Witkoff", "person", "USA", roles=[{"title": "special envoy", "country": "USA"}]),
    A("person:witkoff", "Witkoff", "person"),
    A("person:steven-witkoff", "Steven Witkoff", "person", "USA"),
    A("person:john-smith", "John Smith", "person", "GBR", roles=[{"title": "Defence Minister"}]),
    A("person:adam-smith", "Adam Smith", "person", "USA"),
    A("person:smith", "Mr Smith", "person"),
    A("person:volodymyr-zelenskyy", "Volodymyr Zelenskyy", "person", "UKR", source="kb", aliases=["Zelenskyy"]),
    A("person:zelensky", "Zelensky", "person", "UKR"),
    A("person:jan-novak", "Jan Novak", "person", "CZE", roles=[{"title": "Foreign Minister"}]),
    A("person:jan-novak-2", "Jan Novak", "person", "CZE", roles=[{"title": "Interior Minister"}]),
]


def _canon(links):
    return {lk.actor_id: lk.canonical_id for lk in links}


def test_name_variants_merge_and_namesakes_stay_apart():
    canon = _canon(link_actors(ACTORS))
    assert canon["person:steve-witkoff"] == canon["person:steven-witkoff"] == canon["person:witkoff"]
    assert canon["person:zelensky"] == "person:volodymyr-zelenskyy"  # transliteration, to the KB id
    assert canon["person:john-smith"] != canon["person:adam-smith"]  # two countries
    assert canon["person:smith"] == "person:smith"  # a bare surname with two candidates stays alone
    assert canon["person:jan-novak"] != canon["person:jan-novak-2"]  # same name, different offices


def test_links_do_not_depend_on_input_order():
    ref = _canon(link_actors(ACTORS))
    for seed in range(5):
        shuffled = ACTORS[:]
        random.Random(seed).shuffle(shuffled)
        assert _canon(link_actors(shuffled)) == ref


def test_overrides_win():
    ov = Overrides(same_as=[("person:smith", "person:john-smith")],
                   not_same_as=[("person:witkoff", "person:steven-witkoff")])
    links = {lk.actor_id: lk for lk in link_actors(ACTORS, ov)}
    assert links["person:smith"].canonical_id == links["person:john-smith"].canonical_id
    assert links["person:smith"].rule == "override_same_as"
    assert links["person:witkoff"].canonical_id != links["person:steven-witkoff"].canonical_id
    merged = links["person:steve-witkoff"]
    assert merged.evidence and merged.evidence[0]["detail"] == "given name variant"


def _ev(i, article, day, place, country, target="state:USA", status="occurred", published=None):
    d = datetime.fromisoformat(day)
    return EventRecord(id=f"{article}:ev{i}", article_id=article, type="ASSAULT", status=status,
                       sources=[], targets=[Participant(target, None, "USA")], location=place,
                       location_country=country, date_value=day, earliest=d, latest=d.replace(day=d.day + 1),
                       date_rule="same_clause", published=published or d, trigger="bombing")


def test_two_similar_events_two_years_apart_stay_apart_and_reports_of_one_merge():
    events = [_ev(1, "a1", "2008-12-12", "Woodburn", "USA"), _ev(1, "a2", "2008-12-12", "Woodburn", "USA"),
              _ev(1, "a3", "2010-05-05", "Woodburn", "USA"), _ev(2, "a3", "2010-05-05", "Athens", "GRC")]
    incidents = cluster(events)
    groups = sorted(sorted(e.id for e in i.events) for i in incidents)
    assert groups == [["a1:ev1", "a2:ev1"], ["a3:ev1"], ["a3:ev2"]]
    two = next(i for i in incidents if i.n_events == 2)
    assert two.n_articles == 2 and two.first_article_id == "a1"
    assert two.reasons["a2:ev1"][0]["with_event"] == "a1:ev1"
    assert "same date" in two.reasons["a2:ev1"][0]["detail"]


def test_planned_then_held_is_one_incident_with_history():
    planned = EventRecord(id="p:ev1", article_id="p", type="CONSULT", status="planned",
                          sources=[Participant("person:reeves", "Reeves", "USA")],
                          targets=[Participant("country:NOR", "Oslo", "NOR")], date_value="2026-03-06",
                          earliest=datetime(2026, 3, 6), latest=datetime(2026, 3, 7), date_rule="same_clause",
                          published=datetime(2026, 3, 5), trigger="travel")
    held = EventRecord(id="h:ev1", article_id="h", type="CONSULT", status="occurred",
                       sources=[Participant("person:reeves", "Reeves", "USA")],
                       targets=[Participant("person:nordvik", "Nordvik", "NOR")], date_value="2026-03-06",
                       earliest=datetime(2026, 3, 6), latest=datetime(2026, 3, 7), date_rule="same_clause",
                       published=datetime(2026, 3, 6, 15), trigger="met")
    (inc,) = cluster([held, planned])
    assert inc.status == "occurred"
    assert [s for s, *_ in inc.status_history] == ["planned", "occurred"]
    assert inc.first_article_id == "p"


def _undated(eid, article, *, sources=(), targets=(), place=None, country=None, trigger="attacked", lemma="",
             day=None, context=(), type_="ASSAULT"):
    return EventRecord(id=eid, article_id=article, type=type_, status="occurred",
                       sources=[Participant(k, n, c) for k, n, c in sources],
                       targets=[Participant(k, n, c) for k, n, c in targets], location=place,
                       location_country=country, date_value=day, trigger=trigger, lemma=lemma,
                       context=frozenset(context))


def _groups(events):
    return sorted(sorted(e.id for e in i.events) for i in cluster(events))


NAVY = ("body:navy", "Navy", "IND")


def test_a_vague_mention_does_not_chain_two_look_alikes():
    # a bombing in Woodburn and one in Athens, and a report naming neither place: compatible
    # with both, it joins one of them; the two places never share an incident
    woodburn = _undated("w:1", "w", sources=[NAVY], place="Woodburn", country="USA", trigger="bombed")
    athens = _undated("a:1", "a", sources=[NAVY], place="Athens", country="GRC", trigger="bombed")
    vague = _undated("v:1", "v", sources=[NAVY], trigger="bombed")
    groups = _groups([woodburn, athens, vague])
    assert len(groups) == 2 and all(not {"w:1", "a:1"} <= set(g) for g in groups)
    for seed in range(4):
        shuffled = [woodburn, athens, vague]
        random.Random(seed).shuffle(shuffled)
        assert _groups(shuffled) == groups


def test_named_days_far_apart_clash_and_adjacent_days_do_not():
    sat = _undated("s:1", "s", sources=[NAVY], day="XXXX-WXX-6")
    fri = _undated("f:1", "f", sources=[NAVY], day="XXXX-WXX-5")
    mon = _undated("m:1", "m", sources=[NAVY], day="XXXX-WXX-1")
    assert compatible(sat, fri) is not None and "same day" not in " ".join(compatible(sat, fri).reasons)
    assert judge(sat, mon) is Reject.DAY
    assert "same day XXXX-WXX-6" in compatible(sat, _undated("s:2", "s2", sources=[NAVY], day="XXXX-WXX-6")).reasons


def test_undated_reports_of_one_story_join_by_their_words():
    story = ("Grigoropoulos", "Athens", "Exarchia", "Greece")
    one = _undated("r:1", "r1", trigger="riots", lemma="riot", type_="PROTEST", context=[w.lower() for w in story])
    two = _undated("r:2", "r2", trigger="rioting", lemma="riot", type_="PROTEST",
                   context=[w.lower() for w in story[:3]] + ["police"])
    other = _undated("r:3", "r3", trigger="riots", lemma="riot", type_="PROTEST",
                     context=["brooklyn", "kimani", "gray", "york"])
    assert _groups([one, two, other]) == [["r:1", "r:2"], ["r:3"]]
    assert any(r.startswith("same story") for r in compatible(one, two).reasons)


def test_one_actor_in_swapped_roles_and_repeats_in_one_article():
    jackson = ("person:vincent-jackson", "Vincent Jackson", None)
    police = ("org:police", "Police", None)
    active = _undated("p:1", "p", sources=[police], targets=[jackson], trigger="arrested", lemma="arrest",
                      type_="COERCE", day="XXXX-WXX-2")
    passive = _undated("q:1", "q", sources=[jackson], trigger="arrested", lemma="arrest", type_="COERCE",
                       day="XXXX-WXX-2")
    again = _undated("q:2", "q", trigger="arrest", lemma="arrest", type_="COERCE")
    assert "shared actors in swapped roles person:vincent-jackson" in compatible(active, passive).reasons
    assert "same article" in compatible(passive, again).reasons
    assert _groups([active, passive, again]) == [["p:1", "q:1", "q:2"]]


def _day_report(eid, article, day, *, targets=(), trigger="strike", context=(), basis=DateRule.NOUN_ATTACHED):
    d = datetime.fromisoformat(day)
    return EventRecord(id=eid, article_id=article, type="ASSAULT", status="occurred",
                       targets=[Participant(k, n, c) for k, n, c in targets], date_value=day, earliest=d,
                       latest=d + timedelta(days=1), date_rule=basis.text, date_basis=basis,
                       published=d + timedelta(days=5), trigger=trigger, context=frozenset(context))


def test_a_report_naming_no_one_joins_the_named_report_of_its_day_and_words():
    """"Boats left port for the first time since the February 27 drone strike" names no one:
    not a disagreement on who. The same day and the same words (or the same story) join it
    to the report that names the target; another day, or other words in another story, do not."""
    story = ("barents", "norway", "vardø", "helsinki")
    named = _day_report("n:ev1", "n", "2026-02-27", targets=[("state:NOR", "Norway", "NOR")], context=story,
                        basis=DateRule.SAME_CLAUSE)
    same_day = _day_report("f:ev1", "f", "2026-02-27", context=story)
    other_day = _day_report("o:ev1", "o", "2026-02-20", context=story)
    other_words = _day_report("w:ev1", "w", "2026-02-27", trigger="attack", context=("gaza", "israel", "hamas"))
    story_words = _day_report("s:ev1", "s", "2026-02-27", trigger="attack", context=story)
    groups = sorted(sorted(e.id for e in i.events) for i in cluster([named, same_day, other_day, other_words,
                                                                      story_words]))
    assert groups == [["f:ev1", "n:ev1", "s:ev1"], ["o:ev1"], ["w:ev1"]]
    reasons = judge(named, same_day)
    assert not isinstance(reasons, Reject) and "who named by one report only" in reasons.reasons
    assert judge(named, other_words) is Reject.NO_WHO
