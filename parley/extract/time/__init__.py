"""Temporal expressions: a rule-based TIMEX3 tagger and normaliser (``parley_times_v1``).

Finds DATE, TIME, DURATION and SET expressions with character offsets, gives each a
TIMEX3 value, mod and a comparable (earliest, latest) interval, anchored on the
publication date (``doc._.dct``) or on the date the text last mentioned. It then dates
every actor mention with ``governing_time``, which quotes and events use as well.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from parley.extract.time.dating import FactDater, fact_dater, governing_time
from parley.extract.time.tagger import tag_times
from parley.extract.time.tense import direction_at
from parley.nlp import extensions  # noqa: F401  (registers Doc extensions)

__all__ = ["tag_times", "governing_time", "fact_dater", "FactDater", "direction_at", "TimesComponent"]


class TimesComponent:
    """Sets ``doc._.times`` and the date of each actor mention."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = tag_times(doc.text, doc._.dct, doc, doc._.article_id or "")
        mentions = doc._.actor_mentions or []
        if mentions:
            dater = fact_dater(doc)
            for mention in mentions:
                found, rule = dater.date(mention.start, mention.end)
                mention.time_value = found.value if found is not None else None
                mention.time_rule = rule if found is not None else None
        return doc


@Language.factory("parley_times_v1", assigns=["doc._.times"], requires=[])
def make_times_component(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()
