"""Find, select and normalise temporal expressions in a text.

1. trigger words (``triggers.py``) say where, and which, grammar rules may match; their
   compiled regexes are tried only there (no per-character loops, no pass per rule);
2. context checks drop readings the words around them rule out ("May" the modal, "the
   morning paper", "$5 a year");
3. the longest match wins where candidates overlap;
4. in text order, each expression is normalised against the DCT, the tense of its verb
   (looked up in the spaCy parse only when the value depends on it) and the last date
   the text mentioned, which anaphoric expressions ("two weeks earlier") count from;
5. small passes: a clock time takes the date of a day right after it (or, when its
   sentence names none, the day an earlier sentence gave the same event verb); a listed
   day ("April 24 and 25") becomes a date of its own; a range's year written once
   ("from March to May 2024") dates its first member too (``anchored.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from datetime import date, datetime
from typing import Callable

from spacy.tokens import Doc

from parley.extract.time.anchored import with_event_anchored, with_range_years, with_year_ranges
from parley.extract.time import calendar as cal
from parley.extract.time import norm as nm
from parley.extract.time import resolve as rs
from parley.extract.time import resolve_periods as rp
from parley.extract.time import resolve_relative as rr
from parley.extract.time.grammar import RULES, Rule
from parley.extract.time.tense import (direction_at, future_in_past, governing_verb, span_of,
                                       under_reporting_verb)
from parley.extract.time.triggers import RULE_TRIGGERS, grammar_words, trigger_starts
from parley.records import TimeExpr

NORMALISERS: dict[str, Callable[[dict[str, str], nm.Context], nm.Norm | None]] = {
    "calendar": rs.calendar_norm, "numeric": rs.numeric_norm, "clock": rp.clock_norm,
    "decade": rp.decade_norm, "century": rp.century_norm, "season": rp.season_norm,
    "deictic": rp.deictic_norm,
    "quarter": rr.quarter_norm, "year_ago_adj": rr.year_ago_adj_norm, "relative": rr.relative_norm,
    "offset": rr.offset_norm, "duration": rr.duration_norm, "set": rr.set_norm,
    "reference": rr.reference_norm, "year_end": rp.year_end_norm, "week_of": rp.week_of_norm,
}

# a month name alone is a month only after a word that introduces a time
_MONTH_CUE = re.compile(r"\b(?:in|since|of|until|till|by|from|to|through|during|before|after|"
                        r"last|next|this|early|late|mid|between|and|or|each|every|throughout|"
                        r"for|on|until|about|around|as\s+of|end|beginning|middle|the)\W*$", re.I)
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "jun", "sept", "sep", "dec", "oct", "aug",
                     "feb", "apr", "jul", "nov"}
_REF_CLOSE_CHARS = 400
_EVERYDAY_FREQ = {"hourly", "daily", "nightly", "weekly"}
_DETERMINER_JUST_BEFORE = re.compile(r"\b(?:a|an|the|his|her|its|their|our|my|your)\s+$", re.I)
# a report's span of the year so far: "the first nine months", "the latest six months"
_MONTHS_TO_DATE = re.compile(r"(?:the\s+)?(?:first\s+|latest\s+|past\s+)?(?:nine|six|9|6)\s+months", re.I)


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]

    def groups(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, value in self.match.groupdict().items():
            if value:
                out.setdefault(name.rstrip("0123456789"), value)
        return out


_QUANTITY_BEFORE = re.compile(r"(?:\d[\d.,]*\s*(?:%|percent)?|" + "|".join(
    w for w in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "twelve", "twenty", "thirty", "fifty", "hundred", "hundreds", "thousand",
                "thousands", "million", "billion", "dozens")) + r")(?:\s+[a-z]+){0,2}\s+$", re.I)
_GENERIC_TODAY = re.compile(r"'s\s+(?:world|youth|society|generation|children|economy|families|"
                            r"standards|(?:\w+\s+)?(?:computers|technology|consumers|students))\b", re.I)
_PART_CUE = re.compile(r"\b(?:in|by|during|until|since|through|at)\s+$", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|its|their|his|her|our)\s+(?:[a-z]+\s+)?$", re.I)
# an opening quote right before ("s ``This Week''"), not the closing one of the paragraph before
_QUOTE_BEFORE = re.compile(r"(?:^|[\s(])(?:``|''|[\"\u201c'])[ \t]*$")


# a capitalised word right before, itself not starting a sentence: "VOA Today", "High Noon"
_NAME_WORD_BEFORE = re.compile(r"(?:[a-z,;]|``|\")\s*(?-i:[A-Z][A-Za-z]*)\s+$")
_LOWERCASE_TIME_WORD = re.compile(r"(?-i:[A-Z][a-z]+)")


def _plausible(c: Candidate, text: str, doc: Doc | None) -> bool:
    """Context checks a regex cannot make cheaply; False drops the candidate."""
    g = c.groups()
    before = text[max(0, c.start - 30):c.start]
    matched = c.match.group(0)
    if c.rule.kind in ("deictic", "clock", "reference") and " " not in matched \
            and _LOWERCASE_TIME_WORD.fullmatch(matched) and _NAME_WORD_BEFORE.search(before):
        return False  # a word written in lower case, capitalised after a name: part of a title
    words = [w for w in matched.split() if w[:1].isalpha()]
    if _QUOTE_BEFORE.search(before) and " " in matched and words and all(w[:1].isupper() for w in words):
        return False  # a quoted title: ABC's "This Week", CBS's "60 Minutes"
    if c.rule.name == "month" and not g.get("rel") and not g.get("modw"):
        name = g["mon"].lower().rstrip(".")
        after = text[c.end:c.end + 20]
        if re.match(r"\s+(?-i:[A-Z])[a-z]|\s+of\s+(?!\d)", after):
            return False  # "Jan Kavan", "April Glaspie", "the March of the Mothers"
        if name in _AMBIGUOUS_MONTHS and not _MONTH_CUE.search(before):
            return False  # "may" the modal, "march" the verb
    if g.get("deictic", "").lower() == "today" and _GENERIC_TODAY.match(text, c.end):
        return False  # "today's world": the present age, not a date
    if c.rule.name == "part_of_day" and not _PART_CUE.search(before):
        return False  # "the morning paper"; "in the morning", "by mid afternoon" are times
    if c.rule.name == "season" and not (g.get("rel") or g.get("modw") or g.get("year")) \
            and not (_MONTH_CUE.search(before) or _DETERMINER_BEFORE.search(before)):
        return False  # "to outlast winter": a bare season needs "in", "by", "a quiet" ... before it
    if c.rule.name == "year" and not g.get("fiscal") and not g.get("modw") and doc is not None:
        return _year_plausible(c, doc)
    if c.rule.kind in ("duration", "set") and c.rule.name != "set_times_a" \
            and re.fullmatch(r"(?:a|an|per)\s+\w+|\w+ly", matched, re.I) and _QUANTITY_BEFORE.search(before):
        return False  # a rate: "700 seats a week", "24 hours a day", "grow 8% annually"
    if c.rule.name == "set_freq" and doc is not None:
        if g["freq"].lower() in _EVERYDAY_FREQ and _DETERMINER_JUST_BEFORE.search(before):
            return True  # "a daily rally", "his weekly address": a thing that recurs
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        # "a quarterly dividend", "average daily volume": the adjective names a kind of figure
        return span is None or span.root.dep_ != "amod"
    return True


def _year_plausible(c: Candidate, doc: Doc) -> bool:
    """A bare four-digit number is a year unless it counts something ("1990 troops")."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    tok = span[-1]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("%", "percent", "points", "feet", "meters", "miles", "yards"):
        return False
    return True


