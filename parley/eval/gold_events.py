"""Gold scorer for the events layer (filled in by the events work)."""

from __future__ import annotations


def score(gold, analysis, article, report) -> None:
    return None
