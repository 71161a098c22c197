"""Typed records that pass between stages.

Every fact carries the article id and character offsets into ``Article.text`` so that
it can be traced back to the sentence it came from. Records are plain dataclasses so
they serialise to JSON, DuckDB rows and (later) Parquet without a mapping layer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

_TYPOGRAPHY = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015", "-"),
}
_TYPOGRAPHY_RE = re.compile("[" + "".join(_TYPOGRAPHY) + "]")


def normalise_text_for_hash(text: str) -> str:
    """Case-folded, accent-stripped, whitespace-collapsed text: two copies of one article
    that differ only in layout or typography hash the same."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # one pass for quotes and dashes (ingest hashes every article: this is on its hot path)
    text = _TYPOGRAPHY_RE.sub(lambda m: _TYPOGRAPHY[m.group()], text)
    # same result as re.sub(r"\s+", " ", text).strip() (both use str.isspace), 3x faster
    return " ".join(text.split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text_for_hash(text).encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One news article, cleaned, as every later stage sees it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    source: str | None = None  # site or publisher
    byline: str | None = None
    published: datetime | None = None
    published_rule: str = "unknown"  # metadata | dateline | cli | feed | warc | unknown
    language: str | None = None
    language_score: float | None = None
    paragraphs: list[str] = field(default_factory=list)
    content_hash: str = ""
    origin: str = ""  # file path, URL or archive record this came from
    origin_kind: str = ""  # text | html | feed | warc | jsonl | url
    is_summary: bool = False  # a feed item that carried only a summary
    status: str = "ok"  # ok | skipped:language | skipped:empty
    warnings: list[str] = field(default_factory=list)
    fetched_at: datetime | None = None  # when the page was crawled or fetched (WARC-Date, HTTP GET)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        d["fetched_at"] = self.fetched_at.isoformat() if self.fetched_at else None
        return d


@dataclass
class IngestProblem:
    """A document that could not become an article, or was skipped, with the reason.

    ``code`` is a stable numbered reason (see ``parley.errors``); ``stage`` names where
    it happened (read, decode, parse, extract, fetch, store, nlp)."""

    origin: str
    code: str
    reason: str
    stage: str
    kind: str = "error"  # error | skipped
    detail: str = ""


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Actor:
    """A canonical actor: a person, state, organisation or group."""

    id: str
    name: str
    type: str  # person | state | organisation | group | government_body
    country: str | None = None  # ISO 3166-1 alpha-3
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)  # {title, country, start, end, of}
    source: str = "text"  # kb | user | text
    acts_for: str | None = None  # actor id of the state/organisation this actor acts for


@dataclass
class Mention:
    """A span in an article that refers to an actor (or a place used as one)."""

    article_id: str
    start: int
    end: int
    text: str
    actor_id: str | None
    actor_name: str | None
    actor_type: str | None
    country: str | None
    label: str  # the NER or rule label the candidate came from
    role: str | None = None
    # kb | kb-alias | doc-consistency | metonym | title | possessive | text | place | place-use | place-metonym
    resolved_by: str = ""
    is_metonym: bool = False
    relation: dict[str, Any] | None = None  # e.g. {"type": "son-in-law", "of": "actor id"}
    sentence_start: int = 0
    sentence_end: int = 0
    time_value: str | None = None
    time_rule: str | None = None


@dataclass
class TimeExpr:
    """A TIMEX3 expression with its normalised value and comparable interval."""

    article_id: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None
    earliest: str | None = None  # ISO datetime, inclusive
    latest: str | None = None  # ISO datetime, exclusive
    anchor: str = "dct"  # dct | <time id> of the anchoring expression | none
    rule: str = ""
    id: str = ""


