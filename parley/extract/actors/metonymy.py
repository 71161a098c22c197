"""Capitals and seats of power: the government when they act, a place otherwise.

Decided by syntax, not by a list of sentences:
- subject, passive agent ("by Moscow") or possessor ("the Kremlin's reluctance") of
  anything, or conjoined with such ("Washington and Kyiv discussed"): the government;
- object of a locative preposition ("in Moscow", "at Downing Street"), of "to"/"from"
  after a motion word ("flew to Kyiv"), or of "of" ("the mayor of Kyiv"): a place;
- direct object: a place after verbs of visiting or attacking ("visited Beijing",
  "struck Kyiv"), the government otherwise ("pressuring Kyiv", "warned Washington");
- other prepositions ("talks with the Kremlin", "conciliatory to Moscow"): the
  government;
- modifier of a noun ("Kremlin aide", "Kyiv officials"): the government when the noun
  is a person, body or position, a place otherwise ("Moscow metro");
- anything else: a seat of power is the government, a capital is a place.

A place becomes a mention with ``actor_type="place"`` and no actor id: it carries a
location and a country, never an actor, so it cannot inflate the actor list.
"""

from __future__ import annotations

from spacy.tokens import Token

from parley.extract.actors.lexicon import (AGENT_NOUNS, LOCATIVE_PREPS, MOTION_HEADS, PLACE_VERBS,
                                           POLITY_NOUNS)

ACTOR, PLACE = "actor", "place"
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "poss"}


def _first_conjunct(tok: Token) -> Token:
    steps = 0
    while tok.dep_ == "conj" and tok.head is not tok and steps < 10:
        tok = tok.head
        steps += 1
    return tok


def syntactic_role(root: Token, is_seat: bool, depth: int = 0) -> str:
    """ACTOR or PLACE for the head token of a capital or seat mention."""
    tok = _first_conjunct(root)
    dep = tok.dep_
    head = tok.head
    if dep in _SUBJECT_DEPS:
        return ACTOR
    if dep == "pobj":
        prep = head.lower_
        if prep == "by" and head.dep_ == "agent":
            return ACTOR
        if prep in LOCATIVE_PREPS or prep == "of":
            return PLACE
        if prep in ("to", "from", "toward", "towards"):
            return PLACE if head.head.lower_ in MOTION_HEADS or head.head.lemma_ in MOTION_HEADS else ACTOR
        return ACTOR
    if dep == "dobj":
        return PLACE if head.lemma_.lower() in PLACE_VERBS else ACTOR
    if dep in ("compound", "nmod", "amod"):
        if head.lemma_.lower() in AGENT_NOUNS or head.lower_ in AGENT_NOUNS or head.ent_type_ == "PERSON":
            return ACTOR
        if head.lower_ in POLITY_NOUNS and depth < 3 and head is not tok:
            return syntactic_role(head, is_seat, depth + 1)
        return PLACE
    if dep == "appos" and depth < 3 and head is not tok:
        return syntactic_role(head, is_seat, depth + 1)
    return ACTOR if is_seat else PLACE
