"""TempEval-3 style scoring of temporal expressions on TimeML ``.tml`` files.

Each file's ``<TEXT>`` becomes plain text (tags stripped, entities decoded, offsets
kept); its DCT is the TIMEX3 with ``functionInDocument="CREATION_TIME"``. The tagger
runs on that text with that DCT, and so does ``dateparser.search.search_dates`` as a
baseline. Reported as TempEval-3 does: extent strict (same characters) and relaxed
(overlap) precision/recall/F1, and on relaxed matches value and type accuracy plus
attribute F1 (correct attributes / system or gold expressions).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from defusedxml import ElementTree as ET

from parley.errors import UsageError
from parley.eval.report import EvalReport, accuracy, prf
from parley.eval.timeml_errors import ErrorCause, cause_counts, value_cause


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None
    rule: str | None = None  # the tagger rule that found it (system expressions only)


@dataclass
class TimemlDoc:
    name: str
    text: str
    dct: datetime
    gold: list[Timex] = field(default_factory=list)


def _walk(el, parts: list[str], pos: list[int], found: list[Timex]) -> None:
    if el.text:
        parts.append(el.text)
        pos[0] += len(el.text)
    for child in el:
        start = pos[0]
        _walk(child, parts, pos, found)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start:pos[0]]
            found.append(Timex(start, pos[0], text, child.get("type", ""), child.get("value"), child.get("mod")))
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)


def parse_dct(value: str) -> datetime:
    """A TIMEX3 creation-time value: "1998-11-20T19:30", "1989-10-26", "19980807"."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return datetime.fromisoformat(value[:10])


def read_tml(path: str | Path) -> TimemlDoc:
    root = ET.parse(str(path)).getroot()
    dct_el = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    text_el = root.find("TEXT")
    if dct_el is None or text_el is None:
        raise UsageError(f"{path}: no CREATION_TIME TIMEX3 or no TEXT element")
    parts: list[str] = []
    found: list[Timex] = []
    _walk(text_el, parts, [0], found)
    return TimemlDoc(Path(path).name, "".join(parts), parse_dct(dct_el.get("value", "")), found)


def tml_files(directory: str | Path, limit: int | None = None) -> list[Path]:
    directory = Path(directory)
    if not directory.exists():
        raise UsageError(f"TimeML directory not found: {directory}")
    files = sorted(directory.rglob("*.tml")) if directory.is_dir() else [directory]
    return files[:limit] if limit else files


def _trimmed(t: Timex, text: str) -> tuple[int, int]:
    s, e = t.start, t.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# ---- systems ----------------------------------------------------------------------------

TAGGER_NEEDS = ("tok2vec", "tagger", "parser", "attribute_ruler", "parley_times_v1")


def _make_doc(nlp, d: TimemlDoc):
    doc = nlp.make_doc(d.text)
    doc._.dct = d.dct
    doc._.article_id = d.name
    return doc


def _timexes(doc) -> list[Timex]:
    return [Timex(t.start, t.end, t.text, t.type, t.value, t.mod, t.rule) for t in (doc._.times or [])]


def run_tagger(docs: list[TimemlDoc], nlp, failed: list[dict[str, str]] | None = None,
               batch_size: int = 8) -> list[list[Timex]]:
    """Our TIMEX3s for each document. A batch that raises is redone one document at a
    time; a document whose analysis raises predicts nothing and is named in ``failed``."""
    out: list[list[Timex]] = []
    for lo in range(0, len(docs), batch_size):
        batch = docs[lo:lo + batch_size]
        try:
            out.extend(_timexes(doc) for doc in nlp.pipe([_make_doc(nlp, d) for d in batch]))
            continue
        except Exception:
            pass
        for d in batch:
            try:
                out.append(_timexes(nlp(_make_doc(nlp, d))))
            except Exception as exc:
                out.append([])
                if failed is not None:
                    failed.append({"document": d.name, "error": f"{type(exc).__name__}: {exc}"})
    return out


_YEAR_ONLY = re.compile(r"^\s*(1[6-9]\d\d|20\d\d)\s*$")
_HAS_CLOCK = re.compile(r"\d:\d\d|\b[ap]\.?m\b|\bnoon\b|\bmidnight\b", re.I)


def run_dateparser(docs: list[TimemlDoc]) -> list[list[Timex]]:
    """``search_dates`` with the DCT as RELATIVE_BASE, preferring past dates. Its matches
    are located in the text in order; values are its datetimes at day granularity (a
    bare year keeps year granularity, a clock time makes a TIME)."""
    from dateparser.search import search_dates

    out = []
    for d in docs:
        settings = {"RELATIVE_BASE": d.dct, "PREFER_DATES_FROM": "past"}
        try:
            found = search_dates(d.text, languages=["en"], settings=settings) or []
        except Exception:  # a crash of the baseline counts as finding nothing
            found = []
        cursor, timexes = 0, []
        for surface, when in found:
            i = d.text.find(surface, cursor)
            if i < 0:
                i = d.text.find(surface)
                if i < 0:
                    continue
            cursor = i + len(surface)
            if _YEAR_ONLY.match(surface):
                value, ttype = f"{when.year:04d}", "DATE"
            elif _HAS_CLOCK.search(surface):
                value, ttype = when.strftime("%Y-%m-%dT%H:%M"), "TIME"
            else:
                value, ttype = when.strftime("%Y-%m-%d"), "DATE"
            timexes.append(Timex(i, i + len(surface), surface, ttype, value))
        out.append(timexes)
    return out


