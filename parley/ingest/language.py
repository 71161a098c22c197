"""Language identification with py3langid (a fast, dependency-light langid.py port).

Short texts (a feed summary, a headline) are where detectors guess; there the
language the source declares (``<html lang>``, the feed's ``<language>``) is trusted.
"""

from __future__ import annotations

from functools import lru_cache

# Below this many characters a declared language beats the detector's guess.
SHORT_TEXT = 300
# The language the analysis layers read; other languages are stored but skipped.
TARGET_LANGUAGE = "en"
# The detector's cost is linear in its input (a byte-by-byte walk in Python), so it
# first reads a short sample, and reads a longer one before deciding to skip an article
# or when the short sample is too unsure to keep it: skipping is the costly mistake.
QUICK_SAMPLE_CHARS = 150
FULL_SAMPLE_CHARS = 1500
# Below this normalised probability a non-English guess is not trusted to skip an article.
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def primary_subtag(tag: str | None) -> str | None:
    """'en-GB' -> 'en'; None or junk -> None."""
    if not tag:
        return None
    head = tag.strip().replace("_", "-").split("-")[0].lower()
    return head if head.isalpha() and 2 <= len(head) <= 3 else None


def detect_language(text: str, declared: str | None = None) -> tuple[str | None, float | None, str]:
    """Return (language, probability, rule) where rule is 'detected' or 'declared'."""
    declared = primary_subtag(declared)
    if not text.strip():
        return declared, None, "declared"
    if declared and len(text) < SHORT_TEXT:
        return declared, None, "declared"
    identifier = _identifier()
    lang, prob = identifier.classify(text[:QUICK_SAMPLE_CHARS])
    if len(text) > QUICK_SAMPLE_CHARS and (lang != TARGET_LANGUAGE or prob < MIN_CONFIDENCE):
        lang, prob = identifier.classify(text[:FULL_SAMPLE_CHARS])
    return lang, float(prob), "detected"
