"""The JSON API in-process (FastAPI's client over the real app and a real store): every
endpoint, filter form, error code, the JSON shape, CSV forms, safety headers."""

from __future__ import annotations

import csv
import io
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from parley.api import create_app
from parley.api.listings import LISTINGS


@pytest.fixture(scope="module")
def client(read_db):
    return TestClient(create_app(read_db))


@pytest.fixture(scope="module")
def big(big_db):
    return TestClient(create_app(big_db))


def _ok(resp):
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["ok"] is True and isinstance(body["rows"], list) and "next" in body
    return body


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_every_listing_has_json_and_csv_forms_with_the_one_shape(client, name):
    plain, dotted = _ok(client.get(f"/api/{name}")), _ok(client.get(f"/api/{name}.json"))
    assert plain["rows"] == dotted["rows"] and {"next_url", "_size"} <= set(plain)
    text = client.get(f"/api/{name}.csv")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text.text)))
    assert len(rows) == len(plain["rows"])


@pytest.mark.parametrize("path,expect", [
    ("/api/events?actor=Witkoff", {"a-moscow-1:ev1", "a-moscow-2:ev1", "a-moscow-2:ev2"}),
    ("/api/events?dyad=UKR,RUS", {"a-strike:ev1"}),
    ("/api/events?type=assault", {"a-strike:ev1"}),
    ("/api/events?status=planned", {"a-moscow-2:ev2"}),
    ("/api/events?since=2025-12-03&until=2025-12-31", {"a-strike:ev1"}),
    ("/api/events?country=Ukraine", {"a-strike:ev1"}),
    ("/api/events?issue=territorial_concessions", {"a-moscow-1:ev1"}),
    ("/api/events?outlet=reuters", {"a-moscow-1:ev1"}),
    ("/api/events?q=missiles", {"a-strike:ev1"}),
    ("/api/events?quad=verbal_cooperation&source=person:vladimir-putin", {"a-moscow-2:ev1"}),
    ("/api/timeline?actor=Putin", {"inc-moscow"}),
    ("/api/timeline?dyad=RUS,UKR", {"inc-strike"}),
    ("/api/timeline?type=CONSULT", {"inc-moscow"}),
    ("/api/timeline?issue=territorial_concessions", {"inc-moscow"}),
    ("/api/timeline?since=2025-12-05", {"inc-strike"}),
    ("/api/timeline?until=2025-12-05", {"inc-moscow"}),
    ("/api/timeline?source=state:RUS&target=state:UKR", {"inc-strike"}),
    ("/api/incidents?status=occurred&quad=material_conflict", {"inc-strike"}),
    ("/api/articles?outlet=AP", {"a-moscow-2"}),
    ("/api/articles?q=missiles", {"a-strike"}),
    ("/api/articles?since=2025-12-04&until=2025-12-04", {"a-xss"}),
    ("/api/actors?country=RUS", {"person:vladimir-putin", "state:RUS"}),
    ("/api/actors?type=state", {"state:UKR", "state:RUS"}),
    ("/api/actors?q=witk", {"person:steve-witkoff"}),
])
def test_filters(client, path, expect):
    rows = _ok(client.get(path))["rows"]
    assert {r["id"] for r in rows} == expect


def test_fact_listings_filter_by_article_actor_kind_and_issue(client):
    assert [m["text"] for m in _ok(client.get("/api/mentions?article=a-moscow-1&actor=person:steve-witkoff"))["rows"]] \
        == ["Steve Witkoff", "Witkoff"]
    assert [t["value"] for t in _ok(client.get("/api/times?article=a-moscow-1"))["rows"]] == ["2025-12-02"]
    assert [q["id"] for q in _ok(client.get("/api/quotes?kind=direct&actor=witkoff"))["rows"]] == ["a-moscow-1:q1"]
    assert [s["position"] for s in _ok(client.get("/api/stances?issue=territorial_concessions"))["rows"]] == ["oppose"]
    assert _ok(client.get("/api/errors"))["rows"] == []


def test_detail_endpoints(client):
    art = _ok(client.get("/api/articles/a-moscow-1"))["rows"][0]
    assert art["source"] == "Reuters" and art["quotes"][0]["text"] == "The talks were useful"
    assert _ok(client.get("/api/articles/a-moscow-1.json"))["rows"][0]["id"] == "a-moscow-1"
    actor = _ok(client.get("/api/actors/person:steve-witkoff"))["rows"][0]
    assert actor["name"] == "Steve Witkoff" and actor["events_as_source"]
    info = _ok(client.get("/api/events/a-moscow-1:ev1/explain"))["rows"][0]
    assert info["trigger_in_text"] == "met" and info["quad"] == "verbal_cooperation"
    inc = _ok(client.get("/api/incidents/inc-moscow"))["rows"][0]
    assert len(inc["reports"]) == 3 and inc["status_history"] and inc["merge_reasons"]
    net = _ok(client.get("/api/network?until=2025-12-03"))
    assert net["basis"] == "incidents" and [e["quad"] for e in net["rows"]] == ["verbal_cooperation"]
    assert {n["id"] for n in net["nodes"]} == {"person:steve-witkoff", "person:vladimir-putin"}
    assert "verbal_cooperation" in client.get("/api/network.csv").text
    summary = _ok(client.get("/api/summary"))["rows"][0]
    assert summary["counts"]["events"] == 4 and summary["has_incidents"] is True