@dataclass
class Quote:
    """Words attributed to a source: direct, partial or indirect speech."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    speaker_id: str | None = None
    speaker_name: str | None = None
    speaker_country: str | None = None
    channel: str | None = None  # readout, statement, national security strategy, on X
    time_value: str | None = None
    time_rule: str | None = None
    rule: str = ""
    id: str = ""
    # a content in pieces ("X," he said, "Y.") as [[start, end], ...]; start/end span them all
    segments: list[list[int]] = field(default_factory=list)
    parent_id: str | None = None  # a partial quote's enclosing attribution
    speaker_rule: str | None = None  # how the speaker was found: a SpeakerRule value


class SpeakerRule(StrEnum):
    """How a quote's speaker was resolved from its source span."""

    NAMED = "named"  # an actor mention inside the source ("Lavrov", "Russia's foreign minister")
    CHANNEL = "channel"  # the issuer of a channel ("a readout shared by X", "X's statement")
    INSTITUTION = "institution"  # the body named in an official noun ("Kremlin officials")
    PRONOUN = "pronoun"  # "he", "she", "they": the last fitting actor mentioned before
    PREVIOUS_SPEAKER = "previous-speaker"  # "he added": the person who spoke just before
    RELATIVE = "relative"  # "who", "which": the noun the relative clause modifies
    TITLE = "title"  # "the minister": the person given that title earlier in the article


@dataclass
class EventActor:
    actor_id: str | None
    name: str
    country: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None


@dataclass
class Magnitude:
    unit: str
    count: float | None = None
    count_text: str | None = None
    approximate: bool = False
    kind: str = "quantity"  # quantity | casualties | killed | injured


@dataclass
class EventMention:
    """Another report of the same event in the article: "a drone struck Odesa" in the
    lead and "the strike on Odesa" five paragraphs on."""

    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    evidence: str


class DateRule(StrEnum):
    """Which rule dated an event (``Event.date_basis``); ``Event.date_rule`` is its text."""

    NOUN_ATTACHED = "noun_attached"  # a time expression attached to the event noun
    SAME_CLAUSE = "same_clause"  # the time expression governing the trigger's clause
    GOVERNING_SENTENCE = "governing_sentence"  # the time layer's choice in the same sentence
    PREVIOUS_SENTENCE = "previous_sentence"  # the time layer's choice in the sentence before
    PUBLICATION_PRESENT = "publication_present"  # present tense: the publication date
    NEAREST_IN_SENTENCE = "nearest_in_sentence"  # the nearest date of the sentence
    NARRATIVE = "narrative"  # past tense: the last date of the previous sentence
    PUBLICATION_RECENT = "publication_recent"  # just done: the two days before publication
    GOVERNING_OTHER = "governing_other"  # the time layer's choice, by a rule this list does not name
    GAP_FROM_CLAUSE = "gap_from_clause"  # "three days after a drone struck": the modified clause's date, moved

    @property
    def text(self) -> str:
        return _DATE_RULE_TEXT[self]

    @property
    def own(self) -> bool:
        """The event's own time: its noun's or its clause's."""
        return self in (DateRule.NOUN_ATTACHED, DateRule.SAME_CLAUSE)

    @property
    def hard(self) -> bool:
        """A date tied to the event's noun, clause or sentence, not borrowed from elsewhere."""
        return self.own or self is DateRule.NEAREST_IN_SENTENCE

    @property
    def from_publication(self) -> bool:
        """Dated from the publication date alone (a wide interval, no day claimed)."""
        return self is DateRule.PUBLICATION_RECENT


_DATE_RULE_TEXT = {
    DateRule.NOUN_ATTACHED: "noun-attached",
    DateRule.SAME_CLAUSE: "governing_time:same_clause",
    DateRule.GOVERNING_SENTENCE: "governing_time:sentence",
    DateRule.PREVIOUS_SENTENCE: "governing_time:previous_sentence",
    DateRule.PUBLICATION_PRESENT: "governing_time:dct_present",
    DateRule.NEAREST_IN_SENTENCE: "same-sentence:nearest",
    DateRule.NARRATIVE: "narrative:previous-sentence",
    DateRule.PUBLICATION_RECENT: "publication_recent",
    DateRule.GOVERNING_OTHER: "governing_time",
    DateRule.GAP_FROM_CLAUSE: "gap_from_clause",
}


