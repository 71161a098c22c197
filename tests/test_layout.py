"""The package's dependency rules, checked on its source: nothing outside ``cli.py`` and
``eval/`` imports ``eval/``; the read layer (``query/``) never imports spaCy."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "parley"


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_only_the_cli_and_eval_import_eval():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if p.parent.name != "eval" and p.name != "cli.py"
                 and any(m == "parley.eval" or m.startswith("parley.eval.") for m in _imports(p))]
    assert offenders == []


def test_the_read_layer_does_not_import_spacy():
    offenders = [str(p.relative_to(PACKAGE)) for p in (PACKAGE / "query").rglob("*.py")
                 if any(m == "spacy" or m.startswith("spacy.") for m in _imports(p))]
    assert offenders == []
