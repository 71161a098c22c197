"""The API's outer layer, as plain ASGI middleware (no per-request task group): request
caps, security headers on every response, and a cache of GET /api answers in which
concurrent requests for one URL wait for the first one's answer (single flight), so a
burst of clients asking for the same page costs one query."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from parley.api.responses import REQUEST_TOO_LARGE, error

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_QUERY = 4096  # characters of query string
MAX_BODY = 16_384  # bytes: the API is read-only, nothing needs a large body
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY", "Cross-Origin-Resource-Policy": "same-origin",
}
_RAW_SECURITY = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


class Answer:
    """One kept response: status, headers (as sent) and body."""

    __slots__ = ("status", "headers", "body")

    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes):
        self.status, self.headers, self.body = status, headers, body


class ResponseCache:
    """Answers of GET /api requests, by URL. Sound because the store is opened read-only:
    a writer gets the file only when the reader lets go of it (``Reader.generation``
    moves on), and then every kept answer is dropped. Bounded in entries and per-entry
    size; streamed CSV is never kept."""

    def __init__(self, entries: int = 4096, max_bytes: int = 512_000):
        self.entries, self.max_bytes = entries, max_bytes
        self.store: OrderedDict[str, Answer] = OrderedDict()
        self.flights: dict[str, asyncio.Event] = {}
        self.generation = 0

    def follow(self, reader: Any) -> None:
        """Drop every answer once the reader has reopened the store (a writer was in)."""
        generation = getattr(reader, "generation", 0)
        if generation != self.generation:
            self.store.clear()
            self.generation = generation

    @staticmethod
    def key(scope: Scope) -> str | None:
        query = scope.get("query_string", b"").decode("latin-1")
        path = scope.get("path", "")
        if scope.get("method") != "GET" or not path.startswith("/api/") or "_stream" in query:
            return None
        return path + "?" + query

    def get(self, key: str) -> Answer | None:
        hit = self.store.get(key)
        if hit is not None:
            self.store.move_to_end(key)
        return hit

    def put(self, key: str, answer: Answer) -> None:
        self.store[key] = answer
        while len(self.store) > self.entries:
            self.store.popitem(last=False)


class Guard:
    """Caps, cache and headers around the FastAPI app; ``reader`` gives the app's reader
    (the cache follows its generation)."""

    def __init__(self, app: ASGIApp, reader: Callable[[], Any], cache: ResponseCache | None = None):
        self.app, self.reader, self.cache = app, reader, cache or ResponseCache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        length = next((v for k, v in scope.get("headers", []) if k == b"content-length"), b"0")
        refused = None
        if len(query) > MAX_QUERY:
            refused = error(f"query string longer than {MAX_QUERY} characters", REQUEST_TOO_LARGE, 414)
        elif length.isdigit() and int(length) > MAX_BODY:
            refused = error(f"request body larger than {MAX_BODY} bytes", REQUEST_TOO_LARGE, 413)
        if refused is not None:
            await refused(scope, receive, _with_headers(send))
            return
        self.cache.follow(self.reader())
        key = self.cache.key(scope)
        if key is None:
            await self.app(scope, receive, _with_headers(send))
            return
        while (flight := self.cache.flights.get(key)) is not None and key not in self.cache.store:
            await flight.wait()  # the same URL is being answered: wait for it, then look again
        hit = self.cache.get(key)
        if hit is not None:
            await _replay(hit, send)
            return
        done = self.cache.flights[key] = asyncio.Event()
        try:
            await self.app(scope, receive, self._keeping(key, _with_headers(send)))
        finally:
            if self.cache.flights.get(key) is done:
                del self.cache.flights[key]
            done.set()

    def _keeping(self, key: str, send: Send) -> Send:
        """A ``send`` that also keeps a 200 answer of bounded size."""
        state: dict[str, Any] = {"status": 0, "headers": [], "body": bytearray(), "keep": True}

        async def keeping(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"], state["headers"] = message["status"], list(message.get("headers", []))
                state["keep"] = message["status"] == 200
            elif message["type"] == "http.response.body" and state["keep"]:
                state["body"] += message.get("body", b"")
                if len(state["body"]) > self.cache.max_bytes:
                    state["keep"] = False
                    state["body"] = bytearray()
                elif not message.get("more_body", False):
                    self.cache.put(key, Answer(state["status"], state["headers"], bytes(state["body"])))
            await send(message)

        return keeping


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            have = {k.lower() for k, _ in message.get("headers", [])}
            message["headers"] = list(message.get("headers", [])) + [h for h in _RAW_SECURITY if h[0] not in have]
        await send(message)

    return sending


async def _replay(answer: Answer, send: Send) -> None:
    have = {k.lower() for k, _ in answer.headers}
    await send({"type": "http.response.start", "status": answer.status,
                "headers": answer.headers + [h for h in _RAW_SECURITY if h[0] not in have]})
    await send({"type": "http.response.body", "body": answer.body})
