"""Datelines, agency names and credit lines (``parley_credits_v1``) on the real model:
what is marked, what is not, and that no later layer takes them for actors or events."""

from __future__ import annotations

import pytest
import spacy

from parley.analyze import analyze_article
from parley.errors import MissingPipelineInput
from parley.nlp.credits import SPAN_KEY, CreditKind, credit_spans, credit_tokens
from parley.records import Article


def _marked(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.label_, s.text) for s in doc.spans[SPAN_KEY]]


@pytest.mark.parametrize("text, dateline, agency", [
    ("HANOI, Vietnam (AP) — Vietnam accused China of harassing its fishing boats.", "HANOI, Vietnam (AP) —", "AP"),
    ("WASHINGTON (Reuters) - The United States imposed sanctions on Iran.", "WASHINGTON (Reuters) -", "Reuters"),
    ("MOSCOW, Dec 3 (Reuters) - Russia said it shot down 40 drones.", "MOSCOW, Dec 3 (Reuters) -", "Reuters"),
    ("KYIV, Ukraine, Dec. 6, 2025 (AP) — Zelensky met the envoys.", "KYIV, Ukraine, Dec. 6, 2025 (AP) —", "AP"),
    ("LIMA, May 3 (Reuters) -- Peru recalled its ambassador.", "LIMA, May 3 (Reuters) --", "Reuters"),
    ("Beirut (AFP) - Israeli jets struck southern Lebanon.", "Beirut (AFP) -", "AFP"),
    ("OSLO — An armed drone struck a Norwegian vessel.", "OSLO —", None),
    ("NEW DELHI: India and Pakistan agreed to hold talks.", "NEW DELHI:", None),
])
def test_datelines_of_several_shapes(nlp, text, dateline, agency):
    marked = _marked(nlp, text)
    assert (CreditKind.DATELINE.value, dateline) in marked
    agencies = [t for label, t in marked if label == CreditKind.AGENCY.value]
    assert agencies == ([agency] if agency else [])


def test_a_dateline_opens_a_paragraph_too(nlp):
    text = "Talks on a ceasefire resume.\n\nGENEVA (Reuters) - Envoys from both sides met on Monday."
    assert (CreditKind.DATELINE.value, "GENEVA (Reuters) -") in _marked(nlp, text)


@pytest.mark.parametrize("text", [
    "NATO said on Monday it would send more troops to the border.",  # an uppercase word opening a sentence
    "BREAKING: Russia attacks Kyiv with drones overnight.",  # a kicker word, not a place
    "NATO: allies agree on new aid for Ukraine.",  # a headline's colon after a name that is no place
    "The talks in Geneva - the third round - ended without a deal.",  # a dash inside a sentence
    "QUESTIONABLE MEDICAL CLAIMS — For years, the doctor has been dogged by charges.",  # a run-in heading
])
def test_no_dateline_where_none_is_written(nlp, text):
    assert not [t for label, t in _marked(nlp, text) if label == CreditKind.DATELINE.value]


@pytest.mark.parametrize("text, credit", [
    ("Russia said it shot down drones.\n\n(Reporting by Tom Balmforth; Editing by Mark Heinrich)",
     "(Reporting by Tom Balmforth; Editing by Mark Heinrich)"),
    ("Russia said it shot down drones.\nAdditional reporting by Jane Doe in Paris; Writing by Tom Lee",
     "Additional reporting by Jane Doe in Paris; Writing by Tom Lee"),
    ("Ukraine's president met the envoys.\nMaria Danilova in Kyiv contributed to this report.",
     "Maria Danilova in Kyiv contributed to this report."),
    ("The envoys met.\nAssociated Press writer Jim Heintz in Moscow contributed reporting to this report.",
     "Associated Press writer Jim Heintz in Moscow contributed reporting to this report."),
    ("By Parley sample desk\nFebruary 27, 2026\nThe envoys met in Oslo.", "By Parley sample desk"),
    ("Copyright 2019 The Associated Press. All rights reserved.",
     "Copyright 2019 The Associated Press. All rights reserved."),
    ("The envoys met in Oslo.\nFollow Tom Balmforth on Twitter @tombalmforth",
     "Follow Tom Balmforth on Twitter @tombalmforth"),
])
def test_credit_lines(nlp, text, credit):
    assert (CreditKind.CREDIT.value, credit) in _marked(nlp, text)


def test_agency_names_inside_credit_lines(nlp):
    marked = _marked(nlp, "The envoys met.\nCopyright 2019 The Associated Press. All rights reserved.")
    assert (CreditKind.AGENCY.value, "The Associated Press") in marked


