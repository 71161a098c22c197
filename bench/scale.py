"""Throughput on every core and on Spark, against one worker, in one run.

    .venv/bin/python bench/scale.py [--articles 500] [--rss-sizes 100,500] [--json]

On the same real articles (the first ``--articles`` of ``../shared/bench/polnear-train``,
written as files to a temporary folder at run time), times:

- ``nlp``: the NLP pipeline alone (``analyze_articles``: ``nlp.pipe`` in batches, one
  process, model already loaded, no reading, no store);
- ``end to end``: files -> analysed DuckDB store on that loaded pipeline, one process
  (``end_to_end_vs_nlp``, goal >= 0.85);
- ``workers 1`` and ``workers 2``: ``run_ingest`` + ``run_analysis_workers`` as
  ``parley ingest --workers N`` runs them, model loading included (``workers2_vs_1``,
  goal >= 1.7 on 2 cores);
- ``spark local[1]`` and ``local[2]``: ``run_spark`` into Parquet, session start and
  model loading included (``spark2_vs_1``, goal >= 1.6);
- peak resident memory of each worker process, for the runs of ``--rss-sizes`` articles
  (goal <= 1.2 GiB and flat in corpus size).

Every figure is a ratio measured in this process on this machine: a shared, busy machine
slows all sides, but not always alike, so run it more than once. With ``--json`` the last
line is one JSON object with ``end_to_end_vs_nlp``, ``workers2_vs_1``, ``spark2_vs_1``
and ``peak_rss_gib_per_worker``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import article_files, ingested_articles, nlp_alone, write_corpus  # noqa: E402


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def workers_run(folder: Path, tmp: Path, workers: int, tag: str):
    from parley.ingest import IngestOptions
    from parley.pipeline import run_analysis_workers, run_ingest
    from parley.scale.pool import PoolStats
    from parley.store import Store

    stats = PoolStats()
    with Store(tmp / f"{tag}-w{workers}.duckdb") as store:
        run_ingest([str(folder)], store, IngestOptions())
        result = run_analysis_workers(store, workers=workers, stats=stats)
    return result.analysed, stats


def spark_run(folder: Path, tmp: Path, cores: int, tag: str):
    from parley.scale.spark import run_spark

    summary = run_spark([str(folder)], str(tmp / f"{tag}-spark{cores}"), master=f"local[{cores}]")
    return summary.analysed, summary


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rss-sizes", default="100", help="smaller corpora whose peak RSS per worker is printed too")
    parser.add_argument("--texts", type=Path, default=None, help="folder of .txt articles")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from parley.nlp import load_nlp
    from parley.pipeline import run_analysis, run_ingest
    from parley.ingest import IngestOptions
    from parley.scale.memory import GIB
    from parley.store import Store

    files = article_files(args.articles, args.texts)
    out: dict = {"articles": len(files), "cores": os.cpu_count(), "load_average": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = write_corpus(tmp / "articles", files)
        articles = ingested_articles(folder)
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        out["words"] = words

        nlp = load_nlp("md")
        list(nlp.pipe(texts[:4]))
        nlp_s, failed = timed(lambda: nlp_alone(nlp, articles))
        out["articles_failing_analysis"] = failed

        def e2e():
            with Store(tmp / "e2e.duckdb") as store:
                run_ingest([str(folder)], store, IngestOptions())
                return run_analysis(store, nlp).analysed

        e2e_s, _ = timed(e2e)
        out.update(nlp_words_per_s=round(words / nlp_s), end_to_end_words_per_s=round(words / e2e_s),
                   end_to_end_vs_nlp=round(nlp_s / e2e_s, 3))
        print(f"{len(texts)} articles, {words} words; load average {out['load_average']:.1f} on {out['cores']} cores")
        print(f"NLP alone {out['nlp_words_per_s']} words/s, end to end {out['end_to_end_words_per_s']} words/s: "
              f"ratio {out['end_to_end_vs_nlp']} (goal >= 0.85)", flush=True)

        rates, rss = {}, {}
        for workers in (1, 2):
            secs, (n, stats) = timed(lambda w=workers: workers_run(folder, tmp, w, "all"))
            rates[f"workers{workers}"] = words / secs
            # one worker runs in this process, which also held the baseline's pipeline: not a worker figure
            if workers > 1:
                rss[f"workers{workers}@{len(files)}"] = stats.max_gib
            label = "peak RSS per worker" if workers > 1 else "peak RSS of this whole bench process"
            print(f"workers {workers}: {words / secs:.0f} words/s ({n} analysed in {secs:.0f} s), "
                  f"{label} {stats.max_gib:.2f} GiB", flush=True)
        out["workers2_vs_1"] = round(rates["workers2"] / rates["workers1"], 3)
        print(f"workers 2 vs 1: {out['workers2_vs_1']} (goal >= 1.7)", flush=True)

        for size in [int(x) for x in args.rss_sizes.split(",") if x.strip()]:
            if size >= len(files):
                continue
            small = write_corpus(tmp / f"articles-{size}", files[:size])
            _, stats = workers_run(small, tmp, 2, f"rss{size}")
            rss[f"workers2@{size}"] = stats.max_gib
            print(f"peak RSS per worker, 2 workers on {size} articles: {stats.max_gib:.2f} GiB", flush=True)

        if not args.no_spark:
            for cores in (1, 2):
                secs, (n, summary) = timed(lambda c=cores: spark_run(folder, tmp, c, "all"))
                rates[f"spark{cores}"] = words / secs
                worker_gib = max(summary.peak_rss.values(), default=0) / GIB
                rss[f"spark{cores}@{len(files)}"] = worker_gib
                print(f"spark local[{cores}]: {words / secs:.0f} words/s ({n} analysed in {secs:.0f} s), "
                      f"peak RSS per Python worker {worker_gib:.2f} GiB", flush=True)
            out["spark2_vs_1"] = round(rates["spark2"] / rates["spark1"], 3)
            print(f"spark local[2] vs local[1]: {out['spark2_vs_1']} (goal >= 1.6)")
        else:
            out["spark2_vs_1"] = None
    out["words_per_s"] = {k: round(v) for k, v in rates.items()}
    out["peak_rss_gib"] = {k: round(v, 3) for k, v in rss.items()}
    out["peak_rss_gib_per_worker"] = round(max(rss.values()), 3)
    print(f"peak RSS per worker: {out['peak_rss_gib_per_worker']} GiB (goal <= 1.2, flat in corpus size)")
    if args.json:
        print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
