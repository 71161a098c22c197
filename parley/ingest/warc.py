"""WARC / WARC.gz archives via warcio, streamed record by record.

Each HTTP response record gives exactly one outcome (an article, or a problem or skip
with its reason), so "ingested + skipped = response records" can be checked. Requests,
metadata and warcinfo records are protocol bookkeeping, not documents: they are
counted in one summary skip per archive. A truncated archive keeps every record read
before the cut and adds one E104 problem for the archive.

Every part of a record is capped: each header line (WARC and HTTP) at
``max_header_bytes``, each header block at 16 of those, the body at ``max_bytes``. A
header over its cap ends the archive with one E108 problem (the reader cannot find the
next record without reading the oversized one).
"""

from __future__ import annotations

import zlib
from collections import Counter
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from parley.errors import (
    IngestError, SkippedHTTPStatus, SkippedNonHTML, SkippedRecordType, TooLarge, TruncatedArchive,
)
from parley.ingest.build import ByteStream, Outcome, problem_from_error, unexpected_problem
from parley.ingest.dates import parse_date
from parley.ingest.options import IngestOptions
from parley.ingest.sniff import sniff
from parley.records import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
HEADER_LINES_PER_BLOCK = 16  # a header block holds at most this many maximal lines' worth of bytes


class _CappedReader(DecompressingBufferedReader):
    """warcio's reader with bounded header reads: warcio reads header lines with an
    unbounded ``readline()``, so one 2 GB line would be held (and copied) in memory."""

    def __init__(self, *args, line_cap: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_cap = line_cap
        self.block_bytes = 0  # header bytes read since the last body read

    def readline(self, length=None):
        if length is None or length < 0 or length > self.line_cap + 1:
            length = self.line_cap + 1
        line = super().readline(length)
        self.block_bytes += len(line)
        if len(line) > self.line_cap and not line.endswith(b"\n"):
            raise TooLarge(f"WARC header line over the {self.line_cap}-byte cap")
        if self.block_bytes > self.line_cap * HEADER_LINES_PER_BLOCK:
            raise TooLarge(f"WARC header block over the {self.line_cap * HEADER_LINES_PER_BLOCK}-byte cap")
        return line

    def read(self, length=None):
        self.block_bytes = 0
        return super().read(length)


def _archive_records(stream: ByteStream, options: IngestOptions) -> ArchiveIterator:
    records = ArchiveIterator(stream)
    records.reader = _CappedReader(records.fh, block_size=records.reader.block_size,
                                   line_cap=options.max_header_bytes)
    return records


def _record_origin(origin: str, record) -> str:
    rid = record.rec_headers.get_header("WARC-Record-ID") or ""
    return f"{origin}#{rid.strip('<>') or record.rec_headers.get_header('WARC-Target-URI')}"


def _response_outcome(record, origin: str, options: IngestOptions, truncated: list[str]) -> Outcome:
    """One response record -> its outcome; a truncated record's origin is added to
    ``truncated`` (whether or not the partial page still made an article)."""
    from parley.ingest.html import read_html

    uri = record.rec_headers.get_header("WARC-Target-URI")
    warc_date = parse_date(record.rec_headers.get_header("WARC-Date"))
    if record.http_headers is None:
        raise SkippedRecordType("response record without HTTP headers", detail=uri or "")
    status = record.http_headers.get_statuscode()
    if status != "200":
        raise SkippedHTTPStatus(f"HTTP status {status}, not 200", detail=uri or "")
    ctype = record.http_headers.get_header("Content-Type") or ""
    body = record.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        raise TooLarge(f"record body over the {options.max_bytes}-byte cap", detail=uri or "")
    if getattr(record.raw_stream, "limit", 0) > 0:
        truncated.append(origin)
    mime = ctype.split(";")[0].strip().lower()
    if mime not in HTML_TYPES and not (not mime and sniff(body[:8192]) == "html"):
        raise SkippedNonHTML(f"not HTML ({mime or 'no content type'})", detail=uri or "")
    outcome = read_html(
        body, origin=origin, options=options, origin_kind="warc", url=uri, content_type=ctype,
        fetched_at=warc_date, fallback_date=(warc_date, "warc") if warc_date else None,
    )
    if truncated and truncated[-1] == origin and isinstance(outcome, Article):
        outcome.warnings.append("WARC record truncated: the page is incomplete")
    return outcome


def read_warc(stream: ByteStream, *, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    other_records: Counter[str] = Counter()
    truncated: list[str] = []
    try:
        for record in _archive_records(stream, options):
            if record.rec_headers.get_header("Content-Length") is None:
                # warcio yields a header cut off by the end of the file as a record
                raise TruncatedArchive("WARC archive is truncated inside a record header",
                                       detail=str(record.rec_headers.get_header("WARC-Record-ID") or ""))
            if record.rec_type != "response":
                other_records[record.rec_type] += 1
                continue
            rec_origin = _record_origin(origin, record)
            try:
                yield _response_outcome(record, rec_origin, options, truncated)
            except IngestError as exc:
                yield problem_from_error(rec_origin, exc)
            except Exception as exc:  # one odd record never stops the archive
                yield unexpected_problem(rec_origin, exc, "extract")
    except (TooLarge, TruncatedArchive) as exc:  # the rest of the archive cannot be found
        yield problem_from_error(origin, exc)
        truncated.clear()
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError, KeyError) as exc:
        # warcio meets a header cut short (no target URI, no length) with these
        yield problem_from_error(origin, TruncatedArchive(f"truncated or corrupt WARC: {exc}"[:300]))
        truncated.clear()  # one E104 per archive (the problem table keys on origin and code)
    if truncated:
        yield problem_from_error(origin, TruncatedArchive("WARC archive is truncated: a record ends early",
                                                          detail=", ".join(truncated)[:2000]))
    if other_records:
        detail = ", ".join(f"{kind}: {n}" for kind, n in sorted(other_records.items()))
        yield problem_from_error(origin, SkippedRecordType("non-response WARC records skipped", detail=detail))
