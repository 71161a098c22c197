"""Sources to documents: paths, directories, ``-`` (stdin) and http(s) URLs.

Every source yields ``Article`` or ``IngestProblem`` records and never raises for a bad
document: typed ingest errors become problems with their code, anything unexpected
becomes an E100 problem, and the next document is read.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import sys
import zlib
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Iterator

from parley.errors import (
    BinaryContent, EmptyDocument, IngestError, NotFound, TooLarge, TruncatedArchive, UnsupportedFormat,
)
from parley.ingest.build import Outcome, problem_from_error, unexpected_problem
from parley.ingest.options import IngestOptions
from parley.ingest.sniff import HEAD_BYTES, binary_format, sniff
from parley.ingest.url import is_http_url

STDIN_ORIGIN = "<stdin>"
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


def iter_documents(sources: list[str], options: IngestOptions | None = None) -> Iterator[Outcome]:
    """Stream articles and problems from every source, in order (directories sorted)."""
    options = options or IngestOptions()
    for source in sources:
        if source == "-":
            yield from _guard(STDIN_ORIGIN, lambda: read_bytes(_read_capped(sys.stdin.buffer, options),
                                                               origin=STDIN_ORIGIN, options=options))
        elif is_http_url(source):
            yield from _guard(source, lambda: read_url(source, options))
        elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source):
            yield problem_from_error(source, UnsupportedFormat("only http and https URLs can be fetched"))
        else:
            path = Path(source)
            if path.is_dir():
                for file in walk_files(path):
                    yield from read_path(file, options)
            elif path.is_file():
                yield from read_path(path, options)
            else:
                yield problem_from_error(source, NotFound("no such file, folder or URL"))


def walk_files(root: Path) -> Iterator[Path]:
    """Every regular file under ``root``, sorted, skipping hidden files and folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _guard(origin: str, produce) -> Iterator[Outcome]:
    """Run a reader; whatever it yielded stands, and a failure becomes one problem."""
    try:
        yield from produce()
    except IngestError as exc:
        yield problem_from_error(origin, exc)
    except OSError as exc:
        yield problem_from_error(origin, NotFound(f"cannot read: {exc.strerror or exc}"))
    except Exception as exc:  # a reader bug on one document must not end the run
        yield unexpected_problem(origin, exc, "read")


def _read_capped(stream: BinaryIO, options: IngestOptions, what: str = "input") -> bytes:
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise TooLarge(f"{what} is over the {options.max_bytes}-byte cap")
    return data


