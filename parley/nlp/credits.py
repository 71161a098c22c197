"""Datelines, agency names and credit lines: the newsroom's words, not the story's.

A wire story opens with where it was filed and by whom ("HANOI, Vietnam (AP) —",
"MOSCOW, Dec 3 (Reuters) -") and closes with who wrote, edited and photographed it
("Reporting by X; Editing by Y", "X contributed to this report", "(AP Photo/X)",
"Image copyright Getty Images Image caption"). None of these names take part in what
the story reports. Running after the statistical model, ``parley_credits_v1`` marks them
in ``doc.spans["parley_credits"]`` with a ``CreditKind`` label; the events, stances and
quote-speaker layers leave every actor mention and trigger inside them alone
(``credit_tokens``).

Mechanisms (general, by position and form):

- DATELINE: at the start of the text or of a paragraph, a place in capitals (or in title
  case when an agency follows), optionally ", Region" and a date, optionally
  "(Agency)", then a dash or a colon. A bare place ("OSLO —", "NEW DELHI:") must be one
  the gazetteer or the NER knows: run-in headings in capitals ("QUESTIONABLE MEDICAL
  CLAIMS — For years ...") and kicker words ("BREAKING:", "ANALYSIS -") are no places.
- AGENCY: the name in a dateline's parentheses, and wire-agency names (``AGENCIES``)
  inside credit lines. An agency named inside a sentence ("Reuters reported that ...")
  is a source of the story and stays an actor.
- CREDIT: "Reporting/Writing/Editing by ...", "Additional reporting by ...", a byline
  ("By X" alone on its line), "... contributed (reporting) to this report", picture
  credits ("(AP Photo/X)", "Photo: X", "Image copyright X Image caption": only the
  credit, not the caption after it), "Copyright ... All rights reserved", "Follow X on
  Twitter".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum

from spacy.language import Language
from spacy.tokens import Doc, Span

from parley.errors import MissingPipelineInput

SPAN_KEY = "parley_credits"
_CACHE_KEY = "parley_credit_tokens"


class CreditKind(StrEnum):
    DATELINE = "DATELINE"  # "HANOI, Vietnam (AP) —": where and by whom the story was filed
    AGENCY = "AGENCY"  # "AP", "Reuters": a news agency credited for the story or picture
    CREDIT = "CREDIT"  # bylines, reporting and editing credits, picture credits, copyright


# Wire and picture agencies (data, matched only inside datelines and credit lines).
AGENCIES: tuple[str, ...] = (
    "AP", "The Associated Press", "Associated Press", "Reuters", "Thomson Reuters", "AFP",
    "Agence France-Presse", "Agence France Presse", "Xinhua", "TASS", "ITAR-TASS", "RIA Novosti", "RIA",
    "Interfax", "Sputnik", "DPA", "ANI", "PTI", "IANS", "UNI", "UPI", "Bloomberg", "EFE", "EPA", "EPA-EFE",
    "Anadolu", "Anadolu Agency", "AA", "Yonhap", "Kyodo", "Jiji", "IRNA", "ISNA", "Fars", "Tasnim", "ANSA",
    "KUNA", "SANA", "WAFA", "QNA", "SPA", "WAM", "MENA", "Petra", "Bernama", "Antara", "AAP", "CNA",
    "Ukrinform", "BelTA", "APA", "Trend", "NAN", "KCNA", "CP", "The Canadian Press", "PA", "PA Media",
    "Press Association", "Getty Images", "Getty", "Shutterstock",
)

# Words that open a headline or a kicker in capitals but name no place.
KICKER_WORDS = frozenset({
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "COMMENT", "EDITORIAL", "WATCH",
    "LIVE", "VIDEO", "PHOTOS", "PHOTO", "LISTEN", "READ", "FACTBOX", "EXPLAINER", "INSIGHT", "REVIEW",
    "NOTE", "CORRECTION", "CORRECTED", "URGENT", "FLASH", "ALERT", "NEWS", "INTERVIEW", "FEATURE", "SPECIAL",
    "MORE", "SEE", "ALSO", "RELATED", "TOP", "WARNING", "QUOTE", "Q&A", "FULL", "TEXT", "TRANSCRIPT",
})

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_CAPS_WORD = r"[A-Z][A-Z.'\u2019&-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][\w.'\u2019-]*"
_DATELINE = re.compile(
    rf"(?P<place>(?P<caps>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}})|{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,2}})"
    rf"(?P<region>\s*,\s*(?!{_MONTH}\s*\d){_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,2}})?"
    rf"(?P<date>\s*,?\s*{_DATE})?"
    r"(?:\s*\(\s*(?P<agency>[A-Z][^()\n]{0,38}?)\s*\))?"
    r"\s*(?P<sep>[\u2014\u2013]|-{1,2}|:)(?=\s)"
)
_PARAGRAPH_START = re.compile(r"(?:\A|\n)[ \t]*(?=\S)")

_CREDIT_CUE = re.compile(
    r"(?i:additional\s+reporting|reporting|writing|written|editing|edited|compiled)\s+by\s+\S")
_BYLINE = re.compile(r"By\s+[A-Z][^\n]{0,80}")
_CONTRIBUTED = re.compile(
    r"\bcontributed\s+(?:reporting\s+|to\s+(?:the\s+)?reporting\s+)?(?:to|for)\s+this\s+(?:report|story|article)\b",
    re.IGNORECASE)
_PHOTO_PAREN = re.compile(
    r"\((?:[A-Z][\w.&-]*\s+){0,3}(?:Pool\s+|File\s+)?(?:Photo|Photograph|Picture|Image|Video)s?"
    r"(?:\s+by)?\s*/\s*[^()\n]{1,80}\)")
_PHOTO_LABEL = re.compile(
    r"(?:Photo|Photograph|Picture|Image|File\s+photo|Photo\s+credit)s?\s*:\s*[^\n]{1,80}?(?=\.\s|\n|$)",
    re.IGNORECASE)
_IMAGE_CAPTION = re.compile(r"Image\s+(?:copyright|source),?\s+[^\n]{1,60}?\s+Image\s+caption,?")
_COPYRIGHT = re.compile(r"(?:Copyright|\u00a9|\(c\))\s[^\n]{0,120}?all\s+rights\s+reserved\.?", re.IGNORECASE)
_NO_REUSE = re.compile(r"This material may not be published, broadcast, rewritten,? or redistributed\.?")
_FOLLOW = re.compile(
    r"Follow\s+[^\n.]{1,60}?\s+on\s+(?:Twitter|X|Facebook|Instagram|Bluesky|Threads|Telegram|Mastodon)"
    r"(?:\s+(?:at\s+)?@\w+)?")
_AGENCY_NAMES = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True)) + r")(?![\w-])")
MAX_BYLINE_WORDS = 8
MAX_CREDIT_LINE = 300  # characters: a longer line opening "Reporting by" is prose
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _opens(text: str, start: int, after_sentence: bool = True) -> bool:
    """A credit opens a line, a parenthesis, a clause after ";" or "|", or (for the forms
    no sentence starts with) a sentence."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n(;|":
        return True
    return after_sentence and text[i] in ".!?" and i + 1 < start


