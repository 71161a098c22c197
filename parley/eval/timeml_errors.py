"""Why a TIMEX3 value is wrong: each TimeML error gets one ``ErrorCause``.

Value F1 loses on three things: a gold expression nobody found (``missed``), one found
where the gold has none (``spurious``), and a relaxed match with another value. The
last is split by what differs first:

- ``wrong_type``: DATE/TIME against DURATION/SET ("a month earlier" as a date);
- ``wrong_granularity``: the same type at another granularity ("1998" for "1998-10",
  "P1M" for "P30D", a date for PAST_REF);
- ``wrong_direction``: the same granularity on the other side of the creation time
  (past-tense "October" resolved to the coming October);
- ``wrong_reference``: the same granularity and side, another period (a weekday in the
  wrong week, a year counted from the wrong date);
- ``wrong_amount``: a duration or set in the same unit with another number;
- ``wrong_time``: a clock time or part of day that differs on the same day.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from enum import Enum
from typing import Any

from parley.extract.time import calendar as cal


class ErrorCause(str, Enum):
    MISSED = "missed"
    SPURIOUS = "spurious"
    WRONG_TYPE = "wrong_type"
    WRONG_GRANULARITY = "wrong_granularity"
    WRONG_DIRECTION = "wrong_direction"
    WRONG_REFERENCE = "wrong_reference"
    WRONG_AMOUNT = "wrong_amount"
    WRONG_TIME = "wrong_time"


_ANCHORED = ("DATE", "TIME")
_REFS = {"PAST_REF": -1, "PRESENT_REF": 0, "FUTURE_REF": 1}
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")


def granularity(value: str | None) -> str:
    """The granularity a TIMEX3 value is written at: D, W, WE, M, Q, H, S, Y, DE, CE,
    T (a clock time or part of day), REF (PAST_REF ...), X (underspecified), P<units> for
    durations, ? otherwise."""
    v = value or ""
    if v in _REFS:
        return "REF"
    if v.startswith("P"):
        return "P" + "".join(sorted(set(re.findall(r"[A-Z]", v[1:])) - {"T", "X"}))
    if "X" in v[:4]:
        return "X"
    if "T" in v:
        return "T"
    patterns = (("D", r"\d{4}-\d\d-\d\d"), ("WE", r"\d{4}-W\d\d-WE"), ("W", r"\d{4}-W\d\d"),
                ("M", r"\d{4}-\d\d"), ("Q", r"\d{4}-Q[1-4]"), ("H", r"\d{4}-H[12]"),
                ("S", r"\d{4}-(?:SP|SU|FA|WI)"), ("Y", r"\d{4}"), ("DE", r"\d{3}"), ("CE", r"\d\d"))
    for gran, rx in patterns:
        if re.fullmatch(rx, v):
            return gran
    return "?"


def period_of(value: str | None) -> cal.Period | None:
    """The calendar period a DATE value names, if it names one."""
    v = value or ""
    gran = granularity(v)
    try:
        if gran == "D":
            return cal.day(date.fromisoformat(v))
        if gran in ("W", "WE"):
            monday = datetime.strptime(v[:8] + "-1", "%G-W%V-%u").date()
            return cal.week_of(monday)
        if gran == "M":
            return cal.month_of(date(int(v[:4]), int(v[5:7]), 1))
        if gran in ("Q", "H"):
            n = int(v[6])
            return cal.Period(gran, date(int(v[:4]), 1 + (n - 1) * (3 if gran == "Q" else 6), 1))
        if gran == "S":
            m = _SEASON.fullmatch(v)
            return cal.season(int(m.group(1)), m.group(2)) if m else None
        if gran == "Y":
            return cal.year_of(date(int(v), 1, 1))
        if gran == "DE":
            return cal.Period("DE", date(int(v) * 10, 1, 1))
        if gran == "CE":
            return cal.Period("CE", date(max(int(v) * 100, 1), 1, 1))
    except ValueError:
        return None
    return None


def side_of(value: str | None, dct: date) -> int | None:
    """-1 if the value lies wholly before the creation day, 1 wholly after, 0 holding it."""
    if value in _REFS:
        return _REFS[value]
    p = period_of(value)
    if p is None:
        return None
    if p.end() <= dct:
        return -1
    if p.start > dct:
        return 1
    return 0


def _day_part(value: str | None) -> str:
    return (value or "").split("T")[0]


def value_cause(gold_type: str, gold_value: str | None, sys_type: str, sys_value: str | None,
                dct: date | datetime) -> ErrorCause:
    """Why the system's value differs from the gold one (both on one relaxed match)."""
    day = dct.date() if isinstance(dct, datetime) else dct
    if (gold_type in _ANCHORED) != (sys_type in _ANCHORED) or {gold_type, sys_type} == {"DURATION", "SET"}:
        return ErrorCause.WRONG_TYPE
    g_gran, s_gran = granularity(gold_value), granularity(sys_value)
    if g_gran == "T" and s_gran == "T":
        return ErrorCause.WRONG_TIME if _day_part(gold_value) == _day_part(sys_value) else \
            ErrorCause.WRONG_REFERENCE
    if g_gran != s_gran:
        return ErrorCause.WRONG_GRANULARITY
    if gold_type not in _ANCHORED or g_gran.startswith("P"):
        return ErrorCause.WRONG_AMOUNT
    g_side, s_side = side_of(gold_value, day), side_of(sys_value, day)
    if g_side is not None and s_side is not None and g_side != s_side:
        return ErrorCause.WRONG_DIRECTION
    return ErrorCause.WRONG_REFERENCE


def cause_counts(errors: list[dict[str, Any]]) -> dict[str, int]:
    """How many scored errors (each with a ``cause``) there are of each cause, largest first."""
    counts = Counter(e["cause"] for e in errors if e.get("cause"))
    return dict(counts.most_common())
