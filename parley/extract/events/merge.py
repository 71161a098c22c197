"""Document-level event coreference: the same event told several times ("US-Ukraine
talks" in a headline, "continue their talks", "entered a third day of negotiations")
becomes one record with the union of its participants, and an attack with no named
target takes the target of the same side's other attacks in the article."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from parley.data.names import normalise_name
from parley.records import CueKind, Event, EventActor, EventMention, MergedTrigger
from parley.records import StatusCue

MERGE_GROUPS = {"occurred": "past", "ongoing": "past", "claimed": "past", "planned": "planned"}
STATUS_RANK = {"ongoing": 3, "claimed": 1, "occurred": 2, "planned": 2}


def actor_key(a: EventActor) -> str:
    return a.actor_id or normalise_name(a.name)


def _keys(actors: list[EventActor]) -> set[str]:
    out = set()
    for a in actors:
        out.add(actor_key(a))
        if a.country:
            out.add("c:" + a.country)
    return out


def hard_date(e: Event) -> bool:
    """A date tied to the event's own clause or noun, not borrowed from elsewhere."""
    return bool(e.date_value) and e.date_basis is not None and e.date_basis.hard


def _parties(actors: list[EventActor]) -> set[str]:
    return {("c:" + a.country) if a.country else actor_key(a) for a in actors}


def _dates_compatible(a: Event, b: Event) -> bool:
    if not (a.date_earliest and a.date_latest and b.date_earliest and b.date_latest):
        return True
    overlap = a.date_earliest < b.date_latest and b.date_earliest < a.date_latest
    if overlap or not (hard_date(a) or hard_date(b)):
        return True
    if hard_date(a) and hard_date(b):
        return False
    # one date is borrowed from the sentence or the story: only far-apart dates conflict
    try:
        gap = max(datetime.fromisoformat(a.date_earliest) - datetime.fromisoformat(b.date_latest),
                  datetime.fromisoformat(b.date_earliest) - datetime.fromisoformat(a.date_latest))
    except ValueError:
        return True
    return gap <= timedelta(days=31)


def _places_compatible(a: Event, b: Event) -> bool:
    if not a.location or not b.location:
        return True
    if normalise_name(a.location) == normalise_name(b.location):
        return True
    # a city and the country it lies in are one place for this purpose
    return bool(a.location_country and a.location_country == b.location_country and
                (a.latitude is None or b.latitude is None))


def compatible(a: Event, b: Event, symmetric: frozenset[str]) -> bool:
    if a.type != b.type:
        return False
    ga, gb = MERGE_GROUPS.get(a.status), MERGE_GROUPS.get(b.status)
    if ga is None or ga != gb:
        return False
    if not (_dates_compatible(a, b) and _places_compatible(a, b)):
        return False
    sa, sb = _keys(a.sources), _keys(b.sources)
    if a.type in symmetric:
        # one telling's participants (by country) are among the other's: "US and Ukraine
        # negotiate" and "Witkoff and Kushner lead the talks", not "Witkoff met Putin"
        pa, pb = _parties(a.sources + a.targets), _parties(b.sources + b.targets)
        return bool(pa) and bool(pb) and (pa <= pb or pb <= pa)
    return bool(sa & sb) and (not a.targets or not b.targets or _targets_overlap(a.targets, b.targets))


def _targets_overlap(a: list[EventActor], b: list[EventActor]) -> bool:
    """The same target: the same actor or place, or a place and the state it lies in
    ("struck Odesa" and "the strike on Ukraine"); two different cities of one country
    are two targets ("struck Odesa", "the strike on Kharkiv")."""
    if {actor_key(x) for x in a} & {actor_key(x) for x in b}:
        return True
    states_a = {x.country for x in a if x.country and (x.actor_id or "").startswith("state:")}
    states_b = {x.country for x in b if x.country and (x.actor_id or "").startswith("state:")}
    countries_a = {x.country for x in a if x.country}
    countries_b = {x.country for x in b if x.country}
    return bool(states_a & countries_b) or bool(states_b & countries_a)


def _quality(e: Event) -> tuple[int, int, int]:
    own_date = 1 if hard_date(e) else 0
    return (own_date, len(e.sources) + len(e.targets), 1 if e.location else 0)


