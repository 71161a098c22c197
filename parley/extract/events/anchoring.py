"""Dates that the time layer's nearest expression gets wrong for an event, told by the
event's own clause.

- A gap to another clause: "talks opened on Monday, three days after a drone struck the
  vessel": the event of an *after*/*before* clause measured by a duration ("three days",
  "two weeks") happened that long before/after the time of the clause it modifies, not on
  that clause's day.
- A dated reference: "monitors to investigate the February 27 attack": an event noun
  carrying its own date before the article's is a reference to something that happened;
  the purpose, modal or planning frame above it is the frame of the investigating, not of
  the attack (its own modifiers, "a planned attack", "no attack", still count).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Token

from parley.records import CueKind, DateRule, StatusCue, TimeExpr

GAP_MARKS = {"after": -1, "before": 1}  # the event is that long before / after the modified clause
_DURATION = re.compile(r"^P(\d+)([DWMY])$")
_UNIT_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}
# half-width of the interval a gap of this unit leaves ("two weeks after" is not to the day)
_SLACK_DAYS = {"D": 0, "W": 1, "M": 3, "Y": 15}
# cues of the noun itself, which a dated reference keeps ("a planned attack", "no attack")
OWN_CUES = frozenset({CueKind.NEGATION, CueKind.PLANNED_MODIFIER, CueKind.HYPOTHETICAL_MODIFIER,
                      CueKind.ONGOING_MODIFIER})
FRAMED = frozenset({"hypothetical", "planned"})


def _gap(doc: Doc, verb: Token) -> tuple[int, str, int] | None:
    """(amount, unit, direction) of "N units after/before" on ``verb``'s clause."""
    if verb.dep_ != "advcl":
        return None
    mark = next((ch for ch in verb.children if ch.dep_ == "mark" and ch.lower_ in GAP_MARKS), None)
    measure = next((ch for ch in verb.children if ch.dep_ == "npadvmod"), None)
    if mark is None or measure is None:
        return None
    for t in doc._.times or []:
        if t.type == "DURATION" and t.value and t.start <= measure.idx < t.end:
            m = _DURATION.match(t.value)
            if m:
                return int(m.group(1)), m.group(2), GAP_MARKS[mark.lower_]
    return None


def gap_time(doc: Doc, verb: Token, clause_time) -> TimeExpr | None:
    """The event's date from the modified clause's (``clause_time(head)`` gives that
    clause's ``TimeExpr`` or None), moved by the measured gap; None when the clause has
    no gap or its time is not a day."""
    gap = _gap(doc, verb)
    if gap is None:
        return None
    main = clause_time(verb.head)
    if main is None or not main.value or not re.match(r"^\d{4}-\d{2}-\d{2}$", main.value[:10]):
        return None
    try:
        day = date.fromisoformat(main.value[:10])
    except ValueError:
        return None
    amount, unit, direction = gap
    when = day + timedelta(days=direction * amount * _UNIT_DAYS[unit])
    slack = timedelta(days=_SLACK_DAYS[unit])
    start = datetime(when.year, when.month, when.day)
    return TimeExpr(article_id=doc._.article_id or "", start=-1, end=-1, text="", type="DATE",
                    value=when.isoformat(), mod="APPROX" if slack else None,
                    earliest=(start - slack).isoformat(), latest=(start + timedelta(days=1) + slack).isoformat(),
                    anchor=main.id or "none", rule=DateRule.GAP_FROM_CLAUSE.value, id="")


def dated_reference(status: str, cues: list[StatusCue], rule: DateRule, earliest: str | None,
                    dct: datetime | None, trigger: str) -> tuple[str, list[StatusCue]] | None:
    """A dated event noun before publication that only a frame above it made planned or
    hypothetical: (occurred, cues with the dated-reference cue first), else None."""
    if status not in FRAMED or rule is not DateRule.NOUN_ATTACHED or dct is None or not earliest:
        return None
    if any(c.kind in OWN_CUES for c in cues if c.status == status):
        return None
    try:
        if datetime.fromisoformat(earliest).date() >= dct.date():
            return None
    except ValueError:
        return None
    return "occurred", [StatusCue(status="occurred", kind=CueKind.DATED_REFERENCE, word=trigger), *cues]
