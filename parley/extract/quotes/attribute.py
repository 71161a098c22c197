"""Join parse-based candidates with quoted spans into attributions.

Rules, in order (each is general; none looks at particular words of a text):
1. A cue inside quotation marks, or inside another attribution's content, is speech
   within speech: the outer attribution is the one reported (quoted words are the
   outermost speaker's words), so nested cues are dropped.
2. A quoted span that makes up most of a candidate's content is that candidate's direct
   content; a shorter one inside it is a partial quote of the same source.
3. A quoted span with no candidate takes a cue of saying in its own sentence; failing
   that, a quote standing as its own sentence continues the attribution just before it
   (the same speaker, or a "He said:" introducing it), one in a new paragraph that opens
   with a mark continues the open quote of the last paragraph, and one followed by a dash
   and a name is signed by that name.
4. A quoted fragment with none of these, or one marked as a name ("so-called", a short
   title-case phrase with no verb), is not speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from parley.extract.quotes import lexicon as lx
from parley.extract.quotes.frames import Candidate, find_candidates, np_after, np_range, segments, source_of
from parley.extract.quotes.marks import QuotedSpan, find_quoted_spans

_DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*[\u2015\u2014\u2013-]{1,2}[ \t\u00a0]*"
                             r"([A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+[A-Z][\w.'\u2019-]*){0,4})")
_TRANSCRIPT = re.compile(r"[\"\u201c]?([A-Z][A-Za-z.'\u2019 -]{1,40}?):[ \t]+(?=\S)")
_LABELS = frozenset("update watch read related photo photos video image images editor note source "
                    "credit credits caption correction clarification transcript listen subscribe "
                    "q a question answer advertisement disclosure".split())


@dataclass
class Attribution:
    """An outermost attribution: a candidate plus the quoted fragments inside it."""

    cand: Candidate
    # quoted fragments inside the content: (index of the quoted span, the candidate whose
    # source said those words: the attribution itself or a cue nested in it)
    partials: list[tuple[int, Candidate]]
    rule: str


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _is_clause(doc: Doc, q: QuotedSpan) -> bool:
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


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


_SPEECH_FORMS = frozenset("said says told asked added wrote".split())


def _is_speech_verb(tok: Token) -> bool:
    """A verb of saying; "Said Ellis:" at a sentence start is often tagged a proper noun."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in lx.SPEECH_VERBS) or tok.lower_ in _SPEECH_FORMS


def _speech_cue_near(doc: Doc, q: QuotedSpan, quotes: list[tuple[int, int]]) -> Token | None:
    """The verb of saying nearest the quote's edges in its sentence(s), outside quotes."""
    first, last = _token_at(doc, q.start), _token_at(doc, max(q.start, q.end - 1))
    if first is None or last is None:
        return None
    best: Token | None = None
    best_dist = 0
    for tok in doc[first.sent.start:last.sent.end]:
        if not _is_speech_verb(tok) or _inside_any(tok.idx, quotes):
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
    colon = _token_at(doc, k - 1)
    if colon is None or colon.i == 0:
        return None
    verb = colon.head if colon.head.pos_ == "VERB" else doc[colon.i - 1]
    return verb if _is_speech_verb(verb) else None


def _signature_after(doc: Doc, text: str, q: QuotedSpan) -> tuple[list[Token], tuple[int, int]] | None:
    m = _DASH_SIGNATURE.match(text, q.end)
    if not m:
        return None
    name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    dash = _token_at(doc, m.start() + len(m.group()) - len(m.group().lstrip(" \t\u00a0")))
    if name is None or dash is None:
        return None
    return [dash], (name.start, name.end)


def _transcript_candidates(doc: Doc, text: str) -> list[Candidate]:
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
            colon = _token_at(doc, pos + m.end(1))
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


