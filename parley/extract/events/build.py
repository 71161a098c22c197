"""Doc -> list[Event]: triggers, arguments, status, date, place, magnitude, then
document-level merging of mentions of one event."""

from __future__ import annotations

import hashlib
from datetime import datetime

from spacy.tokens import Doc, Span, Token

from parley.extract.events.arguments import INSTRUMENT_NOUNS, ArgumentFinder
from parley.extract.events.countries import CountryFiller
from parley.extract.events.anchoring import dated_reference, gap_time
from parley.extract.events.dating import event_time
from parley.extract.events.lexicon import DEFAULT_LEXICON, LEARNED_LEXICON, Lexicon
from parley.extract.events.locations import location_tokens
from parley.extract.events.magnitude import casualties, quantities
from parley.extract.events.merge import fill_implicit_targets, merge_events
from parley.extract.events.participants import ActorIndex, is_political, to_event_actors
from parley.extract.events.places import Place, geocode
from parley.extract.events.status import CONTENT_STATUS, decide_status, mark_embedding
from parley.extract.events.syntax import is_passive, subject_of
from parley.extract.events.targets import TargetFinder
from parley.extract.events.triggers import Candidate, TriggerFinder, object_lemmas
from parley.nlp.credits import credit_tokens
from parley.records import ArgRole, ArgRule, CueKind, EntrySource, Event, EventBasis, Mention, StatusCue
from parley.records import DateRule, TimeExpr, TriggerKind

BASE_CONFIDENCE = {"verbal": 0.9, "reversal": 0.85, "light": 0.85, "nominal": 0.75}
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
FRAME_TYPES = frozenset({"AGREE", "REJECT", "THREATEN", "REQUEST"})
# types of verbs that speak about an act ("condemned the attack", "welcomed the talks")
TOPIC_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "PROTEST"})


def _sentence_words(sent: Span) -> set[str]:
    """Lower-cased forms and lemmas of a sentence, computed once per sentence."""
    cache = sent.doc.user_data.setdefault("parley_sentence_words", {})
    words = cache.get(sent.start)
    if words is None:
        words = cache[sent.start] = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    return words


def nonpolitical_domains(sent: Span, lex: Lexicon) -> list[str]:
    # a verb that is also an event trigger is no cue: "threatened to storm his residence"
    # is no weather report
    words = set()
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX") and lemma in lex.verbs:
            continue
        words.add(t.lower_)
        words.add(lemma)
    return [dom for dom, cues in lex.cues.items() if words & cues]


def _keys(ms: list[Mention]) -> set[str]:
    out = set()
    for m in ms:
        if m.actor_id:
            out.add(m.actor_id)
        if m.country:
            out.add(m.country)
    return out


# events that are reported without their doer: "a suicide bombing left eight policemen
# dead", "were abducted", "protests broke out", "troops were mobilised"
AGENTLESS_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "SANCTION", "AID", "ACCUSE"})
# contexts that make an act with no political actor a political one: armed violence,
# terrorism ("a roadside bomb detonated under a convoy")
POLITICAL_CONTEXTS = frozenset({"military", "terrorism"})


def _keep(c: Candidate, domains: list[str], sent_political: bool, contexts: set[str],
          weapon_subject: bool = False) -> str | None:
    """Why a candidate is dropped, or None to keep it.

    An event needs a political setting: a political actor among its own participants,
    else one elsewhere in its sentence, else (for material acts) a military or terrorist
    context; an act with no participant at all is kept only for the material types.
    Non-political domains (sport, markets, ordinary crime, disasters) need political
    participants of the event's own."""
    if c.entry.requires_target and not c.targets:
        return "no target actor"
    if c.kind == "nominal" and not c.targets and c.how and all(h.rule is ArgRule.ADJECTIVE for h in c.how):
        return "one-sided nominal with an adjective actor only"  # "the European discussions"
    similar = c.entry.origin.startswith("similar:")
    own_political = any(is_political(m) for m in c.sources + c.targets)
    material_context = c.type in AGENTLESS_TYPES and bool(contexts & POLITICAL_CONTEXTS)
    if not c.sources and c.kind not in ("nominal", "light") and not is_passive(c.anchor) and not weapon_subject:
        return "no source actor"  # an active clause names its doer: "to prevent", "demonstrating"
    if not c.sources and not c.targets:
        if c.type not in AGENTLESS_TYPES or similar:
            return "no actor"
        if not (material_context or (c.kind == "nominal" and sent_political)):
            return "no actor, and no armed or political setting"
    if not own_political and c.type != "PROTEST" and not (sent_political or material_context):
        return "no political actor"  # (protesters are political by what they do)
    if similar and not own_political:
        return "similar trigger without political participants"
    if domains:
        political_sources = (c.sources and all(is_political(m) for m in c.sources)) or c.type == "PROTEST"
        if not political_sources and not (own_political and not c.entry.ambiguous):
            return f"non-political ({','.join(domains)})"
        if c.entry.ambiguous and not (c.targets and all(is_political(m) for m in c.targets)):
            return f"ambiguous trigger in {','.join(domains)} text"
    return None


