"""Reusable output for list commands: a Rich table, ``--json`` or ``--csv``.

JSON uses one shape for success and failure (the datasette idea):
``{"ok": true, "rows": [...], "next": null}`` or ``{"ok": false, "error": ..., "code": ...}``.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any, Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parley.safe_text import visible


def cell(value: Any) -> Text:
    """Stored text as a table cell: never parsed as Rich markup (``[link=...]``, ``[/bold]``)
    or emoji codes, controls and bidi overrides shown visibly. Every listing goes through
    this (and ``parley.render`` uses the same ``visible``)."""
    return Text(visible("" if value is None else str(value)))


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in "[{":
        try:  # JSON columns come back from DuckDB as text
            return json.loads(value)
        except ValueError:
            return value
    return value


def rows_json(rows: Iterable[dict[str, Any]], next_token: str | None = None) -> str:
    data = [{k: _plain(v) for k, v in r.items()} for r in rows]
    return json.dumps({"ok": True, "rows": data, "next": next_token}, ensure_ascii=False, default=str)


def error_json(message: str, code: str) -> str:
    return json.dumps({"ok": False, "error": message, "code": code, "rows": [], "next": None})


def emit_rows(rows: list[dict[str, Any]], fmt: Format, *, title: str | None = None,
              columns: list[str] | None = None, console: Console | None = None,
              next_token: str | None = None) -> None:
    if fmt is Format.json:
        sys.stdout.write(rows_json(rows, next_token) + "\n")
        return
    cols = columns or (list(rows[0].keys()) if rows else [])
    if fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        tty = sys.stdout.isatty()  # CSV for a pipe is data; CSV on a terminal is shown text
        for r in rows:
            values = {k: json.dumps(v, default=str) if isinstance(v, (list, dict)) else _plain(v) for k, v in r.items()}
            writer.writerow({k: visible(v) if tty and isinstance(v, str) else v for k, v in values.items()})
        return
    console = console or Console()
    table = Table(title=cell(title) if title else None, show_lines=False)
    for c in cols:
        table.add_column(cell(c), overflow="fold")
    for r in rows:
        table.add_row(*[cell(None if r.get(c) is None else _plain(r.get(c))) for c in cols])
    console.print(table)
    if not rows:
        console.print("[dim]no rows[/dim]")
