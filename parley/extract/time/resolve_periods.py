"""Normalisers for clock times, parts of days ("yesterday morning", "tonight"),
decades, centuries, seasons, "year-end" and "the week of ...".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from parley.extract.time import calendar as cal
from parley.extract.time import lexicon as lx
from parley.extract.time.calendar import Period
from parley.extract.time.norm import (Context, Norm, approx_trim, clock_of_text, matched, mod_of, pick,
                                      quant_mod, with_time, year_of_text)
from parley.extract.time.resolve import calendar_norm


def clock_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    clock = clock_of_text(g.get("clock"))
    if clock is None:
        return None
    mod = quant_mod(g.get("qmod"))
    if ctx.reference is not None and ctx.reference.gran == "D" and ctx.ref_close:
        p, anchor = ctx.reference, "ref"  # "shot at 10 p.m.": on the day the story is telling
    elif ctx.dct:
        p, anchor = cal.day(ctx.dct), "dct"
    else:
        return Norm(f"XXXX-XX-XXT{clock[0]:02d}:{clock[1]:02d}", "TIME", mod)
    return Norm(with_time(p.value(), None, clock), "TIME", mod, p, clock=clock, anchor=anchor,
                trim=approx_trim(g.get("qmod"), ctx.text))


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
    n = lx.ORDINALS.get(t) or int(matched(r"^\d+", t))
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
    # two years either side: a winter is dated by the year it starts or ends in, so the
    # season before (or after) the current one may lie outside the year either side
    cands = [cal.season(y, code) for y in range(dct.year - 2, dct.year + 3)]
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
                 "the next": 1, "the following": 1, "the previous": -1, "the same": 0, "the": 0}
_ANAPHORIC_DAYS = ("the next", "the following", "the previous", "the same", "the")


def deictic_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    """today, yesterday morning, tonight, last night, this afternoon, 10 p.m. yesterday."""
    word = re.sub(r"\s+", " ", (g.get("deictic") or g.get("drel") or "").lower())
    if not word and g.get("part"):
        word = "the"  # "by mid afternoon": of the day the story is telling
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
