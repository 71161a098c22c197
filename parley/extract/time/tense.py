"""Tense of the verb that governs a span.

The tense decides the direction of underspecified dates ("met on Monday" -> the Monday
before the DCT, "will meet on Monday" -> the one after); ``dating.py`` uses the same
verbs to link facts to the time expressions that date them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from parley.extract.time import lexicon as lx


_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
# verbs whose infinitive complement happens later than they do ("plans to meet Monday")
_FUTURE_GOVERNOR_BASES = ("plan", "expect", "schedule", "set", "intend", "hope", "aim", "due",
                          "prepare", "slate", "seek", "want", "propose", "promise", "vow",
                          "decide", "agree", "pledge", "threaten", "try", "ask", "urge", "order",
                          "invite", "call", "need", "wish", "offer", "plot", "arrange")


def _inflections(base: str) -> set[str]:
    """Base, -s, -ed, -ing forms (with e-dropping and consonant doubling): the parser's
    tags suffice, so no lemmatizer is needed."""
    stem = base[:-1] if base.endswith("e") else base
    double = base + base[-1] if base[-1] in "tnp" and base[-2] in "aeiou" and len(base) <= 4 else base
    return {base, base + "s", stem + "ed", stem + "ing", double + "ed", double + "ing",
            base + "es", base[:-1] + "ied" if base.endswith("y") else base + "d"}


_FUTURE_GOVERNORS = set().union(*(_inflections(b) for b in _FUTURE_GOVERNOR_BASES)) | {
    "be", "is", "are", "was", "were", "been", "am", "go", "goes", "going", "went", "set",
    "sought", "due"}
_VERB_POS = ("VERB", "AUX")
_HAVE = {"has", "have", "'ve", "'s", "having"}  # perfect auxiliaries ("had" is past anyway)


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _paragraph_break_between(doc: Doc, i: int, j: int) -> bool:
    """A blank line between tokens i and j: the parser sometimes runs a sentence on across
    a paragraph break, and a verb of the other paragraph governs nothing here."""
    lo, hi = min(i, j), max(i, j)
    return any(t.is_space and t.text.count("\n") >= 2 for t in doc[lo:hi])


def governing_verb(span: Span) -> Token | None:
    """The nearest verb above the span in the parse, else the nearest verb in the sentence
    (never one across a paragraph break)."""
    doc = span.doc
    tok = span.root
    for _ in range(8):
        if tok.pos_ in _VERB_POS and not (span.start <= tok.i < span.end):
            return tok if not _paragraph_break_between(doc, span.start, tok.i) else _nearest_verb(span)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ in _VERB_POS and not (span.start <= tok.i < span.end) \
            and not _paragraph_break_between(doc, span.start, tok.i):
        return tok
    return _nearest_verb(span)


def _nearest_verb(span: Span) -> Token | None:
    sent = span.sent
    breaks = [t.i for t in sent if t.is_space and t.text.count("\n") >= 2]
    lo = max((b for b in breaks if b < span.start), default=sent.start)
    hi = min((b for b in breaks if b >= span.end), default=sent.end)
    verbs = [t for t in span.doc[lo:hi] if t.pos_ in _VERB_POS and not (span.start <= t.i < span.end)]
    return min(verbs, key=lambda t: abs(t.i - span.start)) if verbs else None


def tense_of(verb: Token | None, depth: int = 0) -> str | None:
    """past | future | present | None for a verb token. Non-finite verbs (participles,
    infinitives) take the tense of the verb they depend on, except that the infinitive
    of a verb of planning or intending points ahead ("agreed to meet on Monday")."""
    if verb is None or depth > 3:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    words |= {"be"} if words & {"be", "is", "are", "was", "were", "been", "being", "am"} else set()
    if "going" in words or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.rights)):
        return "future"
    head = verb.head if verb.head.i != verb.i else None
    has_to = any(a.lower_ == "to" for a in auxes)
    if has_to and head is not None and head.lower_ in _FUTURE_GOVERNORS:
        # "had been due to expire": the auxiliary hangs on the copula when the governor is
        # an adjective
        holders = [head] if head.pos_ in _VERB_POS or head.head.i == head.i else [head, head.head]
        if any(a.lower_ in ("had", "'d") and a.tag_ == "VBD" for h in holders for a in h.children
               if a.dep_ == "aux"):
            return "past"  # "had been scheduled to expire Friday": a plan already overtaken
        return "future"
    if has_to and "be" in words and verb.dep_ in ("acl", "relcl") and (head is None or head.pos_ not in _VERB_POS):
        return "future"  # "guidelines to be published": a thing still to be done
    finite = [t for t in [verb, *auxes] if t.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    if any(t.tag_ == "VBD" for t in finite):
        return "past"
    if verb.tag_ == "VBN" and words & _HAVE:
        return "past"  # present perfect: done by now
    if any(t.tag_ in ("VBZ", "VBP") for t in finite):
        return "present"
    # a participle or an infinitive: the tense of the clause it belongs to
    if head is not None and head.pos_ in _VERB_POS and verb.dep_ in (
            "xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "relcl", "csubj", "dep"):
        return tense_of(head, depth + 1)
    if head is not None and head.pos_ in ("ADP", "SCONJ", "ADJ") and head.head.pos_ in _VERB_POS:
        return tense_of(head.head, depth + 1)  # "since returning ...", "difficult to meet"
    if verb.tag_ == "VBN" and verb.dep_ not in ("acl", "amod"):
        return "past"
    return None


_NOMINAL_POS = ("NOUN", "PROPN", "ADJ", "NUM")


def attaches_to_noun(span: Span) -> bool:
    """True when the span directly modifies a noun or adjective ("the Oct. 23 slaying",
    "Wednesday's ruling", "payable Dec. 7"), where the clause's tense says little about it."""
    head = span.root.head
    return head.pos_ in _NOMINAL_POS and not (span.start <= head.i < span.end)


