"""Attribution candidates from the dependency parse: cue, content and source.

A candidate is one cue with the span of what is attributed and the span of who it is
attributed to, found by the frame of the cue (see ``lexicon``). Quotation marks are not
looked at here; ``attribute`` joins candidates with quoted spans.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from parley.extract.quotes import lexicon as lx

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`"


@dataclass
class Candidate:
    """A cue with its content (char segments) and source (token range, end exclusive)."""

    cue: list[Token]
    frame: str  # clause | parataxis | object | passive | xcomp | prep | according | noun | colon | dash | context
    content: list[tuple[int, int]]
    source: tuple[int, int] | None = None  # token indices [start, end)
    kind: str = "indirect"  # indirect | direct
    quote_ids: list[int] = field(default_factory=list)  # quoted spans that make up a direct content
    partial_ids: list[int] = field(default_factory=list)  # quoted fragments inside the content

    @property
    def cue_start(self) -> int:
        return self.cue[0].idx

    @property
    def cue_end(self) -> int:
        return self.cue[-1].idx + len(self.cue[-1])

    @property
    def extent(self) -> tuple[int, int]:
        return min(s for s, _ in self.content), max(e for _, e in self.content)


def segments(tokens: set[int], doc: Doc) -> list[tuple[int, int]]:
    """Char segments covering token indices, split at gaps; edge punctuation trimmed
    except quotation marks, which belong to a quoted content."""
    if not tokens:
        return []
    order = sorted(tokens)
    runs: list[list[int]] = [[order[0]]]
    for i in order[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        while run and doc[run[0]].is_punct and doc[run[0]].text not in _QUOTE_CHARS:
            run = run[1:]
        while run and doc[run[-1]].is_punct and doc[run[-1]].text not in _QUOTE_CHARS:
            run = run[:-1]
        if run and any(doc[i].is_alpha or doc[i].is_digit for i in run):
            out.append((doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])))
    return out


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _cue_tokens(verb: Token) -> list[Token]:
    """The verb with its particle (``point out``, ``call for`` keeps the preposition apart)."""
    toks = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return sorted(toks, key=lambda t: t.i)


# prepositions that more often give the occasion than the content ("attacked X on Twitter")
_PLACE_PREPS = frozenset(("on", "in", "at", "with"))

_SHARES_SUBJECT = ("conj", "xcomp", "advcl", "pcomp", "prep")


def source_of(verb: Token) -> tuple[int, int] | None:
    """The subject of a cue, climbing through clauses that share it: coordinated, infinitive
    and participial ones (``spoke and said``, ``went on to say``, ``..., saying``), and a
    gerund after a preposition (``by announcing``). A relative "that" stands for the noun
    it modifies; "a report saying" has the report as source. A subject in another
    paragraph than the cue is a parse error and is not taken."""
    tok = verb
    found: tuple[int, int] | None = None
    for _ in range(6):
        # the subject nearest the verb: in '"X," the aide said' a word of the quote may be
        # parsed as a second subject further left
        # a passive subject shares the clause only above the cue ("after saying X, she was
        # taken to hospital"); the cue's own is what was said ("X is said to ...")
        deps = ("nsubj", "csubj") if tok.i == verb.i else ("nsubj", "csubj", "nsubjpass")
        subjects = [c for c in tok.children if c.dep_ in deps]
        subj = min(subjects, key=lambda c: abs(c.i - tok.i)) if subjects else None
        if subj is None and (before := _verb_before_participle(tok)) is not None:
            tok = before  # '"...," Sanders said, going on to say ...': the parse may hang
            continue      # the participle elsewhere; it shares the subject of the verb before
        if subj is None and tok.i == verb.i:
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                found = np_range(pobj)
                break
        if subj is not None:
            if subj.lower_ == "that" and tok.dep_ == "relcl":
                found = np_range(tok.head)
            else:
                found = np_range(subj)
            break
        if tok.dep_ in _SHARES_SUBJECT and tok.head.i != tok.i:
            tok = tok.head
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):  # "a report saying ..."
            noun = tok.head
            # "she spoke at a news conference announcing ...": whoever holds the event
            if noun.lemma_.lower() in lx.EVENT_NOUNS and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
                    and noun.head.head.pos_ in ("VERB", "AUX"):
                tok = noun.head.head
                continue
            found = np_range(noun)
        break
    if found is None:
        return None
    # the parse may run a subject over a line break ("11:05 a.m.\n\nDonald Trump"): keep
    # the part in the cue's paragraph, and no subject if its head is in another one
    lo, hi = paragraph_of(verb)
    start, end = max(found[0], lo), min(found[1], hi)
    doc = verb.doc
    if start >= end or not lo <= doc[found[0]:found[1]].root.i < hi:
        return None
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    return (start, end) if start < end else None


def _verb_before_participle(tok: Token) -> Token | None:
    """The verb right before ", <participle>" when it has a subject of its own."""
    doc = tok.doc
    if tok.tag_ != "VBG" or tok.i < 2 or doc[tok.i - 1].text != "," or tok.head.i == tok.i - 2:
        return None
    prev = doc[tok.i - 2]
    if prev.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in prev.children):
        return prev
    return None


def np_after(verb: Token) -> tuple[int, int] | None:
    """A noun phrase right after the cue ("..., said the senator"), for when the parse put
    the subject somewhere that cannot be the speaker."""
    for c in verb.rights:
        if c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "dep", "appos", "nsubjpass") \
                and c.pos_ in ("PROPN", "NOUN", "PRON") and c.ent_type_ not in ("DATE", "TIME"):
            return np_range(c)
        if not c.is_punct:
            break
    return None


def np_range(tok: Token) -> tuple[int, int]:
    """The noun phrase of a subject, without trailing relative clauses or participles
    (those describe the source, they are not its name)."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    for a in tok.children:
        if a.i > tok.i and a.dep_ in ("relcl", "acl"):
            end = min(end, a.left_edge.i)
    doc = tok.doc
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