def _union(a: list[EventActor], b: list[EventActor]) -> list[EventActor]:
    seen = {actor_key(x) for x in a}
    out = list(a)
    for x in b:
        if actor_key(x) not in seen:
            seen.add(actor_key(x))
            out.append(x)
    return out


def _absorb(rep: Event, other: Event) -> None:
    rep.sources = _union(rep.sources, other.sources)
    rep.targets = _union(rep.targets, other.targets)
    if other.date_value and (not rep.date_value or (hard_date(other) and not hard_date(rep))):
        rep.date_value, rep.date_earliest, rep.date_latest = other.date_value, other.date_earliest, other.date_latest
        rep.date_basis = other.date_basis
        rep.date_rule = f"from merged mention: {other.date_rule}"
    if not rep.location and other.location:
        rep.location, rep.location_country = other.location, other.location_country
        rep.latitude, rep.longitude = other.latitude, other.longitude
    if STATUS_RANK.get(other.status, 0) > STATUS_RANK.get(rep.status, 0):
        if rep.basis is not None:
            rep.basis.status_cues.insert(0, StatusCue(status=other.status, kind=CueKind.MERGED_MENTION,
                                                      word=other.trigger))
        rep.status = other.status
        rep.claimant = other.claimant
    elif rep.status == "claimed" and rep.claimant is None:
        rep.claimant = other.claimant
    for m in other.magnitude:
        if all((m.unit, m.count, m.count_text) != (x.unit, x.count, x.count_text) for x in rep.magnitude):
            rep.magnitude.append(m)
    rep.contexts = list(dict.fromkeys(rep.contexts + other.contexts))
    rep.mode = rep.mode or other.mode
    rep.quote_id = rep.quote_id or other.quote_id
    rep.confidence = min(1.0, max(rep.confidence, other.confidence) + 0.05)
    if rep.basis is not None:
        rep.basis.merged_triggers.append(MergedTrigger(trigger=other.trigger, start=other.trigger_start))
    rep.mentions.append(EventMention(trigger=other.trigger, trigger_start=other.trigger_start,
                                     trigger_end=other.trigger_end, sentence_start=other.sentence_start,
                                     sentence_end=other.sentence_end, evidence=other.evidence))
    rep.mentions.extend(other.mentions)
    rep.mentions.sort(key=lambda m: m.trigger_start)


def merge_events(events: list[Event], symmetric: frozenset[str]) -> list[Event]:
    """Agglomerative, complete-link: the closest compatible mentions (in sentences)
    are joined first, and a cluster only grows with a mention compatible with all of
    its members."""
    clusters: list[list[Event]] = [[e] for e in events]
    pairs = sorted(
        ((abs(a.sentence_start - b.sentence_start), i, j)
         for i, a in enumerate(events) for j, b in enumerate(events) if i < j and compatible(a, b, symmetric)),
    )
    where = {id(e): k for k, e in enumerate(events)}
    for _, i, j in pairs:
        ci, cj = where[id(events[i])], where[id(events[j])]
        if ci == cj:
            continue
        a, b = clusters[ci], clusters[cj]
        if all(compatible(x, y, symmetric) for x in a for y in b):
            a.extend(b)
            clusters[cj] = []
            for e in b:
                where[id(e)] = ci
    out = []
    for cl in clusters:
        if not cl:
            continue
        rep = max(cl, key=_quality)
        for other in sorted(cl, key=lambda e: e.trigger_start):
            if other is not rep:
                _absorb(rep, other)
        out.append(rep)
    return out


def fill_implicit_targets(events: list[Event], types: frozenset[str]) -> None:
    """"Russia's full-scale invasion": the target left implicit is the one the same
    source's other violent acts in this article are aimed at."""
    for ev in events:
        if ev.type not in types or ev.targets or not ev.sources:
            continue
        src = _keys(ev.sources)
        counts: Counter[str] = Counter()
        by_key: dict[str, EventActor] = {}
        for other in events:
            if other is ev or other.type not in types or not (_keys(other.sources) & src):
                continue
            for t in other.targets:
                if not (_keys([t]) & src):
                    counts[actor_key(t)] += 1
                    by_key[actor_key(t)] = t
        if counts:
            key, _ = counts.most_common(1)[0]
            ev.targets = [by_key[key]]
            if ev.basis is not None:
                ev.basis.implicit_target = True
            ev.confidence = max(0.5, ev.confidence - 0.15)
