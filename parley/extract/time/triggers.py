"""Where to try the grammar: trigger words and the rules each one can start.

Running every rule's regex over the whole text costs a pass per rule. Instead one
cheap pass lists the words; a dictionary lookup says which carry a time (a month
name, a unit, "today", a four-digit year ...), and only the rules keyed to that class
are tried, anchored at the few word starts just before the trigger (where determiners
and modifiers like "the past", "about", "early" begin an expression).
"""

from __future__ import annotations

import re

from parley.extract.time import lexicon as lx

_WORD = re.compile(r"[^\W_]+")
LOOKBACK_CHARS = 50  # the longest prefix a rule puts before its trigger word
LOOKBACK_WORDS = 8


def _words(*phrases: str) -> set[str]:
    return {w for p in phrases for w in re.split(r"[^\w]+", p.lower()) if len(w) > 1}


TRIGGER_WORDS: dict[str, set[str]] = {
    "month": set(lx.MONTHS),
    "weekday": set(lx.WEEKDAYS) | {w + "s" for w in lx.WEEKDAYS if len(w) > 4},
    "unit": set(lx.UNITS) | {u + "s" for u in lx.UNITS} | {"centuries", "millennia", "weekends"},
    "deictic": {"today", "yesterday", "tomorrow", "tonight"},
    "part": set(lx.PARTS_OF_DAY) | {p + "s" for p in lx.PARTS_OF_DAY} | {"afternoon", "midmorning"},
    "season": set(lx.SEASONS) | {s + "s" for s in lx.SEASONS},
    "quarter": {"quarter", "quarters", "half", "period"},
    "holiday": _words(*lx.HOLIDAYS_FIXED, *lx.HOLIDAYS_NTH_WEEKDAY, "election", "easter", "good"),
    "freq": set(lx.FREQUENCY_WORDS),
    "ref": _words(*lx.REF_WORDS) | {"recent", "coming", "upcoming", "future", "past"},
    "decade": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
               "nineties", "century"},
    "year": {"nineteen", "thousand"},
    "misc": {"while", "time", "lengthy", "season", "seasons"},
    "clock": {"noon", "midnight", "midday"},
}
# function words that only trigger inside a phrase ("the past" is a ref, "past" alone too)
_STOP = {"a", "the", "new", "good", "day", "long", "short", "near", "present", "as", "possible",
         "term", "these", "in"}
for _cls in ("holiday", "ref"):
    TRIGGER_WORDS[_cls] -= {w for w in _STOP if w not in ("day", "present", "term")}

_CLASSES_OF: dict[str, tuple[str, ...]] = {}
for _cls, _ws in TRIGGER_WORDS.items():
    for _w in _ws:
        _CLASSES_OF[_w] = _CLASSES_OF.get(_w, ()) + (_cls,)

_CLOCK_AFTER = re.compile(r":\d\d|\s*[ap]\.?\s?m\b|\s*o'clock|\s+in\s+the\s+(?:morning|afternoon|evening)"
                          r"|\s+at\s+night", re.I)
_NUMERIC_AFTER = re.compile(r"/\d|-\d\d-\d\d")

# the trigger classes of each rule (grammar.RULES by name)
RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "date_month_day": ("month",), "date_day_month": ("month",), "month_year": ("month",),
    "month_rel_year": ("month",), "month": ("month",), "week_of": ("month",),
    "date_numeric_us": ("numeric",), "date_iso": ("numeric",), "quarter_numeric": ("numeric",),
    "weekday": ("weekday",), "set_weekdays": ("weekday",), "holiday": ("holiday",),
    "deictic_day": ("deictic",), "deictic_part": ("part",), "anaphoric_part": ("part",),
    "part_of_day": ("part",),
    "clock": ("clock",), "year": ("year",), "year_prefixed": ("year",), "year_end": ("unit",),
    "decade": ("decade",), "century": ("decade",), "season": ("season",),
    "quarter": ("quarter",), "quarter_adj": ("quarter",), "the_quarter": ("quarter",),
    "year_adj": ("unit",), "relative_unit": ("unit",), "relative_rel_unit": ("unit",),
    "the_unit": ("unit",), "offset": ("unit",), "offset_bare": ("unit",), "duration": ("unit",),
    "duration_adj": ("unit",), "duration_long": ("unit",), "duration_vague": ("unit",),
    "duration_span_vague": ("unit",), "duration_bare": ("unit",), "duration_while": ("misc",),
    "set_every": ("unit", "weekday", "month", "season", "part", "misc"), "set_freq": ("freq",),
    "set_times_a": ("unit",), "reference": ("ref", "unit"), "reference_years": ("ref",),
}


def grammar_words(templates: list[str]) -> frozenset[str]:
    """Every literal word the grammar can match: a match holds only these and digits, so
    looking back from a trigger can stop at the first word outside this set."""
    from parley.extract.time.grammar import expand

    words: set[str] = set()
    for t in templates:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", expand(t)))
    for ws in TRIGGER_WORDS.values():
        words.update(ws)
    words.update(("est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc"))  # [ECMP][SD]T
    return frozenset(words)


def classes_of(w: str, text: str, end: int) -> tuple[str, ...]:
    """Trigger classes of the lower-cased word ``w`` ending at ``end`` (digits are
    classed by their shape)."""
    found = _CLASSES_OF.get(w)
    if found is not None:
        return found
    if not w[0].isdigit():
        return ("numeric",) if len(w) == 2 and w[0] in "qh" and w[1] in "1234" else ()
    if w.isdigit():
        out: tuple[str, ...] = ()
        if len(w) == 4 and 1600 <= int(w) <= 2099:
            out = ("year", "numeric")
        elif len(w) <= 2:
            after = text[end:end + 24]
            if _CLOCK_AFTER.match(after):
                out = ("clock",)
            if _NUMERIC_AFTER.match(after):
                out += ("numeric",)
            if end > 0 and text[end - len(w) - 1:end - len(w)] == "'":
                out += ("year",)  # '98
        return out
    if re.fullmatch(r"\d{2,4}0s", w):
        return ("decade",)
    if re.fullmatch(r"[1-4]q", w):
        return ("numeric",)
    if re.fullmatch(r"\d{1,2}(?:am|pm)", w):
        return ("clock",)
    return ()


def trigger_starts(text: str, vocabulary: frozenset[str]) -> list[tuple[int, tuple[str, ...]]]:
    """(start, classes) for every word start at which some rule may begin: the trigger
    word itself and the grammar words ("the", "past", "three") right before it."""
    lower = text.lower()
    spans = [m.span() for m in _WORD.finditer(lower)]
    words = [lower[s:e] for s, e in spans]
    wanted: dict[int, set[str]] = {}
    for i, w in enumerate(words):
        if w not in _CLASSES_OF and not w[0].isdigit() and not (len(w) == 2 and w[0] in "qh"):
            continue
        classes = classes_of(w, text, spans[i][1])
        if not classes:
            continue
        t_start = spans[i][0]
        j = i
        while True:
            s = spans[j][0]
            wanted.setdefault(s, set()).update(classes)
            if s > 0 and text[s - 1] == "'":  # "'80s", "'98"
                wanted.setdefault(s - 1, set()).update(classes)
            j -= 1
            if j < 0 or i - j > LOOKBACK_WORDS or t_start - spans[j][0] > LOOKBACK_CHARS:
                break
            prev = words[j]
            if prev not in vocabulary and not prev[0].isdigit():
                break
    return [(s, tuple(sorted(c))) for s, c in sorted(wanted.items())]
