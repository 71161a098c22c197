"""Candidate actor spans: the gazetteer's matches merged with the NER's (trimmed) spans.

The NER proposes, the gazetteer corrects: where a KB name and an NER span cover the
same words the KB decides what it is (the NER's "Kremlin" ORG is a seat of power, its
"Kyiv" PERSON a capital), except that a longer NER name wins over a KB word inside it
("Bank of Russia" is an organisation that lends the country RUS, not the state).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from parley.extract.actors.org_names import ORG_HEADS, merge_split_names, org_name_runs
from parley.extract.actors.kb import ActorKB, Pointer
from parley.extract.actors.lexicon import TITLE_HEADS, TITLE_MODIFIERS
from parley.extract.actors.spans import trim_entity

NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
# NER spans that may contain a KB word without being that KB actor
CONTAINER_LABELS = frozenset({"ORG", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


@dataclass
class Candidate:
    """A span that may refer to an actor, and (after resolution) what it refers to."""

    start: int  # token offsets
    end: int
    label: str  # NER label, or "KB" when only the gazetteer found it
    kind: str  # seat | name | demonym | capital | short | place | person | org | norp | gpe
    target: Any = None  # KB target: actor id, Pointer or ISO3 (places)
    lent_country: str | None = None  # country of a KB word inside a longer NER name
    # resolution
    actor_id: str | None = None
    actor_type: str | None = None
    name: str | None = None
    country: str | None = None
    resolved_by: str = ""
    is_metonym: bool = False
    role: str | None = None
    role_country: str | None = None
    relation: dict[str, Any] | None = None
    acts_for: str | None = None
    absorbed: bool = False  # folded into another mention's title ("Armed Forces chief")
    extra: dict[str, Any] = field(default_factory=dict)


def build_matchers(nlp, kb: ActorKB) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Two phrase matchers built once per pipeline: exact case (names, acronyms) and
    lower case (the few names written in lower case, "coalition of the willing")."""
    forms = kb.surface_forms()
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for text in forms["exact"]:
        exact.add(text, [nlp.make_doc(text)])
    for text in forms["lower"]:
        lower.add(text, [nlp.make_doc(text.lower())])
    return exact, lower


