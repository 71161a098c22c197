"""Sources to articles: one reader per kind of source, all yielding ``Article`` records
or ``IngestProblem`` records (never raising for a bad document).

Public API (used by the pipeline runner, the evaluation and the Spark job):

- ``IngestOptions``: the knobs the CLI exposes.
- ``iter_documents(sources, options)``: stream ``Article | IngestProblem`` from paths,
  directories (recursive, content-sniffed), ``-`` (stdin) and http(s) URLs.
- ``read_text_file(path)``: one plain-text article (used by ``parley eval``).
- ``article_from_text(...)``: build a finished article from text and metadata.

Cleaning happens inside the readers: every Article that ``iter_documents`` (or
``read_text_file``) returns has already been through ``CLEANING_STAGES`` (whitespace
and invisible characters, language detection, content hash and id). ``DEFAULT_STAGES``
is therefore empty: it is the list of *further* stages the pipeline runner applies.

Modules: ``sources`` (dispatch), ``sniff`` (what kind of bytes), ``decode`` (encodings),
``text``, ``html``, ``feeds``, ``warc``, ``jsonl`` (one reader each), ``fetch`` and
``url`` (HTTP with guards), ``dates``, ``language``, ``clean``, ``build``.
"""

from __future__ import annotations

from parley.ingest.options import IngestOptions
from parley.ingest.build import article_from_text, finish_article, problem_from_error
from parley.ingest.clean import CLEANING_STAGES, DEFAULT_STAGES
from parley.ingest.sources import iter_documents, read_path
from parley.ingest.text import read_text, read_text_file

__all__ = [
    "CLEANING_STAGES",
    "DEFAULT_STAGES",
    "IngestOptions",
    "article_from_text",
    "finish_article",
    "iter_documents",
    "problem_from_error",
    "read_path",
    "read_text",
    "read_text_file",
]
