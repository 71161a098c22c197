"""Gold scorer for the times layer (rules in ../shared/gold/README.md).

A gold time is located in the article by its text (inside its ``context`` when the gold
gives one). ``times``: extent overlap precision/recall/F1 (every predicted time that
overlaps no gold time is a false positive, so expressions the gold leaves out count
against precision). ``time_values``: accuracy over gold times, where a gold time is
right when an overlapping predicted time has the same value (and the same mod where the
gold gives one).
"""

from __future__ import annotations

from typing import Any

from parley.eval.matching import find_all, overlaps, sentence_of
from parley.eval.report import EvalReport, accuracy, prf
from parley.records import Article, ArticleAnalysis, TimeExpr


def gold_spans(text: str, item: dict[str, Any]) -> list[tuple[int, int]]:
    """Where a gold time's text occurs; inside its context first when one is given."""
    spans = find_all(text, item.get("text", ""))
    context = item.get("context")
    if context:
        for cs, ce in find_all(text, context):
            inside = [s for s in spans if cs <= s[0] and s[1] <= ce]
            if inside:
                return inside
    return spans


def _as_dict(t: TimeExpr) -> dict[str, Any]:
    return {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value,
            "mod": t.mod, "rule": t.rule}


def _right(item: dict[str, Any], t: TimeExpr) -> bool:
    if t.value != item.get("value"):
        return False
    return not item.get("mod") or t.mod == item["mod"]


def score(gold: dict[str, Any], analysis: ArticleAnalysis, article: Article, report: EvalReport) -> None:
    items = gold.get("times")
    if not items:
        return
    text = article.text
    predicted = list(analysis.times)
    used: set[int] = set()
    found = correct = 0
    for item in items:
        spans = gold_spans(text, item)
        if not spans:
            report.error("times", "gold_not_in_text", gold=item)
            continue
        hits = [i for i, t in enumerate(predicted)
                if i not in used and any(overlaps((t.start, t.end), s) for s in spans)]
        sentence = sentence_of(text, *spans[0])
        if not hits:
            report.error("times", "fn", gold=item, sentence=sentence)
            continue
        best = next((i for i in hits if _right(item, predicted[i])), hits[0])
        used.add(best)
        found += 1
        if _right(item, predicted[best]):
            correct += 1
        else:
            report.error("time_values", "value", gold=item, predicted=_as_dict(predicted[best]),
                         sentence=sentence)
    for i, t in enumerate(predicted):
        if i not in used:
            report.error("times", "fp", predicted=_as_dict(t), sentence=sentence_of(text, t.start, t.end))
    report.layers["times"] = prf(found, len(predicted) - found, len(items) - found)
    report.layers["time_values"] = accuracy(correct, len(items))
