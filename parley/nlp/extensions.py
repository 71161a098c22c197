"""Doc extension attributes our components read and set.

Set before the pipeline runs (by ``parley.analyze``): ``article_id``, ``dct`` (the
publication datetime, the anchor of relative dates). Set by components: see
``PARLEY_COMPONENTS`` in ``parley.nlp.pipeline`` for which component assigns which.
"""

from __future__ import annotations

from spacy.tokens import Doc

_DOC_ATTRS = {
    "article_id": None,
    "dct": None,  # datetime | None
    "actor_mentions": None,  # list[Mention]
    "actors": None,  # dict[str, Actor]
    "times": None,  # list[TimeExpr]
    "quotes": None,  # list[Quote]
    "events": None,  # list[Event]
    "stances": None,  # list[Stance]
}


def register_extensions() -> None:
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
