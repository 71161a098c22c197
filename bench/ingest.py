"""Benchmark: end-to-end ingest (files to an analysed store) against the NLP pipeline
alone on the same texts, in the same process; with ``--extract``, HTML extraction
against trafilatura alone.

Default (end to end): the first ``--articles`` real articles of
``../shared/bench/polnear-train/text`` are written as files to a temporary folder. Each
round times, on one loaded pipeline and one core, (a) the NLP pipeline alone
(``analyze_articles``, i.e. ``nlp.pipe`` in batches of 16) over the articles exactly as
ingest stores them, and (b) ``run_ingest`` + ``run_analysis`` of the folder
into a fresh DuckDB store (read, clean, hash, store, analyse, write the facts). Sides
alternate; the best round of each is kept. Prints both rates and the ratio (goal >= 0.85).

    .venv/bin/python bench/ingest.py [--articles 100] [--rounds 2] [--json]
    .venv/bin/python bench/ingest.py --extract [--pages 300] [--rounds 3] [--store]

``--extract`` (the ingest layer alone):

Generates a corpus of news-like HTML pages (text assembled from our own sentence
templates), then times, on the same files:

- ``parley``: ``iter_documents([folder])`` -- reading, content sniffing, decoding,
  trafilatura extraction, cleaning, language detection, hashing and ids. No store,
  unless ``--store`` is given (then ``run_ingest`` into a fresh DuckDB file, one
  transaction per batch, is timed instead).
- ``trafilatura``: read each file and call ``trafilatura.bare_extraction`` with the
  same settings Parley uses (metadata on, comments off, markup-only dates).

Timing is paired page by page: each page is processed by one side and then the other
(the order alternates), so both see the same machine load -- the machines this runs on
are shared, and whole-corpus timings drift by 2x from one minute to the next. With
``--store`` the whole folder is timed per side instead (batches cannot be split per page).
Prints articles/s for both and the ratio (goal: >= 0.8), in CPU time of this process and
in wall-clock time, each the median over ``--rounds`` rounds.

    .venv/bin/python bench/ingest.py [--pages 300] [--rounds 3] [--store]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from parley.ingest import IngestOptions, iter_documents
from parley.ingest.html import DATE_PARAMS
from parley.records import Article

ACTORS = ["Norway", "Russia", "Finland", "the European Union", "the United Nations", "Chile", "Argentina",
          "Kenya", "Tanzania", "Vietnam", "Morocco", "Georgia", "Peru", "Ghana"]
PEOPLE = ["Foreign Minister Kari Nordvik", "Deputy Foreign Minister Pavel Sorokin", "envoy Marisol Ortega",
          "State Secretary Erik Haugland", "Defence Minister Tor Eriksen", "mediator Aino Lehtonen"]
PLACES = ["Helsinki", "Geneva", "Vienna", "Doha", "Nairobi", "Lima", "Accra", "Hanoi", "Rabat", "Tbilisi"]
VERBS = ["met", "held talks with", "rejected a proposal from", "accused", "signed an agreement with",
         "called on", "praised", "warned", "invited", "sent a delegation to"]
TOPICS = ["a buffer zone", "a prisoner exchange", "fishing rights", "a border survey", "customs checks",
          "a ceasefire line", "a joint commission", "sanctions relief", "a hotline", "rail links"]
QUOTES = ["We came here to find an agreement, not to repeat old positions",
          "Nobody is asked to give up a claim today", "The next round will decide whether this works",
          "Our position has not changed and will not change under pressure",
          "It is a small step, but it is the first one we have taken together"]


def sentence(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return (f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} {rng.choice(ACTORS)} in "
                f"{rng.choice(PLACES)} on {rng.choice(['Monday', 'Tuesday', 'Thursday', 'Friday'])} "
                f"over {rng.choice(TOPICS)}.")
    if kind == 1:
        return f"\u201c{rng.choice(QUOTES)},\u201d {rng.choice(PEOPLE)} told reporters in {rng.choice(PLACES)}."
    if kind == 2:
        return (f"Officials said {rng.randint(2, 400)} people had been affected and that talks on "
                f"{rng.choice(TOPICS)} would resume within {rng.randint(2, 20)} days.")
    return (f"{rng.choice(PEOPLE).split(' ', 1)[0].capitalize()} {rng.choice(PEOPLE).split(' ', 1)[1]} said "
            f"{rng.choice(ACTORS)} was ready to discuss {rng.choice(TOPICS)} if {rng.choice(ACTORS)} did the same.")


def page(i: int, rng: random.Random) -> str:
    title = f"{rng.choice(ACTORS).capitalize()} and {rng.choice(ACTORS)} discuss {rng.choice(TOPICS)} in {rng.choice(PLACES)}"
    paragraphs = "\n".join(
        f"<p>{' '.join(sentence(rng) for _ in range(rng.randint(2, 4)))}</p>" for _ in range(rng.randint(8, 16))
    )
    nav = "".join(f"<li><a href='/section/{k}'>Section {k}</a></li>" for k in range(12))
    related = "".join(f"<li><a href='/story/{i}-{k}'>{rng.choice(ACTORS)} news {k}</a></li>" for k in range(6))
    day = 1 + i % 28
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Wire</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Bench Wire">
<meta name="author" content="Bench desk"><meta property="article:published_time" content="2026-02-{day:02d}T09:00:00Z">
<link rel="canonical" href="https://bench.example.org/2026/02/{day:02d}/story-{i}">
<script>window.analytics = {{page: {i}}};</script></head>
<body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Bench desk</p>
{paragraphs}
</article><aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>Bench Wire. Generated page {i}.</p></footer></body></html>
"""


