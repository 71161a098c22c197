"""Analysis on every core: a pool of worker processes, each loading the pipeline once.

The main process reads articles and writes the store (DuckDB has one writer); workers
only run ``analyze_articles``. Work goes out in chunks of exactly ``batch_size``
articles in stream order, and results come back in that order, so every ``nlp.pipe``
batch holds the same documents as in a single process: the store is identical whatever
the number of workers. At most ``2 x workers`` chunks are in flight, so memory stays flat
in corpus size.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator

from parley.errors import ProcessingFailed
from parley.records import Article, ArticleAnalysis, IngestProblem
from parley.scale.memory import GIB, peak_rss_bytes

Outcome = tuple[Article, ArticleAnalysis | IngestProblem]

_NLP = None  # the worker's pipeline, loaded once by ``_load``


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def effective_workers(requested: int, pending: int, batch_size: int) -> int:
    """No more workers than there are chunks: a second model load for one chunk only costs."""
    chunks = -(-pending // batch_size) if pending else 0
    return max(1, min(requested, chunks))


@dataclass
class PoolStats:
    """Peak resident memory of each worker process (bytes, by pid)."""

    peak_rss: dict[int, int] = field(default_factory=dict)

    def note(self, pid: int, rss: int) -> None:
        self.peak_rss[pid] = max(rss, self.peak_rss.get(pid, 0))

    @property
    def max_gib(self) -> float:
        return max(self.peak_rss.values(), default=0) / GIB

    def summary(self) -> dict[str, float | int]:
        return {"workers": len(self.peak_rss), "peak_rss_gib_per_worker": round(self.max_gib, 3)}


def _load(model: str, actors_file: str | None) -> None:
    global _NLP
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per worker, no oversubscription
    from parley.nlp import load_nlp

    _NLP = load_nlp(model, actors_file=actors_file)


def _work(chunk: list[Article], batch_size: int) -> tuple[list[Outcome], int, int]:
    from parley.analyze import analyze_articles

    assert _NLP is not None, "worker used before its pipeline was loaded"
    return list(analyze_articles(chunk, _NLP, batch_size=batch_size)), os.getpid(), peak_rss_bytes()


def analyze_in_pool(
    articles: Iterable[Article],
    *,
    workers: int,
    model: str = "md",
    actors_file: str | None = None,
    batch_size: int = 16,
    stats: PoolStats | None = None,
) -> Iterator[Outcome]:
    """(article, outcome) pairs in input order, computed by ``workers`` processes."""
    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding DuckDB and threads
    stats = stats if stats is not None else PoolStats()
    it = iter(articles)
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_load, initargs=(model, actors_file)) as pool:
        pending: deque = deque()
        while True:
            while len(pending) < 2 * workers and (chunk := list(islice(it, batch_size))):
                pending.append(pool.submit(_work, chunk, batch_size))
            if not pending:
                break
            try:
                outcomes, pid, rss = pending.popleft().result()
            except BrokenProcessPool as exc:  # a worker was killed (out of memory?) or crashed
                raise ProcessingFailed(
                    "an analysis worker died (out of memory, or killed); the analyses written so far are kept: "
                    "rerun to continue, with fewer --workers if memory is short") from exc
            stats.note(pid, rss)
            yield from outcomes
