"""Normalisers for calendar expressions: explicit and underspecified dates, clock times,
decades, centuries, seasons and quarters.

Each normaliser takes the rule's groups and a ``Context`` (DCT, reference period, a lazy
tense lookup) and returns a ``Norm`` (value, type, mod, period) or None to reject the
match. Underspecified dates pick among candidate periods with ``pick``: the tense of the
governing verb decides the direction, otherwise the candidate nearest the DCT wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from parley.extract.time import calendar as cal
from parley.extract.time import lexicon as lx
from parley.extract.time.calendar import Period


@dataclass
class Norm:
    value: str | None
    type: str
    mod: str | None = None
    period: Period | None = None  # the calendar period, for intervals and as a reference
    part: str | None = None  # part-of-day code
    clock: tuple[int, int] | None = None
    anchor: str = "none"  # dct | ref | none
    is_reference: bool = True  # may later expressions anchor on it
    trim: int = 0  # characters to drop from the start of the match (a determiner of a noun)


@dataclass
class Context:
    dct: date | None
    reference: Period | None  # the last date the text mentioned (for anaphora)
    direction: Callable[..., str | None]  # past | future | present | None, from the tense
    before: str = ""  # text just before the match (a few dozen characters)
    after: str = ""  # text just after the match
    text: str = ""  # the matched text
    ref_close: bool = False  # the reference was mentioned just before (same paragraph, nearby)
    quarter_ref: Period | None = None  # the last quarter or half the text mentioned


def mod_of(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word.lower()).strip(" -")
    w = re.sub(r"^(the )?(very )?", "", w)
    if w.startswith(("early", "earlier", "beginning", "start", "dawn")):
        return "START"
    if w.startswith(("late", "later", "end", "close")):
        return "END"
    if w.startswith(("mid", "middle")):
        return "MID"
    if w.startswith("turn"):
        return "APPROX"
    return None


def pick(cands: list[Period], dct: date, direction: str | None, *, finished: bool = False) -> Period:
    """The candidate the tense points to: past -> the latest that began by the DCT (or had
    ended, if ``finished``), future -> the earliest not yet over, else the nearest."""
    cands = sorted(cands, key=lambda p: p.start)
    if direction == "past":
        ok = [p for p in cands if (p.end() <= dct + timedelta(days=1) if finished else p.start <= dct)]
        if ok:
            return ok[-1]
    if direction == "future":
        ok = [p for p in cands if p.end() > dct]
        if ok:
            return ok[0]

    def distance(p: Period) -> int:
        if p.start <= dct < p.end():
            return 0
        return min(abs((p.start - dct).days), abs((p.end() - timedelta(days=1) - dct).days))
    return min(cands, key=lambda p: (distance(p), p.start > dct))


def year_of_text(text: str, dct: date | None) -> int | None:
    t = text.lower().strip()
    if re.fullmatch(r"\d{4}", t):
        return int(t)
    if re.fullmatch(r"'\d\d", t):
        yy = int(t[1:])
        century = (dct.year // 100 * 100) if dct else 1900
        cands = [century - 100 + yy, century + yy, century + 100 + yy]
        ref = dct.year if dct else 1950
        return min(cands, key=lambda y: abs(y - ref))
    words = re.split(r"[\s-]+", t)
    if words[0] == "nineteen":
        return 1900 + sum(lx.NUMBER_WORDS.get(w, 0) for w in words[1:])
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(lx.NUMBER_WORDS.get(w, 0) for w in words[2:] if w != "and")
    return None


def month_of_text(text: str) -> int:
    return lx.MONTHS[text.lower().rstrip(".")]


def day_of_text(text: str) -> int:
    t = text.lower()
    if t in lx.ORDINALS:
        return lx.ORDINALS[t]
    return int(re.match(r"\d+", t).group())


def clock_of_text(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    t = text.lower()
    if "noon" in t or "midday" in t:
        return 12, 0
    if "midnight" in t:
        return 24, 0
    m = re.match(r"(\d{1,2})(?::(\d\d))?", t)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if re.search(r"p\.?\s?m|afternoon|evening|night", t) and h < 12:
        h += 12
    if re.search(r"a\.?\s?m", t) and h == 12:
        h = 0
    return (h, mi) if h <= 24 else None


def with_time(value: str, part: str | None, clock: tuple[int, int] | None) -> str:
    if clock is not None:
        return f"{value}T{clock[0]:02d}:{clock[1]:02d}"
    if part:
        return f"{value}T{part}"
    return value


def underspecified(mon: int | None = None, dayn: int | None = None, wd: int | None = None) -> str:
    if wd is not None and mon is None:
        return f"XXXX-WXX-{wd}"
    if dayn is not None:
        return f"XXXX-{mon:02d}-{dayn:02d}"
    return f"XXXX-{mon:02d}"


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
            p, anchor = _pick_day(cands, dct, ctx), "dct"
        else:
            return Norm(with_time(underspecified(mon, dayn), part, clock), ttype, mod)
        return Norm(with_time(p.value(), part, clock), ttype, mod, p, part, clock, anchor)

    if g.get("holiday"):
        if year:
            d = _holiday_date(g["holiday"], year)
            return Norm(d.isoformat(), "DATE", mod, cal.day(d)) if d else None
        if not dct:
            return Norm("XXXX-XX-XX", "DATE", mod)
        cands = [cal.day(d) for y in (dct.year - 1, dct.year, dct.year + 1)
                 if (d := _holiday_date(g["holiday"], y))]
        direction = {"last": "past", "next": "future"}.get(rel or "", None) or ctx.direction()
        if rel == "last":
            cands = [c for c in cands if c.start < dct] or cands
        p = pick(cands, dct, direction)
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
        elif rel in ("next", "this coming", "coming", "following"):
            p = [c for c in cands if c.start > dct][0]
        elif rel == "this":
            p = cands[1]
        else:
            p = _pick_month(cands, dct, ctx)
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
            direction = _cue_direction(ctx) or ctx.direction(strict=True)
        if direction == "open":
            direction = None
        p = pick(cands, dct, direction or "past")
        if direction in (None, "present") and len(cands) > 1:
            p = _nearest_weekday(cands, dct, direction)
        clock = clock or clock_of_text(g.get("clock2"))
        ttype = "TIME" if (part or clock) else "DATE"
        return Norm(with_time(p.value(), part, clock), ttype, mod, p, part, clock, "dct")

    if year:  # a year
        post = (g.get("post") or "").strip().lower()
        if post:
            mod = "ON_OR_AFTER"
        if g.get("yprefix"):
            mod = "AFTER" if g["yprefix"].lower() == "post" else "BEFORE"
        p = Period("Y", date(year, 1, 1))
        return Norm(p.value(), "DATE", mod, p)
    return None


_FUTURE_CUE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|starting|beginning|effective|"
                         r"(?:scheduled|set|slated|due|planned)\s+(?:for|on)|due)\s+(?:on\s+)?$", re.I)
_OPEN_CUE = re.compile(r"\b(?:through|until|till|by|before)\s+(?:early\s+|late\s+|mid-?)?$", re.I)
_SOON_DAYS = 45  # a day this close after the DCT is a scheduled one, whatever the tense
_JUST_PAST_DAYS = 7  # a future-tense day this close before the DCT is reporting lag
_PAST_MONTH_DAYS = 300  # without a tense, a bare month is the last one unless that is this old


_PAST_CUE = re.compile(r"\b(?:ended|since)\s+(?:early\s+|late\s+|mid-?)?$", re.I)


def _cue_direction(ctx: Context) -> str | None:
    """Words right before the date: "as early as Tuesday" looks ahead, "the year ended
    March 31" back; "until January", "by March" bound a span whose end may lie either
    side of the DCT ("open": only a future verb decides)."""
    if _FUTURE_CUE.search(ctx.before):
        return "future"
    if _PAST_CUE.search(ctx.before):
        return "past"
    if _OPEN_CUE.search(ctx.before):
        return "future" if ctx.direction() == "future" else "open"
    return None


def _pick_month(cands: list[Period], dct: date, ctx: Context) -> Period:
    direction = _cue_direction(ctx) or ctx.direction(strict=True)
    if direction in ("past", "future"):
        return pick(cands, dct, direction)
    if direction == "open":
        return pick(cands, dct, None)
    past = [c for c in cands if c.start <= dct]
    if past and (dct - past[-1].start).days <= _PAST_MONTH_DAYS:
        return past[-1]  # news mostly reports what happened
    return pick(cands, dct, None)


def _pick_day(cands: list[Period], dct: date, ctx: Context) -> Period:
    """A year-less day: the tense decides when the date hangs on a verb; a day a few
    weeks ahead reported in the past tense ("was extended to Nov. 20") is still ahead."""
    if len(cands) == 1:
        return cands[0]
    direction = _cue_direction(ctx) or ctx.direction(strict=True)
    p = pick(cands, dct, None if direction == "open" else direction)
    if direction == "past":
        ahead = [c for c in cands if c.start > dct and (c.start - dct).days <= _SOON_DAYS]
        if ahead and (dct - p.start).days > _SOON_DAYS * 2:
            p = ahead[0]
    if direction == "future":  # "by Jan. 14" written on Jan. 15: the deadline just passed
        just_past = [c for c in cands if c.start <= dct and (dct - c.start).days <= _JUST_PAST_DAYS]
        if just_past and (p.start - dct).days > _SOON_DAYS * 2:
            p = just_past[-1]
    return p


def _nearest_weekday(cands: list[Period], dct: date, direction: str | None) -> Period:
    """Without a past or future verb, news weekdays mostly refer to the past week: the
    last such day on or before the DCT; a present-tense verb points to the coming one."""
    past = [c for c in cands if c.start <= dct]
    future = [c for c in cands if c.start > dct]
    if direction == "present" and future and past[-1].start != dct:
        return future[0]  # "meets Monday": a present-tense schedule
    return past[-1] if past else future[0]


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


def clock_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    clock = clock_of_text(g.get("clock"))
    if clock is None:
        return None
    from parley.extract.time.resolve_relative import QMOD_OF
    mod = QMOD_OF(g.get("qmod"))
    if ctx.reference is not None and ctx.reference.gran == "D" and ctx.ref_close:
        p, anchor = ctx.reference, "ref"  # "shot at 10 p.m.": on the day the story is telling
    elif ctx.dct:
        p, anchor = cal.day(ctx.dct), "dct"
    else:
        return Norm(f"XXXX-XX-XXT{clock[0]:02d}:{clock[1]:02d}", "TIME", mod)
    return Norm(with_time(p.value(), None, clock), "TIME", mod, p, clock=clock, anchor=anchor)


def decade_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    t = g["decade"].lower().replace("the ", "").strip()
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
             "seventies": 7, "eighties": 8, "nineties": 9}
    if t in words:
        century = 19 if not ctx.dct or ctx.dct.year < 2000 + words[t] * 10 else 20
        start = century * 100 + words[t] * 10
    elif t.startswith("'"):
        yy = int(t[1:3])
        start = year_of_text(f"'{yy:02d}", ctx.dct) or 1900 + yy
    else:
        start = int(t[:4])
    p = Period("DE", date(start, 1, 1))
    return Norm(p.value(), "DATE", mod_of(g.get("modw")), p)


def century_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    t = g["cent"].lower()
    n = lx.ORDINALS.get(t) or int(re.match(r"\d+", t).group())
    if not 1 <= n <= 30:
        return None
    p = Period("CE", date((n - 1) * 100 if n > 1 else 1, 1, 1))
    return Norm(f"{n - 1:02d}", "DATE", mod_of(g.get("modw")), p)


def season_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    code = lx.SEASONS[g["season"].lower()]
    mod = mod_of(g.get("modw"))
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    dct = ctx.dct
    if g.get("year"):
        y = year_of_text(g["year"], dct)
        if y is None:
            return None
        p = cal.season(y, code)
        return Norm(p.value(), "DATE", mod, p)
    if code in ("FA", "SP") and not g.get("modw") and (
            rel == "" or (rel == "the" and re.match(r"\s+of\s+(?!\d)", ctx.after))):
        return None  # bare "fall"/"spring" are verbs or nouns; "the fall of Rome" is an event
    if not dct:
        return Norm(f"XXXX-{code}", "DATE", mod)
    cands = [cal.season(y, code) for y in (dct.year - 1, dct.year, dct.year + 1)]
    current = cal.season_of(dct)
    if rel in ("last", "this past", "past", "previous", "last year's"):
        p = [c for c in cands if c.start < current.start][-1]
        if rel == "last year's":
            p = cal.season(dct.year - 1, code)
    elif rel in ("next", "this coming", "coming", "next year's"):
        p = [c for c in cands if c.start > current.start][0]
    elif rel in ("this", "this year's"):
        p = cal.season(dct.year, code)
    else:
        p = pick(cands, dct, ctx.direction())
    return Norm(p.value(), "DATE", mod, p, anchor="dct")


_DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                 "the day before yesterday": -2, "the day after tomorrow": 2, "this": 0,
                 "last": -1, "early this": 0, "late last": -1,
                 # counted from the day last mentioned
                 "the next": 1, "the following": 1, "the previous": -1, "the same": 0}
_ANAPHORIC_DAYS = ("the next", "the following", "the previous", "the same")


def deictic_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    """today, yesterday morning, tonight, last night, this afternoon, 10 p.m. yesterday."""
    word = re.sub(r"\s+", " ", (g.get("deictic") or g.get("drel") or "").lower())
    offset = _DEICTIC_DAYS.get(word)
    if offset is None:
        return None
    part = lx.PARTS_OF_DAY.get(re.sub(r"\s+", " ", g["part"].lower())) if g.get("part") else None
    if word == "tonight":
        part = "NI"
    if word in ("last", "late last") and part != "NI":
        return None  # "last morning" is not a deictic day
    clock = clock_of_text(g.get("clock") or g.get("clock2"))
    mod = mod_of(g.get("modw")) or ("END" if word == "late last" else "START" if word == "early this" else None)
    if g.get("part") and re.match(r"mid", g["part"], re.I):
        mod = mod or "MID"
    ttype = "TIME" if (part or clock) else "DATE"
    base, anchor = ctx.dct, "dct"
    if word in _ANAPHORIC_DAYS and ctx.reference is not None and ctx.reference.gran == "D":
        base, anchor = ctx.reference.start, "ref"
    if base is None:
        return Norm(with_time("XXXX-XX-XX", part, clock), ttype, mod)
    p = cal.day(base + timedelta(days=offset))
    return Norm(with_time(p.value(), part, clock), ttype, mod, p, part, clock, anchor)


def year_end_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    """"year-end", "by year's end": the end of the DCT's year (of the last one if the
    verb is past), mod END."""
    if not ctx.dct:
        return Norm("XXXX", "DATE", "END")
    rel = (g.get("rel") or "").lower()
    year = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0)
    if not rel and ctx.direction() == "past" and re.search(r"\bsince\s+$", ctx.before, re.I):
        year -= 1
    p = Period("Y", date(year, 1, 1))
    return Norm(p.value(), "DATE", "END", p, anchor="dct")


def week_of_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    """"the week of March 6": the ISO week holding that day."""
    day_norm = calendar_norm({"mon": g["mon"], "day": g["day"], **({"year": g["year"]} if g.get("year") else {})}, ctx)
    if day_norm is None or day_norm.period is None:
        return None
    p = cal.week_of(day_norm.period.start)
    return Norm(p.value(), "DATE", None, p, anchor=day_norm.anchor)
