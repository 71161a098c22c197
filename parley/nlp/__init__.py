"""The spaCy pipeline: model loading, Doc extensions and our registered components."""

from parley.nlp.pipeline import PARLEY_COMPONENTS, load_nlp, model_info, resolve_model

__all__ = ["PARLEY_COMPONENTS", "load_nlp", "model_info", "resolve_model"]
