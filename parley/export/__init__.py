"""Exports: every listing of ``parley.query`` written as CSV, JSONL or Parquet, events as
PLOVER JSON, the network as GraphML. Streaming: rows are read and written in batches,
so memory stays flat on large stores."""

from parley.export.writers import FORMATS, TABLES, export

__all__ = ["FORMATS", "TABLES", "export"]
