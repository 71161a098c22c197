"""PLOVER 2.0 events: the spaCy component ``parley_events_v1`` sets ``doc._.events``.

Each event carries its type and mode, source and target actors (compound actors stay
lists), status, date, place, magnitude, contexts, the evidence sentence with offsets,
the trigger, and why it was coded as a structured ``EventBasis`` (trigger kind, lexicon
entry, argument rules, status cues, merges; ``rule`` is its text), so ``parley explain``
can show why it was coded.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from parley.extract.events.build import EventExtractor
from parley.extract.events.lexicon import PLOVER_TYPES, Lexicon, load_lexicon
from parley.nlp import extensions  # noqa: F401  (registers Doc extensions)
from parley.records import CueKind, Event

__all__ = ["PLOVER_TYPES", "EventExtractor", "Lexicon", "load_lexicon", "extract_events", "intent_type"]


def extract_events(doc: Doc, lexicon: Lexicon | None = None) -> list[Event]:
    return EventExtractor(lexicon or load_lexicon())(doc)


def intent_type(event: Event, lexicon: Lexicon | None = None) -> str:
    """The PLOVER code of an event under PLOVER's intent convention: a planned or
    promised act is coded AGREE when cooperative and THREATEN when conflictual
    ("will host" -> AGREE, "will impose sanctions" -> THREATEN), a conditional one
    ("will withdraw ... unless") THREATEN, a refused cooperative act ("will not
    accept") REJECT; other events keep their type. Parley stores the underlying type
    with its status."""
    lex = lexicon or load_lexicon()
    if event.status == "negated" and event.type in lex.cooperative_types:
        return "REJECT"  # "will not accept", "failed to reach agreement", "refused to meet"
    if event.type in ("AGREE", "THREATEN", "REQUEST", "REJECT"):
        return event.type
    basis = event.basis
    unless = basis is not None and basis.has_cue(CueKind.CONDITIONAL_UNLESS)  # "will withdraw ... unless": a threat
    conditional = unless or (basis is not None and basis.has_cue(CueKind.CONDITIONAL_IF))
    if unless or (event.status == "hypothetical" and conditional and event.type in lex.conflictual_types):
        return "THREATEN"  # "may halt mediation if ...": a conditional blow
    if event.status == "hypothetical" and conditional and basis is not None and basis.has_cue(CueKind.REPORTED_WOULD):
        return "AGREE"  # "said they would meet X if ...": a conditional offer
    if event.status == "planned":
        return "AGREE" if event.type in lex.cooperative_types else "THREATEN"
    return event.type


@Language.factory(
    "parley_events_v1",
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma"],
    default_config={"lexicon_paths": []},
)
def make_events_component(nlp: Language, name: str, lexicon_paths: list[str]):
    from parley.extract.events.countries import ethnic_groups
    from parley.extract.events.places import _cities_by_name, _regions, _tables

    extractor = EventExtractor(load_lexicon(tuple(lexicon_paths)))
    # load the gazetteer and the peoples table with the pipeline, not inside the first document
    _tables(), _cities_by_name(), _regions(), ethnic_groups()

    def events_component(doc: Doc) -> Doc:
        doc._.events = extractor(doc)
        return doc

    return events_component
