"""Actor mentions, one test per mechanism, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from parley.analyze import analyze_article
from parley.records import Article, ArticleAnalysis, Mention


def analyse(nlp, text: str, article_id: str = "t") -> ArticleAnalysis:
    return analyze_article(Article(id=article_id, text=text), nlp)


def mention(an: ArticleAnalysis, text: str, nth: int = 0) -> Mention:
    found = [m for m in an.mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} (#{nth}) in {[m.text for m in an.mentions]}"
    return found[nth]


def actor(an: ArticleAnalysis, actor_id: str):
    by_id = {a.id: a for a in an.actors}
    assert actor_id in by_id, f"{actor_id} not in {sorted(by_id)}"
    return by_id[actor_id]


# -- titles and roles -------------------------------------------------------------------
def test_title_gives_role_and_country_to_a_person_the_kb_does_not_know(nlp):
    an = analyse(nlp, "Estonian Defence Minister Hanno Pevkur arrived in Tallinn on Tuesday.")
    m = mention(an, "Hanno Pevkur")
    assert (m.actor_id, m.role, m.country, m.resolved_by) == ("person:hanno-pevkur", "Defence Minister", "EST", "text")
    a = actor(an, "person:hanno-pevkur")
    assert a.source == "text" and a.country == "EST" and a.acts_for == "state:EST"
    assert {"title": "Defence Minister", "source": "text", "country": "EST"} in a.roles


def test_title_on_a_kb_person_is_kept_with_the_kb_roles(nlp):
    an = analyse(nlp, "French President Emmanuel Macron telephoned the Polish leader on Sunday.")
    m = mention(an, "Emmanuel Macron")
    assert (m.actor_id, m.role, m.country) == ("person:emmanuel-macron", "President", "FRA")
    assert mention(an, "French").actor_id == "state:FRA"
    a = actor(an, "person:emmanuel-macron")
    assert any(r.get("source") == "kb" and r["title"] == "President" for r in a.roles)


def test_a_typo_inside_a_title_does_not_lose_the_person(nlp):
    an = analyse(nlp, "Latvian Armed Forces chief of sttaff Janis Berzins said the drills would continue.")
    m = mention(an, "Janis Berzins")
    assert m.actor_type == "person" and m.country == "LVA"
    assert m.role.endswith("chief of sttaff")
    assert not any(a.type == "organisation" for a in an.actors)  # the force is a body of Latvia
    assert actor(an, "body:lva-armed-forces").country == "LVA"


def test_possessor_before_the_title_gives_relation_and_acting_for(nlp):
    an = analyse(nlp, "Prime Minister Mark Carney's national security adviser Nathalie Drouin travelled to Brussels.")
    m = mention(an, "Nathalie Drouin")
    assert m.role == "national security adviser"
    assert m.relation == {"type": "national security adviser", "of": "person:mark-carney"}
    a = actor(an, "person:nathalie-drouin")
    assert a.country == "CAN" and a.acts_for == "state:CAN"
    brussels = mention(an, "Brussels")
    assert brussels.actor_type == "place" and brussels.country == "BEL" and brussels.actor_id is None


def test_possessive_pronoun_in_a_coordination_refers_to_the_parallel_possessor(nlp):
    an = analyse(nlp, "Chancellor Friedrich Merz's foreign policy adviser Gunter Sautter and his spokesman "
                      "Stefan Kornelius briefed reporters.")
    m = mention(an, "Stefan Kornelius")
    assert m.relation == {"type": "spokesman", "of": "person:friedrich-merz"}
    assert m.country == "DEU"


def test_possessive_pronoun_refers_to_the_subject_before_it(nlp):
    an = analyse(nlp, "Senator Maria Duarte arrived with her chief of staff Joaquim Reis.")
    m = mention(an, "Joaquim Reis")
    assert m.relation is not None and m.relation["of"] == mention(an, "Maria Duarte").actor_id
    assert m.role == "chief of staff"


def test_kinship_is_a_relation_not_an_office(nlp):
    an = analyse(nlp, "President Donald Trump met the envoys with his daughter Ivanka Trump at his side.")
    m = mention(an, "Ivanka Trump")
    assert m.relation == {"type": "daughter", "of": "person:donald-trump"}
    assert actor(an, "person:ivanka-trump").acts_for is None


def test_apposition_with_a_pronoun_and_a_bare_surname_at_a_sentence_start(nlp):
    an = analyse(nlp, "Donald Trump spoke first. Ivanka Trump, his daughter, followed. Trump then left.")
    assert mention(an, "Ivanka Trump").relation == {"type": "daughter", "of": "person:donald-trump"}
    last = [m for m in an.mentions if m.text == "Trump"]
    assert last and last[-1].actor_id == "person:donald-trump"  # the KB's Trump, not Ivanka


def test_apposition_gives_role_country_and_relation(nlp):
    an = analyse(nlp, "Olena Kovalenko, a Ukrainian diplomat, told reporters the plan was unworkable. "
                      "Dmitri Volkov, an aide to Vladimir Putin, said the offer stood.")
    kovalenko = mention(an, "Olena Kovalenko")
    assert (kovalenko.role, kovalenko.country) == ("diplomat", "UKR")
    volkov = mention(an, "Dmitri Volkov")
    assert (volkov.role, volkov.country) == ("aide", "RUS")
    assert volkov.relation == {"type": "aide", "of": "person:vladimir-putin"}


def test_members_of_a_national_group_take_its_country(nlp):
    an = analyse(nlp, "Polish officials, including deputy minister Marek Zawada and adviser Ewa Lis, "
                      "attended the meeting in Geneva.")
    assert mention(an, "Marek Zawada").country == "POL"
    assert mention(an, "Ewa Lis").country == "POL"
    assert mention(an, "Geneva").actor_type == "place"


# -- metonymy -----------------------------------------------------------------------------
def test_capital_as_subject_is_the_government_and_after_in_is_a_place(nlp):
    an = analyse(nlp, "Beijing rejected the proposal on Monday, while the delegation stayed in Beijing.")
    actor_use, place_use = mention(an, "Beijing", 0), mention(an, "Beijing", 1)
    assert (actor_use.actor_id, actor_use.is_metonym, actor_use.resolved_by) == ("state:CHN", True, "metonym")
    assert (place_use.actor_id, place_use.actor_type, place_use.country) == (None, "place", "CHN")


def test_conjoined_capitals_and_seats_of_power_act(nlp):
    an = analyse(nlp, "Ottawa and Canberra signed the accord, but talks with the Kremlin stalled "
                      "and the Elysee's response was cool.")
    assert mention(an, "Ottawa").actor_id == "state:CAN"
    assert mention(an, "Canberra").actor_id == "state:AUS"
    kremlin = next(m for m in an.mentions if "Kremlin" in m.text)
    elysee = next(m for m in an.mentions if "Elysee" in m.text)
    assert kremlin.actor_id == "state:RUS" and kremlin.is_metonym
    assert elysee.actor_id == "state:FRA" and elysee.is_metonym


def test_seat_of_power_speaking_acts_but_outside_it_is_a_place(nlp):
    an = analyse(nlp, "Downing Street said the talks were constructive. Protesters gathered outside Downing Street.")
    speaking, location = mention(an, "Downing Street", 0), mention(an, "Downing Street", 1)
    assert speaking.actor_id == "state:GBR" and speaking.is_metonym
    assert location.actor_type == "place" and location.actor_id is None and location.country == "GBR"


def test_capital_modifying_an_official_is_the_government(nlp):
    an = analyse(nlp, "Tehran officials denied the report, and a White House spokesman declined to comment.")
    assert mention(an, "Tehran").actor_id == "state:IRN"
    assert mention(an, "White House").actor_id == "state:USA"


def test_visited_capital_is_a_place(nlp):
    an = analyse(nlp, "The minister visited Ankara and then flew to Baku.")
    assert mention(an, "Ankara").actor_type == "place"
    assert mention(an, "Baku").actor_type == "place"
    assert not any(a.type == "state" for a in an.actors)


# -- demonyms, names, places --------------------------------------------------------------
def test_demonyms_resolve_to_the_state(nlp):
    an = analyse(nlp, "Ukrainian officials said a Russian missile hit the depot.")
    assert (mention(an, "Ukrainian").actor_id, mention(an, "Ukrainian").resolved_by) == ("state:UKR", "demonym")
    assert mention(an, "Russian").actor_id == "state:RUS"


def test_ambiguous_country_name_and_person_name(nlp):
    an = analyse(nlp, "Israel Katz spoke to Jordan's foreign minister about Gaza.")
    assert mention(an, "Israel Katz").actor_id == "person:israel-katz"
    assert mention(an, "Jordan").actor_id == "state:JOR"
    assert mention(an, "Gaza").actor_type == "place" and mention(an, "Gaza").country == "PSE"


def test_transliteration_variants_resolve_to_one_actor(nlp):
    an = analyse(nlp, "Zelensky spoke first. Later Zelenskiy added a warning, and Volodymyr Zelenskyy left.")
    ids = {m.actor_id for m in an.mentions if m.text.startswith(("Zelensk", "Volodymyr"))}
    assert ids == {"person:volodymyr-zelenskyy"}


def test_generic_institution_without_country_is_not_an_actor(nlp):
    an = analyse(nlp, "The Foreign Ministry said the Armed Forces were ready, "
                      "and the Russian Defence Ministry denied it.")
    assert [a.id for a in an.actors] == ["body:rus-defence-ministry"]
    assert actor(an, "body:rus-defence-ministry").type == "government_body"


def test_kb_organisations_and_groups(nlp):
    an = analyse(nlp, "NATO and the OSCE urged restraint as Hamas and the Houthis issued statements.")
    assert mention(an, "NATO").actor_id == "org:nato"
    assert mention(an, "OSCE").actor_id == "org:osce"
    assert (mention(an, "Hamas").actor_type, mention(an, "Hamas").country) == ("group", "PSE")
    assert next(m for m in an.mentions if "Houthis" in m.text).actor_id == "group:houthis"


def test_misspelt_country_name_still_resolves(nlp):
    an = analyse(nlp, "Pakistan rejected an offer from Afganistan for direct talks.")
    assert "state:AFG" in {m.actor_id for m in an.mentions}


# -- document-level consistency -----------------------------------------------------------
def test_surname_resolves_to_the_full_name_in_the_same_document(nlp):
    an = analyse(nlp, "Negotiator Lars Henriksen arrived late on Friday. Henriksen said the Danish team "
                      "would stay, and Henriksen's deputy agreed.")
    ids = {m.actor_id for m in an.mentions if "Henriksen" in m.text}
    assert ids == {"person:lars-henriksen"}
    assert len([m for m in an.mentions if m.actor_id == "person:lars-henriksen"]) == 3
    assert actor(an, "person:lars-henriksen").name == "Lars Henriksen"


def test_actor_ids_are_stable_across_articles(nlp):
    first = analyse(nlp, "Envoy Rosa Lindqvist met Ukrainian officials in Lviv.", "a1")
    second = analyse(nlp, "Rosa Lindqvist, a Swedish envoy, later met Russian officials.", "a2")
    assert mention(first, "Rosa Lindqvist").actor_id == mention(second, "Rosa Lindqvist").actor_id
    assert mention(first, "Ukrainian").actor_id == "state:UKR" and mention(second, "Russian").actor_id == "state:RUS"


# -- span trimming --------------------------------------------------------------------------
def test_ner_span_across_a_credit_line_is_trimmed(nlp):
    text = "Photo: Reuters/@photodesk\nThe United States and Belgium signed the pact."
    an = analyse(nlp, text)
    us = mention(an, "United States")
    assert us.actor_id == "state:USA" and us.start > text.index("\n")
    assert mention(an, "Belgium").actor_id == "state:BEL"
    assert not any("@" in m.text or "Photo" in m.text for m in an.mentions)


def test_trim_entity_drops_leading_determiner_trailing_and_possessive(nlp):
    from parley.extract.actors.spans import trim_entity

    doc = nlp.make_doc("Talks with the Ruslan Petrenko and aides ended. Anna Volk's plan won.")
    for start, end, label, expected in [(2, 6, "ORG", "Ruslan Petrenko"), (9, 12, "PERSON", "Anna Volk")]:
        doc.ents = [Span(doc, start, end, label=label)]
        pieces = trim_entity(doc, start, end, label)
        assert [doc[s:e].text for s, e in pieces] == [expected]


def test_title_is_trimmed_off_a_person_span(nlp):
    from parley.extract.actors.spans import trim_entity

    doc = nlp.make_doc("President Alar Karis spoke.")
    assert [doc[s:e].text for s, e in trim_entity(doc, 0, 3, "PERSON")] == ["Alar Karis"]


# -- user YAML --------------------------------------------------------------------------------
def test_user_actors_file_adds_and_overrides(nlp, tmp_path):
    from parley.extract.actors import ActorsComponent

    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Ilse Vermeer\n"
        "    type: person\n"
        "    country: NLD\n"
        "    aliases: [I. Vermeer]\n"
        "    roles: [{title: Special Envoy for the Sahel, country: NLD, start: '2025-03-01', end: null}]\n"
        "  - name: Mark Rutte\n"
        "    aliases: [Rutte the Teflon]\n"
        "seats:\n"
        "  Catshuis: NLD\n"
        "places:\n"
        "  Zandvoort: NLD\n",
        encoding="utf-8",
    )
    component = ActorsComponent(nlp, str(path))
    doc = nlp("Vermeer met Mark Rutte in Zandvoort. Ilse Vermeer said the Catshuis had approved the plan.")
    doc = component(doc)
    by_text = {m.text: m for m in doc._.actor_mentions}
    assert by_text["Ilse Vermeer"].actor_id == "person:ilse-vermeer"
    assert doc._.actors["person:ilse-vermeer"].source == "user"
    assert doc._.actors["person:ilse-vermeer"].country == "NLD"
    assert by_text["Vermeer"].actor_id == "person:ilse-vermeer"
    assert "Rutte the Teflon" in doc._.actors["person:mark-rutte"].aliases
    assert by_text["Zandvoort"].actor_type == "place" and by_text["Zandvoort"].country == "NLD"
    catshuis = next(m for m in doc._.actor_mentions if "Catshuis" in m.text)
    assert catshuis.actor_id == "state:NLD" and catshuis.is_metonym


def test_malformed_user_actors_file_is_a_clear_error(nlp, tmp_path):
    from parley.extract.actors import ActorsComponent
    from parley.errors import ActorsFileError

    path = tmp_path / "bad.yaml"
    path.write_text("actors:\n  - type: person\n", encoding="utf-8")
    with pytest.raises(ActorsFileError):
        ActorsComponent(nlp, str(path))


# -- bad input ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "", "   \n\n  ",
    "Президент Украины встретился с министром в Киеве.",
    "习近平在北京会见了来访的总理。",
    "\"\" '' “” ‘’ “”“”",
    "1 2 3 4.5 600,000 1999 2025-12-06 42 -7",
])
def test_bad_input_yields_lists_without_error(nlp, text):
    an = analyse(nlp, text)
    assert isinstance(an.mentions, list) and isinstance(an.actors, list)
    for m in an.mentions:
        assert text[m.start:m.end] == m.text


def test_long_single_sentence_through_the_full_pipeline(nlp):
    unit = "Ukrainian envoy Olena Kovalenko and Putin met officials in Moscow while Kyiv and the Kremlin argued, "
    text = unit * 120  # one sentence of about 12k characters
    an = analyse(nlp, text)
    assert len([m for m in an.mentions if m.actor_id == "person:vladimir-putin"]) >= 100
    assert all(text[m.start:m.end] == m.text for m in an.mentions)


def test_one_megabyte_of_one_sentence_stays_linear(nlp):
    """The component alone on a 1 MB single-sentence doc (tokenizer output, so the
    statistical model's own cost is left out): it must finish and stay linear."""
    import time

    from parley.extract.actors import extract_actors

    component = nlp.get_pipe("parley_actors_v1")
    unit = "Ukrainian envoy Olena Kovalenko and Putin met officials in Moscow while Kyiv and the Kremlin argued, "
    timings = []
    for size in (100_000, 1_000_000):
        doc = nlp.make_doc((unit * (size // len(unit) + 1))[:size])
        start = time.perf_counter()
        mentions, actors = extract_actors(doc, component.kb, component.exact_matcher, component.lower_matcher)
        timings.append(time.perf_counter() - start)
        assert mentions and "state:UKR" in actors
    assert timings[1] < timings[0] * 30  # ten times the text, well under thirty times the time


# -- places the NER calls organisations, names by their head word, non-names ---------------
def test_a_name_used_as_a_place_is_a_place_not_an_organisation(nlp):
    an = analyse(nlp, "Aid trucks reached the Qasrin camp on Monday. Thousands of people remain in Qasrin, "
                      "and officials said Qasrin residents lack water.")
    for m in an.mentions:
        if m.text == "Qasrin":
            assert (m.actor_id, m.actor_type, m.resolved_by) == (None, "place", "place-use"), m
    assert not any(a.name == "Qasrin" for a in an.actors)


def test_a_name_acting_stays_an_organisation(nlp):
    an = analyse(nlp, "Stratvane said on Tuesday that the talks had stalled. Stratvane also warned of new "
                      "sanctions, an analyst at Stratvane added.")
    assert any(a.name == "Stratvane" and a.type == "organisation" for a in an.actors), an.actors


def test_organisation_named_in_a_role_phrase_is_found_by_its_head_word(nlp):
    an = analyse(nlp, "Maria Lopez, program director for the Displaced Families in Cities Project at "
                      "Halvorsen University's Brandt International Center, said the camp was unsafe.")
    names = {a.name: a.type for a in an.actors}
    assert names.get("Displaced Families in Cities Project") == "organisation", names
    assert names.get("Brandt International Center") == "organisation", names


@pytest.mark.parametrize("text", [
    "Gaunt and silent, the prisoners were led out. The guards said nothing.",
    "He said the talks would resume. She agreed, and They left for Geneva.",
])
def test_common_words_and_pronouns_never_become_people(nlp, text):
    an = analyse(nlp, text)
    assert not [a for a in an.actors if a.type == "person"], an.actors
    assert not any(m.text.lower() in ("he", "she", "they", "gaunt") for m in an.mentions if m.actor_id)


def test_a_gazetteer_place_speaking_stays_a_place_with_its_metonymic_role(nlp):
    an = analyse(nlp, "Mosul announced a curfew after the attack, and shops in Mosul closed early.")
    speaking, located = mention(an, "Mosul", 0), mention(an, "Mosul", 1)
    assert (speaking.actor_id, speaking.actor_type, speaking.is_metonym, speaking.resolved_by) == \
        (None, "place", True, "place-metonym")
    assert (located.actor_type, located.is_metonym, located.resolved_by) == ("place", False, "place")
