"""The web pages: each a thin shell over ``parley.query``; filters live in the query
string, and every list links its JSON and CSV forms with the same filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from parley.errors import ParleyError, RecordNotFound
from parley.query import filters as F
from parley.query import incidents as I
from parley.query import listings as L
from parley.query import overview as O
from parley.query.explain import explain_event
from parley.query.filters import issue_keys
from parley.query.pages import paginate
from parley.query.vocab import QUAD_LABELS, PloverType, Quad, Status
from parley.web.highlight import highlight

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(
    plover_types=[t.value for t in PloverType], quads=[(q.value, QUAD_LABELS[q]) for q in Quad],
    statuses=[s.value for s in Status], issues=issue_keys(),
)
templates.env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v})


def _render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, ctx, status_code=status)


def error_page(request: Request, exc: ParleyError) -> HTMLResponse:
    status = 404 if isinstance(exc, RecordNotFound) else 400
    return _render(request, "error.html", status=status, message=exc.message, code=exc.code)


def _params(request: Request, cls: type[F.Filter]) -> tuple[F.Filter, dict[str, str]]:
    raw = {k: v for k, v in request.query_params.items() if not k.startswith("_")}
    f = cls.parse(raw)
    return f, f.to_params()


def _size(request: Request, default: int = 100) -> int:
    try:
        return max(1, min(int(request.query_params.get("_size", default)), 1000))
    except ValueError:
        return default


LIST_PAGES = {  # path -> (listing, filter, columns, title)
    "events": (L.events, F.EventFilter, "Events"),
    "quotes": (L.quotes, F.QuoteFilter, "Quotes"),
    "stances": (L.stances, F.StanceFilter, "Stances"),
    "articles": (L.articles, F.ArticleFilter, "Articles"),
    "actors": (L.actors, F.ActorFilter, "Actors"),
}


def reader(request: Request):
    return request.app.state.reader


def add_web_routes(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, q: str | None = None):
        r = reader(request)
        found: dict[str, list[dict[str, Any]]] = {}
        if q:
            q = q.strip()[:200]
            found = {
                "events": paginate(r, L.events(F.EventFilter(q=q)), 20).rows,
                "quotes": paginate(r, L.quotes(F.QuoteFilter(q=q)), 20).rows,
                "actors": paginate(r, L.actors(F.ActorFilter(q=q)), 20).rows,
                "articles": paginate(r, L.articles(F.ArticleFilter(q=q)), 20).rows,
            }
        return _render(request, "index.html", summary=O.summary(r), q=q or "", found=found)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline(request: Request):
        f, params = _params(request, F.IncidentFilter)
        page = I.timeline_page(reader(request), f, _size(request), request.query_params.get("_next"))  # type: ignore[arg-type]
        return _render(request, "timeline.html", page=page, params=params, f=f)

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
    def incident(request: Request, incident_id: str):
        return _render(request, "incident.html", inc=I.incident(reader(request), incident_id))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network(request: Request):
        f, params = _params(request, F.NetworkFilter)
        return _render(request, "network.html", net=I.network(reader(request), f), params=params)  # type: ignore[arg-type]

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor(request: Request, actor_id: str):
        return _render(request, "actor.html", a=O.actor(reader(request), actor_id))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str):
        r = reader(request)
        row = L.article(r, article_id)
        if row is None:
            raise RecordNotFound(f"no article with id {article_id!r}")
        facts = L.article_facts(r, row["id"])
        return _render(request, "article.html", art=row, facts=facts, body=highlight(row["text"], facts))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event(request: Request, event_id: str):
        return _render(request, "explain.html", e=explain_event(reader(request), event_id))

    for name, (build, fcls, title) in LIST_PAGES.items():
        _list_page(app, name, build, fcls, title)


def _list_page(app: FastAPI, name: str, build, fcls, title: str) -> None:
    def page(request: Request):
        f, params = _params(request, fcls)
        pg = paginate(request.app.state.reader, build(f), _size(request), request.query_params.get("_next"))
        return _render(request, "list.html", page=pg, params=params, f=f, title=title, name=name)

    app.add_api_route(f"/{name}", page, methods=["GET"], response_class=HTMLResponse, include_in_schema=False)
