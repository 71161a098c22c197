"""Fixtures for ingest tests: a real HTTP server on 127.0.0.1 and small corpus helpers."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to sleep before answering (a server that hangs)


class LocalServer:
    """A real threaded HTTP server whose routes a test sets up."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                route = routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        self.routes[path] = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **kwargs)
        return self.url(path)


@pytest.fixture()
def http_server():
    server = LocalServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def write_article(folder: Path, name: str, title: str, sentences: list[str], published: str = "2026-01-15") -> Path:
    """A plain-text article with front matter, from sentences the test writes."""
    path = folder / name
    body = "\n\n".join(sentences)
    path.write_text(f"---\ntitle: {title}\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    return path


GOOD_SENTENCES = [
    "Envoys from Chile and Argentina met in Santiago on Tuesday to discuss a disputed glacier border.",
    "The Chilean foreign minister said both sides had agreed to share survey data before the next round.",
    "Argentina's delegation called the meeting constructive and proposed a joint technical commission.",
]


@pytest.fixture()
def good_articles(tmp_path) -> list[Path]:
    """Two ordinary articles that must come through whatever else is in the batch."""
    folder = tmp_path / "good"
    folder.mkdir()
    return [
        write_article(folder, "glacier-talks.txt", "Chile and Argentina hold glacier border talks", GOOD_SENTENCES),
        write_article(
            folder, "port-deal.txt", "Kenya and Tanzania sign port cooperation deal",
            ["Kenya and Tanzania signed an agreement on Friday to coordinate customs checks at their ports.",
             "Officials in Nairobi said the deal would cut waiting times for lorries at the border crossing.",
             "The Tanzanian trade minister said a second agreement on rail links could follow within a year."],
            published="2026-01-16",
        ),
    ]