_breaks_cache: list = [None, []]  # [doc, token indices of line breaks]: the last doc only


def paragraph_of(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the paragraph (line) holding ``tok``. The line breaks
    of a doc are listed once and kept for the doc being processed (holding it, so the
    entry cannot be mistaken for another doc's)."""
    doc = tok.doc
    if _breaks_cache[0] is not doc:
        _breaks_cache[0] = doc
        _breaks_cache[1] = [t.i for t in doc if t.is_space and "\n" in t.text]
    breaks = _breaks_cache[1]
    k = bisect_left(breaks, tok.i)
    start = breaks[k - 1] + 1 if k > 0 else 0
    end = breaks[k] if k < len(breaks) else len(doc)
    if end == tok.i:  # the token is itself a line break
        end = tok.i + 1
    return start, end


# dependents that, short and followed by a comma, open a sentence as a link to the text
# before ("However,", "In addition,", "For instance,")
_CONNECTIVE_DEPS = frozenset(("advmod", "prep"))


def _without_connective(toks: set[int], doc: Doc) -> set[int]:
    """A content leaves out what links its sentence to the text before: a leading "But",
    "And", or "However," (the writer's words, not the source's)."""
    if not toks:
        return toks
    first = doc[min(toks)]
    while first.is_punct and first.i + 1 in toks:
        first = doc[first.i + 1]
    if first.dep_ == "cc" and first.head.i in toks:
        return {i for i in toks if i > first.i}
    if first.dep_ in _CONNECTIVE_DEPS and first.head.i in toks and first.head.i > first.right_edge.i \
            and first.right_edge.i - first.left_edge.i < 3:
        end = first.right_edge.i + 1
        if end < len(doc) and doc[end].text == ",":
            return {i for i in toks if i > end}
    return toks


def _without_concession(toks: set[int], doc: Doc) -> set[int]:
    """", although he refused ...": a concession after the content is the writer's aside
    (PolNeAR's annotators leave it out), and a cue in it reports on its own."""
    for i in sorted(toks):
        tok = doc[i]
        if tok.dep_ == "mark" and tok.lower_ in _CONCESSIVE and tok.head.dep_ == "advcl" \
                and tok.head.head.i in toks and tok.i > 0 and doc[tok.i - 1].text == "," \
                and tok.i > min(toks):
            return toks - _subtree(tok.head) - {tok.i - 1}
    return toks


_CONCESSIVE = frozenset(("although", "though"))


def _cand(cue: list[Token], frame: str, content_toks: set[int], doc: Doc,
          source: tuple[int, int] | None) -> Candidate | None:
    # a content reaching into another paragraph is a parse running over a line break;
    # quotations continued over paragraphs are joined later, from their marks
    lo, hi = paragraph_of(cue[0])
    toks = _without_concession(_without_connective({i for i in content_toks if lo <= i < hi}, doc), doc)
    segs = segments(toks, doc)
    if not segs:
        return None
    return Candidate(cue=cue, frame=frame, content=segs, source=source)


def _is_recipient(obj: Token) -> bool:
    """An object that is the addressee ("asked the crowd", "urged him"), not the content:
    only verbs directed at someone have one ("endorsed Clinton" names the content)."""
    if obj.head.lemma_.lower() not in lx.ADDRESSEE_VERBS:
        return False
    return obj.pos_ == "PRON" and obj.lower_ not in ("what", "that", "this", "it", "those", "these", "much") \
        or obj.ent_type_ in ("PERSON", "NORP") or obj.lemma_.lower() in lx.AUDIENCE_NOUNS


def _asked(verb: Token, children: list[Token], inf: Token, cue: list[Token]) -> set[int]:
    """Who is asked, urged or expected to do something is part of what is attributed
    (PolNeAR: "urged [North Korea to resume talks]", "[Clinton] is expected [to visit]"):
    the object before the infinitive, the object of "call on", or a passive subject."""
    for c in children:
        if c.i > inf.i or (c.i < verb.i and c.dep_ != "nsubjpass"):
            continue
        if c.dep_ == "dobj":  # with what stands between ("urged X at a rally to ...")
            return set(range(c.left_edge.i, inf.left_edge.i))
        if c.dep_ == "nsubjpass" and verb.lemma_.lower() in lx.RAISING_VERBS:
            return _subtree(c)
        if c.dep_ == "prep" and c.lower_ == "on" and verb.lemma_.lower() == "call":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                cue.append(c)
                return _subtree(pobj)
    return set()


def _infinitive(children: list[Token]) -> Token | None:
    """The "to ..." clause of a verb ("vowed to leave")."""
    return next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                 and any(a.lower_ == "to" for a in c.children)), None)


