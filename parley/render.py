"""Rich rendering for ``parley show`` and ``parley eval`` (terminal only; no logic)."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from parley.output import cell
from parley.safe_text import visible

# highlight style per fact layer (the facts themselves come from parley.query.listings.article_facts)
_STYLES = {"mentions": "bold cyan", "times": "bold magenta", "quotes": "green", "events": "bold yellow",
           "stances": "blue"}


def _label(layer: str, f: dict[str, Any]) -> str:
    if layer == "mentions":
        extra = f" ({f['country']})" if f.get("country") else ""
        return f"{f.get('actor_name') or '?'}{extra}"
    if layer == "times":
        return f"{f.get('value')}{'/' + f['mod'] if f.get('mod') else ''}"
    if layer == "quotes":
        return f"{f.get('speaker_name') or '?'}"
    return ""


def render_article(console: Console, row: dict[str, Any], facts: dict[str, list[dict[str, Any]]]) -> None:
    meta = Table(show_header=False, box=None)
    for key in ("id", "title", "url", "source", "byline", "published", "published_rule", "language",
                "status", "origin"):
        if row.get(key) not in (None, ""):
            meta.add_row(Text(key, style="dim"), cell(row[key]))
    console.print(Panel(meta, title="Article"))
    text = Text(visible(row["text"], same_length=True))  # same length: the offsets still hold
    notes: list[tuple[int, str, str]] = []
    for layer in ("quotes", "mentions", "times"):
        style = _STYLES[layer]
        for f in facts.get(layer, []):
            start, end = f.get("start_char"), f.get("end_char")
            if start is None or end is None or end > len(row["text"]):
                continue
            text.stylize(style, start, end)
            label = _label(layer, f)
            if label and layer != "quotes":
                notes.append((end, label, style))
    # the canonical actor / value goes right after each highlighted span
    for end, label, style in sorted(notes, reverse=True):
        text = text[:end] + Text(f"⟨{visible(label)}⟩", style=f"dim {style}") + text[end:]
    console.print(Panel(text, title="Text  [cyan]actors[/cyan] [magenta]times[/magenta] [green]quotes[/green]"))
    if facts.get("quotes"):
        t = Table(title="Quotes")
        for c in ("speaker", "kind", "cue", "text"):
            t.add_column(c, overflow="fold")
        for q in facts["quotes"]:
            t.add_row(cell(q.get("speaker_name") or "?"), cell(q["kind"]), cell(q.get("cue")), cell(q["text"]))
        console.print(t)
    if facts.get("events"):
        t = Table(title="Events")
        for c in ("id", "type", "mode", "status", "source", "target", "date", "evidence"):
            t.add_column(c, overflow="fold")
        def names(v: Any) -> str:
            return ", ".join(a.get("name", "?") for a in (json.loads(v) if isinstance(v, str) else v or []))

        for e in facts["events"]:
            t.add_row(*map(cell, (e["id"], e["type"], e.get("mode"), e["status"], names(e.get("sources")),
                                  names(e.get("targets")), e.get("date_value"), e["evidence"])))
        console.print(t)
    if facts.get("stances"):
        t = Table(title="Stances")
        for c in ("actor", "issue", "position", "evidence"):
            t.add_column(c, overflow="fold")
        for s in facts["stances"]:
            t.add_row(*map(cell, (s["actor_name"], s["issue"], s["position"], s["evidence"])))
        console.print(t)


def render_report(console: Console, report) -> None:
    d = report.to_dict()
    t = Table(title=f"Evaluation: {d['dataset']}")
    for c in ("layer", "score", "precision", "recall", "f1", "accuracy", "tp", "fp", "fn"):
        t.add_column(c, justify="right" if c != "layer" else "left")

    def row(layer: str, kind: str, s: dict[str, Any]) -> None:
        keys = ("precision", "recall", "f1", "accuracy", "tp", "fp", "fn")
        t.add_row(layer, kind, *[str(s.get(k, "")) for k in keys])

    for layer, s in d["layers"].items():
        nested = [k for k in ("strict", "lenient") if isinstance(s.get(k), dict)]
        for k in nested:
            row(layer, k, s[k])
        if not nested or any(k in s for k in ("f1", "accuracy", "recall")):
            row(layer, "", s)
        for k, v in s.items():
            if k.endswith("_accuracy"):
                t.add_row(layer, k, "", "", "", str(v), "", "", "")
    console.print(t)
    if d.get("baseline"):
        console.print("[bold]Baseline[/bold]")
        console.print_json(json.dumps(d["baseline"].get("layers", d["baseline"]), default=str))
    if d.get("value_error_causes"):
        causes = Table(title="Value errors by cause")
        causes.add_column("cause")
        causes.add_column("count", justify="right")
        for cause, n in d["value_error_causes"].items():
            causes.add_row(cause, str(n))
        console.print(causes)
    if d.get("errors"):
        e = Table(title=f"Errors ({len(d['errors'])})")
        for c in ("layer", "kind", "gold", "predicted", "sentence"):
            e.add_column(c, overflow="fold")
        for err in d["errors"][:200]:
            gold = json.dumps(err.get("gold"), ensure_ascii=False, default=str)
            predicted = json.dumps(err.get("predicted"), ensure_ascii=False, default=str) if "predicted" in err else ""
            e.add_row(*map(cell, (err["layer"], err["kind"], gold, predicted, err.get("sentence", ""))))
        console.print(e)
