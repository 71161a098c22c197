"""Every text of the development benchmarks as a plain ``Article``: the crash corpus.

``parley eval crash`` and the slow crash-corpus test run the full pipeline over all of
them and count analysis failures (the goal is zero). Sources, all under ``../shared/bench``:
PolNeAR train and dev (raw text files), RAMS dev (five tokenised sentences a passage),
WikiEvents dev (document text), ECB+ dev topics (CROMER XML tokens, one line a
sentence) and TimeML (the TEXT element, with the creation time as publication date).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from parley.records import Article

# The standard ECB+ development topics (Cybulska and Vossen 2015); 36-45 are held out.
ECB_DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
SETS = ("polnear-train", "polnear-dev", "rams-dev", "wikievents-dev", "ecbplus-dev", "timeml")


def _article(name: str, text: str, published: datetime | None = None) -> Article:
    return Article(id=name, text=text, origin=name, origin_kind="text", published=published,
                   published_rule="metadata" if published else "unknown")


def _polnear(folder: Path) -> Iterator[Article]:
    from parley.data.polnear import read_polnear

    for item in read_polnear(folder):
        published = None
        if item.published:
            try:
                published = datetime.fromisoformat(item.published)
            except ValueError:
                published = None
        yield _article(f"{folder.name}/{item.name}", item.text, published)


def _rams(folder: Path) -> Iterator[Article]:
    with (folder / "dev.jsonlines").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = "\n".join(" ".join(sent) for sent in rec["sentences"])
            yield _article(f"{folder.name}/{rec['doc_key']}", text)


def _wikievents(folder: Path) -> Iterator[Article]:
    with (folder / "dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield _article(f"{folder.name}/{rec['doc_id']}", rec["text"])


def _ecbplus(folder: Path) -> Iterator[Article]:
    for topic in ECB_DEV_TOPICS:
        for path in sorted((folder / "ECB+" / str(topic)).glob("*.xml")):
            sentences: dict[str, list[str]] = {}
            for tok in ET.parse(path).getroot().iter("token"):
                sentences.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
            text = "\n".join(" ".join(words) for _, words in sorted(sentences.items(), key=lambda kv: int(kv[0])))
            yield _article(f"{folder.name}/{path.name}", text)


def _timeml(folder: Path) -> Iterator[Article]:
    from parley.eval.timeml import read_tml, tml_files

    for path in tml_files(folder):
        doc = read_tml(path)
        yield _article(f"{folder.name}/{doc.name}", doc.text, doc.dct)


_READERS = {"polnear-train": _polnear, "polnear-dev": _polnear, "rams-dev": _rams,
            "wikievents-dev": _wikievents, "ecbplus-dev": _ecbplus, "timeml": _timeml}


def bench_articles(bench: str | Path, sets: tuple[str, ...] = SETS) -> Iterator[Article]:
    """Every text of the named benchmark sets under ``bench``, in a fixed order."""
    root = Path(bench)
    for name in sets:
        yield from _READERS[name](root / name)
