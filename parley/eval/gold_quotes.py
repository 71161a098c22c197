"""Gold scorer for the quotes layer (filled in by the quotes work)."""

from __future__ import annotations


def score(gold, analysis, article, report) -> None:
    return None
