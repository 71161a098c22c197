"""Join parse-based candidates with quoted spans into attributions.

Rules, in order (each is general; none looks at particular words of a text):
1. A cue inside quotation marks, or inside another attribution's content, is speech
   within speech: only the outermost attribution is reported (as PolNeAR and PARC-style
   annotation do). Nested cues still say whose words a quoted fragment is: the innermost
   verb of saying around it ('X said officials described it as "Z"': the officials').
2. A quoted span that makes up nearly all of a candidate's content is that candidate's
   direct content; a shorter one inside it, or one after words of the cue's own clause
   ('said the plan was "dead"'), is a partial quote in an indirect content. A quotation
   taken up again after its cue in the same sentence ('"X," she said, "but Y"') is the
   same attribution.
3. A quoted span with no candidate is placed by ``context`` (the paragraph it continues,
   "He said:" before it, "― Name" after it, a verb of saying near it, the direct
   quotation it carries on, the sentence before).
4. A quoted fragment with none of these, or one marked as a name ("so-called", a short
   title-case phrase with no verb), is not speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from parley.extract.quotes import lexicon as lx
from parley.extract.quotes.context import context_candidate, is_name_or_scare, transcript_candidates
from parley.extract.quotes.frames import Candidate, np_after
from parley.extract.quotes.nominal import find_candidates
from parley.extract.quotes.marks import QuotedSpan, find_quoted_spans
from parley.extract.quotes.spans import inside_any, make_direct, overlap, subtract, token_at, widen


@dataclass
class Attribution:
    """An outermost attribution: a candidate plus the quoted fragments inside it."""

    cand: Candidate
    # quoted fragments inside the content: (index of the quoted span, the candidate whose
    # source said those words: the attribution itself or a cue nested in it)
    partials: list[tuple[int, Candidate]]
    rule: str


def attribute(doc: Doc, text: str | None = None, spans: list[QuotedSpan] | None = None,
              headline: Doc | None = None) -> list[Attribution]:
    """The outermost attributions of a doc. ``headline``: its title-case headline parsed
    again in sentence case (``headline.parse_headline``), whose cues replace those the
    doc's own parse found there."""
    text = doc.text if text is None else text
    spans = find_quoted_spans(text) if spans is None else spans
    top = [i for i, s in enumerate(spans) if s.level == 0]
    quote_inner = [(spans[i].inner_start, spans[i].inner_end) for i in top]
    found = find_candidates(doc)
    if headline is not None:
        cut = len(headline.text)
        found = [m for c in find_candidates(headline) if (m := _mapped(c, doc)) is not None] \
            + [c for c in found if c.cue_start >= cut]
    cands = [c for c in found + transcript_candidates(doc, text)
             if c.frame == "colon" or not inside_any(c.cue_start, quote_inner)]
    _split_coordinated_cues(cands, text)
    # rule 1: outermost only; nested cues still tell whose words a quoted fragment is
    every = cands
    extents = [(o, o.extent) for o in cands]
    cands = [c for c in cands if not any(o is not c and s <= c.cue_start < e and inside_any(c.cue_start, o.content)
                                         for o, (s, e) in extents)]
    cands.sort(key=lambda c: c.cue_start)
    by_quote: dict[int, Candidate] = {}
    partial_of: dict[int, Candidate] = {}
    for qi in top:
        q = spans[qi]
        if is_name_or_scare(doc, text, q):
            continue
        qext = (q.start, q.end)
        resumed = _resumed(doc, spans, qi, top, by_quote, cands)
        if resumed is not None:
            make_direct(resumed, qi, q)
            by_quote[qi] = resumed
            continue
        best, best_cover = None, 0.0
        for c in cands:
            inter = sum(overlap(seg, qext) for seg in c.content)
            if inter:
                size = sum(e - s for s, e in c.content)
                cover = inter / max(size, 1)
                if cover > best_cover:
                    best, best_cover = c, cover
        if best is not None:
            if (best_cover >= 0.8 and not _lead_in(best, q, text)) or best.kind == "direct":
                make_direct(best, qi, q)
                by_quote[qi] = best
            else:
                best.partial_ids.append(qi)
                partial_of[qi] = best
                best.content = widen(best.content, qext)
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
            cand = context_candidate(doc, text, q, qi, cands, by_quote, quote_inner)
            if cand is not None:
                if not any(c is cand for c in cands):
                    cands.append(cand)
                if cand.kind == "direct" and qi in cand.quote_ids:
                    by_quote[qi] = cand
                else:
                    partial_of[qi] = cand
    _join_continued(spans, top, by_quote)
    cands = _split_quotation(text, spans, top, cands)
    cands.sort(key=lambda c: c.cue_start)
    _fix_sources_inside_quotes(doc, every + [c for c in cands if not any(c is e for e in every)], quote_inner)
    said_by = _partial_speakers(doc, spans, cands, every)
    return [Attribution(cand=c, partials=[(qi, said_by[qi]) for qi in sorted(c.partial_ids)], rule=c.frame)
            for c in cands]


