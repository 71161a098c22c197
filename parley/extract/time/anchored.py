"""Expressions the grammar's single matches leave out: the second year of a range, and
times anchored to an event the article dates.

- "2009-2010", "1998 to 2001", "2009-10": a range is two dates (ISO-TimeML); the second
  year is a DATE of its own, anchored to the first.
- "from March to May 2024", "March-April 2024", "Dec. 28 to Jan. 3, 2024": a year
  written once, at the end of a range, is the first member's too (the year before when
  the first member's month comes later in the year).
- "the day before the vote", "the week after the election": a unit before or after an
  event noun (the extent is "the day", as TimeML marks it). In apposition to a date
  ("Oct. 12, the day before the plunge") it is that date; when an earlier sentence
  dates the event ("The vote was held on March 3") it is that day (week, month, year)
  shifted by one; otherwise it is not tagged (its date is not in the article, and it is
  never guessed from the publication date).
"""

from __future__ import annotations

import re
from datetime import date

from parley.extract.time import calendar as cal
from parley.extract.time import lexicon as lx
from parley.records import TimeExpr

_YEAR_VALUE = re.compile(r"(1[6-9]|20)\d\d")
_SECOND_YEAR = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|until|and)\s*((?:1[6-9]|20)\d\d|\d\d)\b(?![\d%,.]\d)")
_EVENT_ANCHORED = re.compile(
    r"\b(?P<det>[Tt]he\s+)(?P<unit>day|night|morning|evening|week|weekend|month|year)\s+"
    r"(?P<rel>before|after|following|preceding)\s+(?:the|its|his|her|their|this|that)\s+"
    r"(?P<event>[a-z][a-z-]{2,})\b")
_UNIT = {"day": "D", "night": "D", "morning": "D", "evening": "D", "week": "W", "weekend": "W",
         "month": "M", "year": "Y"}
_PART = {"night": "NI", "morning": "MO", "evening": "EV"}
_SENTENCE_END = re.compile(r"[.!?]\s")


def _overlaps(times: list[TimeExpr], start: int, end: int) -> bool:
    return any(t.start < end and start < t.end for t in times)


_RANGE_LINK = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|until|till|and)\s*")
_DASH = ("-", "\u2013", "\u2014")
# "-April 2024": the grammar sees only the year (a month name right after a dash is no word start)
_MONTH_YEAR = re.compile(r"(?-i:([A-Z][a-z]{2,8}))\.?\s+((?:1[6-9]|20)\d\d)\b")
_YEARLESS_RULES = ("month", "date_month_day", "date_day_month")
_DAY_OR_MONTH = re.compile(r"\d{4}-\d\d(?:-\d\d)?")


def _range_end(times: list[TimeExpr], i: int, text: str, link_end: int,
               dash: bool) -> tuple[TimeExpr, int, int, TimeExpr | None] | None:
    """The second member of a range starting at ``link_end``: (expression, its year, its
    month, the bare year it replaces or None)."""
    nxt = next((u for u in times[i + 1:] if u.start >= link_end), None)
    if nxt is not None and nxt.start == link_end and nxt.anchor == "none" and nxt.rule in \
            ("month_year", "date_month_day", "date_day_month") and _DAY_OR_MONTH.fullmatch(nxt.value or ""):
        value = nxt.value or ""
        return nxt, int(value[:4]), int(value[5:7]), None
    m = _MONTH_YEAR.match(text, link_end) if dash else None
    if m is None or m.group(1).lower() not in lx.MONTHS:
        return None
    bare = next((u for u in times if u.start == m.start(2) and u.rule == "year"), None)
    if bare is None:
        return None
    year, month = int(m.group(2)), lx.MONTHS[m.group(1).lower()]
    p = cal.month_of(date(year, month, 1))
    earliest, latest = cal.interval(p)
    second = TimeExpr(article_id=bare.article_id, start=m.start(), end=m.end(), text=m.group(0), type="DATE",
                      value=p.value(), earliest=earliest, latest=latest, anchor="none", rule="month_year",
                      id=bare.id)
    return second, year, month, bare


