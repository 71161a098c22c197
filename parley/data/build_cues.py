"""Learn the attribution cue lexicon from the PolNeAR train split.

    python -m parley.data.build_cues ../shared/bench/polnear-train   # rewrites quote_cues.json

For every verb lemma: how often it occurs in the training texts (``seen``), how often
annotators marked it as the cue of an attribution (``cue``, each text's annotations
weighing 1 in total however many annotators it had), and where the content stood in
the parse relative to the cue (``frames``: ``clause`` for a complement clause or a
quote, ``object``, ``xcomp`` for an infinitive, ``prep:<word>`` for a prepositional
object, ``parataxis`` for an inserted "she said", ``other``), and how often its
occurrences offered each of those frames (``open``: it had a complement clause, an
object, an infinitive, that preposition), marked or not. ``parley.extract.quotes.
lexicon`` merges the frequent, reliable cues into its frame lists and drops listed
verbs that annotators almost never mark. Only the train split is read: dev is for
tuning the thresholds, and the test split is never used.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).with_name("quote_cues.json")
FORMAT = "parley-cues/1"


def _frame(verb, content_root) -> str:
    if content_root.head.i == verb.i and content_root.i != verb.i:
        dep = content_root.dep_
        if dep in ("ccomp", "csubj"):
            return "clause"
        if dep in ("dobj", "nsubjpass", "oprd", "attr"):
            return "object"
        if dep == "xcomp":
            return "xcomp"
        return "other"
    if content_root.dep_ in ("pobj", "pcomp") and content_root.head.head.i == verb.i \
            and content_root.head.dep_ in ("prep", "agent"):
        return f"prep:{content_root.head.lower_}"
    if verb.head.i == content_root.i or verb.dep_ == "parataxis":
        return "parataxis"
    return "other"


def _open_frames(verb) -> set[str]:
    """The frames a verb occurrence offers (a complement clause, an object, a "to"
    infinitive, a prepositional object), whether or not annotators marked it."""
    out = set()
    for c in verb.children:
        if c.dep_ == "ccomp":
            out.add("clause")
        elif c.dep_ == "dobj":
            out.add("object")
        elif c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children):
            out.add("xcomp")
        elif c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            out.add(f"prep:{c.lower_}")
    return out


def learn(directory: Path, model: str = "md") -> dict:
    from parley.data.polnear import read_polnear
    from parley.nlp.pipeline import resolve_model
    import spacy

    nlp = spacy.load(resolve_model(model))
    texts = read_polnear(directory)
    seen: dict[str, int] = defaultdict(int)
    cue: dict[str, float] = defaultdict(float)
    frames: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    digest = hashlib.sha256()
    n_att = 0
    open_frames: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item, doc in zip(texts, nlp.pipe((t.text for t in texts), batch_size=16), strict=True):
        digest.update(item.name.encode() + b"\0" + item.text.encode())
        for tok in doc:
            if tok.pos_ == "VERB":
                seen[tok.lemma_.lower()] += 1
                for frame in _open_frames(tok):
                    open_frames[tok.lemma_.lower()][frame] += 1
        k = len(item.annotations) or 1
        for gold in item.annotations.values():
            for att in gold:
                n_att += 1
                cue_toks = [t for s, e in att.cue if (sp := doc.char_span(s, e, alignment_mode="expand"))
                            for t in sp]
                verbs = [t for t in cue_toks if t.pos_ == "VERB"]
                if not verbs:
                    continue
                verb = next((v for v in verbs if v.head not in verbs or v.head is v), verbs[0])
                s, e = att.content[0]
                span = doc.char_span(s, att.content[-1][1], alignment_mode="expand")
                if span is None or not len(span):
                    continue
                lemma = verb.lemma_.lower()
                cue[lemma] += 1.0 / k
                frames[lemma][_frame(verb, span.root)] += 1.0 / k
    verbs_out = {
        lemma: {"cue": round(cue[lemma], 2), "seen": seen.get(lemma, 0),
                "frames": {f: round(v, 2) for f, v in sorted(frames[lemma].items(), key=lambda kv: -kv[1])},
                "open": {f: n for f, n in sorted(open_frames[lemma].items()) if f in frames[lemma]}}
        for lemma in sorted(cue) if cue[lemma] >= 0.5
    }
    # listed verbs never marked still need their counts, to be dropped when frequent
    for lemma, n in seen.items():
        if lemma not in verbs_out and n >= 10:
            verbs_out[lemma] = {"cue": 0, "seen": n, "frames": {}}
    return {
        "format": FORMAT,
        "source": {"corpus": "PolNeAR v1.0.0 (networkdynamics)", "split": "train", "texts": len(texts),
                   "annotations": n_att, "sha256": digest.hexdigest(), "model": model},
        "verbs": dict(sorted(verbs_out.items())),
    }


def main(argv: list[str]) -> None:
    directory = Path(argv[0] if argv else "../shared/bench/polnear-train")
    data = learn(directory)
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['verbs'])} verbs from {data['source']['texts']} texts)")


if __name__ == "__main__":
    main(sys.argv[1:])
