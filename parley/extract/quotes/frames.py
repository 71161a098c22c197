"""Attribution candidates from the dependency parse: cue, content and source.

A candidate is one cue with the span of what is attributed and the span of who it is
attributed to, found by the frame of the cue (see ``lexicon``). Quotation marks are not
looked at here; ``attribute`` joins candidates with quoted spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from parley.extract.quotes import lexicon as lx
from parley.extract.quotes.bounds import (  # noqa: F401  (segments, paragraph_of: used by other modules)
    QUOTE_CHARS, SUBJECTS, asked, more_infinitives, object_tail, paragraph_of, segments, subtree, trim_content,
    without_occasion,
)


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
        return min(t.idx for t in self.cue)

    @property
    def cue_end(self) -> int:
        return max(t.idx + len(t) for t in self.cue)

    @property
    def extent(self) -> tuple[int, int]:
        return min(s for s, _ in self.content), max(e for _, e in self.content)


def _cue_tokens(verb: Token) -> list[Token]:
    """The verb with its particle (``point out``, ``call for`` keeps the preposition apart)."""
    toks = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return sorted(toks, key=lambda t: t.i)


def _with_prep(cue: list[Token], prep: Token) -> list[Token]:
    """The cue with its content preposition when it follows the verb ("called for"); a
    preposition fronted with a relative ("to which Garner was referring") stays out, so
    the cue is never a span running backwards (the verb stays first)."""
    return cue + [prep] if prep.i > cue[-1].i else cue


# prepositions that more often give the occasion than the content ("attacked X on Twitter")
_PLACE_PREPS = frozenset(("on", "in", "at", "with"))

_SHARES_SUBJECT = ("conj", "xcomp", "advcl", "pcomp", "prep", "pobj", "acomp", "advmod")


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
        if tok.dep_ == "xcomp" and (ctl := _controller(tok)) is not None:
            found = np_range(ctl)  # "forced Stumpf to admit", "prompted NATO to order": the object
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


def _controller(xcomp: Token) -> Token | None:
    """The object of the verb an infinitive or participle depends on, standing before it
    ("forced Stumpf to admit", "left many nations feeling"): who does what the clause says
    (PolNeAR train: that object is the source of such a cue three times in four). The
    instrument of "used X to prove" is not: the subject uses it."""
    if xcomp.head.lemma_.lower() in _INSTRUMENT_VERBS:
        return None
    return next((c for c in xcomp.head.children if c.dep_ == "dobj" and c.i < xcomp.i
                 and c.pos_ in ("PROPN", "NOUN", "PRON")), None)


_INSTRUMENT_VERBS = frozenset("use employ spend take".split())


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


def candidate(cue: list[Token], frame: str, content_toks: set[int], doc: Doc,
              source: tuple[int, int] | None) -> Candidate | None:
    """A candidate whose content is the given tokens, within the cue's paragraph and
    without the writer's links and asides (``bounds.trim_content``)."""
    # a content reaching into another paragraph is a parse running over a line break;
    # quotations continued over paragraphs are joined later, from their marks
    lo, hi = paragraph_of(cue[0])
    segs = segments(trim_content({i for i in content_toks if lo <= i < hi}, doc), doc)
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


def _infinitive(children: list[Token]) -> Token | None:
    """The "to ..." clause of a verb ("vowed to leave")."""
    return next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                 and any(a.lower_ == "to" for a in c.children)), None)


