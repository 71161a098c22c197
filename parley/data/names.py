"""Name normalisation shared by the KB build script and the actors layer, so an id
made at build time and one made from article text agree ("person:radoslaw-sikorski")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# letters NFKD does not decompose into an ASCII base letter
_EXTRA_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                             "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "þ": "th"})


def fold(text: str) -> str:
    """Diacritics removed: "Élysée" -> "Elysee", "Radosław" -> "Radoslaw"."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_EXTRA_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Case-folded, diacritics, possessive 's and punctuation removed: the lookup key."""
    text = fold(text).casefold()
    text = re.sub(r"[’'`´]s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    """Id slug; letters of other scripts stay ("президент-украины")."""
    return re.sub(r"[^\w]+", "-", norm(text)).strip("-_") or "unnamed"


def normalise_name(name: str | None) -> str:
    """Case-folded, diacritics and punctuation removed, whitespace collapsed."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()
