"""Find quoted stretches of text from quotation marks alone (no parse needed).

Handles curly and straight marks, ``''`` and `````` used as double marks, guillemets,
nesting (single inside double or the other way round), a quote that runs over several
sentences, one continued into the next paragraph by an opening mark (the convention for
multi-paragraph quotations: the first paragraph is left open), and unbalanced marks: an
opener never closed ends at its paragraph's end (``unbalanced=True``), a stray closer is
ignored. Nothing here raises on odd input.

Each mark is classed by what flanks it (as Markdown does for emphasis): a mark with space
(or start, or an opening bracket or dash) on its left and text on its right opens; text on
its left and space or punctuation on its right closes. The glyph's own direction (“ vs ”)
decides only when the context does not, because real text often has ” used as an opener
at the start of a paragraph, or straight marks everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE, SINGLE = "double", "single"

# mark -> (family, glyph direction: +1 opens, -1 closes, 0 either)
_MARKS: dict[str, tuple[str, int]] = {
    "\u201c": (DOUBLE, 1), "\u201e": (DOUBLE, 1), "\u201f": (DOUBLE, 1), "\u00ab": (DOUBLE, 1),
    "\u201d": (DOUBLE, -1), "\u00bb": (DOUBLE, -1), '"': (DOUBLE, 0), "''": (DOUBLE, 0),
    "``": (DOUBLE, 1), "\u2018": (SINGLE, 1), "\u201a": (SINGLE, 1), "\u201b": (SINGLE, 1),
    "\u2039": (SINGLE, 1), "\u2019": (SINGLE, -1), "\u203a": (SINGLE, -1), "'": (SINGLE, 0),
}
_MARK_RE = re.compile(r"''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b\u2039\u203a']")
_OPEN_LEFT = set(" \t\n\u00a0([{\u2014\u2013-/\u2015:") | {""}
_CLOSE_RIGHT = set(" \t\n\u00a0)]}.,;:!?\u2014\u2013-/\u2015\u2026") | {""}


@dataclass
class QuotedSpan:
    """A stretch between an opening and a closing mark.

    ``start``/``end`` include the marks, ``inner_start``/``inner_end`` exclude them.
    ``level`` 0 is outermost; ``parent`` indexes the enclosing span. ``continues`` indexes
    the span in the previous paragraph that this one carries on (same speaker)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    family: str
    level: int = 0
    parent: int | None = None
    continues: int | None = None
    unbalanced: bool = False
    children: list[int] = field(default_factory=list)


@dataclass
class _Mark:
    pos: int
    end: int
    family: str
    role: int  # +1 opener, -1 closer, 0 unknown


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: news text puts one paragraph per line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _classify(text: str, m: re.Match[str], lo: int, hi: int) -> _Mark | None:
    glyph = m.group()
    family, direction = _MARKS[glyph]
    left = text[m.start() - 1] if m.start() > lo else ""
    right = text[m.end()] if m.end() < hi else ""
    opens = left in _OPEN_LEFT or left in "\u201c\u2018\"'"
    closes = right in _CLOSE_RIGHT or right in "\u201d\u2019\"'"
    if family == SINGLE and left.isalnum() and right.isalnum():
        return None  # apostrophe inside a word: don't, O'Brien
    if family == SINGLE and glyph in "'\u2019" and left.isalnum() and not closes:
        return None
    if family == SINGLE and opens and right.isdigit():
        return None  # elided year: '90s
    if opens and not closes:
        role = 1
    elif closes and not opens:
        role = -1
    else:
        role = direction
    return _Mark(m.start(), m.end(), family, role)


def _scan_paragraph(text: str, lo: int, hi: int, spans: list[QuotedSpan],
                    carried: tuple[int, str] | None) -> tuple[int, str] | None:
    """Pair the marks of one paragraph; returns (span index, family) of a double-or-single
    top-level quote left open at the paragraph's end, which the next paragraph may continue."""
    marks = [mk for m in _MARK_RE.finditer(text, lo, hi) if (mk := _classify(text, m, lo, hi))]
    stack: list[_Mark] = []  # openers waiting for their closer
    first_index = len(spans)
    continued_from: int | None = None
    if carried is not None and marks and marks[0].family == carried[1] and marks[0].role >= 0 \
            and not text[lo:marks[0].pos].strip():
        continued_from = carried[0]
    for mk in marks:
        role = mk.role
        if role == 0:  # straight mark with no telling context: toggle within its family
            role = -1 if any(o.family == mk.family for o in stack) else 1
        if role > 0:
            if mk.family == SINGLE and stack and stack[-1].family == SINGLE:
                continue  # single opener inside a single: an apostrophe after all
            stack.append(mk)
            continue
        # a closer: pop to the nearest opener of its family, dropping unclosed inner marks
        depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].family == mk.family), None)
        if depth is None:
            continue  # stray closer (or a plural possessive ’): ignored
        opener = stack[depth]
        del stack[depth:]
        if mk.family == SINGLE and sum(ch.isalnum() for ch in text[opener.end:mk.pos]) < 2:
            continue  # rock ’n’ roll: elision marks, not a quotation
        spans.append(QuotedSpan(start=opener.pos, end=mk.end, inner_start=opener.end,
                                inner_end=mk.pos, family=mk.family, level=len(stack)))
    left_open = False
    if stack:
        # openers never closed: a double runs to the paragraph's end; single ones are
        # more often apostrophes (’til, rock ’n’ roll) and are dropped
        unclosed = next((o for o in stack if o.family == DOUBLE), None)
        if unclosed is not None:
            end = hi
            while end > unclosed.end and text[end - 1].isspace():
                end -= 1
            spans.append(QuotedSpan(start=unclosed.pos, end=end, inner_start=unclosed.end, inner_end=end,
                                    family=DOUBLE, level=0, unbalanced=True))
            left_open = True
    new = spans[first_index:]
    new.sort(key=lambda s: (s.start, -s.end))
    spans[first_index:] = new
    _nest(spans, first_index)
    if continued_from is not None:
        first_top = next((i for i in range(first_index, len(spans)) if spans[i].level == 0), None)
        if first_top is not None:
            spans[first_top].continues = continued_from
    if left_open:
        # re-found after sorting: the one unbalanced span of this paragraph
        idx = max(i for i in range(first_index, len(spans)) if spans[i].unbalanced)
        return idx, DOUBLE
    return None


def _nest(spans: list[QuotedSpan], first: int) -> None:
    """Set level/parent from containment among the spans of one paragraph."""
    open_stack: list[int] = []
    for i in range(first, len(spans)):
        s = spans[i]
        while open_stack and spans[open_stack[-1]].end <= s.start:
            open_stack.pop()
        s.parent = open_stack[-1] if open_stack else None
        s.level = len(open_stack)
        if s.parent is not None:
            spans[s.parent].children.append(i)
        open_stack.append(i)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span of ``text`` in order, outer spans before the ones they contain."""
    spans: list[QuotedSpan] = []
    carried: tuple[int, str] | None = None
    for lo, hi in _paragraphs(text):
        carried = _scan_paragraph(text, lo, hi, spans, carried)
    return spans