def attribute(doc: Doc, text: str | None = None, spans: list[QuotedSpan] | None = None) -> list[Attribution]:
    text = doc.text if text is None else text
    spans = find_quoted_spans(text) if spans is None else spans
    top = [i for i, s in enumerate(spans) if s.level == 0]
    quote_inner = [(spans[i].inner_start, spans[i].inner_end) for i in top]
    cands = [c for c in find_candidates(doc) + _transcript_candidates(doc, text)
             if c.frame == "colon" or not _inside_any(c.cue_start, quote_inner)]
    _split_coordinated_cues(cands, text)
    # rule 1: outermost only; nested cues still tell whose words a quoted fragment is
    every = cands
    extents = [(o, o.extent) for o in cands]
    cands = [c for c in cands if not any(o is not c and s <= c.cue_start < e and _inside_any(c.cue_start, o.content)
                                         for o, (s, e) in extents)]
    cands.sort(key=lambda c: c.cue_start)
    by_quote: dict[int, Candidate] = {}
    partial_of: dict[int, Candidate] = {}
    for qi in top:
        q = spans[qi]
        if is_name_or_scare(doc, text, q):
            continue
        qext = (q.start, q.end)
        best, best_cover = None, 0.0
        for c in cands:
            inter = sum(_overlap(seg, qext) for seg in c.content)
            if inter:
                size = sum(e - s for s, e in c.content)
                cover = inter / max(size, 1)
                if cover > best_cover:
                    best, best_cover = c, cover
        if best is not None:
            if best_cover >= 0.8 or best.kind == "direct":
                _make_direct(best, qi, q)
                by_quote[qi] = best
            else:
                best.partial_ids.append(qi)
                partial_of[qi] = best
                best.content = _widen(best.content, qext)
    # rule 3: quotes with no candidate yet; a paragraph left open waits for the paragraph
    # that carries it on, whose cue ("he said") is the one that counts
    continued = {spans[qi].continues for qi in top if spans[qi].continues is not None}
    for first_pass in (True, False):
        if not first_pass:
            _join_continued(spans, top, by_quote)
        for qi in top:
            if qi in by_quote or qi in partial_of or (first_pass and qi in continued):
                continue
            q = spans[qi]
            if is_name_or_scare(doc, text, q):
                continue
            cand = _context_candidate(doc, text, q, qi, cands, by_quote, quote_inner)
            if cand is not None:
                if not any(c is cand for c in cands):
                    cands.append(cand)
                if cand.kind == "direct" and qi in cand.quote_ids:
                    by_quote[qi] = cand
                else:
                    partial_of[qi] = cand
    _join_continued(spans, top, by_quote)
    cands.sort(key=lambda c: c.cue_start)
    _fix_sources_inside_quotes(doc, every + [c for c in cands if not any(c is e for e in every)], quote_inner)
    said_by = _partial_speakers(doc, spans, cands, every)
    return [Attribution(cand=c, partials=[(qi, said_by[qi]) for qi in sorted(c.partial_ids)], rule=c.frame)
            for c in cands]


_SAYING_FRAMES = ("according", "noun", "colon", "dash", "quote")


def _says(c: Candidate) -> bool:
    return c.frame in _SAYING_FRAMES or c.cue[0].lemma_.lower() in lx.SPEECH_VERBS


def _partial_speakers(doc: Doc, spans: list[QuotedSpan], cands: list[Candidate],
                      every: list[Candidate]) -> dict[int, Candidate]:
    """The speaker of each quoted fragment, in text order. A fragment under a cue that is
    not one of saying ("the two sides discussed a 'framework'") quotes no one there: it
    carries on the quotation of the sentence before, when there is one."""
    out: dict[int, Candidate] = {}
    pending = sorted((qi, c) for c in cands for qi in c.partial_ids)
    last: tuple[int, Candidate] | None = None  # (sentence start token, speaking candidate)
    for qi, outer in pending:
        q = spans[qi]
        who = _speaking(q, outer, every)
        tok = _token_at(doc, q.start)
        sent = tok.sent if tok is not None else None
        if not _says(who) and last is not None and sent is not None and sent.start > 0:
            previous = doc[sent.start - 1].sent
            if last[0] in (previous.start, sent.start):
                who = last[1]
        out[qi] = who
        if sent is not None and _says(who):
            last = (sent.start, who)
    return out


