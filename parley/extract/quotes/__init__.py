"""Quotes and reported speech: who said (or wrote, or thinks) what, with which cue.

The spaCy component ``parley_quotes_v1`` runs after actors and times and sets
``doc._.quotes`` to a list of ``Quote`` records:
- ``direct``: the content is in quotation marks (possibly in several pieces, kept in
  ``segments``: "X," he said, "Y.");
- ``indirect``: reported speech, belief or intention without marks ("said that ...",
  "according to X, ...", "vowed to ...");
- ``partial``: a quoted fragment inside an indirect attribution ("described it as
  'friendly'"); ``parent_id`` names that attribution and the speaker is its source.
Only outermost attributions are kept: a cue inside quoted words or inside another
attribution's content is part of what that source said.

How: ``marks`` pairs quotation marks, ``frames`` (verbs) and ``nominal`` ("according
to", "in a poll", nouns such as "claim that", "criticism of") read cues and their content
off the dependency parse, ``bounds`` fits content spans to PolNeAR's conventions,
``attribute`` joins cues with quotations, ``speakers`` resolves the source to an actor
and a channel.
"""

from __future__ import annotations

import bisect
from bisect import bisect_left
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from parley.extract.quotes.attribute import attribute
from parley.extract.quotes.headline import parse_headline
from parley.extract.quotes.lexicon import CHANNEL_NOUNS
from parley.extract.quotes.marks import find_quoted_spans
from parley.extract.quotes.speakers import Speaker, mention_views, resolve_speaker
from parley.nlp import extensions  # noqa: F401  (registers Doc extensions)
from parley.records import Quote

# the one dater of a doc (sentences and governing verbs looked up once), shared with the
# other layers that date facts
from parley.extract.time import FactDater, fact_dater

__all__ = ["QuoteExtractor", "extract_quotes", "find_quoted_spans"]


