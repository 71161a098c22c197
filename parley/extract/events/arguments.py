"""Argument roles: source and target actors of a trigger from the dependency parse.

Handles active and passive voice, control and coordination (through ``subject_of``),
relative clauses, appositions, possessive and adjectival actors of event nouns ("Kyiv's
demand", "US sanctions"), prepositional roles from the lexicon ("talks with", "sanctions
on"), the clause of a demand ("demand that Moscow halt"), agentive participles
("talks led by"), and event nouns that borrow their doer from the verb governing them
("was in India for talks", "entered a day of negotiations").
"""

from __future__ import annotations

from spacy.tokens import Token

from parley.extract.events.locations import LOCATIVE_PREPS, location_tokens, unnamed_place
from parley.extract.events.participants import SECTOR_MARK, ActorIndex, is_political
from parley.extract.events.places import geocode
from parley.extract.events.syntax import (
    AGENTIVE_PARTICIPLES, first_child, is_passive, is_verbal, prep_objects, subject_of,
)
from parley.extract.events.targets import REQUEST_LIKE
from parley.extract.events.targets import same_party as _same
from parley.extract.events.targets import unique_mentions as _unique
from parley.extract.events.triggers import Candidate, content_noun
from parley.records import ArgRole, ArgRule, Mention, SubjectLink

# nouns that stand for a document or plan whose owner is the doer: "a proposal that would require"
INSTRUMENT_NOUNS = frozenset({
    "proposal", "plan", "resolution", "law", "bill", "statement", "readout", "strategy", "decree",
    "order", "letter", "declaration", "report", "draft", "framework", "initiative", "deal",
    "agreement", "document", "communique", "memo", "note", "policy", "offer", "ultimatum",
})
HOSTING_VERBS = frozenset({"host", "chair", "broker", "organize", "organise", "convene", "sponsor", "mediate"})
ATTACK_NOUNS = frozenset({"bombing", "attack", "explosion", "blast", "bomb", "device", "mine", "strike",
                          "shelling", "airstrike", "rocket", "missile", "shell", "gunfire", "ambush",
                          "raid", "ied", "minefield", "grenade", "drone", "suicide", "car"})
# verbs whose object is the understood subject of their infinitive clause and the one the
# act is aimed at: "allowed X to participate", "forced X to leave"
CONTROL_TARGET_VERBS = frozenset({"allow", "permit", "let", "enable", "authorize", "authorise", "force",
                                  "compel", "order", "urge", "ask", "invite", "pressure", "press", "help"})
# light verbs whose passive subject does the act: "were engaged in", "is involved in"
PASSIVE_DOER_LIGHT = frozenset({"engage", "involve"})
# modes of acts only a state does: arrest, detention, trial, deportation, investigation
STATE_ACT_MODES = frozenset({"arrest", "detain", "deport", "legal", "investigate", "ban"})
# the rule of each modifier dependency an event noun's actor can hang from
MODIFIER_RULES = {"poss": ArgRule.POSSESSIVE, "compound": ArgRule.COMPOUND, "amod": ArgRule.ADJECTIVE,
                  "nmod": ArgRule.NMOD}
# dependencies a finite verb gets when the parser mistook it for a modifier
MISPARSED_VERB_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "appos", "dep"})


def _container(noun: Token) -> Token | None:
    """The measure noun an event noun hangs from: "a wave of strikes" -> wave."""
    node = noun.head if noun.dep_ == "conj" else noun
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        return node.head.head
    return None