class TriggerKind(StrEnum):
    """How the trigger codes its event (see ``parley.extract.events.triggers``)."""

    VERBAL = "verbal"  # a lexicon verb with its particles and object constraint ("called for")
    LIGHT = "light"  # a support verb with an event-noun object ("held talks", "engage in talks")
    REVERSAL = "reversal"  # a verb that undoes its event-noun object ("lifted sanctions")
    NOMINAL = "nominal"  # an event noun on its own ("Russia's invasion")
    DEONTIC = "deontic"  # "X said Y must V": the speaker asks Y to V


class EntrySource(StrEnum):
    """Where the lexicon entry that matched comes from."""

    LEXICON = "lexicon"  # the shipped, hand-written lexicon
    LEARNED = "learned"  # triggers learned from training data (learned_triggers.yaml)
    USER = "user"  # a lexicon file the user gave
    SIMILAR = "similar"  # no entry: the nearest entry by word vector


class ArgRole(StrEnum):
    SOURCE = "source"
    TARGET = "target"


class SubjectLink(StrEnum):
    """How a verb's understood subject was reached (``syntax.subject_of``)."""

    NSUBJ = "nsubj"  # its own subject
    AGENT = "agent"  # the by-agent of a passive ("was attacked by X")
    CONTROL = "control"  # the subject of the verb it is the infinitive of ("agreed to meet")
    OBJECT_CONTROL = "object-control"  # the object of that verb ("urged X to leave")
    CONJ = "conj"  # the subject of the verb it is coordinated with ("met and agreed")
    PARTICIPLE = "participle"  # "..., targeting": the main clause's subject
    RELCL = "relcl"  # the noun a relative clause modifies
    ACL = "acl"  # the noun a participle modifies ("forces advancing on")


class ArgRule(StrEnum):
    """A rule that found a source or target of an event (``arguments``, ``targets``, ``build``)."""

    SUBJECT = "subj"  # the verb's (understood) subject
    BY_AGENT = "by-agent"  # the by-agent of a passive verb
    OBJECT = "object"  # the verb's direct object
    DATIVE = "dative"  # the verb's indirect object ("gave Ukraine aid")
    PASSIVE = "passive"  # the passive subject is the one acted on
    PASSIVE_DOER = "passive-doer"  # the passive subject acts ("were engaged in looting")
    PREP = "prep"  # a prepositional phrase the lexicon entry gives a role ("talks with", "sanctions on")
    POSSESSIVE = "poss"  # "Russia's invasion"
    COMPOUND = "compound"  # "US sanctions"
    ADJECTIVE = "amod"  # "Russian strikes"
    NMOD = "nmod"
    LED_BY = "led-by"  # "the talks, led by X"
    DEMAND_CLAUSE = "demand-clause"  # "X's demand that Y halt": Y
    GOVERNING_SUBJECT = "governing-subject"  # "X was in India for talks": the verb's subject
    CLAUSE_SUBJECT = "clause-subject"  # "urged X to": the subject of the demanded clause
    HOSTED_PARTIES = "hosted-parties"  # "X hosted talks between A and B": A and B
    RECIPROCAL = "reciprocal"  # "X and Y met": each side the other's target
    INSTRUMENT_OWNER = "instrument-owner"  # "the American proposal would require": its owner
    SPEAKER = "speaker"  # deontic: who says Y must V
    OBLIGED = "obliged"  # deontic: Y
    UNATTRIBUTED = "unattributed"  # an attack whose subject is the weapon: no doer named
    CROWD_OF_PLACE = "crowd-of-place"  # "thousands of people protested in Hong Kong"
    AUTHORITIES_OF_PLACE = "authorities-of-place"  # "was detained in Iran": Iran's authorities
    SURFACE_SUBJECT = "surface-subject"  # a misparsed verb: the actor just before it
    SURFACE_OBJECT = "surface-object"  # ... and the one just after it
    CONTENT_TARGET = "content-target"  # a promise or demand aimed at whom its content is aimed at
    CONTENT_ACTOR = "content-actor"  # ... the actor named in its content clause
    PLACE_TARGET = "place-target"  # an act on a place aimed at its people
    CLAUSE_TARGET = "clause-target"  # the first actor of the act's purpose or reason clause
    CLAUSE_ACTOR = "clause-actor"  # the nearest other actor in the act's own clause


