"""Normalisers for relative and quantified expressions: quarters, "last week",
"two weeks earlier", durations, sets and PRESENT/PAST/FUTURE references.

Deictic expressions ("last week", "two years ago") count from the DCT; anaphoric ones
("two weeks earlier", "the following year", "a year-earlier quarter") count from the
reference period, the date the text last mentioned. A one-year shift of a reference
keeps the reference's granularity: in reporting, "a year earlier" after "the third
quarter" is the same quarter of the previous year.
"""

from __future__ import annotations

import re
from datetime import date

from parley.extract.time import calendar as cal
from parley.extract.time import lexicon as lx
from parley.extract.time.calendar import Period
from parley.extract.time.norm import (Context, Norm, approx_trim, matched, mod_of, month_of_text, quant_mod,
                                      unknown, year_of_text)

UNIT_GRAN = {"D": "D", "W": "W", "MO": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE",
             "F": "W", "WE": "W"}
_RATE_BEFORE = re.compile(
    r"(?:\$\s?[\d.,]+(?:\s*(?:million|billion|trillion))?|\d[\d.,]*\s*(?:%|percent|cents?|dollars?|"
    r"pounds?|yen|marks|francs|tons?|barrels|units|people|shares)|times|twice|once|\d[\d.,]*)\s*$", re.I)
_DURATION_CUE = re.compile(r"\b(?:for|in|over|within|after|than|took|takes|spent|spend|lasted|"
                           r"last|during|about|nearly|almost|some)\s*$", re.I)


# "one day" between a modal or a subject and its verb is "someday", not a length
# "earlier than planned": the offset is the size of a difference, not a point in time
_COMPARATIVE_AFTER = re.compile(r"\s+than\b", re.I)
_SOMEDAY_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|he|she|they|we|i|you|it)\s+$", re.I)


def unit_code(word: str) -> str | None:
    w = word.lower()
    if w == "centuries":
        return "CE"
    if w == "millennia":
        return "ML"
    if w not in lx.UNITS and w.endswith("s"):
        w = w[:-1]
    return lx.UNITS.get(w)