def _longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, longer ones first (as spacy.util.filter_spans)."""
    taken: set[int] = set()
    out = []
    for start, end, key in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        out.append((start, end, key))
    return sorted(out)


def _kb_matches(doc: Doc, kb: ActorKB, exact: PhraseMatcher, lower: PhraseMatcher):
    strings = doc.vocab.strings
    raw = [(s, e, strings[m]) for m, s, e in exact(doc)]
    raw += [(s, e, "lower:" + strings[m]) for m, s, e in lower(doc)]
    out = []
    for start, end, key in _longest_first(raw):
        if key.startswith("lower:"):
            found = kb.lookup(key[6:]) or kb.lookup(key[6:], exact=False)
        else:
            found = kb.lookup(key)
        if found:
            out.append((start, end, found[0], found[1]))
    return out


def _country_of_target(kb: ActorKB, kind: str, target: Any) -> str | None:
    if isinstance(target, Pointer):
        return target.country or kb.country_of(target.actor_id)
    if kind == "place":
        return target
    if isinstance(target, str):
        return kb.country_of(target)
    return None


def _free_match_ok(doc: Doc, start: int, end: int, kind: str, target: Any, kb: ActorKB) -> bool:
    """A gazetteer match the NER did not tag: accept it unless it is a word that is
    also a common name or word (ambiguous states, minor capitals, people's surnames)."""
    tok = doc[start]
    if kind in ("seat", "demonym"):
        return True
    if kind == "name":
        actor = kb.actors.get(target)
        if actor is not None and actor.ambiguous:
            neighbours = [doc[i] for i in (start - 1, end) if 0 <= i < len(doc)]
            return tok.pos_ == "PROPN" and not any(n.pos_ == "PROPN" and n.is_title for n in neighbours)
        return True
    if kind == "capital":
        return (end - start > 1 or tok.pos_ == "PROPN") and (target.primary or end - start > 1)
    if kind == "short":
        # a capitalised word inside a sentence is a name whatever the tagger says
        # ("an adviser to Trump" tagged VERB); at a sentence start it must be tagged
        # PROPN or be no English word the model knows ("Sybiha" tagged NOUN)
        return tok.pos_ == "PROPN" or (tok.is_title and (not tok.is_sent_start or tok.is_oov))
    return False


_LOCALITY_WORDS = frozenset("county country city district township borough parish".split())


def _names_a_locality(doc: Doc, start: int, end: int) -> bool:
    """"Nassau County": a capital's name inside a local place name lends no country."""
    return any(t.lower_ in _LOCALITY_WORDS for t in doc[start:end])


def _first_names_before(doc: Doc, start: int, kb: ActorKB) -> int:
    """Extend a person span left over capitalised proper nouns the NER left out
    ("Alar" in "counterpart Alar Karis" when only "Karis" was tagged)."""
    for _ in range(2):
        prev = start - 1
        if prev < 0:
            break
        tok = doc[prev]
        if not (tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha and not tok.ent_type_
                and tok.head.i >= start and tok.lower_ not in TITLE_HEADS and tok.lower_ not in TITLE_MODIFIERS
                and kb.lookup(tok.text) is None):
            break
        start = prev
    return start


def _piece_kind(kb: ActorKB, doc: Doc, start: int, end: int, label: str,
                name_words: frozenset[str] = frozenset()) -> tuple[str, Any]:
    """What an NER span is, by its text. ``name_words``: the words of the document's
    multi-word person names, which make an ambiguous one-word name a person's."""
    text = doc[start:end].text
    found = kb.lookup(text, exact=False)
    if found is None and label in ("GPE", "NORP") and end - start == 1:
        found = kb.fuzzy_state(text)
    if found:
        kind, target = found
        if label == "PERSON" and kind == "name" and kb.actors[target].type != "person" \
                and kb.actors[target].ambiguous and (end - start > 1 or text in name_words):
            return "person", None  # "Israel Katz" and later "Israel": a person, not the state
        if kind == "place" and label in ("PERSON", "NORP"):  # "Jackson" the person, not the city
            return {"PERSON": "person", "NORP": "norp"}[label], None
        return found
    return {"PERSON": "person", "ORG": "org", "NORP": "norp", "GPE": "gpe", "LOC": "loc", "FAC": "fac"}[label], None


def generate(doc: Doc, kb: ActorKB, exact: PhraseMatcher, lower: PhraseMatcher) -> list[Candidate]:
    pieces: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in NER_LABELS or ent.label_ in CONTAINER_LABELS:
            for s, e in trim_entity(doc, ent.start, ent.end, ent.label_):
                if ent.label_ == "PERSON":
                    s = _first_names_before(doc, s, kb)
                pieces.append((s, e, ent.label_))
    name_words = frozenset(doc[i].text for s, e, label in pieces if label == "PERSON" and e - s > 1
                           for i in range(s, e))
    piece_at: dict[int, int] = {}
    for idx, (s, e, _) in enumerate(pieces):
        for i in range(s, e):
            piece_at[i] = idx
    consumed: set[int] = set()
    lent: dict[int, str | None] = {}  # piece -> country of a KB word inside it
    out: list[Candidate] = []
    for start, end, kind, target in _kb_matches(doc, kb, exact, lower):
        hit = sorted({piece_at[i] for i in range(start, end) if i in piece_at})
        if not hit:
            if _free_match_ok(doc, start, end, kind, target, kb):
                out.append(Candidate(start, end, "KB", kind, target))
            continue
        ps, pe, plabel = pieces[hit[0]]
        if len(hit) == 1 and (ps, pe) == (start, end):
            piece_kind, _ = _piece_kind(kb, doc, ps, pe, plabel, name_words)
            consumed.add(hit[0])
            if piece_kind == "person" and kind != "short":
                out.append(Candidate(ps, pe, plabel, "person"))
            else:
                out.append(Candidate(start, end, plabel, kind, target))
        elif len(hit) == 1 and ps <= start and end <= pe:  # the KB word is inside a longer NER name
            whole = kb.lookup(doc[ps:pe].text, exact=False)
            if whole is not None and whole[0] != "place":
                continue  # the NER span is itself a KB name; it is handled below
            is_kb_org = kind == "name" and kb.actors[target].type in ("organisation", "group", "government_body")
            if plabel == "PERSON" or (plabel in CONTAINER_LABELS and not is_kb_org):
                if plabel != "PERSON" and not (kind == "capital" and _names_a_locality(doc, ps, pe)):
                    lent.setdefault(hit[0], _country_of_target(kb, kind, target))
                continue
            consumed.add(hit[0])
            out.append(Candidate(start, end, plabel, kind, target))
        else:  # the KB name covers the NER span(s) or crosses them: the KB name wins
            consumed.update(hit)
            out.append(Candidate(start, end, "KB", kind, target))
    for idx, (s, e, label) in enumerate(pieces):
        if idx in consumed or label not in NER_LABELS:
            continue
        kind, target = _piece_kind(kb, doc, s, e, label, name_words)
        if kind == "fac" and doc[e - 1].lower_ in ORG_HEADS:
            kind = "org"  # "Feinstein International Center": a facility's name heading a body
        cand = Candidate(s, e, label, kind, target)
        cand.lent_country = lent.get(idx)
        out.append(cand)
    out = merge_split_names(doc, out)
    covered = {i for c in out for i in range(c.start, c.end)}
    for s, e in org_name_runs(doc, covered):
        out.append(Candidate(s, e, "ORG-HEAD", "org"))
    out.sort(key=lambda c: (c.start, c.end))
    return out

