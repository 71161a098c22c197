"""Small, pure helpers over spaCy's dependency parse (English, ClearNLP labels)."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from parley.nlp.credits import credit_tokens
from parley.records import SubjectLink

# verbs whose object is the understood subject of their infinitive: "urged X to ..."
OBJECT_CONTROL = frozenset({
    "urge", "ask", "call", "order", "force", "allow", "permit", "persuade", "pressure", "press",
    "invite", "require", "tell", "encourage", "compel", "instruct", "help", "enable", "want",
    "expect", "lead", "prompt", "push", "demand",
})
# participial modifiers whose "by" phrase names the doer: "talks led by X"
AGENTIVE_PARTICIPLES = frozenset({
    "lead", "host", "chair", "broker", "organize", "organise", "attend", "spearhead", "mediate",
    "conduct", "hold", "sponsor", "launch", "back", "support", "initiate", "convene", "stage",
})
CLAUSAL_DEPS = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "pcomp", "csubj"})


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB") and tok.pos_ != "PROPN")


def children(tok: Token, *deps: str) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ in deps:
            yield c


def first_child(tok: Token, *deps: str) -> Token | None:
    return next(children(tok, *deps), None)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def prep_objects(tok: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs hanging from a token, including "according to"-style
    two-word prepositions folded to their last word and objects of conjoined preps."""
    for prep in tok.children:
        if prep.dep_ not in ("prep", "agent", "dative") or prep.pos_ not in ("ADP", "SCONJ", "ADV", "PART"):
            continue
        word = prep.lower_
        for pobj in prep.children:
            if pobj.dep_ in ("pobj", "pcomp"):
                yield word, pobj
            elif pobj.dep_ == "prep":  # "out of", "away from"
                for inner in pobj.children:
                    if inner.dep_ == "pobj":
                        yield pobj.lower_, inner


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, tuple[SubjectLink, ...]]:
    """The token that is the understood subject of ``verb`` and how it was found (the
    links climbed, outermost first; empty when there is none).

    Climbs through control ("agreed to set up"), object control ("urged X to"),
    coordination ("met and agreed"), participles ("..., targeting"), relative clauses
    and participial modifiers ("talks led by").
    """
    if depth > 6:
        return None, ()
    credits = credit_tokens(verb.doc)
    for c in verb.children:
        if c.dep_ not in ("nsubj", "csubj"):
            continue
        if c.i not in credits:
            return c, (SubjectLink.NSUBJ,)
        # a dateline the parser took for a subject ("OSLO — A drone struck") is none; the
        # subject it hung from it is ("OSLO — US envoy X met ...", X an apposition)
        hung = next((g for g in c.children if g.i not in credits and g.dep_ in ("appos", "dep")
                     and g.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if hung is not None:
            return hung, (SubjectLink.NSUBJ,)
    if is_passive(verb):
        agent = first_child(verb, "agent")
        if agent is not None:
            pobj = first_child(agent, "pobj")
            if pobj is not None:
                return pobj, (SubjectLink.AGENT,)
        return None, ()
    dep, head = verb.dep_, verb.head
    if head is verb:
        return None, ()
    if dep == "xcomp" or (dep == "ccomp" and verb.tag_ in ("VB", "TO")):
        if head.lemma_ in OBJECT_CONTROL:
            obj = first_child(head, "dobj")
            if obj is None:
                for word, pobj in prep_objects(head):
                    if word in ("on", "upon"):
                        obj = pobj
                        break
            if obj is not None:
                return obj, (SubjectLink.OBJECT_CONTROL,)
        if head.pos_ == "ADJ" or head.dep_ == "acomp":  # "is willing to send"
            s = subject_of(head.head if head.dep_ == "acomp" else head, depth + 1)[0]
            return s, (SubjectLink.CONTROL,) if s is not None else ()
        s, _ = subject_of(head, depth + 1)
        return s, (SubjectLink.CONTROL,) if s is not None else ()
    if dep == "conj" and is_verbal(head):
        s, how = subject_of(head, depth + 1)
        return s, (SubjectLink.CONJ, *how) if s is not None else ()
    if dep in ("advcl", "pcomp") and verb.tag_ in ("VBG", "VBN", "VB"):
        target_head = head.head if dep == "pcomp" else head
        if is_verbal(target_head):
            s, _ = subject_of(target_head, depth + 1)
            return s, (SubjectLink.PARTICIPLE,) if s is not None else ()
    if dep == "relcl":
        return head, (SubjectLink.RELCL,)
    if dep == "acl":
        if verb.tag_ == "VBG":
            return head, (SubjectLink.ACL,)
        if head.pos_ in ("NOUN", "PROPN"):
            return None, ()
    if dep == "acomp" or (verb.pos_ == "ADJ"):
        return subject_of(head, depth + 1)
    return None, ()


def clause_verb(tok: Token) -> Token:
    """The nearest verb at or above ``tok`` (the clause an event noun sits in)."""
    node = tok
    for _ in range(8):
        if is_verbal(node) and node.dep_ not in ("amod", "compound"):
            return node
        if node.head is node:
            return node
        node = node.head
    return node


def ancestors_to_root(tok: Token) -> Iterator[Token]:
    node = tok
    for _ in range(20):
        if node.head is node:
            return
        node = node.head
        yield node


def subtree_words(tok: Token) -> set[str]:
    return {t.lemma_.lower() for t in tok.subtree}


def depth(tok: Token) -> int:
    return sum(1 for _ in ancestors_to_root(tok))
