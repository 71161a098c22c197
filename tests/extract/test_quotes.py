"""Quotes and reported speech on sentences written for these tests (real pipeline)."""

from __future__ import annotations

from datetime import datetime

import pytest

from parley.analyze import analyze_article
from parley.extract.quotes.marks import find_quoted_spans
from parley.records import Article


def run(nlp, text: str, published: datetime | None = datetime(2025, 3, 14)):
    article = Article(id="t", text=text, published=published)
    return analyze_article(article, nlp).quotes


def quoted(quotes, words: str):
    """The quotes whose text holds ``words`` (direct or partial)."""
    return [q for q in quotes if words in q.text and q.kind in ("direct", "partial")]


def one(quotes, words: str):
    found = quoted(quotes, words)
    assert len(found) == 1, [(q.kind, q.text, q.speaker_name) for q in quotes]
    return found[0]


# -- quotation marks ---------------------------------------------------------------------

def test_straight_quotes_speaker_after(nlp):
    q = one(run(nlp, '"We will not sign this draft," Foreign Minister Ilse Marten said on Tuesday.'),
            "We will not sign")
    assert q.kind == "direct"
    assert q.speaker_name and "Marten" in q.speaker_name
    assert q.cue == "said"


def test_curly_quotes_speaker_inverted_after(nlp):
    q = one(run(nlp, "\u201cThe crossing stays shut until the talks resume,\u201d said Tomas Leclerc."),
            "crossing stays shut")
    assert q.kind == "direct" and "Leclerc" in (q.speaker_name or "")


def test_speaker_before_with_colon(nlp):
    q = one(run(nlp, "Admiral Rosa Quintero told the committee: \u201cOur ships are ready.\u201d"), "ships are ready")
    assert q.kind == "direct" and "Quintero" in (q.speaker_name or "")


def test_quote_spanning_sentences_is_one_quote(nlp):
    text = ("\u201cThe first round went well. We expect a second round in April. Nobody should expect "
            "miracles,\u201d said the mediator, Jonas Lindqvist.")
    qs = quoted(run(nlp, text), "first round went well")
    assert len(qs) == 1
    assert "Nobody should expect miracles" in qs[0].text
    assert "Lindqvist" in (qs[0].speaker_name or "")


def test_quote_continued_in_next_paragraph(nlp):
    text = ("Jonas Lindqvist set out the plan in detail on Monday.\n"
            "\u201cThe first stage is an exchange of prisoners and the return of the dead.\n"
            "\u201cThe second stage pulls heavy guns back from the line,\u201d he said.")
    qs = [q for q in run(nlp, text) if q.kind == "direct"]
    assert len(qs) == 1, [(q.text, q.speaker_name) for q in qs]
    q = qs[0]
    assert "exchange of prisoners" in q.text and "heavy guns" in q.text
    assert len(q.segments) == 2
    assert "Lindqvist" in (q.speaker_name or "")  # "he" resolved to the last person


def test_nested_quotes_belong_to_the_outer_speaker(nlp):
    text = ("\u201cWhen they answered \u2018not this year\u2019, we walked out of the room,\u201d "
            "said delegate Amara Osei.")
    quotes = run(nlp, text)
    assert len(quoted(quotes, "not this year")) == 1  # the inner quote is part of the outer one
    q = one(quotes, "walked out")
    assert "not this year" in q.text and "Osei" in (q.speaker_name or "")


def test_unbalanced_mark_is_handled(nlp):
    text = ("The spokesman, Karl Brenner, said \u201cthe truce is holding and the convoys move tomorrow.\n"
            "Aid agencies said they were ready.")
    quotes = run(nlp, text)  # must not raise
    q = one(quotes, "truce is holding")
    assert "Brenner" in (q.speaker_name or "")
    assert "Aid agencies" not in q.text  # an unclosed quote ends with its paragraph
    spans = find_quoted_spans('He said "yes and then" more" and "no')
    assert spans and all(s.start < s.end for s in spans)


def test_stray_closing_mark_only(nlp):
    quotes = run(nlp, "Nothing was agreed\u201d, a diplomat in Vienna said after the meeting.")
    assert all(q.start < q.end for q in quotes)


def test_so_called_name_is_not_speech(nlp):
    text = ("Ministers of the so-called \u201ccircle of guarantors\u201d met in Ankara, and the "
            "\u201cNorthern Shield Initiative\u201d sent observers.")
    quotes = run(nlp, text)
    assert not quoted(quotes, "circle of guarantors")
    assert not quoted(quotes, "Northern Shield")


def test_scare_quote_with_no_speaker_is_not_speech(nlp):
    quotes = run(nlp, "The two armies observed an uneasy \u201cpause\u201d along the river for a week.")
    assert not quoted(quotes, "pause")


def test_speaker_in_previous_sentence(nlp):
    text = ("Prime Minister Halvard Stene spoke briefly to reporters outside the hotel in Oslo.\n"
            "\u201cWe came to listen, not to sign anything.\u201d")
    q = one(run(nlp, text), "came to listen")
    assert "Stene" in (q.speaker_name or "")


