"""Issue 14, ingest side: each finding of the attack probe reproduced, and now holding.

Every test runs the real readers (and, where a batch is the point, the real DuckDB
store) on inputs built like the probe's, and asserts on what was stored or recorded.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parley.ingest import IngestOptions, iter_documents
from parley.ingest.sniff import sniff
from parley.pipeline import run_ingest
from parley.records import Article, IngestProblem
from parley.store import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
WARC = REPO.parent / "shared" / "samples" / "warc" / "warcfile.warc.gz"
STORY = ("Negotiators from both sides met in Nairobi on Monday and agreed to resume talks next week. "
         "A spokesman said the atmosphere was calm and that a second round would follow in March. ")


def _story(i: int) -> str:
    return f"Envoys meet for round {i}\n\nRound {i}: " + STORY * 3


def _codes(outcomes) -> list[str]:
    return [o.code for o in outcomes if isinstance(o, IngestProblem)]


def _articles(outcomes) -> list[Article]:
    return [o for o in outcomes if isinstance(o, Article)]


# -- a whole batch lost ------------------------------------------------------------------
def test_non_utf8_file_name_does_not_lose_the_batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(5):
        (folder / f"good-{i}.txt").write_text(_story(i), encoding="utf-8")
    bad_name = os.fsdecode(b"caf\xe9-\xff.txt")  # not UTF-8: Python keeps it as surrogate escapes
    (folder / bad_name).write_text(_story(99), encoding="utf-8")
    missing = str(tmp_path / os.fsdecode(b"missing-\xfe.txt"))
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest([str(folder), missing], store, IngestOptions(), batch_size=100)
        origins = {r["origin"] for r in store.query("SELECT origin FROM articles")}
        errors = store.query("SELECT origin, code FROM ingest_errors")
    assert len(origins) == 6
    # the origin keeps the undecodable bytes, escaped, so the user can still find the file
    assert str(folder / "caf\\xe9-\\xff.txt") in origins
    assert errors == [{"origin": str(tmp_path / "missing-\\xfe.txt"), "code": "E114"}]


@pytest.mark.parametrize("field", ["title", "url", "source", "byline", "text"])
def test_lone_surrogate_in_a_jsonl_field_is_replaced_and_stored(tmp_path, field):
    path = tmp_path / "records.jsonl"
    record = {"title": "Envoys meet", "url": "https://example.org/a", "source": "Wire", "byline": "A. Writer",
              "text": STORY * 2}
    record[field] = record[field][:5] + "\ud800" + record[field][5:]
    good = {"title": "Second", "text": "Second story. " + STORY}
    path.write_text(json.dumps(record) + "\n" + json.dumps(good) + "\n", encoding="ascii")  # json escapes \ud800
    with Store(tmp_path / "s.duckdb") as store:
        result = run_ingest([str(path)], store, IngestOptions())
        rows = store.query(f"SELECT {field} AS value FROM articles ORDER BY origin")
    assert len(result.new) == 2 and result.failed == 0
    assert "\ufffd" in rows[0]["value"] and "\ud800" not in rows[0]["value"]


def test_a_document_the_store_refuses_is_one_e116_row_and_the_batch_is_stored(tmp_path):
    from parley.pipeline import write_guarded
    from parley.records import content_hash

    def article(text: str, **kw) -> Article:
        h = content_hash(text)
        return Article(id=h[:16], text=text, content_hash=h, origin=f"doc-{h[:4]}", origin_kind="text", **kw)

    good = [article(f"Story {i}. " + STORY) for i in range(3)]
    refused = article("Refused story. " + STORY, published_rule=None)  # NOT NULL column: DuckDB refuses it
    with Store(tmp_path / "s.duckdb") as store:
        result = write_guarded(store, "b1", [good[0], refused, *good[1:]], [])
        stored = {r["id"] for r in store.query("SELECT id FROM articles")}
        errors = store.query("SELECT origin, code, stage FROM ingest_errors")
    assert stored == {a.id for a in good} and len(result.new) == 3 and result.failed == 1
    assert errors == [{"origin": refused.origin, "code": "E116", "stage": "store"}]


# -- linear time -------------------------------------------------------------------------
def _median_time(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


@pytest.mark.parametrize("unit", [b"<!---->", b"<!-- x -->\n", b"<p" * 3, b"<meta " * 2])
def test_sniffing_adversarial_heads_grows_linearly(unit):
    # the probe's '<!---->' * 28 took 67 s; heads are capped, so measure the scanner itself
    from parley.ingest.sniff import _after_comments

    sizes = [10_000, 20_000, 40_000, 80_000]
    times = []
    for n in sizes:
        text = (unit * n).decode() + "text"
        times.append(_median_time(lambda text=text: (sniff(text.encode()[:8192]), _after_comments(text))))
    assert times[-1] < 1.0
    # each doubling of the input at most ~doubles the time (quadratic would quadruple it)
    assert times[-1] / max(times[0], 1e-6) < 8 * 2.5, times


def test_comment_run_file_is_read_at_once(tmp_path):
    path = tmp_path / "comments.html"
    path.write_bytes(b"<!---->" * 40 + b"Envoys met in Oslo on Monday. " * 5)
    from parley.ingest.html import extract

    extract("<html><body><p>warm up trafilatura's first call</p></body></html>")
    start = time.monotonic()
    outcomes = list(iter_documents([str(path)]))
    assert time.monotonic() - start < 5
    assert outcomes and not [c for c in _codes(outcomes) if c in ("E100", "E117")]


def test_front_matter_line_of_spaces_is_linear(tmp_path):
    path = tmp_path / "spaces.txt"
    path.write_text("---\ntitle: a" + " " * 200_000 + "x\n---\n" + _story(1), encoding="utf-8")
    start = time.monotonic()
    (art,) = list(iter_documents([str(path)]))
    assert time.monotonic() - start < 5 and isinstance(art, Article)


def test_document_budget_turns_a_slow_reader_into_e117(tmp_path):
    from parley.ingest.budget import budget
    from parley.errors import DocumentTimeout

    start = time.monotonic()
    with pytest.raises(DocumentTimeout):
        with budget(0.3):
            while True:
                pass
    assert time.monotonic() - start < 1.0


def test_fifo_without_writer_is_cut_by_the_budget(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(_story(1), encoding="utf-8")
    start = time.monotonic()
    outcomes = list(iter_documents([str(fifo), str(good)], IngestOptions(doc_timeout=0.5)))
    assert time.monotonic() - start < 3
    assert _codes(outcomes) == ["E117"] and len(_articles(outcomes)) == 1


# -- JSONL -------------------------------------------------------------------------------
def _jsonl_lines(n: int, size: int) -> list[str]:
    return [json.dumps({"title": f"Story {i}", "text": f"Story {i}. " + STORY * (size // len(STORY))})
            for i in range(n)]


def test_big_jsonl_of_long_lines_is_read_line_by_line(tmp_path):
    # the probe: 30 MB of 10 KB lines refused whole; here 300 lines of 10 KB against a 1 MB cap
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(_jsonl_lines(300, 10_000)) + "\n", encoding="utf-8")
    outcomes = list(iter_documents([str(path)], IngestOptions(max_bytes=1_000_000)))
    assert len(_articles(outcomes)) == 300 and not _codes(outcomes)


def test_bad_lines_are_one_problem_each_whatever_line_they_are(tmp_path):
    lines = _jsonl_lines(4, 300)
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([
        '{"title": "broken", "text": ',  # a malformed first line
        lines[0],
        json.dumps({"title": "big", "text": STORY})[:-1] + ', "n": ' + "9" * 5000 + "}",  # over 4,300 digits
        lines[1],
        '{"text": ' + "[" * 5_000 + "]" * 5_000 + "}",  # nested past the recursion limit
        lines[2],
        json.dumps({"text": "a line over the per-line cap " + "x" * 20_000}),
        lines[3],
    ]) + "\n", encoding="utf-8")
    outcomes = list(iter_documents([str(path)], IngestOptions(max_bytes=15_000)))
    problems = [o for o in outcomes if isinstance(o, IngestProblem)]
    assert len(_articles(outcomes)) == 4
    assert [(p.origin.rsplit(":", 1)[1], p.code) for p in problems] == [
        ("1", "E112"), ("3", "E112"), ("5", "E112"), ("7", "E108")]
    assert "number too long" in problems[1].reason and "nested too deeply" in problems[2].reason


def test_stdin_jsonl_over_the_cap_is_streamed_like_gzip(tmp_path):
    data = ("\n".join(_jsonl_lines(60, 2_000)) + "\n").encode()
    code = ("import sys; from parley.ingest import iter_documents, IngestOptions; "
            "from collections import Counter; "
            "print(dict(Counter(type(o).__name__ for o in iter_documents(['-'], IngestOptions(max_bytes=50_000)))))")
    for payload in (data, gzip.compress(data)):
        out = subprocess.run([sys.executable, "-c", code], input=payload, capture_output=True, check=True, cwd=REPO)
        assert out.stdout.decode().strip() == "{'Article': 60}"


def test_closed_stdin_is_e114():
    code = ("import sys; from parley.ingest import iter_documents; "
            "print([(o.code, o.reason) for o in iter_documents(['-'])])")
    out = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL, capture_output=True, check=True,
                         cwd=REPO, close_fds=True)
    assert "E101" in out.stdout.decode()  # /dev/null: an empty input
    closed = subprocess.run([sys.executable, "-c", "import os; os.close(0); " + code], capture_output=True,
                            check=True, cwd=REPO)
    assert "E114" in closed.stdout.decode() and "standard input" in closed.stdout.decode()


def test_json_list_with_no_records_is_not_silent(tmp_path):
    path = tmp_path / "none.json"
    path.write_text("[]", encoding="utf-8")
    (problem,) = list(iter_documents([str(path)]))
    assert problem.code == "E101" and "no records" in problem.reason


# -- memory bombs ------------------------------------------------------------------------
def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_layered_gzip_response_is_capped_per_layer(http_server):
    inner = gzip.compress(b"\0" * 300_000_000, compresslevel=9)  # ~290 KB -> 300 MB
    bomb = gzip.compress(inner, compresslevel=9)  # ~1 KB on the wire
    url = http_server.add("/bomb", bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"})
    before = _max_rss_mb()
    (problem,) = list(iter_documents([url], IngestOptions(allow_private=True, max_bytes=5_000_000)))
    assert problem.code == "E108" and "decompressed" in problem.reason
    assert _max_rss_mb() - before < 200


def test_layered_encoding_that_fits_is_read(http_server):
    page = (EXAMPLES / "03-drone-strike.html").read_bytes()
    url = http_server.add("/page", gzip.compress(gzip.compress(page)),
                          headers={"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"})
    (art,) = list(iter_documents([url], IngestOptions(allow_private=True)))
    assert isinstance(art, Article) and "drone" in art.text.lower()


def test_warc_with_a_huge_header_line_is_e108_not_gigabytes(tmp_path):
    head = gzip.decompress(WARC.read_bytes())
    first = head.index(b"WARC/1.0", 10)  # after the warcinfo record
    huge = (b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: " + b"a" * 6_000_000 + b"\r\n\r\n")
    path = tmp_path / "huge.warc"
    path.write_bytes(head[:first] + huge)
    before = _max_rss_mb()
    outcomes = list(iter_documents([str(path)]))
    assert "E108" in _codes(outcomes)
    assert _max_rss_mb() - before < 200


# -- time limits -------------------------------------------------------------------------
class _RawServer:
    """A loopback TCP server that answers with a script of (delay, bytes) steps."""

    def __init__(self, steps_for):
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.steps_for = steps_for
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            try:
                request = conn.recv(65536).decode("latin-1")
                path = request.split(" ", 2)[1] if " " in request else "/"
                for delay, data in self.steps_for(path, self.port):
                    time.sleep(delay)
                    conn.sendall(data)
            except OSError:
                pass
            finally:
                conn.close()

    def close(self):
        self.sock.close()


def test_trickled_headers_hit_the_total_budget():
    def steps(path, port):
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 200:
            yield 0.05, bytes([byte])

    server = _RawServer(steps)
    try:
        start = time.monotonic()
        (problem,) = list(iter_documents([f"http://127.0.0.1:{server.port}/"],
                                         IngestOptions(allow_private=True, timeout=1.0)))
        took = time.monotonic() - start
    finally:
        server.close()
    assert problem.code == "E109" and "in total" in problem.reason
    assert took < 2.5


def test_slow_redirect_chain_is_one_budget_and_the_message_is_true():
    def steps(path, port):
        hop = int(path.strip("/") or 0)
        location = f"http://127.0.0.1:{port}/{hop + 1}"
        yield 0.4, f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode()

    server = _RawServer(steps)
    try:
        start = time.monotonic()
        (problem,) = list(iter_documents([f"http://127.0.0.1:{server.port}/0"],
                                         IngestOptions(allow_private=True, timeout=1.0, max_redirects=5)))
        took = time.monotonic() - start
    finally:
        server.close()
    assert problem.code == "E109" and "1 s" in problem.reason
    assert took < 2.0  # 5 hops of 0.4 s would be 2.4 s


def test_huge_response_header_is_refused():
    def steps(path, port):
        yield 0, b"HTTP/1.1 200 OK\r\nX-Huge: " + b"a" * 2_000_000 + b"\r\n\r\nbody"

    server = _RawServer(steps)
    try:
        (problem,) = list(iter_documents([f"http://127.0.0.1:{server.port}/"], IngestOptions(allow_private=True)))
    finally:
        server.close()
    assert problem.code == "E111"


def test_tab_in_url_is_a_fetch_failure_not_unexpected():
    (problem,) = list(iter_documents(["http://127.0.0.1:1/a\tb c"], IngestOptions(allow_private=True)))
    assert problem.code in ("E111",) and problem.code != "E100"


# -- silent drops ------------------------------------------------------------------------
def _warc_cut_in_a_header(tmp_path: Path) -> Path:
    data = gzip.decompress(WARC.read_bytes())
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.0\r\n", i)]
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: starts[5] + 60])
    return path


def test_warc_cut_inside_a_record_header_is_e104_and_keeps_earlier_records(tmp_path):
    outcomes = list(iter_documents([str(_warc_cut_in_a_header(tmp_path))]))
    assert "E104" in _codes(outcomes) and "E100" not in _codes(outcomes)
    assert _articles(outcomes) or any(c.startswith("S") for c in _codes(outcomes))


def test_folder_entries_not_read_are_recorded_with_reasons(tmp_path):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(_story(1), encoding="utf-8")
    (root / "sub" / "b.txt").write_text(_story(2), encoding="utf-8")
    (root / ".hidden.txt").write_text(_story(3), encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "c.txt").write_text(_story(4), encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(_story(5), encoding="utf-8")
    (root / "escape").symlink_to(outside)  # a link out of the folder
    (root / "escape.txt").symlink_to(outside / "secret.txt")
    (root / "again").symlink_to(root / "sub")  # a link to a folder inside: read once
    (root / "loop").symlink_to(root)
    os.mkfifo(root / "pipe")
    outcomes = list(iter_documents([str(root)]))
    texts = sorted(str(Path(a.origin).relative_to(root)) for a in _articles(outcomes))
    # entries are read in name order: "again" reaches sub/ first, so sub/ itself is a second link to it
    assert texts == ["a.txt", "again/b.txt"]
    skipped = {(Path(p.origin).name, p.code) for p in outcomes if isinstance(p, IngestProblem)}
    assert skipped == {(".hidden.txt", "S205"), (".git", "S205"), ("escape", "S206"), ("escape.txt", "S206"),
                       ("loop", "S206"), ("pipe", "S207"), ("sub", "S206")}
    assert not any("secret" in a.text for a in _articles(outcomes))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder whatever its mode")
def test_unreadable_folder_is_recorded(tmp_path):
    root = tmp_path / "root"
    locked = root / "locked"
    locked.mkdir(parents=True)
    (root / "a.txt").write_text(_story(1), encoding="utf-8")
    locked.chmod(0)
    try:
        outcomes = list(iter_documents([str(root)]))
    finally:
        locked.chmod(0o755)
    assert [(Path(p.origin).name, p.code) for p in outcomes if isinstance(p, IngestProblem)] == [("locked", "S208")]


# -- good text refused -------------------------------------------------------------------
def test_txt_opening_with_a_bracket_is_text(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("[The Palace] More reviews from the festival\n\n" + STORY * 2, encoding="utf-8")
    (art,) = list(iter_documents([str(path)]))
    assert isinstance(art, Article) and art.origin_kind == "text" and "Nairobi" in art.text


def test_txt_holding_real_json_records_is_still_read_as_records(tmp_path):
    path = tmp_path / "records.txt"
    path.write_text(json.dumps([{"title": "One", "text": STORY}]), encoding="utf-8")
    (art,) = list(iter_documents([str(path)]))
    assert art.origin_kind == "jsonl" and art.title == "One"


def test_txt_opening_with_a_brace_that_is_not_json_is_text(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("{Updated} Envoys meet again\n\n" + STORY, encoding="utf-8")
    (art,) = list(iter_documents([str(path)]))
    assert isinstance(art, Article) and art.origin_kind == "text"


# -- honest codes ------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-be", "utf-32"])
def test_utf16_and_utf32_are_text_not_binary(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes(_story(1).encode(encoding))
    (art,) = list(iter_documents([str(path)]))
    assert isinstance(art, Article) and "Nairobi" in art.text


def test_plain_shift_jis_is_decoded_not_mixed(tmp_path):
    path = tmp_path / "jp.txt"
    path.write_bytes(("東京で月曜日に外相会談が開かれ、停戦と国境の問題について協議した。" * 8).encode("shift_jis"))
    (art,) = list(iter_documents([str(path)]))
    # decoded by detection (never E115 "mixed"); the detector may pick a CJK sibling codec
    assert isinstance(art, Article) and art.status == "skipped:language"
    assert any("decoded as" in w for w in art.warnings)


def test_dev_zero_and_fifos_are_not_empty(tmp_path):
    (zero,) = list(iter_documents(["/dev/zero"], IngestOptions(max_bytes=100_000)))
    assert zero.code in ("E102", "E108") and zero.code != "E101"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, "-c", f"open({str(fifo)!r}, 'w').write({_story(7)!r})"])
    (art,) = list(iter_documents([str(fifo)]))
    writer.wait(5)
    assert isinstance(art, Article) and "Round 7" in art.text


def test_socket_is_unsupported(tmp_path):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        (problem,) = list(iter_documents([str(path)]))
    finally:
        server.close()
    assert problem.code == "E113" and "socket" in problem.reason


def test_random_short_files_are_never_articles(tmp_path):
    import random

    rng = random.Random(14)
    for i in range(200):
        (tmp_path / f"r{i}.txt").write_bytes(rng.randbytes(rng.randint(1, 7)))
    outcomes = list(iter_documents([str(tmp_path)]))
    assert len(outcomes) == 200 and not _articles(outcomes)
    assert "E100" not in _codes(outcomes)


def test_comment_run_page_over_http_is_read_at_once(http_server):
    body = b"<!---->" * 40 + b"<html><body><article>" + b"<p>Envoys met in Oslo on Monday to talk.</p>" * 5
    url = http_server.add("/comments", body + b"</article></body></html>", headers={"Content-Type": "text/html"})
    from parley.ingest.html import extract

    extract("<html><body><p>warm up trafilatura's first call</p></body></html>")
    start = time.monotonic()
    outcomes = list(iter_documents([url], IngestOptions(allow_private=True)))
    assert time.monotonic() - start < 5
    assert outcomes and not [c for c in _codes(outcomes) if c in ("E100", "E109", "E117")]


@pytest.mark.parametrize("unit, name", [(b"<!---->", "c.html"), (b"<p ", "t.txt"), (b"<!-- -->\n", "c.htm")])
def test_whole_read_path_grows_linearly_on_adversarial_documents(tmp_path, unit, name):
    from parley.ingest.html import extract

    extract("<html><body><p>warm up trafilatura's first call</p></body></html>")
    tail = b"<html><body><article>" + b"<p>Envoys met in Oslo on Monday to talk about the border.</p>" * 5
    times = []
    for n in (20_000, 80_000, 160_000):
        path = tmp_path / f"{n}-{name}"
        path.write_bytes(unit * n + tail + b"</article></body></html>")
        times.append(_median_time(lambda path=path: list(iter_documents([str(path)])), repeat=3))
    assert times[-1] < 5, times
    assert times[-1] / max(times[0], 1e-3) < 8 * 3, times  # 8x the input


def test_file_objects_read_for_spark_give_rows_with_codes_not_exceptions():
    import io

    from parley.ingest.sources import read_file_object
    from parley.records import IngestProblem

    def read(data: bytes, name: str) -> list:
        return list(read_file_object(io.BytesIO(data), size=len(data), origin=f"hdfs://nn/{name}", name=name,
                                     options=IngestOptions()))

    empty = read(b"", "empty.txt")
    assert [(p.code, p.origin) for p in empty] == [("E101", "hdfs://nn/empty.txt")]
    bad_line = read(b'{"title": "A", "text": "' + b"Envoys met in Geneva on Monday. " * 20 + b'"}\n{broken\n',
                    "x.jsonl")
    assert [type(o).__name__ for o in bad_line] == ["Article", "IngestProblem"]
    assert isinstance(bad_line[1], IngestProblem) and bad_line[1].code == "E112"
