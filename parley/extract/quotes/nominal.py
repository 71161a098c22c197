"""Cues that are not verbs, and the scan of a document for every cue.

- "according to X, ...": X is the source, the clause the phrase modifies the content
  (read off the commas when the parse misreads the phrase);
- "in the latest poll, X leads": a finding, attributed to the record it is in;
- a noun of saying or thinking with its content as a complement (PolNeAR annotates
  these like verbs): a "that"-clause ("the claim that ..."), an infinitive ("his
  decision to ..."), or the object of a preposition ("criticism of X", "questions
  about Y"). The source is the noun's possessor, "by/from X", or, when the noun is what
  a verb takes ("X raised questions about", "X is a critic of"), that verb's subject.
"""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from parley.extract.quotes import lexicon as lx
from parley.extract.quotes.bounds import subtree
from parley.extract.quotes.frames import Candidate, candidate, np_range, source_of, verb_candidates, verb_lemma


def according_candidate(tok: Token) -> Candidate | None:
    """"according to X, ...": X is the source, the clause the phrase modifies the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or pobj is None or tok.head.i == tok.i:
        return _according_by_commas(tok)
    head = tok.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    content = subtree(head) - subtree(tok)
    return candidate([tok, to], "according", content, tok.doc, np_range(pobj)) or _according_by_commas(tok)


def _according_by_commas(tok: Token) -> Candidate | None:
    """When the parse misreads the phrase ("according to show insiders" as a verb,
    "According to X, the move reeks" as a noun phrase), its commas still tell: "According
    to SOURCE, CONTENT." at the start of a sentence, "CONTENT, according to SOURCE." at
    its end."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    sent = tok.sent
    words = [t for t in sent if not t.is_space]
    end = words[-1].i if words and words[-1].is_punct else sent.end
    if tok.i == words[0].i:  # According to X, ...
        comma = next((t.i for t in doc[tok.i + 2:end] if t.text == ","), None)
        if comma is None or comma == tok.i + 2:
            return None
        source, content = (tok.i + 2, comma), set(range(comma + 1, end))
    elif tok.i > sent.start and doc[tok.i - 1].text == ",":  # ..., according to X.
        if any(t.text == "," for t in doc[tok.i + 2:end]) or end <= tok.i + 2:
            return None
        source, content = (tok.i + 2, end), set(range(words[0].i, tok.i - 1))
    else:
        return None
    return candidate([tok, doc[tok.i + 1]], "according", content, doc, source)


def in_record_candidate(tok: Token) -> Candidate | None:
    """"In the latest poll, X leads": a finding attributed to the record it is in (the
    clause the phrase modifies), when that clause is not itself a report ("in a
    statement, she said" is her saying)."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    head = tok.head
    if pobj is None or tok.dep_ != "prep" or pobj.lemma_.lower() not in lx.FINDING_NOUNS \
            or head.pos_ not in ("VERB", "AUX") or verb_lemma(head) in _ALL_VERBS:
        return None
    return candidate([tok], "according", subtree(head) - subtree(tok), tok.doc, np_range(pobj))


def _has_that(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _complete(clause: Token) -> bool:
    """A clause with nothing missing ("that her assets are held abroad"), which a "that"
    can only introduce as a complement; a relative clause lacks its object ("the talk
    that he generated")."""
    deps = {c.dep_ for c in clause.children}
    return bool(deps & {"dobj", "nsubjpass", "attr", "acomp", "ccomp", "xcomp", "oprd"}) or clause.pos_ == "AUX"


def _noun_content(noun: Token, lemma: str) -> tuple[str, list[Token], set[int]] | None:
    """The frame ("that", "to" or "prep"), the extra cue words and the content tokens of a
    nominal cue."""
    for c in noun.children:
        if c.i < noun.i:
            continue
        # "the claim that ...": a "that" marking a clause (a relative "that" is its subject
        # or object), which the parse may still call a relative clause
        if c.dep_ in ("acl", "ccomp") and _has_that(c) or c.dep_ == "relcl" and _has_that(c) and _complete(c):
            return "that", [], subtree(c)
        if c.dep_ == "acl" and c.pos_ in ("VERB", "AUX") and lemma in lx.INTENT_NOUNS \
                and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children):
            return "to", [], subtree(c)  # "her decision to run"
        if c.dep_ == "prep" and c.lower_ in lx.NOUN_PREPS.get(lemma, ()):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:  # "criticism of the plan", "questions about his health"
                return "prep", [c], set().union(*(subtree(g) for g in objs))
    return None


def _noun_source(noun: Token) -> tuple[int, int] | None:
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return np_range(poss)
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "among")), None)
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if pobj is not None:
        return np_range(pobj)
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return source_of(noun.head)  # "X raised questions about", "X is a critic of"
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return source_of(noun.head.head)  # "she peppered him with attacks on ..."
    return None


def noun_candidate(noun: Token) -> Candidate | None:
    """"X's claim that ...", "the warning by X that ...", "his decision to ...",
    "criticism of X", "X raised questions about Y"."""
    lemma = noun.lemma_.lower()
    found = _noun_content(noun, lemma)
    if found is None:
        return None
    frame, extra, content = found
    source = _noun_source(noun)
    if source is None and frame == "to":
        return None  # "a decision to ...", no one's: more often a plan of the story than a stance
    return candidate(sorted([noun] + extra, key=lambda t: t.i), "noun", content, noun.doc, source)


def find_candidates(doc: Doc) -> list[Candidate]:
    """Every cue-based candidate of the document, in text order."""
    out: list[Candidate] = []
    verb_ids, noun_ids, according = _VERB_POS, _NOUN_POS, _ACCORDING
    for tok in doc:
        pos = tok.pos
        cand: Candidate | None = None
        if tok.lower == according:  # tagged VERB or ADP
            cand = according_candidate(tok)
        elif tok.lower == _IN:
            cand = in_record_candidate(tok)
        elif pos in verb_ids:
            if tok.lemma in _ALL_VERB_IDS or verb_lemma(tok) in _ALL_VERBS:
                out.extend(verb_candidates(tok))
            continue
        elif pos in noun_ids and tok.lemma in _NOUN_IDS:
            cand = noun_candidate(tok)
        if cand is not None:
            out.append(cand)
    return out


_ALL_VERBS = (lx.SPEECH_VERBS | lx.BELIEF_VERBS | lx.OBJECT_VERBS | lx.XCOMP_VERBS
              | frozenset(lx.PREP_FRAMES) | lx.AS_PUT_VERBS | lx.SEEM_VERBS)
# hashed forms: comparing the token's integer ids avoids building strings for every token
_ALL_VERB_IDS = frozenset(get_string_id(w) for w in _ALL_VERBS)
_NOUN_IDS = frozenset(get_string_id(w) for w in lx.CONTENT_NOUNS | lx.INTENT_NOUNS | frozenset(lx.NOUN_PREPS))
_ACCORDING = get_string_id("according")
_IN = get_string_id("in")
_VERB_POS = frozenset((VERB, AUX))
_NOUN_POS = frozenset((NOUN,))
