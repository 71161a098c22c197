"""Stances: actor x issue x position, on the real pipeline, with sentences written for
these tests."""

from __future__ import annotations

from datetime import datetime

from parley.analyze import analyze_article
from parley.extract.issues import issue_key_for_text, load_issues
from parley.records import Article


def stances_of(nlp, text: str):
    return analyze_article(Article(id="s", text=text, published=datetime(2025, 6, 2)), nlp).stances


def find(stances, actor: str, issue: str):
    hits = [s for s in stances if s.actor_name == actor and s.issue == issue]
    assert hits, f"no {actor}/{issue} stance in {[(s.actor_name, s.issue, s.position) for s in stances]}"
    return hits[0]


def test_rejecting_a_plan_opposes_it(nlp):
    s = find(stances_of(nlp, "Iran rejected the European peace proposal on Monday."), "Iran", "peace_plan")
    assert s.position == "opposes"
    assert s.issue_text == "peace proposal" and s.rule.startswith("issue-phrase+predicate:reject")
    assert s.evidence.startswith("Iran rejected") and s.id == "s:st1"


def test_demanding_a_ceasefire(nlp):
    s = find(stances_of(nlp, "Egypt demanded an immediate ceasefire in Gaza."), "Egypt", "ceasefire")
    assert s.position == "demands"


def test_the_opposite_of_an_issue_flips_the_position(nlp):
    # insisting on territorial integrity is opposing territorial concessions
    s = find(stances_of(nlp, "Georgia insisted that any deal must respect its territorial integrity."),
             "Georgia", "territorial_concessions")
    assert s.position == "opposes"


def test_negated_support_is_opposition(nlp):
    s = find(stances_of(nlp, "Hungary does not support NATO membership for Ukraine."), "Hungary", "nato_membership")
    assert s.position == "opposes"


def test_possessive_stance_noun(nlp):
    s = find(stances_of(nlp, "Finland's support for sanctions relief surprised its neighbours."),
             "Finland", "sanctions_relief")
    assert s.position == "supports"


def test_a_plan_speaks_for_its_owner(nlp):
    s = find(stances_of(nlp, "A Turkish proposal would require both sides to exchange prisoners of war."),
             "Turkey", "prisoner_exchange")
    assert s.position in ("demands", "supports")


def test_sentences_without_issue_or_actor_give_no_stance(nlp):
    assert stances_of(nlp, "The weather in Geneva was cold during the week.") == []
    assert stances_of(nlp, "Many people support a ceasefire.") == []


def test_gold_issue_text_maps_to_taxonomy_keys():
    assert issue_key_for_text("territorial concessions by Ukraine") == "territorial_concessions"
    assert issue_key_for_text("security guarantees for Ukraine") == "security_guarantees"
    assert issue_key_for_text("European peacekeeping force in Ukraine") == "peacekeeping_force"
    assert issue_key_for_text("US peace plan") == "peace_plan"
    assert issue_key_for_text("the weather") is None
    version, issues = load_issues()
    assert version and {"ceasefire", "elections", "frozen_assets", "reconstruction"} <= {i.key for i in issues}