class ArgumentFinder:
    def __init__(self, index: ActorIndex, symmetric_types: frozenset[str],
                 topic_verbs: frozenset[str] = frozenset()):
        self.index = index
        self.symmetric = symmetric_types
        # verbs that speak of an act rather than do it ("denounced the bombings"): an
        # event noun they govern does not borrow their subject as its doer
        self.topic_verbs = topic_verbs

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
            c.found(ArgRule.RECIPROCAL, ArgRole.TARGET)

    # ------------------------------------------------------------------ verbs
    def _verbal(self, c: Candidate) -> None:
        verb, roles = c.anchor, c.entry.roles
        subj, how = subject_of(verb)
        if subj is not None:
            found = self._doer(subj)
            if found:
                c.sources.extend(found)
                by_agent = bool(how) and how[-1] is SubjectLink.AGENT
                c.found(ArgRule.BY_AGENT if by_agent else ArgRule.SUBJECT, ArgRole.SOURCE,
                        via=how[:-1] if by_agent or how[-1:] == (SubjectLink.NSUBJ,) else how)
        passive = is_passive(verb)
        if passive:
            patient = first_child(verb, "nsubjpass")
            # "were engaged in looting", "is involved in talks": the subject acts
            doer_role = "source" if c.kind == "light" and verb.lemma_.lower() in PASSIVE_DOER_LIGHT else "target"
            role: str | None = roles.get("nsubjpass", doer_role)
            if patient is not None and role == "target":
                c.targets.extend(self.index.phrase(patient))
                if c.targets:
                    c.found(ArgRule.PASSIVE, ArgRole.TARGET)
            elif patient is not None and role == "source" and subj is None:
                c.sources.extend(self.index.phrase(patient))
                if c.sources:
                    c.found(ArgRule.PASSIVE_DOER, ArgRole.SOURCE)
        if c.kind in ("light", "reversal"):
            before = len(c.sources)
            self._noun_arguments(c, c.head, allow_left=True)
            if c.kind == "light" and verb.lemma_.lower() in HOSTING_VERBS and len(c.sources) > before:
                # "X hosted a meeting between A and B": A and B meet, X hosts
                parties = c.sources[before:]
                c.sources = c.sources[:before]
                c.targets.extend(parties)
                c.found(ArgRule.HOSTED_PARTIES, ArgRole.TARGET)
        obj = c.object_token
        if c.kind == "verbal" and obj is not None and verb.lemma_.lower() in HOSTING_VERBS:
            # "ready to host a meeting between X and Y": the parties meet, the host hosts
            noun = content_noun(obj) or obj
            parties = [m for w, p in prep_objects(noun) if w in ("between", "among", "of", "with")
                       for m in self.index.phrase(p)]
            if parties:
                c.targets.extend(parties)
                c.found(ArgRule.HOSTED_PARTIES, ArgRole.TARGET)
        if c.kind == "verbal" and obj is not None and not passive:
            role = roles.get("dobj", "target")
            if role == "target":
                found = self.index.phrase(obj)
                if not found:
                    inner_noun = content_noun(obj)
                    found = self.index.phrase(inner_noun) if inner_noun is not None and inner_noun is not obj else []
                c.targets.extend(found)
                if found:
                    c.found(ArgRule.OBJECT, ArgRole.TARGET)
        if c.kind == "verbal" and obj is not None:
            # "shared evidence with the U.S.", "sent arms to Pakistan"
            for word, pobj in prep_objects(obj):
                if roles.get(word) == "target" and word != "of":
                    found = self.index.phrase(pobj)
                    c.targets.extend(found)
                    if found:
                        c.found(ArgRule.PREP, ArgRole.TARGET, word)
        dative = first_child(verb, "dative")
        if dative is not None:
            inner = first_child(dative, "pobj") or dative
            found = self.index.phrase(inner)
            c.targets.extend(found)
            if found:
                c.found(ArgRule.DATIVE, ArgRole.TARGET)
        for word, pobj in prep_objects(verb):
            if word == "by" and passive:
                continue
            role = roles.get(word)
            if role in ("source", "target"):
                found = self.index.phrase(pobj)
                (c.targets if role == "target" else c.sources).extend(found)
                if found:
                    c.found(ArgRule.PREP, ArgRole(role), word)
        if (c.type in REQUEST_LIKE or verb.lemma_.lower() in CONTROL_TARGET_VERBS) and not c.targets:
            clause = first_child(verb, "ccomp", "xcomp")
            if clause is not None:
                s, _ = subject_of(clause)
                if s is not None and s is not subj:
                    c.targets.extend(self.index.phrase(s))
                    if c.targets:
                        c.found(ArgRule.CLAUSE_SUBJECT, ArgRole.TARGET)
        if subj is not None and self._instrument_owner(subj):
            c.found(ArgRule.INSTRUMENT_OWNER, ArgRole.SOURCE)

    def _deontic(self, c: Candidate) -> None:
        subj, how = subject_of(c.anchor)
        if subj is not None:
            c.sources.extend(self._doer(subj))
            c.found(ArgRule.SPEAKER, ArgRole.SOURCE)
        clause = c.object_token
        if clause is not None:
            obliged, _ = subject_of(clause)
            if obliged is not None:
                c.targets.extend(self.index.phrase(obliged))
                c.found(ArgRule.OBLIGED, ArgRole.TARGET)
        if not c.targets:
            c.sources = []  # "said the plan must ...": an obligation on no actor is no request

    def _fallback_sources(self, c: Candidate) -> None:
        """Doers the parse does not name as actors: an attack whose subject is the weapon
        ("a roadside bombing killed ...") has an unknown source; a crowd ("thousands of
        people blocked streets in Hong Kong") stands for the place it protests in."""
        verb = c.anchor
        subj, _ = subject_of(verb) if c.kind != "nominal" else (None, ())
        if c.type == "ASSAULT" and c.targets:
            agents = [subj] if subj is not None else []
            agents += [p for w, p in prep_objects(verb) if w in ("in", "by")]
            for a in agents:
                words = {a.lemma_.lower()} | {t.lemma_.lower() for t in a.children if t.dep_ == "compound"}
                if words & ATTACK_NOUNS:
                    c.found(ArgRule.UNATTRIBUTED, ArgRole.SOURCE)
                    return
        if c.type == "PROTEST" and subj is not None and subj.pos_ in ("NOUN", "NUM"):
            places = [t for w, p in list(prep_objects(verb)) + list(prep_objects(subj)) if w in LOCATIVE_PREPS
                      for t in p.subtree]  # "rioted at a jail in East Timor's capital Dili"
            for tok in location_tokens(c) + places:
                m = self.index.mention_at(tok)
                if m is not None and m.country:
                    c.sources.append(m)
                    c.found(ArgRule.CROWD_OF_PLACE, ArgRole.SOURCE)
                    return
        if c.mode in STATE_ACT_MODES and c.kind != "nominal" and is_passive(verb) and subj is None:
            self._authorities_of_place(c)
        elif c.kind == "verbal" and subj is None and verb.tag_ in ("VBD", "VBZ", "VBP") \
                and verb.dep_ in MISPARSED_VERB_DEPS:
            self._surface_arguments(c)

    def _authorities_of_place(self, c: Candidate) -> None:
        """Only a state arrests, jails, tries, deports or investigates: an agentless
        passive of such an act ("was detained in Iran", "has been placed under
        investigation in Italy") is done by the authorities of the state where it
        happened. Without a place the source stays empty."""
        from parley.extract.actors.kb import load_kb

        for tok in location_tokens(c):
            m = self.index.mention_at(tok) or unnamed_place(tok)
            if m is None or not m.country:
                continue
            state = load_kb().actors.get(f"state:{m.country}")
            name = state.name if state is not None else m.country
            c.sources.append(Mention(
                article_id=m.article_id, start=m.start, end=m.end, text=m.text, actor_id=f"state:{m.country}",
                actor_name=name, actor_type="state", country=m.country, label="GPE",
                resolved_by=f"authorities-of-place{SECTOR_MARK}authorities"))
            c.found(ArgRule.AUTHORITIES_OF_PLACE, ArgRole.SOURCE)
            return

    def _surface_arguments(self, c: Candidate) -> None:
        """A finite verb the parser hung as a modifier ("X on Saturday hosted Y", parsed
        as an adjective of Y's title) has no subject in the parse: the actor just before
        it in the clause is its subject and the one just after it its object."""
        verb, doc = c.anchor, c.anchor.doc
        sent = verb.sent
        before = None
        for i in range(verb.i - 1, sent.start - 1, -1):
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX") or tok.text in (";", ":"):
                break
            m = self.index.mention_at(tok)
            if m is not None and is_political(m):
                before = m
                break
        if before is None:
            return
        c.sources.append(before)
        c.found(ArgRule.SURFACE_SUBJECT, ArgRole.SOURCE)
        if c.targets:
            return
        for i in range(verb.i + 1, sent.end):
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX", "ADP") or tok.is_punct:
                break
            m = self.index.mention_at(tok)
            if m is not None and is_political(m) and not _same(m, c.sources):
                c.targets.append(m)
                c.found(ArgRule.SURFACE_OBJECT, ArgRole.TARGET)
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
                        role: str | None = roles.get(child.dep_, "source")
                        (c.sources if role == "source" else c.targets).extend(found)
                        c.found(MODIFIER_RULES[child.dep_], ArgRole.SOURCE if role == "source" else ArgRole.TARGET)
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
            if word == "of" and roles.get("from") == "target":
                # "the withdrawal of troops from Chad": the place left is the target,
                # not the forces' affiliation
                left = [m for w, p in prep_objects(pobj) if w == "from" for m in self.index.phrase(p)]
                if left:
                    c.targets.extend(left)
                    c.found(ArgRule.PREP, ArgRole.TARGET, "from")
                    found = [m for m in found if not _same(m, left)]
            if word == "of" and not found:
                continue
            (c.sources if role == "source" else c.targets).extend(found)
            if found:
                c.found(ArgRule.PREP, ArgRole(role), word)
        # "the talks, led by X": an agentive participle names the doer
        for child in noun.children:
            if child.dep_ == "acl" and child.lemma_.lower() in AGENTIVE_PARTICIPLES:
                agent = first_child(child, "agent")
                by_obj = first_child(agent, "pobj") if agent is not None else None
                if by_obj is not None:
                    found = self.index.phrase(by_obj)
                    if found:
                        c.sources.extend(found)
                        c.found(ArgRule.LED_BY, ArgRole.SOURCE)
        # "X's demand that Y halt Z": the subject of the demanded clause is the target
        if c.type in REQUEST_LIKE and not c.targets:
            for child in noun.children:
                if child.dep_ in ("acl", "ccomp", "relcl") and is_verbal(child):
                    s, _ = subject_of(child)
                    if s is not None and s.lower_ not in ("that", "which"):
                        c.targets.extend(self.index.phrase(s))
                        if c.targets:
                            c.found(ArgRule.DEMAND_CLAUSE, ArgRole.TARGET)

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
        if verb.lemma_.lower() in self.topic_verbs:
            return
        subj, how = subject_of(verb)
        if subj is None:
            return
        found = self._doer(subj)
        if found:
            c.sources.extend(found)
            c.found(ArgRule.GOVERNING_SUBJECT, ArgRole.SOURCE)
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


