"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing at {SHARED}: tests read real material from it")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The full Parley pipeline on the default (md) model."""
    from parley.nlp import load_nlp

    return load_nlp("md")


@pytest.fixture(scope="session")
def founding_article(shared):
    from parley.ingest import read_text_file

    return read_text_file(shared / "corpus" / "miami-talks-2025-12-06.txt")


@pytest.fixture()
def store(tmp_path):
    from parley.store import Store

    with Store(tmp_path / "test.duckdb") as s:
        yield s


@pytest.fixture(scope="session")
def read_db(tmp_path_factory) -> str:
    """A small real store with facts, incidents and a hostile-markup article (closed: open it read-only)."""
    from fixture_store import build

    return str(build(tmp_path_factory.mktemp("read") / "read.duckdb"))


@pytest.fixture(scope="session")
def big_db(tmp_path_factory) -> str:
    """A synthetic store of 6,000 events (several thousand rows for page-by-page listing)."""
    from parley.store.synthetic import generate

    path = tmp_path_factory.mktemp("big") / "big.duckdb"
    generate(path, 6000)
    return str(path)
