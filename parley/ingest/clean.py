"""Cleaning stages every reader's output goes through: Article -> Article, pure.

The text is what every later layer points into with character offsets, so cleaning is
deliberately conservative and idempotent: Unicode NFC, invisible characters removed,
horizontal whitespace collapsed, one paragraph per block joined by a blank line.
Quotation marks, dashes and spelling are left exactly as written (quote and name
detection depend on them; ``content_hash`` already ignores typography for deduplication).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Callable

from parley.errors import NoArticleText
from parley.ingest.language import MIN_CONFIDENCE, TARGET_LANGUAGE, detect_language
from parley.ingest.url import canonical_url
from parley.records import Article, content_hash

Stage = Callable[[Article], Article]

PARAGRAPH_SEPARATOR = "\n\n"
# zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, but they split tokens
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# control characters other than tab and newline (form feeds, NULs from bad conversions)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HSPACE = re.compile(r"[^\S\n]+")  # any whitespace except newline (incl. NBSP, thin space)
_LINEBREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
# Less than this is not an article (a few random bytes decode to a few odd characters):
# three words of two or more letters, or, in scripts written without spaces, 20 letters.
MIN_WORDS, MIN_WORD_LETTERS, MIN_UNSPACED_LETTERS = 3, 2, 20
_WORD = re.compile(r"[^\W\d_]{%d,}" % MIN_WORD_LETTERS)
# A block is hard-wrapped when its lines (all but the last) have similar medium lengths.
_WRAP_MIN, _WRAP_MAX, _WRAP_SPREAD = 40, 100, 30


def _is_clean(line: str) -> bool:
    """True when clean_line would return the line unchanged. Most lines are, and these
    C-level checks are much cheaper than the substitutions: invisible characters,
    controls and non-space whitespace (NBSP, thin space) are all non-printable."""
    return (line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "
            and unicodedata.is_normalized("NFC", line))


def clean_line(line: str) -> str:
    if _is_clean(line):
        return line
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", line)
    return _HSPACE.sub(" ", line).strip()


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Three or more lines of similar medium length (all but the last): a headline over
    a caption is two lines of any length, so two lines are never joined."""
    body = lines[:-1]
    if len(lines) < 3 or not all(_WRAP_MIN <= len(x) <= _WRAP_MAX for x in body):
        return False
    return max(map(len, body)) - min(map(len, body)) <= _WRAP_SPREAD


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: blocks separated by blank lines (a hard-wrapped block
    is joined back into one paragraph), or one paragraph per line when the text has none."""
    text = _LINEBREAKS.sub("\n", text)
    blocks = re.split(r"\n[^\S\n]*\n", text)
    paragraphs: list[str] = []
    for block in blocks:
        lines = [clean_line(x) for x in block.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            continue
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


# -- stages ------------------------------------------------------------------------------
def clean_text(article: Article) -> Article:
    """Normalise whitespace and invisible characters; rebuild text from paragraphs."""
    source = article.paragraphs or split_paragraphs(article.text)
    paragraphs = [p for p in (clean_line(x) for x in source) if p]
    article.paragraphs = paragraphs
    article.text = PARAGRAPH_SEPARATOR.join(paragraphs)
    for name in ("title", "byline", "source"):
        value = getattr(article, name)
        if value is not None:
            setattr(article, name, clean_line(value) or None)
    if not article.text:
        raise NoArticleText("no text left after cleaning")
    if not has_words(article.text):
        raise NoArticleText("too little text to be an article", detail=article.text[:80])
    return article


def has_words(text: str) -> bool:
    """At least ``MIN_WORDS`` words, or ``MIN_UNSPACED_LETTERS`` letters (checked on a prefix)."""
    head = text[:2000]
    words = 0
    for _ in _WORD.finditer(head):
        words += 1
        if words >= MIN_WORDS:
            return True
    return sum(ch.isalpha() for ch in head) >= MIN_UNSPACED_LETTERS


def identify_language(article: Article) -> Article:
    """Detect the language; a confidently non-English article is kept with status
    ``skipped:language`` (stored, counted, not analysed)."""
    if article.language_score is not None:  # already detected: stages are idempotent
        return article
    declared = article.language
    lang, prob, rule = detect_language(article.text, declared)
    article.language, article.language_score = lang, prob
    if lang and lang != TARGET_LANGUAGE and article.status == "ok":
        if rule == "declared" or (prob is not None and prob >= MIN_CONFIDENCE):
            article.status = "skipped:language"
        else:
            article.warnings.append(f"language uncertain ({lang}, p={prob:.2f}); kept as English")
    return article


def article_id_for(canonical: str | None, text_hash: str) -> str:
    """Stable id: from the canonical URL when there is one (the same page fetched twice
    keeps its id even if ads or dates around it changed), else from the text."""
    if canonical:
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    return text_hash[:16]


def assign_identity(article: Article) -> Article:
    article.content_hash = content_hash(article.text)
    if article.canonical_url is None and article.url:
        article.canonical_url = canonical_url(article.url)
    article.id = article_id_for(article.canonical_url, article.content_hash)
    return article


# Applied by every reader before an Article leaves ``iter_documents`` (see finish_article).
CLEANING_STAGES: list[Stage] = [clean_text, identify_language, assign_identity]
# Extra stages the pipeline runner applies to what ``iter_documents`` yields: none yet,
# because cleaning already happened inside the readers (so ``read_text_file`` and the
# Spark job get finished articles too).
DEFAULT_STAGES: list[Stage] = []
