"""Locks (issue 14): a reader during a long ingest gets results, a second writer waits and
then succeeds, and a store held without a pause makes waiters exit with code 3 (E005).

Every party is a real process on a real DuckDB file: DuckDB's lock is per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parley.errors import UsageError
from parley.store import Store

REPO = Path(__file__).resolve().parents[2]
PARLEY = [sys.executable, "-m", "parley"]
STORY = ("Negotiators from both sides met in Nairobi on Monday and agreed to resume talks next week. "
         "A spokesman said the atmosphere was calm and that a second round would follow in March. ")

# A long ingest: 25 batches, each followed by 0.25 s of "parsing" while it holds the store.
WRITER = """
import sys, time
from parley.records import Article, content_hash
from parley.store import Store
with Store(sys.argv[1]) as store:
    for i in range(25):
        text = f"Batch {i}. " + STORY
        h = content_hash(text)
        art = Article(id=h[:16], text=text, content_hash=h, origin=f"w{i}", origin_kind="text")
        store.write_batch(f"b{i}", [art], [])
        if i == 0:
            print("first batch", flush=True)
        time.sleep(0.25)
print("writer done", flush=True)
""".replace("STORY", repr(STORY))

HOLDER = """
import sys, time
from parley.store import Store
with Store(sys.argv[1]) as store:
    store.query("SELECT 1")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _start(script: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=REPO, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.strip() in ("first batch", "holding"), (first, proc.stderr.read() if proc.poll() else "")
    return proc


def _parley(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*PARLEY, *args], capture_output=True, text=True, cwd=REPO, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_reader_during_a_long_ingest_gets_results(tmp_path):
    db = str(tmp_path / "s.duckdb")
    Store(db).close()
    writer = _start(WRITER, db)
    try:
        start = time.monotonic()
        read = _parley("articles", "--db", db, "--json", "--limit", "100")
        took = time.monotonic() - start
        still_writing = writer.poll() is None
    finally:
        writer.wait(60)
    assert read.returncode == 0, read.stderr
    body = json.loads(read.stdout)
    assert body["ok"] is True and 1 <= len(body["rows"]) <= 25
    assert still_writing, "the reader should have got in while the ingest was running"
    assert took < 20
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 25


def test_second_writer_waits_then_succeeds(tmp_path):
    db = str(tmp_path / "s.duckdb")
    Store(db).close()
    doc = tmp_path / "second.txt"
    doc.write_text("Second writer story\n\nEnvoys of the second writer met in Lima on Friday. " + STORY,
                   encoding="utf-8")
    writer = _start(WRITER, db)
    try:
        second = _parley("ingest", str(doc), "--db", db, "--no-analyze", "--json", "--wait", "30")
        writer_was_running = writer.poll() is None
    finally:
        writer.wait(60)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["rows"][0]["new"] == 1
    assert writer_was_running
    assert "writer done" in writer.stdout.read()
    with Store(db, read_only=True) as store:
        origins = {r["origin"] for r in store.query("SELECT origin FROM articles")}
    assert str(doc) in origins and len(origins) == 26


def test_store_held_past_wait_exits_3_with_a_message(tmp_path):
    db = str(tmp_path / "s.duckdb")
    Store(db).close()
    holder = _start(HOLDER, db, "6")
    try:
        start = time.monotonic()
        read = _parley("articles", "--db", db, env={"PARLEY_WAIT": "1"})
        took = time.monotonic() - start
        ingest = _parley("ingest", "-", "--db", db, "--no-analyze", "--wait", "0.5", "--json")
    finally:
        holder.wait(30)
    assert read.returncode == 3 and "E005" in read.stderr
    assert "in use by another process" in read.stderr and "waiting up to 1 s" in read.stderr
    assert 0.9 < took < 15
    assert ingest.returncode == 3 and json.loads(ingest.stdout)["code"] == "E005"


@pytest.mark.parametrize("path", ["md:x", "motherduck:db", "s3://bucket/x.duckdb", "http://host/x.duckdb"])
def test_remote_store_paths_are_refused_without_loading_extensions(path, tmp_path):
    with pytest.raises(UsageError):
        Store(path)
    result = _parley("articles", "--db", path, env={"HOME": str(tmp_path)})
    assert result.returncode == 2 and "local file path" in result.stderr
    assert not (tmp_path / ".duckdb").exists()  # nothing was downloaded or installed


def test_extension_autoload_is_disabled(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        settings = {r["name"]: r["value"] for r in store.query(
            "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%extensions'")}
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str, deadline: float) -> dict:
    import urllib.request

    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                return json.loads(resp.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_hands_the_store_to_an_ingest_then_answers_from_the_new_data(tmp_path):
    db = str(tmp_path / "s.duckdb")
    docs = []
    for i, place in enumerate(("Nairobi", "Lima")):
        doc = tmp_path / f"doc{i}.txt"
        doc.write_text(f"Talks in {place}\n\nEnvoys met in {place} on Monday. " + STORY, encoding="utf-8")
        docs.append(doc)
    first = _parley("ingest", str(docs[0]), "--db", db, "--no-analyze", "--json")
    assert first.returncode == 0, first.stderr
    port = _free_port()
    server = subprocess.Popen([*PARLEY, "serve", "--db", db, "--port", str(port)], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/api/articles.json"
    try:
        before = _get_json(url, time.monotonic() + 60)
        assert [r["title"] for r in before["rows"]] == ["Talks in Nairobi"]
        second = _parley("ingest", str(docs[1]), "--db", db, "--no-analyze", "--json", "--wait", "30")
        assert second.returncode == 0, second.stderr
        assert json.loads(second.stdout)["rows"][0]["new"] == 1
        after = _get_json(url, time.monotonic() + 30)  # the file reopened, the cached answer dropped
        assert sorted(r["title"] for r in after["rows"]) == ["Talks in Lima", "Talks in Nairobi"]
        assert server.poll() is None, "the server must keep running across the handover"
    finally:
        server.terminate()
        server.wait(20)
