"""What a normaliser returns (``Norm``), what it sees (``Context``), and the small
parsers and choosers the normalisers share.

Underspecified dates pick among candidate periods with ``pick``: the tense of the
governing verb decides the direction, otherwise the candidate nearest the DCT wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

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
    trim_end: int = 0  # characters to drop from its end (a comparative: "a month [earlier] than")


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
    # the year whose first months a report has just summed up ("For the nine months, ...")
    year_to_date: Period | None = None
    # whether the governing verb is one of saying or making known (lazy: it needs the parse)
    reported: Callable[[], bool] = lambda: False
    # whether the governing verb is a future in the past ("would resume"; lazy: the parse)
    future_in_past: Callable[[], bool] = lambda: False


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
        return 1900 + int(sum(lx.NUMBER_WORDS.get(w, 0) for w in words[1:]))
    if words[:2] == ["two", "thousand"]:
        return 2000 + int(sum(lx.NUMBER_WORDS.get(w, 0) for w in words[2:] if w != "and"))
    return None


def matched(pattern: str, text: str) -> str:
    """What ``pattern`` finds in ``text``, which the grammar rule that fired guarantees."""
    m = re.search(pattern, text)
    if m is None:
        raise ValueError(f"{pattern!r} is not in {text!r}")
    return m.group()


def month_of_text(text: str) -> int:
    return lx.MONTHS[text.lower().rstrip(".")]


def day_of_text(text: str) -> int:
    t = text.lower()
    if t in lx.ORDINALS:
        return lx.ORDINALS[t]
    return int(matched(r"^\d+", t))


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


def quant_mod(word: str | None) -> str | None:
    """TIMEX3 mod of a quantity modifier: "about" APPROX, "more than" MORE_THAN ..."""
    if not word:
        return None
    return lx.QUANT_MODIFIERS.get(re.sub(r"\s+", " ", word.lower()))


def approx_trim(qmod: str | None, text: str) -> int:
    """Characters of a leading approximator ("about", "around") to leave outside the
    extent: it is the expression's mod (APPROX), not part of the time (TimeML)."""
    if not qmod or quant_mod(qmod) != "APPROX" or not text.lower().startswith(qmod.lower()):
        return 0
    return len(text) - len(text[len(qmod):].lstrip())


_UNKNOWN = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "H": "XXXX-HX",
            "S": "XXXX-XX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}


def unknown(gran: str) -> str:
    """The value of a period that needs an anchor nobody gave (no DCT): "XXXX-WXX"."""
    return _UNKNOWN.get(gran, "XXXX")
