"""Names the NER tagged as organisations that the article uses as places.

A name the knowledge base does not know ("al-Tanf", "Rukban", "the Berm") is often
tagged ORG. Its uses across the document decide what it is, never a list of names:

- place uses: modifier of a place noun ("the Rukban camp", "the al-Tanf base",
  "Rukban residents"), object of a locative preposition ("in al-Tanf", "inside
  Rukban"), direct object of a verb of movement or attack ("leave al-Tanf"), the name
  a place is "known as" ("the area known as the Berm"), or tagged LOC/GPE once;
- actor uses: subject of a verb other than "be", possessor of an agent noun ("the
  group's spokesman"), or a name with an organisation word ("University", "Center").

With more place uses than twice its actor uses the name is a place: each mention
becomes a place mention (no actor id; ``resolved_by="place-use"``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from parley.extract.actors.candidates import Candidate
from parley.extract.actors.lexicon import AGENT_NOUNS, PLACE_VERBS

# Nouns naming a location (or its people): a name modifying one is the place's name.
PLACE_NOUNS = frozenset("""
camp camps base bases garrison outpost crossing border borders area areas zone zones region
province district county city town towns village villages airport airfield port harbour
harbor checkpoint valley desert river mountain mountains hill hills plain plains oasis
settlement neighbourhood neighborhood suburb governorate enclave pocket corridor residents
inhabitants population villagers townspeople displaced refugees
""".split())

# Prepositions whose object is a location when the object is a bare name (not "at"
# or "with": "an analyst at Stratfor", "talks with Hamas").
_IN_PREPS = frozenset("in inside outside near around within throughout into across".split())
_NAMING_VERBS = frozenset(("know", "call", "dub", "name"))
# Words in an organisation's own name: never a place.
ORG_NAME_WORDS = frozenset("""
university college school institute institution center centre project foundation
company corporation corp inc ltd llc group agency news times post journal network
bank fund association society council committee commission party union league
ministry department office service services forces army navy
""".split())


def _place_use(tok: Token) -> bool:
    dep, head = tok.dep_, tok.head
    if dep in ("compound", "nmod", "amod"):
        return head.lower_ in PLACE_NOUNS or head.lemma_.lower() in PLACE_NOUNS
    if dep == "pobj":
        if head.lower_ in _IN_PREPS:
            return True
        # "the area known as the Berm"
        verb = head.head
        return head.lower_ == "as" and verb.lemma_.lower() in _NAMING_VERBS \
            and (verb.head.lemma_.lower() in PLACE_NOUNS or verb.head.lower_ in PLACE_NOUNS)
    if dep == "dobj":
        return head.lemma_.lower() in PLACE_VERBS
    return False


def _actor_use(tok: Token) -> bool:
    if tok.dep_ in ("nsubj", "nsubjpass", "agent"):
        return tok.head.lemma_ != "be"
    if tok.dep_ == "poss":
        return tok.head.lemma_.lower() in AGENT_NOUNS
    return False


def mark_places_by_use(doc: Doc, cands: list[Candidate]) -> None:
    """Turn the unresolved-by-KB organisations the document uses as places into places."""
    by_id: dict[str, list[Candidate]] = {}
    for c in cands:
        if c.resolved_by == "text" and c.actor_type == "organisation" and c.actor_id:
            by_id.setdefault(c.actor_id, []).append(c)
    for group in by_id.values():
        words = {t.lower_ for c in group for t in doc[c.start:c.end]}
        if words & ORG_NAME_WORDS:
            continue
        place = actor = 0
        for c in group:
            root = doc[c.start:c.end].root
            place += _place_use(root) or c.label in ("LOC", "GPE")
            actor += _actor_use(root)
        if place and place > 2 * actor:
            for c in group:
                c.actor_id, c.actor_type, c.resolved_by = None, "place", "place-use"
                c.name = doc[c.start:c.end].text
