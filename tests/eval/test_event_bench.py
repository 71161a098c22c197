"""RAMS and WikiEvents readers and the shared event scorer."""

from __future__ import annotations

from parley.eval.event_bench import (
    BenchDoc, GoldArg, GoldEvent, detokenize, load_mapping, map_type, rams_reader, score_doc, system_events,
    wikievents_reader, _Tally,
)
from parley.eval.report import EvalReport


def test_detokenize_reads_naturally_and_maps_tokens():
    tokens = ["Russia", "'s", "army", "(", "the", "RF", ")", "attacked", ",", "he", "said", "."]
    text, spans = detokenize(tokens)
    assert text == "Russia's army (the RF) attacked, he said."
    assert [text[a:b] for a, b in spans] == tokens


def test_rams_reader_aligns_every_trigger_and_argument(shared):
    docs, mapping = rams_reader(shared / "bench" / "rams-dev")
    assert len(docs) == 924 and all(len(d.events) == 1 for d in docs)
    strong = [d for d in docs if d.events[0].mapping and d.events[0].mapping.strong]
    assert len(strong) == 363
    for d in docs[:200]:
        for ev in d.events:
            assert d.text[ev.start:ev.end] == ev.text and ev.text.strip()
            assert all(d.text[a.start:a.end] == a.text for a in ev.args)


def test_wikievents_reader_keeps_sentence_offsets(shared):
    import json

    docs, _ = wikievents_reader(shared / "bench" / "wikievents-dev")
    raw = [json.loads(line) for line in (shared / "bench" / "wikievents-dev" / "dev.jsonl").open()]
    assert len(docs) == 20
    for d, r in zip(docs, raw, strict=True):
        assert [e.text for e in d.events] == [em["trigger"]["text"] for em in r["event_mentions"]]
    assert sum(1 for d in docs for e in d.events if e.mapping and e.mapping.strong) == 158


def test_mapping_first_matching_prefix_wins(shared):
    rows = load_mapping(shared / "bench" / "rams-dev" / "plover-mapping.tsv")
    assert map_type("conflict.attack.stealrobhijack", rows).strong is False
    assert map_type("conflict.attack.airstrikemissilestrike", rows).plover == "ASSAULT"
    assert map_type("contact.negotiate.n/a", rows).symmetric == ("participant",)


def test_scorer_counts_typed_match_roles_and_false_positive(nlp):
    text = "Russian forces shelled Kharkiv on Monday.\nThe minister met reporters in the garden."
    doc = nlp(text)
    rows = [r for r in load_mapping_rows()]
    gold = GoldEvent(type="conflict.attack.n/a", start=15, end=22, text="shelled",
                     args=[GoldArg("attacker", 0, 14, "Russian forces"), GoldArg("target", 23, 30, "Kharkiv")],
                     mapping=rows[0])
    bench = BenchDoc(id="d", text=text, events=[gold])
    tallies = {"strong": _Tally(), "all": _Tally()}
    score_doc(bench, system_events(doc), tallies, True, EvalReport("t"), text)
    t = tallies["strong"]
    assert t.ev[0] == 1 and t.ev[2] == 0 and t.type_ok == 1
    assert t.roles["source"][0] == 1 and t.roles["target"][0] == 1


def load_mapping_rows():
    from parley.eval.event_bench import MappingRow

    return [MappingRow("conflict.attack.", "ASSAULT", ("attacker",), ("target",), (), True)]