def test_picture_credits_mark_the_credit_not_the_caption(nlp):
    text = ("Protesters gathered in Hanoi on Sunday. (AP Photo/Hau Dinh)\n"
            "Image copyright Getty Images Image caption Protesters marched through Hong Kong on Sunday\n"
            "Photo: Reuters/Maxim Shemetov\nThe ministry condemned the protest.")
    doc = nlp(text)
    credits = [s.text for s in credit_spans(doc, CreditKind.CREDIT)]
    assert credits == ["(AP Photo/Hau Dinh)", "Image copyright Getty Images Image caption",
                       "Photo: Reuters/Maxim Shemetov"]
    assert [s.text for s in credit_spans(doc, CreditKind.AGENCY)] == ["AP", "Getty Images", "Reuters"]
    covered = credit_tokens(doc)
    caption = text.index("Protesters marched")
    assert not any(t.i in covered for t in doc if t.idx >= caption and t.idx < caption + 40)


def test_prose_about_reporting_is_no_credit(nlp):
    """"Reporting by X showed ..." states something; "the letter written by Putin" is inside a sentence."""
    text = ("Reporting by the Kyiv Independent showed that Russia bombed a school.\n"
            "Diplomats discussed a letter written by Putin.")
    assert _marked(nlp, text) == []


def test_an_agency_reporting_inside_a_sentence_stays_a_source(nlp):
    """An agency named in the story's sentences is a source, not a credit: it keeps its
    mention and speaks its quote."""
    text = 'Reuters reported that Russian troops shelled Kharkiv. "The city is under fire," Reuters said.'
    analysis = analyze_article(Article(id="cr1", text=text), nlp)
    assert _marked(nlp, text) == []
    assert "Reuters" in {m.text for m in analysis.mentions}
    speakers = {q.speaker_name for q in analysis.quotes if q.kind == "direct"}
    assert speakers == {"Reuters"}


def test_a_dateline_never_becomes_an_event_actor(nlp):
    text = ("HANOI, Vietnam (AP) — Police accused the protesters of spreading rumours on Tuesday.\n\n"
            "WASHINGTON (Reuters) - The United States imposed new sanctions on Iran on Monday.\n\n"
            "OSLO — An armed drone struck a Norwegian coast guard vessel in the Barents Sea on Friday.\n\n"
            "Beirut (AFP) - Israeli jets struck southern Lebanon on Saturday.")
    analysis = analyze_article(Article(id="cr2", text=text), nlp)
    named = [(a.name, a.mention_start) for ev in analysis.events for a in ev.sources + ev.targets]
    datelines = [(text.index(w), text.index(w) + len(w)) for w in ("HANOI, Vietnam (AP)", "WASHINGTON (Reuters)",
                                                                     "OSLO", "Beirut (AFP)")]
    assert not [n for n, start in named if start is not None and any(s <= start < e for s, e in datelines)]
    by_type = {(ev.type, tuple(a.name for a in ev.sources), tuple(a.name for a in ev.targets))
               for ev in analysis.events}
    assert ("SANCTION", ("United States",), ("Iran",)) in by_type
    # the weapon is the subject: the attacker is unknown, the vessel's state is the target
    assault = [ev for ev in analysis.events if ev.type == "ASSAULT" and "drone" in ev.evidence]
    assert len(assault) == 1 and not assault[0].sources and [a.country for a in assault[0].targets] == ["NOR"]
    # the parser made "Beirut" a second subject: the jets' state is the attacker
    assert ("ASSAULT", ("Israel",), ("Lebanon",)) in by_type


def test_a_credit_line_makes_no_event_and_no_speaker(nlp):
    text = ("Ukraine and Poland signed a grain deal in Warsaw on Monday, officials said.\n\n"
            "The Associated Press contributed to this report.\n\n"
            "Associated Press writers Jim Heintz in Moscow and Hanna Arhirova in Kyiv contributed to this report.\n"
            "(Reporting by Pavel Polityuk; Editing by Mark Heinrich)")
    analysis = analyze_article(Article(id="cr3", text=text), nlp)
    credit_start = text.index("The Associated Press")
    assert [ev.type for ev in analysis.events if ev.sentence_start >= credit_start] == []
    assert len(analysis.events) == 1 and analysis.events[0].sentence_start == 0  # the deal
    assert not [q for q in analysis.quotes if q.cue_start is not None and q.cue_start >= credit_start]


def test_missing_entities_fail_loudly_with_a_numbered_error():
    nlp = spacy.blank("en")
    import parley.nlp.credits  # noqa: F401  (registers the factory)

    nlp.add_pipe("parley_credits_v1")
    with pytest.raises(MissingPipelineInput) as info:
        nlp("HANOI, Vietnam (AP) — Police arrested ten people.")
    assert info.value.code == "E162" and "ner" in info.value.message
    assert len(nlp("").spans[SPAN_KEY]) == 0  # an empty text needs nothing