class EventExtractor:
    def __init__(self, lex: Lexicon, trace: list | None = None):
        self.lex = lex
        self.trace = trace  # when a list: (sentence, candidate, why dropped) for debugging
        self.not_antecedents = frozenset(lex.nouns) | INSTRUMENT_NOUNS
        # trigger verbs that are not also light or support verbs: "condemned the shelling"
        self.topic_verbs = frozenset(v for v, es in lex.verbs.items()
                                     if v not in lex.light_verbs and any(e.type in TOPIC_TYPES for e in es))

    def __call__(self, doc: Doc) -> list[Event]:
        index = ActorIndex.build(doc, self.lex.non_actor_heads, self.not_antecedents)
        finder = TriggerFinder(self.lex, index.phrase, index.mention_at)
        args = ArgumentFinder(index, self.lex.symmetric_types, self.topic_verbs)
        target_finder = TargetFinder(index)
        ents = {t.i: ent for ent in doc.ents for t in ent}
        countries = CountryFiller(doc, index.mention_at)
        credits = credit_tokens(doc)

        def actor_keys_of(tok: Token) -> set[str]:
            return _keys(index.phrase(tok))

        drafts: list[Event] = []
        for sent in doc.sents:
            text = sent.text.strip()
            if len(text) < 8 or text.endswith("?"):
                continue  # headings asked as questions assert nothing
            # a trigger inside a credit line reports nothing ("X contributed to this report")
            cands = [c for c in finder.find(sent) if not any(t.i in credits for t in c.trigger_tokens)]
            if not cands:
                continue
            for c in cands:
                args.fill(c)
            mark_embedding([c for c in cands if c.sources])
            for c in cands:
                if c.sources and not c.targets and c.type in FRAME_TYPES:
                    self._content_targets(c, cands, index)
            for c in cands:
                target_finder.fill_missing_target(c)
            domains = nonpolitical_domains(sent, self.lex)
            sent_political = any(is_political(m) for m in index.in_span(sent))
            kept: list[Candidate] = []
            for c in cands:
                why = _keep(c, domains, sent_political, set(self._contexts(sent, c)), self._weapon_subject(c))
                if why is not None:
                    if self.trace is not None:
                        self.trace.append((sent.text[:80], c.rule, [m.text for m in c.sources],
                                           [m.text for m in c.targets], why, c.head.i))
                    continue
                decide_status(c, _keys(c.sources), actor_keys_of)
                kept.append(c)
            kept_ids = {id(c) for c in kept}
            for c in kept:
                if c.embedded_in is not None and id(c.embedded_in) in kept_ids and c.status == "hypothetical":
                    if self.trace is not None:
                        self.trace.append((sent.text[:80], c.rule, [], [], "content of a coded frame", c.head.i))
                    continue  # "urged Russia to halt its strikes": PLOVER codes the demand
                drafts.append(self._event(doc, sent, c, ents, countries, index))
        events = merge_events(drafts, self.lex.symmetric_types)
        fill_implicit_targets(events, VIOLENT_TYPES)
        events.sort(key=lambda e: (e.sentence_start, e.trigger_start))
        for ev in events:
            ev.id = event_id(doc._.article_id or "doc", ev)
            if ev.basis is not None:
                ev.rule = ev.basis.describe(ev.type, ev.date_rule)  # the readable text of the basis
        return events

    def _weapon_subject(self, c: Candidate) -> bool:
        """"A drone struck a vessel", "a missile hit the town": the weapon is the subject
        and the attacker is unknown, an agentless ASSAULT on the target."""
        if c.type != "ASSAULT" or c.kind != "verbal" or c.sources or not c.targets:
            return False
        subj, _ = subject_of(c.anchor)
        if subj is None or subj.dep_ != "nsubj":
            return False
        words = {subj.lemma_.lower()} | {t.lemma_.lower() for t in subj.children if t.dep_ == "compound"}
        return bool(words & self.lex.classes.get("weapons", frozenset()))

    def _content_targets(self, c: Candidate, cands: list[Candidate], index: ActorIndex) -> None:
        """"offered to hand over X to Great Britain", "agreed to US mediation": a promise,
        threat, demand or refusal is aimed at whoever its content is aimed at."""
        src = _keys(c.sources)
        for inner in cands:
            if inner.embedded_in is c and (inner.targets or inner.sources) and inner is not c:
                found = [m for m in inner.targets if not (_keys([m]) & src)]
                if not found and inner.kind == "nominal":
                    found = [m for m in inner.sources if not (_keys([m]) & src)]
                if found:
                    c.targets = found
                    c.found(ArgRule.CONTENT_TARGET, ArgRole.TARGET)
                    return
        for clause in c.anchor.children:
            if clause.dep_ not in ("xcomp", "ccomp", "dobj", "prep"):
                continue
            for tok in clause.subtree:
                if tok.dep_ in ("dobj", "pobj", "dative") and tok.i != c.anchor.i:
                    found = [m for m in index.phrase(tok, with_conj=True) if not (_keys([m]) & src)]
                    if found:
                        c.targets = found
                        c.found(ArgRule.CONTENT_ACTOR, ArgRole.TARGET)
                        return

    # ------------------------------------------------------------------ one event
    def _event(self, doc: Doc, sent: Span, c: Candidate, ents: dict[int, Span], countries: CountryFiller,
               index: ActorIndex) -> Event:
        toks = sorted(set(c.trigger_tokens), key=lambda t: t.i)
        if toks[-1].i - toks[0].i <= 4:
            trigger = doc[toks[0].i: toks[-1].i + 1].text
        else:
            trigger = " ... ".join(t.text for t in toks)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        sources, source_notes = countries.complete(c.sources, sent)
        targets, target_notes = countries.complete(c.targets, sent)
        ev = Event(
            article_id=doc._.article_id or "", type=c.type, sources=to_event_actors(sources),
            targets=to_event_actors(targets), evidence=sent.text, sentence_start=sent.start_char,
            sentence_end=sent.end_char, trigger=trigger, trigger_start=start, trigger_end=end,
            rule="", mode=self._mode(c), status=c.status, contexts=self._contexts(sent, c),
            confidence=BASE_CONFIDENCE.get(c.kind, 0.7),
        )
        self._place(ev, c, ents)
        self._date(doc, sent, ev, c)
        ev.magnitude = self._magnitude(sent, c)
        ev.quote_id = _quote_at(doc, start, end)
        ev.basis = EventBasis(
            trigger_kind=TriggerKind(c.kind), lexicon_key=c.entry.key, lexicon_pos=c.entry.pos,
            lexicon_lemma=c.entry.lemma, lexicon_type=c.entry.type, entry_source=entry_source(c.entry.origin),
            entry_origin=c.entry.origin,
            argument_rules=list(c.how), status_cues=list(c.status_cues),
            country_notes=source_notes + target_notes,
        )
        ev.rule = ev.basis.describe(ev.type, ev.date_rule)
        if ev.status == "claimed":
            claimants = _claimants(c, index)
            if claimants:
                ev.claimant = to_event_actors(claimants[:1])[0]
        return ev

    def _mode(self, c: Candidate) -> str | None:
        if c.type != "ASSAULT":
            return c.mode
        words = object_lemmas(c.object_token) | {t.lemma_.lower() for t in c.head.lefts}
        words.add(c.head.lemma_.lower())
        for word, mode in self.lex.weapon_modes.items():
            if word in words:
                return mode
        return c.mode

    def _contexts(self, sent: Span, c: Candidate) -> list[str]:
        words = _sentence_words(sent)
        out = list(c.entry.contexts)
        for ctx, keys in self.lex.context_keywords.items():
            if ctx not in out and words & keys:
                out.append(ctx)
        return out

    def _place(self, ev: Event, c: Candidate, ents: dict[int, Span]) -> None:
        best: tuple[str, Place | None] | None = None
        for tok in location_tokens(c):
            ent = ents.get(tok.i)
            name = ent.text if ent is not None else tok.text
            place = geocode(name)
            if place is not None and (best is None or best[1] is None
                                      or (best[1].kind != "city" and place.kind == "city")):
                best = (name, place)
            elif best is None:
                best = (name, None)
        if best is None:
            return
        name, place = best
        ev.location = name
        if place is not None:
            ev.location_country, ev.latitude, ev.longitude = place.country, place.latitude, place.longitude

    def _date(self, doc: Doc, sent: Span, ev: Event, c: Candidate) -> None:
        t, rule = _noun_time(doc, c), DateRule.NOUN_ATTACHED
        if t is None:
            t, rule = gap_time(doc, c.anchor, lambda head: _clause_time(doc, sent, head)), DateRule.GAP_FROM_CLAUSE
        if t is None:
            past = c.anchor.tag_ in ("VBD", "VBN") and c.status in ("occurred", "claimed")
            t, found = event_time(doc, sent, ev.trigger_start, ev.trigger_end, past)
            if c.kind == "nominal" and found is DateRule.PUBLICATION_PRESENT:
                t = None  # a present-tense verb around an event noun does not date it
            if t is None or found is None:
                return
            rule = found
        ev.date_value, ev.date_earliest, ev.date_latest = t.value, t.earliest, t.latest
        ev.date_basis, ev.date_rule = rule, rule.text
        dct: datetime | None = doc._.dct
        if c.kind == "nominal":
            ref = dated_reference(ev.status, c.status_cues, rule, t.earliest, dct, ev.trigger)
            if ref is not None:  # "to investigate the February 27 attack": the attack happened
                ev.status, c.status_cues = ref
                c.status = ev.status
        past = c.anchor.tag_ in ("VBD", "VBN")
        if dct is not None and rule.own and ev.status == "occurred" and t.earliest and not past:
            try:
                if datetime.fromisoformat(t.earliest).date() > dct.date():
                    ev.status = c.status = "planned"
                    c.status_cues.insert(0, StatusCue(status="planned", kind=CueKind.DATE_AFTER_PUBLICATION))
            except ValueError:
                pass

    def _magnitude(self, sent: Span, c: Candidate):
        out = []
        if c.object_token is not None:
            out.extend(quantities(c.object_token))
        if c.kind == "nominal":
            out.extend(m for m in quantities(c.head) if m.unit != c.head.text.lower())
        if c.type in VIOLENT_TYPES:
            out.extend(casualties(sent))
        seen, uniq = set(), []
        for m in out:
            key = (m.unit, m.count, m.count_text, m.kind)
            if key not in seen:
                seen.add(key)
                uniq.append(m)
        return uniq