# verbs whose object is an event still to come: "has scheduled a news conference
# Thursday", "planned a march on Saturday"
_SCHEDULING = set().union(*(_inflections(b) for b in ("schedule", "plan", "slate"))) - {"plan", "schedule", "slate"}


def _scheduled(span: Span, verb: Token) -> bool:
    """The date is that of the scheduled thing, not of the scheduling ("Last April they
    planned to buy ...": an infinitive takes the plan's own date away)."""
    if verb.lower_ not in _SCHEDULING or verb.tag_ == "VBG" or verb.dep_ in ("acl", "amod") \
            or any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "a service planned for Saturday was cancelled": the main clause decides
    head = span.root.head
    if head.dep_ == "prep":  # "a march on Saturday"
        head = head.head
    return head.i == verb.i or (head.head.i == verb.i and head.dep_ in ("dobj", "nsubjpass"))


_REPORTING_FORMS = set().union(*(_inflections(b) for b in lx.REPORTING_VERBS)) | {"said", "told", "says", "tells"}


def under_reporting_verb(doc: Doc, start: int, end: int) -> bool:
    """True when the verb governing the span is one of saying or making known."""
    span = span_of(doc, start, end)
    verb = governing_verb(span) if span is not None else None
    return verb is not None and verb.lower_ in _REPORTING_FORMS


_PAST_FUTURE_AUX = {"would", "'d"}


def future_in_past(doc: Doc, start: int, end: int) -> bool:
    """True when the governing verb is a future seen from the past ("said Tuesday that
    talks would resume Thursday"): it lies ahead of the past time told, not of the DCT."""
    span = span_of(doc, start, end)
    verb = governing_verb(span) if span is not None else None
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in _PAST_FUTURE_AUX for c in verb.children)


def direction_at(doc: Doc, start: int, end: int, strict: bool = False) -> str | None:
    """Tense of the verb governing the span; ``strict``: None when the span modifies a noun.
    A date hanging on a verb of scheduling (or on its object) lies ahead."""
    span = span_of(doc, start, end)
    if span is None:
        return None
    verb = governing_verb(span)
    if verb is not None and _scheduled(span, verb):
        return "future"
    if strict and attaches_to_noun(span):
        return None
    return tense_of(verb)
