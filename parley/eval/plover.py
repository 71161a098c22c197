"""PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``): run the pipeline on each
sentence and score it.

The file is a JSON list; ``DOCUMENT`` entries are documentation and are skipped. Each
other entry has ``text``, ``event`` (a PLOVER 0.5b1 type) and ``source`` / ``target``
actors with ``actorText`` and a CAMEO ``code``: ISO 3166-1 alpha-3 for states, with a
few legacy CAMEO codes mapped below; ``IGO``, ``NGO``, ``IMG`` and the like are not
countries and are left out of the country score.

Layout: ``load_sentences`` reads the file, ``run_sentences`` yields one
``SentenceRecord`` per sentence (the gold item and our ``ArticleAnalysis``), and each
layer has its own scorer ``score_<layer>(records, report)`` listed in ``SCORERS``; a
new layer adds a function and appends it there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from parley.errors import GoldFormatError
from parley.eval.report import EvalReport, accuracy
from parley.records import Article, ArticleAnalysis, CueKind, TriggerKind

# CAMEO country codes that differ from ISO 3166-1 alpha-3
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "UK": "GBR", "GMY": "DEU", "ROM": "ROU",
                "SER": "SRB", "BOS": "BIH", "CRO": "HRV", "KOS": "XKX"}


@dataclass
class PloverActor:
    text: str
    code: str | None  # as written in the file
    country: str | None  # ISO alpha-3, None when the code is not a country (IGO, NGO...)
    role: str  # source | target


@dataclass
class PloverSentence:
    id: str
    text: str
    event: str
    date: str | None
    actors: list[PloverActor] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class SentenceRecord:
    sentence: PloverSentence
    analysis: ArticleAnalysis | None  # None when the pipeline failed on the sentence
    error: str = ""


def _iso3(code: str | None) -> str | None:
    import pycountry

    if not code or not isinstance(code, str):
        return None
    code = CAMEO_TO_ISO.get(code.strip().upper(), code.strip().upper())
    if code == "XKX" or pycountry.countries.get(alpha_3=code) is not None:
        return code
    return None


def _actors(value: Any, role: str) -> list[PloverActor]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):  # "" or a stray string in a few records
        return []
    out = []
    for item in value:
        if isinstance(item, dict):
            code = item.get("code")
            out.append(PloverActor(str(item.get("actorText", "")), code, _iso3(code), role))
    return out


def load_sentences(path: str | Path) -> list[PloverSentence]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"cannot read PLOVER file {path}: {exc}") from exc
    if not isinstance(data, list):
        raise GoldFormatError(f"{path}: expected a JSON list of PLOVER records")
    out: list[PloverSentence] = []
    for item in data:
        if not isinstance(item, dict) or item.get("event") == "DOCUMENT" or not item.get("text"):
            continue
        out.append(PloverSentence(
            id=str(item.get("id", len(out))), text=str(item["text"]), event=str(item.get("event", "")),
            date=item.get("date"), actors=_actors(item.get("source"), "source") + _actors(item.get("target"), "target"),
            raw=item,
        ))
    return out


def run_sentences(sentences: Iterable[PloverSentence], nlp, batch_size: int = 64) -> Iterator[SentenceRecord]:
    """Each sentence as a one-sentence article through the full pipeline (nlp.pipe)."""
    from parley.analyze import analyze_articles

    items = list(sentences)
    # positional ids: the file's ids are not all unique
    by_id = {f"plover-{i}": s for i, s in enumerate(items)}

    def articles() -> Iterator[Article]:
        for key, s in by_id.items():
            published = None
            if s.date:
                try:
                    published = datetime.fromisoformat(str(s.date))
                except ValueError:
                    published = None
            yield Article(id=key, text=s.text, published=published)

    for article, result in analyze_articles(articles(), nlp, batch_size=batch_size):
        if isinstance(result, ArticleAnalysis):
            yield SentenceRecord(by_id[article.id], result)
        else:
            yield SentenceRecord(by_id[article.id], None, error=result.reason)


def found_countries(analysis: ArticleAnalysis | None) -> set[str]:
    """Countries of every actor mention (places included: "in Tokyo" names Japan)."""
    if analysis is None:
        return set()
    countries = {m.country for m in analysis.mentions if m.country}
    actors = {a.id: a for a in analysis.actors}
    for m in analysis.mentions:
        actor = actors.get(m.actor_id or "")
        if actor is not None and actor.country:
            countries.add(actor.country)
    return countries


def score_actor_countries(records: list[SentenceRecord], report: EvalReport) -> None:
    """``actor_countries``: share of gold source/target actors with a country code whose
    country is among the countries of our mentions in that sentence."""
    correct = total = 0
    by_role = {"source": [0, 0], "target": [0, 0]}
    for rec in records:
        ours = found_countries(rec.analysis)
        for actor in rec.sentence.actors:
            if actor.country is None:
                continue
            total += 1
            by_role[actor.role][1] += 1
            if actor.country in ours:
                correct += 1
                by_role[actor.role][0] += 1
            else:
                report.error("actor_countries", "fn", gold={"id": rec.sentence.id, "role": actor.role,
                                                            "actorText": actor.text, "code": actor.code},
                             predicted=sorted(ours), sentence=rec.sentence.text)
    scores = accuracy(correct, total)
    scores["source_accuracy"] = accuracy(*by_role["source"])["accuracy"]
    scores["target_accuracy"] = accuracy(*by_role["target"])["accuracy"]
    report.layers["actor_countries"] = scores


# Scorers run by evaluate_plover, in order; other layers append theirs.
SCORERS: list[Callable[[list[SentenceRecord], EvalReport], None]] = [score_actor_countries]


def evaluate_plover(path: str | Path, nlp, limit: int | None = None) -> EvalReport:
    sentences = load_sentences(path)
    if limit is not None:
        sentences = sentences[:limit]
    records = list(run_sentences(sentences, nlp))
    report = EvalReport(dataset=Path(path).name)
    report.extra["sentences"] = len(records)
    failed = [r for r in records if r.analysis is None]
    for rec in failed:
        report.error("pipeline", "failed", gold={"id": rec.sentence.id}, sentence=rec.sentence.text, note=rec.error)
    for scorer in SCORERS:
        scorer(records, report)
    return report


# ---------------------------------------------------------------------- event types
# PLOVER 0.5b1 labels of the GSR -> PLOVER 2.0 types (../shared/README.md)
GSR_TO_PLOVER2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NO_EVENT = "NONE"


def main_event(analysis: ArticleAnalysis | None):
    """The sentence's main event: one that is not the content of another (a thing
    demanded, promised or alleged), coded by a verb rather than a background noun,
    earliest first."""
    if analysis is None or not analysis.events:
        return None

    def rank(e) -> tuple[int, int, int]:
        basis = e.basis
        embedded = basis is not None and basis.has_cue(CueKind.CONTENT_OF, CueKind.PURPOSE)
        nominal = basis is not None and basis.trigger_kind is TriggerKind.NOMINAL
        return (int(embedded), int(nominal), e.trigger_start)

    return min(analysis.events, key=rank)


def score_event_types(records: list[SentenceRecord], report: EvalReport) -> None:
    """``event_types``: accuracy of the main event's PLOVER code (under PLOVER's intent
    convention, ``intent_type``) over sentences with a gold event, per-type P/R/F1, a
    confusion matrix (``report.extra["confusion"]``, gold -> predicted -> count) and the
    share of sentences whose main event has a gold source (target) country on its
    source (target) side."""
    from parley.eval.report import prf
    from parley.extract.events import intent_type

    confusion: dict[str, dict[str, int]] = {}
    correct = 0
    side_ok = {"source": [0, 0], "target": [0, 0]}
    for rec in records:
        gold = GSR_TO_PLOVER2.get(rec.sentence.event, rec.sentence.event)
        ev = main_event(rec.analysis)
        pred = intent_type(ev) if ev is not None else NO_EVENT
        confusion.setdefault(gold, {}).setdefault(pred, 0)
        confusion[gold][pred] += 1
        correct += pred == gold
        if pred != gold:
            report.error("event_types", "wrong", gold={"id": rec.sentence.id, "type": gold},
                         predicted={"type": pred, "trigger": ev.trigger if ev else None,
                                    "rule": ev.rule if ev else None}, sentence=rec.sentence.text)
        for role in ("source", "target"):
            gold_countries = {a.country for a in rec.sentence.actors if a.role == role and a.country}
            if not gold_countries:
                continue
            side_ok[role][1] += 1
            ours = {a.country for a in (getattr(ev, role + "s") if ev else []) if a.country}
            side_ok[role][0] += bool(ours & gold_countries)
    scores = accuracy(correct, len(records))
    per_type = {}
    for t in sorted(set(confusion) | {p for row in confusion.values() for p in row} - {NO_EVENT}):
        tp = confusion.get(t, {}).get(t, 0)
        fn = sum(confusion.get(t, {}).values()) - tp
        fp = sum(row.get(t, 0) for g, row in confusion.items() if g != t)
        per_type[t] = prf(tp, fp, fn)
    scores["per_type"] = per_type
    scores["source_country_accuracy"] = accuracy(*side_ok["source"])["accuracy"]
    scores["target_country_accuracy"] = accuracy(*side_ok["target"])["accuracy"]
    scores["source_country_total"], scores["target_country_total"] = side_ok["source"][1], side_ok["target"][1]
    report.layers["event_types"] = scores
    report.extra["confusion"] = confusion


SCORERS.append(score_event_types)