def _evidence_subject(verb: Token) -> bool:
    """"The poll shows X", "the video reveals X": a record as the subject."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in lx.EVIDENCE_NOUNS


def _prep_content(verb: Token, preps: frozenset[str]) -> tuple[Token, set[int]] | None:
    """The object of the verb's content preposition ("called for X"), with what it is said
    of: the object of "see X as Y", and the passive subject ("[he] was accused of Y")."""
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            objs = [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                content = set().union(*(subtree(c) for c in objs))
                for c in verb.children:
                    if (c.dep_ == "dobj" and p.lower_ == "as" and c.i < p.i) \
                            or (c.dep_ == "nsubjpass" and not any(a.dep_ == "agent" for a in verb.children)):
                        content |= subtree(c)
                return p, content
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


def _clause_tokens(verb: Token, clause: Token) -> set[int]:
    """The reported clause, with the clauses coordinated with it that the parse hung on
    the verb as further complements ("said [A] and [B]")."""
    toks = subtree(clause)
    if clause.i < verb.i:
        return toks
    for c in verb.children:
        if c.dep_ == "ccomp" and c.i > clause.i and c is not clause:
            between = verb.doc[max(toks) + 1:c.left_edge.i]
            joined = any(t.dep_ == "cc" for t in between) or verb.doc[max(toks)].dep_ == "cc"
            if joined and all(t.dep_ == "cc" or t.is_punct for t in between):
                toks |= subtree(c) | {t.i for t in between}
        elif c.dep_ == "conj" and c.i > max(toks) and _more_of_the_content(verb, c):
            # "said [it will have 18 fact-checkers, and it will all be done in real time]":
            # a clause with a subject of its own, which the parse coordinated with the cue
            between = verb.doc[max(toks) + 1:c.left_edge.i]
            if any(t.dep_ == "cc" for t in between) and all(t.dep_ == "cc" or t.is_punct for t in between):
                toks |= subtree(c) | {t.i for t in between}
    return toks


_SPEAKER_PRONOUNS = frozenset("he she they we i you".split())


def _more_of_the_content(verb: Token, conj: Token) -> bool:
    """A clause coordinated with the cue is more of what was said when it has its own
    subject (not the speaker again: "said X, and he left") and is no report itself."""
    if conj.pos_ not in ("VERB", "AUX") or verb_lemma(conj) in lx.SPEECH_VERBS or verb_lemma(conj) in lx.BELIEF_VERBS:
        return False
    subj = next((c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is None or subj.lower_ in _SPEAKER_PRONOUNS:
        return False
    own = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return own is None or own.lower_ != subj.lower_


_CLAUSE_STOPS = frozenset((":", ";"))


_MISLEMMATISED = {"hop": "hope", "rat": "rate"}  # "hoped", "rated" given the lemma of "hop", "rat"


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, mended where the tagger's lemma is another verb's."""
    lemma = verb.lemma_.lower()
    fixed = _MISLEMMATISED.get(lemma)
    return fixed if fixed is not None and verb.lower_.startswith(fixed) else lemma


def _bare_participle(verb: Token, children: list[Token]) -> bool:
    """"..., compared with 32 percent": a past participle standing alone (no subject, no
    auxiliary) relates figures; no one is reported."""
    return verb.tag_ == "VBN" and verb.dep_ in ("prep", "advcl") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in children)


def _pro_form(children: list[Token]) -> set[int]:
    """"said as much", "thinks so": a word standing for what was said before, which
    PolNeAR takes as the content."""
    for c in children:
        if c.dep_ == "advmod" and c.lower_ in ("so", "much"):
            words = {c.i} | {a.i for a in c.children if a.lower_ == "as" and a.i == c.i - 1}
            if c.lower_ == "so" or len(words) == 2:
                return words
    return set()