_SHOWN_AS_DEP = frozenset({ArgRule.POSSESSIVE, ArgRule.COMPOUND, ArgRule.ADJECTIVE, ArgRule.NMOD})


@dataclass(frozen=True)
class ArgumentStep:
    """One argument rule that fired: which rule, for which side, with the preposition it
    read (``PREP``) and how the subject was reached (``SUBJECT``, ``BY_AGENT``)."""

    rule: ArgRule
    role: ArgRole
    word: str | None = None  # the preposition of a PREP step
    via: tuple[SubjectLink, ...] = ()  # SUBJECT/BY_AGENT: the links climbed, outermost first

    def describe(self) -> str:
        if self.rule is ArgRule.PREP:
            return self.word or "prep"
        if self.rule in (ArgRule.SUBJECT, ArgRule.BY_AGENT):
            links = [str(v) for v in self.via if v is not SubjectLink.NSUBJ]
            if self.rule is ArgRule.BY_AGENT:
                links.append(SubjectLink.AGENT.value)
            return ":".join(["subj", *links])
        return self.rule.value


class CueKind(StrEnum):
    """What in the clause decided an event's status (``parley.extract.events.status``)."""

    NEGATION = "negation"  # 'not' on the verb, 'no' before the noun
    NEGATING_VERB = "negating-verb"  # "refused to", "failed to"
    CONDITIONAL_IF = "if"  # an 'if' clause
    CONDITIONAL_UNLESS = "unless"  # an 'unless' clause ("will withdraw ... unless")
    CONDITIONAL = "condition"  # 'whether', 'provided', 'lest'
    MODAL = "modal"  # 'would', 'could', 'may' + verb
    PURPOSE = "purpose"  # an infinitive of purpose
    HYPOTHETICAL_MODIFIER = "hypothetical-modifier"  # "a possible deal"
    CONTENT_OF = "content-of"  # the content of a demand, threat, promise, refusal or accusation
    FUTURE = "future"  # 'will' + verb
    REPORTED_WOULD = "reported-would"  # "said it would allow": reported 'will'
    PLANNING = "planning"  # "plans to", "ready to"
    BE_TO = "be-to"  # "is to visit"
    PLANNED_MODIFIER = "planned-modifier"  # "the planned visit"
    DATE_AFTER_PUBLICATION = "date-after-publication"  # its own date is after the article's
    DATED_REFERENCE = "dated-reference"  # a noun with its own past date names an event that happened
    CLAIM_ADVERB = "claim-adverb"  # "reportedly", "allegedly"
    CLAIM_VERB = "claim-verb"  # "claimed to have"
    CLAIM_THAT = "claim-that"  # "claimed that ..."
    SELF_REPORT = "self-report"  # "Russia said it hit ...": the doer reports its own act
    STILL = "still"
    ONGOING_VERB = "ongoing-verb"  # "continued to", "remain"
    ONGOING_LIGHT_VERB = "ongoing-light-verb"  # "continued talks"
    ENTERED_DAY = "entered-day"  # "entered a third day of negotiations"
    PROGRESSIVE = "progressive"  # "are negotiating"
    ONGOING_MODIFIER = "ongoing-modifier"  # "the ongoing talks"
    STANDING_PLAN = "standing-plan"  # "a proposal that would require": the plan is on the table
    MERGED_MENTION = "merged-mention"  # another report of the event in the article gave the status