def number_of(text: str | None) -> float | None:
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.lower()).strip()
    if t in lx.NUMBER_WORDS:
        return float(lx.NUMBER_WORDS[t])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: 1/2)?", t)
    if m:
        return float(m.group(1)) + (0.5 if "1/2" in t else 0.0)
    half = t.endswith(" and a half")
    t = t.removesuffix(" and a half")
    parts = re.split(r"[\s-]+", t)
    if all(p in lx.NUMBER_WORDS for p in parts):
        return float(sum(lx.NUMBER_WORDS[p] for p in parts)) + (0.5 if half else 0.0)
    return None


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, PT5H, P2Y6M, PXM; fractions go to the next smaller unit."""
    if n is None:
        return "P" + lx.VAGUE_DURATION_LETTER[unit]
    letter, mult, is_time = lx.DURATION_UNIT[unit]
    n = n * mult
    whole = int(n)
    frac = n - whole
    # the next smaller unit for a fraction: (letter, how many, is a time-of-day unit)
    smaller = {("Y", False): ("M", 12, False), ("M", False): ("D", 30, False),
               ("W", False): ("D", 7, False), ("D", False): ("H", 24, True),
               ("Q", False): ("M", 3, False), ("H", True): ("M", 60, True),
               ("M", True): ("S", 60, True)}
    prefix = "PT" if is_time else "P"
    if frac and (letter, is_time) in smaller:
        l2, k, t2 = smaller[(letter, is_time)]
        part2 = f"{int(round(frac * k))}{l2}"
        if whole == 0:
            return ("PT" if t2 else "P") + part2
        if t2 and not is_time:
            return f"P{whole}{letter}T{part2}"
        return f"{prefix}{whole}{letter}{part2}"
    return f"{prefix}{whole}{letter}"


def _ref_or_dct(ctx: Context, gran: str) -> tuple[Period | None, str]:
    if ctx.reference is not None:
        return ctx.reference, "ref"
    if ctx.dct is not None:
        return cal.at_gran(ctx.dct, gran), "dct"
    return None, "none"


def _last_finished_quarter(dct: date) -> Period:
    return cal.shift(cal.quarter_of(dct), "Q", -1)


_YEAR_AGO = re.compile(r"year[\s-](?:earlier|ago)|prior[\s-]year|a\s+year\s+(?:ago|earlier)|last\s+year", re.I)
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
        "last": 2, "latter": 2}


def _quarter_year(g: dict[str, str], ctx: Context) -> tuple[int | None, bool]:
    """The year a quarter phrase names, and whether it means "a year before"."""
    text, dct = ctx.text.lower(), ctx.dct
    det = re.sub(r"\s+", " ", (g.get("det") or "").lower())
    year_word = g.get("year") or g.get("qyear")
    if not year_word and re.fullmatch(r"\d{4}'s", det):
        year_word = det[:4]
    year = year_of_text(year_word, dct) if year_word else None
    year_ago = bool(_YEAR_AGO.search(text))
    if dct is not None:
        for word, delta in (("last year's", -1), ("this year's", 0), ("next year's", 1)):
            if det == word:
                year, year_ago = dct.year + delta, False
        if g.get("yrel"):
            year, year_ago = dct.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()], False
    return year, year_ago


def quarter_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    """Fiscal quarters and halves. Year-less ones are the DCT's year (the previous one
    when a past verb speaks of a quarter not begun yet); "the quarter", "the latest
    period" are the quarter the text is reporting on; "year-ago" ones a year before."""
    dct = ctx.dct
    mod = mod_of(g.get("modw"))
    unit = (g.get("qunit") or "quarter").lower()
    year, year_ago = _quarter_year(g, ctx)
    qord = (g.get("qord") or "").lower()
    if qord:
        if qord[0] in "qh" or qord[-1] == "q":  # Q3, 3Q, H1
            n = int(matched(r"\d", qord))
            unit = "half" if qord[0] == "h" else "quarter"
        else:
            n = _ORD[qord]
        if qord in ("last", "latter") and unit != "half":
            return None
        if unit == "half" and n > 2:
            return None
        gran = "H" if unit == "half" else "Q"
        month = 1 + (n - 1) * (6 if gran == "H" else 3)
        if year is not None:
            p = Period(gran, date(year, month, 1))
            return Norm(p.value(), "DATE", mod, p)
        if not dct:
            return Norm(f"XXXX-{gran}{n}", "DATE", mod)
        p = Period(gran, date(dct.year, month, 1))
        if p.start > dct and ctx.direction() == "past":
            p = cal.shift(p, "Y", -1)
        if year_ago:
            p = cal.shift(p, "Y", -1)
        return Norm(p.value(), "DATE", mod, p, anchor="dct", is_reference=not year_ago)
    adjs = set(re.findall(r"latest|current|previous|past|prior|comparable|corresponding|same|just-ended|"
                          r"recent|fiscal", ctx.text.lower()))
    det = (g.get("det") or "").lower()
    if unit == "period" and not (adjs or year_ago or year):
        return None  # "the period" alone is too vague to be a quarter
    if det == "a" and not adjs:
        return None  # "a quarter of the vote"
    if not dct:
        return Norm("XXXX-QX", "DATE", mod)
    ref = ctx.quarter_ref
    last_done = cal.shift(cal.quarter_of(dct), "Q", -1)
    if g.get("qendmon") and ref is None and unit == "quarter" and year is None and not year_ago:
        # no (fiscal) quarter named before: the calendar quarter holding most of the three
        # months that end with that month
        end = month_of_text(g["qendmon"])
        mid = cal.add_months(date(dct.year, end, 1), -1)
        if cal.add_months(date(dct.year, end, 1), 1) > cal.add_months(dct, 1):
            mid = cal.add_months(mid, -12)  # a quarter ended months ahead: last year's
        p = cal.quarter_of(mid)
        return Norm(p.value(), "DATE", mod, p, anchor="dct")
    if "current" in adjs:
        p = cal.quarter_of(dct)
    elif det == "this":
        p = ref or cal.quarter_of(dct)
    elif adjs & {"previous", "prior", "past"} and not year_ago:
        p = cal.shift(ref or last_done, "Q", -1)
    elif adjs & {"latest", "just-ended", "recent"}:
        p = last_done
    else:
        p = ref or last_done
    if year is not None:
        if ctx.year_to_date is not None and unit == "period" and g.get("qyear"):
            p = Period("Y", date(year, 1, 1))  # "the 1988 period" after "the nine months"
        elif ref is None and g.get("qyear"):
            p = Period("Y", date(year, 1, 1))  # "the 1988 period" with no quarter in sight
        else:
            p = cal.at_gran(date(year, p.start.month, 1), p.gran) if p.gran != "S" else p
    elif year_ago:
        p = cal.shift(p, "Y", -1)
    return Norm(p.value(), "DATE", mod, p, anchor="ref" if ref else "dct",
                is_reference=not (year_ago or year is not None))


