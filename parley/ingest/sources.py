"""Sources to documents: paths, directories, ``-`` (stdin) and http(s) URLs.

Every source yields ``Article`` or ``IngestProblem`` records and never raises for a bad
document: typed ingest errors become problems with their code, anything unexpected
becomes an E100 problem, and the next document is read. Every outcome is computed
under the per-document wall-clock budget (``parley.ingest.budget``).

Files, stdin and gzip members are read the same way, as streams: the first
``HEAD_BYTES`` decide the kind; JSONL and WARC are then read record by record (each
record capped), every other kind is read whole up to ``max_bytes``. Folders are walked
without following links out of them; hidden, special and unreadable entries are
recorded as skips with their reason.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Iterator

from parley.errors import (
    BinaryContent, EmptyDocument, IngestError, MalformedRecord, MalformedXML, NotFound, SkippedHidden,
    SkippedLink, SkippedSpecialFile, SkippedUnreadable, TooLarge, TruncatedArchive, UnsupportedFormat,
)
from parley.ingest.budget import budgeted
from parley.ingest.build import ByteStream, Outcome, problem_from_error, unexpected_problem
from parley.ingest.options import IngestOptions
from parley.ingest.sniff import HEAD_BYTES, TEXT_EXTENSIONS, binary_format, extension, sniff
from parley.ingest.url import is_http_url
from parley.safe_text import safe_origin

STDIN_ORIGIN = "<stdin>"
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)
_STRUCTURED_FAILURES = (MalformedRecord, MalformedXML)


def iter_documents(sources: list[str], options: IngestOptions | None = None) -> Iterator[Outcome]:
    """Stream articles and problems from every source, in order (directories sorted)."""
    options = options or IngestOptions()
    for source in sources:
        if source == "-":
            yield from _guard(STDIN_ORIGIN, lambda: _read_stdin(options), options.doc_timeout)
        elif is_http_url(source):
            yield from _guard(source, partial(read_url, source, options), options.timeout + options.doc_timeout)
        elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source):
            yield problem_from_error(safe_origin(source), UnsupportedFormat("only http and https URLs can be fetched"))
        else:
            path = Path(source)
            if path.is_dir():
                for entry in walk_files(path):
                    if isinstance(entry, Path):
                        yield from read_path(entry, options)
                    else:
                        yield entry
            elif path.exists() or path.is_symlink():
                yield from read_path(path, options)
            else:
                yield problem_from_error(safe_origin(source), NotFound("no such file, folder or URL"))


def _skip(path: Path | str, exc: IngestError) -> Outcome:
    return problem_from_error(safe_origin(str(path)), exc)


def walk_files(root: Path) -> Iterator[Path | Outcome]:
    """Every regular file under ``root``, sorted, and one skip record for each entry that
    is not read: hidden (S205), a link out of the folder or in a loop (S206), a FIFO,
    socket or device (S207), a folder that cannot be listed (S208)."""
    real_root = root.resolve()
    seen: set[Path] = {real_root}

    def inside(target: Path) -> bool:
        return target == real_root or real_root in target.parents

    def walk(folder: Path) -> Iterator[Path | Outcome]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield _skip(folder, SkippedUnreadable(f"folder cannot be read: {exc.strerror or exc}"))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                what = "folder" if entry.is_dir(follow_symlinks=False) else "file"
                yield _skip(path, SkippedHidden(f"hidden {what} skipped"))
                continue
            try:
                if entry.is_symlink():
                    target = path.resolve()
                    if not target.exists():
                        yield _skip(path, NotFound(f"broken symbolic link to {safe_origin(str(target))}"))
                        continue
                    if not inside(target):
                        where = safe_origin(str(target))
                        yield _skip(path, SkippedLink(f"symbolic link leads out of the folder, to {where}"))
                        continue
                mode = path.stat().st_mode
            except OSError as exc:
                yield _skip(path, NotFound(f"cannot read: {exc.strerror or exc}"))
                continue
            if stat.S_ISDIR(mode):
                real = path.resolve()
                if real in seen:
                    yield _skip(path, SkippedLink("folder already read (a link loop or a second link to it)"))
                    continue
                seen.add(real)
                yield from walk(path)
            elif stat.S_ISREG(mode):
                yield path
            else:
                yield _skip(path, SkippedSpecialFile(f"not a regular file ({_file_type(mode)})"))

    yield from walk(root)


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device")):
        if test(mode):
            return name
    return "special file"


def _guard(origin: str, produce, seconds: float | None = None) -> Iterator[Outcome]:
    """Run a reader under the per-document budget; whatever it yielded stands, and a
    failure becomes one problem."""
    origin = safe_origin(origin)
    try:
        yield from budgeted(produce(), seconds)
    except IngestError as exc:
        yield problem_from_error(origin, exc)
    except OSError as exc:
        yield problem_from_error(origin, NotFound(f"cannot read: {exc.strerror or exc}"))
    except RecursionError:
        yield problem_from_error(origin, MalformedRecord("document is nested too deeply to read"))
    except Exception as exc:  # a reader bug on one document must not end the run
        yield unexpected_problem(origin, exc, "read")


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (the sniffed head) put back in front."""

    def __init__(self, head: bytes, rest: ByteStream):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            data, self._head = self._head + self._rest.read(), b""
            return data
        if self._head:
            data, self._head = self._head[:size], self._head[size:]
            if len(data) < size:
                data += self._rest.read(size - len(data))
            return data
        return self._rest.read(size)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_capped(stream: ByteStream, options: IngestOptions, what: str = "input") -> bytes:
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise TooLarge(f"{what} is over the {options.max_bytes}-byte cap")
    return data