def _speaking(q: QuotedSpan, outer: Candidate, every: list[Candidate]) -> Candidate:
    """Whose words a quoted fragment is: the innermost act of saying around it with a
    source of its own ('X said Kyiv officials described it as "Z"': the officials'), not a
    verb of thinking or agreeing, whose subject did not utter the words ('X said both
    sides agreed "Z"': X's)."""
    best = outer
    size = sum(e - s for s, e in outer.content)
    for c in every:
        if c is outer or c.source is None or not c.content:
            continue
        if c.frame in ("clause", "object", "parataxis", "prep", "xcomp") \
                and c.cue[0].lemma_.lower() not in lx.SPEECH_VERBS:
            continue
        if not any(s <= q.start and q.end <= e + 2 for s, e in c.content):
            continue
        c_size = sum(e - s for s, e in c.content)
        if c_size < size and _inside_any(c.cue_start, outer.content):
            best, size = c, c_size
    return best


def _widen(segs: list[tuple[int, int]], span: tuple[int, int]) -> list[tuple[int, int]]:
    """A quoted fragment the parse cut in two ("was 'so swollen I could barely...'") is
    kept whole in the content."""
    out = [(min(s, span[0]), max(e, span[1])) if _overlap((s, e), span) else (s, e) for s, e in segs]
    merged: list[tuple[int, int]] = []
    for s, e in sorted(out):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _join_continued(spans: list[QuotedSpan], top: list[int], by_quote: dict[int, Candidate]) -> None:
    """A quotation running over paragraphs is one attribution, whichever paragraph its cue
    is in: the first paragraph is left open, the next opens again and may carry "he said"."""
    changed = True
    while changed:
        changed = False
        for qi in top:
            prev = spans[qi].continues
            if prev is None:
                continue
            if qi in by_quote and prev not in by_quote:
                _make_direct(by_quote[qi], prev, spans[prev])
                by_quote[prev] = by_quote[qi]
                changed = True
            elif prev in by_quote and qi not in by_quote:
                _make_direct(by_quote[prev], qi, spans[qi])
                by_quote[qi] = by_quote[prev]
                changed = True


def _subtract(segs: list[tuple[int, int]], cut: tuple[int, int], text: str) -> list[tuple[int, int]]:
    out = []
    for s, e in segs:
        for a, b in ((s, min(e, cut[0])), (max(s, cut[1]), e)):
            piece = text[a:b]
            m = re.search(r"[\s,;:\u2014-]*(?:\b(?:and|but|or|while)\b)?[\s,;:\u2014-]*$", piece)
            b = a + (m.start() if m else len(piece))
            if b > a and re.search(r"\w", text[a:b]):
                out.append((a, b))
    return out


def _split_coordinated_cues(cands: list[Candidate], text: str) -> None:
    """"X said A, arguing B" and "X promised A and said B" report two things: a verb of
    saying coordinated with, or in a participle after, the outer content starts its own
    attribution, and its clause leaves the outer content. A participle keeps the outer
    source (the subject of the sentence); a coordinated verb finds its own."""
    for inner in cands:
        verb = inner.cue[0]
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in lx.SPEECH_VERBS:
            continue  # only saying splits off: "and sensed ..." stays part of what was reported
        participle = verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","
        if not (participle or verb.dep_ == "conj"):
            continue
        for outer in cands:
            if outer is inner or not _inside_any(verb.idx, outer.content):
                continue
            cut = (verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
            if participle:
                cut = (verb.doc[verb.i - 1].idx, cut[1])
            remaining = _subtract(outer.content, cut, text)
            if not remaining:
                continue
            outer.content = remaining
            if participle and outer.source is not None:
                inner.source = outer.source


def _fix_sources_inside_quotes(doc: Doc, cands: list[Candidate], quote_inner: list[tuple[int, int]]) -> None:
    """A source inside quotation marks (the parse took a word of the quote as subject) is
    replaced by the noun phrase after the cue, or dropped."""
    for c in cands:
        if c.frame in ("colon", "dash"):
            continue
        if c.source is not None and not _inside_any(doc[c.source[0]].idx, quote_inner) \
                and doc[c.source[0]].ent_type_ not in ("DATE", "TIME"):
            continue
        c.source = _np_between_quote_and_cue(doc, c, quote_inner) or np_after(c.cue[0])


def _np_between_quote_and_cue(doc: Doc, c: Candidate, quote_inner: list[tuple[int, int]]) -> tuple[int, int] | None:
    """'"...," Flynn, a top surrogate, said': the words between a closing mark and the cue."""
    verb = c.cue[0]
    ends = [e for _, e in quote_inner if e <= verb.idx and verb.idx - e < 120]
    if not ends:
        return None
    start = doc.char_span(max(ends), verb.idx, alignment_mode="contract")
    if start is None:
        return None
    toks = [t for t in start if not (t.is_punct or t.is_space)]
    if not toks or len(toks) > 12 or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in toks) \
            or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    return toks[0].i, toks[-1].i + 1