def year_ago_adj_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    """"year-earlier", "the year-ago quarter": the period reported on, a year before."""
    period = (g.get("period") or "").lower()
    if "months" in period:  # "the year-earlier nine months"
        n = number_of(period.split()[-2])
        return Norm(duration_value(n, "MO"), "DURATION", is_reference=False)
    # "the year-ago results": the determiner is the noun's, outside the expression
    det = re.match(r"the\s+", ctx.text, re.I) if not period else None
    trim = det.end() if det else 0
    if not ctx.dct:
        return Norm("XXXX", "DATE", is_reference=False, trim=trim)
    ref = ctx.year_to_date if ctx.year_to_date is not None and period != "quarter" else ctx.quarter_ref
    if ref is None and period == "quarter":
        ref = cal.shift(cal.quarter_of(ctx.dct), "Q", -1)
    if ref is None and ctx.reference is not None and ctx.ref_close:
        ref = ctx.reference
    if ref is None:
        ref = cal.year_of(ctx.dct)
    p = cal.shift(ref, "Y", -1)
    return Norm(p.value(), "DATE", None, p, anchor="ref", is_reference=False, trim=trim)


def _weekend(p: Period) -> str:
    return f"{p.value()}-WE"


_DEICTIC_STEP = {"this": 0, "current": 0, "last": -1, "past": -1, "this past": -1, "latest": -1,
                 "next": 1, "coming": 1, "this coming": 1}
_ANAPHORIC_STEP = {"previous": -1, "prior": -1, "following": 1, "same": 0, "that": 0, "the same": 0, "that same": 0}


def relative_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    """this week, last year, the next day, the following month, earlier this year, the year."""
    unit = unit_code(g["unit"])
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    det = (g.get("det") or "").lower()
    mod = mod_of(g.get("modw"))
    suffix = (g.get("suffix") or "").strip().lower()
    refw = re.sub(r"\s+", " ", (g.get("ref") or "").lower())
    if unit not in UNIT_GRAN or rel in ("first", "final"):
        return None
    gran = UNIT_GRAN[unit]
    if g.get("ended"):  # "the year ended Sept. 30": a fiscal year as a span of time
        return Norm(duration_value(1, unit), "DURATION", is_reference=False)
    if rel == "" and det == "the" and unit == "D" and not g.get("modw"):
        return None  # "the day": a stretch of a story, rarely a date
    if refw:  # "earlier this month", "later that day", "earlier in the year"
        mod = mod_of(rel)
        rel = {"in the": "the"}.get(refw, refw)
    if not rel:
        rel = "the"
    if det == "the" and rel in ("next", "coming"):
        rel = "following"  # "the next day" counts from the day last mentioned
    if suffix:
        rel = "previous" if suffix == "before" else "following"
    if rel in _DEICTIC_STEP or (rel == "the" and gran in ("Y", "DE", "CE")) or (rel == "the" and unit == "WE"):
        if not ctx.dct:
            return Norm(unknown(gran), "DATE", mod)
        if unit == "WE":
            base = _weekend_period(ctx, ctx.dct) if rel in ("this", "the") else cal.week_of(ctx.dct)
        else:
            base = cal.at_gran(ctx.dct, gran)
        p = cal.shift(base, gran, _DEICTIC_STEP.get(rel, 0))
        anchor = "dct"
    else:
        ref, anchor = _ref_or_dct(ctx, gran)
        if ref is None:
            return Norm(unknown(gran), "DATE", mod)
        base = ref
        if anchor == "ref" and cal.GRANS.index(base.gran) > cal.GRANS.index(gran):
            if ctx.dct is None:  # "the following day" after "the 1990s": no day to count from
                return Norm(unknown(gran), "DATE", mod)
            base, anchor = cal.at_gran(ctx.dct, gran), "dct"  # "the week" after "1998"
        p = cal.shift(cal.at_gran(base.start, gran), gran, _ANAPHORIC_STEP.get(rel, 0))
    value = _weekend(p) if unit == "WE" else p.value()
    return Norm(value, "DATE", mod, p, anchor=anchor)