@pytest.mark.parametrize("path,status,code", [
    ("/api/events?type=HUG", 400, "E033"),
    ("/api/events?since=yesterday", 400, "E033"),
    ("/api/events?dyad=USA", 400, "E033"),
    ("/api/timeline?issue=weather", 400, "E033"),
    ("/api/events?_size=0", 400, "E033"),
    ("/api/events?_size=1001", 400, "E033"),
    ("/api/events?_next=bogus", 400, "E031"),
    ("/api/articles/nope", 404, "E030"),
    ("/api/actors/nope", 404, "E030"),
    ("/api/incidents/nope", 404, "E030"),
    ("/api/events/nope/explain", 404, "E030"),
    ("/api/nothing-here", 404, "E034"),
    ("/api/events?actor=" + "x" * 300, 400, "E033"),
    ("/api/events?q=" + "y" * 5000, 414, "E032"),
])
def test_errors_have_one_shape_and_stable_codes(client, path, status, code):
    resp = client.get(path)
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["ok"] is False and body["code"] == code and body["status"] == status and body["error"]
    assert body["rows"] == [] and body["next"] is None


def test_post_is_refused_and_bodies_are_capped(client):
    assert client.post("/api/events", json={"sql": "DROP TABLE events"}).json()["code"] == "E035"
    resp = client.post("/api/events", content=b"x" * 20000, headers={"content-length": "20000"})
    assert resp.status_code == 413 and resp.json()["code"] == "E032"


def test_next_url_walks_a_large_listing_exactly_once(big, big_db):
    from parley.query import Reader

    with Reader(big_db) as r:
        expected = r.scalar("SELECT count(*) FROM events WHERE type = 'ASSAULT'")
    url, seen = "/api/events.json?_size=1000&type=ASSAULT", []
    while url:
        body = _ok(big.get(url))
        seen += [r["id"] for r in body["rows"]]
        url = body["next_url"]
        if url:
            assert "type=ASSAULT" in url and body["next"] in url
    assert len(seen) == len(set(seen)) == expected > 300
    streamed = list(csv.DictReader(io.StringIO(big.get("/api/events.csv?type=ASSAULT&_stream=1").text)))
    assert sorted(r["id"] for r in streamed) == sorted(seen)


def test_security_headers_and_openapi(client):
    resp = client.get("/api/events")
    csp = resp.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self';" in csp and "style-src 'self';" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/openapi.json").json()
    for name in LISTINGS:
        assert f"/api/{name}" in spec["paths"] and f"/api/{name}.csv" in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "dyad", "type", "since", "until", "_size", "_next"} <= params
    assert "/api/incidents/{incident_id}" in spec["paths"] and client.get("/docs").status_code == 200


def test_article_text_is_escaped_in_json_and_html(client):
    body = _ok(client.get("/api/articles/a-xss"))["rows"][0]
    assert "<script>" in body["title"]  # JSON carries the data as it is...
    html = client.get("/articles/a-xss").text
    assert "<script>window.__xss" not in html and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "<img src=x" not in html and 'href="javascript:' not in html
    for page in ("/actors/person:evil", "/quotes", "/articles", "/?q=envoy"):
        assert "<script>window.__xss" not in client.get(page).text, page


def test_repeated_requests_get_the_same_answer_from_the_cache(client):
    first = client.get("/api/events.csv?type=CONSULT")
    again = client.get("/api/events.csv?type=CONSULT")
    assert first.text == again.text and again.headers["content-disposition"] == first.headers["content-disposition"]
    assert "default-src 'none'" in again.headers["content-security-policy"]
    rows = [client.get("/api/events?type=CONSULT").json()["rows"] for _ in range(2)]
    assert rows[0] == rows[1]


def test_concurrent_requests_for_one_url_cost_one_query(read_db):
    """Single flight: a burst of clients asking for the same uncached page waits for the
    first answer instead of running the query once each; other URLs are not held up."""
    import asyncio
    import threading

    import httpx

    from parley.query import Reader

    class Counting(Reader):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self.calls: list[str] = []
            self.guard = threading.Lock()

        def query(self, sql, params=None):
            with self.guard:
                self.calls.append(sql)
            return super().query(sql, params)

    reader = Counting(read_db)
    app = create_app(reader=reader)

    async def burst():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            same = [c.get("/api/events.json?type=ASSAULT") for _ in range(12)]
            other = [c.get("/api/events.json?type=CONSULT")]
            return await asyncio.gather(*same, *other)

    answers = asyncio.run(burst())
    assert all(a.status_code == 200 for a in answers)
    assert len({a.text for a in answers[:12]}) == 1 and {r["id"] for r in answers[0].json()["rows"]} == {"a-strike:ev1"}
    assert "a-moscow-1:ev1" in {r["id"] for r in answers[12].json()["rows"]}
    listings = [s for s in reader.calls if s.startswith("SELECT e.*")]  # the whole-row pass of a page
    assert len(listings) == 2, listings  # one per distinct URL, not thirteen
    assert all("default-src 'none'" in a.headers["content-security-policy"] for a in answers)
    reader.close()