# ---- scoring ----------------------------------------------------------------------------

@dataclass
class _Counts:
    n_gold: int = 0
    n_sys: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0


def _context(text: str, s: int, e: int, width: int = 80) -> str:
    return re.sub(r"\s+", " ", text[max(0, s - width):e + width]).strip()


def score_docs(docs: list[TimemlDoc], predictions: list[list[Timex]], report: EvalReport | None,
               prefix: str = "") -> dict[str, Any]:
    c = _Counts()
    for d, preds in zip(docs, predictions, strict=True):
        gold = [(g, _trimmed(g, d.text)) for g in d.gold]
        sys_ = [(p, _trimmed(p, d.text)) for p in preds]
        c.n_gold += len(gold)
        c.n_sys += len(sys_)
        used: set[int] = set()
        for g, (gs, ge) in gold:
            best, best_overlap = None, 0
            for j, (_p, (ps, pe)) in enumerate(sys_):
                ov = min(ge, pe) - max(gs, ps)
                if j not in used and ov > best_overlap:
                    best, best_overlap = j, ov
            if best is None:
                if report is not None:
                    report.error(prefix + "times", "fn", gold=_gold_dict(g), document=d.name,
                                 sentence=_context(d.text, gs, ge), cause=ErrorCause.MISSED.value)
                continue
            used.add(best)
            p, (ps, pe) = sys_[best]
            c.relaxed += 1
            c.strict += (ps, pe) == (gs, ge)
            c.value_ok += p.value == g.value
            c.type_ok += p.type == g.type
            if report is None:
                continue
            if (ps, pe) != (gs, ge):
                report.error(prefix + "times", "extent", gold=_gold_dict(g), predicted=_gold_dict(p),
                             document=d.name, sentence=_context(d.text, gs, ge))
            if p.value != g.value:
                cause = value_cause(g.type, g.value, p.type, p.value, d.dct)
                report.error(prefix + "time_values", "value", gold=_gold_dict(g), predicted=_gold_dict(p),
                             document=d.name, sentence=_context(d.text, gs, ge), cause=cause.value)
            elif p.type != g.type:
                report.error(prefix + "time_values", "type", gold=_gold_dict(g), predicted=_gold_dict(p),
                             document=d.name, sentence=_context(d.text, gs, ge))
        if report is not None:
            for j, (p, (ps, pe)) in enumerate(sys_):
                if j not in used:
                    report.error(prefix + "times", "fp", predicted=_gold_dict(p), document=d.name,
                                 sentence=_context(d.text, ps, pe), cause=ErrorCause.SPURIOUS.value)
    value_prf = prf(c.value_ok, c.n_sys - c.value_ok, c.n_gold - c.value_ok)
    type_prf = prf(c.type_ok, c.n_sys - c.type_ok, c.n_gold - c.type_ok)
    return {
        "times": {
            "strict": prf(c.strict, c.n_sys - c.strict, c.n_gold - c.strict),
            "lenient": prf(c.relaxed, c.n_sys - c.relaxed, c.n_gold - c.relaxed),
        },
        "time_values": {
            "f1": value_prf["f1"], "precision": value_prf["precision"], "recall": value_prf["recall"],
            **accuracy(c.value_ok, c.relaxed),
            "type_accuracy": round(c.type_ok / c.relaxed, 4) if c.relaxed else 0.0,
            "type_f1": type_prf["f1"],
        },
    }


def _gold_dict(t: Timex) -> dict[str, Any]:
    out: dict[str, Any] = {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
    if t.mod:
        out["mod"] = t.mod
    if t.rule:
        out["rule"] = t.rule
    return out


def evaluate_timeml(directory: str | Path, nlp=None, *, limit: int | None = None,
                    baseline: bool = True, docs: Iterable[TimemlDoc] | None = None) -> EvalReport:
    """Score the tagger (and the dateparser baseline) on the TimeML files under a folder."""
    if docs is None:
        docs = [read_tml(p) for p in tml_files(directory, limit)]
    docs = list(docs)
    if nlp is None:
        from parley.nlp import load_nlp

        nlp = load_nlp(layers=("times",))
    report = EvalReport(dataset=f"timeml:{Path(directory).name}" if directory else "timeml")
    # the tagger reads only tags and the parse: other components would only cost time
    unneeded = [p for p in nlp.pipe_names if p not in TAGGER_NEEDS]
    t0 = time.perf_counter()
    failed: list[dict[str, str]] = []
    with nlp.select_pipes(disable=unneeded):
        ours = run_tagger(docs, nlp, failed)
    elapsed = time.perf_counter() - t0
    report.layers.update(score_docs(docs, ours, report))
    # what value F1 loses, by cause (missed, spurious, wrong type, granularity, direction ...)
    report.extra["value_error_causes"] = cause_counts(report.errors)
    report.extra["failed"] = failed
    for f in failed:
        report.error("times", "analysis_failed", document=f["document"], detail=f["error"])
    report.extra["documents"] = len(docs)
    report.extra["seconds"] = round(elapsed, 2)
    if baseline:
        t0 = time.perf_counter()
        theirs = run_dateparser(docs)
        base = score_docs(docs, theirs, None)
        base["system"] = "dateparser.search.search_dates (RELATIVE_BASE=DCT, PREFER_DATES_FROM=past)"
        base["seconds"] = round(time.perf_counter() - t0, 2)
        report.extra["baseline"] = base
    return report
