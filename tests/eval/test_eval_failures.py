"""An article whose analysis raises is scored as a miss and named; the run goes on.

The failing pipeline is a real misconfiguration: the quotes component without the
parser it requires (it raises on every text, as a bug would on some)."""

from __future__ import annotations

import spacy

from parley.eval.polnear import evaluate_polnear


def _parserless():
    import parley.extract.quotes  # noqa: F401  (registers the component)

    nlp = spacy.blank("en")
    nlp.add_pipe("parley_quotes_v1")
    return nlp


def test_polnear_names_failed_articles_and_counts_their_attributions_missed(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    text = 'The senator said the bill would pass. "It is done," she added.\n'
    for name in ("a", "b"):
        (tmp_path / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "attributions" / f"{name}_x1.ann").write_text(
            "T1\tSource 0 11\tThe senator\nT2\tCue 12 16\tsaid\nT3\tContent 17 37\tthe bill would pass\n"
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n", encoding="utf-8")
    report = evaluate_polnear(tmp_path, _parserless())
    assert [f["text"] for f in report.extra["failed"]] == ["a", "b"]
    assert all("E030" in f["error"] or "Sentence" in f["error"] for f in report.extra["failed"])
    lenient = report.layers["attributions"]["lenient"]
    assert lenient["fn"] == 2 and lenient["tp"] == 0
    assert sum(e["kind"] == "analysis_failed" for e in report.errors) == 2
