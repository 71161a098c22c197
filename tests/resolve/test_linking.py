"""Actor linking and incident compatibility on records (real functions, no store)."""

from __future__ import annotations

import random
from datetime import datetime

from parley.resolve.actors import ActorRecord as A
from parley.resolve.actors import Overrides, link_actors
from parley.resolve.incidents import EventRecord, Participant, cluster

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