def test_pronoun_she_resolved_to_last_person(nlp):
    text = ("Lena Okafor arrived in Nairobi on Sunday for the regional summit. "
            "\u201cThe corridor must stay open,\u201d she said.")
    q = one(run(nlp, text), "corridor must stay open")
    assert q.source_text == "she"
    assert "Okafor" in (q.speaker_name or "")


def test_pronoun_it_resolved_to_an_organisation_or_state(nlp):
    text = ("The European Union held an emergency meeting on Thursday. "
            "It said that sanctions would stay in place until the withdrawal.")
    qs = [q for q in run(nlp, text) if q.kind == "indirect" and "sanctions" in q.text]
    assert qs and qs[0].source_text == "It"
    assert qs[0].speaker_name and "European" in qs[0].speaker_name


# -- reported speech, partial quotes, sources --------------------------------------------

def test_indirect_speech_with_that_clause(nlp):
    qs = run(nlp, "Defence Minister Ilse Marten warned that the front could collapse within weeks.")
    ind = [q for q in qs if q.kind == "indirect"]
    assert ind and ind[0].cue == "warned"
    assert "front could collapse" in ind[0].text and "Marten" in (ind[0].speaker_name or "")


def test_according_to(nlp):
    qs = run(nlp, "According to Tomas Leclerc, the convoy reached the port at dawn.")
    q = next(q for q in qs if q.cue and q.cue.lower().startswith("according"))
    assert "convoy reached the port" in q.text and "Leclerc" in (q.speaker_name or "")


def test_partial_quote_takes_the_speaker_of_its_clause(nlp):
    text = "Tomas Leclerc described the first meeting as \u201cfrank but useful\u201d after it ended."
    q = one(run(nlp, text), "frank but useful")
    assert q.kind == "partial" and q.parent_id
    assert "Leclerc" in (q.speaker_name or "")


def test_readout_channel_and_its_issuer(nlp):
    text = ("A readout released by Jonas Lindqvist on March 3 said both delegations saw "
            "\u201csteady movement\u201d on the prisoner file.")
    q = one(run(nlp, text), "steady movement")
    assert "Lindqvist" in (q.speaker_name or "")
    assert q.channel == "readout"
    assert q.time_value == "2025-03-03"


def test_possessive_document_source(nlp):
    text = ("Germany\u2019s new defence white paper calls for \u201ca stronger eastern flank\u201d within "
            "five years.")
    q = one(run(nlp, text), "stronger eastern flank")
    assert q.speaker_country == "DEU" or "German" in (q.speaker_name or "")
    assert q.channel and "white paper" in q.channel


def test_officials_of_a_place_speak_for_the_state(nlp):
    text = "Warsaw officials called the drone incursion \u201ca deliberate provocation\u201d on Friday."
    q = one(run(nlp, text), "deliberate provocation")
    assert q.speaker_country == "POL"


def test_direct_quote_carries_on_to_the_next_sentence(nlp):
    text = ("\u201cWe have the numbers,\u201d said Amara Osei, speaking of the vote. "
            "\u201cThe bill will pass this week.\u201d")
    qs = [q for q in run(nlp, text) if q.kind == "direct"]
    said = [q for q in qs if "numbers" in q.text]
    assert len(said) == 1 and "bill will pass" in said[0].text
    assert "Osei" in (said[0].speaker_name or "")


@pytest.mark.parametrize("text", ["", "\u201c", "\u201d\u201d\u201c", "'''", "He said: \u201c"])
def test_degenerate_inputs_do_not_raise(nlp, text):
    run(nlp, text)


def test_stored_quotes_are_listed_by_speaker_and_date(nlp, store):
    from parley.extract.quotes.query import list_quotes
    from parley.records import content_hash

    text = ("Tomas Leclerc told reporters on March 3 that the convoy had reached the port.\n"
            "\u201cWe will keep the corridor open,\u201d said Lena Okafor.")
    article = Article(id="store-1", text=text, published=datetime(2025, 3, 14), content_hash=content_hash(text),
                      origin="test", origin_kind="text")
    store.write_batch("b1", [article], [])
    store.save_analysis(analyze_article(article, nlp))
    okafor = list_quotes(store, actor="okafor")
    assert [r["kind"] for r in okafor] == ["direct"] and "corridor" in okafor[0]["text"]
    assert {r["speaker_name"] for r in list_quotes(store, actor="Leclerc")} == {"Tomas Leclerc"}
    # the told-quote is dated March 3, the other one (a paragraph with no date) by the publication day
    assert [r["speaker_name"] for r in list_quotes(store, since=datetime(2025, 3, 10))] == ["Lena Okafor"]
    segments = store.query("SELECT segments FROM quotes WHERE article_id = 'store-1' AND kind = 'direct'")
    assert segments and segments[0]["segments"]
