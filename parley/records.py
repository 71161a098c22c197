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
    date_rule: str | None = None
    magnitude: list[Magnitude] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    quote_id: str | None = None
    confidence: float = 1.0
    id: str = ""
    mentions: list[EventMention] = field(default_factory=list)  # the other reports in the article


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