def entry_source(origin: str) -> EntrySource:
    """Where a lexicon entry comes from, by the file it was loaded from."""
    if origin.startswith("similar:"):
        return EntrySource.SIMILAR
    if origin == LEARNED_LEXICON.name:
        return EntrySource.LEARNED
    if origin == DEFAULT_LEXICON.name:
        return EntrySource.LEXICON
    return EntrySource.USER


def _claimants(c: Candidate, index: ActorIndex) -> list[Mention]:
    """Who claims a claimed event: the subject of the claim verb ("the Taliban said they
    shot down ...", "Russia claimed to have ..."), or the accuser when it is the content
    of an accusation ("accused X of shelling ...")."""
    if c.claim_subject is not None:
        found = index.phrase(c.claim_subject)
        if found:
            return found
    frame = c.embedded_in
    if frame is not None and CONTENT_STATUS.get(frame.type) == "claimed" and \
            any(q.status == "claimed" and q.kind is CueKind.CONTENT_OF for q in c.status_cues):
        return list(frame.sources)
    return []


def event_id(article_id: str, ev: Event) -> str:
    """A stable id from content (article, trigger offsets, type), not list position:
    re-analysing an unchanged article keeps it, and adding an event elsewhere in the
    article does not renumber the others."""
    digest = hashlib.sha1(f"{ev.trigger_start}:{ev.trigger_end}:{ev.type}".encode()).hexdigest()[:12]
    return f"{article_id}:ev:{digest}"