def _mapped(c: Candidate, doc: Doc) -> Candidate | None:
    """A candidate read off the re-parsed headline, on the doc's own tokens (the
    characters are the same)."""
    cue = []
    for t in c.cue:
        span = doc.char_span(t.idx, t.idx + len(t), alignment_mode="expand")
        if span is None or not len(span):
            return None
        cue.append(span[0])
    source = None
    if c.source is not None:
        head = c.cue[0].doc
        first, last = head[c.source[0]], head[c.source[1] - 1]
        span = doc.char_span(first.idx, last.idx + len(last), alignment_mode="expand")
        source = (span.start, span.end) if span is not None and len(span) else None
    return Candidate(cue=sorted(set(cue), key=lambda t: t.i), frame=c.frame, content=list(c.content),
                     source=source, kind=c.kind)


def _split_quotation(text: str, spans: list[QuotedSpan], top: list[int],
                     cands: list[Candidate]) -> list[Candidate]:
    """'"By locking in China," Mr. Obama said, "it now allowed me ..."': a cue standing
    between two quotations of one sentence, the first closing on a comma, says both; the
    first is a piece of the quotation whatever it was taken for (a fragment, a partial of
    the cue, another candidate's content), and nothing else the cue's parse found is."""
    for a, b in zip(top, top[1:], strict=False):
        p, q = spans[a], spans[b]
        gap = text[p.end:q.start]
        if "\n" in gap or re.search(r"[.!?]\s", gap) or len(gap.split()) > 15 \
                or not gap.rstrip().endswith(",") or "," not in text[p.inner_start:p.end][-3:]:
            continue
        inside = [c for c in cands if p.end <= c.cue_start and c.cue_end <= q.start]
        if len(inside) != 1:
            continue
        c = inside[0]
        if c.kind == "direct" and a in c.quote_ids and b in c.quote_ids:
            continue
        for o in cands:
            if o is not c:
                o.partial_ids = [i for i in o.partial_ids if i not in (a, b)]
                o.content = [seg for seg in o.content if seg != (p.start, p.end) and seg != (q.start, q.end)]
        kept = [spans[i] for i in c.quote_ids if i not in (a, b)]
        c.kind = "direct"
        c.partial_ids = [i for i in c.partial_ids if i not in (a, b)]
        c.quote_ids = sorted({*c.quote_ids, a, b})
        c.content = sorted({(x.start, x.end) for x in kept} | {(p.start, p.end), (q.start, q.end)})
    return [c for c in cands if c.content]