def _weekend_period(ctx: Context, dct: date) -> Period:
    """The weekend meant without a qualifier: the coming one when the verb is future, the
    one just past otherwise (a Saturday or Sunday DCT is in its own weekend)."""
    week = cal.week_of(dct)
    if dct.isoweekday() >= 6:
        return week
    return cal.shift(week, "W", 1) if ctx.direction() == "future" else cal.shift(week, "W", -1)


def offset_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    """two weeks ago, a year earlier, three months from now. "ago" counts from the DCT,
    "earlier" from the date last mentioned; a year before a reported quarter is that
    quarter a year before ("up from $5 million a year ago"). A comparative ("a month
    earlier than planned") measures a difference: the duration alone, no date."""
    unit = unit_code(g["unit"])
    direction = re.sub(r"\s+", " ", g["dir"].lower())
    mod = quant_mod(g.get("qmod"))
    n = number_of(g.get("num"))
    sign = 1 if direction in ("from now", "hence") else -1
    if unit is None:
        return None
    if direction == "earlier" and _COMPARATIVE_AFTER.match(ctx.after):
        trim_end = len(ctx.text) - len(re.sub(r"\s+earlier$", "", ctx.text, flags=re.I))
        return Norm(duration_value(n, unit), "DURATION", mod, is_reference=False, trim_end=trim_end)
    if n is None:  # "several years ago", "years earlier"
        return Norm("PAST_REF" if sign < 0 else "FUTURE_REF", "DATE", mod, is_reference=False)
    if unit in ("H", "M", "S"):  # hours and minutes: the day it happened
        if not ctx.dct:
            return Norm("XXXX-XX-XX", "DATE", mod)
        p = cal.day(ctx.dct)
        return Norm(p.value(), "DATE", mod, p, anchor="dct")
    shift_unit, k = {"D": ("D", 1), "W": ("W", 1), "WE": ("W", 1), "F": ("W", 2), "MO": ("M", 1),
                     "Q": ("Q", 1), "Y": ("Y", 1), "DE": ("Y", 10), "CE": ("Y", 100)}.get(unit, ("Q", 1))
    steps = n * k
    if steps != int(steps):  # "a year and a half ago": count in months or days
        if shift_unit in ("Y", "Q", "M"):
            shift_unit, steps = "M", steps * {"Y": 12, "Q": 3, "M": 1}[shift_unit]
        else:
            shift_unit, steps = "D", steps * (7 if shift_unit == "W" else 1)
    steps = int(round(steps)) * sign
    gran = shift_unit
    anaphoric = direction == "earlier"
    reported = ctx.year_to_date or ctx.quarter_ref
    if shift_unit == "Y" and steps == -1 and reported is not None:
        base, anchor, gran = reported, "ref", reported.gran
    elif anaphoric and ctx.reference is not None and ctx.ref_close:
        base, anchor = ctx.reference, "ref"
        if shift_unit == "Y" and ctx.reference.gran in ("D", "W", "M", "Q", "H"):
            gran = ctx.reference.gran  # the same day / month a year before
    elif ctx.dct is not None:
        base, anchor = cal.day(ctx.dct), "dct"
    else:
        return Norm(unknown(gran), "DATE", mod)
    start = base.start if gran == base.gran else cal.at_gran(base.start, gran).start
    p = cal.shift(cal.at_gran(start, gran), shift_unit, steps)
    return Norm(p.value(), "DATE", mod, p, anchor=anchor, is_reference=anchor == "dct",
                trim=approx_trim(g.get("qmod"), ctx.text))


