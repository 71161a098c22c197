"""Benchmark: the JSON API under load on loopback.

Generates (or reuses) a synthetic store of >= 1,000,000 events (``parley.store.synthetic``:
articles, actors, events, event actors, quotes, incidents), starts ``parley serve`` on it in
a subprocess (uvicorn, read-only store), and drives it with 50 concurrent clients (one
HTTP connection each) issuing 5,000 requests over a fixed mix of endpoints:

- ``list``: first pages of articles, events, quotes, actors, incidents; the next page of
  a listing (keyset token)
- ``filter``: events by type, actor, dyad, status and date range; quotes by actor
- ``timeline``: timeline pages with actor, type, issue-free date-range filters
- ``network``: the network over a date range (and whole)

Prints, per kind, the number of requests, errors, p50/p95/max latency, and the ratio of
p95 to the p95 of ``/-/health`` measured in the same run under the same load (the
machines are shared and noisy: the ratio says what the queries cost beyond the server
and the network stack). Goals: p95 <= 100 ms for list and filter, <= 300 ms for timeline
and network; 0 errors.

    .venv/bin/python bench/api.py [--events 1000000] [--clients 50] [--requests 5000] [--db FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import httpx

from parley.store.synthetic import generate


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_store(path: Path, n_events: int) -> float:
    if path.exists():
        con = duckdb.connect(str(path), read_only=True)
        try:
            have = con.execute("SELECT count(*) FROM events").fetchone()[0]
        finally:
            con.close()
        if have >= n_events:
            return 0.0
        path.unlink()
    t = time.perf_counter()
    generate(path, n_events)
    return time.perf_counter() - t


def request_mix(rng: random.Random, n: int, next_token: str) -> list[tuple[str, str]]:
    months = [f"2024-{m:02d}" for m in range(1, 9)]
    actors = ["USA", "RUS", "UKR", "state:FRA", "NATO", "China"]

    def since_until() -> str:
        a = rng.randrange(len(months) - 1)
        return f"since={months[a]}-01&until={months[a + 1]}-15"

    kinds = [
        ("list", lambda: rng.choice(["/api/articles.json", "/api/events.json", "/api/quotes.json",
                                     "/api/actors.json", "/api/incidents.json?_size=50"])),
        ("list", lambda: f"/api/events.json?_next={next_token}"),
        ("filter", lambda: rng.choice([
            f"/api/events.json?type={rng.choice(['CONSULT', 'ASSAULT', 'AGREE', 'SANCTION'])}",
            f"/api/events.json?actor={rng.choice(actors)}",
            f"/api/events.json?dyad={rng.choice(actors)},{rng.choice(actors)}",
            f"/api/events.json?status=planned&{since_until()}",
            f"/api/quotes.json?actor={rng.choice(['Russia', 'NATO', 'France'])}",
        ])),
        ("timeline", lambda: rng.choice([
            f"/api/timeline.json?{since_until()}",
            f"/api/timeline.json?actor={rng.choice(actors)}&{since_until()}",
            f"/api/timeline.json?type={rng.choice(['CONSULT', 'ASSAULT'])}",
            "/api/timeline.json?_size=100",
        ])),
        ("network", lambda: rng.choice([f"/api/network.json?{since_until()}", "/api/network.json"])),
        ("health", lambda: "/-/health"),
    ]
    weights = [30, 10, 25, 15, 10, 10]
    out = []
    for _ in range(n):
        kind, make = rng.choices(kinds, weights)[0]
        out.append((kind, make()))
    return out


class Connection:
    """One keep-alive HTTP/1.1 connection on loopback: a minimal client (GET, bodies by
    Content-Length or chunked), so that the load generator's own cost per request stays
    far below the server's; a general client such as httpx costs 1.5-2.5 ms of CPU per
    request, which on a two-core machine makes the benchmark measure its own queue."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            parts = []
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                parts.append(await self.reader.readexactly(size + 2))
            await self.reader.readuntil(b"\r\n")
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
        if headers.get("connection") == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def drive(base: str, plan: list[tuple[str, str]], clients: int) -> list[tuple[str, float, int, str]]:
    host, port = base.removeprefix("http://").split(":")
    queue: asyncio.Queue = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)
    results: list[tuple[str, float, int, str]] = []

    async def client() -> None:
        conn = Connection(host, int(port))
        try:
            while True:
                try:
                    kind, path = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t = time.perf_counter()
                try:
                    status, body = await conn.get(path)
                    ok = status == 200 and body.startswith(b'{"ok":true')
                    why = "" if ok else body[:200].decode("utf-8", "replace")
                    results.append((kind, time.perf_counter() - t, status, why))
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    await conn.close()
                    results.append((kind, time.perf_counter() - t, 0, repr(exc)))
        finally:
            await conn.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    return results


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _run(coro):
    try:
        import uvloop
    except ImportError:  # (not on Windows)
        return asyncio.run(coro)
    return asyncio.run(coro, loop_factory=uvloop.new_event_loop)


