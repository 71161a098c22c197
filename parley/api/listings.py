"""The list endpoints: one route per listing, in three forms (``/api/x``, ``/api/x.json``,
``/api/x.csv``), parameters taken from the listing's typed filter (so /docs lists them)."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request

from parley.api.responses import JSON, csv_response, csv_stream
from parley.query import filters as F
from parley.query import listings as L
from parley.query.incidents import timeline, timeline_page
from parley.query.pages import Page, paginate, stream

# name -> (filter class, Select builder, one-line description)
LISTINGS: dict[str, tuple[type[F.Filter] | None, Callable, str]] = {
    "articles": (F.ArticleFilter, L.articles, "Stored articles, newest first."),
    "actors": (F.ActorFilter, L.actors, "Canonical actors with mention and article counts."),
    "mentions": (F.FactFilter, L.mentions, "Actor mentions with their offsets, in text order."),
    "times": (F.FactFilter, L.times, "Time expressions with normalised values, in text order."),
    "quotes": (F.QuoteFilter, L.quotes, "Quotes and reported speech with speakers, newest first."),
    "events": (F.EventFilter, L.events, "PLOVER events, newest first."),
    "stances": (F.StanceFilter, L.stances, "Positions of actors on negotiation issues, in date order."),
    "errors": (None, L.errors, "Documents that failed or were skipped, with their codes."),
    "incidents": (F.IncidentFilter, timeline, "Incidents merged across articles, in date order."),
    "timeline": (F.IncidentFilter, timeline, "The timeline: incidents in date order (same as incidents)."),
}

HELP = {
    "actor": "actor id, name, alias or ISO alpha-3 country code",
    "dyad": "two actors separated by a comma (A,B): one on each side, either direction",
    "country": "ISO alpha-3 code or country name",
    "type": "PLOVER type (events, incidents) or actor type (actors)",
    "quad": "verbal_cooperation | material_cooperation | verbal_conflict | material_conflict",
    "status": "occurred | ongoing | planned | hypothetical | negated | claimed | cancelled (articles: ok, ...)",
    "issue": "negotiation issue key, e.g. territorial_concessions",
    "since": "ISO date: on or after", "until": "ISO date: on or before",
    "outlet": "source name contains", "q": "free-text search (evidence, quote or title text)",
    "article": "article id", "kind": "direct | partial | indirect",
    "source": "exact actor id on the source side", "target": "exact actor id on the target side",
}


def read_page(request: Request, name: str, raw: dict[str, Any], size: int | None, after: str | None) -> Page:
    reader = request.app.state.reader
    fcls, build, _ = LISTINGS[name]
    f = fcls.parse(raw) if fcls else None
    if fcls is F.IncidentFilter:
        return timeline_page(reader, f, size, after)  # type: ignore[arg-type]
    return paginate(reader, build(f), size, after)


def page_payload(request: Request, page: Page, size: int | None) -> dict[str, Any]:
    next_url = None
    if page.next:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "_next"] + [("_next", page.next)]
        next_url = str(request.url.replace(query=urlencode(params)))
    return {"ok": True, "rows": page.rows, "next": page.next, "next_url": next_url,
            "_size": size or len(page.rows), **page.meta}


def _endpoint(name: str, form: str) -> Callable:
    fcls = LISTINGS[name][0]
    fields = [f.name for f in dataclasses.fields(fcls)] if fcls else []

    def endpoint(request: Request, **kw: Any):
        size, after, stream_all = kw.pop("_size"), kw.pop("_next"), kw.pop("_stream")
        if form == "csv" and stream_all:
            fc, build, _ = LISTINGS[name]
            return csv_stream(stream(request.app.state.reader, build(fc.parse(kw) if fc else None)), name)
        page = read_page(request, name, kw, size, after)
        if form == "csv":
            return csv_response(page.rows, name)
        return JSON(page_payload(request, page, size))

    params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for field in fields:
        params.append(inspect.Parameter(field, inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                                        default=Query(None, max_length=200, description=HELP.get(field))))
    params += [
        inspect.Parameter("_size", inspect.Parameter.KEYWORD_ONLY, annotation=int | None,
                          default=Query(None, ge=1, le=1000, description="rows per page (default 100, at most 1000)")),
        inspect.Parameter("_next", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                          default=Query(None, max_length=2000, description="the 'next' token of the previous page")),
        inspect.Parameter("_stream", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
                          default=Query(False, description="CSV only: stream every row instead of one page")),
    ]
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = f"list_{name}_{form}"
    return endpoint


def add_listing_routes(app: FastAPI) -> None:
    for name, (_, _, doc) in LISTINGS.items():
        for suffix, form in (("", "json"), (".json", "json"), (".csv", "csv")):
            app.add_api_route(f"/api/{name}{suffix}", _endpoint(name, form), methods=["GET"], summary=doc,
                              tags=[name], include_in_schema=suffix != ".json")
