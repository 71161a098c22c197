"""Name variants of one actor: the same person written as "Steve Witkoff", "Witkoff",
"Steven Witkoff", "S. Witkoff" or "Mr Witkoff", transliterations such as Zelensky /
Zelenskyy / Selenskyj, and organisations written out or as acronyms.

Names are compared as ASCII (``anyascii``: "Zelenskyy" and "Зеленський" meet), lower case,
without titles; surnames by edit similarity (``rapidfuzz``), given names by equality,
initial, nickname-style prefix or similarity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

TITLES = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "madam", "mme", "m",
                    "herr", "frau", "president", "vice", "prime", "minister", "deputy", "foreign", "defence",
                    "defense", "interior", "finance", "secretary", "state", "general", "gen", "lt", "col",
                    "colonel", "major", "maj", "admiral", "adm", "captain", "capt", "commander", "cmdr", "sgt",
                    "sergeant", "ambassador", "envoy", "special", "spokesman", "spokeswoman", "spokesperson",
                    "chancellor", "king", "queen", "prince", "princess", "sheikh", "emir", "senator", "sen", "rep",
                    "representative", "governor", "gov", "mayor", "chief", "justice", "judge", "pope", "cardinal",
                    "rev", "father", "imam", "ayatollah", "chairman", "chairwoman", "chair", "premier", "leader",
                    "the"])
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "al", "el", "bin", "ibn", "ben"})
ORG_STOP = frozenset({"the", "of", "and", "for", "&"})

SURNAME_MIN = 88.0  # fuzz.ratio of two surnames: zelensky / zelenskyy = 94, smith / smyth = 80
GIVEN_MIN = 80.0  # dmitri / dmitry = 83


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]
    surname: str

    @property
    def full(self) -> bool:
        return bool(self.given)


def ascii_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", anyascii(text).lower().replace("'", ""))


@lru_cache(maxsize=65536)
def person_name(text: str) -> PersonName | None:
    """Split a person's name into given names and surname, without titles."""
    words = [w for w in ascii_words(text) if w not in TITLES and w not in SUFFIXES]
    if not words:
        return None
    surname = words[-1]
    given = words[:-1]
    # "van der Berg": particles belong to the surname
    while given and given[-1] in PARTICLES:
        surname = given.pop() + " " + surname
    return PersonName(tuple(given), surname)


def _given_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):  # steve / steven, alex / alexander
        return True
    return fuzz.ratio(a, b) >= GIVEN_MIN


def person_variant(a: str, b: str) -> tuple[float, str] | None:
    """How sure two person names name the same person, and why; None when they cannot."""
    pa, pb = person_name(a), person_name(b)
    if pa is None or pb is None:
        return None
    sim = 100.0 if pa.surname == pb.surname else fuzz.ratio(pa.surname, pb.surname)
    if sim < SURNAME_MIN:
        return None
    translit = sim < 100.0
    if pa.full and pb.full:
        if not _given_match(pa.given[0], pb.given[0]):
            return None
        if pa == pb:
            return 1.0, "same name"
        detail = "given name variant" if pa.given[0] != pb.given[0] else "same given name and surname"
        return (0.9 if not translit else 0.85), detail + (", surname transliteration" if translit else "")
    if pa.full or pb.full:
        return (0.7 if not translit else 0.65), "surname only" + (" (transliteration)" if translit else "")
    return (0.75 if not translit else 0.7), "same surname" if not translit else "surname transliteration"


def acronym(text: str) -> str:
    return "".join(w[0] for w in ascii_words(text) if w not in ORG_STOP)


def org_variant(a: str, b: str) -> tuple[float, str] | None:
    wa = [w for w in ascii_words(a) if w not in ORG_STOP]
    wb = [w for w in ascii_words(b) if w not in ORG_STOP]
    if not wa or not wb:
        return None
    if wa == wb:
        return 1.0, "same name"
    ja, jb = " ".join(wa), " ".join(wb)
    if len(wa) == 1 and len(wb) > 1 and len(ja) >= 2 and ja == acronym(b):
        return 0.85, "acronym"
    if len(wb) == 1 and len(wa) > 1 and len(jb) >= 2 and jb == acronym(a):
        return 0.85, "acronym"
    if len(wa) > 1 and len(wb) > 1 and fuzz.token_sort_ratio(ja, jb) >= 92:
        return 0.8, "spelling variant"
    return None


def block_key(text: str, kind: str) -> str | None:
    """The key two names must share (after fuzzy matching of keys) to be compared."""
    if kind == "person":
        p = person_name(text)
        return p.surname if p else None
    words = [w for w in ascii_words(text) if w not in ORG_STOP]
    if not words:
        return None
    return words[0] if len(words) == 1 else acronym(text)
