"""The actors scorer on a gold annotation written for this test (real pipeline)."""

from __future__ import annotations

from parley.analyze import analyze_article
from parley.eval.gold_actors import score
from parley.eval.report import EvalReport
from parley.records import Article

TEXT = ("Estonian Defence Minister Hanno Pevkur met Polish officials in Warsaw. "
        "Tallinn and Warsaw later signed the accord, and NATO welcomed it.")

GOLD = {
    "actors": [
        {"name": "Hanno Pevkur", "type": "person", "country": "EST", "aliases": ["Pevkur"]},
        {"name": "Estonia", "type": "state", "country": "EST", "aliases": ["Estonian", "Tallinn"]},
        {"name": "Poland", "type": "state", "country": "POL", "aliases": ["Polish", "Warsaw"]},
        {"name": "Lithuania", "type": "state", "country": "LTU", "aliases": ["Vilnius"]},
    ],
    "mentions": [
        {"text": "Tallinn and Warsaw later signed", "actor": "Estonia"},
        {"text": "Tallinn and Warsaw later signed", "actor": "Poland"},
        {"text": "officials in Warsaw", "actor": "Poland"},
        {"text": "a sentence that is not in the article", "actor": "Poland"},
    ],
}


def test_actor_and_hard_mention_scores_with_their_errors(nlp):
    article = Article(id="g1", text=TEXT)
    report = EvalReport(dataset="test")
    score(GOLD, analyze_article(article, nlp), article, report)
    actors = report.layers["actors"]
    # Pevkur, Estonia and Poland found; Lithuania missed; NATO is not in this gold
    assert (actors["tp"], actors["fn"], actors["fp"]) == (3, 1, 1)
    kinds = {(e["layer"], e["kind"]) for e in report.errors}
    assert ("actors", "fn") in kinds and ("actors", "fp") in kinds
    fp = next(e for e in report.errors if e["layer"] == "actors" and e["kind"] == "fp")
    assert fp["predicted"]["id"] == "org:nato" and "NATO" in fp["sentence"]
    # the metonyms resolve; "in Warsaw" is a place, so that hard case is missed,
    # and so is the one whose text the article does not hold
    mentions = report.layers["mentions"]
    assert (mentions["resolved"], mentions["total"], mentions["recall"]) == (2, 4, 0.5)
    missing = [e for e in report.errors if e["layer"] == "mentions"]
    assert any(e.get("note") == "gold text not found in the article" for e in missing)
    assert any(e["sentence"].startswith("Estonian Defence Minister") for e in missing)
