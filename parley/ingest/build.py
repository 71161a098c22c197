"""From what a reader found to a finished Article (or the IngestProblem saying why not)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from parley.errors import IngestError, ParleyError
from parley.ingest.clean import CLEANING_STAGES, split_paragraphs
from parley.ingest.dates import resolve_published
from parley.ingest.options import IngestOptions
from parley.records import Article, IngestProblem
from parley.safe_text import safe_origin, valid_text

Outcome = Article | IngestProblem


class ByteStream(Protocol):
    """What the streaming readers need of a source: ``read(size)``."""

    def read(self, size: int = -1, /) -> bytes: ...


def problem_from_error(origin: str, exc: ParleyError) -> IngestProblem:
    return IngestProblem(
        origin=safe_origin(origin), code=exc.code, reason=valid_text(exc.message), stage=exc.stage,
        kind=getattr(exc, "kind", "error"), detail=valid_text(exc.detail),
    )


def unexpected_problem(origin: str, exc: Exception, stage: str) -> IngestProblem:
    """A bug or a library failure on one document: recorded, and the batch goes on."""
    err = IngestError(f"unexpected {type(exc).__name__} while reading: {exc}"[:500])
    return IngestProblem(origin=origin, code=err.code, reason=err.message, stage=stage, detail=repr(exc)[:2000])


def _error_classes(cls: type[IngestError]) -> list[type[IngestError]]:
    out = [cls]
    for sub in cls.__subclasses__():
        out.extend(_error_classes(sub))
    return out


def raise_for_problem(problem: IngestProblem | None, origin: str) -> None:
    """Turn a recorded problem back into its typed exception (for single-file callers)."""
    if problem is None:
        raise IngestError(f"no article in {origin}")
    cls = next((c for c in _error_classes(IngestError) if c.code == problem.code), IngestError)
    raise cls(problem.reason, detail=problem.detail)


def finish_article(article: Article) -> Outcome:
    """Run the cleaning stages; a stage that finds nothing left yields the problem."""
    try:
        for stage in CLEANING_STAGES:
            article = stage(article)
    except IngestError as exc:
        return problem_from_error(article.origin, exc)
    return article


def article_from_text(
    text: str | None = None,
    *,
    origin: str,
    origin_kind: str,
    options: IngestOptions,
    paragraphs: list[str] | None = None,
    title: str | None = None,
    url: str | None = None,
    canonical: str | None = None,
    source: str | None = None,
    byline: str | None = None,
    published: datetime | None = None,
    published_rule: str = "metadata",
    fallback_date: tuple[datetime, str] | None = None,
    language: str | None = None,
    is_summary: bool = False,
    fetched_at: datetime | None = None,
    warnings: list[str] | None = None,
) -> Outcome:
    """Build and finish one article. ``published`` is a date the source's metadata gave
    (recorded under ``published_rule``); without one the lead's dateline, then
    ``options.published``, then ``fallback_date`` are tried, else the date stays unknown."""
    if paragraphs is None:
        paragraphs = split_paragraphs(valid_text(text or ""))
    else:  # a lone surrogate (JSON "\ud800") would fail every later stage and the store
        paragraphs = [valid_text(p) for p in paragraphs]
    title, url, source, byline, language = (
        valid_text(v) if isinstance(v, str) else v for v in (title, url, source, byline, language))
    origin = safe_origin(origin)
    when, rule, date_warnings = resolve_published(published, published_rule, paragraphs, options.published,
                                                  fallback_date)
    article = Article(
        id="", text="\n\n".join(paragraphs), title=title, url=url, canonical_url=canonical, source=source,
        byline=byline, published=when, published_rule=rule, language=language, paragraphs=list(paragraphs),
        origin=origin, origin_kind=origin_kind, is_summary=is_summary,
        warnings=list(warnings or []) + date_warnings, fetched_at=fetched_at,
    )
    return finish_article(article)
