"""Argument roles: source and target actors of a trigger from the dependency parse.

Handles active and passive voice, control and coordination (through ``subject_of``),
relative clauses, appositions, possessive and adjectival actors of event nouns ("Kyiv's
demand", "US sanctions"), prepositional roles from the lexicon ("talks with", "sanctions
on"), the clause of a demand ("demand that Moscow halt"), agentive participles
("talks led by"), and event nouns that borrow their doer from the verb governing them
("was in India for talks", "entered a day of negotiations").
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from parley.extract.events.countries import attribution_tokens
from parley.extract.events.participants import ActorIndex, is_political, same_side
from parley.extract.events.places import geocode
from parley.extract.events.syntax import (
    AGENTIVE_PARTICIPLES, first_child, is_passive, is_verbal, prep_objects, subject_of,
)
from parley.extract.events.triggers import Candidate, content_noun
from parley.records import Mention

# nouns that stand for a document or plan whose owner is the doer: "a proposal that would require"
INSTRUMENT_NOUNS = frozenset({
    "proposal", "plan", "resolution", "law", "bill", "statement", "readout", "strategy", "decree",
    "order", "letter", "declaration", "report", "draft", "framework", "initiative", "deal",
    "agreement", "document", "communique", "memo", "note", "policy", "offer", "ultimatum",
})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "outside", "inside", "throughout", "around"})
REQUEST_LIKE = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
HOSTING_VERBS = frozenset({"host", "chair", "broker", "organize", "organise", "convene", "sponsor", "mediate"})
ATTACK_NOUNS = frozenset({"bombing", "attack", "explosion", "blast", "bomb", "device", "mine", "strike",
                          "shelling", "airstrike", "rocket", "missile", "shell", "gunfire", "ambush",
                          "raid", "ied", "minefield", "grenade", "drone", "suicide", "car"})
# types whose target may be the population of a place ("lifted a curfew in Montenegro")
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "CONCEDE", "RETREAT", "SANCTION", "AID", "PROTEST"})
# generic nouns for a place whose name hangs from them: "the town of Cizre", "Montenegro
# province", "the Bosnian enclave of Gorazde"
PLACE_NOUNS = frozenset({
    "town", "city", "village", "province", "region", "district", "capital", "area", "state", "county",
    "enclave", "suburb", "territory", "port", "island", "camp", "neighbourhood", "neighborhood", "sector",
    "zone", "outskirts", "municipality", "republic", "peninsula", "valley", "strip", "centre", "center",
})
# verbs whose object is the understood subject of their infinitive clause and the one the
# act is aimed at: "allowed X to participate", "forced X to leave"
CONTROL_TARGET_VERBS = frozenset({"allow", "permit", "let", "enable", "authorize", "authorise", "force",
                                  "compel", "order", "urge", "ask", "invite", "pressure", "press", "help"})
# nouns of a reason phrase whose object the act is aimed at: "in protest of X's refusal",
# "in defiance of the authorities", "in retaliation for X's raid"
REASON_NOUNS = frozenset({"protest", "defiance", "retaliation", "response", "reprisal", "revenge",
                          "opposition", "solidarity"})
# subordinate clauses that tell the background of an act, not what it is aimed at
BACKGROUND_MARKS = frozenset({"while", "as", "after", "before", "since", "when", "although", "though",
                              "because", "whereas", "once", "whilst"})
# types that are done with someone rather than to them: no target is guessed for them
# from a purpose clause ("met to discuss X" does not meet X)
WITH_TYPES = frozenset({"CONSULT", "COOPERATE"})


def _container(noun: Token) -> Token | None:
    """The measure noun an event noun hangs from: "a wave of strikes" -> wave."""
    node = noun.head if noun.dep_ == "conj" else noun
    node = node if node.dep_ == "pobj" else None
    if node is not None and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        return node.head.head
    return None


class ArgumentFinder:
    def __init__(self, index: ActorIndex, symmetric_types: frozenset[str]):
        self.index = index
        self.symmetric = symmetric_types

    def fill(self, c: Candidate) -> None:
        if c.kind == "nominal":
            self._nominal(c)
        elif c.kind == "deontic":
            self._deontic(c)
        else:
            self._verbal(c)
        if not c.sources:
            self._fallback_sources(c)
        c.sources = _unique(c.sources)
        c.targets = [m for m in _unique(c.targets) if not _same(m, c.sources)]
        if not c.targets and c.type in self.symmetric and len(c.sources) > 1:
            c.targets = list(c.sources)  # "X and Y met": both sides take part
            c.how.append("reciprocal")

    # ------------------------------------------------------------------ verbs
    def _verbal(self, c: Candidate) -> None:
        verb, roles = c.anchor, c.entry.roles
        subj, how = subject_of(verb)
        if subj is not None:
            found = self._doer(subj)
            if found:
                c.sources.extend(found)
                c.how.append("subj:" + how if how != "nsubj" else "subj")
        passive = is_passive(verb)
        if passive:
            patient = first_child(verb, "nsubjpass")
            if patient is not None and roles.get("nsubjpass", "target") == "target":
                c.targets.extend(self.index.phrase(patient))
                if c.targets:
                    c.how.append("passive")
        if c.kind in ("light", "reversal"):
            before = len(c.sources)
            self._noun_arguments(c, c.head, allow_left=True)
            if c.kind == "light" and verb.lemma_.lower() in HOSTING_VERBS and len(c.sources) > before:
                # "X hosted a meeting between A and B": A and B meet, X hosts
                parties = c.sources[before:]
                c.sources = c.sources[:before]
                c.targets.extend(parties)
                c.how.append("hosted-parties")
        obj = c.object_token
        if c.kind == "verbal" and obj is not None and not passive:
            role = roles.get("dobj", "target")
            if role == "target":
                found = self.index.phrase(obj)
                if not found:
                    noun = content_noun(obj)
                    found = self.index.phrase(noun) if noun is not None and noun is not obj else []
                c.targets.extend(found)
        if c.kind == "verbal" and obj is not None:
            # "shared evidence with the U.S.", "sent arms to Pakistan"
            for word, pobj in prep_objects(obj):
                if roles.get(word) == "target" and word != "of":
                    c.targets.extend(self.index.phrase(pobj))
        dative = first_child(verb, "dative")
        if dative is not None:
            inner = first_child(dative, "pobj") or dative
            c.targets.extend(self.index.phrase(inner))
        for word, pobj in prep_objects(verb):
            if word == "by" and passive:
                continue
            role = roles.get(word)
            if role == "target":
                c.targets.extend(self.index.phrase(pobj))
            elif role == "source":
                c.sources.extend(self.index.phrase(pobj))
        if (c.type in REQUEST_LIKE or verb.lemma_.lower() in CONTROL_TARGET_VERBS) and not c.targets:
            clause = first_child(verb, "ccomp", "xcomp")
            if clause is not None:
                s, _ = subject_of(clause)
                if s is not None and s is not subj:
                    c.targets.extend(self.index.phrase(s))
                    if c.targets:
                        c.how.append("clause-subject")
        if subj is not None and self._instrument_owner(subj):
            c.how.append("instrument-owner")

    def _deontic(self, c: Candidate) -> None:
        subj, how = subject_of(c.anchor)
        if subj is not None:
            c.sources.extend(self._doer(subj))
            c.how.append("speaker")
        clause = c.object_token
        if clause is not None:
            obliged, _ = subject_of(clause)
            if obliged is not None:
                c.targets.extend(self.index.phrase(obliged))
                c.how.append("obliged")
        if not c.targets:
            c.sources = []  # "said the plan must ...": an obligation on no actor is no request

    def _fallback_sources(self, c: Candidate) -> None:
        """Doers the parse does not name as actors: an attack whose subject is the weapon
        ("a roadside bombing killed ...") has an unknown source; a crowd ("thousands of
        people blocked streets in Hong Kong") stands for the place it protests in."""
        verb = c.anchor
        subj, _ = subject_of(verb) if c.kind != "nominal" else (None, "")
        if c.type == "ASSAULT" and c.targets:
            agents = [subj] if subj is not None else []
            agents += [p for w, p in prep_objects(verb) if w in ("in", "by")]
            for a in agents:
                words = {a.lemma_.lower()} | {t.lemma_.lower() for t in a.children if t.dep_ == "compound"}
                if words & ATTACK_NOUNS:
                    c.how.append("unattributed")
                    return
        if c.type == "PROTEST" and subj is not None and subj.pos_ in ("NOUN", "NUM"):
            places = [t for w, p in list(prep_objects(verb)) + list(prep_objects(subj)) if w in LOCATIVE_PREPS
                      for t in p.subtree]  # "rioted at a jail in East Timor's capital Dili"
            for tok in location_tokens(c) + places:
                m = self.index.mention_at(tok)
                if m is not None and m.country:
                    c.sources.append(m)
                    c.how.append("crowd-of-place")
                    return

    # ------------------------------------------------------------------ nouns
    def _nominal(self, c: Candidate) -> None:
        noun = c.head
        self._noun_arguments(c, noun, allow_left=True)
        if not c.sources and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
            # "Russian missile and drone strikes": conjuncts share the premodifier
            self._noun_arguments(c, noun.head, allow_left=True)
        container = _container(noun)
        if container is not None:
            c.places.extend(t for w, t in prep_objects(container)
                            if w in LOCATIVE_PREPS and t.ent_type_ in ("GPE", "LOC", "FAC"))
        if not c.sources:
            self._borrow_doer(c, noun)

    def fill_missing_target(self, c: Candidate) -> None:
        """Targets the argument rules left empty, for acts aimed at someone (not those
        done with someone, CONSULT and COOPERATE): the purpose or reason of the act,
        then the place it is done to, then the nearest other actor in its clause. Run
        after the content of a promise or demand has had its say (``build``)."""
        if not c.sources or c.targets or c.type in WITH_TYPES:
            return
        self._clause_targets(c)
        if not c.targets and c.type in PLACE_TARGET_TYPES:
            self._place_as_target(c)
        if not c.targets and (c.kind != "nominal" or c.anchor is not c.head):
            # (an event noun on its own keeps to its own phrase: "Russia's invasion" takes
            # the target of the same side's other attacks later, see merge)
            self._clause_actor(c)

    def _place_as_target(self, c: Candidate) -> None:
        """An act on a place is aimed at the people who live there: an attack on a place
        at the state it belongs to ("strikes across Ukraine", unless it is the
        attacker's own), a curfew, a blockade or a protest at the population of the town
        or state it is in ("a curfew in the town of Cizre", "lifted emergency rule in
        Montenegro"). A town or region stays a place actor (its name, its state's
        country), so a government acting on its own country's town keeps both sides."""
        src_countries = {m.country for m in c.sources if m.country} if c.type == "ASSAULT" else set()
        for tok in location_tokens(c):
            m = self.index.mention_at(tok)
            if m is None or not m.country:
                m = _unnamed_place(tok, self.index)
            if m is None or not m.country or m.country in src_countries:
                continue
            place = geocode(m.text)
            sub_national = place is None or place.kind != "country" or (m.actor_type or "") == "place"
            if sub_national or _same(m, c.sources):
                m = dataclasses.replace(m, actor_id=None, actor_name=m.text, actor_type="place", is_metonym=False)
            c.targets.append(m)
            c.how.append("place-target")
            return

    def _clause_targets(self, c: Candidate) -> None:
        """An act done to achieve something is aimed at whoever that is aimed at: the
        first actor (other than the doer) in the act's purpose clause ("began a hunger
        strike to protest against Sweden's decision"), its participle clause ("...,
        calling for independence from Iraq"), an "until" clause, a reason phrase ("in
        protest of the government's refusal", "in defiance of the authorities"), a
        clause relating the event noun ("a strike that shut down the capital") or, for a
        threat or demand, its condition ("... if the United States goes ahead")."""
        roots: list[Token] = []
        holders = [c.anchor] + ([c.head] if c.head is not c.anchor else [])
        for holder in holders:
            for ch in holder.children:
                marks = {g.lower_ for g in ch.children if g.dep_ in ("mark", "aux")}
                if ch.dep_ in ("advcl", "xcomp") and is_verbal(ch) and ch.i > holder.i:
                    if ("to" in marks and ch.tag_ == "VB") or (ch.tag_ == "VBG" and not marks) or "until" in marks:
                        roots.append(ch)
                    elif marks & {"if", "unless"} and c.type in REQUEST_LIKE:
                        roots.append(ch)
                elif ch.dep_ == "relcl" and holder is c.head and c.kind in ("nominal", "light"):
                    roots.append(ch)
                elif ch.dep_ == "prep" and ch.lower_ in ("in", "into"):
                    roots.extend(p for p in ch.children if p.dep_ == "pobj" and p.lemma_.lower() in REASON_NOUNS)
        for root in roots:
            found = self._first_actor_in(root, c.sources)
            if found:
                c.targets.extend(found)
                c.how.append("clause-target")
                return

    def _clause_actor(self, c: Candidate) -> None:
        """The nearest other actor in the act's own clause, past its subject and whoever
        reports it ("blocked roads leading to the centre to press demands on X's
        government", "rioted following a demonstration calling for X's removal")."""
        skip = attribution_tokens(c.anchor.sent)
        subj, _ = subject_of(c.anchor)
        if subj is not None:
            skip.update(t.i for t in subj.subtree)
        for tok in c.anchor.subtree:  # background clauses: "while inspectors said ..."
            if tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in BACKGROUND_MARKS for m in tok.children):
                skip.update(t.i for t in tok.subtree)
        found = self._first_actor_in(c.anchor, c.sources, skip=skip, max_depth=9)
        if found:
            c.targets.extend(found)
            c.how.append("clause-actor")

    def _first_actor_in(self, root: Token, exclude: list[Mention], max_depth: int = 5,
                        skip: set[int] | None = None) -> list[Mention]:
        """The actors of the shallowest noun phrase under ``root`` (breadth first) that
        names someone other than ``exclude``; tokens in ``skip`` are not entered."""
        skip = skip or set()
        level = [root]
        for _ in range(max_depth):
            found: list[Mention] = []
            nxt: list[Token] = []
            for tok in level:
                if tok.i in skip:
                    continue
                if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or tok.ent_type_:
                    found.extend(m for m in self.index.phrase(tok) if not _same(m, exclude) and _has_a_side(m))
                nxt.extend(tok.children)
            if found:
                return _unique(found)
            level = sorted(nxt, key=lambda t: t.i)
            if not level:
                break
        return []

    def _noun_arguments(self, c: Candidate, noun: Token, allow_left: bool) -> None:
        roles = c.entry.roles
        if allow_left:
            for child in noun.lefts:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found = self.index._modifier_actors(child)
                    if child.dep_ in ("compound", "amod"):
                        places = [m for m in found if _is_city(m)]
                        if places:
                            c.places.append(child)
                            found = [m for m in found if m not in places]
                    if found:
                        role = roles.get(child.dep_, "source")
                        (c.sources if role == "source" else c.targets).extend(found)
                        c.how.append(child.dep_)
        preps = list(prep_objects(noun))
        if noun.dep_ == "compound":  # "a mediation effort between A and B"
            preps.extend(prep_objects(noun.head))
        for child in noun.children:  # "a gathering two weeks earlier of X"
            if child.dep_ in ("advmod", "npadvmod") and child.i > noun.i:
                preps.extend(prep_objects(child))
        for word, pobj in preps:
            role = roles.get(word)
            if role not in ("source", "target"):
                continue
            found = self.index.phrase(pobj)
            if word == "of" and not found:
                continue
            (c.sources if role == "source" else c.targets).extend(found)
            if found:
                c.how.append(word)
        # "the talks, led by X": an agentive participle names the doer
        for child in noun.children:
            if child.dep_ == "acl" and child.lemma_.lower() in AGENTIVE_PARTICIPLES:
                agent = first_child(child, "agent")
                pobj = first_child(agent, "pobj") if agent is not None else None
                if pobj is not None:
                    found = self.index.phrase(pobj)
                    if found:
                        c.sources.extend(found)
                        c.how.append("led-by")
        # "X's demand that Y halt Z": the subject of the demanded clause is the target
        if c.type in REQUEST_LIKE and not c.targets:
            for child in noun.children:
                if child.dep_ in ("acl", "ccomp", "relcl") and is_verbal(child):
                    s, _ = subject_of(child)
                    if s is not None and s.lower_ not in ("that", "which"):
                        c.targets.extend(self.index.phrase(s))
                        if c.targets:
                            c.how.append("demand-clause")

    def _borrow_doer(self, c: Candidate, noun: Token) -> None:
        """An event noun without its own doer takes the subject of the verb it is the
        object of, directly or through a preposition or a measure word."""
        node = noun
        for _ in range(3):
            head = node.head
            if node.dep_ == "pobj" and head.dep_ == "prep":
                if head.lower_ == "of" and head.head.pos_ in ("NOUN",) and head.head.dep_ in ("dobj", "pobj", "nsubj"):
                    node = head.head  # "a day of negotiations" -> "day"
                    continue
                if head.lower_ in ("for", "in", "into", "during", "at", "to") and is_verbal(head.head):
                    verb = head.head
                    break
                return
            if node.dep_ in ("dobj", "nsubjpass") and is_verbal(head):
                verb = head
                break
            return
        else:
            return
        subj, how = subject_of(verb)
        if subj is None:
            return
        found = self._doer(subj)
        if found:
            c.sources.extend(found)
            c.how.append("governing-subject")
            c.anchor = verb
            if verb not in c.trigger_tokens:
                c.trigger_tokens.insert(0, verb)

    # ------------------------------------------------------------------ helpers
    def _doer(self, subj: Token) -> list[Mention]:
        found = self.index.phrase(subj)
        if found:
            return found
        return self._instrument_owner(subj)

    def _instrument_owner(self, tok: Token) -> list[Mention]:
        """"the American proposal ... would require": a plan's owner acts through it."""
        node = tok
        if tok.lower_ in ("that", "which") and tok.head.dep_ == "relcl":
            node = tok.head.head
        if node.lemma_.lower() in INSTRUMENT_NOUNS:
            found = self.index.phrase(node)
            if not found and node.dep_ == "dobj":  # "X issued a declaration demanding ..."
                s, _ = subject_of(node.head)
                if s is not None and s is not tok:
                    found = self.index.phrase(s)
            return found
        return []

