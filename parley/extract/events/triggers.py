"""Trigger detection: which words in a sentence code a PLOVER event, and how.

Four kinds, tried in this order on each verb, then on the remaining nouns:
- ``reversal``: a verb that undoes its event-noun object ("lifted sanctions" -> CONCEDE);
- ``verbal``: a lexicon verb, with its particles and object constraint ("called for",
  "fired missiles");
- ``light``: a support verb with an event-noun object ("held talks", "imposed sanctions",
  "entered a third day of negotiations");
- ``nominal``: an event noun on its own ("Russia's invasion", "US sanctions on ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from parley.extract.events.lexicon import LexEntry, Lexicon
from parley.extract.events.similar import SimilarTriggers
from parley.extract.events.syntax import first_child, is_verbal
from parley.records import ArgRole, ArgRule, ArgumentStep, Mention, StatusCue
from parley.records import TriggerKind

# nouns that only measure or frame another noun: "hundreds of drones", "a day of talks"
QUANTITY_HEADS = frozenset({
    "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score", "scores",
    "series", "number", "barrage", "wave", "salvo", "volley", "round", "day", "week", "month",
    "part", "kind", "type", "ton", "tonne", "kg", "kilogram", "worth", "package", "set", "lot",
    "batch", "string", "spate", "flurry", "amount", "million", "billion", "effort",
    "form", "couple", "handful", "bout", "cycle", "stage", "phase", "top",
})
# prepositions before a gerund that still report an act: "after meeting X", "by firing"
EVENTIVE_PREPS = frozenset({"after", "before", "while", "since", "upon", "on", "by", "following",
                            "without", "when", "in", "during"})
# a deverbal noun after these is a place or thing, not an act ("in jail", "at the fund")
LOCATIVE_PREPS = frozenset({"in", "into", "at", "from", "to", "inside", "outside", "near"})
# light verbs that take their event noun through a preposition: "engage in talks"
PREP_LIGHT = {"engage": "in", "take": "in", "participate": "in", "join": "in", "enter": "into",
              "remain": "on", "put": ("on", "under"), "stay": "on", "place": "under", "involve": "in",
              "return": "to", "prepare": "for", "arrive": "for", "come": "for", "go": "for",
              "be": "for", "head": "for", "meet": "for", "travel": "for", "gather": "for"}


@dataclass
class Candidate:
    entry: LexEntry
    type: str
    kind: TriggerKind
    head: Token  # the lexical trigger (verb or event noun)
    anchor: Token  # the verb whose clause gives subject, tense, negation and modality
    trigger_tokens: list[Token]
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    how: list[ArgumentStep] = field(default_factory=list)  # argument rules that fired
    mode: str | None = None
    status: str = "occurred"
    status_cues: list[StatusCue] = field(default_factory=list)  # the deciding status's first
    claim_subject: Token | None = None  # a claimed event: the subject of the claim verb
    embedded_in: "Candidate | None" = None
    object_token: Token | None = None
    places: list[Token] = field(default_factory=list)  # "the Miami talks": a place, not an actor

    @property
    def rule(self) -> str:
        base = f"{self.kind.value}:{self.entry.key}"
        return base + ("[" + ",".join(h.describe() for h in self.how) + "]" if self.how else "")

    def found(self, rule: ArgRule, role: ArgRole, word: str | None = None, via: tuple = ()) -> None:
        """Record an argument rule that fired."""
        self.how.append(ArgumentStep(rule=rule, role=role, word=word, via=via))

    def found_by(self, rule: ArgRule) -> bool:
        return any(h.rule is rule for h in self.how)


def object_of(verb: Token) -> Token | None:
    """The verb's object noun: dobj, or the passive subject."""
    obj = first_child(verb, "dobj")
    if obj is None:
        obj = first_child(verb, "nsubjpass")
    return obj


def content_noun(noun: Token | None) -> Token | None:
    """Skip measure words: "hundreds of drones" -> drones, "a day of negotiations" -> negotiations."""
    hops = 0
    while noun is not None and hops < 3 and noun.lemma_.lower() in QUANTITY_HEADS:
        nxt = None
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                nxt = first_child(prep, "pobj")
        if nxt is None:
            return noun
        noun, hops = nxt, hops + 1
    return noun


def object_lemmas(obj: Token | None) -> set[str]:
    """Lemmas an object constraint is checked against: the object, its conjuncts and,
    past a measure word, the measured noun."""
    out: set[str] = set()
    if obj is None:
        return out
    for tok in (obj, content_noun(obj)):
        if tok is None:
            continue
        todo = [tok]
        while todo:
            t = todo.pop()
            out.add(t.lemma_.lower())
            out.add(t.lower_)
            for c in t.children:
                if c.dep_ == "conj":  # heads only: "weapons inspectors" are inspectors
                    todo.append(c)
    return out


