"""Gold scorer for the actors layer (filled in by the actors work)."""

from __future__ import annotations


def score(gold, analysis, article, report) -> None:
    return None
