"""Live coverage: poll feeds (or pages, or files) every N minutes, ingest only new items,
analyse and link them, and say what changed: new incidents, incidents with new reports,
changed statuses.

Requests are conditional (``If-None-Match`` / ``If-Modified-Since`` from the last
response's ``ETag`` / ``Last-Modified``, kept per feed in memory for the session); a 304
costs nothing. A feed that is down or malformed is recorded in ``ingest_errors`` and
retried next round. SIGINT/SIGTERM stop the watcher between units of work: a batch of
articles and each article's analysis are single transactions, so no partial article.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from parley.errors import FetchFailed, IngestError, TooLarge, UsageError
from parley.ingest import IngestOptions
from parley.ingest.fetch import fetch
from parley.records import Article, IngestProblem
from parley.safe_text import visible
from parley.store import Store

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")




def escape_terminal(text: str) -> str:
    """Article text is data: no terminal escapes or bidi controls reach the screen."""
    return visible(text).replace("\n", " ").replace("\t", " ")


def parse_every(text: str) -> float:
    """'15m' -> 900.0 seconds; '30s', '1h', '90' (seconds) also accepted."""
    m = _EVERY.match(text)
    if not m:
        raise UsageError(f"--every must look like 15m, 30s or 1h, got {text!r}")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    mtime: float | None = None
    last_status: str = "never"
    failures: int = 0


@dataclass
class RoundResult:
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    new_articles: int = 0
    new_incidents: list[dict[str, Any]] = field(default_factory=list)
    grown_incidents: list[dict[str, Any]] = field(default_factory=list)
    status_changes: list[dict[str, Any]] = field(default_factory=list)
    interrupted: bool = False


class Watcher:
    def __init__(self, store: Store, sources: list[str], nlp=None, *, options: IngestOptions | None = None,
                 actors_file: str | None = None, nlp_factory: Callable[[], Any] | None = None) -> None:
        self.store = store
        self.sources = sources
        self.options = options or IngestOptions()
        self.actors_file = actors_file
        self._nlp = nlp
        self._nlp_factory = nlp_factory
        self.state: dict[str, FeedState] = {s: FeedState() for s in sources}
        self.stop = False

    @property
    def nlp(self):
        if self._nlp is None and self._nlp_factory is not None:
            self._nlp = self._nlp_factory()
        return self._nlp

    # -- fetching ---------------------------------------------------------------
    def _get(self, source: str) -> tuple[bytes, str, str] | None:
        """The body, final URL and content type, or None when unchanged."""
        st = self.state[source]
        if not source.startswith(("http://", "https://")):
            path = Path(source)
            if not path.is_file():
                raise FetchFailed(f"no such file: {source}", detail=source)
            info = path.stat()
            if st.mtime is not None and info.st_mtime == st.mtime:
                return None
            if info.st_size > self.options.max_bytes:
                raise TooLarge(f"file of {info.st_size} bytes is over the {self.options.max_bytes}-byte cap",
                               detail=source)
            st.mtime = info.st_mtime
            return path.read_bytes(), path.name, ""
        headers = {}
        if st.etag:
            headers["If-None-Match"] = st.etag
        if st.last_modified:
            headers["If-Modified-Since"] = st.last_modified
        # the hardened fetch: one total budget, capped layers of decoding, guarded redirects
        page = fetch(source, self.options, conditional=headers)
        if page.status == 304:
            return None
        st.etag = page.etag or st.etag
        st.last_modified = page.last_modified or st.last_modified
        return page.body, page.url, page.content_type

    def _record(self, source: str, exc: IngestError) -> None:
        self.state[source].last_status = f"{exc.code} {exc.message}"
        self.state[source].failures += 1
        self.store.record_problem(IngestProblem(origin=source, code=exc.code, reason=exc.message,
                                                stage=getattr(exc, "stage", "fetch"), detail=exc.detail or ""))

    # -- one round --------------------------------------------------------------
    def run_round(self) -> RoundResult:
        from parley.ingest import DEFAULT_STAGES
        from parley.ingest.sources import _guard as guard, read_bytes
        from parley.pipeline import apply_stages, run_analysis, write_guarded

        res = RoundResult()
        new_ids: list[str] = []
        for source in self.sources:
            if self.stop:
                res.interrupted = True
                break
            try:
                got = self._get(source)
                if got is None:
                    res.not_modified += 1
                    self.state[source].last_status = "304 not modified"
                    continue
                body, url, ctype = got
                name = url.rsplit("/", 1)[-1]
                docs = [apply_stages(d, DEFAULT_STAGES) for d in  # under the per-document budget
                        guard(source, partial(read_bytes, body, origin=source, options=self.options, name=name,
                                              content_type=ctype), self.options.doc_timeout)]
            except IngestError as exc:
                res.failed += 1
                self._record(source, exc)
                continue
            articles = [d for d in docs if isinstance(d, Article)]
            problems = [d for d in docs if isinstance(d, IngestProblem)]
            batch = write_guarded(self.store, f"watch-{datetime.now(UTC):%Y%m%dT%H%M%S%f}", articles, problems)
            failed = next((p for p in problems if p.kind == "error"), None)
            if failed is not None and not articles:  # the feed itself is unreadable: retried next round
                res.failed += 1
                self.state[source].last_status = f"{failed.code} {failed.reason}"
                self.state[source].failures += 1
                continue
            res.fetched += 1
            self.state[source].last_status = f"200 ok, {len(batch.new)} new"
            new_ids.extend(batch.new)
        res.new_articles = len(new_ids)
        if new_ids and not self.stop:
            run_analysis(self.store, self.nlp, new_ids)
        if self.stop:
            res.interrupted = True
        if new_ids:
            from parley.resolve import link_store

            report = link_store(self.store, actors_file=self.actors_file)
            res.new_incidents = self._describe(report.new_incidents)
            res.grown_incidents = self._describe(report.grown_incidents)
            changes = {i: (old, new) for i, old, new in report.status_changes}
            res.status_changes = [{**d, "old_status": changes[d["id"]][0]}
                                  for d in self._describe(list(changes))]
        return res

    def _describe(self, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        return self.store.query(
            "SELECT id, type, status, date_value, n_articles, n_outlets, first_evidence FROM incidents "
            "WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY date_earliest NULLS LAST, id", [ids])

    # -- the loop ---------------------------------------------------------------
    def install_signals(self) -> None:
        def handler(signum, frame):
            self.stop = True

        signal.signal(signal.SIGINT, handler)
        signal.signal(signal.SIGTERM, handler)

    def run(self, every: float, rounds: int | None = None, on_round: Callable[[int, RoundResult], None] | None = None,
            ) -> int:
        n = 0
        while not self.stop and (rounds is None or n < rounds):
            res = self.run_round()
            n += 1
            if on_round:
                on_round(n, res)
            self.store.release()  # between rounds the file is free: readers, 'parley serve', other writers
            deadline = time.monotonic() + every
            while not self.stop and (rounds is None or n < rounds) and time.monotonic() < deadline:
                time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
        return n
