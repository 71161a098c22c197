"""Real news text for the benchmarks, read from ../shared at run time (never copied into
the project): the PolNeAR train split's articles, written as plain-text files to a
temporary folder so the benchmarks ingest files as users do."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_TEXTS = SHARED / "bench" / "polnear-train" / "text"


def article_files(limit: int, folder: Path | None = None) -> list[Path]:
    folder = folder or DEFAULT_TEXTS
    if not folder.is_dir():
        raise SystemExit(f"no real articles at {folder}: the benchmarks read ../shared (or pass --texts DIR)")
    files = sorted(folder.glob("*.txt"))[:limit]
    if len(files) < limit:
        raise SystemExit(f"{folder} holds {len(files)} articles, fewer than the {limit} asked for")
    return files


def write_corpus(target: Path, files: list[Path]) -> Path:
    """The articles as files to ingest (their own first line is the title)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        (target / path.name).write_bytes(path.read_bytes())
    return target


def ingested_articles(folder: Path) -> list:
    """The articles exactly as ingest stores them (what the NLP pipeline sees)."""
    from parley.ingest import IngestOptions, iter_documents
    from parley.records import Article

    return [d for d in iter_documents([str(folder)], IngestOptions()) if isinstance(d, Article) and d.status == "ok"]


def nlp_alone(nlp, articles: list) -> int:
    """The NLP pipeline alone, as analysis runs it: ``analyze_articles`` (``nlp.pipe`` in
    batches of 16, an article that makes a component raise retried alone and recorded)
    with no reading and no store. Returns the number of failed articles."""
    from parley.analyze import analyze_articles
    from parley.records import IngestProblem

    return sum(isinstance(outcome, IngestProblem) for _, outcome in analyze_articles(articles, nlp))
