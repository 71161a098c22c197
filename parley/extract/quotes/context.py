"""Quote-level evidence when the parse gives no cue for a quoted span (rule 3 of
``attribute``): the paragraph it continues, "He said:" before it, "― Name" after it, a
verb of saying next to it or in its sentence, the attribution or named person of the
sentence before; also "NAME: words" transcript lines, and the tests telling a quoted
name or scare quote from speech.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from parley.extract.quotes import lexicon as lx
from parley.extract.quotes.frames import Candidate, np_range, segments, source_of
from parley.extract.quotes.marks import QuotedSpan
from parley.extract.quotes.spans import inside_any, make_direct, token_at

_DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*[\u2015\u2014\u2013-]{1,2}[ \t\u00a0]*"
                             r"([A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+[A-Z][\w.'\u2019-]*){0,4})")

_TRANSCRIPT = re.compile(r"[\"\u201c]?([A-Z][A-Za-z.'\u2019 -]{1,40}?):[ \t]+(?=\S)")

_LABELS = frozenset("update watch read related photo photos video image images editor note source "
                    "credit credits caption correction clarification transcript listen subscribe "
                    "q a question answer advertisement disclosure".split())


def is_clause(doc: Doc, q: QuotedSpan) -> bool:
    """Does the quoted text hold a clause of its own (a subject with its verb)?"""
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
    if span is None:
        return False
    ids = {t.i for t in span}
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i in ids for t in span)


def is_name_or_scare(doc: Doc, text: str, q: QuotedSpan) -> bool:
    """A quoted name or a scare-quoted term: "so-called 'X'", "dubbed 'X'", or a short
    title-case phrase with no verb used as a noun phrase."""
    before = " " + text[max(0, q.start - 20):q.start].lower().rstrip()
    if any(before.endswith(" " + m) for m in lx.SCARE_MARKERS):
        return True
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 6:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    content = [t for t in words if not t.is_stop]
    return bool(content) and all(t.text[0].isupper() for t in content) and len(words) > 1


def _standalone(text: str, q: QuotedSpan) -> bool:
    """The quote is a sentence (or several) of its own: nothing but punctuation between it
    and the previous sentence end, and between it and the next."""
    line_start = text.rfind("\n", 0, q.start) + 1
    left = text[line_start:q.start].rstrip()
    if left and left[-1] not in ".!?:\u201d\"'\u2019)":
        return False
    line_end = text.find("\n", q.end)
    right = text[q.end:line_end if line_end >= 0 else len(text)]
    m = re.match(r"[\s.,;:!?\u2026]*", right)
    rest = right[m.end():] if m else right
    return not rest or rest[0].isupper() or rest[0] in "\u201c\"'\u2018"


_SPEECH_FORMS = frozenset("said says told asked added wrote".split())


def _is_speech_verb(tok: Token) -> bool:
    """A verb of saying; "Said Ellis:" at a sentence start is often tagged a proper noun."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in lx.SPEECH_VERBS) or tok.lower_ in _SPEECH_FORMS


def _speech_cue_near(doc: Doc, q: QuotedSpan, quotes: list[tuple[int, int]]) -> Token | None:
    """The verb of saying nearest the quote's edges in its sentence(s), outside quotes."""
    first, last = token_at(doc, q.start), token_at(doc, max(q.start, q.end - 1))
    if first is None or last is None:
        return None
    best: Token | None = None
    best_dist = 0
    for tok in doc[first.sent.start:last.sent.end]:
        if not _is_speech_verb(tok) or inside_any(tok.idx, quotes):
            continue
        dist = q.start - tok.idx if tok.idx < q.start else tok.idx - q.end
        if best is None or dist < best_dist:
            best, best_dist = tok, dist
    return best


def _adjacent(text: str, q: QuotedSpan, tok: Token) -> bool:
    """Cue and quote in one stretch with no sentence end between ("'X,' she said")."""
    gap = text[q.end:tok.idx] if tok.idx >= q.end else text[tok.idx + len(tok):q.start]
    return "\n" not in gap and not re.search(r"[.!?]\s", gap) and len(gap.split()) <= 10


def _introducer_before(doc: Doc, text: str, q: QuotedSpan) -> Token | None:
    """"He said:" (or "She added:") right before the quote, ending its sentence."""
    k = q.start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k == 0 or text[k - 1] != ":":
        return None
    colon = token_at(doc, k - 1)
    if colon is None or colon.i == 0:
        return None
    verb = colon.head if colon.head.pos_ == "VERB" else doc[colon.i - 1]
    return verb if _is_speech_verb(verb) else None


def _signature_after(doc: Doc, text: str, q: QuotedSpan) -> tuple[list[Token], tuple[int, int]] | None:
    m = _DASH_SIGNATURE.match(text, q.end)
    if not m:
        return None
    name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    dash = token_at(doc, m.start() + len(m.group()) - len(m.group().lstrip(" \t\u00a0")))
    if name is None or dash is None:
        return None
    return [dash], (name.start, name.end)


def transcript_candidates(doc: Doc, text: str) -> list[Candidate]:
    """"NAME: words" lines: interview transcripts ("PENCE: Well, ..."), also inside an
    open quotation, and a headline's "Outlet: claim" (the first line only, where the
    name may be any short title-case phrase such as "Poll")."""
    out = []
    pos = 0
    first = True
    for line in text.split("\n"):
        m = _TRANSCRIPT.match(line)
        if m and m.group(1).strip().lower() not in _LABELS:
            name = doc.char_span(pos + m.start(1), pos + m.end(1), alignment_mode="expand")
            colon = token_at(doc, pos + m.end(1))
            line_span = doc.char_span(pos, pos + len(line), alignment_mode="expand")
            if name is not None and colon is not None and line_span is not None and len(name) <= 5 and (
                    all(t.pos_ == "PROPN" or t.is_upper or t.is_punct for t in name)
                    or (first and len(name) <= 3 and all(t.is_title or t.is_punct for t in name))):
                segs = segments(set(range(colon.i + 1, line_span.end)), doc)
                if segs:
                    out.append(Candidate(cue=[colon], frame="colon", content=segs, source=(name.start, name.end)))
        if line.strip():
            first = False
        pos += len(line) + 1
    return out


