"""Targets the argument rules leave empty, for acts aimed at someone.

PLOVER codes a target whenever the text says whom an act is aimed at, also when that is
not the verb's object: the purpose or reason of the act ("went on hunger strike to
protest against Norway's asylum ruling"), the population of the place it is done to ("a
curfew in the town of Mardin"), or, last, the nearest other actor in the act's own
clause ("blocked roads out of the city to press demands on the governor"). Each rule
that fires is named in the event's rule (``clause-target``, ``place-target``,
``clause-actor``), so a guess is never mistaken for a parse.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from parley.extract.events.countries import attribution_tokens
from parley.extract.events.locations import location_tokens, unnamed_place
from parley.extract.events.participants import ActorIndex, is_political, same_side
from parley.extract.events.places import geocode
from parley.extract.events.syntax import is_verbal, subject_of
from parley.extract.events.triggers import Candidate
from parley.records import ArgRole, ArgRule, Mention

REQUEST_LIKE = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
# types whose target may be the population of a place ("lifted a curfew in Tigray")
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "CONCEDE", "RETREAT", "SANCTION", "AID", "PROTEST"})
# nouns of a reason phrase whose object the act is aimed at: "in protest of X's refusal",
# "in defiance of the authorities", "in retaliation for X's raid"
REASON_NOUNS = frozenset({"protest", "defiance", "retaliation", "response", "reprisal", "revenge",
                          "opposition", "solidarity"})
# prepositions and verbs whose phrases tell the background of an act or what someone
# says or thinks, not whom the act is aimed at
BACKGROUND_PREPS = frozenset({"after", "before", "since", "following", "despite", "amid", "amidst", "during",
                              "because", "as", "like", "unlike", "than", "besides", "throughout"})
COGNITION_VERBS = frozenset({"say", "think", "believe", "suggest", "claim", "allege", "argue", "insist",
                             "assert", "feel", "fear", "hope", "know", "report", "tell", "announce", "add"})
# subordinate clauses that tell the background of an act, not what it is aimed at
BACKGROUND_MARKS = frozenset({"while", "as", "after", "before", "since", "when", "although", "though",
                              "because", "whereas", "once", "whilst"})
# types that are done with someone rather than to them: no target is guessed for them
# from a purpose clause ("met to discuss X" does not meet X)
WITH_TYPES = frozenset({"CONSULT", "COOPERATE"})


class TargetFinder:
    def __init__(self, index: ActorIndex):
        self.index = index

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
        if not c.targets and c.kind != "nominal":
            # (an event noun keeps to its own phrase: "Russia's invasion" takes the
            # target of the same side's other attacks later, see merge)
            self._clause_actor(c)

    def _place_as_target(self, c: Candidate) -> None:
        """An act on a place is aimed at the people who live there: an attack on a place
        at the state it belongs to ("strikes on Ukrainian cities", unless it is the
        attacker's own), a curfew, a blockade or a protest at the population of the town
        or state it is in ("a curfew in the town of Mardin", "lifted emergency rule in
        Tigray"). A town or region stays a place actor (its name, its state's
        country), so a government acting on its own country's town keeps both sides."""
        src_countries = {m.country for m in c.sources if m.country} if c.type == "ASSAULT" else set()
        for tok in location_tokens(c):
            m = self.index.mention_at(tok)
            if m is None or not m.country:
                m = unnamed_place(tok)
            if m is None or not m.country or m.country in src_countries:
                continue
            place = geocode(m.text)
            sub_national = place is None or place.kind != "country" or (m.actor_type or "") == "place"
            if sub_national or same_party(m, c.sources):
                m = dataclasses.replace(m, actor_id=None, actor_name=m.text, actor_type="place", is_metonym=False)
            c.targets.append(m)
            c.found(ArgRule.PLACE_TARGET, ArgRole.TARGET)
            return

    def _clause_targets(self, c: Candidate) -> None:
        """An act done to achieve something is aimed at whoever that is aimed at: the
        first actor (other than the doer) in the act's purpose clause ("went on hunger
        strike to protest against Norway's asylum ruling"), its participle clause ("...,
        calling for autonomy from Spain"), an "until" clause, a reason phrase ("in
        protest of the government's refusal", "in defiance of the authorities"), a
        clause relating the event noun ("a strike that closed the port") or, for a
        threat or demand, its condition ("... if Japan deploys the missiles")."""
        roots: list[Token] = []
        holders = [c.anchor] + ([c.head] if c.head is not c.anchor else [])
        if c.anchor.dep_ == "xcomp":  # "have sworn to fight until ...": the controlling verb's clauses
            holders.append(c.anchor.head)
        for holder in holders:
            for ch in holder.children:
                marks = {g.lower_ for g in ch.children if g.dep_ in ("mark", "aux")}
                if ch is c.anchor:
                    continue
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
                c.found(ArgRule.CLAUSE_TARGET, ArgRole.TARGET)
                return

    def _clause_actor(self, c: Candidate) -> None:
        """The nearest other actor in the act's own clause, past its subject and whoever
        reports it ("blocked roads leading to the centre to press demands on X's
        government", "rioted following a demonstration calling for X's removal")."""
        sent = c.anchor.sent
        skip = attribution_tokens(sent) | _dateline(sent)
        subj, _ = subject_of(c.anchor)
        if subj is not None:
            skip.update(t.i for t in subj.subtree)
        for tok in c.anchor.subtree:
            if tok.i in skip or tok is c.anchor:
                continue
            background = (
                # "while inspectors said ...", "after receiving evidence that ...", "as X"
                tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in BACKGROUND_MARKS for m in tok.children)
                or tok.dep_ == "prep" and tok.lower_ in BACKGROUND_PREPS
                # what others are said or thought to do, and descriptions of other things
                or tok.dep_ == "ccomp" and tok.head.lemma_.lower() in COGNITION_VERBS
                or tok.dep_ == "relcl"
            )
            if background:
                skip.update(t.i for t in tok.subtree)
        places_too = c.type in PLACE_TARGET_TYPES
        found = self._first_actor_in(c.anchor, c.sources, skip=skip, max_depth=9,
                                     accept=lambda m: _clear_actor(m, places_too))
        if found:
            c.targets.extend(found)
            c.found(ArgRule.CLAUSE_ACTOR, ArgRole.TARGET)

    def _first_actor_in(self, root: Token, exclude: list[Mention], max_depth: int = 8,
                        skip: set[int] | None = None, accept=None) -> list[Mention]:
        """The actors of the shallowest noun phrase under ``root`` (breadth first) that
        names someone other than ``exclude``; tokens in ``skip`` are not entered. A
        group the text does not name ("thousands of demonstrators") is kept only when
        no named actor follows deeper down."""
        skip = skip or set()
        level = [root]
        weak: list[Mention] = []
        for _ in range(max_depth):
            found: list[Mention] = []
            nxt: list[Token] = []
            for tok in level:
                if tok.i in skip:
                    continue
                if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or tok.ent_type_:
                    found.extend(m for m in self.index.phrase(tok) if not same_party(m, exclude) and _has_a_side(m)
                                 and (accept is None or accept(m)))
                nxt.extend(tok.children)
            strong = [m for m in found if m.resolved_by != "unnamed-group"]
            if strong:
                return unique_mentions(strong)
            if found and not weak:
                weak = unique_mentions(found)
            level = sorted(nxt, key=lambda t: t.i)
            if not level:
                break
        return weak