def _noun_time(doc: Doc, c: Candidate):
    """A time expression inside the event noun's own phrase: "invasion in February 2022",
    "a virtual gathering two weeks earlier"."""
    if c.kind not in ("nominal", "light"):
        return None
    noun = c.head
    lo = min(t.idx for t in noun.subtree)
    hi = max(t.idx + len(t) for t in noun.subtree)
    clause_starts = [t.idx for t in noun.subtree if t.dep_ in ("relcl", "acl", "ccomp") and t.head is noun]
    if clause_starts:
        hi = min(hi, min(clause_starts))
    for t in doc._.times or []:
        if t.type in ("DATE", "TIME") and t.value and lo <= t.start and t.end <= hi and not t.value.endswith("_REF"):
            return t
    return None


def _clause_time(doc: Doc, sent: Span, head) -> TimeExpr | None:
    """The time of the clause a token heads (for a gap measured from it)."""
    return event_time(doc, sent, head.idx, head.idx + len(head.text), False)[0]


def _quote_at(doc: Doc, start: int, end: int) -> str | None:
    for q in doc._.quotes or []:
        lo = min(q.start, q.cue_start if q.cue_start is not None else q.start)
        hi = max(q.end, q.cue_end if q.cue_end is not None else q.end)
        if lo <= start and end <= hi and q.id:
            return q.id
    return None