_RULES_BY_CLASS: dict[str, list[tuple[Rule, re.Pattern[str]]]] = {}
for _rule in RULES:
    for _cls in RULE_TRIGGERS[_rule.name]:
        _RULES_BY_CLASS.setdefault(_cls, []).append((_rule, _rule.regex))
_VOCABULARY = grammar_words([r.template for r in RULES])
_RULE_ORDER = {r.name: i for i, r in enumerate(RULES)}


def find_candidates(text: str, doc: Doc | None = None) -> list[Candidate]:
    """Every rule match that starts at a word start near a trigger word of its class."""
    cands = []
    for start, classes in trigger_starts(text, _VOCABULARY):
        rules = _RULES_BY_CLASS[classes[0]] if len(classes) == 1 else sorted(
            {r.name: (r, rx) for cls in classes for r, rx in _RULES_BY_CLASS[cls]}.values(),
            key=lambda pair: _RULE_ORDER[pair[0].name])
        for rule, regex in rules:
            m = regex.match(text, start)
            if m is not None and m.end() > m.start():
                c = Candidate(m.start(), m.end(), rule, m)
                if _plausible(c, text, doc):
                    cands.append(c)
    return cands


def select(cands: list[Candidate]) -> list[Candidate]:
    """Longest first; on equal length the higher-priority rule; no overlaps."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.rule.priority, c.start, _RULE_ORDER[c.rule.name])):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _dct_date(dct: datetime | date | None) -> date | None:
    if dct is None:
        return None
    day = dct.date() if isinstance(dct, datetime) else dct
    return day if 100 <= day.year <= 9900 else None  # a DCT at the calendar's edge anchors nothing


def _interval(norm: nm.Norm, dct_day: date | None) -> tuple[str | None, str | None]:
    """(earliest, latest) of a value; PAST_REF/FUTURE_REF are open on one side."""
    if norm.period is not None:
        return cal.interval(norm.period, norm.mod, norm.part, norm.clock)
    if dct_day is None or norm.value not in ("PAST_REF", "FUTURE_REF", "PRESENT_REF"):
        return None, None
    start, end = cal.interval(cal.day(dct_day))
    return {"PAST_REF": (None, end), "FUTURE_REF": (start, None), "PRESENT_REF": (start, end)}[norm.value]


def tag_times(text: str, dct: datetime | date | None, doc: Doc | None = None,
              article_id: str = "") -> list[TimeExpr]:
    """Every temporal expression in ``text`` as a ``TimeExpr`` (ids t1, t2, ...)."""
    dct_day = _dct_date(dct)
    out: list[TimeExpr] = []
    reference: cal.Period | None = None
    quarter_ref: cal.Period | None = None
    year_to_date: cal.Period | None = None
    reference_id, reference_end = "", -10**9
    for c in select(find_candidates(text, doc)):
        def direction(strict: bool = False, c: Candidate = c) -> str | None:
            return direction_at(doc, c.start, c.end, strict) if doc is not None else None

        def reported(c: Candidate = c) -> bool:
            return doc is not None and under_reporting_verb(doc, c.start, c.end)

        def past_future(c: Candidate = c) -> bool:
            return doc is not None and future_in_past(doc, c.start, c.end)
        between = text[reference_end:c.start] if reference_end >= 0 else ""
        ctx = nm.Context(
            dct=dct_day, reference=reference, direction=direction, reported=reported,
            future_in_past=past_future,
            before=text[max(0, c.start - 80):c.start], after=text[c.end:c.end + 40],
            text=c.match.group(0),
            ref_close=reference is not None and len(between) <= _REF_CLOSE_CHARS
            and between.count("\n\n") <= 1,
            quarter_ref=quarter_ref, year_to_date=year_to_date,
        )
        try:
            norm = NORMALISERS[c.rule.kind](c.groups(), ctx)
            interval = _interval(norm, dct_day) if norm is not None else (None, None)
        except (OverflowError, ValueError):  # arithmetic past year 1 or 9999: no usable value
            continue
        if norm is None:
            continue
        start, end = c.start + norm.trim, c.end - norm.trim_end
        tid = f"t{len(out) + 1}"
        earliest, latest = interval
        anchor = {"ref": reference_id or "dct", "dct": "dct"}.get(norm.anchor, "none")
        out.append(TimeExpr(
            article_id=article_id, start=start, end=end, text=text[start:end], type=norm.type,
            value=norm.value, mod=norm.mod, earliest=earliest, latest=latest, anchor=anchor,
            rule=c.rule.name, id=tid,
        ))
        if norm.period is not None and norm.is_reference and norm.type in ("DATE", "TIME"):
            reference, reference_id, reference_end = norm.period, tid, c.end
            if norm.period.gran in ("Q", "H") and dct_day and norm.period.end() <= dct_day \
                    and (quarter_ref is None or norm.period.start >= quarter_ref.start):
                # a reported (finished) quarter; an earlier one mentioned in passing ("after
                # a flat second quarter") does not displace the latest one the report is on
                quarter_ref, year_to_date = norm.period, None
        if quarter_ref is not None and norm.type == "DURATION" and _MONTHS_TO_DATE.fullmatch(c.match.group(0)):
            # "For the nine months, ... a year earlier": now the year so far is compared
            year_to_date = cal.year_of(quarter_ref.start)
    _date_clock_times(out, text)
    if doc is not None:
        _event_day_clocks(out, doc)
    out = with_range_years(with_year_ranges(_with_listed_days(out, text), text), text)
    return with_event_anchored(out, text, article_id)


_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_CLOCK_GAP = re.compile(r"[\s,(]*(?:\([^()]{0,30}\)[\s,]*)?(?:on\s+)?")
# "24 and 25", "5-7": a second day, unless a noun follows ("March 5 and 12 people")
_LISTED_DAY = re.compile(r"\s*(?:and|or|to|through|-|\u2013)\s*((?:[12]\d|3[01]|0?[1-9]))(?:st|nd|rd|th)?\b"
                         r"(?![\d,.:%/-]\d)(?!\s+(?!(?:in|at|on|when|as|after|before|during|with|and|or|"
                         r"of|to|for|the|a|an|this|that|next|last)\b)[a-z])")


def _with_listed_days(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """"April 24 and 25": the second day of the list is a date of the same month."""
    out: list[TimeExpr] = []
    for t in times:
        out.append(t)
        value = t.value or ""
        day = _FULL_DATE.fullmatch(value)
        m = _LISTED_DAY.match(text, t.end) if day and t.rule == "date_month_day" else None
        if m is None:
            continue
        d = cal.valid_date(int(value[:4]), int(value[5:7]), int(m.group(1)))
        if d is None or d.isoformat() == t.value:
            continue
        earliest, latest = cal.interval(cal.day(d))
        out.append(TimeExpr(
            article_id=t.article_id, start=m.start(1), end=m.end(1), text=m.group(1), type="DATE",
            value=d.isoformat(), earliest=earliest, latest=latest, anchor=t.id, rule="date_listed_day",
            id=f"{t.id}b"))
    return out


def _event_day_clocks(times: list[TimeExpr], doc: Doc) -> None:
    """A clock time with no day of its own ("was shot to death at 10 p.m.") happens on
    the day an earlier sentence gave the same event verb ("was shot to death last Oct.
    23"), not on the publication day; verbs of saying report, they name no event."""
    dated: dict[str, TimeExpr] = {}  # event verb -> the last full date it governed
    sent_of: dict[str, int] = {}  # time id -> its sentence
    for t in times:
        span = span_of(doc, t.start, t.end)
        if span is None:
            continue
        sent = sent_of[t.id] = span.sent.start
        verb = governing_verb(span)
        if verb is None or verb.pos_ != "VERB" or under_reporting_verb(doc, t.start, t.end):
            continue
        if t.rule == "clock" and verb.lower_ in dated and sent_of.get(t.anchor, -1) != sent:
            # the clock's own sentence names no day (a day there would be its anchor)
            day = dated[verb.lower_]
            if sent_of.get(day.id) == sent:
                continue
            hhmm = (t.value or "").split("T", 1)[1]
            h, m = (int(x) for x in hhmm.split(":"))
            d = date.fromisoformat((day.value or "")[:10])
            t.value = f"{d.isoformat()}T{hhmm}"
            t.earliest, t.latest = cal.interval(cal.day(d), clock=(h, m))
            t.anchor = day.id
        elif t.type == "DATE" and _FULL_DATE.fullmatch(t.value or ""):
            dated[verb.lower_] = t


def _date_clock_times(times: list[TimeExpr], text: str) -> None:
    """A clock time right before a day ("10:35 a.m. (0735 GMT) Friday") happens that day."""
    for clock, nxt in pairwise(times):
        if clock.rule != "clock" or not clock.value or "T" not in clock.value:
            continue
        gap = text[clock.end:nxt.start]
        day = _FULL_DATE.match(nxt.value or "")
        if day and _CLOCK_GAP.fullmatch(gap) and nxt.type in ("DATE", "TIME"):
            hhmm = clock.value.split("T", 1)[1]
            clock.value = f"{day.group()}T{hhmm}"
            h, m = (int(x) for x in hhmm.split(":"))
            clock.earliest, clock.latest = cal.interval(cal.day(date.fromisoformat(day.group())), clock=(h, m))
            clock.anchor = nxt.id
