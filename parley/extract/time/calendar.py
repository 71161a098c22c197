"""Calendar periods at a granularity, their TIMEX3 values, intervals and arithmetic.

A ``Period`` is a calendar unit (a day, an ISO week, a month, a quarter, a season, a
year, a decade, a century) identified by its first day. Relative expressions are
computed by shifting periods; values and (earliest, latest) intervals are derived from
them, so "2025-W49" and "2025-12-05" compare as the intervals they denote.
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# granularities from finest to coarsest
GRANS = ("D", "W", "M", "S", "Q", "H", "Y", "DE", "CE")
# TIMEX3 seasons: SP = Mar-May, SU = Jun-Aug, FA = Sep-Nov, WI = Dec(Y)-Feb(Y+1)
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PART_OF_DAY_HOURS = {"MO": (6, 12), "MI": (11, 13), "AF": (12, 18), "EV": (18, 22), "NI": (20, 30)}


@dataclass(frozen=True)
class Period:
    gran: str  # one of GRANS
    start: date  # first day of the period
    season: str | None = None  # SP/SU/FA/WI for gran "S"

    @property
    def year(self) -> int:
        return self.start.year

    def value(self) -> str:
        y = self.start.year
        if self.gran == "D":
            return self.start.isoformat()
        if self.gran == "W":
            iy, iw, _ = self.start.isocalendar()
            return f"{iy:04d}-W{iw:02d}"
        if self.gran == "M":
            return f"{y:04d}-{self.start.month:02d}"
        if self.gran == "Q":
            return f"{y:04d}-Q{(self.start.month - 1) // 3 + 1}"
        if self.gran == "H":
            return f"{y:04d}-H{1 if self.start.month < 7 else 2}"
        if self.gran == "S":
            return f"{y:04d}-{self.season}"
        if self.gran == "Y":
            return f"{y:04d}"
        if self.gran == "DE":
            return f"{y // 10:03d}"
        if self.gran == "CE":
            return f"{y // 100:02d}"
        raise ValueError(self.gran)

    def end(self) -> date:
        """First day after the period."""
        s = self.start
        if self.gran == "D":
            return s + timedelta(days=1)
        if self.gran == "W":
            return s + timedelta(days=7)
        months = {"M": 1, "S": 3, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}[self.gran]
        return add_months(s, months)


def add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def add_years(d: date, years: int) -> date:
    y = d.year + years
    # 29 February shifted to a common year becomes 28 February
    return date(y, d.month, min(d.day, _cal.monthrange(y, d.month)[1]))


def day(d: date) -> Period:
    return Period("D", d)


def week_of(d: date) -> Period:
    return Period("W", d - timedelta(days=d.isoweekday() - 1))


def month_of(d: date) -> Period:
    return Period("M", d.replace(day=1))


def quarter_of(d: date) -> Period:
    return Period("Q", date(d.year, 3 * ((d.month - 1) // 3) + 1, 1))


def half_of(d: date) -> Period:
    return Period("H", date(d.year, 1 if d.month < 7 else 7, 1))


def year_of(d: date) -> Period:
    return Period("Y", date(d.year, 1, 1))


def season_of(d: date) -> Period:
    m = d.month
    if m in (12, 1, 2):
        y = d.year if m == 12 else d.year - 1
        return Period("S", date(y, 12, 1), "WI")
    code = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")
    return Period("S", date(d.year, SEASON_START_MONTH[code], 1), code)


def season(year: int, code: str) -> Period:
    return Period("S", date(year, SEASON_START_MONTH[code], 1), code)


def decade_of(d: date) -> Period:
    return Period("DE", date(d.year - d.year % 10, 1, 1))


def century_of(d: date) -> Period:
    return Period("CE", date(d.year - d.year % 100, 1, 1))


def at_gran(d: date, gran: str) -> Period:
    """The period of granularity ``gran`` containing the day ``d``."""
    return {
        "D": day, "W": week_of, "M": month_of, "Q": quarter_of, "H": half_of, "S": season_of,
        "Y": year_of, "DE": decade_of, "CE": century_of,
    }[gran](d)


def shift(p: Period, unit: str, n: int) -> Period:
    """``p`` moved by ``n`` units (D W M Q H S Y DE CE), keeping ``p``'s granularity."""
    s = p.start
    if unit == "D":
        moved = s + timedelta(days=n)
    elif unit == "W":
        moved = s + timedelta(days=7 * n)
    elif unit in ("M", "Q", "H", "S", "Y", "DE", "CE"):
        months = {"M": 1, "Q": 3, "S": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}[unit]
        moved = add_months(s, n * months) if unit != "Y" else add_years(s, n)
    else:
        raise ValueError(unit)
    if p.gran == "S":  # a season moved by years stays that season
        return season(moved.year, p.season or "SU") if unit in ("Y", "DE", "CE") else season_of(moved)
    return at_gran(moved, p.gran)


def finer_or_equal(a: str, b: str) -> bool:
    return GRANS.index(a) <= GRANS.index(b)


def valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ISO ``weekday`` of a month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=offset + 7 * (n - 1))
    last = date(year, month, _cal.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


# ---- intervals of values --------------------------------------------------------------

def _iso(d: date, hour: int = 0, minute: int = 0) -> str:
    return (datetime(d.year, d.month, d.day) + timedelta(hours=hour, minutes=minute)).isoformat()


def narrow(start: date, end: date, mod: str | None) -> tuple[date, date]:
    """START/MID/END take the first, middle or last third of an interval."""
    if mod not in ("START", "MID", "END"):
        return start, end
    third = max((end - start).days // 3, 1)
    if mod == "START":
        return start, start + timedelta(days=third)
    if mod == "END":
        return end - timedelta(days=third), end
    return start + timedelta(days=third), end - timedelta(days=third)


def interval(p: Period, mod: str | None = None, part_of_day: str | None = None,
             clock: tuple[int, int] | None = None) -> tuple[str, str]:
    """(earliest, latest) ISO datetimes of a period; latest is exclusive."""
    if p.gran == "D" and clock is not None:
        h, m = clock
        return _iso(p.start, h, m), _iso(p.start, h, m + 1)
    if p.gran == "D" and part_of_day in PART_OF_DAY_HOURS:
        h0, h1 = PART_OF_DAY_HOURS[part_of_day]
        return _iso(p.start, h0), _iso(p.start, h1)
    start, end = narrow(p.start, p.end(), mod)
    return _iso(start), _iso(end)
