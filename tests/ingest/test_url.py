"""http(s) sources against a real local HTTP server: fetch, caps, redirects, guards."""

from __future__ import annotations

import gzip
import ipaddress
from pathlib import Path

import pytest

from parley.ingest import IngestOptions, iter_documents
from parley.ingest.url import canonical_url, is_public_address
from parley.records import Article, IngestProblem

REPO = Path(__file__).resolve().parents[2]
LOCAL = IngestOptions(allow_private=True, timeout=5)


def test_html_page_over_http(http_server):
    page = (REPO / "examples" / "03-drone-strike.html").read_bytes()
    url = http_server.add("/news/strike?utm_source=feed", page, headers={"Content-Type": "text/html; charset=utf-8"})
    (art,) = list(iter_documents([url], LOCAL))
    assert isinstance(art, Article)
    assert art.origin == url and art.origin_kind == "url" and art.url == url
    assert art.fetched_at is not None
    # the page's own canonical link wins over the fetched address
    assert art.canonical_url == "https://example.org/barents/2026/02/27/drone-strikes-coast-guard-vessel"


def test_feed_and_plain_text_over_http(http_server):
    feed = http_server.add("/feed", (REPO / "examples" / "barents-wire.rss.xml").read_bytes(),
                           headers={"Content-Type": "application/rss+xml"})
    text = http_server.add("/note", "Envoys meet in Rome\n\nThe envoys met in Rome on Monday and agreed to talk again.",
                           headers={"Content-Type": "text/plain; charset=utf-8"})
    outcomes = list(iter_documents([feed, text], LOCAL))
    assert [o.origin_kind for o in outcomes] == ["feed", "feed", "feed", "url"]
    assert outcomes[3].title == "Envoys meet in Rome" and outcomes[3].canonical_url.endswith("/note")


def test_redirects_are_followed_within_the_limit(http_server):
    target = http_server.add("/final", "Talks end\n\nThe talks ended on Friday with a joint statement by both sides.")
    http_server.add("/hop1", status=302, headers={"Location": "/final"})
    (art,) = list(iter_documents([http_server.url("/hop1")], LOCAL))
    assert isinstance(art, Article) and art.url == target


def test_too_many_redirects(http_server):
    for i in range(4):
        http_server.add(f"/loop{i}", status=301, headers={"Location": f"/loop{i + 1}"})
    options = IngestOptions(allow_private=True, timeout=5, max_redirects=2)
    (problem,) = list(iter_documents([http_server.url("/loop0")], options))
    assert problem.code == "E111" and "more than 2 redirects" in problem.reason


def test_http_error_status(http_server):
    (problem,) = list(iter_documents([http_server.url("/missing")], LOCAL))
    assert problem.code == "E111" and "404" in problem.reason and problem.stage == "fetch"


def test_response_over_the_size_cap(http_server):
    url = http_server.add("/big", "x" * 50_000)
    (problem,) = list(iter_documents([url], IngestOptions(allow_private=True, max_bytes=10_000)))
    assert problem.code == "E108"


def test_compressed_response_is_capped_after_decompression(http_server):
    # 60 kB of compressed zeros expand to 60 MB: the cap must stop it, not the network size
    bomb = gzip.compress(b"0" * 60_000_000)
    url = http_server.add("/gz", bomb, headers={"Content-Encoding": "gzip", "Content-Type": "text/plain"})
    (problem,) = list(iter_documents([url], IngestOptions(allow_private=True, max_bytes=1_000_000)))
    assert problem.code == "E108" and "cap" in problem.reason


def test_timeout(http_server):
    url = http_server.add("/slow", "late", delay=3.0)
    (problem,) = list(iter_documents([url], IngestOptions(allow_private=True, timeout=0.5)))
    assert problem.code == "E109" and problem.stage == "fetch"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "[::1]", "192.168.0.10"])
def test_private_addresses_refused_by_default(host):
    # the guard resolves and refuses before any connection is attempted
    (problem,) = list(iter_documents([f"http://{host}/latest/meta-data/"], IngestOptions(timeout=2)))
    assert isinstance(problem, IngestProblem)
    assert problem.code == "E110" and "--allow-private" in problem.reason


@pytest.mark.parametrize(
    "ip, public",
    [("8.8.8.8", True), ("93.184.216.34", True), ("127.0.0.1", False), ("10.0.0.1", False),
     ("172.16.5.4", False), ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
     ("224.0.0.1", False), ("::1", False), ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False),
     ("2606:4700:4700::1111", True)],
)
def test_public_address_classification(ip, public):
    assert is_public_address(ipaddress.ip_address(ip)) is public


def test_unsupported_scheme():
    (problem,) = list(iter_documents(["ftp://example.org/story.txt"]))
    assert problem.code == "E113"


@pytest.mark.parametrize(
    "url, canonical",
    [
        ("HTTPS://Example.ORG:443/a/b?utm_source=x&id=7#frag", "https://example.org/a/b?id=7"),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/x?fbclid=abc", "http://example.org:8080/x"),
        ("mailto:desk@example.org", None),
        ("/relative/path", None),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical
