"""Gold scorer for the ``events`` and ``stances`` layers (rules in ../shared/gold/README.md).

Events. A prediction matches a gold event when the type is equal, both sides match and,
where the gold has a date, the predicted date interval overlaps the gold one (its
``span`` when given, else the interval of its TIMEX value). A side matches when
- strict: some predicted actor's name (or an alias the analysis or the gold lists for
  it) equals a gold actor's name or alias;
- lenient: the countries overlap, or (for actors without a country, such as a
  coalition or an international organisation) the strict test passes.
An empty gold side matches an empty predicted side, or a predicted side that repeats
the sources (the reciprocal coding of "X and Y met"); when both gold sides are given,
they must be matched by two different predicted actors (a symmetric participant does
not get both sides right). Each gold event and each prediction is used at most once
(maximum bipartite matching). Every prediction is scored whatever its status: a
``negated`` or ``hypothetical`` prediction of a gold event counts as a match with a
status error, one the gold lacks as a false positive. Over lenient matches the layer also reports
``status_accuracy`` and ``magnitude_recall`` (gold magnitudes whose unit, and count
where given, were found).

Stances. A prediction matches a gold stance when the actor matches (as above, strict),
the issue matches, and the position has the same polarity (supports, demands and
conditions are for; opposes is against). The gold issue is free text: it is mapped to a
taxonomy key with the same keyword matcher the extractor uses (``issue_key_for_text``);
the prediction matches when its key is that key, or when its issue phrase as written
shares the gold issue's key.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any, Callable

from parley.eval.matching import find_all, normalise_name, sentence_of
from parley.eval.report import EvalReport, accuracy, prf
from parley.extract.issues import issue_key_for_text
from parley.records import Event, Stance

POSITIVE = frozenset({"supports", "demands", "conditions"})


# ---------------------------------------------------------------------- dates
def timex_interval(value: str | None) -> tuple[datetime, datetime] | None:
    """[start, end) of a TIMEX3 date value: YYYY, YYYY-MM, YYYY-MM-DD(Tpart), YYYY-Www."""
    if not value:
        return None
    m = re.match(r"^(\d{4})-W(\d{2})", value)
    if m:
        start = datetime.combine(date.fromisocalendar(int(m[1]), int(m[2]), 1), datetime.min.time())
        return start, start + timedelta(days=7)
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    y, mo, d = int(m[1]), m[2], m[3]
    if d:
        start = datetime(y, int(mo), int(d))
        return start, start + timedelta(days=1)
    if mo:
        start = datetime(y, int(mo), 1)
        return start, datetime(y + (int(mo) == 12), int(mo) % 12 + 1, 1)
    return datetime(y, 1, 1), datetime(y + 1, 1, 1)


def _parse(ts: str | None) -> datetime | None:
    if not ts:
        return None
    try:
        return datetime.fromisoformat(str(ts)).replace(tzinfo=None)
    except ValueError:
        return None


def gold_interval(g: dict[str, Any]) -> tuple[datetime, datetime] | None:
    if g.get("span"):
        a, b = timex_interval(g["span"][0]), timex_interval(g["span"][-1])
        if a and b:
            return a[0], b[1]
    return timex_interval(g.get("date"))


def predicted_interval(e: Event) -> tuple[datetime, datetime] | None:
    lo, hi = _parse(e.date_earliest), _parse(e.date_latest)
    if lo and hi:
        return lo, hi
    return timex_interval(e.date_value)


# ---------------------------------------------------------------------- actors
class ActorNames:
    """Names, aliases and countries of gold actors and predicted actors."""

    def __init__(self, gold: dict[str, Any], analysis):
        self.gold_names: dict[str, set[str]] = {}
        self.gold_country: dict[str, str | None] = {}
        for a in gold.get("actors", []):
            names = {normalise_name(a["name"])} | {normalise_name(x) for x in a.get("aliases", [])}
            self.gold_names[normalise_name(a["name"])] = names
            self.gold_country[normalise_name(a["name"])] = a.get("country")
        self.pred_aliases: dict[str, set[str]] = {}
        for actor in analysis.actors:
            self.pred_aliases[actor.id] = {normalise_name(actor.name)} | {normalise_name(x) for x in actor.aliases}

    def gold_side(self, names: list[str]) -> set[str]:
        out: set[str] = set()
        for n in names:
            out |= self.gold_names.get(normalise_name(n), {normalise_name(n)})
        return out

    def predicted(self, actor_id: str | None, name: str) -> set[str]:
        return {normalise_name(name)} | self.pred_aliases.get(actor_id or "", set())


def _side_matches(gold_names: list[str], gold_countries: list[str], pred, names: ActorNames,
                  lenient: bool) -> set[int] | None:
    """Indices of the predicted actors that match one gold side; None when the gold side
    is empty (then the prediction must name no other actor there)."""
    if not gold_names and not gold_countries:
        return None
    gold_set = names.gold_side(gold_names)
    hits = {i for i, a in enumerate(pred) if names.predicted(a.actor_id, a.name) & gold_set}
    if hits or not lenient:
        return hits
    return {i for i, a in enumerate(pred) if a.country and a.country in set(gold_countries)}


def _key(a) -> tuple:
    return (a.actor_id, a.name)


def event_matches(g: dict[str, Any], e: Event, names: ActorNames, lenient: bool) -> bool:
    """Type, both sides and date. Each gold side needs a predicted actor of its own: a
    symmetric event ("X and Y met", both on both sides) does not get a side right
    because the same participant overlaps the other side too."""
    if g.get("type") != e.type:
        return False
    src = _side_matches(g.get("source", []), g.get("source_country", []), e.sources, names, lenient)
    tgt = _side_matches(g.get("target", []), g.get("target_country", []), e.targets, names, lenient)
    if src is not None and not src:
        return False
    if tgt is not None and not tgt:
        return False
    if src is None and e.sources and {_key(a) for a in e.sources} != {_key(a) for a in e.targets}:
        return False  # gold has no source, the prediction names one
    if tgt is None and e.targets and {_key(a) for a in e.targets} != {_key(a) for a in e.sources}:
        return False  # gold has no target, the prediction names one of its own
    if src and tgt:
        if not any(_key(e.sources[i]) != _key(e.targets[j]) for i in src for j in tgt):
            return False  # one actor cannot stand on both gold sides
    gi = gold_interval(g)
    if gi is not None:
        pi = predicted_interval(e)
        if pi is None or not (pi[0] < gi[1] and gi[0] < pi[1]):
            return False
    return True


def max_matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """gold index -> prediction index, a maximum bipartite matching (Kuhn's algorithm)."""
    adj = [[j for j in range(n_pred) if ok(i, j)] for i in range(n_gold)]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_gold):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _summary(e: Event) -> dict[str, Any]:
    return {"id": e.id, "type": e.type, "status": e.status, "source": [a.name for a in e.sources],
            "target": [a.name for a in e.targets], "date": e.date_value, "trigger": e.trigger, "rule": e.rule}