@dataclass(frozen=True)
class StatusCue:
    """One cue for a status: its kind, the cue word and the word it bears on."""

    status: str
    kind: CueKind
    word: str = ""  # the cue word as written ("not", "unless", "will", "claimed")
    head: str | None = None  # the word it bears on ("meet"), the subject of a self-report, the frame's type

    def describe(self) -> str:
        if self.kind is CueKind.NEGATION and not self.head:
            return f"'{self.word}'"
        template = _CUE_TEXT.get(self.kind, "'{w}'")
        return template.format(w=self.word, h=self.head, r=repr(self.word))


# how each cue kind reads in the event's rule text: {w} the cue word, {h} the word it bears on
_CUE_TEXT: dict[CueKind, str] = {
    CueKind.NEGATION: "'{w}' on '{h}'",
    CueKind.CONDITIONAL_IF: "'{w}' clause",
    CueKind.CONDITIONAL_UNLESS: "'{w}' clause",
    CueKind.CONDITIONAL: "'{w}' clause",
    CueKind.MODAL: "'{w}' + '{h}'",
    CueKind.FUTURE: "'{w}' + '{h}'",
    CueKind.REPORTED_WOULD: "reported '{w}' + '{h}'",
    CueKind.PLANNING: "'{w} to'",
    CueKind.NEGATING_VERB: "'{w} to'",
    CueKind.BE_TO: "'{w} to'",
    CueKind.CLAIM_THAT: "'{w} that'",
    CueKind.SELF_REPORT: "self-report '{h} {w}'",
    CueKind.ONGOING_LIGHT_VERB: "'{w}' + event noun",
    CueKind.ENTERED_DAY: "'{w}' + day of",
    CueKind.PROGRESSIVE: "progressive '{w}'",
    CueKind.PURPOSE: "purpose clause",
    CueKind.CONTENT_OF: "content of {h} '{w}'",
    CueKind.STANDING_PLAN: "standing {r} of a plan",
    CueKind.DATE_AFTER_PUBLICATION: "date after publication",
    CueKind.DATED_REFERENCE: "dated reference '{w}'",
    CueKind.MERGED_MENTION: "merged mention '{w}'",
}


@dataclass(frozen=True)
class CountryNote:
    """A country the event layer gave an actor that the actor layer left without one."""

    mention: str  # the actor's text
    country: str  # ISO 3166-1 alpha-3
    reason: str  # the rule, in words ("the only state named in the sentence")

    def describe(self) -> str:
        return f"{self.mention}->{self.country} ({self.reason})"


@dataclass(frozen=True)
class MergedTrigger:
    """Another report of the event in the article, merged into this one."""

    trigger: str
    start: int


