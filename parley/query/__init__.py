"""The read layer: every read of a Parley store goes through here (CLI listings, the
API, the web pages, exports). Read-only connections, typed filters, keyset pages with
a real ``next`` token. Imports no NLP code: listing a store never loads spaCy."""

from parley.query.db import Reader, open_reader
from parley.query.filters import (
                                  ActorFilter,
                                  ArticleFilter,
                                  EventFilter,
                                  FactFilter,
                                  IncidentFilter,
                                  NetworkFilter,
                                  QuoteFilter,
                                  StanceFilter,
                                  country_code,
)
from parley.query.pages import MAX_SIZE, Page, Select, paginate, stream

__all__ = [
                                  "MAX_SIZE",
                                  "ActorFilter",
                                  "ArticleFilter",
                                  "EventFilter",
                                  "FactFilter",
                                  "IncidentFilter",
                                  "NetworkFilter",
                                  "Page",
                                  "QuoteFilter",
                                  "Reader",
                                  "Select",
                                  "StanceFilter",
                                  "country_code",
                                  "open_reader",
                                  "paginate",
                                  "stream",
]
