"""The web UI in a real Chromium (Debian's, driven by Playwright) against the app served
by uvicorn on loopback over a real store: pages load without console errors, filters
change the timeline, clicking a network edge lists its incidents, the article page
highlights a known quote and event, hostile markup renders as text. Screenshots of each
page go to test-output/screenshots (or $PARLEY_TEST_OUTPUT)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("PARLEY_TEST_OUTPUT", REPO / "test-output")) / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(read_db):
    import uvicorn

    from parley.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(read_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        assert time.time() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: 'make install' installs it")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = ctx.new_page()
    pg.problems = []  # console errors, page errors, dialogs, requests leaving loopback
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: None if r.url.startswith((server, "data:")) else pg.problems.append(f"external {r.url}"))
    yield pg
    ctx.close()


def wait_js(pg, expr: str, timeout: float = 30) -> None:
    """Poll a page expression from here: Playwright's in-page polling evaluates strings,
    which the page's CSP (no 'unsafe-eval') rightly refuses; page.evaluate does not."""
    deadline = time.time() + timeout
    while not pg.evaluate(expr):
        assert time.time() < deadline, f"timed out waiting for {expr}"
        time.sleep(0.1)


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


PAGES = {
    "overview": "/", "search": "/?q=Moscow", "timeline": "/timeline", "incident": "/incidents/inc-moscow",
    "actor": "/actors/person:steve-witkoff", "article": "/articles/a-moscow-1", "network": "/network",
    "events": "/events", "quotes": "/quotes", "stances": "/stances?issue=territorial_concessions",
    "actors": "/actors", "articles": "/articles", "explain": "/events/a-moscow-1:ev1", "xss-article": "/articles/a-xss",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_loads_without_console_errors(page, name):
    resp = page.goto(PAGES[name])
    assert resp.status == 200
    assert "default-src 'none'" in resp.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    if name == "network":
        wait_js(page, "window.parleyGraph && window.parleyGraph.edges().length > 0")
    if name == "timeline":
        page.wait_for_selector("#timeline-chart svg path")
    shot(page, name)
    assert page.problems == []
    assert page.locator("h1").first.inner_text().strip()


def test_filters_change_the_timeline(page):
    page.goto("/timeline")
    items = page.locator("#timeline-list li")
    assert items.count() == 2
    page.select_option("select[name=type]", "ASSAULT")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_url("**/timeline?*type=ASSAULT*")
    assert [li.get_attribute("data-id") for li in items.all()] == ["inc-strike"]
    assert "50 missiles" in items.first.inner_text()
    page.fill("input[name=actor]", "Witkoff")
    page.select_option("select[name=type]", "")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_url("**actor=Witkoff*")
    assert [li.get_attribute("data-id") for li in items.all()] == ["inc-moscow"]
    json_link = page.get_attribute("a:text('JSON')", "href")
    assert "actor=Witkoff" in json_link  # the data links reproduce the screen
    page.fill("input[name=since]", "2026-01-01")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_selector("#empty-state")
    shot(page, "timeline-filtered-empty")
    assert page.problems == []


def test_clicking_a_network_edge_lists_its_incidents(page):
    page.goto("/network")
    wait_js(page, "window.parleyGraph && window.parleyGraph.edges().length === 2")
    page.wait_for_timeout(300)
    point = page.evaluate("""() => {
        const cy = window.parleyGraph;
        const e = cy.edges().filter(x => x.data('quad') === 'material_conflict')[0];
        const p = e.renderedMidpoint();
        const box = cy.container().getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#edge-incidents li")
    listed = page.locator("#edge-incidents li a")
    assert listed.count() == 1 and listed.first.get_attribute("href") == "/incidents/inc-strike"
    assert "Russia" in page.inner_text("#edge-panel") and "Ukraine" in page.inner_text("#edge-panel")
    shot(page, "network-edge-clicked")
    listed.first.click()
    page.wait_for_url("**/incidents/inc-strike")
    assert page.problems == []


def test_article_page_highlights_a_known_quote_and_event(page):
    page.goto("/articles/a-moscow-1")
    quote = page.locator("mark.hl-quote")
    assert quote.count() == 1 and "The talks were useful" in quote.inner_text()
    event = page.locator("mark.hl-event")
    assert event.count() == 1 and event.inner_text() == "met"
    assert page.locator("mark.hl-actor", has_text="Steve Witkoff").count() == 1
    assert page.locator("mark.hl-time").inner_text() == "on Tuesday"
    styles = page.evaluate("""() => ['quote', 'event', 'actor', 'time'].map(k => {
        const s = getComputedStyle(document.querySelector('mark.hl-' + k));
        return [s.backgroundColor, s.borderBottomStyle];
    })""")
    assert len({s[0] for s in styles}) == 4 and len({s[1] for s in styles}) == 4  # colour and line style differ
    event.focus()  # keyboard: highlights are focusable and show their fact
    tip = page.locator("#fact-tip")
    assert tip.is_visible() and "CONSULT" in tip.inner_text()
    assert "active" in page.get_attribute("#fact-e0", "class")
    quote.hover()
    wait_js(page, "document.getElementById('fact-tip').textContent.includes('Steve Witkoff')")
    assert page.get_attribute("#fact-e0 a[href^='/incidents/']", "href") == "/incidents/inc-moscow"
    shot(page, "article-highlight-focused")
    assert page.problems == []


def test_highlights_are_reachable_with_the_keyboard(page):
    page.goto("/articles/a-moscow-1")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    assert page.evaluate("document.activeElement.classList.contains('hl')")


def test_hostile_markup_renders_as_text(page):
    page.goto("/articles/a-xss")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") is None
    assert "<script>window.__xss=1</script>" in page.inner_text("h1")
    assert "<img src=x onerror=window.__xss=2>" in page.inner_text("#article-text")
    assert page.locator("#article-text img, #article-text script, h1 b").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    for path in ("/actors/person:evil", "/quotes", "/articles", "/?q=envoy", "/events?actor=%3Cscript%3E"):
        page.goto(path)
        assert page.evaluate("window.__xss") is None, path
    shot(page, "xss-as-text")
    assert page.problems == []
