"""Coreference scores (MUC, B3, CEAF-e, CoNLL F1) over clusterings of the same mentions,
computed by the ``scorch`` package (Pradhan et al. 2014 formulas)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

from scorch.scores import b_cubed, ceaf_e, muc


def clusters_of[K](assignment: Mapping[K, Hashable]) -> list[set[K]]:
    """{mention: cluster id} -> list of mention sets (in a stable order)."""
    groups: dict[Hashable, set[K]] = defaultdict(set)
    for mention, cid in assignment.items():
        groups[cid].add(mention)
    return [groups[k] for k in sorted(groups, key=str)]


def _prf(r: float, p: float, f: float) -> dict[str, float]:
    return {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4)}


def coref_scores[K](key: Mapping[K, Hashable], response: Mapping[K, Hashable]) -> dict[str, object]:
    """Scores of ``response`` against ``key``; both assign every mention of ``key``."""
    mentions = set(key)
    if set(response) != mentions:
        raise ValueError("key and response must cluster the same mentions")
    if not mentions:
        zero = _prf(0, 0, 0)
        return {"muc": zero, "b3": zero, "ceafe": zero, "conll_f1": 0.0, "mentions": 0}
    k, r = clusters_of(key), clusters_of(response)
    scores = {"muc": _prf(*muc(k, r)), "b3": _prf(*b_cubed(k, r)), "ceafe": _prf(*ceaf_e(k, r))}
    conll = (scores["muc"]["f1"] + scores["b3"]["f1"] + scores["ceafe"]["f1"]) / 3
    return {**scores, "conll_f1": round(conll, 4), "mentions": len(mentions)}
