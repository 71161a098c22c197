"""Span trimming: turn the statistical NER's entity spans into clean name spans.

The NER's mistakes at span edges are systematic: a span runs across a line break into
a photo credit ("X.com\\@user\\nThe United States"), keeps a leading determiner ("the
Kremlin"), a trailing possessive ("Trump's") or a trailing conjunction ("Rustem Umerov
and"), or starts with a title ("President Putin"). Trimming fixes the edges so the
gazetteer and the doc-level name table see the bare name.
"""

from __future__ import annotations

from spacy.tokens import Doc

from parley.extract.actors.lexicon import LEADING_NOISE, TITLE_HEADS, TITLE_MODIFIERS, TRAILING_NOISE


def _is_break(tok) -> bool:
    """A token a name cannot run across: line breaks, handles, URLs, e-mail addresses."""
    text = tok.text
    return tok.is_space or "\n" in text or "@" in text or tok.like_url or tok.like_email


def _strip(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in LEADING_NOISE or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in TRAILING_NOISE or doc[end - 1].is_punct
                           or doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ"):
        end -= 1
    if label == "PERSON":
        # "President Vladimir Putin": the title is a role, not part of the name
        while end - start > 1 and doc[start].is_title and (
            doc[start].lower_ in TITLE_HEADS or doc[start].lower_.rstrip(".") in TITLE_MODIFIERS
            or doc[start].lower_ in TITLE_MODIFIERS
        ):
            start += 1
    return start, end


def trim_entity(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """The clean pieces of one entity span, as token ranges (possibly none)."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for i in range(start, end + 1):
        if i == end or _is_break(doc[i]):
            s, e = _strip(doc, piece_start, i, label)
            if e > s and any(t.is_alpha for t in doc[s:e]):
                pieces.append((s, e))
            piece_start = i + 1
    # a span broken by a line break keeps its last piece: the credit line before the
    # break is page furniture, the piece after it is the start of the sentence
    return pieces[-1:] if len(pieces) > 1 else pieces
