"""parley watch against a real HTTP server on loopback: a feed that changes between
rounds, answers 304, fails, and serves malformed XML."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from parley.ingest import IngestOptions
from parley.resolve.watch import Watcher, parse_every
from parley.store import Store

RSS = (Path(__file__).resolve().parents[2] / "examples" / "barents-wire.rss.xml").read_text(encoding="utf-8")
ITEMS = re.findall(r"<item>.*?</item>", RSS, flags=re.DOTALL)
HEAD = RSS[: RSS.index("<item>")]
TAIL = "</channel>\n</rss>\n"


def feed(n_items: int) -> bytes:
    return (HEAD + "".join(ITEMS[:n_items]) + TAIL).encode("utf-8")


class Feed:
    def __init__(self) -> None:
        self.mode = "ok"
        self.body = feed(1)
        self.etag = '"v1"'
        self.requests: list[dict[str, str]] = []


@pytest.fixture()
def server():
    state = Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.requests.append(dict(self.headers))
            if state.mode == "down":
                self.send_response(503)
                self.end_headers()
                return
            if state.mode == "malformed":
                body = b"<rss><channel><item><title>broken"
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if self.headers.get("If-None-Match") == state.etag:
                self.send_response(304)
                self.send_header("ETag", state.etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", state.etag)
            self.send_header("Last-Modified", "Fri, 06 Mar 2026 16:15:00 GMT")
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    yield state
    httpd.shutdown()
    httpd.server_close()


def test_parse_every():
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("1h") == 3600


def test_rounds_changes_304_failures_and_malformed(server, nlp, tmp_path):
    with Store(tmp_path / "w.duckdb") as store:
        w = Watcher(store, [server.url], nlp, options=IngestOptions(allow_private=True))
        r1 = w.run_round()
        assert r1.new_articles == 1 and r1.new_incidents
        n_incidents = store.query("SELECT count(*) AS n FROM incidents")[0]["n"]

        r2 = w.run_round()  # unchanged: conditional request answered 304
        assert server.requests[-1].get("If-None-Match") == '"v1"'
        assert r2.not_modified == 1 and r2.new_articles == 0 and not r2.new_incidents

        server.mode = "down"
        r3 = w.run_round()
        assert r3.failed == 1
        assert store.query("SELECT code FROM ingest_errors WHERE origin = ?", [server.url])[0]["code"] == "E111"

        server.mode = "malformed"
        r4 = w.run_round()
        assert r4.failed == 1
        codes = {r["code"] for r in store.query("SELECT code FROM ingest_errors WHERE origin = ?", [server.url])}
        assert "E105" in codes

        server.mode, server.body, server.etag = "ok", feed(3), '"v3"'
        r5 = w.run_round()  # only the two new items are ingested
        assert r5.new_articles == 2
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 3
        assert store.query("SELECT count(*) AS n FROM incidents")[0]["n"] > n_incidents
        linked = store.query("SELECT count(*) AS n FROM events e ANTI JOIN incident_events ie ON ie.event_id = e.id")
        assert linked[0]["n"] == 0


@pytest.mark.slow
def test_sigterm_mid_watch_leaves_whole_articles(server, tmp_path):
    db = tmp_path / "sig.duckdb"
    server.body, server.etag = feed(3), '"v3"'
    env = {**os.environ, "PARLEY_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "parley", "watch", server.url, "--every", "1s",
                             "--allow-private"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not server.requests:
        time.sleep(0.2)
    time.sleep(1.0)  # mid-round: analysing or linking
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()[-2000:]
    with Store(db) as store:
        arts = store.query("SELECT count(*) AS n FROM articles")[0]["n"]
        assert arts in (0, 3)  # one batch: all items or none
        # every analysed article has its facts; none is half-saved
        half = store.query("SELECT count(*) AS n FROM events e ANTI JOIN analyses a ON a.article_id = e.article_id")
        assert half[0]["n"] == 0