def _gold_sentence(text: str, evidence: str) -> str:
    hits = find_all(text, evidence) if evidence else []
    return sentence_of(text, *hits[0]) if hits else evidence


def _magnitude_found(g: dict[str, Any], e: Event) -> tuple[int, int]:
    found = 0
    for gm in g.get("magnitude", []):
        unit = normalise_name(gm.get("unit"))
        for m in e.magnitude:
            if normalise_name(m.unit) == unit and (gm.get("count") is None or m.count == gm.get("count")):
                found += 1
                break
    return found, len(g.get("magnitude", []))


def score_events(gold: dict[str, Any], analysis, article, report: EvalReport) -> None:
    gold_events = gold.get("events") or []
    # every prediction counts, whatever its status: a negated or hypothetical event that
    # the gold has as occurred is a status error, one the gold lacks a false positive
    preds = list(analysis.events)
    names = ActorNames(gold, analysis)
    text = article.text
    layer: dict[str, Any] = {}
    for mode in ("strict", "lenient"):
        lenient = mode == "lenient"

        def ok(i: int, j: int, lenient: bool = lenient) -> bool:
            return event_matches(gold_events[i], preds[j], names, lenient)

        match = max_matching(len(gold_events), len(preds), ok)
        layer[mode] = prf(len(match), len(preds) - len(match), len(gold_events) - len(match))
        if not lenient:
            continue
        used = set(match.values())
        status_ok = mag_found = mag_total = 0
        for i, g in enumerate(gold_events):
            if i not in match:
                report.error("events", "fn", gold=g, sentence=_gold_sentence(text, g.get("evidence", "")),
                             near=[_summary(e) for e in preds if e.type == g.get("type")][:3])
                continue
            e = preds[match[i]]
            status_ok += e.status == g.get("status")
            if e.status != g.get("status"):
                report.error("events", "status", gold=g, predicted=_summary(e), sentence=e.evidence)
            f, t = _magnitude_found(g, e)
            mag_found, mag_total = mag_found + f, mag_total + t
        for j, e in enumerate(preds):
            if j not in used:
                report.error("events", "fp", predicted=_summary(e), sentence=e.evidence)
        layer["status_accuracy"] = accuracy(status_ok, len(match))["accuracy"]
        layer["magnitude_recall"] = round(mag_found / mag_total, 4) if mag_total else None
    report.layers["events"] = layer


# ---------------------------------------------------------------------- stances
def stance_matches(g: dict[str, Any], s: Stance, names: ActorNames, gold_key: str | None) -> bool:
    if not (names.predicted(s.actor_id, s.actor_name) & names.gold_side([g["actor"]])):
        return False
    if (g.get("position") in POSITIVE) != (s.position in POSITIVE):
        return False
    if gold_key is None:
        return False
    return s.issue == gold_key or issue_key_for_text(s.issue_text) == gold_key


def score_stances(gold: dict[str, Any], analysis, article, report: EvalReport) -> None:
    gold_stances = gold.get("stances") or []
    preds = list(analysis.stances)
    names = ActorNames(gold, analysis)
    keys = [issue_key_for_text(g.get("issue", "")) for g in gold_stances]
    match = max_matching(len(gold_stances), len(preds),
                         lambda i, j: stance_matches(gold_stances[i], preds[j], names, keys[i]))
    scores = prf(len(match), len(preds) - len(match), len(gold_stances) - len(match))
    exact = sum(preds[j].position == gold_stances[i].get("position") for i, j in match.items())
    scores["position_accuracy"] = accuracy(exact, len(match))["accuracy"]
    report.layers["stances"] = scores
    used = set(match.values())
    for i, g in enumerate(gold_stances):
        if i not in match:
            report.error("stances", "fn", gold={**g, "issue_key": keys[i]},
                         sentence=_gold_sentence(article.text, g.get("evidence", "")))
    for j, s in enumerate(preds):
        if j not in used:
            report.error("stances", "fp", predicted={"actor": s.actor_name, "issue": s.issue,
                                                     "issue_text": s.issue_text, "position": s.position,
                                                     "rule": s.rule}, sentence=s.evidence)


def score(gold, analysis, article, report) -> None:
    if gold.get("events") is not None:
        score_events(gold, analysis, article, report)
    if gold.get("stances") is not None:
        score_stances(gold, analysis, article, report)
