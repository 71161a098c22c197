"""The batch runner: sources -> articles -> store, then articles -> analyses -> store.

Streaming in batches keeps memory constant in corpus size; each batch is one
transaction, so a killed run leaves whole batches and a rerun completes the rest (the
store ignores duplicates, and analysis picks up articles that have none yet).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from parley.errors import AnalysisTruncated, ProcessingFailed, StoreBusy, StoreWriteFailed
from parley.ingest import IngestOptions
from parley.records import Article, ArticleAnalysis, IngestProblem
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
        total.add(write_guarded(store, uuid.uuid4().hex[:12], articles, problems))
        if progress:
            progress(len(chunk))
    return total


def _store_problem(origin: str, exc: Exception) -> IngestProblem:
    err = StoreWriteFailed(f"the store refused this document: {type(exc).__name__}: {exc}"[:500])
    return IngestProblem(origin=origin, code=err.code, reason=err.message, stage=err.stage, detail=repr(exc)[:2000])


def write_guarded(store: Store, batch_id: str, articles: list[Article], problems: list[IngestProblem]) -> BatchResult:
    """Write a batch; if the store refuses it, write its documents one by one so only the
    document it refuses is lost, recorded as an E116 problem (the batch goes on)."""
    try:
        return store.write_batch(batch_id, articles, problems)
    except (StoreBusy, KeyboardInterrupt):
        raise
    except Exception:
        if not articles:
            raise  # problem rows alone are sanitised text: a failure here is the store's own
    result = BatchResult()
    for art in articles:
        try:
            result.add(store.write_batch(f"{batch_id}-{len(result.new) + result.failed}", [art], []))
        except (StoreBusy, KeyboardInterrupt):
            raise
        except Exception as exc:
            problems = [*problems, _store_problem(art.origin, exc)]
    result.add(store.write_batch(batch_id, [], problems))
    return result


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
    write_every: int = 64,
    progress: ProgressFn | None = None,
) -> AnalysisResult:
    """Analyse stored articles (default: those without an analysis) and save the facts.

    Analyses are written ``write_every`` articles per transaction in bulk (a killed run
    loses at most that many analyses; a rerun redoes exactly those)."""
    from parley.analyze import analyze_articles

    ids = pending_article_ids(store) if article_ids is None else article_ids
    return save_outcomes(store, analyze_articles(iter_stored(store, ids), nlp, batch_size=batch_size),
                         write_every=write_every, progress=progress)


def iter_stored(store: Store, ids: list[str], chunk: int = 200) -> Iterator[Article]:
    """Stored articles by id, in the given order, read ``chunk`` at a time."""
    from parley.store.rows import article_from_row

    for part in _batched(ids, chunk):
        found = {r["id"]: r for r in store.query("SELECT * FROM articles WHERE list_contains(?, id)", [part])}
        for aid in part:
            if aid in found:
                yield article_from_row(found[aid])


def outcome_problems(art: Article, outcome: ArticleAnalysis | IngestProblem) -> list[IngestProblem]:
    """The problem rows one analysis outcome adds: its failure, or its warnings."""
    if isinstance(outcome, IngestProblem):
        return [outcome]
    return [IngestProblem(origin=art.origin or art.id, code=AnalysisTruncated.code, reason=warning,
                          stage=AnalysisTruncated.stage, kind="warning", detail=f"article {art.id}")
            for warning in outcome.warnings]


def save_guarded(store: Store, chunk: list[tuple[Article, ArticleAnalysis | IngestProblem]]) -> list[ArticleAnalysis]:
    """Write one chunk of outcomes in one transaction; if the store refuses it, write the
    analyses one by one so only the article it refuses is lost, recorded as an E116
    problem (the run goes on). Returns the analyses stored."""
    analyses = [o for _, o in chunk if isinstance(o, ArticleAnalysis)]
    problems = [p for art, o in chunk for p in outcome_problems(art, o)]
    try:
        store.save_analyses(analyses, problems)
        return analyses
    except (StoreBusy, KeyboardInterrupt):
        raise
    except Exception:
        if not analyses:
            raise  # problem rows alone are sanitised text: a failure here is the store's own
    saved: list[ArticleAnalysis] = []
    for art, outcome in chunk:
        if not isinstance(outcome, ArticleAnalysis):
            continue
        try:
            store.save_analyses([outcome])
            saved.append(outcome)
        except (StoreBusy, KeyboardInterrupt):
            raise
        except Exception as exc:  # one article's facts refused: recorded, the run goes on
            problem = _store_problem(art.origin or art.id, exc)
            problem.detail = f"article {art.id}: {problem.detail}"[:2000]
            problems.append(problem)
    store.save_analyses([], problems)
    return saved


def save_outcomes(
    store: Store,
    outcomes: Iterable[tuple[Article, ArticleAnalysis | IngestProblem]],
    *,
    write_every: int = 64,
    progress: ProgressFn | None = None,
) -> AnalysisResult:
    """Write (article, outcome) pairs to the store, ``write_every`` per transaction."""
    result = AnalysisResult()

    def counted() -> Iterator[tuple[Article, ArticleAnalysis | IngestProblem]]:
        for pair in outcomes:
            store.yield_to_waiters()  # between transactions: a waiting reader gets the file
            yield pair
            if progress:
                progress(1)

    for chunk in _batched(counted(), write_every):
        analyses = save_guarded(store, chunk)
        result.failed += len(chunk) - len(analyses)
        result.analysed += len(analyses)
        for outcome in analyses:
            for name in ("mentions", "actors", "times", "quotes", "events", "stances"):
                result.facts[name] = result.facts.get(name, 0) + len(getattr(outcome, name))
    return result


def run_analysis_workers(
    store: Store,
    *,
    model: str = "md",
    actors_file: str | None = None,
    article_ids: list[str] | None = None,
    workers: int | None = None,
    batch_size: int = 16,
    write_every: int = 64,
    progress: ProgressFn | None = None,
    stats=None,
) -> AnalysisResult:
    """``run_analysis`` on ``workers`` processes (default: every core), each loading the
    pipeline once; the store it leaves is the one a single process leaves. With one
    worker (or work for one chunk) the pipeline runs in this process."""
    from parley.scale.memory import peak_rss_bytes
    from parley.scale.pool import PoolStats, analyze_in_pool, default_workers, effective_workers

    ids = pending_article_ids(store) if article_ids is None else article_ids
    stats = stats if stats is not None else PoolStats()
    n = effective_workers(workers or default_workers(), len(ids), batch_size)
    if n == 1:
        from parley.nlp import load_nlp

        store.release()  # readers get in while the model loads; the next use reopens the file
        result = run_analysis(store, load_nlp(model, actors_file=actors_file), ids, batch_size=batch_size,
                              write_every=write_every, progress=progress)
        stats.note(os.getpid(), peak_rss_bytes())
        return result
    outcomes = analyze_in_pool(iter_stored(store, ids), workers=n, model=model, actors_file=actors_file,
                               batch_size=batch_size, stats=stats)
    return save_outcomes(store, outcomes, write_every=write_every, progress=progress)
