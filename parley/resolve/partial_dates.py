"""Underspecified TIMEX3 values ("XXXX-WXX-6", "XXXX-11-10", "XXXX-09") as evidence.

An event dated only "on Saturday" or "on November 10" in an article without a publication
date has no interval, but two such mentions still tell something: a Saturday and a
Thursday are two days, the same Saturday is a (weak) hint of one day. Only the fields
both values specify are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

_VALUE = re.compile(r"^(?P<year>\d{4}|XXXX)"
                    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?|-W(?P<week>\d{2}|XX)(?:-(?P<weekday>[1-7]))?)?"
                    r"(?:T.*)?$")


# reports of one event often name days one apart (time zones, "yesterday" read from the
# wrong day): only days further apart clash
NEAR_DAYS = 1


@dataclass(frozen=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None  # day of the month, only with a month
    weekday: int | None = None  # ISO weekday, 1 = Monday

    @property
    def day_level(self) -> bool:
        """Says which day (up to the unknown week, month or year)."""
        return self.weekday is not None or (self.month is not None and self.day is not None)


class DateFit(str, Enum):
    CLASH = "clash"  # a field both specify differs (days: by more than ``NEAR_DAYS``)
    SAME_DAY = "same_day"  # both name the same day (weekday, or month and day)
    NEUTRAL = "neutral"


def _num(s: str | None) -> int | None:
    return int(s) if s and s.isdigit() else None


def parse_partial(value: str | None) -> PartialDate | None:
    """The specified fields of a TIMEX3 date value; None for references (PAST_REF) and junk."""
    m = _VALUE.match(value or "")
    if not m:
        return None
    year, month = _num(m["year"]), _num(m["month"])
    day = _num(m["day"]) if month else None
    weekday = _num(m["weekday"])
    if year and month and day and weekday is None:
        try:
            weekday = date(year, month, day).isoweekday()
        except ValueError:
            return None
    d = PartialDate(year=year, month=month, day=day, weekday=weekday)
    return d if d != PartialDate() else None


def fit(a: str | None, b: str | None) -> DateFit:
    """How two date values of undated mentions bear on their being one event."""
    pa, pb = parse_partial(a), parse_partial(b)
    if pa is None or pb is None:
        return DateFit.NEUTRAL
    for x, y in ((pa.year, pb.year), (pa.month, pb.month)):
        if x is not None and y is not None and x != y:
            return DateFit.CLASH
    if pa.day is not None and pb.day is not None and abs(pa.day - pb.day) > NEAR_DAYS:
        return DateFit.CLASH
    if pa.weekday is not None and pb.weekday is not None:
        gap = abs(pa.weekday - pb.weekday)
        if min(gap, 7 - gap) > NEAR_DAYS:
            return DateFit.CLASH
    same_weekday = pa.weekday is not None and pa.weekday == pb.weekday
    same_month_day = pa.day is not None and pa.day == pb.day
    return DateFit.SAME_DAY if same_weekday or same_month_day else DateFit.NEUTRAL