def _capped_lines(stream: BinaryIO, cap: int) -> Iterator[bytes]:
    """Lines of a stream, never holding more than ``cap`` bytes of one line in memory
    (an oversized line is yielded as its first ``cap + 1`` bytes; the rest is dropped)."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while (rest := stream.readline(cap + 1)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_path(path: Path, options: IngestOptions) -> Iterator[Outcome]:
    yield from _guard(str(path), lambda: _read_path(path, options))


def read_file_object(fh: BinaryIO, *, size: int, origin: str, name: str, options: IngestOptions) -> Iterator[Outcome]:
    """A file already opened (or its bytes in a ``BytesIO``), read exactly as ``read_path``
    reads a file on disk: the Spark job feeds it files from any Hadoop-compatible store."""
    yield from _guard(origin, lambda: _read_file(fh, size, origin, name, options))


def _read_path(path: Path, options: IngestOptions) -> Iterator[Outcome]:
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocument("empty file (0 bytes)")
    with path.open("rb") as fh:
        yield from _read_file(fh, size, str(path), path.name, options)


def _read_file(fh: BinaryIO, size: int, origin: str, name: str, options: IngestOptions) -> Iterator[Outcome]:
    if size == 0:
        raise EmptyDocument("empty file (0 bytes)")
    head = fh.read(HEAD_BYTES)
    kind = sniff(head, name)
    if kind in ("warc", "gzip"):
        fh.seek(0)
        yield from _read_stream(kind, fh, origin, options, name=name)
        return
    if kind == "jsonl":
        fh.seek(0)
        yield from _jsonl(fh, origin, options)
        return
    if size > options.max_bytes:
        raise TooLarge(f"file of {size} bytes is over the {options.max_bytes}-byte cap")
    data = head + fh.read()
    yield from read_kind(kind, data, origin=origin, options=options, name=name)


def _jsonl(stream: BinaryIO, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    from parley.ingest.jsonl import read_jsonl

    yield from read_jsonl(_capped_lines(stream, options.max_bytes), origin=origin, options=options)


def _read_stream(kind: str, stream: BinaryIO, origin: str, options: IngestOptions, name: str = "") -> Iterator[Outcome]:
    """Streamed kinds: WARC (any size, capped per record) and gzip-wrapped documents."""
    from parley.ingest.warc import read_warc

    if kind == "warc":
        yield from read_warc(stream, origin=origin, options=options)
        return
    try:
        with gzip.GzipFile(fileobj=stream) as inner:
            head = inner.read(HEAD_BYTES)
            inner_name = name[:-3] if name.endswith(".gz") else name
            inner_kind = sniff(head, inner_name)
            if inner_kind == "warc":
                stream.seek(0)  # warcio reads gzip member by member itself
                yield from read_warc(stream, origin=origin, options=options)
                return
            if inner_kind == "jsonl":
                inner.seek(0)
                yield from _jsonl(inner, origin, options)
                return
            if inner_kind == "gzip":
                raise UnsupportedFormat("gzip inside gzip is not read")
            # the cap applies to the decompressed size: a small .gz can hide gigabytes
            data = head + _read_capped(inner, options, "decompressed content")
    except _GZIP_ERRORS as exc:
        raise TruncatedArchive(f"truncated or corrupt gzip: {exc}") from exc
    yield from read_kind(inner_kind, data, origin=origin, options=options, name=inner_name)


def read_bytes(data: bytes, *, origin: str, options: IngestOptions, name: str = "", url: str | None = None,
               content_type: str = "", fetched_at: datetime | None = None) -> Iterator[Outcome]:
    """A document already in memory (stdin, an HTTP response)."""
    kind = sniff(data[:HEAD_BYTES], name, content_type)
    if kind in ("warc", "gzip"):
        yield from _read_stream(kind, io.BytesIO(data), origin, options, name=name)
        return
    yield from read_kind(kind, data, origin=origin, options=options, name=name, url=url,
                         content_type=content_type, fetched_at=fetched_at)


def read_kind(kind: str, data: bytes, *, origin: str, options: IngestOptions, name: str = "",
              url: str | None = None, content_type: str = "", fetched_at: datetime | None = None) -> Iterator[Outcome]:
    from parley.ingest.decode import decode_bytes
    from parley.ingest.feeds import read_xml
    from parley.ingest.html import read_html
    from parley.ingest.jsonl import read_json
    from parley.ingest.text import read_text

    if kind == "empty":
        raise EmptyDocument("document contains only whitespace")
    if kind == "binary":
        raise BinaryContent(f"binary content ({binary_format(data[:HEAD_BYTES]) or 'not text'}), not a news document")
    if kind == "html":
        origin_kind = "url" if url and fetched_at else "html"
        yield read_html(data, origin=origin, options=options, origin_kind=origin_kind, url=url,
                        content_type=content_type, fetched_at=fetched_at)
    elif kind == "xml":
        yield from read_xml(data, origin=origin, options=options)
    elif kind in ("jsonl", "json"):
        yield from read_json(data, origin=origin, options=options)
    else:
        decoded = decode_bytes(data)
        yield read_text(decoded.text, origin=origin, options=options, warnings=decoded.warnings,
                        origin_kind="url" if url else "text", defaults={"url": url} if url else None)


def read_url(url: str, options: IngestOptions) -> Iterator[Outcome]:
    from parley.ingest.fetch import fetch

    page = fetch(url, options)
    if not page.body.strip():
        raise EmptyDocument("the server sent an empty body")
    yield from read_bytes(page.body, origin=url, options=options, name=page.url.rsplit("/", 1)[-1],
                          url=page.url, content_type=page.content_type, fetched_at=page.fetched_at)