def _is_city(m: Mention) -> bool:
    """A city named before an event noun is where it happens ("the Miami talks"), unless
    the actors layer says the name stands for a government (a metonym)."""
    if m.is_metonym or m.label not in ("GPE", "LOC", "FAC"):
        return False
    place = geocode(m.text)
    return place is not None and place.kind == "city"


def place_token(pobj: Token) -> Token | None:
    """The place a locative object names: itself ("in Kabul"), or the name hanging from
    a generic place noun ("in the town of Cizre", "in Montenegro province", "the
    southern capital Juba", "the Bosnian town of Gorazde")."""
    if pobj.ent_type_ in ("GPE", "LOC", "FAC"):
        return pobj
    if pobj.lemma_.lower() not in PLACE_NOUNS:
        return None
    named = None
    for ch in pobj.children:
        if ch.dep_ == "prep" and ch.lower_ == "of":
            for g in ch.children:
                if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG") or \
                        g.dep_ == "pobj" and g.pos_ == "PROPN":
                    return g
        if ch.dep_ in ("appos", "compound") and (ch.ent_type_ in ("GPE", "LOC", "FAC") or ch.pos_ == "PROPN"):
            return ch
        if ch.dep_ in ("amod", "compound", "poss") and ch.ent_type_ in ("GPE", "NORP", "LOC"):
            named = ch  # "the Bosnian town": the state, when the town has no name
    return named


