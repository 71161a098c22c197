"""Resolve candidates to actors by name: the KB first, then document-level consistency
of names (once "Steve Witkoff" is a person, "Witkoff" is him whatever the NER called
it), then a new actor from the text.
"""

from __future__ import annotations

import bisect

import numpy

from spacy.tokens import Doc

from parley.extract.actors.candidates import Candidate
from parley.extract.actors.kb import ActorKB, norm, slug
from parley.extract.actors.lexicon import GENERIC_INSTITUTION, GROUP_WORDS, REGIONAL_PEOPLES

# NER labels a bare surname is often mislabelled with ("Witkoff" ORG, "Kyiv" PERSON)
# an organisation's name has no finite verb; a headline the NER tagged ORG does
_FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SURNAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "KB"}


def _set_kb(c: Candidate, kb: ActorKB, actor_id: str, how: str) -> None:
    actor = kb.actors[actor_id]
    c.actor_id, c.actor_type, c.name, c.country = actor.id, actor.type, actor.name, actor.country
    c.acts_for = actor.acts_for
    c.resolved_by = how


def _set_text_person(c: Candidate, name: str) -> None:
    c.actor_id, c.actor_type, c.name, c.resolved_by = f"person:{slug(name)}", "person", name, "text"


def _kb_person_variant(kb: ActorKB, tokens: list[str]) -> str | None:
    """"V. Putin", "Vladimir V. Putin": a multi-word name whose last word is a KB
    person's short form and whose first word is an initial or the start of one of the
    KB person's first names ("Bill Johnson" is not "Boris Johnson")."""
    first = tokens[0].rstrip(".").lower()
    for actor_id in kb.shorts.get(tokens[-1], []):
        actor = kb.actors[actor_id]
        if actor.type != "person" or not first:
            continue
        first_names = {n.split()[0].lower() for n in [actor.name, *actor.aliases] if len(n.split()) > 1}
        if any(f.startswith(first) for f in first_names):
            return actor_id
    return None


def resolve_names(doc: Doc, cands: list[Candidate], kb: ActorKB) -> list[Candidate]:
    """Resolve every candidate that a name (not its syntax) decides; capitals and seats
    are left for the metonymy stage. Returns the candidates plus surnames found by
    the doc-level table in tokens no candidate covered."""
    full_people: list[tuple[int, str, str]] = []  # (token index, last word, actor id)
    for c in cands:
        text = doc[c.start:c.end].text
        if c.kind == "name":
            actor = kb.actors[c.target]
            _set_kb(c, kb, actor.id, "kb" if norm(text) == norm(actor.name) else "kb-alias")
        elif c.kind == "demonym":
            _set_kb(c, kb, c.target, "demonym")
        elif c.kind == "person":
            found = kb.lookup(text, exact=False)
            words = text.split()
            if found and found[0] == "name" and kb.actors[found[1]].type == "person":
                _set_kb(c, kb, found[1], "kb-alias")
            elif len(words) > 1 and (variant := _kb_person_variant(kb, words)):
                _set_kb(c, kb, variant, "kb-alias")
            elif len(words) > 1:
                _set_text_person(c, text)
        if c.actor_type == "person" and c.actor_id is not None and c.end - c.start > 1:
            full_people.append((c.start, doc[c.end - 1].text, c.actor_id))
    table: dict[str, list[tuple[int, str]]] = {}
    for start, last, actor_id in full_people:
        table.setdefault(last, []).append((start, actor_id))
    for c in cands:
        if c.actor_id is not None or c.kind in ("capital", "seat", "place"):
            continue
        if c.end - c.start == 1 and c.label in _SURNAME_LABELS and doc[c.start].text in table:
            c.actor_id = _nearest(table[doc[c.start].text], c.start, kb.actors)
            c.actor_type, c.resolved_by = "person", "doc-consistency"
        elif c.kind == "short":
            ids = c.target
            _set_kb(c, kb, ids[0], "kb-short")
        elif c.kind == "person":
            if _could_be_name(doc, c):
                _set_text_person(c, doc[c.start:c.end].text)
        elif c.kind == "org":
            _resolve_org(doc, c, table, kb.country_words)
        elif c.kind == "norp":
            _resolve_norp(doc, c)
    extra = _surnames_in_uncovered_tokens(doc, cands, table, kb.actors)
    for c in cands + extra:
        if c.actor_type == "person" and c.name is None and c.actor_id in kb.actors:
            c.name = kb.actors[c.actor_id].name
    return sorted(cands + extra, key=lambda c: (c.start, c.end))


_PRONOUNS = frozenset("""
i me my mine we us our ours you your yours he him his she her hers it its they them their
theirs who whom whose this that these those one someone somebody anyone everyone
""".split())