def _make_direct(c: Candidate, qi: int, q: QuotedSpan) -> None:
    start = q.start
    if c.cue_start >= q.start and c.frame == "colon":  # '"PENCE: Well, ...': the words after the name
        start = c.cue_end
    if c.kind != "direct":
        c.kind = "direct"
        c.content = []
    c.quote_ids.append(qi)
    c.content = sorted(c.content + [(start, q.end)])


def _context_candidate(doc: Doc, text: str, q: QuotedSpan, qi: int, cands: list[Candidate],
                       by_quote: dict[int, Candidate], quote_inner: list[tuple[int, int]]) -> Candidate | None:
    """Rule 3, most telling evidence first: the paragraph it continues, "He said:" before
    it, "― Name" after it, a verb of saying next to it, the direct quotation it carries
    on, a verb of saying further off in its sentence, the attribution or the named person
    of the sentence before."""
    if q.continues is not None and q.continues in by_quote:
        c = by_quote[q.continues]
        _make_direct(c, qi, q)
        return c
    clause = _is_clause(doc, q)
    verb = _introducer_before(doc, text, q)
    if verb is not None:
        existing = next((c for c in cands if verb in c.cue), None)
        if existing is not None:
            _make_direct(existing, qi, q)
            return existing
        c = Candidate(cue=[verb], frame="clause", content=[], source=source_of(verb))
        _make_direct(c, qi, q)
        return c
    sig = _signature_after(doc, text, q)
    if sig is not None:
        c = Candidate(cue=sig[0], frame="dash", content=[], source=sig[1])
        _make_direct(c, qi, q)
        return c
    verb = _speech_cue_near(doc, q, quote_inner)
    adjacent = verb is not None and _adjacent(text, q, verb)
    standalone = _standalone(text, q)
    if not adjacent and standalone:
        prev = _previous_attribution(text, q, cands)
        if prev is not None and prev.kind == "direct":
            _make_direct(prev, qi, q)  # '"X," she said of it. "Y."' carries on her quotation
            return prev
    if verb is not None:
        existing = next((c for c in cands if verb in c.cue), None)
        if existing is not None:
            if clause and (existing.kind == "direct" or (not existing.partial_ids and adjacent)):
                _make_direct(existing, qi, q)  # the quote is what was said, not the parse's guess
            else:
                existing.partial_ids.append(qi)
            return existing
        c = Candidate(cue=[verb], frame="quote", content=[], source=source_of(verb))
        if clause:
            _make_direct(c, qi, q)
        else:
            c.content = [(q.start, q.end)]
            c.partial_ids.append(qi)
        return c
    if clause and standalone:
        prev = _previous_attribution(text, q, cands)
        if prev is not None:
            _make_direct(prev, qi, q)
            return prev
        subject = _previous_person_subject(doc, text, q)
        if subject is not None:
            c = Candidate(cue=[subject.head], frame="context", content=[], source=np_range(subject))
            _make_direct(c, qi, q)
            return c
    return None


def _previous_person_subject(doc: Doc, text: str, q: QuotedSpan) -> Token | None:
    """'Stene spoke to reporters. "We came to listen."': a quotation standing alone after
    a sentence whose subject is a named person is that person's."""
    first = _token_at(doc, q.start)
    if first is None or first.sent.start == 0:
        return None
    prev = doc[first.sent.start - 1].sent
    if text[prev.end_char:q.start].count("\n") > 2 or _inside_any(prev.start_char, [(q.start, q.end)]):
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
