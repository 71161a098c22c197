"""HTTP Content-Encoding undone layer by layer, each layer's output capped.

httpx decodes a whole chunk of every layer at once, so ``Content-Encoding: gzip, gzip``
turns 2 KB into gigabytes before any size check can run. Here each layer is a streaming
``zlib`` inflater that never produces more than ``CHUNK`` bytes per call and stops at
the cap, so memory stays at a few chunks whatever the ratio.
"""

from __future__ import annotations

import zlib
from typing import Iterable, Iterator

from parley.errors import FetchFailed, TooLarge

CHUNK = 64 * 1024
_GZIP = 16 + zlib.MAX_WBITS
IDENTITY = {"", "identity"}
SUPPORTED = {"gzip", "x-gzip", "deflate"}


def content_encodings(header: str) -> list[str]:
    """The layers in the order they were applied (``gzip, gzip`` -> two layers)."""
    return [e.strip().lower() for e in header.split(",") if e.strip().lower() not in IDENTITY]


def _inflate(chunks: Iterable[bytes], encoding: str, cap: int, what: str) -> Iterator[bytes]:
    decoder = None
    total = 0
    for chunk in chunks:
        data = chunk
        while data:
            if decoder is None:
                if encoding == "deflate":  # zlib-wrapped as the RFC says, or raw as some servers send
                    wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
                    decoder = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
                else:
                    decoder = zlib.decompressobj(_GZIP)
            try:
                out = decoder.decompress(data, CHUNK)
            except zlib.error as exc:
                raise FetchFailed(f"corrupt {encoding} content encoding: {exc}") from exc
            total += len(out)
            if total > cap:
                raise TooLarge(f"{what} is over the {cap}-byte cap once decompressed ({encoding})")
            if out:
                yield out
            data = decoder.unconsumed_tail
            if decoder.eof:
                data = data or decoder.unused_data  # a gzip stream may hold several members
                decoder = None if data and encoding != "deflate" else decoder
                if decoder is not None:
                    break
    if decoder is not None:
        tail = decoder.flush()
        if total + len(tail) > cap:
            raise TooLarge(f"{what} is over the {cap}-byte cap once decompressed ({encoding})")
        if tail:
            yield tail


def decode_content(chunks: Iterable[bytes], header: str, cap: int, max_layers: int,
                   what: str = "response") -> Iterator[bytes]:
    """Undo every layer named in a Content-Encoding header, last applied first."""
    layers = content_encodings(header)
    if len(layers) > max_layers:
        raise FetchFailed(f"{len(layers)} content encodings ({header}); at most {max_layers} are undone")
    for layer in layers:
        if layer not in SUPPORTED:
            raise FetchFailed(f"unsupported content encoding {layer!r}")
    stream: Iterable[bytes] = chunks
    for layer in reversed(layers):
        stream = _inflate(stream, "gzip" if layer == "x-gzip" else layer, cap, what)
    return iter(stream)