def _capped_lines(stream: "io.BufferedReader[_Prefixed]", cap: int) -> Iterator[bytes]:
    """Lines of a buffered stream, never holding more than ``cap`` bytes of one line in
    memory (an oversized line is yielded as its first ``cap + 1`` bytes; the rest is dropped)."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while (rest := stream.readline(cap + 1)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_path(path: Path, options: IngestOptions) -> Iterator[Outcome]:
    yield from _guard(str(path), lambda: _read_path(path, options), options.doc_timeout)


def read_file_object(fh: ByteStream, *, size: int, origin: str, name: str, options: IngestOptions) -> Iterator[Outcome]:
    """A file already opened (or its bytes in a ``BytesIO``), read exactly as ``read_path``
    reads a file on disk: the Spark job feeds it files from any Hadoop-compatible store."""
    def produce() -> Iterator[Outcome]:
        if size == 0:
            raise EmptyDocument("empty file (0 bytes)")
        yield from read_stream(fh, origin=safe_origin(origin), options=options, name=name, size=size)

    yield from _guard(origin, produce, options.doc_timeout)


def _read_path(path: Path, options: IngestOptions) -> Iterator[Outcome]:
    origin = safe_origin(str(path))
    mode = path.stat().st_mode
    if stat.S_ISSOCK(mode) or stat.S_ISBLK(mode):
        raise UnsupportedFormat(f"not a regular file ({_file_type(mode)})")
    size = path.stat().st_size if stat.S_ISREG(mode) else None  # FIFOs and devices: read with the cap
    if size == 0:
        raise EmptyDocument("empty file (0 bytes)")
    with path.open("rb") as fh:
        yield from read_stream(fh, origin=origin, options=options, name=path.name, size=size)


def _read_stdin(options: IngestOptions) -> Iterator[Outcome]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or stream.closed:
        raise NotFound("standard input is closed")
    try:
        stream.peek(1) if hasattr(stream, "peek") else None
    except (OSError, ValueError) as exc:
        raise NotFound(f"standard input is closed or unreadable: {getattr(exc, 'strerror', None) or exc}") from None
    yield from read_stream(stream, origin=STDIN_ORIGIN, options=options)


def read_stream(stream: ByteStream, *, origin: str, options: IngestOptions, name: str = "",
                size: int | None = None) -> Iterator[Outcome]:
    """One file-like source, sniffed from its head, streamed where its kind allows."""
    head = stream.read(HEAD_BYTES)
    kind = sniff(head, name)
    if kind == "empty" and not head:
        raise EmptyDocument("empty input (0 bytes)")
    body = _Prefixed(head, stream)
    if kind == "warc":
        from parley.ingest.warc import read_warc

        yield from read_warc(body, origin=origin, options=options)
    elif kind == "gzip":
        if _gunzip_head(head).startswith(b"WARC/"):
            from parley.ingest.warc import read_warc

            yield from read_warc(body, origin=origin, options=options)  # warcio reads gzip member by member
        else:
            yield from _read_gzip(body, origin, options, name)
    elif kind == "jsonl":
        yield from _read_json_stream(body, origin, options, name, size)
    else:
        if size is not None and size > options.max_bytes:
            raise TooLarge(f"file of {size} bytes is over the {options.max_bytes}-byte cap")
        data = _read_capped(body, options)
        yield from read_kind(kind, data, origin=origin, options=options, name=name)


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def _read_gzip(stream: _Prefixed, origin: str, options: IngestOptions, name: str) -> Iterator[Outcome]:
    """A gzip-wrapped document: the caps apply to the decompressed bytes (a small .gz can
    hide gigabytes), and the inner document is read like any other stream."""
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    try:
        with gzip.GzipFile(fileobj=stream) as inner:
            head = inner.read(HEAD_BYTES)
            inner_kind = sniff(head, inner_name)
            if inner_kind == "gzip":
                raise UnsupportedFormat("gzip inside gzip is not read")
            if inner_kind == "empty" and not head:
                raise EmptyDocument("gzip file holds no data")
            body = _Prefixed(head, inner)
            if inner_kind == "warc":
                from parley.ingest.warc import read_warc

                yield from read_warc(body, origin=origin, options=options)
                return
            if inner_kind == "jsonl":
                yield from _read_json_stream(body, origin, options, inner_name, None)
                return
            data = _read_capped(body, options, "decompressed content")
    except _GZIP_ERRORS as exc:
        raise TruncatedArchive(f"truncated or corrupt gzip: {exc}") from exc
    yield from read_kind(inner_kind, data, origin=origin, options=options, name=inner_name)


def _first_line_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _read_json_stream(stream: _Prefixed, origin: str, options: IngestOptions, name: str,
                      size: int | None) -> Iterator[Outcome]:
    """A document starting with ``{``: JSONL line by line (each line capped, a bad line is
    one problem) when its first line is an object, else one JSON document (pretty-printed),
    else, when too big to be one, JSONL after all."""
    from parley.ingest.jsonl import read_jsonl

    buffered = io.BufferedReader(stream, 1 << 16)
    lines = _capped_lines(buffered, options.max_bytes)
    first = next(lines, b"")
    if _first_line_object(first) or (size is not None and size > options.max_bytes):
        yield from read_jsonl(_chain(first, lines), origin=origin, options=options)
        return
    rest = _read_capped(buffered, options) if len(first) <= options.max_bytes else b""
    data = first + rest
    if len(data) > options.max_bytes:
        raise TooLarge(f"document is over the {options.max_bytes}-byte cap")
    yield from read_kind("json", data, origin=origin, options=options, name=name)


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def read_bytes(data: bytes, *, origin: str, options: IngestOptions, name: str = "", url: str | None = None,
               content_type: str = "", fetched_at: datetime | None = None) -> Iterator[Outcome]:
    """A document already in memory (an HTTP response)."""
    kind = sniff(data[:HEAD_BYTES], name, content_type)
    if kind in ("warc", "gzip", "jsonl"):
        yield from read_stream(io.BytesIO(data), origin=origin, options=options, name=name, size=len(data))
        return
    yield from read_kind(kind, data, origin=origin, options=options, name=name, url=url,
                         content_type=content_type, fetched_at=fetched_at)


def read_kind(kind: str, data: bytes, *, origin: str, options: IngestOptions, name: str = "",
              url: str | None = None, content_type: str = "", fetched_at: datetime | None = None) -> Iterator[Outcome]:
    """A whole document of a known kind. A structured kind that fails to parse in a file
    whose extension says text is read as text after all (the extension and the content
    must agree before a structured reader's verdict stands)."""
    from parley.ingest.decode import decode_bytes
    from parley.ingest.text import read_text

    if kind in ("json", "jsonl", "xml") and extension(name) in TEXT_EXTENSIONS:
        try:
            outcomes = list(_structured(kind, data, origin, options))
        except _STRUCTURED_FAILURES + (EmptyDocument,):
            outcomes = []
        if outcomes and not all(getattr(o, "code", "") in ("E112", "E105") for o in outcomes):
            yield from outcomes
            return
        kind = "text"
    if kind == "empty":
        raise EmptyDocument("document contains only whitespace")
    if kind == "binary":
        raise BinaryContent(f"binary content ({binary_format(data[:HEAD_BYTES]) or 'not text'}), not a news document")
    if kind == "html":
        from parley.ingest.html import read_html

        origin_kind = "url" if url and fetched_at else "html"
        yield read_html(data, origin=origin, options=options, origin_kind=origin_kind, url=url,
                        content_type=content_type, fetched_at=fetched_at)
    elif kind in ("xml", "json", "jsonl"):
        yield from _structured(kind, data, origin, options)
    else:
        decoded = decode_bytes(data)
        yield read_text(decoded.text, origin=origin, options=options, warnings=decoded.warnings,
                        origin_kind="url" if url else "text", defaults={"url": url} if url else None)


def _structured(kind: str, data: bytes, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    from parley.ingest.feeds import read_xml
    from parley.ingest.jsonl import read_json

    if kind == "xml":
        yield from read_xml(data, origin=origin, options=options)
    else:
        yield from read_json(data, origin=origin, options=options)


def read_url(url: str, options: IngestOptions) -> Iterator[Outcome]:
    from parley.ingest.fetch import fetch

    page = fetch(url, options)
    if not page.body.strip():
        raise EmptyDocument("the server sent an empty body")
    yield from read_bytes(page.body, origin=url, options=options, name=page.url.rsplit("/", 1)[-1],
                          url=page.url, content_type=page.content_type, fetched_at=page.fetched_at)
