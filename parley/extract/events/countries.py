"""Countries of event participants that the actors layer left without one, or gave the
kin state of a people that lives elsewhere.

PLOVER (like CAMEO before it) codes an actor by the state it belongs to or lives in:
"ethnic Hungarians in Romania" are coded ROU, "Yoruba chiefs" NGA, and "President
Jonas Mbeleko" in a sentence that names only Malawi MWI. The rules, in order; each one
that changes an actor adds a note to the event's rule, so ``parley explain`` shows it:

1. people: an ethnic or communal group from ``parley/data/ethnic_groups.yaml``, or a
   state's people written "ethnic X" ("ethnic Hungarians") or "X of/in <place>"
   ("Hungarians of northern Serbia"), is coded where it lives: a state or place in its
   own noun phrase ("Syrian Kurds", "fighters operating in Mali"), else the first
   state of the sentence among the group's states (for "ethnic X": another state than
   X), else the group's main state;
2. places: a city name read as another state's city when the sentence names that
   state ("Tripoli, the Lebanese port city"); a town or region the actors KB does not
   list is geocoded;
3. an actor without a country that has a place in its own phrase ("the refinery in
   northern Iraq") is that place's;
4. a person or body the text gives a political role (a title, "candidate X", "the
   opposition newspaper X", the possessor of a political body), an organisation the
   KB does not know whose name says it is a political body ("Freedom Union"), or an
   unnamed political group ("Islamist militants") takes the state of its sentence
   when the sentence names exactly one (several leave it open: no guess between
   them). The states named come first; when there are none, those of its
   organisations, then (for organisations) of its known people, then those named
   only in the attribution; an unnamed group takes only a state the sentence names.
   A person named without a role gets nothing from the sentence.

The actors layer's mentions are not changed: only the event's copy of the actor is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from parley.records import CountryNote, Mention

ETHNIC_GROUPS_FILE = Path(__file__).resolve().parents[2] / "data" / "ethnic_groups.yaml"
# prepositions that place a people: "Hungarians of northern Serbia", "Kurds in Germany"
RESIDENCE_PREPS = frozenset({"in", "of", "throughout", "across", "inside", "within"})
# nouns that name a population rather than an institution of a state: "the Hungarian
# minority of the region" lives there; "Hungarian police in Serbia" are Hungary's
POPULATION_HEADS = frozenset({
    "population", "populations", "minority", "minorities", "community", "communities", "people",
    "peoples", "civilians", "civilian", "refugee", "refugees", "villager", "villagers", "resident",
    "residents", "inhabitants", "settlers", "settler", "majority", "guerrilla", "guerrillas",
    "rebels", "rebel", "militants", "fighters", "separatists", "leaders", "elders", "youths",
    "students", "workers", "farmers", "protesters", "demonstrators", "group", "groups",
})
# organisations whose name says they are not one state's
INTERNATIONAL_WORDS = frozenset({"international", "world", "global", "united", "nations", "european",
                                 "african", "arab", "asian", "pacific", "atlantic", "un", "u.n.", "nato", "eu",
                                 "e.u.", "osce", "opec", "interpol"})
# participles of movement: "Afghans arriving in Germany" do not live there yet
MOTION_VERBS = frozenset({"arrive", "flee", "travel", "go", "come", "return", "move", "head", "fly", "sail",
                          "cross", "leave", "escape", "enter", "migrate", "emigrate", "immigrate", "deport"})
COUNTRY_TYPES = frozenset({"state", "territory", "place", "government_body"})
# role words before or beside a name that make its bearer a political actor
POLITICAL_ROLE_WORDS = frozenset({"candidate", "opposition", "dissident", "activist", "warlord", "lawmaker",
                                  "legislator", "politician", "insurgent", "rebel", "militant", "party"})
# words that make an unknown organisation's name a domestic political body ("Freedom
# Union", "Patriotic Front", "Supreme Court"); an acronym or a company name alone
# says nothing of where it is
POLITICAL_BODY_WORDS = frozenset({
    "party", "front", "movement", "union", "council", "commission", "committee", "court", "army", "government",
    "ministry", "police", "parliament", "assembly", "congress", "league", "alliance", "coalition", "forces",
    "militia", "brigade", "brigades", "guard", "rebels", "liberation", "national", "people's", "popular",
    "democratic", "revolutionary", "republican", "socialist", "communist", "conservatives", "conservative",
    "federation", "opposition", "senate", "cabinet", "authority", "agency",
})
ATTRIBUTION_VERBS = frozenset({"say", "report", "tell", "announce", "quote", "add", "state", "claim",
                               "confirm", "write", "cite", "show"})


@dataclass(frozen=True)
class PeopleGroup:
    name: str  # the first name written in the data
    countries: tuple[str, ...]  # ISO alpha-3, main state first


@lru_cache(maxsize=1)
def ethnic_groups() -> dict[str, PeopleGroup]:
    """Every written form of a group -> the group."""
    data = yaml.safe_load(ETHNIC_GROUPS_FILE.read_text(encoding="utf-8")) or {}
    out: dict[str, PeopleGroup] = {}
    for raw in data.get("groups") or []:
        names = [str(n) for n in raw["names"]]
        group = PeopleGroup(names[0], tuple(str(c).upper() for c in raw["countries"]))
        for n in names:
            out.setdefault(n, group)
    return out


_ORTH_IDS: dict[int, frozenset[int]] = {}  # vocab id -> orth ids of the group names


def group_mentions(doc: Doc, covered: dict[int, Mention]) -> list[Mention]:
    """Mentions for ethnic-group words the actors layer did not make actors ("Igbo
    traders", "Tamil fishermen"), or made a person or an organisation ("Hutu" read as a
    name): a capitalised word written as in the data."""
    from parley.data.names import slug

    groups = ethnic_groups()
    out = []
    # token ids against a set of the names' ids: no Token object for most words
    orth_ids = _ORTH_IDS.get(id(doc.vocab))
    if orth_ids is None:
        orth_ids = _ORTH_IDS[id(doc.vocab)] = frozenset(doc.vocab.strings.add(n) for n in groups)
    for i in [i for i, orth in enumerate(doc.to_array("ORTH").tolist()) if orth in orth_ids]:
        tok = doc[i]
        group = groups.get(tok.text)
        if group is None or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
            continue
        prev = covered.get(tok.i)
        if prev is not None and not _replaceable(prev, tok):
            continue
        sent = tok.sent
        out.append(Mention(
            article_id=doc._.article_id or "", start=tok.idx, end=tok.idx + len(tok), text=tok.text,
            actor_id=f"group:{slug(group.name)}", actor_name=group.name, actor_type="group", country=None,
            label="NORP", resolved_by="ethnic-groups", sentence_start=sent.start_char, sentence_end=sent.end_char,
        ))
    return out


def _replaceable(m: Mention, tok: Token) -> bool:
    """An actors-layer mention of just this word that no knowledge source vouched for."""
    return (m.end - m.start) == len(tok) and not m.resolved_by.startswith("kb") \
        and (m.actor_type or "") not in ("state", "territory")


# ---------------------------------------------------------------------- per event
def attribution_tokens(sent: Span) -> set[int]:
    """Tokens that say who reports the sentence rather than what happened: the subject
    of a reporting verb that governs a clause ("..., a spokeswoman for the U.S. embassy
    said") and "according to" phrases."""
    cache = sent.doc.user_data.setdefault("parley_attribution_tokens", {})
    if sent.start in cache:
        return set(cache[sent.start])
    out: set[int] = set()
    for tok in sent:
        if tok.lemma_.lower() in ATTRIBUTION_VERBS and tok.pos_ in ("VERB", "AUX") \
                and any(c.dep_ in ("ccomp", "parataxis") for c in tok.children) or \
                tok.lemma_.lower() in ATTRIBUTION_VERBS and tok.dep_ in ("parataxis", "advcl") and tok.i > tok.head.i:
            for c in tok.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out.update(t.i for t in c.subtree)
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            out.update(t.i for t in tok.subtree)
    cache[sent.start] = frozenset(out)
    return out


@dataclass
class SentenceStates:
    """States a sentence names, by how it names them (see ``sentence_countries``)."""

    named: list[str]  # states, demonyms, places and state bodies
    organisations: list[str]  # states of its organisations ("Hezbollah")
    people: list[str]  # states of its people ("President Ramaphosa", known to the KB)
    reporting: list[str]  # states named only in the attribution
    named_at: dict[str, set[int]] = dataclasses.field(default_factory=dict)  # state -> mention starts

    def named_besides(self, m: Mention) -> list[str]:
        """States the sentence names other than through ``m`` itself."""
        return [c for c in self.named if self.named_at.get(c, set()) - {m.start}]

    def for_kind(self, kind: str, unnamed: bool = False) -> list[str]:
        """The states that may stand for the sentence's state when filling in an actor
        of this kind: an unnamed group only from states the sentence names; a person
        not from other people (a president meeting another's counterpart)."""
        if unnamed:
            return self.named
        if kind == "person":
            return self.named or self.organisations or self.reporting
        return self.named or self.organisations or self.people or self.reporting


def sentence_states(sent: Span, mention_at) -> SentenceStates:
    """States the sentence names (states, demonyms, places and state bodies), in order.
    When it names none, the states of its organisations ("Hezbollah"), then of its people
    ("President Ramaphosa") stand in; those named only in the attribution ("..., a
    spokesman for the British embassy said") count only when the rest of the sentence
    names none: the reporter is often elsewhere."""
    main: list[str] = []
    organisations: list[str] = []
    people: list[str] = []
    reporting: list[str] = []
    named_at: dict[str, set[int]] = {}
    skip = attribution_tokens(sent)
    for tok in sent:
        m = mention_at(tok)
        if m is None or not m.country:
            continue
        if tok.i in skip:
            out = reporting
        elif (m.actor_type or "") in COUNTRY_TYPES or m.label in ("GPE", "NORP", "LOC", "FAC"):
            out = main
            named_at.setdefault(m.country, set()).add(m.start)
        elif (m.actor_type or "") in ("organisation", "organization", "group"):
            out = organisations  # "UNITA", "the Kenya Anti-Corruption Commission"
        elif (m.actor_type or "") == "person":
            out = people  # "President Ramaphosa" (known to the KB)
        else:
            continue
        if m.country not in out:
            out.append(m.country)
    return SentenceStates(main, organisations, people, reporting, named_at)


def sentence_countries(sent: Span, mention_at) -> list[str]:
    """States a sentence names, in order (the first non-empty tier)."""
    return sentence_states(sent, mention_at).for_kind("")


def _noun_phrase_head(tok: Token) -> Token:
    """"ethnic Hungarian farmers" -> farmers: climb out of modifiers."""
    node = tok
    for _ in range(3):
        if node.dep_ in ("amod", "compound", "nmod") and node.head.pos_ in ("NOUN", "PROPN") and node.head is not node:
            node = node.head
        else:
            break
    return node


def _described_as_political(span: Span) -> bool:
    """A political role or body in the words around a name: a title or role noun just
    before it ("President X" read as an organisation, "candidate X", "the opposition
    newspaper X"), an apposition naming one ("X, the opposition leader"), or a
    political body it is the possessor of ("X's opposition coalition")."""
    from parley.extract.actors.lexicon import TITLE_HEADS

    roles = TITLE_HEADS | POLITICAL_ROLE_WORDS
    doc, root = span.doc, span.root
    i, seen = span.start - 1, 0
    while i >= span.sent.start and seen < 3:
        t = doc[i]
        if t.is_punct or t.pos_ in ("DET", "ADJ") and t.lower_ not in roles:
            i -= 1
            continue
        if t.lower_ in roles:
            return True
        if t.pos_ not in ("NOUN", "PROPN"):
            break
        i, seen = i - 1, seen + 1
    for c in root.children:
        if c.dep_ == "appos" and c.lemma_.lower() in roles:
            return True
    if root.dep_ == "poss" and (root.head.lower_ in POLITICAL_BODY_WORDS or root.head.lower_ in roles):
        return True
    return False


def _is_ethnic(tok: Token, head: Token) -> bool:
    """"ethnic Hungarians", "ethnic Hungarian farmers"."""
    for t in (tok, head):
        if any(c.lower_ == "ethnic" for c in t.children if c.dep_ in ("amod", "compound", "advmod")):
            return True
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "ethnic"


class CountryFiller:
    """Completes the countries of one event's actors (see the module docstring)."""

    def __init__(self, doc: Doc, mention_at):
        self.doc = doc
        self.mention_at = mention_at  # Token -> Mention | None
        self._states: dict[int, SentenceStates] = {}  # sentence start -> its states

    def complete(self, mentions: list[Mention], sent: Span) -> tuple[list[Mention], list[CountryNote]]:
        out, notes = [], []
        for m in mentions:
            country, why = self._country(m, sent)
            if country and country != m.country:
                notes.append(CountryNote(mention=m.text, country=country, reason=why))
                m = dataclasses.replace(m, country=country)
            out.append(m)
        return out, notes

    def _states_of(self, sent: Span) -> SentenceStates:
        found = self._states.get(sent.start)
        if found is None:
            found = self._states[sent.start] = sentence_states(sent, self.mention_at)
        return found

    def _country(self, m: Mention, sent: Span) -> tuple[str | None, str]:
        groups = ethnic_groups()
        if m.country and (m.actor_type or "") != "place" and not m.resolved_by.startswith("demonym") \
                and m.text not in groups and m.text.split()[-1] not in groups:
            return None, ""  # a known actor's own country stands
        states = self._states_of(sent)
        context = states.named or states.organisations
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return None, ""
        tok = span.root
        head = _noun_phrase_head(tok)
        group = groups.get(m.text) or groups.get(tok.text)
        kin = m.country if m.resolved_by.startswith("demonym") else None
        if group is not None:
            own = self._own_place(tok, head)
            if own:
                return own, "where the group lives, from its phrase"
            for c in context:
                if c in group.countries:
                    return c, "the group's state named in the sentence"
            return group.countries[0], "the group's main state"
        if kin is not None and (_is_ethnic(tok, head) or self._is_population(tok, head)):
            own = self._own_place(tok, head, exclude=kin)
            if own:
                return own, "where the people lives, from its phrase"
            if _is_ethnic(tok, head):
                for c in context:
                    if c != kin:
                        return c, "'ethnic': the other state named in the sentence"
            return None, ""
        kind = m.actor_type or ""
        besides = states.named_besides(m)
        if m.country and kind == "place" and besides and m.country not in besides:
            from parley.extract.events.places import city_in

            other = city_in(m.text, besides)
            if other is not None and other.country:  # "Tripoli, the Lebanese port city"
                return other.country, "the city of that name in the state the sentence names"
        if m.country:
            return None, ""
        if kind in ("place", "") and m.label in ("GPE", "LOC", "FAC"):
            from parley.extract.events.places import geocode

            place = geocode(m.text)  # a town or region the actors KB does not list
            if place is not None and place.country:
                return place.country, "gazetteer"
        words = {w.lower().strip("()") for w in m.text.split()}
        if words & INTERNATIONAL_WORDS or m.resolved_by.startswith("kb"):
            return None, ""  # ("U.N. envoys in Geneva" are not Switzerland's)
        own = self._own_place(tok, head)
        if own:  # "the Esfahan conversion facility in central Iran"
            return own, "a place in its own phrase"
        # a person or body the text gives a political role ("President X", "candidate
        # X", "the opposition newspaper X", "X's opposition coalition"): one of the
        # state the sentence is about; one named without a role may be from anywhere
        political = bool(m.role) or m.resolved_by in ("title", "possessive", "unnamed-group") \
            or (kind != "person" and bool(words & POLITICAL_BODY_WORDS)) or _described_as_political(span)
        context = states.for_kind(kind, unnamed=m.resolved_by == "unnamed-group")
        if kind in ("person", "organisation", "organization", "group") and political and len(context) == 1:
            return context[0], "the only state named in the sentence"
        return None, ""

    def _is_population(self, tok: Token, head: Token) -> bool:
        """A people noun ("Hungarians") or a demonym on a population noun ("the Hungarian
        minority", "Hungarian refugees"), not on an institution ("Hungarian police")."""
        if head is tok:
            return tok.tag_ in ("NNPS", "NNS") or tok.text.endswith("s")
        return head.lower_ in POPULATION_HEADS

    def _own_place(self, tok: Token, head: Token, exclude: str | None = None) -> str | None:
        """A state or place in the people's own noun phrase: a modifier ("Syrian Kurds")
        or a residence phrase on the head or on a participle of it ("of northern
        Serbia", "operating in Mali")."""
        for c in head.lefts:
            if c is tok or c.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            m = self.mention_at(c)
            if m is not None and m.country and m.country != exclude and (m.actor_type or "") in COUNTRY_TYPES:
                return m.country
        # the head, a participle or adjective describing it ("based in Yemen",
        # "loyal to the ousted president")
        holders = [head] + [c for c in head.children if (c.dep_ in ("acl", "amod") and c.i > head.i or
                            c.dep_ == "amod" and any(g.dep_ == "prep" for g in c.children))
                            and c.lemma_.lower() not in MOTION_VERBS]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in RESIDENCE_PREPS and holder is head:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    for t in [pobj, *[c for c in pobj.children if c.dep_ in ("compound", "amod", "poss")]]:
                        m = self.mention_at(t)
                        if m is not None and m.country and m.country != exclude:
                            return m.country
        return None
