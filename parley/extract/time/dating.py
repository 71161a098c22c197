"""Every fact gets a date: link a span (an actor mention, a quote, an event trigger) to
the time expression that dates it, and say which rule chose it.

Rules, in order: ``same_clause`` (a DATE/TIME expression under the same verb),
``sentence`` (the nearest dating expression in the sentence), ``dct_present``
(present-tense reporting: the publication date), ``previous_sentence`` (a past-tense
sentence without a date inherits the last date of the sentences before it in the same
paragraph), else ``none``.
"""

from __future__ import annotations

import weakref

from bisect import bisect_right

from spacy.tokens import Doc

from parley.extract.time.tense import governing_verb, span_of, tense_of
from parley.records import TimeExpr

_DATING_TYPES = ("DATE", "TIME")
_VERB_POS = ("VERB", "AUX")


def _dct_time(doc: Doc) -> TimeExpr | None:
    dct = doc._.dct
    if dct is None:
        return None
    value = dct.date().isoformat() if hasattr(dct, "date") else str(dct)
    return TimeExpr(article_id=doc._.article_id or "", start=-1, end=-1, text="", type="DATE",
                    value=value, earliest=f"{value}T00:00:00", anchor="dct", rule="dct", id="dct")


class FactDater:
    """Dates many spans of one parsed doc: each time expression's sentence and governing
    verb are looked up once, not once per fact."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._text = doc.text  # Doc.text joins the tokens anew on every access
        # sentence starts once (Span.sent scans the doc on every call)
        self._sents = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") \
            else [(0, len(self._text))]
        self._sent_starts = [s for s, _ in self._sents]
        self.times = [t for t in (doc._.times or []) if t.type in _DATING_TYPES and t.value]
        self._sent_of_time = [self._sentence(t.start)[0] for t in self.times]
        self._verb: list[int | None] = []
        for t in self.times:
            span = span_of(doc, t.start, t.end)
            verb = governing_verb(span) if span is not None else None
            self._verb.append(verb.i if verb is not None else None)
        self._dct: TimeExpr | None = None

    def _sentence(self, char: int) -> tuple[int, int]:
        return self._sents[max(bisect_right(self._sent_starts, char) - 1, 0)]

    def date(self, start_char: int, end_char: int) -> tuple[TimeExpr | None, str]:
        span = span_of(self.doc, start_char, end_char)
        if span is None:
            return None, "none"
        sent_start, _ = self._sentence(start_char)
        verb = span.root if span.root.pos_ in _VERB_POS else governing_verb(span)  # a trigger is its own verb
        in_sent = [i for i, t in enumerate(self.times) if self._sent_of_time[i] == sent_start
                   and not (t.start < end_char and start_char < t.end)]
        if verb is not None:
            for i in in_sent:
                if self._verb[i] == verb.i:
                    return self.times[i], "same_clause"
        dated = [self.times[i] for i in in_sent if not self.times[i].value.endswith("_REF")]
        if dated:
            return min(dated, key=lambda t: min(abs(t.start - end_char), abs(start_char - t.end))), "sentence"
        tense = tense_of(verb)
        if tense == "present":
            if self._dct is None:
                self._dct = _dct_time(self.doc)
            if self._dct is not None:
                return self._dct, "dct_present"
        if tense == "past":
            para_start = self._text.rfind("\n", 0, sent_start) + 1
            prev = [t for t in self.times if para_start <= t.start < sent_start and not t.value.endswith("_REF")]
            if prev:
                return prev[-1], "previous_sentence"
        return None, "none"


def governing_time(doc: Doc, start_char: int, end_char: int) -> tuple[TimeExpr | None, str]:
    """The time expression dating the fact at ``start_char:end_char`` and the rule that
    chose it (see the module docstring); for many spans of one doc use ``FactDater``.
    The publication date is returned as a ``TimeExpr`` with ``rule == "dct"``."""
    return fact_dater(doc).date(start_char, end_char)


# One dater per doc, dropped with the doc; rebuilt if the time layer's list is replaced.
_DATERS: "weakref.WeakKeyDictionary[Doc, tuple[int, FactDater]]" = weakref.WeakKeyDictionary()


def fact_dater(doc: Doc) -> FactDater:
    """The ``FactDater`` of ``doc``, built once: layers dating many facts call this
    instead of paying the sentence and verb indexing on every fact."""
    key = id(doc._.times)
    cached = _DATERS.get(doc)
    if cached is None or cached[0] != key:
        cached = _DATERS[doc] = (key, FactDater(doc))
    return cached[1]