def _evidence_subject(verb: Token) -> bool:
    """"The poll shows X", "the video reveals X": a record as the subject."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in lx.EVIDENCE_NOUNS


def _prep_content(verb: Token, preps: frozenset[str]) -> tuple[Token, set[int]] | None:
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            objs = [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return p, set().union(*(_subtree(c) for c in objs))
    return None


_WH = frozenset(("whether", "how", "why", "what", "where", "who"))  # not "when", "if": a time, a condition


def _clause_of(verb: Token, children: list[Token]) -> Token | None:
    """The clause a verb reports: its complement clause nearest to it in its paragraph,
    leaving out one before it across a colon, semicolon or dash ("X is predictable -
    Trump has vowed to ...", "X happened: Republicans said Y" report what follows)."""
    clauses = [c for c in children if c.dep_ == "ccomp"]
    if not clauses:  # "have not said when they would ...", "asked whether ...": a question
        clauses = [c for c in children if c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ in _WH]
    if not clauses:
        return None
    doc = verb.doc
    lo, hi = paragraph_of(verb)
    kept = [c for c in clauses if lo <= c.i < hi and (c.i > verb.i or not any(
        t.text in _CLAUSE_STOPS for t in doc[c.i + 1:verb.i]))]
    return min(kept, key=lambda c: abs(c.i - verb.i)) if kept else None


_CLAUSE_STOPS = frozenset((":", ";"))


_MISLEMMATISED = {"hop": "hope"}  # "hopes", "hoped" given the lemma of "hop"


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, mended where the tagger's lemma is another verb's."""
    lemma = verb.lemma_.lower()
    fixed = _MISLEMMATISED.get(lemma)
    return fixed if fixed is not None and verb.lower_.startswith(fixed) else lemma


def _as_aside(verb: Token, children: list[Token]) -> bool:
    """"as X put it", "as experts have noted": an adverbial "as"-clause of saying with a
    subject and nothing said of its own (at most "it")."""
    return verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in children) \
        and any(c.dep_ in _SUBJECTS for c in children) \
        and all(c.lower_ == "it" for c in children if c.dep_ in ("dobj", "ccomp", "xcomp"))


def verb_candidates(verb: Token) -> list[Candidate]:
    """The one attribution a verb cue makes, by the first frame that fits: a clause, an
    inserted "she said", an infinitive, an object (or, when the object is the addressee,
    what follows it), a passive with its agent, a prepositional object."""
    doc = verb.doc
    lemma = verb_lemma(verb)
    children = list(verb.children)
    cue = _cue_tokens(verb)
    is_speech = lemma in lx.SPEECH_VERBS or lemma in lx.BELIEF_VERBS
    source = None  # the subject, looked up once a frame fits (most verbs have none)
    found: Candidate | None = None
    clause = _clause_of(verb, children)
    preps = lx.PREP_FRAMES.get(lemma, frozenset())
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if is_speech and clause is not None:
        found = _cand(cue, "clause", _subtree(clause), doc, source)
    elif (is_speech or lemma in lx.AS_PUT_VERBS) and _as_aside(verb, children):
        # "As X put it, ...", "which, as she noted, ...": the clause the aside comments on
        marks = {c.i for c in verb.head.children if c.dep_ == "mark"}  # "because", "if" link, not said
        found = _cand(cue, "as", _subtree(verb.head) - _subtree(verb) - marks, doc, source)
    elif is_speech and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ in _SUBJECTS for c in children):
        # "The economy, she said, is strong": the head clause minus the inserted cue
        found = _cand(cue, "parataxis", _subtree(verb.head) - _subtree(verb), doc, source)
    elif lemma in lx.XCOMP_VERBS and (inf := _infinitive(children)):
        found = _cand(cue, "xcomp", _subtree(inf) | _asked(verb, children, inf, cue), doc, source)
    elif obj is not None and (lemma in lx.OBJECT_VERBS or (lemma in lx.EVIDENCE_VERBS and _evidence_subject(verb))):
        if _is_recipient(obj) and (pc := _prep_content(verb, preps)):
            found = _cand(cue + [pc[0]], "prep", pc[1], doc, source)
        elif not _is_recipient(obj):
            content = _subtree(obj)
            for c in children:  # "called X a liar", "described X as Y", "accused X of Y"
                if c.i > obj.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and (
                        c.lower_ == "as" or (c.lower_ in preps and c.lower_ not in _PLACE_PREPS)))):
                    content |= _subtree(c)
            found = _cand(cue, "object", content, doc, source)
    elif lemma in lx.OBJECT_VERBS and (subj := next((c for c in children if c.dep_ == "nsubjpass"), None)) \
            and (agent := next((c for c in children if c.dep_ == "agent"), None)) \
            and (pobj := next((c for c in agent.children if c.dep_ == "pobj"), None)):
        found = _cand(cue + [agent], "passive", _subtree(subj), doc, np_range(pobj))
        return [found] if found is not None else []
    elif preps and (pc := _prep_content(verb, preps)):
        found = _cand(cue + [pc[0]], "prep", pc[1], doc, source)
    if found is None:
        return []
    found.source = source_of(verb)
    if lemma not in lx.SPEECH_VERBS and lemma in lx.BELIEF_VERBS and found.frame == "clause" \
            and _generic_thinker(verb, found.source):
        return []  # "Imagine that ...", "you know that ...": no one's belief is reported
    return [found]


def _generic_thinker(verb: Token, source: tuple[int, int] | None) -> bool:
    if source is None:
        return verb.tag_ == "VB"  # an imperative
    span = verb.doc[source[0]:source[1]]
    return len(span) == 1 and span[0].lower_ in ("you", "one")