def verb_lemma(tok: Token, known: frozenset[str]) -> str:
    """The token's lemma, or, when the lemmatizer missed ("staged" -> "stag"), the
    lexicon word its inflected surface form comes from."""
    lemma = tok.lemma_.lower()
    if lemma in known or not tok.tag_.startswith("VB"):
        return lemma
    w = tok.lower_
    for cut, add in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""),
                     ("es", ""), ("s", "")):
        if w.endswith(cut) and len(w) > len(cut) + 2:
            cand = w[: len(w) - len(cut)] + add
            if cand in known:
                return cand
            if len(cand) > 2 and cand[-1] == cand[-2] and cand[:-1] in known:  # "stopped" -> "stop"
                return cand[:-1]
    return lemma


def excluded_by_context(e: LexEntry, tok: Token) -> bool:
    """The entry's own exclusions: a modifier that makes the word no event ("heart
    attack"), or an infinitive of purpose that makes a combat verb a struggle ("are
    fighting to keep their jobs")."""
    if e.not_with and any(c.lower_ in e.not_with or c.lemma_.lower() in e.not_with
                          for c in tok.children if c.dep_ in ("compound", "amod", "nmod")):
        return True
    if e.not_with_infinitive:
        for c in tok.children:
            if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                      for a in c.children):
                return True
    return False


def _has_words(tok: Token, words: tuple[str, ...]) -> bool:
    kids = {c.lower_ for c in tok.children} | {c.lemma_.lower() for c in tok.children}
    for c in tok.children:  # "state of emergency": the word after "of"
        if c.dep_ == "prep":
            kids |= {g.lemma_.lower() for g in c.children if g.dep_ == "pobj"}
    return all(w in kids for w in words)


