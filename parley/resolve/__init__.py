"""Cross-article resolution, a stage after the store: actor identities across articles
(``actors``), incidents from event mentions (``incidents``), the store stage
(``link.link_store``) and live coverage (``watch``)."""

from parley.resolve.link import LinkReport, link_store, load_overrides

__all__ = ["LinkReport", "link_store", "load_overrides"]