def context_candidate(doc: Doc, text: str, q: QuotedSpan, qi: int, cands: list[Candidate],
                       by_quote: dict[int, Candidate], quote_inner: list[tuple[int, int]]) -> Candidate | None:
    """Rule 3, most telling evidence first: the paragraph it continues, "He said:" before
    it, "― Name" after it, a verb of saying next to it, the direct quotation it carries
    on, a verb of saying further off in its sentence, the attribution or the named person
    of the sentence before."""
    if q.continues is not None and q.continues in by_quote:
        c = by_quote[q.continues]
        make_direct(c, qi, q)
        return c
    clause = is_clause(doc, q)
    verb = _introducer_before(doc, text, q)
    if verb is not None:
        existing = next((c for c in cands if verb in c.cue), None)
        if existing is not None:
            make_direct(existing, qi, q)
            return existing
        c = Candidate(cue=[verb], frame="clause", content=[], source=source_of(verb))
        make_direct(c, qi, q)
        return c
    sig = _signature_after(doc, text, q)
    if sig is not None:
        c = Candidate(cue=sig[0], frame="dash", content=[], source=sig[1])
        make_direct(c, qi, q)
        return c
    verb = _speech_cue_near(doc, q, quote_inner)
    adjacent = verb is not None and _adjacent(text, q, verb)
    standalone = _standalone(text, q)
    if not adjacent and standalone:
        prev = _previous_attribution(text, q, cands)
        if prev is not None and prev.kind == "direct":
            make_direct(prev, qi, q)  # '"X," she said of it. "Y."' carries on her quotation
            return prev
    if verb is not None:
        existing = next((c for c in cands if verb in c.cue), None)
        if existing is not None:
            if (adjacent and existing.kind == "direct") or (clause and (existing.kind == "direct" or (
                    not existing.partial_ids and adjacent))):
                make_direct(existing, qi, q)  # the quote is what was said, not the parse's guess
            else:
                existing.partial_ids.append(qi)
            return existing
        c = Candidate(cue=[verb], frame="quote", content=[], source=source_of(verb))
        if clause:
            make_direct(c, qi, q)
        else:
            c.content = [(q.start, q.end)]
            c.partial_ids.append(qi)
        return c
    if clause and standalone:
        prev = _previous_attribution(text, q, cands)
        if prev is not None:
            _carry_on(prev, qi, q)
            return prev
        subject = _previous_person_subject(doc, text, q)
        if subject is not None:
            c = Candidate(cue=[subject.head], frame="context", content=[], source=np_range(subject))
            make_direct(c, qi, q)
            return c
    return None


def _carry_on(c: Candidate, qi: int, q: QuotedSpan) -> None:
    """A quotation carrying on an attribution ('X said the plan was "dead." "We will
    start again."'): more of a direct one; for an indirect one, a quoted piece of its
    content, which keeps what it reported (PolNeAR annotates both as one content)."""
    if c.kind == "direct":
        make_direct(c, qi, q)
        return
    c.partial_ids.append(qi)
    if not any(s <= q.start and q.end <= e for s, e in c.content):
        c.content = sorted(c.content + [(q.start, q.end)])


def _previous_person_subject(doc: Doc, text: str, q: QuotedSpan) -> Token | None:
    """'Stene spoke to reporters. "We came to listen."': a quotation standing alone after
    a sentence whose subject is a named person is that person's."""
    first = token_at(doc, q.start)
    if first is None or first.sent.start == 0:
        return None
    prev = doc[first.sent.start - 1].sent
    if text[prev.end_char:q.start].count("\n") > 2 or inside_any(prev.start_char, [(q.start, q.end)]):
        return None
    subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.ent_type_ != "PERSON" or _inside_quote_marks(text, prev):
        return None
    return subj


def _inside_quote_marks(text: str, sent) -> bool:
    return any(ch in text[sent.start_char:sent.end_char] for ch in "\"\u201c\u201d")


def _previous_attribution(text: str, q: QuotedSpan, cands: list[Candidate]) -> Candidate | None:
    """The attribution of the sentence right before the quote (same or previous
    paragraph): nothing but punctuation between that sentence's end and the quote. When
    that sentence also holds a direct quote, the new quote continues the direct one
    ('"X," said A, speaking of B. "Y."' continues A's "X")."""
    before = [c for c in cands if c.content and max(c.extent[1], c.cue_end) <= q.start]
    if not before:
        return None
    prev = max(before, key=lambda c: max(c.extent[1], c.cue_end))
    doc = prev.cue[0].doc
    last = max(prev.extent[1], prev.cue_end)
    if prev.source is not None:
        last = max(last, doc[prev.source[1] - 1].idx + len(doc[prev.source[1] - 1]))
    sent = doc[prev.cue[0].i].sent
    gap = text[max(last, min(sent.end_char, q.start)):q.start]
    if gap.count("\n") > 2 or re.search(r"[A-Za-z]{2,}", gap):
        return None
    if prev.kind != "direct":
        same = [c for c in before if c.kind == "direct" and sent.start_char <= c.cue_start < sent.end_char]
        if same:
            return max(same, key=lambda c: c.extent[1])
    return prev
