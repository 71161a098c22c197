"""Actors: every mention of a person, state, government body, organisation or group,
resolved to a canonical actor with its role and country.

The spaCy component ``parley_actors_v1`` runs after the statistical model and sets
``doc._.actor_mentions`` (list[Mention]) and ``doc._.actors`` (dict id -> Actor).
Stages (each a function over the candidate list, see the modules):

1. ``candidates``: gazetteer matches (a PhraseMatcher over the KB's names, aliases,
   demonyms, capitals and seats, built once per pipeline) merged with the NER's
   trimmed entity spans (``spans``).
2. ``people``: names -> actors: KB, then document-level name consistency, then a new
   actor from the text.
3. ``metonymy``: capitals and seats of power -> the government (``is_metonym``) or a
   place (a mention with ``actor_type="place"``, a country and no actor id).
   ``place_use``: names the NER called organisations that the article uses as places
   ("the Rukban camp", "in al-Tanf") -> places.
4. ``roles``: titles, appositions, possessives and membership -> role, relation and
   country of people.
5. ``output``: ``Mention`` and ``Actor`` records.

Actor ids are stable across articles: ``state:<ISO3>``, ``org:<slug>``,
``group:<slug>``, ``body:<slug>``, ``person:<slug of the full name>``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from parley.extract.actors.candidates import Candidate, build_matchers, generate
from parley.extract.actors.kb import ActorKB, load_kb
from parley.extract.actors.metonymy import ACTOR, syntactic_role
from parley.extract.actors.output import build_records
from parley.extract.actors.people import resolve_names
from parley.extract.actors.place_use import mark_places_by_use
from parley.extract.quotes.lexicon import SPEECH_VERBS
from parley.extract.actors.roles import RoleFinder, is_contrast, is_kinship, relation_type
from parley.nlp import extensions  # noqa: F401  (registers the Doc extensions)

__all__ = ["ActorsComponent", "load_kb", "extract_actors"]

# Beyond this many candidates in one document the rest are left unresolved: a
# pathological input (a megabyte of names) must not make the component quadratic.
MAX_CANDIDATES = 50_000


@Language.factory(
    "parley_actors_v1",
    assigns=["doc._.actor_mentions", "doc._.actors"],
    requires=["doc.ents", "token.dep", "token.pos", "token.lemma"],
    default_config={"actors_file": None},
)
def make_actors_component(nlp: Language, name: str, actors_file: str | None = None) -> "ActorsComponent":
    return ActorsComponent(nlp, actors_file)


class ActorsComponent:
    def __init__(self, nlp: Language, actors_file: str | None = None):
        self.kb: ActorKB = load_kb(actors_file)
        self.exact_matcher, self.lower_matcher = build_matchers(nlp, self.kb)

    def __call__(self, doc: Doc) -> Doc:
        mentions, actors = extract_actors(doc, self.kb, self.exact_matcher, self.lower_matcher)
        doc._.actor_mentions = mentions
        doc._.actors = actors
        return doc


def _sentence_starts(doc: Doc) -> list[int]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return [s.start for s in doc.sents]
    return [0]


def extract_actors(doc: Doc, kb: ActorKB, exact, lower):
    if len(doc) == 0:
        return [], {}
    sent_starts = _sentence_starts(doc)
    cands = generate(doc, kb, exact, lower)[:MAX_CANDIDATES]
    cands = resolve_names(doc, cands, kb)
    resolve_places_and_metonyms(doc, cands, kb)
    mark_places_by_use(doc, cands)
    assign_roles(doc, cands, sent_starts)
    return build_records(doc, cands, kb, sent_starts)


def resolve_places_and_metonyms(doc: Doc, cands: list[Candidate], kb: ActorKB) -> None:
    for c in cands:
        if c.kind in ("capital", "seat"):
            pointer = c.target
            actor = kb.actors.get(pointer.actor_id)
            if syntactic_role(doc[c.start:c.end].root, c.kind == "seat") == ACTOR and actor is not None:
                c.actor_id, c.actor_type, c.name = actor.id, actor.type, actor.name
                c.country = pointer.country or actor.country
                c.is_metonym, c.resolved_by = True, "metonym"
            else:
                c.actor_type, c.name = "place", doc[c.start:c.end].text
                c.country = pointer.located_in or pointer.country or kb.country_of(pointer.actor_id)
                c.resolved_by = "place"
        elif c.kind == "place" or (c.kind == "gpe" and c.actor_id is None):
            c.actor_type, c.name, c.resolved_by = "place", doc[c.start:c.end].text, "place"
            c.country = c.target if c.kind == "place" else c.lent_country
            root = doc[c.start:c.end].root
            if root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS:
                # "Gaza said", "Donetsk demanded": a place standing for those who run it; it
                # stays a place (no actor is invented) and the metonymic role is recorded
                c.is_metonym, c.resolved_by = True, "place-metonym"


def assign_roles(doc: Doc, cands: list[Candidate], sent_starts: list[int]) -> None:
    finder = RoleFinder(doc, cands, sent_starts)
    for c in finder.people:
        title = finder.title_before(c) or finder.apposition(c)
        country = None
        official = False  # an office or membership, so the person acts for the country
        if title is not None:
            c.role = doc[title.start:title.end].text
            country = title.country
            official = not is_kinship(c.role) and not is_contrast(c.role)
            owner = title.possessor
            if owner is not None and owner.actor_id:
                c.relation = {"type": relation_type(c.role), "of": owner.actor_id}
                if not is_contrast(c.role):
                    country = country or owner.country
                if official:
                    c.acts_for = c.acts_for or (
                        owner.actor_id if owner.actor_type != "person"
                        else owner.acts_for or (f"state:{owner.country}" if owner.country else None))
            if title.org:
                c.acts_for = c.acts_for or title.org
        if country is None:
            country = finder.membership_country(c)
            official = official or country is not None
        c.role_country = country
        if c.country is None:
            c.country = country
        if c.acts_for is None and official and c.country and c.resolved_by == "text":
            c.acts_for = f"state:{c.country}"
