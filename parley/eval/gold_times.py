"""Gold scorer for the times layer (filled in by the times work)."""

from __future__ import annotations


def score(gold, analysis, article, report) -> None:
    return None
