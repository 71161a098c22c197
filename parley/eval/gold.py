"""Score the pipeline against a ``parley-gold/1`` file, layer by layer.

Each layer's scorer lives in its own module (``gold_actors``, ``gold_times``,
``gold_quotes``, ``gold_events``) with ``score(gold, analysis, article, report)``; it
adds its layers to the report only when the gold file annotates them.
"""

from __future__ import annotations

import importlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from parley.errors import GoldFormatError
from parley.eval.report import EvalReport
from parley.records import Article

GOLD_LAYER_MODULES = [
    "parley.eval.gold_actors",
    "parley.eval.gold_times",
    "parley.eval.gold_quotes",
    "parley.eval.gold_events",
]


def load_gold(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold file {path}: {exc}") from exc
    if gold.get("format") != "parley-gold/1":
        raise GoldFormatError(f"{path}: format must be 'parley-gold/1', got {gold.get('format')!r}")
    return gold


def gold_article(gold: dict[str, Any], gold_path: str | Path) -> Article:
    """Read the annotated article with our own text reader, as a user's ingest would."""
    from parley.ingest import read_text_file

    doc = gold.get("document", {})
    gold_path = Path(gold_path).resolve()
    candidates = [gold_path.parent.parent / doc.get("path", ""), gold_path.parent / doc.get("path", "")]
    text_path = next((p for p in candidates if p.is_file()), None)
    if text_path is None:
        raise GoldFormatError(f"article {doc.get('path')!r} named by {gold_path.name} not found")
    article = read_text_file(text_path)
    if article.published is None and doc.get("published"):
        article.published = datetime.fromisoformat(doc["published"])
        article.published_rule = "gold"
    return article


def evaluate_gold(path: str | Path, nlp) -> EvalReport:
    from parley.analyze import analyze_article

    gold = load_gold(path)
    article = gold_article(gold, path)
    analysis = analyze_article(article, nlp)
    report = EvalReport(dataset=Path(path).name)
    for module_name in GOLD_LAYER_MODULES:
        module = importlib.import_module(module_name)
        module.score(gold, analysis, article, report)
    return report
