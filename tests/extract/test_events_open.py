"""Events beyond the old gates: agentless and passive acts, deverbal nouns, triggers by
word-vector resemblance, the political-domain filter, stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.analyze import analyze_article
from parley.records import Article

SENTENCES = Path(__file__).parent / "nonpolitical_sentences.txt"


def events(nlp, text: str):
    return analyze_article(Article(id="t", text=text), nlp).events


def test_passive_act_without_named_doer_is_coded(nlp):
    evs = events(nlp, "Three soldiers were abducted by unknown men near Kandahar.")
    assert [e.type for e in evs] == ["COERCE"] and evs[0].trigger == "abducted"


def test_agentless_bombing_is_an_assault(nlp):
    evs = events(nlp, "A suicide bombing in Logar left eight policemen dead.")
    assert [(e.type, e.trigger) for e in evs] == [("ASSAULT", "bombing")]


def test_active_clause_without_doer_is_not_coded(nlp):
    # "to prevent" has no doer of its own: no event from the bare infinitive
    evs = events(nlp, "The plan aims to prevent a renewed offensive against Ukraine.")
    assert not [e for e in evs if e.trigger == "prevent"]


def test_verb_beyond_the_lexicon_by_resemblance(nlp):
    from parley.extract.events.lexicon import load_lexicon

    lex = load_lexicon()
    assert "bombard" not in lex.verbs  # so the entry must come from the vectors
    evs = events(nlp, "Russian forces bombarded Kharkiv on Monday.")
    assert [e.type for e in evs] == ["ASSAULT"]
    ev = evs[0]
    assert ev.sources[0].country == "RUS" and ev.rule.startswith("verbal:verb:bombard/ASSAULT")


def test_resemblance_entry_records_its_neighbour(nlp):
    from parley.extract.events.lexicon import load_lexicon
    from parley.extract.events.similar import SimilarTriggers

    doc = nlp("Russian forces bombarded Kharkiv.")
    entry = SimilarTriggers(load_lexicon()).entry(doc[2])
    assert entry is not None and entry.type == "ASSAULT" and entry.ambiguous
    assert entry.origin.startswith("similar:") and float(entry.origin.rsplit("=", 1)[1]) >= 0.75


def test_topic_neighbours_are_not_events(nlp):
    from parley.extract.events.lexicon import load_lexicon
    from parley.extract.events.similar import SimilarTriggers

    sim = SimilarTriggers(load_lexicon())
    doc = nlp("Sanctions reflect frustration while they navigate divisions.")
    assert sim.entry(doc[1]) is None and sim.entry(doc[5]) is None  # reflect, navigate
    assert sim.entry(doc[6]) is None  # nouns are never coded by resemblance


def test_event_ids_come_from_content(nlp):
    text = "Canada expelled two Chinese diplomats on Monday."
    first = events(nlp, text)[0].id
    longer = events(nlp, text + " Beijing condemned the decision.")
    assert first in {e.id for e in longer} and len({e.id for e in longer}) == len(longer)


def _nonpolitical() -> list[str]:
    return [line for line in SENTENCES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_fixture_has_fifty_sentences_of_each_domain_mix():
    assert len(_nonpolitical()) >= 50


def test_sport_markets_weather_crime_code_no_political_event(nlp):
    from parley.analyze import analyze_articles

    arts = [Article(id=f"np{i}", text=s) for i, s in enumerate(_nonpolitical())]
    coded = [(a.text, [(e.type, e.trigger) for e in r.events]) for a, r in analyze_articles(arts, nlp) if r.events]
    assert coded == []


@pytest.mark.slow
def test_learned_lexicon_matches_its_training_script(shared):
    """The shipped file is what the script learns from GENEVA train (no hand edits)."""
    import spacy
    import yaml

    from parley.data.learn_triggers import OUT, learn
    from parley.extract.events.lexicon import DEFAULT_LEXICON, _load
    from parley.nlp.pipeline import resolve_model

    geneva = shared / "bench" / "geneva"
    base = _load((str(DEFAULT_LEXICON),))
    known = {(h, "verb") for h in base.verbs} | {(h, "noun") for h in base.nouns}
    nlp = spacy.load(resolve_model("md"), exclude=["ner"])
    learned = learn(geneva / "train-partial.jsonl", geneva / "plover-mapping.tsv", nlp, known)
    shipped = yaml.safe_load(OUT.read_text(encoding="utf-8"))["entries"]
    assert [(e["lemma"], e["pos"], e["type"]) for e in learned] == [(e["lemma"], e["pos"], e["type"]) for e in shipped]
    assert all(e["learned"]["as_trigger"] >= 2 for e in shipped)


def test_two_reports_of_one_strike_are_one_event_with_both_sentences(nlp):
    text = ("Russian drones struck the port of Odesa on Monday, Ukrainian officials said.\n"
            "Talks in Geneva continued.\n"
            "Russia's strike on Odesa damaged grain silos.")
    evs = [e for e in events(nlp, text) if e.type == "ASSAULT"]
    assert len(evs) == 1
    ev = evs[0]
    reports = [ev.evidence] + [m.evidence for m in ev.mentions]
    assert any("drones struck" in r for r in reports) and any("strike on Odesa" in r for r in reports)
    assert all(text[m.trigger_start:m.trigger_end] == m.trigger for m in ev.mentions)


def test_two_different_strikes_stay_two(nlp):
    text = ("Russian drones struck Odesa on Monday.\n"
            "In 2019, Russia's strike on Kharkiv killed nine people.")
    evs = [e for e in events(nlp, text) if e.type == "ASSAULT"]
    assert len(evs) == 2
    for e in evs:  # neither holds a report of the other
        assert len({e.sentence_start} | {m.sentence_start for m in e.mentions}) == 1
