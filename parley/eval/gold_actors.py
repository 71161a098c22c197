"""Gold scorer for the actors layer (``actors``) and its hard cases (``mentions``).

Matching rules (../shared/gold/README.md): an extracted actor matches a gold actor when
its canonical name or any alias equals the gold name or one of its aliases after
normalisation. Each gold actor is matched at most once:
- tp: gold actors matched by an extracted actor;
- fn: gold actors no extracted actor matches;
- fp: extracted actors of type person, state, organisation or group that match no
  gold actor (places, territories and government bodies are not scored).
``mentions`` gives ``recall`` over the gold's hard cases: a hard case is resolved when
its text is found in the article and one of our mentions inside it resolves to an
actor matching the gold actor.
"""

from __future__ import annotations

from typing import Any

from parley.eval.matching import find_all, normalise_name, sentence_of
from parley.eval.report import EvalReport, prf
from parley.records import Actor, ArticleAnalysis, Article

SCORED_TYPES = {"person", "state", "organisation", "group"}


def _names(item: dict[str, Any] | Actor) -> set[str]:
    if isinstance(item, Actor):
        raw = [item.name, *item.aliases]
    else:
        raw = [item.get("name", ""), *item.get("aliases", [])]
    return {n for n in (normalise_name(x) for x in raw) if n}


def _first_sentence(article: Article, names: list[str]) -> str:
    for name in names:
        spots = find_all(article.text, name)
        if spots:
            return sentence_of(article.text, *spots[0])
    return ""


def score_actors(gold: dict[str, Any], analysis: ArticleAnalysis, article: Article, report: EvalReport) -> None:
    gold_actors = gold.get("actors") or []
    extracted = [a for a in analysis.actors]
    ext_names = [(a, _names(a)) for a in extracted]
    matched_ext: set[str] = set()
    tp = fn = 0
    for g in gold_actors:
        gnames = _names(g)
        hits = [a for a, names in ext_names if names & gnames]
        if hits:
            tp += 1
            matched_ext.update(a.id for a in hits)
            if len(hits) > 1:  # not scored: one gold actor split over several of ours
                report.error("actors", "duplicate", gold=g, predicted=[a.id for a in hits],
                             sentence=_first_sentence(article, [g["name"], *g.get("aliases", [])]))
        else:
            fn += 1
            report.error("actors", "fn", gold=g,
                         sentence=_first_sentence(article, [g["name"], *g.get("aliases", [])]))
    fp = 0
    for a, _ in ext_names:
        if a.id in matched_ext or a.type not in SCORED_TYPES:
            continue
        fp += 1
        first = next((m for m in analysis.mentions if m.actor_id == a.id), None)
        report.error("actors", "fp", predicted={"id": a.id, "name": a.name, "type": a.type, "country": a.country},
                     sentence=sentence_of(article.text, first.start, first.end) if first else "")
    report.layers["actors"] = prf(tp, fp, fn)


def score_mentions(gold: dict[str, Any], analysis: ArticleAnalysis, article: Article, report: EvalReport) -> None:
    hard = gold.get("mentions") or []
    if not hard:
        return
    gold_by_name = {g["name"]: g for g in gold.get("actors") or []}
    actors = {a.id: a for a in analysis.actors}
    resolved = 0
    for case in hard:
        gold_actor = gold_by_name.get(case.get("actor"), {"name": case.get("actor", ""), "aliases": []})
        gnames = _names(gold_actor)
        spots = find_all(article.text, case.get("text", ""))
        found = []
        for start, end in spots:
            for m in analysis.mentions:
                if m.start >= start and m.end <= end and m.actor_id in actors and _names(actors[m.actor_id]) & gnames:
                    found.append(m)
        if found:
            resolved += 1
            continue
        inside = [{"text": m.text, "actor": m.actor_id, "type": m.actor_type}
                  for start, end in spots for m in analysis.mentions if m.start >= start and m.end <= end]
        report.error("mentions", "fn", gold=case, predicted=inside,
                     sentence=sentence_of(article.text, *spots[0]) if spots else "",
                     note="" if spots else "gold text not found in the article")
    total = len(hard)
    report.layers["mentions"] = {"recall": round(resolved / total, 4) if total else 0.0,
                                 "resolved": resolved, "total": total}


def score(gold: dict[str, Any], analysis: ArticleAnalysis, article: Article, report: EvalReport) -> None:
    if gold.get("actors"):
        score_actors(gold, analysis, article, report)
    score_mentions(gold, analysis, article, report)
