"""Attribution errors on PolNeAR counted by kind, to see which mechanism to fix next.

    python -m parley.eval.polnear_errors ../shared/bench/polnear-dev [EVERY]

Pairs predictions with annotations as ``parley.eval.polnear`` does (largest content
overlap first) and counts, each annotation weighing 1/k for a text with k annotators:
- ``boundary``: matched contents that differ, by side (start early/late, end
  early/late) and the rule that found the prediction;
- ``missed``: annotations with no prediction, by their cue words;
- ``spurious``: predictions with no annotation, by cue words and rule;
- ``source``: matched pairs whose source is wrong (none predicted, one predicted where
  there is none, a pronoun, another noun phrase).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from enum import Enum
from typing import Iterable

from parley.eval.polnear import PredictedAttribution, _chars, _overlap
from parley.data.polnear import AnnotatedText, GoldAttribution

_PRONOUNS = frozenset("he she they it we i you".split())


class SourceError(str, Enum):
    NONE = "none_predicted"
    SPURIOUS = "none_annotated"
    PRONOUN = "pronoun_predicted"
    OTHER = "other_phrase"


def _pairs(gold: list[GoldAttribution], pred: list[PredictedAttribution]) -> list[tuple[int, int]]:
    ranked = sorted(((_overlap(g.content, p.content), gi, pi) for gi, g in enumerate(gold)
                     for pi, p in enumerate(pred) if _overlap(g.content, p.content)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in ranked:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _boundary(text: str, g: GoldAttribution, p: PredictedAttribution) -> list[str]:
    gc, pc = _chars(text, g.content), _chars(text, p.content)
    if gc == pc or not gc or not pc:
        return []
    sides = []
    if min(pc) != min(gc):
        sides.append("start_early" if min(pc) < min(gc) else "start_late")
    if max(pc) != max(gc):
        sides.append("end_late" if max(pc) > max(gc) else "end_early")
    return sides or ["inside"]


def _source_error(text: str, g: GoldAttribution, p: PredictedAttribution) -> SourceError | None:
    if (not g.source and p.source is None) or (p.source is not None and _overlap(g.source, [p.source])):
        return None
    if p.source is None:
        return SourceError.NONE
    if not g.source:
        return SourceError.SPURIOUS
    if text[p.source[0]:p.source[1]].lower() in _PRONOUNS:
        return SourceError.PRONOUN
    return SourceError.OTHER


Counts = dict[str, float]


def error_kinds(items: Iterable[tuple[AnnotatedText, list[PredictedAttribution]]]) -> dict[str, Counts]:
    """Weighted error counts by kind (see the module doc)."""
    out: dict[str, Counts] = {k: defaultdict(float) for k in ("boundary", "missed", "spurious", "source")}
    for item, pred in items:
        text, k = item.text, len(item.annotations) or 1
        for gold in item.annotations.values():
            pairs = _pairs(gold, pred)
            for gi, pi in pairs:
                for side in _boundary(text, gold[gi], pred[pi]):
                    out["boundary"][f"{side} {pred[pi].rule}"] += 1 / k
                err = _source_error(text, gold[gi], pred[pi])
                if err is not None:
                    out["source"][err.value] += 1 / k
            matched_g, matched_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    out["missed"][" ".join(text[s:e] for s, e in g.cue).lower()] += 1 / k
            for pi, p in enumerate(pred):
                if pi not in matched_p:
                    out["spurious"][f"{text[p.cue[0]:p.cue[1]].lower()} {p.rule}"] += 1 / k
    return out


def main(argv: list[str]) -> None:
    from parley.analyze import analyze_article
    from parley.eval.polnear import predictions_from_quotes
    from parley.data.polnear import read_polnear
    from parley.nlp import load_nlp
    from parley.records import Article

    every = int(argv[1]) if len(argv) > 1 else 1
    nlp = load_nlp("md", layers=("actors", "times", "quotes"))
    items = []
    for item in read_polnear(argv[0])[::every]:
        analysis = analyze_article(Article(id=item.name, text=item.text), nlp)
        items.append((item, predictions_from_quotes(analysis.quotes)))
    for kind, counts in error_kinds(items).items():
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:25]
        print(f"{kind} ({sum(counts.values()):.0f}):", ", ".join(f"{key} {n:.1f}" for key, n in top))


if __name__ == "__main__":
    main(sys.argv[1:])
