"""Which way a year-less date points: cue words, the verb's tense, and plausibility
windows around the DCT (a day weeks ahead reported in the past tense is still ahead).
"""

from __future__ import annotations

import re
from datetime import date

from parley.extract.time.calendar import Period
from parley.extract.time.norm import Context, pick


_FUTURE_CUE = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|starting|beginning|effective|"
                         r"(?:scheduled|slated|due|planned)\s+(?:for|on)|set\s+for|due)\s+(?:on\s+)?$", re.I)
_OPEN_CUE = re.compile(r"\b(?:through|until|till|by|before)\s+(?:early\s+|late\s+|mid-?)?$", re.I)
_SOON_DAYS = 45  # a day this close after the DCT is a scheduled one, whatever the tense
_JUST_PAST_DAYS = 7  # a future-tense day this close before the DCT is reporting lag
_NEXT_MONTH_DAYS = 31  # a month starting this soon is the one meant, whatever the tense
_PAST_MONTH_DAYS = 300  # without a tense, a bare month is the last one unless that is this old


_PAST_CUE = re.compile(r"\b(?:ended|since)\s+(?:early\s+|late\s+|mid-?)?$"
                       # "since returning to office in January": the clause of "since" is over
                       r"|\bsince\s+(?:\w+ing|the|his|her|its|their)\b[^.;:,!?]{0,40}\b(?:in|on)\s+$", re.I)
# "postponed until Tuesday", "has given them until 9 a.m. Tuesday": a delay or a grace
# period ends after the moment it is granted, so the day lies ahead
_DEFERRAL_CUE = re.compile(r"\b(?:postpon|delay|extend|adjourn|defer|put\s+off|push(?:ed|es)?\s+back|"
                           r"recess|give|gave|given|grant)\w*\b[^.;:!?]{0,50}?\b(?:until|till)\s+$", re.I)


def cue_direction(ctx: Context) -> str | None:
    """Words right before the date: "as early as Tuesday" looks ahead, "the year ended
    March 31" back; "until January", "by March" bound a span whose end may lie either
    side of the DCT ("open": only a future verb decides)."""
    if _FUTURE_CUE.search(ctx.before) or _DEFERRAL_CUE.search(ctx.before):
        return "future"
    if _PAST_CUE.search(ctx.before):
        return "past"
    if _OPEN_CUE.search(ctx.before):
        return "future" if ctx.direction() == "future" else "open"
    return None


def pick_month(cands: list[Period], dct: date, ctx: Context) -> Period:
    cue = cue_direction(ctx)
    direction = cue or ctx.direction(strict=True)
    if direction == "past":
        # "announced a cutback in September" in mid-August: what a verb of saying reports
        # may be the month about to begin, not last year's, which would be named with its
        # year; but "seized the town in October" in September is last October, "took
        # office in January" in December this year's January (and a cue such as "since"
        # is firmer than the tense)
        coming = [c for c in cands if dct < c.start and (c.start - dct).days <= _NEXT_MONTH_DAYS
                  and c.start.year == dct.year]
        return coming[0] if coming and cue is None and ctx.reported() else pick(cands, dct, direction)
    if direction == "future":
        return pick(cands, dct, direction)
    if direction == "open":
        return pick(cands, dct, None)
    past = [c for c in cands if c.start <= dct]
    if past and (dct - past[-1].start).days <= _PAST_MONTH_DAYS:
        return past[-1]  # news mostly reports what happened
    return pick(cands, dct, None)


def pick_day(cands: list[Period], dct: date, ctx: Context) -> Period:
    """A year-less day: the tense decides when the date hangs on a verb; a day a few
    weeks ahead reported in the past tense ("was extended to Nov. 20") is still ahead."""
    if len(cands) == 1:
        return cands[0]
    direction = cue_direction(ctx) or ctx.direction(strict=True)
    p = pick(cands, dct, None if direction == "open" else direction)
    if direction == "past":
        ahead = [c for c in cands if c.start > dct and (c.start - dct).days <= _SOON_DAYS]
        if ahead and (dct - p.start).days > _SOON_DAYS * 2:
            p = ahead[0]
    if direction is None and p.start > dct and (p.start - dct).days > _SOON_DAYS * 2:
        # no tense to go by ("the Oct. 23 slaying"): news reports what happened, and a day
        # months ahead would be given with its year
        past = [c for c in cands if c.start <= dct and (dct - c.start).days <= _PAST_MONTH_DAYS]
        if past:
            p = past[-1]
    if direction == "future":  # "by Jan. 14" written on Jan. 15: the deadline just passed
        just_past = [c for c in cands if c.start <= dct and (dct - c.start).days <= _JUST_PAST_DAYS]
        if just_past and (p.start - dct).days > _SOON_DAYS * 2:
            p = just_past[-1]
    return p


def nearest_weekday(cands: list[Period], dct: date, direction: str | None) -> Period:
    """Without a past or future verb, news weekdays mostly refer to the past week: the
    last such day on or before the DCT; a present-tense verb points to the coming one."""
    past = [c for c in cands if c.start <= dct]
    future = [c for c in cands if c.start > dct]
    if direction == "present" and future and past[-1].start != dct:
        return future[0]  # "meets Monday": a present-tense schedule
    return past[-1] if past else future[0]
