"""Score attribution extraction on PolNeAR (``parley eval polnear DIR``).

Compared: our outermost attributions (quotes with no ``parent_id``: PolNeAR annotates
no attribution inside another's content, and a partial quote is part of its enclosing
attribution) against the annotated Source/Cue/Content triples.

- ``attributions.lenient``: a prediction matches a gold attribution when their content
  spans overlap; pairs are taken by largest overlap first, each used once.
- ``attributions.strict``: the contents cover the same characters, leaving aside spaces,
  punctuation and quotation marks (annotators differ on whether "said," keeps its comma).
- ``source_accuracy`` / ``cue_accuracy`` over leniently matched pairs: the predicted
  source (cue) span overlaps the gold one; for a gold attribution without a source,
  a prediction without one is correct.
A text whose analysis raises counts as predicting nothing (its attributions are misses)
and is named under ``failed``; the run goes on.
Texts annotated by several annotators are scored against each annotation, and each
annotation's counts weigh 1/k, so such a text counts as much as any other (the mean).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from parley.eval.matching import sentence_of
from parley.data.polnear import AnnotatedText, GoldAttribution, read_polnear
from parley.eval.report import EvalReport, prf

Segments = list[tuple[int, int]]


@dataclass
class PredictedAttribution:
    content: Segments
    cue: tuple[int, int]
    source: tuple[int, int] | None
    kind: str = ""
    rule: str = ""


@dataclass
class Counts:
    lenient_tp: float = 0.0
    strict_tp: float = 0.0
    fp: float = 0.0  # lenient
    fn: float = 0.0  # lenient
    n_pred: float = 0.0
    n_gold: float = 0.0
    source_ok: float = 0.0
    cue_ok: float = 0.0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: "Counts", weight: float) -> None:
        for name in ("lenient_tp", "strict_tp", "fp", "fn", "n_pred", "n_gold", "source_ok", "cue_ok"):
            setattr(self, name, getattr(self, name) + weight * getattr(other, name))


def predictions_from_quotes(quotes) -> list[PredictedAttribution]:
    out = []
    for q in quotes:
        if q.parent_id is not None:
            continue
        segs = [tuple(s) for s in q.segments] or [(q.start, q.end)]
        src = (q.source_start, q.source_end) if q.source_start is not None else None
        out.append(PredictedAttribution(content=segs, cue=(q.cue_start, q.cue_end), source=src,
                                        kind=q.kind, rule=q.rule))
    return out


def _overlap(a: Segments, b: Segments) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _chars(text: str, segs: Segments) -> frozenset[int]:
    return frozenset(i for s, e in segs for i in range(s, min(e, len(text)))
                     if text[i].isalnum())


def score_text(text: str, gold: list[GoldAttribution], pred: list[PredictedAttribution]) -> Counts:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = _overlap(g.content, p.content)
            if ov:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, matched = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gold[gi], pred[pi]))
    c = Counts(n_pred=len(pred), n_gold=len(gold))
    c.lenient_tp = len(matched)
    c.fp = len(pred) - len(matched)
    c.fn = len(gold) - len(matched)
    for g, p in matched:
        if _chars(text, g.content) == _chars(text, p.content):
            c.strict_tp += 1
        if _overlap(g.cue, [p.cue]):
            c.cue_ok += 1
        if (not g.source and p.source is None) or (p.source is not None and _overlap(g.source, [p.source])):
            c.source_ok += 1
        else:
            c.errors.append({"kind": "source", "sentence": sentence_of(text, *g.content_extent),
                             "gold": {"source": [text[s:e] for s, e in g.source],
                                                        "cue": [text[s:e] for s, e in g.cue],
                                                        "content": g.content_text[:160]},
                             "predicted": {"source": text[p.source[0]:p.source[1]] if p.source else None,
                                           "cue": text[p.cue[0]:p.cue[1]], "rule": p.rule}})
    for gi, g in enumerate(gold):
        if gi not in used_g:
            c.errors.append({"kind": "fn", "sentence": sentence_of(text, *g.content_extent),
                             "gold": {"cue": [text[s:e] for s, e in g.cue],
                                                    "content": g.content_text[:160]}})
    for pi, p in enumerate(pred):
        if pi not in used_p:
            c.errors.append({"kind": "fp", "sentence": sentence_of(text, *p.cue),
                             "predicted": {"cue": text[p.cue[0]:p.cue[1]], "rule": p.rule,
                                                         "content": " ".join(text[s:e] for s, e in p.content)[:160]}})
    return c


def score_corpus(items: list[tuple[AnnotatedText, list[PredictedAttribution]]], dataset: str) -> EvalReport:
    total = Counts()
    report = EvalReport(dataset=dataset)
    for item, pred in items:
        k = len(item.annotations)
        for annotator, gold in sorted(item.annotations.items()):
            counts = score_text(item.text, gold, pred)
            total.add(counts, 1.0 / k)
            for err in counts.errors:
                report.error("attributions", err.pop("kind"), text=item.name, annotator=annotator, **err)
    strict_fp = total.n_pred - total.strict_tp
    strict_fn = total.n_gold - total.strict_tp
    matched = total.lenient_tp
    report.layers["attributions"] = {
        "strict": prf(_num(total.strict_tp), _num(strict_fp), _num(strict_fn)),
        "lenient": prf(_num(total.lenient_tp), _num(total.fp), _num(total.fn)),
        "source_accuracy": round(total.source_ok / matched, 4) if matched else 0.0,
        "cue_accuracy": round(total.cue_ok / matched, 4) if matched else 0.0,
        "matched": _num(matched),
    }
    report.extra["texts"] = len(items)
    return report


def _num(x: float) -> float | int:
    x = round(x, 2)
    return int(x) if x.is_integer() else x


def evaluate_polnear(directory: str | Path, nlp, limit: int | None = None, every: int = 1) -> EvalReport:
    """Run the pipeline over each annotated text (read byte-exact, so offsets agree) and
    score its attributions; ``every`` keeps one text in N (a fixed, spread-out subset)."""
    from parley.analyze import analyze_article
    from parley.records import Article

    texts = read_polnear(directory)[::every]
    if limit is not None:
        texts = texts[:limit]
    items: list[tuple[AnnotatedText, list[PredictedAttribution]]] = []
    failed: list[dict[str, str]] = []
    for item in texts:
        published = None
        if item.published:
            try:
                published = datetime.fromisoformat(item.published)
            except ValueError:
                published = None
        article = Article(id=item.name, text=item.text, origin=item.name, origin_kind="text",
                          published=published, published_rule="metadata" if published else "unknown")
        try:
            analysis = analyze_article(article, nlp)
        except Exception as exc:  # scored as predicting nothing, and named: never a crash
            failed.append({"text": item.name, "error": f"{type(exc).__name__}: {exc}"})
            items.append((item, []))
            continue
        items.append((item, predictions_from_quotes(analysis.quotes)))
    report = score_corpus(items, dataset=f"polnear:{Path(directory).name}")
    report.extra["failed"] = failed
    for f in failed:
        report.error("attributions", "analysis_failed", text=f["text"], detail=f["error"])
    return report