def make_corpus(folder: Path, pages: int, seed: int = 5) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(pages):
        path = folder / f"page-{i:05d}.html"
        path.write_text(page(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def paired_round(paths: list[Path], parley_first: bool) -> dict[str, tuple[float, float]]:
    """(cpu, wall) seconds per side over all pages, timing the two sides page by page."""
    totals = {"parley": [0.0, 0.0], "trafilatura": [0.0, 0.0]}
    options = IngestOptions()

    def ours(path: Path) -> None:
        outcomes = list(iter_documents([str(path)], options))
        assert outcomes and isinstance(outcomes[0], Article), outcomes

    def theirs(path: Path) -> None:
        doc = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True, include_comments=False,
                                          date_extraction_params=DATE_PARAMS)
        assert doc is not None and doc.text

    sides = [("parley", ours), ("trafilatura", theirs)]
    for i, path in enumerate(paths):
        for name, fn in sides if (i % 2 == 0) == parley_first else sides[::-1]:
            cpu, wall = time.process_time(), time.perf_counter()
            fn(path)
            totals[name][0] += time.process_time() - cpu
            totals[name][1] += time.perf_counter() - wall
    return {name: (cpu, wall) for name, (cpu, wall) in totals.items()}


def run_parley(folder: Path, with_store: bool) -> int:
    if with_store:
        from parley.pipeline import run_ingest
        from parley.store import Store

        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
            return len(run_ingest([str(folder)], store, IngestOptions(), batch_size=50).new)
    return sum(1 for o in iter_documents([str(folder)], IngestOptions()) if isinstance(o, Article))


def run_trafilatura(paths: list[Path]) -> int:
    count = 0
    for path in paths:
        doc = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True, include_comments=False,
                                          date_extraction_params=DATE_PARAMS)
        count += doc is not None and bool(doc.text)
    return count


def end_to_end(folder: Path, nlp, articles: list) -> dict[str, float]:
    """Seconds for the NLP alone and for files -> analysed store, one run each."""
    from corpus import nlp_alone

    from parley.pipeline import run_analysis, run_ingest
    from parley.store import Store

    start = time.perf_counter()
    nlp_alone(nlp, articles)
    nlp_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with Store(Path(tmp) / "bench.duckdb") as store:
            run_ingest([str(folder)], store, IngestOptions())
            result = run_analysis(store, nlp)
        e2e_s = time.perf_counter() - start
    if result.analysed + result.failed != len(articles):
        print(f"warning: analysed {result.analysed} of {len(articles)} articles", file=sys.stderr)
    return {"nlp_s": nlp_s, "e2e_s": e2e_s}


