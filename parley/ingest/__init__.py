"""Sources to articles: one reader per kind of source, all yielding ``Article`` records
or ``IngestProblem`` records (never raising for a bad document).

Public API (used by the pipeline runner, the evaluation and the Spark job):

- ``IngestOptions``: the knobs the CLI exposes.
- ``iter_documents(sources, options)``: stream ``Article | IngestProblem`` from paths,
  directories (recursive, content-sniffed), ``-`` (stdin) and http(s) URLs.
- ``read_text_file(path)``: one plain-text article (used by ``parley eval``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class IngestOptions:
    published: datetime | None = None  # --published: fallback publication date
    follow_links: bool = False  # feeds: fetch each item's linked page
    allow_private: bool = False  # URLs: allow loopback/private/link-local addresses
    max_bytes: int = 20 * 1024 * 1024  # size cap for one file, response or record
    timeout: float = 20.0  # seconds, for URL fetches
    max_redirects: int = 5
