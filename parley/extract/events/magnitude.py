"""Magnitudes: counts with units and approximation ("hundreds of drones", "around 50
missiles", "5.1 million dollars") and casualties ("killing 20 people")."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from parley.records import Magnitude

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12,
}
VAGUE_COUNTS = frozenset({"hundreds", "thousands", "dozens", "scores", "millions", "tens", "several",
                          "many", "numerous", "dozen", "hundred", "thousand", "billions"})
APPROX_WORDS = frozenset({"around", "about", "nearly", "some", "approximately", "roughly", "almost",
                          "up", "over", "more", "least", "than", "estimated", "an", "as", "many",
                          "close", "upwards", "under", "fewer", "less", "~", "circa"})
KILL_VERBS = {"kill": "killed", "wound": "injured", "injure": "injured", "massacre": "killed",
              "die": "killed", "hurt": "injured"}
NOT_UNITS = frozenset({"year", "years", "month", "months", "day", "days", "hour", "hours", "percent",
                       "%", "time", "times", "week", "weeks", "minute", "minutes", "am", "pm"})


def parse_number(tok: Token) -> float | None:
    text = tok.text.lower().replace(",", "")
    value: float | None = None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        value = float(text)
    elif text in WORD_NUMBERS:
        value = float(WORD_NUMBERS[text])
    if value is None:
        return None
    for ch in tok.children:  # "2.5 million": the scale word hangs on the number or above it
        if ch.dep_ in ("compound", "quantmod", "nummod") and ch.lower_ in ("million", "billion", "thousand"):
            value *= WORD_NUMBERS[ch.lower_]
    if tok.head.lower_ in ("million", "billion", "thousand") and tok.head is not tok:
        value *= WORD_NUMBERS[tok.head.lower_]
    return value


def _approximate(num: Token) -> bool:
    words = {c.lower_ for c in num.children if c.dep_ in ("advmod", "quantmod", "amod", "det", "prep", "cc")}
    if num.i > 0:
        words.add(num.doc[num.i - 1].lower_)
    return bool(words & APPROX_WORDS)


def _is_number(tok: Token) -> bool:
    return tok.like_num and tok.ent_type_ not in ("DATE", "TIME", "PERCENT", "ORDINAL")


def quantities(root: Token) -> list[Magnitude]:
    """Counted nouns in the phrase headed by ``root`` and its conjuncts."""
    out: list[Magnitude] = []
    for tok in root.subtree:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ in NOT_UNITS:
            continue
        if tok.lower_ in VAGUE_COUNTS:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    unit = next((g for g in prep.children if g.dep_ == "pobj"), None)
                    if unit is not None:
                        out.append(Magnitude(unit=unit.text.lower(), count_text=tok.text.lower(), approximate=True))
            continue
        for num in tok.children:
            if num.dep_ == "nummod" and _is_number(num):
                value = parse_number(num)
                if value is not None:
                    out.append(Magnitude(unit=tok.text.lower(), count=value,
                                         count_text=" ".join(t.text for t in num.subtree),
                                         approximate=_approximate(num)))
    return out


def casualties(sent: Span) -> list[Magnitude]:
    """People killed or injured: "killing 20 people", "three soldiers were wounded"."""
    out: list[Magnitude] = []
    for tok in sent:
        kind = KILL_VERBS.get(tok.lemma_.lower()) if tok.pos_ == "VERB" else None
        if kind is None:
            continue
        for ch in tok.children:
            if ch.dep_ in ("dobj", "nsubjpass", "nsubj") and not (ch.dep_ == "nsubj" and tok.lemma_ != "die"):
                for m in quantities(ch):
                    out.append(Magnitude(unit=m.unit, count=m.count, count_text=m.count_text,
                                         approximate=m.approximate, kind=kind))
                if _is_number(ch):  # "killing 12"
                    value = parse_number(ch)
                    if value is not None:
                        out.append(Magnitude(unit="people", count=value, count_text=ch.text,
                                             approximate=_approximate(ch), kind=kind))
    return out
