"""Article text with its facts marked up (displaCy-like), escaped: the text is data."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # actor | time | quote | event
    fact: str  # id of the fact in the side list
    label: str


def spans_of(text: str, facts: dict[str, list[dict[str, Any]]]) -> list[Span]:
    out: list[Span] = []
    for i, q in enumerate(facts.get("quotes", [])):
        out.append(Span(q["start_char"], q["end_char"], "quote", f"q{i}",
                        f"quote: {q.get('speaker_name') or 'unattributed'} ({q['kind']})"))
    for i, m in enumerate(facts.get("mentions", [])):
        extra = f", {m['country']}" if m.get("country") else ""
        out.append(Span(m["start_char"], m["end_char"], "actor", f"m{i}",
                        f"actor: {m.get('actor_name') or m['text']}{extra}"))
    for i, t in enumerate(facts.get("times", [])):
        out.append(Span(t["start_char"], t["end_char"], "time", f"t{i}", f"time: {t.get('value') or t['text']}"))
    for i, e in enumerate(facts.get("events", [])):
        if e.get("trigger_start") is not None and e.get("trigger_end") is not None:
            out.append(Span(e["trigger_start"], e["trigger_end"], "event", f"e{i}",
                            f"event: {e['type']} ({e['status']})"))
    n = len(text)
    return [s for s in out if s.start is not None and s.end is not None and 0 <= s.start < s.end <= n]


def _open(s: Span) -> str:
    return (f'<mark class="hl hl-{s.kind}" tabindex="0" data-fact="{s.fact}" data-label="{escape(s.label)}" '
            f'aria-label="{escape(s.label)}">')


def highlight(text: str, facts: dict[str, list[dict[str, Any]]]) -> Markup:
    """Nested ``<mark>`` elements; a span crossing an enclosing one is clipped to it."""
    parts: list[str] = []
    pos = 0
    stack: list[Span] = []
    for s in sorted(spans_of(text, facts), key=lambda s: (s.start, -s.end)):
        while stack and stack[-1].end <= s.start:
            top = stack.pop()
            parts.append(str(escape(text[pos:top.end])) + "</mark>")
            pos = top.end
        if stack and s.end > stack[-1].end:
            s = replace(s, end=stack[-1].end)
        if s.start < pos or s.start >= s.end:
            continue
        parts.append(str(escape(text[pos:s.start])) + _open(s))
        pos = s.start
        stack.append(s)
    while stack:
        top = stack.pop()
        parts.append(str(escape(text[pos:top.end])) + "</mark>")
        pos = top.end
    parts.append(str(escape(text[pos:])))
    return Markup("".join(parts))
