"""Learn event triggers from annotated data: ``python -m parley.data.learn_triggers``.

Reads GENEVA's partial train split (FrameNet sentences with every event annotated; its
PLOVER mapping says which event types are PLOVER events) and writes
``parley/data/learned_triggers.yaml``, a lexicon file in the shape of
``plover_lexicon.yaml`` that ``load_lexicon`` adds after the hand-written lexicon.

For every (lemma, part of speech) the script counts how often the word is the trigger of
an event whose type maps to a PLOVER type, and how often it appears without being one
(as a trigger of a non-PLOVER type, or as no trigger at all). A word becomes an entry when
it was a PLOVER trigger at least ``MIN_COUNT`` times and in at least ``MIN_RATIO`` of its
occurrences; the counts are kept in the entry so ``parley explain`` can show them. Words
the hand-written lexicon already has are left to it. Only strong mapping rows teach
(a weak row's instances are only sometimes PLOVER events); entries below ``SURE_RATIO``
are marked ``ambiguous`` (kept only with political actors); agent nouns
("terrorist") are the doer, not the act, and are left out. The validation split
(``val.jsonl``) reports how the learned entries do on sentences they were not learned
from; the test split is never read.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / "learned_triggers.yaml"
MIN_COUNT = 2
MIN_RATIO = 0.5
SURE_RATIO = 0.8
# agent nouns name the doer, not the act ("terrorist", "murderer", "supplier")
AGENT_SUFFIXES = ("ist", "er", "or", "ant", "ary")
POS_MAP = {"VERB": "verb", "NOUN": "noun", "PROPN": "noun"}


def load_mapping(path: Path) -> dict[str, tuple[str, bool]]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[row["type_prefix"].strip().lower()] = (row["plover"].strip(), row["confidence"].strip() == "strong")
    return out


def mapped(etype: str, mapping: dict[str, tuple[str, bool]]) -> tuple[str, bool] | None:
    t = etype.lower()
    for prefix, value in mapping.items():
        if t.startswith(prefix):
            return value
    return None


def count(path: Path, nlp, mapping) -> tuple[Counter, dict, Counter]:
    """(lemma, pos) -> occurrences; (lemma, pos) -> Counter of (type, strong); all
    occurrences as triggers of any type."""
    occurrences: Counter = Counter()
    as_trigger: dict[tuple[str, str], Counter] = defaultdict(Counter)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = nlp.pipe((_doc(nlp, r["tokens"]) for r in records), batch_size=64)
    for rec, doc in zip(records, docs, strict=True):
        for tok in doc:
            pos = POS_MAP.get(tok.pos_)
            if pos:
                occurrences[(tok.lemma_.lower(), pos)] += 1
        for em in rec["event_mentions"]:
            trig = em["trigger"]
            if trig["end"] - trig["start"] != 1:
                continue  # multi-word triggers are left to the hand-written lexicon
            tok = doc[trig["start"]]
            pos = POS_MAP.get(tok.pos_)
            if not pos:
                continue
            m = mapped(em["event_type"], mapping)
            as_trigger[(tok.lemma_.lower(), pos)][m if m else ("", False)] += 1
    return occurrences, as_trigger, Counter()


def _doc(nlp, tokens: list[str]):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=tokens)


def learn(train: Path, mapping_path: Path, nlp, known: set[tuple[str, str]]) -> list[dict]:
    mapping = load_mapping(mapping_path)
    occurrences, as_trigger, _ = count(train, nlp, mapping)
    entries = []
    for (lemma, pos), types in sorted(as_trigger.items()):
        plover: Counter[str] = Counter()
        strong: Counter[str] = Counter()
        for (ptype, is_strong), n in types.items():
            if ptype:
                plover[ptype] += n
                if is_strong:
                    strong[ptype] += n
        if not plover or not lemma.isalpha() or len(lemma) < 3:
            continue
        ptype, n = plover.most_common(1)[0]
        total = occurrences[(lemma, pos)]
        ratio = n / total if total else 0.0
        if n < MIN_COUNT or ratio < MIN_RATIO or (lemma, pos) in known:
            continue
        if strong[ptype] < n / 2:
            continue  # weak rows: only some of their instances are PLOVER events
        if pos == "noun" and lemma.endswith(AGENT_SUFFIXES):
            continue  # "terrorist", "supplier": the doer, not the deed
        entries.append({
            "lemma": lemma, "pos": pos, "type": ptype,
            "ambiguous": bool(ratio < SURE_RATIO),
            "learned": {"data": "geneva/train-partial", "as_trigger": n, "occurrences": total},
        })
    return entries


def validate(val: Path, mapping_path: Path, nlp, entries: list[dict]) -> dict[str, float]:
    """Precision and recall of the learned words alone as PLOVER triggers on val."""
    mapping = load_mapping(mapping_path)
    table = {(e["lemma"], e["pos"]): e["type"] for e in entries}
    tp = fp = fn = 0
    records = [json.loads(line) for line in val.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rec, doc in zip(records, nlp.pipe((_doc(nlp, r["tokens"]) for r in records), batch_size=64), strict=True):
        gold = {}
        for em in rec["event_mentions"]:
            m = mapped(em["event_type"], mapping)
            if m and em["trigger"]["end"] - em["trigger"]["start"] == 1:
                gold[em["trigger"]["start"]] = m[0]
        for tok in doc:
            pred = table.get((tok.lemma_.lower(), POS_MAP.get(tok.pos_, "")))
            g = gold.get(tok.i)
            if pred and pred == g:
                tp += 1
            elif pred:
                fp += 1
            if g and pred != g and (tok.lemma_.lower(), POS_MAP.get(tok.pos_, "")) in table:
                fn += 1
    return {"precision": round(tp / (tp + fp), 3) if tp + fp else 0.0, "tp": tp, "fp": fp}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geneva", type=Path, default=HERE.parents[1].parent / "shared" / "bench" / "geneva")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--model", default="md")
    args = ap.parse_args(argv)
    import spacy

    from parley.extract.events.lexicon import DEFAULT_LEXICON, _load
    from parley.nlp.pipeline import resolve_model

    nlp = spacy.load(resolve_model(args.model), exclude=["ner"])
    base = _load((str(DEFAULT_LEXICON),))
    known = {(h, "verb") for h in base.verbs} | {(h, "noun") for h in base.nouns}
    mapping = args.geneva / "plover-mapping.tsv"
    entries = learn(args.geneva / "train-partial.jsonl", mapping, nlp, known)
    report = validate(args.geneva / "val.jsonl", mapping, nlp, entries)
    header = (
        "# Triggers learned from GENEVA's partial train split by parley/data/learn_triggers.py.\n"
        "# Generated: do not edit by hand; rerun the script. Each entry keeps its counts:\n"
        "# as_trigger = times the word triggered an event of this PLOVER type, occurrences =\n"
        f"# times the word appeared at all. Thresholds: count >= {MIN_COUNT}, ratio >= {MIN_RATIO};\n"
        f"# strong mapping rows only; ambiguous below {SURE_RATIO}.\n"
        f"# Validation (GENEVA val, learned words alone): {json.dumps(report)}\n"
    )
    body = {"version": "geneva-partial-1", "entries": [{k: v for k, v in e.items() if k != "learned"}
                                                      | {"learned": e["learned"]} for e in entries]}
    args.out.write_text(header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"{len(entries)} entries -> {args.out}; validation {report}")


if __name__ == "__main__":
    main()