def _dateline(sent) -> set[int]:
    """A dateline the sentence splitter left on the first sentence ("LIMA, May 3
    (Reuters) --"): where the story was filed, not who took part."""
    toks = list(sent)
    if len(toks) > 2 and toks[0].is_upper and toks[0].ent_type_ in ("GPE", "LOC") and toks[1].text in (",", "--", "-"):
        for i, t in enumerate(toks[:12]):
            if t.text in ("--", "—", "-") and i > 1:
                return {x.i for x in toks[: i + 1]}
        return {toks[0].i}
    return set()


def _clear_actor(m: Mention, places_too: bool) -> bool:
    """An actor the nearest-actor fallback may take: a state, a known actor, one with a
    country, or an unnamed group; a mere place only for acts done to a place."""
    kind = m.actor_type or ""
    if kind == "place" or (m.label in ("GPE", "LOC", "FAC") and kind not in ("state", "territory")
                           and not m.is_metonym):
        return places_too
    return bool(m.country) or kind in ("state", "territory") or m.resolved_by.startswith("kb") \
        or m.resolved_by in ("unnamed-group", "ethnic-groups", "metonym")


def _has_a_side(m: Mention) -> bool:
    """A political actor, or a place in a known state (a town stands for its people);
    not a river or a landmark ("the Danube")."""
    if is_political(m) or m.country:
        return True
    place = geocode(m.text) if m.label in ("GPE", "LOC", "FAC") else None
    return place is not None and bool(place.country)


def unique_mentions(ms: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in ms:
        key = m.actor_id or m.actor_name or m.text
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def same_party(m: Mention, others: list[Mention]) -> bool:
    """``m`` is one of ``others``: the same actor on the same side (a state's people
    are not its government, see ``same_side``)."""
    key = m.actor_id or m.actor_name or m.text
    return any((o.actor_id or o.actor_name or o.text) == key and same_side(m, o) for o in others)