def _resumed(doc: Doc, spans: list[QuotedSpan], qi: int, top: list[int], by_quote: dict[int, Candidate],
             cands: list[Candidate]) -> Candidate | None:
    """'"X," Trump said at a rally, "but Y."': a quotation taken up again after its cue in
    the same sentence, with no other cue in between ('..., adding, "Y"'), is the same
    attribution."""
    k = top.index(qi)
    if k == 0 or top[k - 1] not in by_quote:
        return None
    c = by_quote[top[k - 1]]
    prev, q = spans[top[k - 1]], spans[qi]
    if not prev.end <= c.cue_start < q.start or c.kind != "direct":
        return None
    text = doc.text
    gap = text[prev.end:q.start]
    if "\n" in gap or re.search(r"[.!?]\s", gap) or not gap.rstrip().endswith(",") \
            or len(text[c.cue_end:q.start].split()) > 12:
        return None
    if any(o is not c and prev.end <= o.cue_start < q.start for o in cands):
        return None
    between = doc.char_span(c.cue_end, q.start, alignment_mode="contract")
    if between is not None and any(t.pos_ == "VERB" and t.lemma_.lower() in lx.SPEECH_VERBS for t in between):
        return None
    return c


def _lead_in(c: Candidate, q: QuotedSpan, text: str) -> bool:
    """Words of the cue's own clause between the cue and the quote ("said that the
    nation has become 'more ...'"): the quote is then a partial one inside an indirect
    attribution whose content runs from those words (as PolNeAR marks it)."""
    lo = c.cue_end if c.cue_end <= q.start else 0
    before = "".join(text[max(s, lo):min(e, q.start)] for s, e in c.content if s < q.start)
    return any(ch.isalnum() for ch in before)


_SAYING_FRAMES = ("according", "noun", "colon", "dash", "quote", "as")


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
        tok = token_at(doc, q.start)
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
        if c_size < size and inside_any(c.cue_start, outer.content):
            best, size = c, c_size
    return best


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
                make_direct(by_quote[qi], prev, spans[prev])
                by_quote[prev] = by_quote[qi]
                changed = True
            elif prev in by_quote and qi not in by_quote:
                make_direct(by_quote[prev], qi, spans[qi])
                by_quote[qi] = by_quote[prev]
                changed = True


def _split_coordinated_cues(cands: list[Candidate], text: str) -> None:
    """"X said A, arguing B" and "X promised A and said B" report two things: a verb of
    saying coordinated with, or in a participle after, the outer content starts its own
    attribution, and its clause leaves the outer content. A participle keeps the outer
    source (the subject of the sentence); a coordinated verb finds its own."""
    for inner in cands:
        verb = inner.cue[0]
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB":
            continue
        participle = verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","
        if participle:
            pass
        elif verb.dep_ != "conj" or (lemma not in lx.SPEECH_VERBS
                                     and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)):
            # only saying, or a clause with a subject of its own ("A said X and B accused Y"),
            # splits off: "and sensed ..." stays part of what was reported
            continue
        for outer in cands:
            if outer is inner:
                continue
            if not inside_any(verb.idx, outer.content):
                # the participle already left the content (an appended ", citing ...", see
                # bounds): it still says what the outer source did
                if participle and outer.source is not None and inside_any(verb.head.idx, outer.content) \
                        and outer.cue_start < verb.idx:
                    inner.source = outer.source
                continue
            cut = (verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
            if participle:
                cut = (verb.doc[verb.i - 1].idx, cut[1])
            remaining = subtract(outer.content, cut, text)
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
        if c.source is not None and not inside_any(doc[c.source[0]].idx, quote_inner) \
                and doc[c.source[0]].ent_type_ not in ("DATE", "TIME"):
            continue
        found = _np_between_quote_and_cue(doc, c, quote_inner) or np_after(c.cue[0])
        # the noun after a cue with no subject is often its object ("criticizing Trump",
        # "calls people 'losers'"): a phrase of the content is never its source
        if found is not None and any(overlap((doc[found[0]].idx, doc[found[1] - 1].idx + 1), seg)
                                     for seg in c.content):
            found = None
        c.source = found


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
