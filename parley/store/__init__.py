"""The embedded store (DuckDB by default)."""

from parley.store.duckdb_store import BatchResult, Store, default_db_path

__all__ = ["BatchResult", "Store", "default_db_path"]
