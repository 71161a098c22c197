"""Countries and targets of event participants (``parley.extract.events.countries`` and
``targets``): where a people lives, the state of a titled person, targets from purpose
clauses and places, authorities of agentless state acts, with sentences written for
these tests."""

from __future__ import annotations

from datetime import datetime

from parley.analyze import analyze_article
from parley.records import Article


def events_of(nlp, text: str):
    return analyze_article(Article(id="t", text=text, published=datetime(2025, 3, 10)), nlp).events


def countries(actors) -> set[str]:
    return {a.country for a in actors if a.country}


def only(events, type_: str):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in events]
    return found[0]


def test_ethnic_people_are_coded_where_they_live(nlp):
    ev = only(events_of(nlp, "Ethnic Hungarians in Romania staged a protest against the government in Bucharest."),
              "PROTEST")
    assert countries(ev.sources) == {"ROU"}
    assert "Hungarians->ROU" in ev.rule


def test_ethnic_group_takes_its_state_named_in_the_sentence(nlp):
    ev = only(events_of(nlp, "Tamil rebels attacked an army camp in the north of Sri Lanka."), "ASSAULT")
    assert countries(ev.sources) == {"LKA"}
    assert [a.actor_id for a in ev.sources] == ["group:tamil"]


def test_titled_person_unknown_to_the_kb_takes_the_only_state_named(nlp):
    ev = only(events_of(nlp, "President Jonas Mbeleko imposed a curfew in Malawi after the riots."), "COERCE")
    assert countries(ev.sources) == {"MWI"} and countries(ev.targets) == {"MWI"}
    assert "place-target" in ev.rule and "the only state named in the sentence" in ev.rule


def test_untitled_person_gets_no_country_from_the_sentence(nlp):
    ev = only(events_of(nlp, "Jonas Mbeleko criticised the Kenyan government on Friday."), "ACCUSE")
    assert countries(ev.sources) == set() and countries(ev.targets) == {"KEN"}


def test_a_people_and_its_government_are_two_sides(nlp):
    ev = only(events_of(nlp, "Bolivian farmers blocked highways to protest against the Bolivian government."),
              "PROTEST")
    assert countries(ev.sources) == {"BOL"} and countries(ev.targets) == {"BOL"}


def test_purpose_clause_gives_the_target(nlp):
    ev = only(events_of(nlp, "Hundreds of activists marched in Lisbon to protest against Spain's water policy."),
              "PROTEST")
    assert countries(ev.targets) == {"ESP"} and "clause-target" in ev.rule
    assert [a.name for a in ev.sources] == ["activists"] and not countries(ev.sources)


def test_a_town_acted_on_is_a_place_target(nlp):
    ev = only(events_of(nlp, "The Peruvian government lifted the state of emergency in the province of Cusco."),
              "CONCEDE")
    assert [(a.name, a.actor_id, a.country) for a in ev.targets] == [("Cusco", None, "PER")]


def test_agentless_arrest_is_done_by_the_state_where_it_happened(nlp):
    ev = only(events_of(nlp, "A Swedish journalist was arrested in Ethiopia on Monday."), "COERCE")
    assert countries(ev.sources) == {"ETH"} and countries(ev.targets) == {"SWE"}
    assert "authorities-of-place" in ev.rule


def test_agentless_attack_keeps_an_unknown_source(nlp):
    evs = events_of(nlp, "Two Malian soldiers were killed by a roadside bomb near Gao on Tuesday.")
    ev = only(evs, "ASSAULT")
    assert ev.sources == [] and countries(ev.targets) == {"MLI"}


def test_anti_prefix_does_not_make_the_named_actor_the_doer(nlp):
    ev = only(events_of(nlp, "Anti-Maduro protesters marched through Caracas on Sunday."), "PROTEST")
    assert "person:nicolas-maduro" not in {a.actor_id for a in ev.sources}


def test_city_name_read_in_the_state_the_sentence_names(nlp):
    ev = only(events_of(nlp, "Syrian troops shelled Tripoli, the Lebanese port city."), "ASSAULT")
    assert countries(ev.targets) == {"LBN"}


def test_former_leaders_in_the_kb(nlp):
    ev = only(events_of(nlp, "Helmut Kohl hosted Margaret Thatcher in Bonn."), "CONSULT")
    assert countries(ev.sources) == {"DEU"} and countries(ev.targets) == {"GBR"}


def test_figurative_fight_and_heart_attack_are_no_assault(nlp):
    assert not [e for e in events_of(nlp, "Farmers in France are fighting to keep their subsidies.")
                if e.type == "ASSAULT"]
    assert not [e for e in events_of(nlp, "The Kremlin said the retired general had a heart attack at his home.")
                if e.type == "ASSAULT"]
