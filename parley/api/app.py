"""The FastAPI app: JSON API under /api, web pages at /, OpenAPI at /docs.

Safety: the store is opened read-only; no endpoint takes SQL; page sizes, query strings
and request bodies are capped; every response carries a Content-Security-Policy that
allows only this origin (no external fonts, scripts or images).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from parley import __version__
from parley.api.listings import add_listing_routes
from parley.api.responses import (
    JSON,
    METHOD_NOT_ALLOWED,
    NO_SUCH_ENDPOINT,
    REQUEST_TOO_LARGE,
    error,
    error_for,
)
from parley.errors import InvalidFilter, ParleyError
from parley.query import NetworkFilter, Reader
from parley.query import incidents as I
from parley.query import listings as L
from parley.query import overview as O
from parley.query.explain import explain_event

DB_THREADS = max(4, 2 * (os.cpu_count() or 2))  # requests reading the store at once
MAX_QUERY = 4096  # characters of query string
MAX_BODY = 16_384  # bytes: the API is read-only, nothing needs a large body
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY", "Cross-Origin-Resource-Policy": "same-origin",
}


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # DuckDB queries run in the thread pool; more of them at once than cores only makes
    # them thrash and starves the event loop (which answers everything else)
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = DB_THREADS
    yield


def create_app(db: str | Path | None = None, reader: Reader | None = None) -> FastAPI:
    app = FastAPI(lifespan=_lifespan, title="Parley", version=__version__, docs_url="/docs", redoc_url=None,
                  description="Sourced, queryable records of diplomacy and war. Every list has `.json` and `.csv` "
                              "forms, keyset pages (`_size`, `_next`) and one error shape "
                              "`{ok: false, error, code, status}` with stable codes.")
    app.state.reader = reader or Reader(db)

    cache = ResponseCache()

    @app.middleware("http")
    async def guard(request: Request, call_next):
        resp: Response
        if len(request.url.query) > MAX_QUERY:
            resp = error(f"query string longer than {MAX_QUERY} characters", REQUEST_TOO_LARGE, 414)
        elif int(request.headers.get("content-length") or 0) > MAX_BODY:
            resp = error(f"request body larger than {MAX_BODY} bytes", REQUEST_TOO_LARGE, 413)
        else:
            cache.follow(app.state.reader)
            resp = cache.get(request) or await cache.put(request, await call_next(request))
        resp.headers.update(SECURITY_HEADERS)
        return resp

    @app.exception_handler(ParleyError)
    async def parley_error(request: Request, exc: ParleyError):
        if not request.url.path.startswith("/api"):
            from parley.web.routes import error_page

            return error_page(request, exc)
        return error_for(exc)

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError):
        parts = ["{}: {}".format(".".join(str(x) for x in e.get("loc", ())[1:]), e.get("msg")) for e in exc.errors()]
        err = InvalidFilter("invalid parameters: " + "; ".join(parts))
        if not request.url.path.startswith("/api"):
            from parley.web.routes import error_page

            return error_page(request, err)
        return error_for(err)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = NO_SUCH_ENDPOINT if exc.status_code == 404 else METHOD_NOT_ALLOWED if exc.status_code == 405 else "E000"
        message = f"no such endpoint: {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        return error(message, code, exc.status_code)

    add_listing_routes(app)
    _detail_routes(app)
    from parley.web.routes import add_web_routes

    add_web_routes(app)
    return app


class ResponseCache:
    """Answers of GET /api requests, by URL. Sound because the store is opened read-only:
    a writer gets the file only when the reader lets go of it (``Reader.generation``
    moves on), and then every kept answer is dropped. Bounded in entries and per-entry
    size; streamed CSV is never kept."""

    def __init__(self, entries: int = 4096, max_bytes: int = 512_000):
        self.entries, self.max_bytes = entries, max_bytes
        self.store: OrderedDict[str, tuple[int, bytes, str, str | None]] = OrderedDict()
        self.generation = 0

    def follow(self, reader: Any) -> None:
        """Drop every answer once the reader has reopened the store (a writer was in)."""
        generation = getattr(reader, "generation", 0)
        if generation != self.generation:
            self.store.clear()
            self.generation = generation

    def _key(self, request: Request) -> str | None:
        if request.method != "GET" or not request.url.path.startswith("/api/") or "_stream" in request.query_params:
            return None
        return str(request.url.path) + "?" + str(request.url.query)

    def get(self, request: Request) -> Response | None:
        key = self._key(request)
        hit = self.store.get(key) if key else None
        if hit is None:
            return None
        self.store.move_to_end(key)  # type: ignore[arg-type]
        resp = Response(hit[1], status_code=hit[0], media_type=hit[2])
        if hit[3]:
            resp.headers["content-disposition"] = hit[3]
        return resp

    async def put(self, request: Request, resp: Any) -> Any:
        key = self._key(request)
        if key is None or resp.status_code != 200:
            return resp
        body = b""
        async for chunk in resp.body_iterator:
            body += chunk if isinstance(chunk, bytes) else chunk.encode()
            if len(body) > self.max_bytes:
                key = None
        media = resp.headers.get("content-type", "application/json")
        if key:
            self.store[key] = (resp.status_code, body, media, resp.headers.get("content-disposition"))
            while len(self.store) > self.entries:
                self.store.popitem(last=False)
        out = Response(body, status_code=resp.status_code, media_type=media)
        for h in ("content-disposition",):
            if h in resp.headers:
                out.headers[h] = resp.headers[h]
        return out


def _one(payload: Any) -> JSON:
    return JSON({"ok": True, "rows": [payload], "next": None})


def r(request: Request) -> Reader:
    return request.app.state.reader


def _detail_routes(app: FastAPI) -> None:

    @app.get("/api/summary", tags=["summary"], summary="Corpus summary: counts, outlets, types, top actors.")
    @app.get("/api/summary.json", include_in_schema=False)
    def summary(request: Request):
        return _one(O.summary(r(request)))

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article with every fact found in it.")
    @app.get("/api/articles/{article_id}.json", include_in_schema=False)
    def article(request: Request, article_id: str):
        from parley.errors import RecordNotFound

        row = L.article(r(request), article_id)
        if row is None:
            raise RecordNotFound(f"no article with id {article_id!r}")
        return _one({**row, **L.article_facts(r(request), row["id"])})

    @app.get("/api/actors/{actor_id}", tags=["actors"], summary="One actor: roles, quotes, events, stances.")
    def actor(request: Request, actor_id: str):
        return _one(O.actor(r(request), actor_id))

    @app.get("/api/events/{event_id}/explain", tags=["events"], summary="Why an event was coded.")
    def explain(request: Request, event_id: str):
        return _one(explain_event(r(request), event_id))

    @app.get("/api/incidents/{incident_id}", tags=["incidents"],
             summary="One incident: reports side by side, status history, merge reasons.")
    def incident(request: Request, incident_id: str):
        return _one(I.incident(r(request), incident_id))

    @app.get("/api/network", tags=["network"], summary="Actor network: edges per PLOVER quad class.")
    @app.get("/api/network.json", include_in_schema=False)
    def network(request: Request, since: str | None = None, until: str | None = None, type: str | None = None,
                quad: str | None = None, actor: str | None = None):
        net = I.network(r(request), NetworkFilter.parse(since=since, until=until, type=type, quad=quad, actor=actor))
        return JSON({"ok": True, "rows": net["edges"], "next": None, "next_url": None, **net})

    @app.get("/api/network.csv", tags=["network"], summary="Network edges as CSV.")
    def network_csv(request: Request, since: str | None = None, until: str | None = None, type: str | None = None,
                    quad: str | None = None, actor: str | None = None):
        from parley.api.responses import csv_response

        net = I.network(r(request), NetworkFilter.parse(since=since, until=until, type=type, quad=quad, actor=actor))
        return csv_response(net["edges"], "network")

    @app.get("/-/health", include_in_schema=False)
    async def health():  # on the event loop: the server's own cost, the bench's baseline
        return JSON({"ok": True, "rows": [], "next": None})