def location_tokens(c: Candidate) -> list[Token]:
    """Place names in locative phrases on the trigger, its anchor verb, the event noun
    or the act's object and the participle describing it ("talks in Miami", "In
    London, X will host", "the curfew imposed in Sudan", "power lines leading into
    Kabul")."""
    out: list[Token] = list(c.places)
    holders = list(dict.fromkeys([c.anchor, c.head]))
    if c.object_token is not None and c.object_token not in holders:
        holders.append(c.object_token)
    for h in list(holders):
        if h.pos_ in ("NOUN", "PROPN"):
            holders.extend(ch for ch in h.children if ch.dep_ == "acl")
    for tok in holders:
        for word, pobj in prep_objects(tok):
            if word in LOCATIVE_PREPS or (word == "into" and tok.dep_ == "acl"):
                place = place_token(pobj)
                if place is not None:
                    out.append(place)
    return out


def _unnamed_place(tok: Token, index: ActorIndex) -> Mention | None:
    """A place the actors layer does not list ("West Darfur State"): geocoded."""
    name = tok.text
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None:
        name = ent.text
    place = geocode(name)
    if place is None or not place.country:
        return None
    return Mention(article_id=tok.doc._.article_id or "", start=tok.idx, end=tok.idx + len(tok), text=name,
                   actor_id=None, actor_name=name, actor_type="place", country=place.country, label="GPE",
                   resolved_by="gazetteer")


def _has_a_side(m: Mention) -> bool:
    """A political actor, or a place in a known state (a town stands for its people);
    not a river or a landmark ("the Rhine")."""
    if is_political(m) or m.country:
        return True
    place = geocode(m.text) if m.label in ("GPE", "LOC", "FAC") else None
    return place is not None and bool(place.country)


def _unique(ms: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in ms:
        key = m.actor_id or m.actor_name or m.text
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _same(m: Mention, others: list[Mention]) -> bool:
    """``m`` is one of ``others``: the same actor on the same side (a state's people
    are not its government, see ``same_side``)."""
    key = m.actor_id or m.actor_name or m.text
    return any((o.actor_id or o.actor_name or o.text) == key and same_side(m, o) for o in others)