def _could_be_name(doc: Doc, c: Candidate) -> bool:
    """A one-word "person" must read as a name: not a pronoun ("He" tagged PERSON), not a
    common word the tagger reads as an adjective, noun or verb ("gaunt", "Frail"), and
    not a word the article also writes in lower case."""
    span = doc[c.start:c.end]
    if all(t.lower_ in _PRONOUNS or t.pos_ == "PRON" for t in span if not t.is_punct):
        return False
    if len(span) > 1:
        return True
    tok = span[0]
    if not tok.text[:1].isupper() or tok.pos_ in ("ADJ", "ADV", "VERB", "PRON", "DET", "ADP", "NUM"):
        return False
    if tok.pos_ == "NOUN" and tok.tag_ not in ("NNP", "NNPS"):
        return False
    return not any(t.text == tok.lower_ for t in doc)


def _nearest(entries: list[tuple[int, str]], at: int, known: dict | None = None) -> str:
    """The person a bare surname means when the document names several people with it
    ("Trump" with Donald and Ivanka Trump): the one the KB knows if exactly one is,
    else the full name last written before ``at`` (or the first one after it)."""
    ids = list(dict.fromkeys(actor_id for _, actor_id in entries))
    if len(ids) > 1 and known is not None:
        in_kb = [i for i in ids if i in known]
        if len(in_kb) == 1:
            return in_kb[0]
    starts = [s for s, _ in entries]
    i = bisect.bisect_right(starts, at) - 1
    return entries[max(i, 0)][1]


def _resolve_org(doc: Doc, c: Candidate, table: dict[str, list[tuple[int, str]]],
                 demonym_words: frozenset[str]) -> None:
    span = doc[c.start:c.end]
    words = [t.lower_ for t in span if not t.is_punct]
    if not any(t.is_title or t.is_upper for t in span) or any(t.tag_ in _FINITE_VERB_TAGS for t in span):
        return  # "city council", "Obama Sees Insult": a lower-case phrase or a headline, not a name
    if c.end - c.start > 1 and doc[c.end - 1].text in table and doc[c.start].is_title:
        # "Steve Witkoff" tagged ORG while the same name is a person elsewhere
        entries = table[doc[c.end - 1].text]
        c.actor_id, c.actor_type, c.resolved_by = _nearest(entries, c.start), "person", "doc-consistency"
        return
    own_words = [t for t in span if not t.is_punct and not (c.lent_country and t.lower_ in demonym_words)]
    if own_words and all(t.lower_ in GENERIC_INSTITUTION for t in own_words):
        # "Armed Forces", "Foreign Ministry": an actor only when a country is known;
        # "the Russian Defence Ministry" is Russia's defence ministry, id body:rus-...
        if c.lent_country:
            generic = " ".join(t.text for t in own_words)
            c.actor_id = f"body:{c.lent_country.lower()}-{slug(generic)}"
            c.actor_type, c.name, c.country, c.resolved_by = "government_body", span.text, c.lent_country, "text"
        return
    kind = "group" if any(w in GROUP_WORDS for w in words) else "organisation"
    prefix = "group" if kind == "group" else "org"
    c.actor_id, c.actor_type, c.name, c.country = f"{prefix}:{slug(span.text)}", kind, span.text, c.lent_country
    c.resolved_by = "text"


def _resolve_norp(doc: Doc, c: Candidate) -> None:
    """A named people or party the KB does not know ("Kurds", "Republicans") is a group
    when written as a capitalised plural; adjectives alone ("Western") are not actors."""
    span = doc[c.start:c.end]
    last = span[-1]
    if all(t.lower_ in REGIONAL_PEOPLES for t in span if t.is_alpha):
        return
    if last.is_title and last.text.endswith("s") and last.tag_ in ("NNPS", "NNS", "NNP"):
        c.actor_id, c.actor_type, c.name = f"group:{slug(span.text)}", "group", span.text
        c.country, c.resolved_by = c.lent_country, "text"


def _surnames_in_uncovered_tokens(doc: Doc, cands: list[Candidate], table: dict[str, list[tuple[int, str]]],
                                  known: dict) -> list[Candidate]:
    """Surnames of the document's people that the NER missed altogether."""
    if not table:
        return []
    covered: set[int] = set()
    for c in cands:
        covered.update(range(c.start, c.end))
    out = []
    orth_ids = numpy.array([doc.vocab.strings.add(name) for name in table], dtype="uint64")
    # one vectorised pass over the token ids instead of a Python loop over tokens
    hits = numpy.nonzero(numpy.isin(doc.to_array("ORTH"), orth_ids))[0]
    for i in hits.tolist():
        tok = doc[i]
        # the surname of a person this document names: capitalised is enough
        if i not in covered and (tok.pos_ == "PROPN" or tok.is_title):
            c = Candidate(i, i + 1, "DOC", "person")
            c.actor_id = _nearest(table[tok.text], i, known)
            c.actor_type, c.resolved_by = "person", "doc-consistency"
            out.append(c)
    return out
