"""Throughput of the full Parley pipeline against bare spaCy, in one run.

    .venv/bin/python bench/nlp.py [--model md] [--repeat 20] [--rounds 3] [--json]

Both pipelines process the same texts with ``nlp.pipe``: real news articles, the first
``--articles`` texts of ``../shared/bench/polnear-train/text`` (read at run time, never
copied into the project; ``--texts DIR`` picks another folder of ``.txt`` files), or,
without ``../shared``, the project's demo articles repeated ``--repeat`` times. The two are timed in alternating rounds (bare, full, bare, full...)
and the best round of each is kept, so a busy machine penalises both alike. Prints
words/s for each, the ratio full/bare (goal >= 0.8) and the process's peak resident
memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def real_texts(folder: Path, limit: int) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))[:limit]]


def bench_texts(repeat: int, folder: Path | None = None, limit: int = 160) -> list[str]:
    folder = folder or SHARED / "bench" / "polnear-train" / "text"
    if folder.is_dir():
        texts = real_texts(folder, limit)
        if texts:
            return texts
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    founding = SHARED / "corpus" / "miami-talks-2025-12-06.txt"
    if founding.is_file():
        texts.append(founding.read_text(encoding="utf-8"))
    if not texts:
        raise SystemExit("no texts to benchmark: examples/*.txt is empty")
    return texts * repeat


def usable_texts(full, texts: list[str], batch_size: int) -> tuple[list[str], int]:
    """Texts the full pipeline gets through (a component bug on one real article must not
    end the benchmark: such texts are left out of both sides and counted). Doubles as
    the warm-up pass."""
    ok: list[str] = []
    failed = 0
    for i in range(0, len(texts), batch_size):
        chunk = texts[i:i + batch_size]
        try:
            list(full.pipe(chunk, batch_size=batch_size))
            ok.extend(chunk)
        except Exception:
            for text in chunk:
                try:
                    full(text)
                    ok.append(text)
                except Exception:
                    failed += 1
    return ok, failed


def words_per_second(nlp, texts: list[str], words: int, batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return words / (time.perf_counter() - start)


def component_shares(full, texts: list[str]) -> dict[str, float]:
    """Time of each Parley component relative to the statistical model's (which component
    to speed up first). Components after the model are timed on docs it has parsed;
    those before the parser (``parley_paragraphs_v1`` presets sentence starts, which a
    parsed doc refuses with E043) on fresh, tokenised docs."""
    names = full.pipe_names
    ours = [name for name in names if name.startswith("parley_")]
    last_model = max(i for i, name in enumerate(names) if not name.startswith("parley_"))
    after = [name for name in ours if names.index(name) > last_model]
    with full.select_pipes(disable=ours):
        start = time.perf_counter()
        docs = list(full.pipe(texts))
        model_time = time.perf_counter() - start
    with full.select_pipes(disable=after):
        docs = list(full.pipe(texts))  # parsed as the full pipeline parses them
    shares = {}
    for name in ours:
        component = full.get_pipe(name)
        inputs = docs if name in after else [full.make_doc(t) for t in texts]
        start = time.perf_counter()
        for doc in inputs:
            component(doc)
        shares[name] = round((time.perf_counter() - start) / model_time, 4)
    return shares


def peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="md")
    parser.add_argument("--repeat", type=int, default=20, help="repeats of the demo texts (without ../shared)")
    parser.add_argument("--articles", type=int, default=160, help="real articles to read")
    parser.add_argument("--texts", type=Path, default=None, help="folder of .txt articles")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import spacy

    sys.path.insert(0, str(REPO))
    from parley.nlp import load_nlp, resolve_model

    bare = spacy.load(resolve_model(args.model))
    full = load_nlp(args.model)
    # warm-up (first calls allocate buffers and fill caches), leaving out texts that break a component
    texts, failing = usable_texts(full, bench_texts(args.repeat, args.texts, args.articles), args.batch_size)
    list(bare.pipe(texts[:2]))
    words = sum(len(t.split()) for t in texts)
    bare_runs, full_runs = [], []
    for _ in range(args.rounds):
        bare_runs.append(words_per_second(bare, texts, words, args.batch_size))
        full_runs.append(words_per_second(full, texts, words, args.batch_size))
    shares = component_shares(full, texts)
    result = {
        "model": f"{full.meta.get('lang')}_{full.meta.get('name')}-{full.meta.get('version')}",
        "components": full.pipe_names,
        "texts": len(texts),
        "texts_left_out_failing": failing,
        "words": words,
        "bare_words_per_s": round(max(bare_runs)),
        "full_words_per_s": round(max(full_runs)),
        "ratio": round(max(full_runs) / max(bare_runs), 3),
        "goal_ratio": 0.8,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "component_share_of_spacy_time": shares,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"model {result['model']}; {result['texts']} texts, {words} words, best of {args.rounds} rounds"
              + (f" ({failing} texts left out: a component raised on them)" if failing else ""))
        print(f"bare spaCy      {result['bare_words_per_s']:>8} words/s")
        print(f"full Parley     {result['full_words_per_s']:>8} words/s  ({', '.join(full.pipe_names[-5:])})")
        print(f"ratio full/bare {result['ratio']:>8}   (goal >= 0.8)")
        print(f"peak memory     {result['peak_rss_mb']:>8} MB (resident, whole process)")
        for name, share in shares.items():
            print(f"  {name:<22} {share:>7.1%} of the statistical model's time")
    return result


if __name__ == "__main__":
    main()
