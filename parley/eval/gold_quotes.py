"""Gold scorer for the quotes layer (``quotes``), with its ``not_quotes``.

What is compared: the gold lists quoted words (the text inside quotation marks) and who
said them, so only our quotes of kind ``direct`` and ``partial`` (quotation-mark content)
are compared with it. Indirect attributions (paraphrase, "said that ...") are not in
this gold and are neither credited nor counted as false positives here; PolNeAR scores
them (``parley eval polnear``).

Matching (../shared/gold/README.md): a quote matches a gold quote when its text overlaps
an occurrence of the gold text and the speaker matches; each gold quote and each quote
is used once.
- ``strict``: the speaker's name (or an alias of our actor) equals the gold speaker's
  name or one of its gold aliases, after normalisation;
- ``lenient``: strict, or the speaker's country equals the gold speaker's country (a
  person or the state they act for both count).
A quote that matches no gold quote is a false positive. ``not_quotes`` (quotation marks
that are not speech, e.g. a name) are errors when one of our quotes overlaps them; they
are listed as ``not_quote`` errors, counted among the false positives, and summarised as
``not_quote_accuracy`` (not_quotes left alone / not_quotes).
"""

from __future__ import annotations

from typing import Any

from parley.eval.matching import find_all, normalise_name, overlaps, sentence_of
from parley.eval.report import EvalReport, prf
from parley.records import Article, ArticleAnalysis, Quote

QUOTED_KINDS = ("direct", "partial")


def _segments(q: Quote) -> list[tuple[int, int]]:
    return [(s, e) for s, e in q.segments] or [(q.start, q.end)]


def _hits(q: Quote, places: list[tuple[int, int]]) -> bool:
    return any(overlaps(seg, place) for seg in _segments(q) for place in places)


def _gold_speaker(gold: dict[str, Any], name: str) -> tuple[set[str], str | None]:
    for actor in gold.get("actors") or []:
        names = {actor.get("name", ""), *actor.get("aliases", [])}
        if normalise_name(name) in {normalise_name(n) for n in names}:
            return {normalise_name(n) for n in names if n}, actor.get("country")
    return {normalise_name(name)}, None


def _our_speaker(q: Quote, analysis: ArticleAnalysis) -> tuple[set[str], str | None]:
    actors = {a.id: a for a in analysis.actors}
    names = {normalise_name(q.speaker_name)} if q.speaker_name else set()
    country = q.speaker_country
    actor = actors.get(q.speaker_id) if q.speaker_id else None
    if actor is not None:
        names |= {normalise_name(n) for n in [actor.name, *actor.aliases] if n}
        country = country or actor.country
        if country is None and actor.acts_for in actors:
            country = actors[actor.acts_for].country
    return {n for n in names if n}, country


def _match(gold_quotes, quotes, analysis, article, gold, lenient: bool):
    """Greedy one-to-one pairing in text order; returns (pairs, text-only pairs)."""
    used: set[int] = set()
    pairs, wrong_speaker = [], []
    for gi, g in enumerate(gold_quotes):
        places = find_all(article.text, g.get("text", ""))
        gnames, gcountry = _gold_speaker(gold, g.get("speaker", ""))
        found = None
        near = None
        for qi, q in enumerate(quotes):
            if qi in used or not _hits(q, places):
                continue
            names, country = _our_speaker(q, analysis)
            if names & gnames or (lenient and gcountry is not None and country == gcountry):
                found = qi
                break
            near = qi if near is None else near
        if found is not None:
            used.add(found)
            pairs.append((gi, found))
        elif near is not None:
            wrong_speaker.append((gi, near))
    return pairs, wrong_speaker


def _describe(q: Quote) -> dict[str, Any]:
    return {"text": q.text, "kind": q.kind, "speaker": q.speaker_name, "country": q.speaker_country,
            "source": q.source_text, "cue": q.cue, "rule": q.rule}


def score(gold: dict[str, Any], analysis: ArticleAnalysis, article: Article, report: EvalReport) -> None:
    gold_quotes = gold.get("quotes") or []
    not_quotes = gold.get("not_quotes") or []
    if not gold_quotes and not not_quotes:
        return
    quotes = sorted((q for q in analysis.quotes if q.kind in QUOTED_KINDS), key=lambda q: q.start)
    layer: dict[str, Any] = {}
    for mode in ("strict", "lenient"):
        pairs, wrong = _match(gold_quotes, quotes, analysis, article, gold, lenient=mode == "lenient")
        tp = len(pairs)
        layer[mode] = prf(tp, len(quotes) - tp, len(gold_quotes) - tp)
        if mode == "strict":
            continue
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {qi for _, qi in pairs}
        wrong_by_gold = dict(wrong)
        for gi, g in enumerate(gold_quotes):
            if gi in matched_gold:
                continue
            spot = find_all(article.text, g.get("text", ""))
            sentence = sentence_of(article.text, *spot[0]) if spot else ""
            if gi in wrong_by_gold:
                report.error("quotes", "speaker", gold=g, predicted=_describe(quotes[wrong_by_gold[gi]]),
                             sentence=sentence)
            else:
                report.error("quotes", "fn", gold=g, sentence=sentence)
        for qi, q in enumerate(quotes):
            if qi not in matched_pred:
                kind = "not_quote" if any(_hits(q, find_all(article.text, n.get("text", ""))) for n in not_quotes) \
                    else "fp"
                report.error("quotes", kind, predicted=_describe(q), sentence=sentence_of(article.text, q.start, q.end))
    left_alone = sum(1 for n in not_quotes
                     if not any(_hits(q, find_all(article.text, n.get("text", ""))) for q in quotes))
    if not_quotes:
        layer["not_quote_accuracy"] = round(left_alone / len(not_quotes), 4)
        layer["not_quotes"] = {"correct": left_alone, "total": len(not_quotes)}
    report.layers["quotes"] = layer
