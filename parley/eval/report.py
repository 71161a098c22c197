"""Scores and the one JSON shape every scorer prints (see ../shared/gold/README.md).

``{"dataset": ..., "layers": {name: scores}, "errors": [...]}``; a layer with strict and
lenient scores nests them, others give precision/recall/f1 (and accuracy) directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def prf(tp: float, fp: float, fn: float) -> dict[str, Any]:  # averaged counts may be fractional
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def accuracy(correct: int, total: int) -> dict[str, Any]:
    return {"accuracy": round(correct / total, 4) if total else 0.0, "correct": correct, "total": total}


@dataclass
class EvalReport:
    dataset: str
    layers: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. "baseline", "confusion"

    def error(self, layer: str, kind: str, *, gold: Any = None, predicted: Any = None,
              sentence: str = "", **more: Any) -> None:
        item = {"layer": layer, "kind": kind, "gold": gold if gold is not None else {},
                "sentence": sentence}
        if predicted is not None:
            item["predicted"] = predicted
        item.update(more)
        self.errors.append(item)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"dataset": self.dataset, "layers": self.layers}
        out.update(self.extra)
        out["errors"] = self.errors
        return out


def headline(scores: dict[str, Any]) -> dict[str, float]:
    """The numbers a gate compares: f1/accuracy/recall at top level and under strict/lenient."""
    out: dict[str, float] = {}
    for key in ("f1", "accuracy", "recall", "precision"):
        if isinstance(scores.get(key), (int, float)):
            out[key] = float(scores[key])
    for nest in ("strict", "lenient"):
        if isinstance(scores.get(nest), dict):
            for k, v in headline(scores[nest]).items():
                out[f"{nest}.{k}"] = v
    for k, v in scores.items():
        if k.endswith("_accuracy") and isinstance(v, (int, float)):
            out[k] = float(v)
    return out
