"""Linking at scale: 10,000 articles' facts generated from the examples' records.

    .venv/bin/python bench/link.py [--articles 10000] [--json]

The nine example articles are ingested and analysed once, then their stored facts are
copied (each copy two weeks later than the one before) up to ``--articles`` articles. Prints
the time of a full link (an untraced relink), the peak Python memory of linking at 1/10 of the
size and at full size (a traced first run; flat memory: the ratio stays near 1), and the time of an incremental update
of 100 new articles as a ratio to the full relink, both measured in this process, and
the full link as a ratio to reading every event once (the noisy machine's yardstick).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _timed_link(store, **kw):
    """(report, seconds, peak bytes) of a link. A full link runs twice: traced for its
    peak memory, then untraced for its time (tracemalloc slows every allocation, so a
    traced run's time is not the linker's; a full relink redoes everything, so the
    second run does the work of the first and then some). An incremental link runs once,
    untraced, for its time."""
    from parley.resolve import link_store

    peak = 0
    if kw.get("full"):
        tracemalloc.start()
        link_store(store, **kw)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    t0 = time.perf_counter()
    report = link_store(store, **kw)
    return report, time.perf_counter() - t0, peak


def _read_baseline(store) -> float:
    """Reading every event once into the linker's records: the floor any linker pays."""
    from parley.resolve.link import load_events

    t0 = time.perf_counter()
    load_events(store, None, {})
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from parley.nlp import load_nlp
    from parley.pipeline import run_analysis, run_ingest
    from parley.resolve.synth import replicate
    from parley.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="parley-bench-link-"))
    with Store(tmp / "link.duckdb") as store:
        run_ingest([str(REPO / "examples")], store)
        run_analysis(store, load_nlp("md"))
        base = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        copies = max(1, args.articles // base)
        small = max(1, copies // 10)
        replicate(store, range(1, small), days=14)
        _, t_small, peak_small = _timed_link(store, full=True)
        n_small = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        replicate(store, range(small, copies), days=14)
        n_full = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        t_read = _read_baseline(store)
        report, t_full, peak_full = _timed_link(store, full=True)
        extra = max(1, 100 // base + (100 % base > 0))
        added = replicate(store, range(copies, copies + extra), days=14)
        _, t_inc, _ = _timed_link(store)
    out = {
        "articles": n_full, "events": n_events, "incidents": report.incidents_total,
        "full_link_s": round(t_full, 2), "goal_s": 60, "read_all_events_s": round(t_read, 2),
        "full_link_to_read_ratio": round(t_full / t_read, 1),
        "peak_mb_small": round(peak_small / 2**20, 1), "articles_small": n_small,
        "peak_mb_full": round(peak_full / 2**20, 1), "memory_ratio_full_to_small": round(peak_full / peak_small, 2),
        "incremental_articles": added, "incremental_s": round(t_inc, 3),
        "incremental_to_full_ratio": round(t_inc / t_full, 4), "small_link_s": round(t_small, 2),
    }
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:28} {v}")


if __name__ == "__main__":
    main()