class TriggerFinder:
    def __init__(self, lex: Lexicon, actor_phrase, actor_head=None):
        self.lex = lex
        self.actor_phrase = actor_phrase  # Token -> list[Mention]
        self.actor_head = actor_head or (lambda tok: None)  # Token -> Mention | None
        self._verb_keys: frozenset[str] | None = None
        self.similar = SimilarTriggers(lex)

    # ------------------------------------------------------------- entries
    def verb_entry(self, verb: Token) -> tuple[LexEntry | None, Token | None]:
        obj = object_of(verb)
        lemmas = object_lemmas(obj)
        for e in self.lex.entries_for(verb_lemma(verb, self._verb_lemmas()), "verb"):
            if e.extra and not _has_words(verb, e.extra):
                continue
            if excluded_by_context(e, verb):
                continue
            if e.objects is not None or e.object_is_actor:
                ok = bool(e.objects and lemmas & e.objects)
                if not ok and e.object_is_actor and obj is not None:
                    # the object itself names an actor ("hosted Zelenskyy"), not a
                    # modifier of it ("welcomed Reagan's statement")
                    ok = self.actor_head(obj) is not None
                if not ok:
                    continue
            return e, obj
        return None, obj

    def noun_entry(self, noun: Token) -> LexEntry | None:
        for key in (noun.lemma_.lower(), noun.lower_):
            for e in self.lex.entries_for(key, "noun"):
                if e.extra and not _has_words(noun, e.extra):
                    continue
                if excluded_by_context(e, noun):
                    continue
                return e
        return None

    def event_noun(self, tok: Token | None) -> tuple[Token, LexEntry] | None:
        """An event noun at ``tok``: itself, past a measure word, or a compound modifier
        ("a mediation effort", "peace talks")."""
        tok = content_noun(tok)
        if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        e = self.noun_entry(tok)
        if e is not None:
            return tok, e
        for c in tok.children:
            if c.dep_ == "compound" and c.pos_ == "NOUN":
                e = self.noun_entry(c)
                if e is not None:
                    return c, e
        return None

    # ------------------------------------------------------------- sentence
    def _verb_lemmas(self) -> frozenset[str]:
        if self._verb_keys is None:
            lex = self.lex
            self._verb_keys = frozenset(lex.verbs) | lex.light_verbs | frozenset(lex.reversal_verbs) \
                | frozenset(PREP_LIGHT) | lex.report_verbs
        return self._verb_keys

    def find(self, sent: Span) -> list[Candidate]:
        cands: list[Candidate] = []
        consumed: set[int] = set()
        verb_keys, nouns = self._verb_lemmas(), self.lex.nouns
        for tok in sent:
            # cheap test first: most words are in no table
            if verb_lemma(tok, verb_keys) not in verb_keys or tok.dep_ in ("aux", "auxpass") or not is_verbal(tok):
                continue
            first = tok
            while first.dep_ == "conj" and first.head is not first:
                first = first.head
            if first.tag_ == "VBG" and first.dep_ == "pcomp" and first.head.lower_ not in EVENTIVE_PREPS:
                continue  # "oscillated between praising X and ...": a characterisation
            cand = self._verb_candidate(tok, consumed)
            if cand is not None:
                cands.append(cand)
        taken = {t.i for c in cands for t in c.trigger_tokens} | consumed
        for tok in sent:
            if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.lemma_.lower() in nouns or tok.lower_ in nouns:
                e = self.noun_entry(tok)
                if e is None or not e.standalone:
                    continue
                kind = TriggerKind.NOMINAL
            else:
                e = self.deverbal_entry(tok) if tok.pos_ == "NOUN" else None
                kind = TriggerKind.NOMINAL
                if e is None:
                    continue
            cands.append(Candidate(entry=e, type=e.type, kind=kind, head=tok, anchor=tok,
                                   trigger_tokens=[tok], mode=e.mode))
        for tok in sent:  # verbs no entry lists, by resemblance to the entries
            if tok.i in taken or tok.pos_ != "VERB" or tok.dep_ in ("aux", "auxpass", "amod") \
                    or verb_lemma(tok, verb_keys) in verb_keys or not is_verbal(tok):
                continue
            e = self.similar.entry(tok)
            if e is not None:
                cands.append(Candidate(entry=e, type=e.type, kind=TriggerKind.VERBAL, head=tok, anchor=tok,
                                       trigger_tokens=[tok], mode=e.mode, object_token=object_of(tok)))
        return cands

    def deverbal_entry(self, noun: Token) -> LexEntry | None:
        """A noun that the lexicon lists only as a verb ("their surrender", "a vow",
        "charges against him"): the verb's unconstrained entry, coded as a noun."""
        lemma = noun.lemma_.lower()
        if lemma in self.lex.classes.get("weapons", frozenset()) or \
                (noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE_PREPS):
            return None  # "the bombs" are things, "in jail" a place
        for e in reversed(self.lex.entries_for(lemma, "verb")):
            if e.extra or e.objects is not None or e.object_is_actor or e.requires_target:
                continue
            return e
        return None

    def _verb_candidate(self, verb: Token, consumed: set[int]) -> Candidate | None:
        lemma = verb_lemma(verb, self._verb_lemmas())
        obj = object_of(verb)
        particles = self.lex.reversal_verbs.get(lemma)
        if particles is not None and (not particles or _has_words(verb, particles)):
            found = self.event_noun(obj)
            if found is not None:
                noun, e = found
                consumed.add(noun.i)
                return Candidate(entry=e, type=self._reversed_type(e), kind=TriggerKind.REVERSAL, head=noun,
                                 anchor=verb, trigger_tokens=[verb, noun], mode=e.mode, object_token=noun)
        deontic = self._deontic(verb)
        if deontic is not None:
            return deontic
        entry, obj = self.verb_entry(verb)
        light_noun = self.event_noun(obj) if lemma in self.lex.light_verbs else None
        if entry is not None and entry.requires_target and light_noun is not None \
                and entry.objects is None and not entry.object_is_actor:
            entry = None  # "ordered patrols": the event noun, not a bare "order"
        if entry is not None:
            found = self.event_noun(obj)
            if found is not None and found[1].type == entry.type:
                consumed.add(found[0].i)  # "launched an attack": one event, not two
            return Candidate(entry=entry, type=entry.type, kind=TriggerKind.VERBAL, head=verb, anchor=verb,
                             trigger_tokens=[verb], mode=entry.mode, object_token=obj)
        nouns = [obj]
        if lemma in PREP_LIGHT:
            wanted = PREP_LIGHT[lemma]
            wanted = (wanted,) if isinstance(wanted, str) else wanted
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in wanted:
                    nouns.insert(0, first_child(prep, "pobj"))  # "put under investigation", else the object
        if lemma in self.lex.light_verbs or lemma in PREP_LIGHT:
            found = next((f for f in (self.event_noun(n) for n in nouns if n is not None) if f is not None), None)
            if found is not None:
                noun, e = found
                consumed.add(noun.i)
                return Candidate(entry=e, type=e.by_light.get(lemma, e.type), kind=TriggerKind.LIGHT, head=noun,
                                 anchor=verb, trigger_tokens=[verb, noun], mode=e.mode, object_token=noun)
        return None

    def _deontic(self, verb: Token) -> Candidate | None:
        """"X said (that) Y must V": the speaker asks Y to V."""
        e = self.lex.deontic_entry
        if e is None or verb_lemma(verb, self._verb_lemmas()) not in self.lex.report_verbs:
            return None
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            modal = next((a for a in clause.children if a.dep_ == "aux" and a.lower_ in self.lex.deontic_modals), None)
            if modal is None:
                for a in clause.children:  # "has to", "needs to"
                    if a.dep_ == "xcomp" and clause.lemma_ in ("have", "need") and \
                            f"{clause.lower_} to" in self.lex.deontic_modals:
                        modal, clause = clause, a
                        break
            if modal is not None:
                return Candidate(entry=e, type="REQUEST", kind=TriggerKind.DEONTIC, head=verb, anchor=verb,
                                 trigger_tokens=[verb, modal], object_token=clause)
        return None

    def _reversed_type(self, e: LexEntry) -> str:
        if e.reversed:
            return e.reversed
        if e.type in ("ASSAULT", "MOBILIZE"):
            return self.lex.reversal_defaults.get("military", "RETREAT")
        if e.type in self.lex.cooperative_types:
            return self.lex.reversal_defaults.get("cooperative", "SANCTION")
        return self.lex.reversal_defaults.get("conflictual", "CONCEDE")
