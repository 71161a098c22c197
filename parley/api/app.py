"""The FastAPI app: JSON API under /api, web pages at /, OpenAPI at /docs.

Safety: the store is opened read-only; no endpoint takes SQL; page sizes, query strings
and request bodies are capped; every response carries a Content-Security-Policy that
allows only this origin (no external fonts, scripts or images).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from parley import __version__
from parley.api.guard import Guard
from parley.api.listings import add_listing_routes
from parley.api.responses import (
    JSON,
    METHOD_NOT_ALLOWED,
    NO_SUCH_ENDPOINT,
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
    app.add_middleware(Guard, reader=lambda: app.state.reader)  # caps, answer cache, security headers

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
