"""Why an event was coded, as structured fields (``Event.basis``): the real pipeline on
sentences that exercise each part, the store round trip, and ``explain`` over the API,
the CLI and the web page."""

from __future__ import annotations

import json
import warnings
from datetime import datetime

import pytest
from typer.testing import CliRunner

from parley.analyze import analyze_article
from parley.cli import app
from parley.extract.events import intent_type
from parley.records import (
    ArgRole, ArgRule, Article, CueKind, EntrySource, EventBasis, MergedTrigger, SubjectLink, TriggerKind,
    content_hash,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _article(text: str, aid: str = "b1") -> Article:
    return Article(id=aid, text=text, published=datetime(2025, 12, 8), content_hash=content_hash(text),
                   origin="test", origin_kind="text")


def _events(nlp, text: str):
    return analyze_article(_article(text), nlp).events


def _one(nlp, text: str, etype: str):
    found = [e for e in _events(nlp, text) if e.type == etype]
    assert len(found) == 1, [(e.type, e.rule) for e in _events(nlp, text)]
    assert found[0].basis is not None
    return found[0]


def _rules(ev) -> list[tuple[ArgRule, ArgRole]]:
    return [(a.rule, a.role) for a in ev.basis.argument_rules]


def test_negation_cue_names_its_word_and_verb(nlp):
    ev = _one(nlp, "Russia did not attack Ukraine on Monday.", "ASSAULT")
    b = ev.basis
    assert ev.status == "negated" and b.trigger_kind is TriggerKind.VERBAL
    assert b.lexicon_key == "verb:attack/ASSAULT" and b.lexicon_lemma == "attack" and b.lexicon_pos == "verb"
    assert b.entry_source is EntrySource.LEXICON and b.entry_origin == "plover_lexicon.yaml"
    assert [(c.status, c.kind, c.word, c.head) for c in b.status_cues] == [("negated", CueKind.NEGATION, "not",
                                                                              "attack")]
    assert _rules(ev) == [(ArgRule.SUBJECT, ArgRole.SOURCE), (ArgRule.OBJECT, ArgRole.TARGET)]
    assert [s.name for s in ev.sources] == ["Russia"] and [t.name for t in ev.targets] == ["Ukraine"]
    assert ev.rule.startswith("verbal:verb:attack/ASSAULT[subj,object]; status=negated<-'not' on 'attack'")
    assert ev.claimant is None


def test_unless_clause_is_a_conditional_cue_and_makes_a_threat(nlp):
    ev = _one(nlp, "Iran will close the Strait of Hormuz unless the United States lifts its sanctions.", "CONCEDE")
    b = ev.basis
    assert ev.status == "hypothetical" and b.trigger_kind is TriggerKind.REVERSAL
    assert b.lexicon_key == "noun:sanction/SANCTION" and b.lexicon_type == "SANCTION"
    assert b.status_cues[0].kind is CueKind.CONDITIONAL_UNLESS and b.status_cues[0].word == "unless"
    assert b.has_cue(CueKind.CONDITIONAL_UNLESS) and not b.has_cue(CueKind.CONDITIONAL_IF)
    assert intent_type(ev) == "THREATEN"


def test_if_clause_with_reported_would_is_a_conditional_offer(nlp):
    ev = _one(nlp, "The United States said it would lift sanctions on Syria if the new government protected "
                   "minorities.", "CONCEDE")
    kinds = [(c.status, c.kind) for c in ev.basis.status_cues]
    assert ev.status == "hypothetical"
    assert kinds[0] == ("hypothetical", CueKind.CONDITIONAL_IF)
    assert ("planned", CueKind.REPORTED_WOULD) in kinds and ("claimed", CueKind.SELF_REPORT) in kinds
    would = next(c for c in ev.basis.status_cues if c.kind is CueKind.REPORTED_WOULD)
    assert (would.word, would.head) == ("would", "lift")
    assert (ArgRule.PREP, ArgRole.TARGET) in _rules(ev) and ev.basis.argument_rules[-1].word == "on"
    assert intent_type(ev) == "AGREE"
    assert ev.claimant is None  # hypothetical, not claimed


def test_nominal_trigger_with_possessive_and_of(nlp):
    ev = _one(nlp, "Russia's invasion of Ukraine began in February 2022.", "ASSAULT")
    b = ev.basis
    assert b.trigger_kind is TriggerKind.NOMINAL and b.lexicon_key == "noun:invasion/ASSAULT"
    assert _rules(ev) == [(ArgRule.POSSESSIVE, ArgRole.SOURCE), (ArgRule.PREP, ArgRole.TARGET)]
    assert b.argument_rules[1].word == "of" and b.status_cues == [] and ev.status == "occurred"
    assert ev.rule.startswith("nominal:noun:invasion/ASSAULT[poss,of]")


def test_passive_by_agent_is_the_source(nlp):
    ev = _one(nlp, "The convoy was attacked by Taliban fighters near Kandahar.", "ASSAULT")
    assert _rules(ev) == [(ArgRule.BY_AGENT, ArgRole.SOURCE)]
    assert ev.basis.argument_rules[0].via == ()
    assert [s.name for s in ev.sources] == ["Taliban"]


def test_control_subject_records_the_link_climbed(nlp):
    ev = _one(nlp, "Hamas claimed to have fired rockets at Tel Aviv.", "ASSAULT")
    subj = ev.basis.argument_rules[0]
    assert subj.rule is ArgRule.SUBJECT and subj.via == (SubjectLink.CONTROL,) and subj.describe() == "subj:control"
    assert ev.status == "claimed" and ev.basis.status_cues[0].kind is CueKind.CLAIM_VERB
    assert ev.claimant is not None and ev.claimant.name == "Hamas"


def test_merged_mentions_are_listed_with_their_offsets(nlp):
    text = "Russian forces shelled Kharkiv on Monday. The shelling of Kharkiv by Russian forces destroyed a school."
    ev = _one(nlp, text, "ASSAULT")
    start = text.index("shelling")
    assert ev.basis.merged_triggers == [MergedTrigger(trigger="shelling", start=start)]
    assert [m.trigger_start for m in ev.mentions] == [start]
    assert ev.rule.endswith(f"merged<-'shelling'@{start}")


def test_claim_records_the_claimant(nlp):
    ev = _one(nlp, "The Taliban said they shot down a US helicopter in Helmand province.", "ASSAULT")
    cue = ev.basis.status_cues[0]
    assert ev.status == "claimed" and cue.kind is CueKind.SELF_REPORT and (cue.word, cue.head) == ("said", "Taliban")
    assert ev.claimant is not None and ev.claimant.actor_id == "group:taliban" and ev.claimant.name == "Taliban"
    assert ev.claimant.mention_start == 4


def test_claim_that_records_the_claimant(nlp):
    ev = _one(nlp, "The Taliban claimed that they shot down a US military helicopter.", "ASSAULT")
    assert ev.basis.status_cues[0].kind is CueKind.CLAIM_THAT
    assert ev.claimant is not None and ev.claimant.name == "Taliban"


def test_basis_json_round_trip(nlp):
    from dataclasses import asdict

    for ev in _events(nlp, "The Taliban said they shot down a US helicopter in Helmand province. "
                           "Russian forces shelled Kharkiv on Monday. The shelling of Kharkiv destroyed a school."):
        again = EventBasis.from_dict(json.loads(json.dumps(asdict(ev.basis))))
        assert again == ev.basis and again.describe(ev.type, ev.date_rule) == ev.rule


# -- the store and explain --------------------------------------------------------------
TEXT = ("The Taliban said they shot down a US helicopter in Helmand province on Monday. "
        "Russia did not attack Ukraine on Monday.")


@pytest.fixture(scope="module")
def basis_db(nlp, tmp_path_factory):
    """A real store holding one analysed article: (path, event id by type, the analysis)."""
    from parley.store import Store

    path = str(tmp_path_factory.mktemp("basis") / "basis.duckdb")
    art = _article(TEXT, "basis-1")
    analysis = analyze_article(art, nlp)
    with Store(path) as s:
        s.write_batch("b1", [art], [])
        s.save_analysis(analysis)
    return path, {e.type: e.id for e in analysis.events}, analysis


def test_store_keeps_basis_and_claimant(basis_db):
    from parley.store import Store

    path, ids, analysis = basis_db
    assert len(analysis.events) == 2
    with Store(path, read_only=True) as s:
        rows = {r["id"]: r for r in s.query("SELECT id, basis, claimant, rule FROM events")}
    for ev in analysis.events:
        row = rows[ev.id]
        assert EventBasis.from_dict(json.loads(row["basis"])) == ev.basis and row["rule"] == ev.rule
    claimed = next(e for e in analysis.events if e.status == "claimed")
    assert json.loads(rows[claimed.id]["claimant"])["actor_id"] == "group:taliban"
    negated = next(e for e in analysis.events if e.status == "negated")
    assert rows[negated.id]["claimant"] is None and set(ids) == {"ASSAULT"}


def test_explain_api_returns_the_structured_basis(basis_db):
    from parley.api import create_app

    path, _, analysis = basis_db
    client = TestClient(create_app(path))
    claimed = next(e for e in analysis.events if e.status == "claimed")
    body = client.get(f"/api/events/{claimed.id}/explain").json()
    info = body["rows"][0]
    assert info["claimant"]["name"] == "Taliban"
    b = info["basis"]
    assert b["trigger_kind"] == "verbal" and b["lexicon_key"] == claimed.basis.lexicon_key
    assert b["status_cues"][0] == {"status": "claimed", "kind": "self-report", "word": "said", "head": "Taliban",
                                   "text": "self-report 'Taliban said'"}
    assert [a["rule"] for a in b["argument_rules"]][:1] == ["subj"]
    assert info["lexicon_entry"]["lemma"] == claimed.basis.lexicon_lemma
    page = client.get(f"/events/{claimed.id}")
    assert page.status_code == 200 and "claimed by" in page.text and "self-report" in page.text
    assert "Taliban" in page.text
    listed = client.get("/api/events.json").json()["rows"]
    assert all(isinstance(r["basis"], dict) for r in listed)


def test_explain_cli_json_has_the_basis(basis_db):
    path, _, analysis = basis_db
    negated = next(e for e in analysis.events if e.status == "negated")
    res = CliRunner().invoke(app, ["explain", negated.id, "--db", path, "--json"])
    assert res.exit_code == 0, res.output
    info = json.loads(res.output)["rows"][0]
    assert info["basis"]["status_cues"][0]["kind"] == "negation" and info["basis"]["status_cues"][0]["head"] == "attack"
    assert info["status_cues"] == ["negated: 'not' on 'attack'"] and info["claimant"] is None
    plain = CliRunner().invoke(app, ["explain", negated.id, "--db", path])
    assert plain.exit_code == 0 and "basis" in plain.output and "negation" in plain.output
