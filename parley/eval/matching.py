"""Matching helpers shared by the scorers (rules in ../shared/gold/README.md)."""

from __future__ import annotations

from parley.data.names import normalise_name


def names_match(a: set[str], b: set[str]) -> bool:
    """True when any normalised name in ``a`` equals any in ``b``."""
    na = {normalise_name(x) for x in a if x}
    nb = {normalise_name(x) for x in b if x}
    return bool(na & nb)


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``needle`` occurs in ``text``, tolerant of quote styles."""
    def fold(s: str) -> str:
        return s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')

    hay, pat = fold(text), fold(needle)
    out, i = [], hay.find(pat)
    while i >= 0:
        out.append((i, i + len(pat)))
        i = hay.find(pat, i + 1)
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def sentence_of(text: str, start: int, end: int) -> str:
    """The line-or-sentence around a span, for error listings."""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1)
    right_nl = text.find("\n", end)
    right_dot = text.find(". ", end)
    ends = [x for x in (right_nl, right_dot + 1 if right_dot >= 0 else -1) if x >= 0]
    right = min(ends) if ends else len(text)
    return text[max(left, 0):right].strip()
