"""Stored text never drives the terminal (issue 14): titles, quotes, actor names, URLs and
file names holding Rich markup, escape sequences and bidi overrides go through the real
ingest and analysis, and every listing command prints them as inert, visible text."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from parley.cli import app
from parley.ingest import IngestOptions
from parley.pipeline import run_analysis, run_ingest
from parley.safe_text import safe_origin, valid_text, visible
from parley.store import Store

runner = CliRunner()
ENV = {"COLUMNS": "400"}  # wide: no folding inside the markers we look for
ESC_TITLE = "\x1b]0;pwned\x07"  # "set the window title"
CLEAR = "\x1b[2J"
BIDI = "\u202e"
MARKUP = "[/bold]"
LINK = "[link=https://evil.example/]click[/link]"
FILE_MARKUP = "[bold red]"  # a file name cannot hold "/"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("hostile")
    record = {
        "title": f"Talks {MARKUP} resume {LINK} {BIDI}txet desrever",
        "url": f"https://example.org/story{ESC_TITLE}",
        "byline": f"A. Writer {MARKUP}",
        "published": "2026-02-03",
        "text": ("Foreign Minister Sergei Lavrov met Secretary of State Marco Rubio in Geneva on Monday. "
                 f"\"We reject {MARKUP} this [red]plan[/red] {LINK},\" Lavrov said after the meeting. "
                 "Rubio said the two sides would meet again in March to continue the talks."),
    }
    (folder / "hostile.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    bad = folder / f"bad{CLEAR}{FILE_MARKUP}.txt"
    bad.write_bytes(b"")  # an empty file: its name reaches the errors table
    db = str(folder / "s.duckdb")
    with Store(db) as store:
        run_ingest([str(folder / "hostile.jsonl"), str(bad)], store, IngestOptions())
        result = run_analysis(store, nlp)
        aid = store.query("SELECT id FROM articles")[0]["id"]
        quotes = store.query("SELECT text FROM quotes")
    assert result.analysed == 1 and any(MARKUP in q["text"] for q in quotes)
    return db, aid


def _assert_inert(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output, repr(output[:400])
    assert BIDI not in output


@pytest.mark.parametrize("command", ["articles", "show", "errors", "quotes", "actors", "events"])
def test_listing_commands_print_stored_text_inert(hostile_db, command):
    db, aid = hostile_db
    args = [command, aid] if command == "show" else [command]
    result = runner.invoke(app, [*args, "--db", db], env=ENV)
    assert result.exit_code == 0, (result.output, result.exception)
    _assert_inert(result.output)
    if command in ("articles", "show"):
        assert MARKUP in result.output and "[link=https://evil.example/]" in result.output  # shown, not applied
        assert "<U+202E>" in result.output or "\ufffd" in result.output
    if command == "show":
        assert "\u241b]0;pwned\u2407" in result.output  # the URL's escape, as control pictures
    if command == "errors":
        assert f"bad\u241b[2J{FILE_MARKUP}.txt" in result.output
    if command == "quotes":
        assert "[red]plan[/red]" in result.output


def test_csv_on_a_pipe_keeps_data_as_stored(hostile_db):
    db, _ = hostile_db
    result = runner.invoke(app, ["errors", "--db", db, "--csv"], env=ENV)
    assert result.exit_code == 0 and f"bad{CLEAR}{FILE_MARKUP}.txt" in result.output  # CSV to a pipe is data


def test_error_messages_with_hostile_ids_are_inert(hostile_db):
    db, _ = hostile_db
    result = runner.invoke(app, ["show", f"zz{CLEAR}{MARKUP}", "--db", db], env=ENV)
    assert result.exit_code == 2
    _assert_inert(result.output)
    assert MARKUP in result.output


# -- the escaping functions themselves -------------------------------------------------------


@given(st.text())
def test_visible_output_has_no_control_or_bidi_characters(text):
    shown = visible(text)
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not set(shown) & {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                             "\u2069", "\u200e", "\u200f", "\u061c"}
    shown.encode("utf-8")


@given(st.text())
def test_same_length_visible_keeps_offsets(text):
    assert len(visible(text, same_length=True)) == len(valid_text(text))


@given(st.text())
def test_valid_text_always_encodes_and_keeps_valid_text(text):
    out = valid_text(text)
    out.encode("utf-8")
    assert len(out) == len(text)
    assert all(a == b or 0xD800 <= ord(a) <= 0xDFFF for a, b in zip(text, out, strict=True))


@given(st.binary(min_size=1, max_size=40))
def test_safe_origin_names_every_file_name(raw):
    name = os.fsdecode(raw)
    shown = safe_origin(name)
    shown.encode("utf-8")
    try:
        raw.decode("utf-8")
        assert shown == name
    except UnicodeDecodeError:
        assert "\\x" in shown