def main_end_to_end(args) -> dict:
    import json

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import article_files, ingested_articles, write_corpus

    from parley.nlp import load_nlp

    nlp = load_nlp(args.model)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "articles", article_files(args.articles, args.texts))
        articles = ingested_articles(folder)
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        list(nlp.pipe(texts[:4]))  # warm-up
        runs = [end_to_end(folder, nlp, articles) for _ in range(args.rounds)]
    nlp_s, e2e_s = min(r["nlp_s"] for r in runs), min(r["e2e_s"] for r in runs)
    result = {"articles": len(texts), "words": words, "rounds": args.rounds,
              "nlp_words_per_s": round(words / nlp_s), "end_to_end_words_per_s": round(words / e2e_s),
              "end_to_end_vs_nlp": round(nlp_s / e2e_s, 3), "goal": 0.85}
    print(f"{len(texts)} real articles, {words} words, best of {args.rounds} rounds, one core")
    print(f"NLP pipeline alone   {result['nlp_words_per_s']:>7} words/s")
    print(f"files -> stored facts {result['end_to_end_words_per_s']:>6} words/s")
    print(f"ratio end to end/NLP {result['end_to_end_vs_nlp']:>7}   (goal >= 0.85)")
    if args.json:
        print(json.dumps(result))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extract", action="store_true", help="HTML extraction against trafilatura alone")
    parser.add_argument("--articles", type=int, default=100, help="real articles (end to end)")
    parser.add_argument("--texts", type=Path, default=None, help="folder of .txt articles (end to end)")
    parser.add_argument("--model", default="md")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=None, help="rounds [default: 2 end to end, 3 --extract]")
    parser.add_argument("--store", action="store_true", help="time run_ingest into DuckDB instead of iter_documents")
    args = parser.parse_args(argv)
    if not args.extract:
        args.rounds = args.rounds or 2
        main_end_to_end(args)
        return 0
    args.rounds = args.rounds or 3

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        paths = make_corpus(folder, args.pages)
        warm = Path(tmp) / "warm"
        warm.mkdir()
        make_corpus(warm, 10, seed=99)
        run_parley(warm, False)  # loads the language model and trafilatura's caches
        run_trafilatura(sorted(warm.iterdir()))

        rounds: list[dict[str, tuple[float, float]]] = []
        for r in range(args.rounds):
            if args.store:
                timed = {}
                for name, fn in (("trafilatura", lambda: run_trafilatura(paths)),
                                 ("parley", lambda: run_parley(folder, True))):
                    cpu, wall = time.process_time(), time.perf_counter()
                    made = fn()
                    timed[name] = (time.process_time() - cpu, time.perf_counter() - wall)
                    if made != args.pages:
                        print(f"warning: {name} made {made} of {args.pages} articles", file=sys.stderr)
                rounds.append(timed)
            else:
                rounds.append(paired_round(paths, parley_first=r % 2 == 0))

    mode = "run_ingest into DuckDB, batches of 50 (with store)" if args.store else \
        "iter_documents: read, sniff, decode, extract, clean, language, hash (no store)"
    print(f"pages: {args.pages}, rounds: {args.rounds} (median); parley = {mode}")
    for index, label in ((0, "CPU time"), (1, "wall time")):
        rate = {name: args.pages / statistics.median(rd[name][index] for rd in rounds)
                for name in ("trafilatura", "parley")}
        ratio = rate["parley"] / rate["trafilatura"]
        print(f"{label:9s}: trafilatura alone {rate['trafilatura']:7.1f} articles/s, "
              f"parley {rate['parley']:7.1f} articles/s, ratio {ratio:.3f} (goal >= 0.8)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
