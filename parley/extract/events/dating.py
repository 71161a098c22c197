"""The date of an event: the time expression that governs its trigger.

Uses the time layer's ``governing_time(doc, start, end)`` when it exists; otherwise (or
when it finds nothing) the nearest DATE/TIME expression in the same sentence, and
for a past-tense event in a sentence without a date, the last date named in the previous
sentence of the same paragraph (narrative time); finally, for an event reported as just
done (past tense, no other time), the publication date widened to the two days before it
(rule ``publication_recent``), so that it can sit on a timeline without claiming a day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from spacy.tokens import Doc, Span

from parley.records import DateRule, TimeExpr

from parley.extract.time import governing_time as _governing_time

DATED_TYPES = ("DATE", "TIME")
PUBLICATION_RULE = DateRule.PUBLICATION_RECENT.value
# the time layer's codes for the rule that chose a fact's time ("none": it found nothing)
_GOVERNING = {"same_clause": DateRule.SAME_CLAUSE, "sentence": DateRule.GOVERNING_SENTENCE,
              "previous_sentence": DateRule.PREVIOUS_SENTENCE, "dct_present": DateRule.PUBLICATION_PRESENT}
RECENT_DAYS = 2  # a "just done" event: from two days before publication to its end


def _in_sentence(times: list[TimeExpr], sent: Span) -> list[TimeExpr]:
    return [t for t in times if t.type in DATED_TYPES and t.value and
            sent.start_char <= t.start < sent.end_char]


def event_time(doc: Doc, sent: Span, start: int, end: int,
               past_tense: bool) -> tuple[TimeExpr | None, DateRule | None]:
    """The time expression dating an event and the rule that chose it (``None, None``:
    undated)."""
    times: list[TimeExpr] = list(doc._.times or [])
    if _governing_time is not None:
        try:
            found, code = _governing_time(doc, start, end)
        except Exception:  # a bug in another layer must not lose the event
            found, code = None, "none"
        if found is not None:
            return found, _GOVERNING.get(code, DateRule.GOVERNING_OTHER)
    local = _in_sentence(times, sent)
    if local:
        best = min(local, key=lambda t: min(abs(t.start - end), abs(start - t.end)))
        return best, DateRule.NEAREST_IN_SENTENCE
    if not past_tense:
        return None, None
    prev = _previous_sentence(doc, sent)
    if prev is not None:
        earlier = _in_sentence(times, prev)
        if earlier:
            return earlier[-1], DateRule.NARRATIVE
    return _recent(doc)


def _recent(doc: Doc) -> tuple[TimeExpr | None, DateRule | None]:
    dct: datetime | None = doc._.dct
    if dct is None:
        return None, None
    day = datetime(dct.year, dct.month, dct.day)
    return TimeExpr(article_id=doc._.article_id or "", start=-1, end=-1, text="", type="DATE",
                    value=day.date().isoformat(), mod="APPROX",
                    earliest=(day - timedelta(days=RECENT_DAYS)).isoformat(),
                    latest=(day + timedelta(days=1)).isoformat(), anchor="dct", rule=PUBLICATION_RULE,
                    id="dct-recent"), DateRule.PUBLICATION_RECENT


def _previous_sentence(doc: Doc, sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    sents = doc.user_data.get("parley_sents")
    if sents is None:  # Token.sent walks the parse: index the sentences once per doc
        sents = doc.user_data["parley_sents"] = {s.end: s for s in doc.sents}
    prev = sents.get(sent.start)
    if prev is None:
        return None
    gap = doc.text[prev.end_char:sent.start_char]
    if "\n" in gap or "\n" in prev.text.strip():
        return None  # another paragraph
    if prev.text.rstrip().endswith("?"):
        return None
    return prev