class _Dating:
    """Dates statements with the time layer's fact dater, asked only when a date
    expression is in reach (the cue's paragraph up to the end of its sentence): without
    one its answer is the publication date or nothing, which we know without asking."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        times = doc._.times
        self.starts = sorted(t.start for t in times or [] if t.value and t.type in ("DATE", "TIME"))
        self.usable = times is not None
        self.dct = doc._.dct.date().isoformat() if doc._.dct is not None else None
        self.dater: FactDater | None = None  # built on first use

    def _in_reach(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        sent = span[0].sent
        para_start = self.text.rfind("\n", 0, sent.start_char) + 1
        k = bisect_left(self.starts, para_start)
        return k < len(self.starts) and self.starts[k] < sent.end_char

    def __call__(self, start: int, end: int, source: tuple[int, int] | None) -> tuple[str | None, str | None]:
        """The date a statement was made: the governing time of the cue (same clause,
        sentence, the paragraph before...), unless that time sits in the speaker's own
        description ("Trump, who returned to office in January, said"), else the
        publication date."""
        if self.usable and self.starts and self._in_reach(start, end):
            try:
                if self.dater is None:
                    self.dater = fact_dater(self.doc)
                found, rule = self.dater.date(start, end)
            except Exception:  # a failure of another layer must not lose the quote
                found, rule = None, "none"
            inside_source = found is not None and source is not None and source[0] <= found.start < source[1]
            if found is not None and found.value and not inside_source:
                return found.value, rule
        return (self.dct, "dct") if self.dct else (None, None)


_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`"


def _described(doc: Doc, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """Characters of the source with everything said about it ("Trump, who returned to
    office in January,"): a date in there is not the date of the statement, unless the
    source is a document, whose description dates it ("a readout shared on December 5")."""
    if source is None:
        return None
    root = doc[source[0]:source[1]].root
    if root.lemma_.lower() in CHANNEL_NOUNS:
        return None
    return root.left_edge.idx, root.right_edge.idx + len(root.right_edge)


def _text_of(text: str, segs: list[tuple[int, int]]) -> str:
    return " ".join(text[s:e] for s, e in segs)


def _inner(text: str, segs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Segments without their enclosing quotation marks and edge punctuation."""
    out = []
    for s, e in segs:
        while s < e and (text[s] in _MARKS or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in _MARKS + ",.;:" or text[e - 1].isspace()):
            e -= 1
        if e > s:
            out.append((s, e))
    return out or segs


def _sentence_number(doc: Doc, char: int) -> int:
    starts = _sentence_starts(doc)
    return bisect.bisect_right(starts, char) - 1


_starts_cache: list = [None, []]


def _sentence_starts(doc: Doc) -> list[int]:
    if _starts_cache[0] is not doc:
        has = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        _starts_cache[0], _starts_cache[1] = doc, [s.start_char for s in doc.sents] if has else [0]
    return _starts_cache[1]


def extract_quotes(doc: Doc, headline: Doc | None = None) -> list[Quote]:
    """The quotes of a parsed doc; ``headline``: its title-case headline parsed again in
    sentence case (see ``headline``), read for cues in place of the doc's parse of it."""
    article_id = doc._.article_id or ""
    text = doc.text  # built anew on every access: read once
    views = mention_views(doc)
    spans = find_quoted_spans(text)
    dating = _Dating(doc, text)
    out: list[Quote] = []
    previous: tuple[Speaker, int] | None = None  # the last speaker and the sentence of its cue
    for n, att in enumerate(attribute(doc, text, spans, headline)):
        cand = att.cand
        sent_no = _sentence_number(doc, cand.cue_start)
        recent = previous[0] if previous is not None and sent_no - previous[1] <= 2 else None
        speaker = resolve_speaker(doc, cand.source, cand.cue, views, recent)
        if speaker.speaker_id:
            previous = (speaker, sent_no)
        time_value, time_rule = dating(cand.cue_start, cand.cue_end, _described(doc, cand.source))
        segs = _inner(text, cand.content) if cand.kind == "direct" else cand.content
        qid = f"{article_id}:quote:{n}"
        common: dict[str, Any] = dict(
            article_id=article_id, cue=text[cand.cue_start:cand.cue_end], cue_start=cand.cue_start,
            cue_end=cand.cue_end, source_text=speaker.source_text, source_start=speaker.source_start,
            source_end=speaker.source_end, speaker_id=speaker.speaker_id, speaker_name=speaker.speaker_name,
            speaker_country=speaker.speaker_country, channel=speaker.channel, time_value=time_value,
            speaker_rule=speaker.rule,
            time_rule=time_rule,
        )
        out.append(Quote(start=segs[0][0], end=segs[-1][1], text=_text_of(text, segs), kind=cand.kind,
                         rule=att.rule, id=qid, segments=[[s, e] for s, e in segs], **common))
        for k, (qi, said_by) in enumerate(att.partials):
            q = spans[qi]
            inner = _inner(text, [(q.start, q.end)])
            fields = dict(common)
            if said_by is not cand:  # a cue nested in the attribution said these words
                who = resolve_speaker(doc, said_by.source, said_by.cue, views)
                fields.update(cue=text[said_by.cue_start:said_by.cue_end], cue_start=said_by.cue_start,
                              cue_end=said_by.cue_end, source_text=who.source_text,
                              source_start=who.source_start, source_end=who.source_end,
                              speaker_id=who.speaker_id, speaker_name=who.speaker_name,
                              speaker_country=who.speaker_country, channel=who.channel or speaker.channel,
                              speaker_rule=who.rule)
                fields["time_value"], fields["time_rule"] = dating(said_by.cue_start, said_by.cue_end,
                                                                   _described(doc, said_by.source))
            out.append(Quote(start=inner[0][0], end=inner[-1][1], text=_text_of(text, inner), kind="partial",
                             rule=f"{att.rule}:partial", id=f"{qid}.{k}", segments=[list(inner[0])],
                             parent_id=qid, **fields))
    return out


class QuoteExtractor:
    """The pipeline component: a pure function of the parsed Doc and earlier layers (and
    of the pipeline's parser, run again on a title-case headline)."""

    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        headline = parse_headline(self.nlp, doc) if self.nlp is not None else None
        doc._.quotes = extract_quotes(doc, headline)
        return doc


@Language.factory("parley_quotes_v1", assigns=["doc._.quotes"],
                  requires=["token.dep", "token.lemma", "token.pos"])
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(nlp)

