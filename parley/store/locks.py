"""Waiting for a store another process holds, instead of failing at once.

DuckDB lets one process write a file, or several read it, never both. So a writer keeps
the file only while it works and hands it over when asked: a process that finds the file
locked touches ``STORE.wait`` and retries with short sleeps; the holder checks that file
after each commit (one ``stat``) and closes its connection when it is fresh, reopening
on its next use. Readers thus get in between two batches (or two analysed articles) of
a long ingest, and a second writer interleaves its batches with the first. After
``wait`` seconds without getting in, ``StoreBusy`` (E005) is raised.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Callable

import duckdb

from parley.errors import StoreBusy, StoreError

# No extension is installed or loaded behind the user's back (``md:``, ``httpfs``, ...).
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False, "autoload_known_extensions": False}
REQUEST_FRESH_S = 3.0  # a .wait file older than this is a leftover, not a waiting process
HANDOVER_PAUSE_S = 0.3  # how long a holder stays away after releasing the file
POLL_S = (0.03, 0.12)  # a waiting process retries at random intervals in this range


def request_path(path: str) -> Path:
    return Path(f"{path}.wait")


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def _request(path: str) -> None:
    try:
        request_path(path).touch()
    except OSError:
        pass  # a read-only folder: waiting still works, only the handover is slower


def _withdraw(path: str) -> None:
    try:
        request_path(path).unlink()
    except OSError:
        pass


def release_requested(path: str) -> bool:
    try:
        return time.time() - request_path(path).stat().st_mtime < REQUEST_FRESH_S
    except OSError:
        return False


def connect_waiting(path: str, *, read_only: bool, wait: float,
                    on_wait: Callable[[str], None] | None = None) -> duckdb.DuckDBPyConnection:
    """Open ``path``; while another process holds it, wait up to ``wait`` seconds."""
    start = time.monotonic()
    waited = False
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only, config=DUCKDB_CONFIG)
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                raise StoreError(f"cannot open store {path}: {exc}") from exc
            elapsed = time.monotonic() - start
            if elapsed >= wait:
                if waited:
                    _withdraw(path)
                raise StoreBusy(f"store {path} is in use by another process; gave up after {wait:g} s "
                                "(raise --wait or PARLEY_WAIT)", detail=str(exc)) from exc
            if not waited and on_wait is not None:
                on_wait(f"store {path} is in use by another process; waiting up to {wait:g} s")
            waited = True
            _request(path)
            time.sleep(min(random.uniform(*POLL_S), max(0.0, wait - elapsed)))
            continue
        if waited:
            _withdraw(path)
        return con


def pause_after_release() -> None:
    """Let the waiting process take the file before the holder reopens it."""
    time.sleep(HANDOVER_PAUSE_S)
