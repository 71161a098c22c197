"""HTTP fetching with httpx, defensively: one wall-clock budget for the whole fetch
(every redirect hop and every read: a server trickling headers or bytes cannot stretch
it), a size cap on the raw and on every decompressed layer, a bounded number of
redirects (each hop checked against the private-address guard), no surprise downloads."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin

import httpx

from parley import __version__
from parley.errors import DocumentTimeout, FetchFailed, FetchTimeout, TooLarge
from parley.ingest.budget import budget
from parley.ingest.encoding import decode_content
from parley.ingest.options import IngestOptions
from parley.ingest.url import check_public_url, is_http_url

USER_AGENT = f"parley/{__version__} (+news ingest)"


@dataclass
class FetchedPage:
    url: str  # the final URL after redirects
    status: int
    content_type: str
    body: bytes
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None


def _read_capped(response: httpx.Response, url: str, options: IngestOptions, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise TooLarge(f"response of {int(declared)} bytes is over the {options.max_bytes}-byte cap", detail=url)
    chunks: list[bytes] = []
    size = 0
    # raw bytes, decoded here layer by layer with a cap on each (httpx would inflate a
    # whole chunk of every layer at once: a "gzip, gzip" bomb)
    raw = response.iter_raw(64 * 1024)
    decoded = decode_content(raw, response.headers.get("content-encoding", ""), options.max_bytes,
                             options.max_encoding_layers, what=url)
    for chunk in decoded:
        size += len(chunk)
        if size > options.max_bytes:
            raise TooLarge(f"response is over the {options.max_bytes}-byte cap", detail=url)
        if time.monotonic() > deadline:  # a server trickling bytes never trips the read timeout
            raise FetchTimeout(f"fetch took longer than {options.timeout:g} s", detail=url)
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, options: IngestOptions, conditional: dict[str, str] | None = None) -> FetchedPage:
    """GET one URL within ``options.timeout`` seconds in total. Raises FetchTimeout,
    TooLarge, PrivateAddress or FetchFailed. ``conditional`` headers (``If-None-Match``,
    ``If-Modified-Since``) make an unchanged page a 304 with an empty body."""
    try:
        with budget(options.timeout, "fetch"):
            return _fetch(url, options, conditional or {})
    except DocumentTimeout:
        raise FetchTimeout(f"timed out after {options.timeout:g} s in total (redirects and reads included)",
                           detail=url) from None


def _fetch(url: str, options: IngestOptions, conditional: dict[str, str]) -> FetchedPage:
    deadline = time.monotonic() + options.timeout
    timeout = httpx.Timeout(options.timeout)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml,*/*;q=0.5",
               "Accept-Encoding": "gzip, deflate"}
    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
        for _ in range(options.max_redirects + 1):
            if not is_http_url(current):
                raise FetchFailed(f"not an http(s) URL: {current}", detail=url)
            check_public_url(current, options.allow_private)
            try:
                with client.stream("GET", current, headers=conditional) as response:
                    if response.status_code == 304 and conditional:
                        return FetchedPage(url=str(response.url), status=304, body=b"",
                                           content_type=response.headers.get("content-type", ""),
                                           fetched_at=datetime.now(timezone.utc))
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchFailed(f"HTTP {response.status_code} redirect without a Location",
                                              detail=current)
                        current = urljoin(current, location)
                        continue
                    if response.status_code != 200:
                        raise FetchFailed(f"HTTP {response.status_code} {response.reason_phrase}", detail=current)
                    body = _read_capped(response, current, options, deadline)
                    return FetchedPage(
                        url=str(response.url), status=response.status_code,
                        content_type=response.headers.get("content-type", ""), body=body,
                        fetched_at=datetime.now(timezone.utc), etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            except httpx.TimeoutException as exc:
                raise FetchTimeout(f"timed out after {options.timeout:g} s ({type(exc).__name__})",
                                   detail=current) from exc
            except httpx.HTTPError as exc:
                raise FetchFailed(f"{type(exc).__name__}: {exc}", detail=current) from exc
            except httpx.InvalidURL as exc:  # a tab or space in the URL, a bad port
                raise FetchFailed(f"invalid URL: {exc}", detail=current) from exc
    raise FetchFailed(f"more than {options.max_redirects} redirects", detail=url)
