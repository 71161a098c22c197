"""The knobs the CLI exposes to ingest (re-exported as ``parley.ingest.IngestOptions``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class IngestOptions:
    published: datetime | None = None  # --published: fallback publication date
    follow_links: bool = False  # feeds: fetch each item's linked page
    allow_private: bool = False  # URLs: allow loopback/private/link-local addresses
    max_bytes: int = 20 * 1024 * 1024  # size cap for one file, response or record
    timeout: float = 20.0  # seconds, for a URL fetch in total (every redirect hop and read)
    max_redirects: int = 5
    doc_timeout: float = 30.0  # seconds of wall-clock time to read one document (0: no budget)
    max_header_bytes: int = 64 * 1024  # one header line of a WARC record or HTTP response
    max_encoding_layers: int = 2  # Content-Encoding layers (gzip, deflate) undone, each capped
