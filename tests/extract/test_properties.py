"""Property tests: whatever text comes in, every layer returns without raising and every
span it reports lies inside the analysed text (Hypothesis generates the texts)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.analyze import analyze_article
from parley.ingest.dates import find_dateline, resolve_published
from parley.records import Article

QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a\u300c\u300d`"
WORDS = ["said", "told", "according", "to", "the", "minister", "President", "Putin", "Kyiv", "Moscow",
         "on", "Monday", "last", "week", "in", "March", "2024", "ago", "two", "years", "he", "she",
         "they", "warned", "that", "talks", "would", "resume", "next", "month", "ceasefire", "al-Tanf",
         "camp", "the", "United", "Nations", "Washington", "(AP)", "—", "–", "-", ":", ",", ".", "?",
         "...", "\u00a0", "\u200b", "tonight", "each", "season", "2009-2010", "the", "day", "before", "vote"]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(list(QUOTES)),
                  st.text(min_size=1, max_size=8))
sentence = st.lists(token, min_size=0, max_size=40).map(" ".join)
paragraphs = st.lists(st.one_of(sentence, st.just(""), st.just("   "), st.just("\n")), min_size=0, max_size=8)
texts = st.one_of(
    paragraphs.map("\n\n".join),
    st.text(max_size=400),  # any Unicode at all
    st.lists(token, min_size=200, max_size=600).map(" ".join),  # one very long sentence
)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


def _inside(n: int, start, end) -> bool:
    return start is not None and end is not None and 0 <= start <= end <= n


@SETTINGS
@given(text=texts, dated=st.booleans())
def test_every_layer_survives_any_text_and_keeps_spans_inside(nlp, text, dated):
    from datetime import datetime

    art = Article(id="p", text=text, published=datetime(2025, 12, 6) if dated else None)
    an = analyze_article(art, nlp)
    n = len(text)
    for q in an.quotes:
        assert _inside(n, q.start, q.end) and _inside(n, q.cue_start, q.cue_end)
        assert all(_inside(n, s, e) for s, e in q.segments)
        if q.source_start is not None:
            assert _inside(n, q.source_start, q.source_end)
        assert q.text.strip() and q.cue.strip()
    for t in an.times:
        assert _inside(n, t.start, t.end) and text[t.start:t.end] == t.text
    for m in an.mentions:
        assert _inside(n, m.start, m.end) and text[m.start:m.end] == m.text
        assert m.text.lower() not in ("he", "she", "they", "it", "we", "i", "you") or m.actor_id is None
    for ev in an.events:
        assert _inside(n, ev.trigger_start, ev.trigger_end) and _inside(n, ev.sentence_start, ev.sentence_end)


@settings(max_examples=200, deadline=None)
@given(paras=st.lists(st.text(max_size=120), max_size=4))
def test_dateline_rule_never_raises_and_dates_only_a_dateline(paras):
    found = find_dateline(paras)
    when, rule, warnings = resolve_published(None, "metadata", paras, None)
    assert (when is None) == (found is None)
    assert rule == ("dateline" if found else "unknown")
    assert warnings or found
