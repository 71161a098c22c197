"""Coreference metrics (scorch) on a clustering worked out by hand, and the ECB+ reader."""

from __future__ import annotations

import pytest

from parley.eval.coref import coref_scores
from parley.eval.ecbplus import read_corpus

KEY = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}
RESPONSE = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y"}


def test_scores_match_hand_computation():
    s = coref_scores(KEY, RESPONSE)
    # MUC: recall (1 + 1) / (2 + 1), precision (1 + 1) / (1 + 2)
    assert s["muc"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    # B3: per-mention overlaps 2/3, 2/3, 1/3, 1, 1 (recall) and 1, 1, 1/3, 2/3, 2/3 (precision)
    assert s["b3"]["recall"] == pytest.approx(11 / 15, abs=1e-4)
    assert s["b3"]["precision"] == pytest.approx(11 / 15, abs=1e-4)
    # CEAF-e: best alignment a-x (0.8) + b-y (0.8) over 2 clusters each side
    assert s["ceafe"] == {"precision": 0.8, "recall": 0.8, "f1": 0.8}
    assert s["conll_f1"] == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3, abs=1e-3)


def test_perfect_and_mismatched_mentions():
    assert coref_scores(KEY, KEY)["conll_f1"] == 1.0
    with pytest.raises(ValueError):
        coref_scores(KEY, {1: "x"})


def test_ecbplus_reader_keeps_validated_sentences_and_chains(shared):
    docs = read_corpus(shared / "bench" / "ecbplus-dev", topics={"12"})
    assert len(docs) == 30
    mentions = [m for d in docs for m in d.mentions]
    assert all(d.text[m.start:m.end] == m.text for d in docs for m in d.mentions)
    first = docs[0]
    assert first.name == "12_10ecb" and [m.text for m in first.mentions] == ["captured"]
    chains = {}
    for m in mentions:
        chains.setdefault(m.chain, set()).add(m.doc)
    assert max(len(v) for v in chains.values()) > 5  # cross-document chains span many documents


def test_one_gold_mention_per_system_event():
    from parley.eval.ecbplus import EcbDoc, GoldMention, SystemEvent, align

    text = "The navy thwarted another attack . The attack failed ."
    ms = [GoldMention("d", "1", 9, 17, "thwarted", "A", 1), GoldMention("d", "2", 26, 32, "attack", "B", 1),
          GoldMention("d", "3", 39, 45, "attack", "B", 1)]
    lemma = {("d", "1"): "thwart", ("d", "2"): "attack", ("d", "3"): "attack"}
    phrase = SystemEvent("e1", "d", 9, 32, "i1", head_lemma="attack")  # one trigger over two gold mentions
    again = SystemEvent("e2", "d", 9, 17, "i2")  # a second event on a mention already taken
    aligned = align([again, phrase, SystemEvent("e3", "d", 39, 45, "i3")], [EcbDoc("d", "x", text, ms)], lemma)
    assert {k: e.id for k, e in aligned.items()} == {("d", "2"): "e1", ("d", "1"): "e2", ("d", "3"): "e3"}
