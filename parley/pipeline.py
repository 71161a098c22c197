"""The batch runner: sources -> articles -> store, then articles -> analyses -> store.

Streaming in batches keeps memory constant in corpus size; each batch is one
transaction, so a killed run leaves whole batches and a rerun completes the rest (the
store ignores duplicates, and analysis picks up articles that have none yet).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from parley.errors import AnalysisTruncated, ProcessingFailed
from parley.ingest import IngestOptions
from parley.records import Article, IngestProblem
from parley.store import BatchResult, Store

Stage = Callable[[Article], Article]
ProgressFn = Callable[[int], None]


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def apply_stages(doc: Article | IngestProblem, stages: list[Stage]) -> Article | IngestProblem:
    """Run cleaning stages on one article; a stage that raises turns it into a problem."""
    if isinstance(doc, IngestProblem):
        return doc
    for stage in stages:
        try:
            doc = stage(doc)
        except Exception as exc:  # a bad document never stops the batch
            err = ProcessingFailed(f"stage {getattr(stage, '__name__', stage)} failed: {exc}")
            return IngestProblem(origin=doc.origin, code=err.code, reason=err.message, stage="clean")
    return doc


def run_ingest(
    sources: list[str],
    store: Store,
    options: IngestOptions | None = None,
    *,
    batch_size: int = 50,
    stages: list[Stage] | None = None,
    progress: ProgressFn | None = None,
) -> BatchResult:
    from parley.ingest import DEFAULT_STAGES, iter_documents

    options = options or IngestOptions()
    stages = DEFAULT_STAGES if stages is None else stages
    total = BatchResult()
    for chunk in _batched(iter_documents(sources, options), batch_size):
        docs = [apply_stages(d, stages) for d in chunk]
        articles = [d for d in docs if isinstance(d, Article)]
        problems = [d for d in docs if isinstance(d, IngestProblem)]
        total.add(store.write_batch(uuid.uuid4().hex[:12], articles, problems))
        if progress:
            progress(len(chunk))
    return total


@dataclass
class AnalysisResult:
    analysed: int = 0
    failed: int = 0
    facts: dict[str, int] = field(default_factory=dict)


def pending_article_ids(store: Store) -> list[str]:
    from parley.query.overview import pending_article_ids as pending

    return pending(store)


def run_analysis(
    store: Store,
    nlp,
    article_ids: list[str] | None = None,
    *,
    batch_size: int = 16,
    progress: ProgressFn | None = None,
) -> AnalysisResult:
    """Analyse stored articles (default: those without an analysis) and save the facts."""
    from parley.analyze import analyze_articles

    ids = pending_article_ids(store) if article_ids is None else article_ids
    result = AnalysisResult()

    def articles() -> Iterator[Article]:
        for aid in ids:
            art = store.load_article(aid)
            if art is not None:
                yield art

    for art, outcome in analyze_articles(articles(), nlp, batch_size=batch_size):
        if isinstance(outcome, IngestProblem):
            store.record_problem(outcome)
            result.failed += 1
        else:
            store.save_analysis(outcome)
            for warning in outcome.warnings:
                store.record_problem(IngestProblem(origin=art.origin or art.id, code=AnalysisTruncated.code,
                                                   reason=warning, stage=AnalysisTruncated.stage, kind="warning",
                                                   detail=f"article {art.id}"))
            result.analysed += 1
            for name in ("mentions", "actors", "times", "quotes", "events", "stances"):
                result.facts[name] = result.facts.get(name, 0) + len(getattr(outcome, name))
        if progress:
            progress(1)
    return result