class Server:
    """``parley serve`` on the store in a subprocess, on a free loopback port."""

    def __init__(self, db: Path):
        self.db = db

    def __enter__(self) -> Server:
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "parley.cli", "serve", "--db", str(self.db),
                                      "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env={**os.environ})
        self.pid = self.proc.pid
        deadline = time.time() + 60
        while True:
            try:
                if httpx.get(self.base + "/-/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.time() > deadline:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                self.__exit__()
                raise SystemExit(f"server did not start: {err}")
            time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "parley-bench-api.duckdb")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    made = ensure_store(args.db, args.events)
    con = duckdb.connect(str(args.db), read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "events", "event_actors", "incidents", "incident_actors", "quotes")}
    con.close()
    print(f"store {args.db}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
          + (f" (generated in {made:.1f} s)" if made else " (reused)"))

    plan: list[tuple[str, str]] = []
    with Server(args.db) as srv:
        token = httpx.get(srv.base + "/api/events.json?_size=100", timeout=60).json()["next"]
        for path in ("/api/events.json", "/api/timeline.json", "/api/network.json"):  # warm the caches once
            httpx.get(srv.base + path, timeout=120)
        plan = request_mix(random.Random(args.seed), args.requests, token)
        cpu0, t = _cpu_seconds(srv.pid), time.perf_counter()
        results = _run(drive(srv.base, plan, args.clients))
        wall, server_cpu = time.perf_counter() - t, _cpu_seconds(srv.pid) - cpu0
    first = {path: i for i, (_, path) in reversed(list(enumerate(plan)))}
    with Server(args.db) as srv:  # a fresh server (empty cache): each distinct URL once, alone
        alone = _run(drive(srv.base, sorted({(k, path) for k, path in plan}, key=lambda kp: first[kp[1]]), 1))

    errors = [r for r in results if r[3]]
    print(f"{len(results):,} requests from {args.clients} clients in {wall:.1f} s "
          f"({len(results) / wall:.0f} req/s), errors: {len(errors)}; server CPU {server_cpu:.1f} s "
          f"({1000 * server_cpu / max(1, len(results)):.2f} ms per request)")
    by_kind: dict[str, list[float]] = {}
    for kind, secs, _, _ in results:
        by_kind.setdefault(kind, []).append(secs * 1000)
    base_p95 = p(by_kind["health"], 95)
    goals = {"list": 100, "filter": 100, "timeline": 300, "network": 300}
    print(f"{'kind':10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p95/health':>10}  goal")
    for kind in ("list", "filter", "timeline", "network", "health"):
        v = by_kind.get(kind, [])
        if not v:
            continue
        goal = goals.get(kind)
        verdict = "" if goal is None else f"<= {goal} ms: {'met' if p(v, 95) <= goal else 'NOT met'}"
        print(f"{kind:10} {len(v):5d} {statistics.median(v):8.1f} {p(v, 95):8.1f} {max(v):8.1f} "
              f"{p(v, 95) / base_p95:10.1f}  {verdict}")
    cold: dict[str, list[float]] = {}
    for kind, secs, _, _ in alone:
        cold.setdefault(kind, []).append(secs * 1000)
    print("uncached, one request at a time (each distinct URL of the mix once, fresh server):")
    for kind in ("list", "filter", "timeline", "network"):
        v = cold.get(kind, [])
        if v:
            print(f"{kind:10} {len(v):5d} {statistics.median(v):8.1f} {p(v, 95):8.1f} {max(v):8.1f}")
    for e in errors[:5]:
        print("error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
