"""Docs are checked by tests: the README's commands exist and CI runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from parley.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_makefile_has_the_targets_the_readme_names():
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_every_parley_command_in_the_readme_exists():
    group = typer.main.get_command(app)
    for line in re.findall(r"parley ([a-z][\w-]*(?: [a-z][\w-]*)?)", README):
        words = line.split()
        cmd = group.commands.get(words[0])
        assert cmd is not None, f"README mentions unknown command 'parley {words[0]}'"
        if hasattr(cmd, "commands") and len(words) > 1 and not words[1].startswith(("-",)):
            # 'parley eval FILE' is the gold form; named sub-commands must exist
            if words[1] in {"timeml", "polnear", "plover-gsr", "rams", "wikievents"}:
                assert words[1] in cmd.commands


def test_python_version_file_selects_312():
    assert (REPO / ".python-version").read_text().strip().startswith("3.12")
