"""Normalisers for calendar dates: explicit and underspecified days, months, weekdays,
holidays and years, and numeric dates.

Each normaliser takes the rule's groups and a ``Context`` (DCT, reference period, a lazy
tense lookup) and returns a ``Norm`` (value, type, mod, period) or None to reject the
match (an impossible date such as "February 30" is rejected, never guessed).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from parley.extract.time import calendar as cal
from parley.extract.time import lexicon as lx
from parley.extract.time.calendar import Period
from parley.extract.time.direction import cue_direction, nearest_weekday, pick_day, pick_month
from parley.extract.time.norm import (Context, Norm, clock_of_text, day_of_text, mod_of, month_of_text, pick,
                                      underspecified, with_time, year_of_text)


def _day_candidates(mon: int, dayn: int, dct: date) -> list[Period]:
    out = []
    for y in range(dct.year - 1, dct.year + 2):
        d = cal.valid_date(y, mon, dayn)
        if d:
            out.append(cal.day(d))
    if not out and mon == 2 and dayn == 29:  # a leap day: the nearest leap years
        for y in range(dct.year - 4, dct.year + 5):
            d = cal.valid_date(y, 2, 29)
            if d:
                out.append(cal.day(d))
    return out


def _weekday_candidates(wd: int, dct: date, rel: str | None) -> list[Period]:
    base = dct - timedelta(days=dct.isoweekday() - wd)  # that weekday in the DCT's week
    if rel in ("last", "this past", "past", "previous"):
        d = base if base < dct else base - timedelta(days=7)
        return [cal.day(d)]
    if rel in ("next", "this coming", "coming", "following"):
        d = base if base > dct else base + timedelta(days=7)
        return [cal.day(d)]
    return [cal.day(base + timedelta(days=7 * k)) for k in (-1, 0, 1)]


def _holiday_date(name: str, year: int) -> date | None:
    key = re.sub(r"\s+", " ", name.lower())
    if key in lx.HOLIDAYS_FIXED:
        return cal.valid_date(year, *lx.HOLIDAYS_FIXED[key])
    if key in lx.HOLIDAYS_NTH_WEEKDAY:
        return cal.nth_weekday(year, *lx.HOLIDAYS_NTH_WEEKDAY[key])
    if key == "election day":  # the Tuesday after the first Monday of November
        return cal.nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    if key in ("easter", "easter sunday", "good friday"):
        e = _easter(year)
        return e - timedelta(days=2) if key == "good friday" else e
    return None


def _easter(y: int) -> date:  # anonymous Gregorian algorithm
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, dayn = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month, dayn + 1)


def calendar_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    dct = ctx.dct
    mod = mod_of(g.get("modw"))
    part = lx.PARTS_OF_DAY.get(re.sub(r"\s+", " ", g["part"].lower())) if g.get("part") else None
    clock = clock_of_text(g.get("clock"))
    ttype = "TIME" if (part or clock) else "DATE"
    year = year_of_text(g["year"], dct) if g.get("year") else None
    if g.get("yrel") and dct:
        year = dct.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
    rel = re.sub(r"\s+", " ", g["rel"].lower()) if g.get("rel") else None
    wd = lx.WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
    mon = month_of_text(g["mon"]) if g.get("mon") else None

    if mon and g.get("day"):  # a day of a month
        dayn = day_of_text(g["day"])
        if not 1 <= dayn <= 31 or cal.valid_date(year or 2000, mon, dayn) is None:
            return None  # no such day: "February 30", "the 45th of ..."
        if year:
            d = cal.valid_date(year, mon, dayn)
            if d is None:
                return None
            p, anchor = cal.day(d), "none"
        elif dct:
            cands = _day_candidates(mon, dayn, dct)
            if wd:  # "Monday, Oct. 23": the weekday tells the year
                fitting = [c for c in cands if c.start.isoweekday() == wd]
                cands = fitting or cands
            p, anchor = pick_day(cands, dct, ctx), "dct"
        else:
            return Norm(with_time(underspecified(mon, dayn), part, clock), ttype, mod)
        return Norm(with_time(p.value(), part, clock), ttype, mod, p, part, clock, anchor)

    if g.get("holiday"):
        week = bool(g.get("hweek"))  # "Easter week": the week holding the holiday
        if year:
            d = _holiday_date(g["holiday"], year)
            if not d:
                return None
            p = cal.week_of(d) if week else cal.day(d)
            return Norm(p.value(), "DATE", mod, p)
        if not dct:
            fixed = lx.HOLIDAYS_FIXED.get(re.sub(r"\s+", " ", g["holiday"].lower()))
            if week:
                return Norm("XXXX-WXX", "DATE", mod)
            return Norm(underspecified(*fixed) if fixed else "XXXX-XX-XX", "DATE", mod)
        cands = [cal.day(d) for y in (dct.year - 1, dct.year, dct.year + 1)
                 if (d := _holiday_date(g["holiday"], y))]
        if rel in ("last", "next"):
            if rel == "last":
                cands = [c for c in cands if c.start < dct] or cands
            p = pick(cands, dct, {"last": "past", "next": "future"}[rel])
        else:  # like a year-less day: a holiday days ahead is the coming one, whatever the tense
            p = pick_day(cands, dct, ctx)
        if week:
            p = cal.week_of(p.start)
        return Norm(p.value(), "DATE", mod, p, anchor="dct")

    if mon:  # a month, with or without its year
        if year:
            p = Period("M", date(year, mon, 1))
            return Norm(p.value(), "DATE", mod, p)
        if not dct:
            return Norm(underspecified(mon), "DATE", mod)
        cands = [Period("M", date(y, mon, 1)) for y in (dct.year - 1, dct.year, dct.year + 1)]
        if rel in ("last", "this past", "past", "previous"):
            p = [c for c in cands if c.start < cal.month_of(dct).start][-1]
            if rel == "last" and cal.shift(p, "M", 1) == cal.month_of(dct):
                # the month just before this one would be "last month": "last February"
                # written in March is the February of the year before
                p = cal.shift(p, "Y", -1)
        elif rel in ("next", "this coming", "coming", "following"):
            p = [c for c in cands if c.start > dct][0]
        elif rel == "this":
            p = cands[1]
        else:
            p = pick_month(cands, dct, ctx)
        return Norm(p.value(), "DATE", mod, p, anchor="dct")

    if wd:  # a weekday
        if not dct:
            return Norm(with_time(underspecified(wd=wd), part, clock), ttype, mod)
        base_day = dct
        if rel in ("the previous", "the following"):  # counted from the day last mentioned
            if ctx.reference is not None and ctx.reference.gran == "D":
                base_day = ctx.reference.start
            rel = rel.removeprefix("the ")
        cands = _weekday_candidates(wd, base_day, rel)
        direction = None
        if len(cands) > 1:
            # "postponed until Tuesday": a weekday bounding a span lies ahead
            direction = cue_direction(ctx) or ctx.direction(strict=True)
        if direction == "open":
            direction = None
        p = pick(cands, dct, direction or "past")
        if direction in (None, "present") and len(cands) > 1:
            p = nearest_weekday(cands, dct, direction)
        anchor = "dct"
        ref = ctx.reference
        if direction == "future" and rel is None and ref is not None and ref.gran == "D" and ctx.ref_close \
                and ref.start < dct and ctx.future_in_past():
            # "said Tuesday that talks would resume Thursday": the first such day after the
            # past day the sentence tells of, not after the DCT
            p, anchor = cal.day(ref.start + timedelta(days=(wd - ref.start.isoweekday()) % 7 or 7)), "ref"
        clock = clock or clock_of_text(g.get("clock2"))
        ttype = "TIME" if (part or clock) else "DATE"
        return Norm(with_time(p.value(), part, clock), ttype, mod, p, part, clock, anchor)

    if year:  # a year
        post = (g.get("post") or "").strip().lower()
        if post:
            mod = "ON_OR_AFTER"
        if g.get("yprefix"):
            mod = "AFTER" if g["yprefix"].lower() == "post" else "BEFORE"
        p = Period("Y", date(year, 1, 1))
        return Norm(p.value(), "DATE", mod, p)
    return None


def numeric_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    y = int(g["nyear"])
    if y < 100:
        y = year_of_text(f"'{y:02d}", ctx.dct) or 1900 + y
    d = cal.valid_date(y, int(g["nmon"]), int(g["nday"]))
    if d is None:
        return None
    if g.get("hh"):
        clock = (int(g["hh"]), int(g["mm"]))
        return Norm(with_time(d.isoformat(), None, clock), "TIME", None, cal.day(d), clock=clock)
    return Norm(d.isoformat(), "DATE", None, cal.day(d))
