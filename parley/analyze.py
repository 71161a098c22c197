"""The per-article NLP function: Article -> ArticleAnalysis.

Pure: it reads only the article and the loaded pipeline, so the same function runs in
the CLI, in tests and (later) inside a Spark job over an archive.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from parley.errors import ProcessingFailed
from parley.nlp.pipeline import model_info
from parley.records import Article, ArticleAnalysis, IngestProblem

# Longer texts are cut (and the cut is recorded) so one pathological document cannot
# exhaust memory or stall a batch for minutes (1 MB of text took ~2 min and 3.4 GB here).
MAX_CHARS = 300_000


def make_doc(nlp: Language, article: Article) -> Doc:
    text = article.text[:MAX_CHARS]
    doc = nlp.make_doc(text)
    doc._.article_id = article.id
    doc._.dct = article.published
    return doc


def analysis_from_doc(doc: Doc, nlp: Language, article: Article | None = None) -> ArticleAnalysis:
    model, version = model_info(nlp)
    actors = doc._.actors or {}
    warnings = []
    if article is not None and len(article.text) > MAX_CHARS:
        warnings.append(f"text cut to its first {MAX_CHARS:,} of {len(article.text):,} characters for analysis")
    return ArticleAnalysis(
        article_id=doc._.article_id or "",
        model=model,
        model_version=version,
        mentions=list(doc._.actor_mentions or []),
        actors=list(actors.values()) if isinstance(actors, dict) else list(actors),
        times=list(doc._.times or []),
        quotes=list(doc._.quotes or []),
        events=list(doc._.events or []),
        stances=list(doc._.stances or []),
        warnings=warnings,
    )


def analyze_article(article: Article, nlp: Language) -> ArticleAnalysis:
    return analysis_from_doc(nlp(make_doc(nlp, article)), nlp, article)


def analyze_articles(
    articles: Iterable[Article], nlp: Language, batch_size: int = 16
) -> Iterator[tuple[Article, ArticleAnalysis | IngestProblem]]:
    """Stream (article, analysis) pairs; an article whose processing raises yields an
    ``IngestProblem`` instead, and the stream goes on."""
    batch: list[Article] = []
    for art in articles:
        batch.append(art)
        if len(batch) >= batch_size:
            yield from _analyze_batch(batch, nlp, batch_size)
            batch = []
    if batch:
        yield from _analyze_batch(batch, nlp, batch_size)


def _analyze_batch(batch: list[Article], nlp: Language, batch_size: int):
    try:
        docs = list(nlp.pipe((make_doc(nlp, a) for a in batch), batch_size=batch_size))
    except Exception:  # find the article that broke the batch, one at a time
        for art in batch:
            yield art, _analyze_one_safely(art, nlp)
        return
    for art, doc in zip(batch, docs, strict=True):
        yield art, analysis_from_doc(doc, nlp, art)


def _analyze_one_safely(art: Article, nlp: Language) -> ArticleAnalysis | IngestProblem:
    try:
        return analyze_article(art, nlp)
    except Exception as exc:  # recorded, never silently dropped
        err = ProcessingFailed(f"processing failed: {type(exc).__name__}: {exc}")
        return IngestProblem(origin=art.origin or art.id, code=err.code, reason=err.message,
                             stage=err.stage, detail=f"article {art.id}")
