"""Words the temporal grammar is built from, as data: names, numbers, units, parts of day.

Every table maps the lower-cased surface form to what it means; ``grammar.py`` turns
the keys into regex alternations and ``resolve.py`` looks the meanings up again.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

# ISO weekday numbers (Monday = 1)
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5,
    "sat": 6, "sun": 7,
}

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

# TIMEX3 part-of-day codes
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "MI", "mid-afternoon": "AF", "mid afternoon": "AF",
    "mid-morning": "MO",
}

UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
    "weekend": "WE", "fortnight": "F", "month": "MO", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "millennium": "ML", "summer": "SU", "winter": "WI",
    "spring": "SP", "fall": "FA", "autumn": "FA",
}

# how a unit is written in a TIMEX3 duration value, and how many of the base unit it is
DURATION_UNIT: dict[str, tuple[str, int, bool]] = {
    # unit code -> (letter, multiplier, is_time_part)
    "S": ("S", 1, True), "M": ("M", 1, True), "H": ("H", 1, True),
    "D": ("D", 1, False), "W": ("W", 1, False), "WE": ("D", 2, False), "F": ("W", 2, False),
    "MO": ("M", 1, False), "Q": ("Q", 1, False), "Y": ("Y", 1, False),
    "DE": ("Y", 10, False), "CE": ("Y", 100, False), "ML": ("Y", 1000, False),
    "SU": ("M", 3, False), "WI": ("M", 3, False), "SP": ("M", 3, False), "FA": ("M", 3, False),
}

# vague durations ("years", "a few weeks") use X in place of the number
VAGUE_DURATION_LETTER: dict[str, str] = {
    "S": "TXS", "M": "TXM", "H": "TXH", "D": "XD", "W": "XW", "WE": "XWE", "F": "XW",
    "MO": "XM", "Q": "XQ", "Y": "XY", "DE": "XY", "CE": "XC", "ML": "XL",
    "SU": "XM", "WI": "XM", "SP": "XM", "FA": "XM",
}

NUMBER_WORDS: dict[str, float] = {  # "half a": 0.5
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a thousand": 1000, "thousand": 1000, "a": 1, "an": 1, "a single": 1, "a couple of": 2,
    "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
    "one and a half": 1.5, "a year and a half": 1.5,
}

# words standing for an unknown number ("several years" -> PXY)
VAGUE_QUANTITIES = ("a few", "few", "several", "some", "many", "a number of", "numerous",
                    "the next few", "a couple more")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28,
    "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31, "last": -1,
}

# fixed-date holidays: month, day
HOLIDAYS_FIXED: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25),
    "christmas day": (12, 25), "christmas eve": (12, 24), "independence day": (7, 4),
    "valentine's day": (2, 14), "halloween": (10, 31), "veterans day": (11, 11),
    "boxing day": (12, 26), "bastille day": (7, 14), "may day": (5, 1),
}

# holidays defined as the n-th weekday of a month: month, ISO weekday, n (-1 = last)
HOLIDAYS_NTH_WEEKDAY: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3),
    "presidents' day": (2, 1, 3), "columbus day": (10, 1, 2),
}

# words that refer to the present, past or future without a date
REF_WORDS: dict[str, str] = {
    # "soon", "previously", "once", "earlier", "later" and bare "future"/"recent" are left
    # out: in news they are mostly not annotated as times (they modify events, not dates)
    "now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "then current": "PAST_REF", "then-current": "PAST_REF",  # current at a past time
    "at present": "PRESENT_REF", "just now": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "the longer term": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
}

# temporal modifiers in front of an expression -> TIMEX3 mod
MODIFIERS: dict[str, str] = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "beginning of": "START", "start of": "START", "the early": "START", "the dawn of": "START",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "middle of": "MID", "the mid": "MID",
    "late": "END", "the late": "END", "later": "END", "the end of": "END", "end of": "END",
    "the close of": "END", "the last half of": "END", "the latter part of": "END",
    "the second half of": "END",
}

# quantity modifiers of durations and offsets -> TIMEX3 mod
QUANT_MODIFIERS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS",
    "close to": "EQUAL_OR_LESS", "just under": "LESS_THAN", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}  # "within" is a preposition: outside the extent (TimeML)

# set frequencies: adverb -> (value, quant)
FREQUENCY_WORDS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "biweekly": "P2W", "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P3M",
    "annually": "P1Y", "yearly": "P1Y", "semiannually": "P6M", "semi-annually": "P6M",
    "biannually": "P6M",
}

# verbs of saying and making known: what they report may lie ahead of the reporting
# ("told oil companies of a cutback in September", said in August), while a date on any
# other past-tense verb is when that past event happened ("seized the town in October")
REPORTING_VERBS: tuple[str, ...] = (
    "say", "tell", "announce", "report", "talk", "disclose", "notify", "inform", "predict",
    "forecast", "warn", "unveil", "propose", "confirm", "reveal", "signal", "indicate", "discuss",
)
