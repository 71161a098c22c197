"""Small helpers on character spans and candidates shared by the quote modules."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from parley.extract.quotes.frames import Candidate
from parley.extract.quotes.marks import QuotedSpan


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def widen(segs: list[tuple[int, int]], span: tuple[int, int]) -> list[tuple[int, int]]:
    """A quoted fragment the parse cut in two ("was 'so swollen I could barely...'") is
    kept whole in the content."""
    out = [(min(s, span[0]), max(e, span[1])) if overlap((s, e), span) else (s, e) for s, e in segs]
    merged: list[tuple[int, int]] = []
    for s, e in sorted(out):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def subtract(segs: list[tuple[int, int]], cut: tuple[int, int], text: str) -> list[tuple[int, int]]:
    out = []
    for s, e in segs:
        for a, b in ((s, min(e, cut[0])), (max(s, cut[1]), e)):
            piece = text[a:b]
            m = re.search(r"[\s,;:\u2014-]*(?:\b(?:and|but|or|while)\b)?[\s,;:\u2014-]*$", piece)
            b = a + (m.start() if m else len(piece))
            if b > a and re.search(r"\w", text[a:b]):
                out.append((a, b))
    return out


def make_direct(c: Candidate, qi: int, q: QuotedSpan) -> None:
    start = q.start
    if c.cue_start >= q.start and c.frame == "colon":  # '"PENCE: Well, ...': the words after the name
        start = c.cue_end
    if c.kind != "direct":
        c.kind = "direct"
        if c.frame == "quote":
            # its content was the quoted fragment next to the cue ('"A," said X. "B."'):
            # that fragment is the first piece of the quotation, not dropped for it
            c.quote_ids.extend(c.partial_ids)
            c.partial_ids.clear()
        else:
            c.content = []
    c.quote_ids.append(qi)
    c.content = sorted(c.content + [(start, q.end)])