def _line_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n"


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _datelines(doc: Doc, text: str) -> Iterator[tuple[int, int, CreditKind]]:
    for para in _PARAGRAPH_START.finditer(text):
        m = _DATELINE.match(text, para.end())
        if m is None or m.end() - m.start() > 90:
            continue
        place = m["place"]
        if not m["caps"] and not m["agency"]:
            continue  # a title-case place ("Moscow -") needs its agency: "Moscow (Reuters) -"
        if any(w.strip(".") in KICKER_WORDS for w in place.split()):
            continue
        if not (m["region"] or m["date"] or m["agency"] or _named_place(doc, m.start("place"), m.end("place"))):
            continue  # "NATO: allies agree ...", "QUESTIONABLE CLAIMS — For years" are headings; "KYIV: ..." a dateline
        yield m.start(), m.end(), CreditKind.DATELINE
        if m["agency"]:
            yield m.start("agency"), m.end("agency"), CreditKind.AGENCY


def _named_place(doc: Doc, start: int, end: int) -> bool:
    """A place the gazetteer knows ("OSLO", "NEW DELHI") or the NER tags as one."""
    from parley.extract.events.places import geocode

    if geocode(doc.text[start:end]) is not None:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in span)


def _sentence_around(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    sent = span[0].sent
    return sent.start_char, max(sent.end_char, end)


def _states_nothing(doc: Doc, start: int, end: int) -> bool:
    """No finite verb: "Editing by Mark Heinrich" credits, "Reporting by Reuters showed
    ..." reports."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(t.tag_ in FINITE_TAGS for t in span)


def _credit_lines(doc: Doc, text: str) -> Iterator[tuple[int, int]]:
    for m in _CREDIT_CUE.finditer(text):
        if not _opens(text, m.start(), after_sentence=False):
            continue
        opener = text.rfind("(", 0, m.start())
        inside = opener >= 0 and not {")", "\n"} & set(text[opener:m.start()])
        close = text.find(")", m.start())
        line_end = _line_end(text, m.start())
        start, end = (opener, close + 1) if inside and 0 <= close < line_end else (m.start(), line_end)
        if end - start <= MAX_CREDIT_LINE and _states_nothing(doc, start, end):
            yield start, end
    for m in _BYLINE.finditer(text):
        end = _line_end(text, m.start())
        line = text[m.start():end].rstrip()
        if _line_start(text, m.start()) and len(line.split()) <= MAX_BYLINE_WORDS \
                and not line.endswith((".", "!", "?", ":", ",")) \
                and _states_nothing(doc, m.start(), m.start() + len(line)):
            yield m.start(), m.start() + len(line)
    for m in _CONTRIBUTED.finditer(text):
        yield _sentence_around(doc, m.start(), m.end())
    for pattern in (_PHOTO_PAREN, _IMAGE_CAPTION, _COPYRIGHT, _NO_REUSE):
        for m in pattern.finditer(text):
            yield m.start(), m.end()
    for pattern in (_PHOTO_LABEL, _FOLLOW):
        for m in pattern.finditer(text):
            if _opens(text, m.start()):
                yield m.start(), m.end()


def find_credits(doc: Doc) -> list[tuple[int, int, CreditKind]]:
    """(start char, end char, kind) of every dateline, agency name and credit line."""
    text = doc.text
    found = list(_datelines(doc, text))
    for start, end in _credit_lines(doc, text):
        found.append((start, end, CreditKind.CREDIT))
        for a in _AGENCY_NAMES.finditer(text, start, end):
            found.append((a.start(), a.end(), CreditKind.AGENCY))
    return sorted(set(found))


@Language.factory("parley_credits_v1", assigns=["doc.spans"],
                  requires=["doc.ents", "token.is_sent_start"])
def make_credits_component(nlp: Language, name: str) -> CreditsComponent:
    return CreditsComponent()


class CreditsComponent:
    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("ENT_IOB"):
            raise MissingPipelineInput("parley_credits_v1 needs named entities: add it after 'ner'")
        if len(doc) and not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
            raise MissingPipelineInput("parley_credits_v1 needs sentence boundaries: add it after 'parser'")
        spans = []
        for start, end, kind in find_credits(doc):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(Span(doc, span.start, span.end, label=kind.value))
        doc.spans[SPAN_KEY] = spans
        return doc


def credit_spans(doc: Doc, kind: CreditKind | None = None) -> list[Span]:
    """The credit spans of a doc (of one kind), empty when the component did not run."""
    if SPAN_KEY not in doc.spans:
        return []
    return [s for s in doc.spans[SPAN_KEY] if kind is None or s.label_ == kind.value]


def credit_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside any dateline, agency name or credit line (computed
    once per doc: the layers ask for every mention and every subject)."""
    if SPAN_KEY not in doc.spans:
        return set()
    group = doc.spans[SPAN_KEY]
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None and cached[0] == [(s.start, s.end) for s in group]:
        return cached[1]
    covered = {i for s in group for i in range(s.start, s.end)}
    doc.user_data[_CACHE_KEY] = ([(s.start, s.end) for s in group], covered)
    return covered


def in_credits(doc: Doc, start_char: int, end_char: int, covered: set[int] | None = None) -> bool:
    """Whether a character range (an actor mention) touches a credit span."""
    covered = credit_tokens(doc) if covered is None else covered
    if not covered:
        return False
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return span is not None and any(t.i in covered for t in span)