def _said_after(verb: Token, children: list[Token]) -> set[int] | None:
    """"People like him, he said.": a sentence closed by ", <subject> said." whose words
    the parse did not join to the cue are what was said."""
    doc = verb.doc
    subj = next((c for c in children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.left_edge.i < 2 or doc[subj.left_edge.i - 1].text != ",":
        return None
    end = verb.i + 1
    while end < len(doc) and (doc[end].dep_ == "prt" or doc[end].is_space):
        end += 1
    if end < len(doc) and not (doc[end].is_punct and doc[end].text in ".!?"):
        return None
    lo, _ = paragraph_of(verb)
    start = max(lo, verb.sent.start)
    comma = subj.left_edge.i - 1
    return set(range(start, comma)) if comma - start >= 2 else None


def _after_colon(last: Token) -> list[tuple[int, int]] | None:
    """The unquoted words a colon right after the cue introduces: the rest of its
    paragraph, or the whole next paragraph when the colon ends it. None when there is no
    such colon or the words are quoted (quotations are placed from their marks)."""
    doc = last.doc
    k = last.i + 1
    if k >= len(doc) or doc[k].text != ":":
        return None
    lo, hi = paragraph_of(last)
    rest = [t for t in doc[k + 1:hi] if not t.is_space]
    if not rest:
        nxt = k + 1
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt >= len(doc):
            return None
        lo, hi = paragraph_of(doc[nxt])
        rest = [t for t in doc[nxt:hi] if not t.is_space]
    if not rest or rest[0].text in QUOTE_CHARS or not any(t.is_alpha for t in rest):
        return None
    return segments({t.i for t in rest}, doc) or None


def _as_aside(verb: Token, children: list[Token]) -> bool:
    """"as X put it", "as experts have noted": an adverbial "as"-clause of saying with a
    subject and nothing said of its own (at most "it")."""
    return verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in children) \
        and any(c.dep_ in SUBJECTS for c in children) \
        and all(c.lower_ == "it" for c in children if c.dep_ in ("dobj", "ccomp", "xcomp"))


def verb_candidates(verb: Token) -> list[Candidate]:
    """The one attribution a verb cue makes, by the first frame that fits: a clause, the
    words after "he added:", an "as X put it" aside, an inserted "she said", an
    infinitive, an object (or, when the object is the addressee, what follows it), a
    passive (with its agent or none), a prepositional object, "said so", and a sentence
    closed by ", he said." that the parse left apart."""
    doc = verb.doc
    lemma = verb_lemma(verb)
    children = list(verb.children)
    cue = _cue_tokens(verb)
    if lemma in lx.SEEM_VERBS:
        seem = _seeming(verb, children)
        return [seem] if seem is not None else []
    is_speech = lemma in lx.SPEECH_VERBS or lemma in lx.BELIEF_VERBS
    source = None  # the subject, looked up once a frame fits (most verbs have none)
    found: Candidate | None = None
    clause = _clause_of(verb, children)
    preps = lx.PREP_FRAMES.get(lemma, frozenset())
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if is_speech and clause is not None:
        found = candidate(cue, "clause", _clause_tokens(verb, clause), doc, source)
    elif is_speech and obj is None and (block := _after_colon(cue[-1])) is not None:
        # "The governor added:" and his words, unquoted, after the colon or in the next paragraph
        found = Candidate(cue=cue, frame="clause", content=block)
    elif (is_speech or lemma in lx.AS_PUT_VERBS) and _as_aside(verb, children):
        # "As X put it, ...", "which, as she noted, ...": the clause the aside comments on
        marks = {c.i for c in verb.head.children if c.dep_ == "mark"}  # "because", "if" link, not said
        found = candidate(cue, "as", subtree(verb.head) - subtree(verb) - marks, doc, source)
    elif is_speech and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ in SUBJECTS for c in children):
        # "The economy, she said, is strong": the head clause minus the inserted cue
        found = candidate(cue, "parataxis", subtree(verb.head) - subtree(verb), doc, source)
    elif lemma in lx.XCOMP_VERBS and (inf := _infinitive(children)):
        content = subtree(inf) | asked(verb, children, inf, cue) | more_infinitives(verb, inf)
        found = candidate(cue, "xcomp", content, doc, source)
    elif obj is not None and (lemma in lx.OBJECT_VERBS or (lemma in lx.EVIDENCE_VERBS and _evidence_subject(verb))):
        if _is_recipient(obj) and (pc := _prep_content(verb, preps)):
            found = candidate(_with_prep(cue, pc[0]), "prep", without_occasion(pc[1], doc), doc, source)
        elif not _is_recipient(obj):
            content = subtree(obj)
            for c in children:  # "called X a liar", "described X as Y", "accused X of Y"
                if c.i > obj.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and (
                        c.lower_ == "as" or (c.lower_ in preps and c.lower_ not in _PLACE_PREPS)))):
                    content |= subtree(c)
            content |= object_tail(verb, obj, children)
            found = candidate(cue, "object", without_occasion(content, doc), doc, source)
    elif lemma in lx.OBJECT_VERBS and (subj := next((c for c in children if c.dep_ == "nsubjpass"), None)) \
            and (agent := next((c for c in children if c.dep_ == "agent"), None)) \
            and (pobj := next((c for c in agent.children if c.dep_ == "pobj"), None)):
        found = candidate(cue + [agent], "passive", subtree(subj), doc, np_range(pobj))
        return [found] if found is not None else []
    elif (lemma in lx.OBJECT_VERBS or lemma in lx.SPEECH_VERBS) and not preps and lemma not in lx.PASSIVE_OTHER \
            and (subj := next((c for c in children if c.dep_ == "nsubjpass"), None)) \
            and any(c.dep_ == "auxpass" for c in children):
        # "the curfew was announced", "the plan is being criticized as ...": no one named
        content = subtree(subj).union(*(subtree(c) for c in children
                                        if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")))
        agent = next((c for c in children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        # "a different story was being told by The Daily Caller": the agent, when named
        found = candidate(cue, "passive", content, doc, np_range(pobj) if pobj is not None else None)
        return [found] if found is not None else []
    elif preps and not _bare_participle(verb, children) and (pc := _prep_content(verb, preps)):
        found = candidate(_with_prep(cue, pc[0]), "prep", without_occasion(pc[1], doc), doc, source)
    elif is_speech and (pro := _pro_form(children)):
        found = candidate(cue, "clause", pro, doc, source)  # "said as much", "thinks so"
    elif is_speech and (before := _said_after(verb, children)) is not None:
        found = candidate(cue, "parataxis", before, doc, source)
    if found is None:
        return []
    found.source = source_of(verb)
    if lemma not in lx.SPEECH_VERBS and lemma in lx.BELIEF_VERBS and found.frame == "clause" \
            and _generic_thinker(verb, found.source):
        return []  # "Imagine that ...", "you know that ...": no one's belief is reported
    return [found]


_SEEM_COMPLEMENTS = ("xcomp", "acomp", "oprd", "ccomp", "attr")
_REPORTING = lx.SPEECH_VERBS | lx.BELIEF_VERBS | lx.XCOMP_VERBS | lx.OBJECT_VERBS


def _seeming(verb: Token, children: list[Token]) -> Candidate | None:
    """"X seems to Y", "the team appeared paralyzed", "it appears that Z": the impression
    is the subject with the complement (PolNeAR's content, in two pieces), or the clause
    alone after an expletive "it"; no one is named as holding it. "appeared on TV", with
    no complement, reports nothing."""
    comps = [c for c in children if c.dep_ in _SEEM_COMPLEMENTS and c.i > verb.i]
    if any(c.pos_ == "VERB" and verb_lemma(c) in _REPORTING for c in comps):
        return None  # "seemed to suggest that ...": the verb of saying is the cue
    like = next((c for c in children if c.dep_ == "prep" and c.lower_ == "like" and c.i > verb.i), None)
    if not comps and like is None:
        return None
    content: set[int] = set().union(*(subtree(c) for c in comps)) if comps else subtree(like)  # type: ignore[arg-type]
    subj = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is not None and not (subj.lower_ in ("it", "there") and (subj.dep_ == "expl" or any(
            c.dep_ == "ccomp" for c in children) or any(g.dep_ == "ccomp" for c in comps for g in c.children))):
        content |= subtree(subj)
    if subj is None:
        return None  # "makes him seem kinder", "eager to seem ...": whose impression is not said
    # "seems credible to me": the one it seems so to holds the impression
    to = next((p for h in [verb, *comps] for p in h.children if p.dep_ == "prep" and p.lower_ == "to"
               and any(g.dep_ == "pobj" and g.pos_ in ("PRON", "PROPN") for g in p.children)), None)
    source = None
    if to is not None:
        pobj = next(g for g in to.children if g.dep_ == "pobj")
        source = np_range(pobj)
        content -= subtree(to)
    return candidate(_cue_tokens(verb), "seem", content, verb.doc, source)


def _generic_thinker(verb: Token, source: tuple[int, int] | None) -> bool:
    if source is None:
        return verb.tag_ == "VB"  # an imperative
    span = verb.doc[source[0]:source[1]]
    return len(span) == 1 and span[0].lower_ in ("you", "one")
