"""Typed filters shared by the CLI, the API, the web pages and exports.

Each filter is a frozen dataclass of typed values (enums, dates, tuples); ``parse``
turns query-string or command-line text into one, raising ``InvalidFilter`` (E033)
with a message that names the allowed values. ``to_params`` gives back the query
string, so a page's JSON and CSV links reproduce exactly what it shows.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

from parley.errors import InvalidFilter
from parley.query.vocab import PloverType, Quad, QuoteKind, Status

DATA = Path(__file__).resolve().parents[1] / "data"


def _enum(cls: type[Enum], value: str, what: str) -> Enum:
    v = value.strip()
    for member in cls:
        if member.value.lower() == v.lower():
            return member
    allowed = ", ".join(m.value for m in cls)
    raise InvalidFilter(f"unknown {what} {value!r}: one of {allowed}")


def parse_date(value: str, what: str) -> date:
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise InvalidFilter(f"{what} must be an ISO date like 2025-12-06, got {value!r}") from None


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Lower-cased state names, aliases, adjectives and demonyms -> ISO alpha-3, read
    straight from the shipped knowledge base (no NLP import)."""
    kb = json.loads((DATA / "actors_kb.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for a in kb["actors"]:
        if a.get("id", "").startswith("state:") and a.get("country"):
            for name in [a["name"], *a.get("aliases", []), *a.get("adjectives", [])]:
                out.setdefault(name.lower(), a["country"])
    for word, target in kb.get("demonyms", {}).items():
        code = target.split(":", 1)[1] if target.startswith("state:") else target
        if len(code) == 3:
            out.setdefault(word.lower(), code)
    return out


def country_code(value: str) -> str:
    """ISO alpha-3 from a code ("ukr"), a name ("Ukraine") or a demonym ("Russian")."""
    v = value.strip()
    if len(v) == 3 and v.isalpha():
        return v.upper()
    code = _countries().get(v.lower())
    if code is None:
        raise InvalidFilter(f"unknown country {value!r}: give an ISO 3166-1 alpha-3 code such as UKR")
    return code


@lru_cache(maxsize=1)
def issue_keys() -> tuple[str, ...]:
    import yaml

    data = yaml.safe_load((DATA / "stance_issues.yaml").read_text(encoding="utf-8"))
    return tuple(data.get("issues", {}))


def parse_issue(value: str) -> str:
    v = value.strip().lower().replace(" ", "_").replace("-", "_")
    if v not in issue_keys():
        raise InvalidFilter(f"unknown issue {value!r}: one of {', '.join(issue_keys())}")
    return v


def parse_dyad(value: str) -> tuple[str, str]:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise InvalidFilter(f"a dyad is two actors separated by a comma, like USA,RUS; got {value!r}")
    return parts[0], parts[1]


def _text(value: str) -> str:
    v = value.strip()
    if len(v) > 200:
        raise InvalidFilter("filter text is limited to 200 characters")
    return v


_PARSERS = {
    "type": lambda v: _enum(PloverType, v, "PLOVER type"),
    "status": lambda v: _enum(Status, v, "status"),
    "quad": lambda v: _enum(Quad, v, "quad class"),
    "kind": lambda v: _enum(QuoteKind, v, "quote kind"),
    "since": lambda v: parse_date(v, "since"),
    "until": lambda v: parse_date(v, "until"),
    "country": country_code,
    "issue": parse_issue,
    "dyad": parse_dyad,
}


@dataclass(frozen=True)
class Filter:
    """Base: parse from text, back to a query string."""

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None = None, **kw: Any):
        values = {**(raw or {}), **kw}
        names = {f.name for f in dataclasses.fields(cls)}
        out: dict[str, Any] = {}
        for name, value in values.items():
            if name not in names or value is None or value == "":
                continue
            if isinstance(value, str):
                value = _PARSERS.get(name, _text)(value)
            out[name] = value
        return cls(**out)

    def to_params(self) -> dict[str, str]:
        out = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if v is None:
                continue
            if isinstance(v, Enum):
                v = v.value
            elif isinstance(v, tuple):
                v = ",".join(v)
            elif isinstance(v, date):
                v = v.isoformat()
            out[f.name] = str(v)
        return out

    def until_exclusive(self) -> datetime | None:
        until = getattr(self, "until", None)
        return datetime.combine(until + timedelta(days=1), datetime.min.time()) if until else None

    def since_start(self) -> datetime | None:
        since = getattr(self, "since", None)
        return datetime.combine(since, datetime.min.time()) if since else None


@dataclass(frozen=True)
class ArticleFilter(Filter):
    status: str | None = None  # ok | skipped:language | ... (free text: the store's statuses)
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None  # title or text contains

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None = None, **kw: Any):
        values = {**(raw or {}), **kw}
        status = values.pop("status", None)
        f = super().parse(values)
        return dataclasses.replace(f, status=_text(status)) if status else f


@dataclass(frozen=True)
class ActorFilter(Filter):
    country: str | None = None
    type: str | None = None  # person | state | organisation | group | government_body
    q: str | None = None

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None = None, **kw: Any):
        values = {**(raw or {}), **kw}
        kind = values.pop("type", None)
        f = super().parse(values)
        return dataclasses.replace(f, type=_text(kind).lower()) if kind else f


@dataclass(frozen=True)
class EventFilter(Filter):
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    country: str | None = None
    type: PloverType | None = None
    quad: Quad | None = None
    status: Status | None = None
    issue: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    q: str | None = None  # evidence contains
    article: str | None = None
    source: str | None = None  # exact actor id on the source side (a network edge)
    target: str | None = None  # exact actor id on the target side


@dataclass(frozen=True)
class QuoteFilter(Filter):
    actor: str | None = None
    kind: QuoteKind | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    q: str | None = None
    article: str | None = None


@dataclass(frozen=True)
class FactFilter(Filter):
    """Mentions and times: per article, or per actor."""

    article: str | None = None
    actor: str | None = None
    q: str | None = None


@dataclass(frozen=True)
class StanceFilter(Filter):
    issue: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    article: str | None = None


@dataclass(frozen=True)
class IncidentFilter(Filter):
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    country: str | None = None
    type: PloverType | None = None
    quad: Quad | None = None
    status: Status | None = None
    issue: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    q: str | None = None
    source: str | None = None  # exact canonical actor id on the source side (a network edge)
    target: str | None = None


@dataclass(frozen=True)
class NetworkFilter(Filter):
    since: date | None = None
    until: date | None = None
    type: PloverType | None = None
    quad: Quad | None = None
    actor: str | None = None