@dataclass
class EventBasis:
    """Why an event was coded, as structured fields (the rule string is derived from it):
    the kind of trigger and the lexicon entry that matched, the argument rules that found
    its sides, the status cues, the countries the event layer filled in, the other
    mentions merged into it and whether its target was taken from the same source's other
    events."""

    trigger_kind: TriggerKind
    lexicon_key: str  # the entry's ``pos:lemma/TYPE`` key
    lexicon_pos: str = ""  # verb | noun (a verb entry on a noun: "their surrender")
    lexicon_lemma: str = ""
    lexicon_type: str = ""  # the entry's PLOVER type (a reversal or light verb may code another)
    entry_source: EntrySource = EntrySource.LEXICON
    entry_origin: str = ""  # the lexicon file, or the neighbour and score of a similar entry
    argument_rules: list[ArgumentStep] = field(default_factory=list)
    status_cues: list[StatusCue] = field(default_factory=list)  # the deciding status's cues first
    country_notes: list[CountryNote] = field(default_factory=list)
    merged_triggers: list[MergedTrigger] = field(default_factory=list)
    implicit_target: bool = False

    def has_cue(self, *kinds: CueKind) -> bool:
        return any(c.kind in kinds for c in self.status_cues)

    def describe(self, event_type: str = "", date_rule: str | None = None) -> str:
        """The human-readable rule: ``kind:key[argument rules]; status=...<-cues; date=...;
        countries<-...; merged<-...; implicit-target<-...``."""
        out = f"{self.trigger_kind.value}:{self.lexicon_key}"
        if self.argument_rules:
            out += "[" + ",".join(a.describe() for a in self.argument_rules) + "]"
        if self.status_cues:
            status = self.status_cues[0].status
            out += f"; status={status}<-" + " | ".join(
                c.describe() if c.status == status else f"{c.status}: {c.describe()}" for c in self.status_cues)
        if date_rule:
            out += f"; date={date_rule}"
        if self.country_notes:
            out += "; countries<-" + " | ".join(n.describe() for n in self.country_notes)
        for m in self.merged_triggers:
            out += f"; merged<-'{m.trigger}'@{m.start}"
        if self.implicit_target:
            out += f"; implicit-target<-other {event_type} events of the same source"
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventBasis:
        """The basis read back from its stored JSON."""
        return cls(
            trigger_kind=TriggerKind(d["trigger_kind"]), lexicon_key=d.get("lexicon_key", ""),
            lexicon_pos=d.get("lexicon_pos", ""), lexicon_lemma=d.get("lexicon_lemma", ""),
            lexicon_type=d.get("lexicon_type", ""),
            entry_source=EntrySource(d.get("entry_source", "lexicon")), entry_origin=d.get("entry_origin", ""),
            argument_rules=[ArgumentStep(rule=ArgRule(a["rule"]), role=ArgRole(a["role"]), word=a.get("word"),
                                         via=tuple(SubjectLink(v) for v in a.get("via") or ()))
                            for a in d.get("argument_rules") or []],
            status_cues=[StatusCue(status=c["status"], kind=CueKind(c["kind"]), word=c.get("word", ""),
                                   head=c.get("head")) for c in d.get("status_cues") or []],
            country_notes=[CountryNote(**n) for n in d.get("country_notes") or []],
            merged_triggers=[MergedTrigger(**m) for m in d.get("merged_triggers") or []],
            implicit_target=bool(d.get("implicit_target")),
        )


@dataclass
class Event:
    """A PLOVER-coded event with its evidence and the rule that produced it."""

    article_id: str
    type: str
    sources: list[EventActor]
    targets: list[EventActor]
    evidence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    rule: str
    mode: str | None = None
    status: str = "occurred"  # occurred | ongoing | planned | hypothetical | negated | claimed
    location: str | None = None
    location_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    date_value: str | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    date_rule: str | None = None  # the text of ``date_basis`` (with where it came from)
    date_basis: DateRule | None = None  # which rule dated it
    magnitude: list[Magnitude] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    quote_id: str | None = None
    confidence: float = 1.0
    id: str = ""
    mentions: list[EventMention] = field(default_factory=list)  # the other reports in the article
    basis: EventBasis | None = None  # why it was coded, structured (``rule`` is its text)
    claimant: EventActor | None = None  # a claimed event: who claims it ("the Taliban said they ...")


@dataclass
class Stance:
    """An actor's position on a negotiation issue."""

    article_id: str
    actor_id: str | None
    actor_name: str
    issue: str  # taxonomy key, e.g. territorial_concessions
    issue_text: str  # the phrase as written
    position: str  # supports | opposes | demands | conditions
    evidence: str
    start: int
    end: int
    rule: str
    time_value: str | None = None
    id: str = ""


@dataclass
class ArticleAnalysis:
    """Everything the NLP layers found in one article: the unit the store saves and the
    Spark job will write, produced by one pure per-article function."""

    article_id: str
    model: str
    model_version: str
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. text cut at MAX_CHARS
