"""The temporal grammar as data: regex fragments built from the lexicon, and rules.

A rule is a regex template (``%NAME%`` expands to a fragment) with named groups, the
TIMEX3 type it usually yields, and the ``kind`` of normaliser that turns its groups into
a value (``tagger.NORMALISERS``). Group names may carry a digit suffix (``mon2``) so one
rule can spell a thing two ways; the normaliser sees them without the suffix. Extents
follow TimeML: determiners and temporal modifiers are inside, prepositions outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parley.extract.time import lexicon as lx


def _alt(words, *, boundary: bool = True) -> str:
    """Longest-first alternation of literal words (spaces match any whitespace)."""
    items = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)
    return f"(?:{body})" + (r"\b" if boundary else "")


def _names(words) -> str:
    """Capitalised or upper-case only: month and weekday names are proper nouns."""
    forms = []
    for w in words:
        forms += [w.capitalize(), w.upper()]
    return "(?-i:" + _alt(forms, boundary=False) + ")"


_MONTH_FULL = [m for m in lx.MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ABBR = [m for m in lx.MONTHS if m not in _MONTH_FULL]
_UNIT_SING = [u for u in lx.UNITS if u not in lx.SEASONS]
_NUM_SIMPLE = [w for w in lx.NUMBER_WORDS if " " not in w and w not in ("a", "an", "dozen", "thousand")]
_NUMW = _alt(_NUM_SIMPLE)
_TENS = _alt(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], boundary=False)
_ONES = _alt(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])

FRAGMENTS: dict[str, str] = {
    "MONTH": "(?:" + _names(_MONTH_FULL) + r"\b|" + _names(_MONTH_ABBR) + r"\b\.?)",
    "WD": _names([w for w in lx.WEEKDAYS if len(w) > 4]) + r"\b",
    "WDS": _names([w + "s" for w in lx.WEEKDAYS if len(w) > 4]) + r"\b",
    "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:/.,]\d)\b",
    "ORDDAY": _alt([w for w, n in lx.ORDINALS.items() if n > 0]),
    "YEAR": r"(?<![\d$£€.,#])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-(?:year|month|day))\b",
    "YEAR2": r"(?:'\d\d\b|(?<![\d$£€.,#-])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d))",
    "SPELLED_YEAR": r"(?:nineteen[\s-]+(?:" + _TENS + r"(?:[\s-]+" + _ONES + r")?|" + _ONES
                    + r")|two\s+thousand(?:\s+and\s+" + _ONES + r")?)(?!\s+(?:years|dollars|people|troops))",
    "NUM": r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|" + _TENS + r"(?:[\s-]+" + _ONES + r")?\b|" + _NUMW
           + r"(?:\s+and\s+a\s+half)?|a\s+couple\s+of|a\s+dozen|couple\s+of|dozens?\s+of|a\s+hundred|"
           r"a\s+thousand|hundreds\s+of|an?(?:\s+half)?(?=[\s-]))",
    "VAGUE": _alt(lx.VAGUE_QUANTITIES),
    "UNIT": _alt([u + s for u in _UNIT_SING for s in ("", "s")] + ["centuries", "millennia"]),
    "UNIT1": _alt(_UNIT_SING),
    "UNITP": _alt([u + "s" for u in _UNIT_SING] + ["centuries", "millennia"]),
    "PART": _alt(list(lx.PARTS_OF_DAY)),
    "SEASON": _alt(list(lx.SEASONS)),
    "ORDQ": r"(?:first|second|third|fourth|1st|2nd|3rd|4th)",
    "CLOCK": r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|o'clock\b)"
             r"|(?:[01]?\d|2[0-3]):[0-5]\d\b|noon\b|midnight\b|midday\b"
             r"|(?:[1-9]|1[0-2])\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night))"
             r"(?:\s+(?-i:[ECMP][SD]T|GMT|UTC)\b)?",
    "QMOD": _alt(list(lx.QUANT_MODIFIERS)),
    "MODW": r"(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid)|earlier|later|"
            r"the\s+(?:end|beginning|start|middle|close|turn)\s+of|mid)",
    "REL": r"(?:this\s+past|this\s+coming|this|last|next|past|coming|previous|following)",
    "HOLIDAY": _alt(list(lx.HOLIDAYS_FIXED) + list(lx.HOLIDAYS_NTH_WEEKDAY)
                    + ["election day", "easter", "easter sunday", "good friday"]),
    "FREQ": _alt(list(lx.FREQUENCY_WORDS)),
    "REFWORD": _alt(list(lx.REF_WORDS)),
}


def expand(template: str) -> str:
    out = re.sub(r"%(\w+)%", lambda m: FRAGMENTS[m.group(1)], template)
    if re.search(r"%[A-Z0-9]+%", out):  # an unknown fragment name left unexpanded
        raise ValueError(f"unexpanded fragment in {template}")
    return out


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # normaliser: see tagger.NORMALISERS
    type: str  # DATE | TIME | DURATION | SET (the normaliser may change it)
    template: str
    priority: int = 0  # breaks ties between equally long matches

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.template)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(template: str) -> re.Pattern[str]:
    if template not in _CACHE:
        _CACHE[template] = re.compile(r"(?<![\w-])(?:" + expand(template) + r")(?![\w])", re.I)
    return _CACHE[template]


# optional prefixes shared by day expressions
_MODP = r"(?:(?P<modw>%MODW%)(?:\s+|-))?"
_CLOCKP = r"(?:(?P<clock>%CLOCK%),?\s+(?:on\s+)?)?"
_PARTS = r"(?:\s+(?P<part>%PART%))?"

RULES: list[Rule] = [
    # --- explicit and underspecified calendar dates --------------------------------
    Rule("date_month_day", "calendar", "DATE",
         _MODP + _CLOCKP + r"(?:(?P<rel>last|this|next|this\s+coming|this\s+past)\s+)?"
         r"(?:(?P<wd>%WD%)(?:,\s*|\s+|(?P<paren>\s*\(\s*)))?"
         r"(?P<mon>%MONTH%)\s*(?P<day>%DAY%)(?:,?\s*(?P<year>%YEAR2%))?(?(paren)\s*\))" + _PARTS, 3),
    Rule("date_day_month", "calendar", "DATE",
         _MODP + _CLOCKP + r"(?:(?P<wd>%WD%)(?:,\s*|\s+|(?P<paren>\s*\(\s*)))?"
         r"(?:the\s+)?(?P<day>%DAY%|%ORDDAY%)(?:\s+of)?\s+(?P<mon>%MONTH%)(?:,?\s*(?P<year>%YEAR%))?"
         r"(?(paren)\s*\))" + _PARTS, 3),
    Rule("date_numeric_us", "numeric", "DATE",
         r"(?P<nmon>1[0-2]|0?[1-9])/(?P<nday>[12]\d|3[01]|0?[1-9])/(?P<nyear>\d\d\d\d|\d\d)", 2),
    Rule("date_iso", "numeric", "DATE",
         r"(?P<nyear>1[6-9]\d\d|20\d\d)-(?P<nmon>1[0-2]|0[1-9])-(?P<nday>[12]\d|3[01]|0[1-9])"
         r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d))?", 2),
    Rule("month_year", "calendar", "DATE",
         _MODP + r"(?P<mon>%MONTH%)(?:\s+of)?,?\s*(?P<year>%YEAR2%|%SPELLED_YEAR%)"),
    Rule("month_rel_year", "calendar", "DATE",
         _MODP + r"(?P<mon>%MONTH%)(?:\s+of)?\s+(?P<yrel>this|last|next)\s+year"),
    Rule("month", "calendar", "DATE", _MODP + r"(?:(?P<rel>%REL%)\s+)?(?P<mon>%MONTH%)"),
    Rule("weekday", "calendar", "DATE",
         _MODP + _CLOCKP + r"(?:(?P<rel>%REL%|the\s+previous|the\s+following)\s+)?(?P<wd>%WD%)" + _PARTS
         + r"(?:,?\s+(?P<clock2>%CLOCK%))?"),
    Rule("holiday", "calendar", "DATE",
         _MODP + r"(?:(?P<rel>%REL%)\s+)?(?-i:(?=[A-Z]))(?P<holiday>%HOLIDAY%)(?P<hweek>\s+week\b)?"
         r"(?:,?\s+(?P<year>%YEAR%))?"),
    Rule("deictic_day", "deictic", "DATE",
         _MODP + _CLOCKP + r"(?:(?P<part1>%PART%)\s+)?(?P<deictic>today|yesterday|tomorrow|tonight|"
         r"the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))" + _PARTS
         + r"(?:(?:,?\s+|\s+at\s+)(?P<clock2>%CLOCK%))?"),
    Rule("deictic_part", "deictic", "TIME",
         _MODP + r"(?P<drel>this|last|tomorrow|yesterday|early\s+this|late\s+last)\s+(?P<part>%PART%)"),
    Rule("anaphoric_part", "deictic", "TIME",
         r"(?P<drel>the\s+(?:next|following|previous|same))\s+(?P<part>%PART%)"),
    # "in the morning", "by mid afternoon": a part of the day the story is telling
    Rule("part_of_day", "deictic", "TIME",
         r"(?P<drel>the)\s+(?P<part>morning|afternoon|evening)"
         r"(?!\s+(?:of|paper|papers|news|edition|session|show|rush|shift)\b)"
         r"|(?P<modw>mid)[\s-]?(?P<part2>afternoon|morning)"),
    Rule("clock", "clock", "TIME", r"(?:(?P<qmod>%QMOD%)\s+)?(?P<clock>%CLOCK%)"),
    # --- years, decades, centuries ---------------------------------------------------
    Rule("year", "calendar", "DATE",
         _MODP + r"(?:(?P<fiscal>fiscal(?:\s+year)?|the\s+year|(?:the\s+)?(?:calendar|fiscal|model|school)\s+year)\s+)?"
         r"(?P<year>%YEAR%|%SPELLED_YEAR%)(?P<post>\s+(?:and\s+beyond|or\s+later))?"),
    Rule("year_prefixed", "calendar", "DATE", r"(?P<yprefix>post|pre)-(?P<year>%YEAR%)"),
    Rule("year_end", "year_end", "DATE",
         r"(?:(?P<rel>this|last|next)\s+)?(?P<yend>year[\s-]end|year's\s+end)"),
    Rule("decade", "decade", "DATE",
         _MODP + r"(?:the\s+)?(?P<decade>(?:1[6-9]|20)\d0'?s|'\d0s|(?:the\s+)?(?:twenties|thirties|forties|"
         r"fifties|sixties|seventies|eighties|nineties))"),
    Rule("century", "century", "DATE",
         _MODP + r"(?:the\s+)?(?P<cent>\d\d?(?:st|nd|rd|th)|%ORDDAY%)[\s-]+century"),
    # --- seasons, quarters, halves ---------------------------------------------------
    Rule("season", "season", "DATE",
         _MODP + r"(?:(?P<rel>%REL%|the|this\s+year's|last\s+year's|next\s+year's)\s+)?"
         r"(?P<season>%SEASON%)(?:(?:\s+of)?,?\s+(?P<year>%YEAR2%|%SPELLED_YEAR%))?"),
    # "the third quarter", "the fourth quarter of 1989", "the first half"
    Rule("quarter", "quarter", "DATE",
         _MODP + r"(?:(?P<det>the|this|that|a|last\s+year's|this\s+year's|next\s+year's|"
         r"(?:%YEAR%)'s)\s+)?(?:(?P<qadj>latest|current|previous|past|prior|comparable|corresponding|"
         r"year-earlier|year-ago|year\s+earlier|same|flat|fiscal|fiscal-|"
         r"(?P<qyear>%YEAR%))[\s-]*)*(?P<qord>%ORDQ%|last|latter)\s+(?P<qunit>quarter|half|period)"
         r"(?:\s+of\s+(?:fiscal\s+)?(?P<year>%YEAR%)|\s+(?P<yrel>last|this|next)\s+year)?", 1),
    # "third-quarter" as an adjective: the determiner belongs to the noun it modifies
    Rule("quarter_adj", "quarter", "DATE",
         r"(?:(?P<qadj>fiscal|(?P<qyear>%YEAR%))[\s-]+)?(?P<qord>%ORDQ%)-(?P<qunit>quarter|half)"),
    Rule("the_quarter", "quarter", "DATE",
         r"(?P<det>the|this|that|a|last\s+year's)\s+(?:(?P<qadj>latest|current|previous|past|prior|"
         r"comparable|corresponding|year-earlier|year-ago|same|just-ended|recent|fiscal)[\s-]+)*"
         r"(?:(?P<qyear>%YEAR%)\s+)?(?P<qunit>quarter|period)(?!-)"
         r"(?P<qago>\s+a\s+year\s+(?:ago|earlier)|\s+last\s+year)?"
         # "the quarter ended Sept. 30": the three months up to that day (outside the extent)
         r"(?=\s+(?:ended|ending)\s+(?P<qendmon>%MONTH%))?"),
    Rule("quarter_numeric", "quarter", "DATE",
         r"(?:(?P<qyear2>%YEAR%)\s+)?(?P<qord>Q[1-4]|[1-4]Q|H[12])(?:\s+(?P<year>%YEAR%))?"),
    Rule("year_adj", "year_ago_adj", "DATE",
         r"(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?P<yago>year-earlier|year-ago|year\s+earlier|"
         r"prior-year|year-before)(?:\s+(?P<period>period|quarter|(?:first\s+)?(?:nine|six|three)\s+months))?"),
    # --- relative to the DCT or a reference date -------------------------------------
    Rule("relative_unit", "relative", "DATE",
         _MODP + r"(?:(?P<det>the)\s+)?(?:(?P<rel2>this\s+past|this\s+coming|this|last|next|past|coming|current|"
         r"latest)|(?P<rel>previous|prior|following|same|that\s+same|that|first|final|the\s+same))\s+"
         r"(?:(?P<fiscal>fiscal|full|calendar)\s+)?(?P<unit>%UNIT1%)"
         # "the same day after": counted from the day last mentioned; "last week after the
         # vote" is last week, and "after" opens a clause of its own
         r"(?(rel2)|(?P<suffix>\s+(?:before|after)(?!\s+(?:the|a|an|his|her|its|their)\b))?)"),
    Rule("relative_rel_unit", "relative", "DATE",
         _MODP + r"(?P<rel>earlier|later)\s+(?P<ref>this|that|last|next|in\s+the)\s+(?P<unit>%UNIT1%)"),
    Rule("the_unit", "relative", "DATE",
         _MODP + r"(?P<det>the)\s+(?:(?P<fiscal>full|fiscal|calendar)\s+)?"
         r"(?P<unit>year|month|week|day|weekend|decade|century)"
         r"(?=(?P<ended>\s+(?:ended|ending|through|to\s+date)))?"),
    Rule("week_of", "week_of", "DATE",
         r"the\s+week\s+of\s+(?P<mon>%MONTH%)\s*(?P<day>%DAY%)(?:,?\s*(?P<year>%YEAR%))?"),
    Rule("offset", "offset", "DATE",
         r"(?:(?P<qmod>%QMOD%)\s+)?(?:(?P<num>%NUM%)|(?P<vague>%VAGUE%))[\s-]+(?P<unit>%UNIT%)"
         r"(?:\s+(?:or\s+so|and\s+a\s+half))?\s+(?P<dir>ago|earlier|back|from\s+now|hence)"),
    Rule("offset_bare", "offset", "DATE", r"(?P<unit>years|months|weeks|days|decades)\s+(?P<dir>ago|earlier)"),
    # --- durations --------------------------------------------------------------------
    Rule("duration", "duration", "DURATION",
         r"(?:(?P<det>the|a|an|each\s+of\s+the)\s+)?(?:(?P<span>past|last|next|first|final|coming|"
         r"previous|latest|recent|following|prior|additional|full|entire|whole|same|other|initial|"
         r"remaining|succeeding|preceding)\s+)?(?:(?P<qmod>%QMOD%)\s+)?(?P<num>%NUM%)"
         r"(?:\s+(?:to|or)\s+(?P<numto>%NUM%))?\s+(?:more\s+|additional\s+|full\s+|straight\s+|"
         r"consecutive\s+|trading\s+|business\s+|working\s+|calendar\s+)?(?P<unit>%UNIT%)"
         r"(?:\s+(?P<more>or\s+so|and\s+a\s+half))?(?!\s+old\b)"),
    Rule("duration_adj", "duration", "DURATION",
         r"(?:(?P<qmod>%QMOD%)\s+)?(?P<num>\d+(?:\.\d+)?|" + _TENS + r"(?:-" + _ONES + r")?|" + _NUMW
         + r"|half-a)-(?P<unit>%UNIT1%)(?:-long)?(?!-old)"),
    Rule("duration_long", "duration", "DURATION", r"(?P<unit>hour|day|week|month|year)-long"),
    Rule("duration_vague", "duration", "DURATION",
         r"(?:(?P<det>the)\s+)?(?:(?P<span>past|last|next|coming|recent|previous|following|first)\s+)?"
         r"(?P<vague>%VAGUE%)\s+(?P<unit>%UNITP%)"),
    Rule("duration_span_vague", "duration", "DURATION",
         r"(?:(?P<det>the)\s+)?(?P<span>past|last|next|coming|previous|following|first|early|recent|"
         r"final|latter)\s+(?P<unit>%UNITP%)"),
    Rule("duration_bare", "duration", "DURATION",
         r"(?:(?P<det>the)\s+)?(?P<unit>years|months|weeks|decades|centuries)(?P<suffix>-long)?"),
    Rule("duration_while", "duration", "DURATION",
         r"(?P<vaguew>a\s+while|some\s+time|a\s+short\s+time|a\s+(?:fairly\s+)?lengthy\s+period)"),
    # --- sets ---------------------------------------------------------------------------
    # "every two years", "every few months", "each spring", "every night", "each season"
    Rule("set_every", "set", "SET",
         r"(?P<quant>every|each|per)\s+(?:(?P<other>other|single|coming)\s+)?"
         r"(?:(?:(?P<num>%NUM%)|(?P<vague>few|several|couple\s+of))\s+)?"
         r"(?:(?P<unit>%UNIT%)|(?P<wd>%WD%)|(?P<mon>%MONTH%)|(?P<season>%SEASON%)|(?P<dpart>%PART%)"
         r"|(?P<yseason>seasons?))" + _PARTS),
    Rule("set_freq", "set", "SET", r"(?P<freq>%FREQ%)"),
    Rule("set_weekdays", "set", "SET", r"(?P<wd>%WDS%)|(?P<wd2>%WD%)\s+(?P<part>nights|mornings|evenings|afternoons)"),
    # "twice a year", "three times a week": a frequency by construction (beats the duration)
    Rule("set_times_a", "set", "SET", r"(?<=times\s)(?:a|an|per)\s+(?P<unit>%UNIT1%)"
         r"|(?<=twice\s)(?:a|an|per)\s+(?P<unit2>%UNIT1%)|(?<=once\s)(?:a|an|per)\s+(?P<unit3>%UNIT1%)", 1),
    # --- present / past / future references -------------------------------------------
    Rule("reference", "reference", "DATE", r"(?P<refword>%REFWORD%)"),
    # vague plural spans the news annotates as a past or future reference, not a duration
    Rule("reference_years", "reference", "DATE",
         r"(?P<refphrase>recent\s+years|past\s+years|future\s+(?:years|quarters))", 1),
]