def duration_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    if g.get("vaguew"):
        return Norm("PXX", "DURATION", is_reference=False)
    unit = unit_code(g["unit"])
    if unit is None:
        return None
    span = (g.get("span") or "").lower()
    if re.fullmatch(r"one\s+day", ctx.text, re.I) and _SOMEDAY_BEFORE.search(ctx.before) \
            and re.match(r"\s+[a-z]", ctx.after):
        return Norm("FUTURE_REF", "DATE", is_reference=False)  # "will one day be": someday
    if g.get("vague") and span in ("past", "last") and g["unit"].lower().endswith("s"):
        # "the past several quarters", "the last few months": the recent past, not a length
        return Norm("PAST_REF", "DATE", is_reference=False)
    num_text = (g.get("num") or "").lower()
    if ctx.text.lower().endswith("-long") and not num_text:  # "day-long", "decades-long"
        plural = g["unit"].lower().endswith(("s", "ia"))
        return Norm(duration_value(None if plural else 1, unit), "DURATION", is_reference=False)
    if not num_text and not g.get("vague") and not g.get("span"):
        # bare "years", "the years": only as the object of a duration cue ("for years")
        if not _DURATION_CUE.search(ctx.before):
            return None
    if re.fullmatch(r"an?", num_text) and unit == "S" and not re.match(r"\s*(?:later|earlier|or)\b", ctx.after):
        return None  # "a second term"
    mod = quant_mod(g.get("qmod"))
    more = re.sub(r"\s+", " ", (g.get("more") or "").strip().lower())
    if more == "or so":
        mod = "APPROX"
    n = None if g.get("vague") or g.get("numto") or not num_text else number_of(num_text)
    if num_text and n is None and not g.get("numto"):
        return None
    if re.fullmatch(r"an?|per", num_text) and not g.get("det") and _RATE_BEFORE.search(ctx.before):
        return None  # "$5 a year", "24 hours a day": a rate, not annotated as a time in news
    if n is not None and n > 10000:
        return None
    if n is not None and more == "and a half":
        n += 0.5
    trim = approx_trim(g.get("qmod"), ctx.text)
    det = (g.get("det") or "").lower()
    if det in ("a", "an", "the") and n is not None and n > 1 and not g["unit"].lower().endswith("s"):
        trim = len(matched(r"^\w+\s+", ctx.text))  # "a six year term": the det is the noun's
    return Norm(duration_value(n, unit), "DURATION", mod, is_reference=False, trim=trim)


def set_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    if g.get("freq"):
        return Norm(lx.FREQUENCY_WORDS[g["freq"].lower()], "SET", is_reference=False)
    part = lx.PARTS_OF_DAY.get((g.get("part") or "").lower().rstrip("s"))
    wd = g.get("wd") or g.get("wd2")
    if wd:
        n = lx.WEEKDAYS[wd.lower().rstrip("s")] if wd.lower().rstrip("s") in lx.WEEKDAYS else lx.WEEKDAYS[wd.lower()]
        return Norm(f"XXXX-WXX-{n}" + (f"T{part}" if part else ""), "SET", is_reference=False)
    if g.get("mon"):
        return Norm(f"XXXX-{lx.MONTHS[g['mon'].lower().rstrip('.')]:02d}", "SET", is_reference=False)
    if g.get("season"):
        return Norm(f"XXXX-{lx.SEASONS[g['season'].lower()]}", "SET", is_reference=False)
    if g.get("dpart"):  # "every night": that part of every day
        code = lx.PARTS_OF_DAY.get(re.sub(r"\s+", " ", g["dpart"].lower()))
        return Norm(f"XXXX-XX-XXT{code}", "SET", is_reference=False) if code else None
    if g.get("yseason"):  # "each season" (of a league, a harvest): a period that comes once a year
        return Norm("P1Y", "SET", is_reference=False)
    unit = unit_code(g.get("unit") or g.get("unit2") or g.get("unit3") or "")
    if unit is None:
        return None
    if unit == "WE" and not g.get("num") and not g.get("other"):  # "every weekend"
        return Norm("XXXX-WXX-WE", "SET", is_reference=False)
    if g.get("vague"):  # "every few months"
        return Norm(duration_value(None, unit), "SET", is_reference=False)
    every = number_of(g.get("num")) or 1
    if (g.get("other") or "").lower() == "other":
        every *= 2
    return Norm(duration_value(every, unit), "SET", is_reference=False)


_REF_PHRASES = [
    (re.compile(r"recent|past|years\s+ago|the\s+time", re.I), "PAST_REF"),
    (re.compile(r"coming|upcoming|future", re.I), "FUTURE_REF"),
]


def reference_norm(g: dict[str, str], ctx: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", (g.get("refword") or "").lower())
    if word:
        return Norm(lx.REF_WORDS[word], "DATE", is_reference=False)
    phrase = g.get("refphrase") or ""
    for rx, value in _REF_PHRASES:
        if rx.search(phrase):
            return Norm(value, "DATE", is_reference=False)
    return None
