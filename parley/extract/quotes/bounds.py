"""Where an attributed content starts and ends (PolNeAR's span conventions).

The parse gives a content as a subtree; the annotators' spans differ from it in regular
ways, which these functions apply (each checked on the PolNeAR dev split, odd and even
texts apart):
- the writer's links and asides are left out: a leading "But", "However,"; a trailing
  ", although ..."; an appended ", which ..." or ", citing ...";
- what the parse hung elsewhere is taken in: the addressee of "urged X to ...", the
  passive subject of "X is expected to ...", the phrases after an object that the
  parse attached to the verb ("cited endorsements [from 88 generals]"), the bare verbs
  coordinated with the cue rather than with its infinitive.
Also the low-level helpers on token sets shared by the quote modules.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Token

from parley.extract.quotes import lexicon as lx

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`"


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
        while run and doc[run[0]].is_punct and doc[run[0]].text not in QUOTE_CHARS:
            run = run[1:]
        while run and doc[run[-1]].is_punct and doc[run[-1]].text not in QUOTE_CHARS:
            run = run[:-1]
        if run and any(doc[i].is_alpha or doc[i].is_digit for i in run):
            out.append((doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])))
    return out


def subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


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
            return toks - subtree(tok.head) - {tok.i - 1}
    return toks


_CONCESSIVE = frozenset(("although", "though"))


def _without_appendix(toks: set[int], doc: Doc) -> set[int]:
    """What the writer appends after a comma at the end of the content, describing it
    rather than reporting it: ", which ...", ", focusing on ..."."""
    if not toks:
        return toks
    first, last = min(toks), max(toks)
    for i in sorted(toks):
        tok = doc[i]
        start = tok.left_edge.i
        if start <= first + 1 or doc[start - 1].text != "," or tok.right_edge.i < last - 1 \
                or tok.head.i not in toks:
            continue
        if (tok.dep_ == "relcl" and doc[start].lower_ in ("which", "who")) \
                or (tok.dep_ == "advcl" and tok.tag_ == "VBG" and start == i):
            return {j for j in toks if j < start - 1}
    return toks


# "WASHINGTON (AFP) -", "KYIV, Ukraine —": the dateline opening a wire story's first line
_DATELINE = re.compile(r"[A-Z][\w.'\u2019-]*(?:[ ,]+[A-Z][\w.'\u2019-]*){0,3}\s*(?:\([^()\n]{1,30}\)\s*)?"
                       r"[-\u2013\u2014]+\s+")


def _without_dateline(toks: set[int], doc: Doc) -> set[int]:
    """A content that opens a story's line leaves out the dateline before its words."""
    if not toks:
        return toks
    first = doc[min(toks)]
    if first.i > 0 and "\n" not in doc[first.i - 1].text and not doc[first.i - 1].is_space:
        return toks  # not at the start of a line
    m = _DATELINE.match(doc.text, first.idx)
    if m is None or m.end() - first.idx > 60:
        return toks
    return {i for i in toks if doc[i].idx >= m.end()}


# prepositions of the circumstances of saying ("in a statement", "on Friday")
_CIRCUMSTANCE_PREPS = frozenset("in on at during with before after via through".split())


def _occasion(prep: Token) -> bool:
    """A phrase giving when or through what something was said ("in a statement", "on
    Twitter", "at a rally", "in July"), not what was said (PolNeAR train: annotators
    leave such a phrase after a nominal content out three times in four or more)."""
    if prep.dep_ == "npadvmod":
        return prep.ent_type_ in ("DATE", "TIME")
    if prep.dep_ != "prep" or prep.lower_ not in _CIRCUMSTANCE_PREPS:
        return False
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return False
    lemma = pobj.lemma_.lower()
    return pobj.ent_type_ in ("DATE", "TIME") or lemma in lx.CHANNEL_NOUNS or lemma in lx.EVENT_NOUNS \
        or lemma in lx.MEDIA_ON


def without_occasion(toks: set[int], doc: Doc) -> set[int]:
    """A nominal content (an object, a prepositional object) without the phrases closing
    it that give the occasion of saying ("criticized [X] in a statement on Friday")."""
    changed = True
    while changed and toks:
        changed = False
        first, last = min(toks), max(toks)
        for i in sorted(toks):
            tok = doc[i]
            if tok.i > first + 1 and tok.left_edge.i > first + 1 and tok.right_edge.i == last and _occasion(tok):
                toks = {j for j in toks if j < tok.left_edge.i}
                changed = True
                break
    return toks


def trim_content(toks: set[int], doc: Doc) -> set[int]:
    """A content's tokens without the writer's links and asides (see the module doc)."""
    toks = _without_dateline(toks, doc)
    return _without_appendix(_without_concession(_without_connective(toks, doc), doc), doc)


def asked(verb: Token, children: list[Token], inf: Token, cue: list[Token]) -> set[int]:
    """Who is asked, urged or expected to do something is part of what is attributed
    (PolNeAR: "urged [North Korea to resume talks]", "[Clinton] is expected [to visit]"):
    the object before the infinitive, the object of "call on", or a passive subject."""
    for c in children:
        if c.i > inf.i or (c.i < verb.i and c.dep_ != "nsubjpass"):
            continue
        if c.dep_ == "dobj":  # with what stands between ("urged X at a rally to ...")
            return set(range(c.left_edge.i, inf.left_edge.i))
        if c.dep_ == "nsubjpass" and verb.lemma_.lower() in lx.RAISING_VERBS:
            return subtree(c)
        if c.dep_ == "prep" and c.lower_ == "on" and verb.lemma_.lower() == "call":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                cue.append(c)
                return subtree(pobj)
    return set()


def object_tail(verb: Token, obj: Token, children: list[Token]) -> set[int]:
    """What the parse hung on the verb but belongs to its object ("cited endorsements [from
    88 generals]", "echoed statements by X [last week that ...]"): the verb's dependents
    right after the object, up to a comma or a clause of its own."""
    out: set[int] = set()
    end = obj.right_edge.i
    for c in sorted(children, key=lambda t: t.i):
        if c.i <= end or c.dep_ not in _TAIL_DEPS:
            if c.i > end:
                break
            continue
        if c.left_edge.i != end + 1 or verb.doc[c.left_edge.i].is_punct \
                or (c.dep_ == "prep" and c.lower_ in _OCCASION_PREPS):
            break
        out |= subtree(c)
        end = c.right_edge.i
    return out


# prepositions that give the occasion of saying ("in an email", "during the debate")
_OCCASION_PREPS = frozenset("during at amid before after since throughout following".split())

_TAIL_DEPS = frozenset(("prep", "npadvmod", "acl", "relcl", "ccomp", "dative", "advmod"))


def more_infinitives(verb: Token, inf: Token) -> set[int]:
    """"wants to triple X, grow Y and create Z": bare verbs the parse coordinated with the
    cue rather than with its infinitive are more of what is wanted."""
    if verb.tag_ == "VB":
        return set()
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ == "conj" and c.i > inf.i and c.tag_ == "VB" and not any(
                a.dep_ in SUBJECTS for a in c.children):
            out |= subtree(c) | {t.i for t in verb.doc[inf.right_edge.i + 1:c.i] if t.dep_ in ("cc", "punct")
                                  or t.head.i == c.i}
    return out