def with_range_years(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """A year-less first member of a range takes the year written at its end."""
    out = list(times)
    for i, t in enumerate(out):
        value = t.value or ""
        if t.anchor != "dct" or t.rule not in _YEARLESS_RULES or not _DAY_OR_MONTH.fullmatch(value):
            continue
        link = _RANGE_LINK.match(text, t.end)
        found = _range_end(out, i, text, link.end(), link.group().strip() in _DASH) if link else None
        if found is None:
            continue
        second, year, month, bare = found
        first_month = int(value[5:7])
        y = year if first_month <= month else year - 1
        d = cal.valid_date(y, first_month, int(value[8:10]) if len(value) == 10 else 1)
        if d is None:
            continue
        p = cal.day(d) if len(value) == 10 else cal.month_of(d)
        earliest, latest = cal.interval(p)
        out[i] = TimeExpr(article_id=t.article_id, start=t.start, end=t.end, text=t.text, type=t.type,
                          value=p.value(), mod=t.mod, earliest=earliest, latest=latest, anchor=second.id,
                          rule=t.rule, id=t.id)
        if bare is not None:
            out[out.index(bare)] = second
    return out


def with_year_ranges(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    out: list[TimeExpr] = []
    for t in times:
        out.append(t)
        first = t.value or ""
        if t.rule != "year" or not _YEAR_VALUE.fullmatch(first):
            continue
        m = _SECOND_YEAR.match(text, t.end)
        if m is None or _overlaps(times, m.start(1), m.end(1)):
            continue
        second = m.group(1)
        year = int(second) if len(second) == 4 else int(first[:2] + second)
        if not int(first) < year <= int(first) + 100:
            continue  # "1998-97" or a score: not a range
        earliest, latest = cal.interval(cal.year_of(date(year, 1, 1)))
        out.append(TimeExpr(article_id=t.article_id, start=m.start(1), end=m.end(1), text=second, type="DATE",
                            value=str(year), earliest=earliest, latest=latest, anchor=t.id,
                            rule="year_range_end", id=f"{t.id}r"))
    return out


def _event_stem(word: str) -> str:
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _event_date(times: list[TimeExpr], text: str, before: int, event: str) -> TimeExpr | None:
    """The last full date before ``before`` in a sentence that names the event."""
    stem = re.compile(rf"\b{re.escape(_event_stem(event))}\w*\b", re.IGNORECASE)
    for t in reversed([t for t in times if t.end <= before]):
        if t.type not in ("DATE", "TIME") or not re.fullmatch(r"\d{4}-\d\d-\d\d.*", t.value or ""):
            continue
        starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, t.start)]
        s_start = starts[-1] if starts else 0
        s_end_m = _SENTENCE_END.search(text, t.end)
        s_end = s_end_m.start() + 1 if s_end_m else len(text)
        if stem.search(text, s_start, s_end):
            return t
    return None


def _apposed_date(times: list[TimeExpr], text: str, start: int) -> TimeExpr | None:
    prev = [t for t in times if t.end <= start]
    if prev and re.fullmatch(r"\s*,\s*", text[prev[-1].end:start]) and prev[-1].type == "DATE" \
            and re.fullmatch(r"\d{4}-\d\d-\d\d", prev[-1].value or ""):
        return prev[-1]
    return None


def with_event_anchored(times: list[TimeExpr], text: str, article_id: str) -> list[TimeExpr]:
    added: list[TimeExpr] = []
    for m in _EVENT_ANCHORED.finditer(text):
        # the extent is the unit ("the day"), as TimeML marks it; the event is not a time
        start, end = m.start("det"), m.end("unit")
        if _overlaps(times, start, m.end("rel")):
            continue
        unit = _UNIT[m["unit"]]
        sign = -1 if m["rel"] in ("before", "preceding") else 1
        anchor = _event_date(times, text, start, m["event"])
        same = _apposed_date(times, text, start)
        if same is not None:  # "Oct. 12, the day before the plunge": that very date
            value, earliest, latest, anchor_id = same.value or "", same.earliest, same.latest, same.id
        elif anchor is None:
            continue
        else:
            p = cal.shift(cal.at_gran(date.fromisoformat((anchor.value or "")[:10]), unit), unit, sign)
            value = p.value() + ("T" + _PART[m["unit"]] if m["unit"] in _PART else "")
            earliest, latest = cal.interval(p)
            anchor_id = anchor.id
        added.append(TimeExpr(article_id=article_id, start=start, end=end, text=text[start:end],
                              type="DATE", value=value, earliest=earliest, latest=latest, anchor=anchor_id,
                              rule="event_anchored", id=f"e{len(added) + 1}"))
    return sorted(times + added, key=lambda t: t.start)
