"""Events from many articles -> incidents: the same real-world event reported many times.

Two event mentions are compatible (``compatible``; ``judge`` names the reason when they
are not) when nothing speaks against one event (same PLOVER type, status family,
overlapping date intervals, no two days named far apart, no two different places, no two
disjoint sets of named participants) and enough speaks for it (shared linked actors, or
their countries where actors are unnamed, or the same actor in swapped roles; a shared
date or named day; a shared place; a shared trigger lemma; for undated reports, the same
trigger in two articles telling one story, i.e. naming the same people and places; a
repeat of the trigger within one article). Incidents join compatible pairs strongest
first, and a join is refused when any two members of the two groups clash on when, where
or who (``HARD_REJECTS``), so a chain of vague mentions cannot bridge two look-alike
events. The result depends on the set of events only, never on the order the articles
arrive in; new events are compared with the stored events they reach through blocking
keys (type, participant or trigger, month), and that reach is regrouped from scratch.

Pure functions over ``EventRecord``s; ``parley.resolve.link`` reads and writes the store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from parley.records import DateRule
from parley.resolve.partial_dates import DateFit, fit


class Quad(str, Enum):
    VERBAL_COOPERATION = "verbal_cooperation"
    MATERIAL_COOPERATION = "material_cooperation"
    VERBAL_CONFLICT = "verbal_conflict"
    MATERIAL_CONFLICT = "material_conflict"


# PLOVER types in the four quad classes (after CAMEO's quad classes: appeals are verbal
# cooperation, demands verbal conflict; PLOVER's REQUEST spans both and is counted here
# with verbal conflict, where demands in diplomacy and war coverage dominate)
QUADS: dict[str, Quad] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), Quad.VERBAL_COOPERATION),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), Quad.MATERIAL_COOPERATION),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), Quad.VERBAL_CONFLICT),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), Quad.MATERIAL_CONFLICT),
}
# participants of these types are one set (who met whom), not a source and a target
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# statuses that report the event itself; hypothetical and negated events only join their like
REAL_STATUSES = frozenset({"occurred", "ongoing", "planned", "claimed", "cancelled"})
STATUS_RANK = {"cancelled": 6, "occurred": 5, "ongoing": 4, "claimed": 3, "planned": 2, "hypothetical": 1, "negated": 0}
MERGE_SCORE = 3.0
SAME_DATE = timedelta(days=2)  # intervals no wider than this that overlap name one date
WIDE_INTERVAL = timedelta(days=45)  # beyond this a date is no evidence of identity
# an undated (or vaguely dated) mention joins only others like it, reported this close;
# so do two mentions dated no closer than a week or month
REPORT_WINDOW = timedelta(days=7)


class Rule(str, Enum):
    FIRST = "first_report"
    MERGED = "merged"
    CHAIN = "chain"


@dataclass
class Participant:
    key: str  # canonical actor id, or "country:XXX" for an unnamed actor of a known country
    name: str | None = None
    country: str | None = None


@dataclass
class EventRecord:
    id: str
    article_id: str
    type: str
    status: str
    sources: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    mode: str | None = None
    location: str | None = None
    location_country: str | None = None
    date_value: str | None = None
    earliest: datetime | None = None
    latest: datetime | None = None
    date_rule: str | None = None
    date_basis: DateRule | None = None
    published: datetime | None = None
    outlet: str | None = None
    evidence: str = ""
    trigger: str = ""
    lemma: str = ""  # the lemma of the trigger word that typed the event, when known
    context: frozenset[str] = frozenset()  # name words of the whole article (``story_words``)

    @property
    def from_publication(self) -> bool:
        """Dated from its article's publication date alone."""
        return self.date_basis is not None and self.date_basis.from_publication

    def __post_init__(self) -> None:
        if self.earliest is None:
            self._iv: tuple[datetime, datetime] | None = None
        else:
            self._iv = (self.earliest, self.latest or self.earliest + timedelta(days=1))
        self._vague = self._iv is None or self._iv[1] - self._iv[0] > WIDE_INTERVAL
        self._order = (self.published or datetime.max, self.id)
        # judged against many others: what the checks read is computed once
        self._head = self.lemma.lower() or trigger_lemma(self.trigger)
        self._people = self.sources + self.targets

    @property
    def order_key(self) -> tuple:
        """First-report order: publication time, then id (never ingest order)."""
        return self._order

    def interval(self) -> tuple[datetime, datetime] | None:
        return self._iv

    def participants(self) -> list[Participant]:
        return self._people

    @property
    def head(self) -> str:
        """The trigger's lemma: the typing word's, else a crude one of its last word."""
        return self._head

    @property
    def vague(self) -> bool:
        """No date, or one too wide to tell events apart ("in 2026")."""
        return self._vague


def _keys(ps: list[Participant]) -> set[str]:
    return {p.key for p in ps if not p.key.startswith("country:")}


def _countries(ps: list[Participant]) -> set[str]:
    return {p.country for p in ps if p.country}


_WORD = re.compile(r"[a-z]+")
_NAME_WORD = re.compile(r"\b[A-Z][A-Za-z]{2,}\b")
_IRREGULAR = {"struck": "strike", "met": "meet", "held": "hold", "fought": "fight", "shot": "shoot",
              "sought": "seek", "said": "say", "told": "tell", "led": "lead", "left": "leave", "took": "take",
              "gave": "give", "won": "win", "began": "begin", "threw": "throw", "hit": "hit", "kept": "keep"}


def trigger_lemma(trigger: str) -> str:
    """A crude lemma of the trigger's last word (stored events carry the surface text)."""
    words = _WORD.findall(trigger.lower())
    if not words:
        return ""
    w = words[-1]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            return stem + "y" if suffix in ("ied", "ies") else stem
    return w


def _norm_place(name: str | None) -> str | None:
    if not name:
        return None
    words = [w for w in _WORD.findall(name.lower()) if w not in ("the", "of")]
    return " ".join(words) or None


@dataclass
class Match:
    score: float
    reasons: list[str]


def _side(a: list[Participant], b: list[Participant]) -> tuple[float, str | None, bool]:
    """Points for one side (sources or targets), a reason, and whether they conflict."""
    if not a or not b:
        return 0.0, None, False
    shared = _keys(a) & _keys(b)
    if shared:
        return 2.0, "shared actors " + ",".join(sorted(shared)), False
    countries = _countries(a) & _countries(b)
    if countries:
        return 1.0, "shared countries " + ",".join(sorted(countries)), False
    words = _name_words(a) & _name_words(b)
    if words:  # "Teixeira" and "Mark Teixeira" told apart by the actor linker, or "Red Sox" and "Boston Red Sox"
        return 1.0, "shared name words " + ",".join(sorted(words)), False
    return 0.0, None, True


def _name_words(ps: list[Participant]) -> set[str]:
    """Capitalised words (three letters or more) of the participants' names."""
    return {w.lower() for p in ps if p.name for w in _NAME_WORD.findall(p.name)}


class Reject(str, Enum):
    """Why two event mentions are not one event (the first check that fails)."""
    TYPE = "different type"
    STATUS = "different status family"
    VAGUENESS = "one dated, one undated"
    REPORT_TIME = "reported too far apart"
    DATES = "disjoint dates"
    DAY = "two different days named"
    COUNTRY = "different countries"
    PLACE = "different places"
    ACTORS = "different participants"
    NO_WHO = "nothing shared of who"
    NO_DATE = "no shared date"
    UNDATED_WORDS = "undated without the same words or place"
    SCORE = "too little evidence"


def judge(a: EventRecord, b: EventRecord) -> Match | Reject:
    """Why two event mentions report one event, or the reason they do not."""
    if a.type != b.type:
        return Reject.TYPE
    real_a, real_b = a.status in REAL_STATUSES, b.status in REAL_STATUSES
    if real_a != real_b or (not real_a and a.status != b.status):
        return Reject.STATUS
    same_article = a.article_id == b.article_id
    unplaced = a.published is None and b.published is None  # neither report can be placed in time
    if a.vague != b.vague and not (same_article or unplaced):
        return Reject.VAGUENESS
    reasons = [f"same type {a.type}"]
    score = 0.0
    if a.vague and (a.published is None) != (b.published is None):
        return Reject.REPORT_TIME
    if a.vague and a.published and b.published:
        if abs(a.published - b.published) > REPORT_WINDOW:
            return Reject.REPORT_TIME
        reasons.append("reported within a week")
    ia, ib = a.interval(), b.interval()
    if ia and ib:
        if not (ia[0] < ib[1] and ib[0] < ia[1]):
            return Reject.DATES
        wide = max(ia[1] - ia[0], ib[1] - ib[0])
        if wide > timedelta(days=3) and a.published and b.published and \
                abs(a.published - b.published) > REPORT_WINDOW:
            return Reject.REPORT_TIME  # "in March" twice, weeks apart, is no evidence of one event
        from_pub = any(e.from_publication for e in (a, b))
        if wide <= SAME_DATE and not from_pub:
            score += 2.0
            reasons.append("same date")
        elif wide <= WIDE_INTERVAL:
            score += 1.0
            reasons.append("overlapping dates")
    if a.vague or b.vague:
        date_fit = fit(a.date_value, b.date_value)
        if date_fit is DateFit.CLASH:
            return Reject.DAY  # "on Saturday" and "on Thursday" (reports often differ by a day: not a clash)
        if date_fit is DateFit.SAME_DAY:
            score += 1.0
            reasons.append(f"same day {a.date_value}")
    if a.location_country and b.location_country and a.location_country != b.location_country:
        return Reject.COUNTRY
    pa, pb = _norm_place(a.location), _norm_place(b.location)
    if pa and pb:
        if pa == pb:
            score += 1.0
            reasons.append(f"same place {a.location}")
        elif a.location_country and b.location_country:
            return Reject.PLACE  # two different geocoded places (cities) of one country
    if a.type in SYMMETRIC_TYPES:
        pts, why, clash = _side(a.participants(), b.participants())
        if clash:
            return Reject.ACTORS
        actor_pts = pts
        actor_why = [why] if why else []
    else:
        s_pts, s_why, s_clash = _side(a.sources, b.sources)
        t_pts, t_why, t_clash = _side(a.targets, b.targets)
        actor_pts = s_pts + t_pts
        actor_why = [w for w in (s_why and "sources: " + s_why, t_why and "targets: " + t_why) if w]
        swapped = (_keys(a.sources) & _keys(b.targets)) | (_keys(a.targets) & _keys(b.sources))
        if not actor_pts and swapped:
            # the same actor as source in one report and target in the other: a role misread
            # (a passive "X was arrested") more often than two events
            actor_pts = 1.0
            actor_why = ["shared actors in swapped roles " + ",".join(sorted(swapped))]
        elif (s_clash or t_clash) and not actor_pts:
            return Reject.ACTORS
    score += actor_pts
    reasons.extend(actor_why)
    la, lb = a.head, b.head
    same_words = bool(la) and la == lb
    if same_words:
        score += 1.0
        reasons.append(f"same trigger {la}")
    if same_article and same_words:
        # one article naming its event again ("the attack"): who and when are told once
        reasons.append("same article")
        return Match(max(score, MERGE_SCORE), reasons)
    story = same_story(a.context, b.context) if same_words and (a.vague or b.vague) else set()
    if story:
        # undated, the same words in two articles telling one story (the same names throughout)
        # stand in for the date and participants they do not give
        actor_pts += 2.0
        score += 2.0
        reasons.append("same story " + ",".join(sorted(story)[:5]))
    if actor_pts == 0 and not (a.participants() or b.participants()):
        # nothing is known of who: identity rests on date, place and words alone, and two
        # articles about different stories ("the attack" in Gaza and in the Barents Sea) do
        # not share one event that neither names anyone in
        if not (ia and ib) or "same date" not in reasons:
            return Reject.NO_DATE
        if not same_article and a.context and b.context and not (pa and pa == pb) \
                and not same_story(a.context, b.context):
            return Reject.NO_WHO
    elif actor_pts == 0:
        if a.participants() and b.participants():
            return Reject.NO_WHO
        # one report names no one ("the February 27 strike"): not a disagreement on who, so
        # the same day and the same words, or the same story, tell one event
        told = same_story(a.context, b.context) if not same_words else set()
        if "same date" not in reasons or not (same_words or told):
            return Reject.NO_WHO
        if told:
            score += 1.0
            reasons.append("same story " + ",".join(sorted(told)[:5]))
        reasons.append("who named by one report only")
    if (a.vague or b.vague) and not same_words and not (pa and pa == pb):
        return Reject.UNDATED_WORDS  # without a date, who alone does not make one event: the same words or place
    if score < MERGE_SCORE:
        return Reject.SCORE
    return Match(score, reasons)


# two articles tell one story when they share this many name words, and this share of the
# smaller article's name words
STORY_WORDS = 3
STORY_SHARE = 0.25
_STORY_WORD = _NAME_WORD


def story_words(names: Iterable[str]) -> frozenset[str]:
    """The name words of an article: capitalised words of its named entities."""
    return frozenset(w.lower() for n in names if n for w in _STORY_WORD.findall(n))


def same_story(a: frozenset[str], b: frozenset[str]) -> set[str]:
    """The name words two articles share, if enough to call them one story."""
    shared = a & b
    if len(shared) >= STORY_WORDS and len(shared) >= STORY_SHARE * min(len(a), len(b)):
        return set(shared)
    return set()


def compatible(a: EventRecord, b: EventRecord) -> Match | None:
    """Why two event mentions report one event, or None."""
    m = judge(a, b)
    return m if isinstance(m, Match) else None


def block_keys(e: EventRecord) -> list[str]:
    """Keys two compatible events always share (a superset filter for ``compatible``)."""
    return _shared_keys(e) + day_keys(e)


def _shared_keys(e: EventRecord) -> list[str]:
    """Type with who (participants, countries) or the trigger, by month; the article."""
    who = sorted({p.key for p in e.participants()} | {f"country:{c}" for c in _countries(e.participants())})
    if not who:
        who = ["nobody"]
    iv = e.interval()
    if e.vague:
        if e.published is None:
            months = ["vague"]
        else:
            months = sorted({f"vague:{m.year:04d}-{m.month:02d}" for m in
                             (e.published - REPORT_WINDOW, e.published, e.published + REPORT_WINDOW)})
    else:
        assert iv is not None
        months, d = [], datetime(iv[0].year, iv[0].month, 1)
        while d < iv[1]:
            months.append(f"{d.year:04d}-{d.month:02d}")
            d = datetime(d.year + (d.month == 12), d.month % 12 + 1, 1)
    words = [f"{e.type}|head:{e.head}|{m}" for m in months] if e.head and e.context else []
    if e.head and e.published is None:  # no report time to place it: compared with others like it by words
        words.append(f"{e.type}|head:{e.head}|unplaced")
    return [f"{e.type}|{w}|{m}" for w in who for m in months] + words + [f"{e.type}|article:{e.article_id}"]


def day_keys(e: EventRecord) -> list[str]:
    """Type and day of a narrowly dated event: where a report naming no one ("the February
    27 strike") meets the others of its day."""
    iv = e.interval()
    if iv is None or e.vague or iv[1] - iv[0] > SAME_DATE or e.from_publication:
        return []
    first, last = iv[0].date(), (iv[1] - timedelta(microseconds=1)).date()
    return [f"{e.type}|day:{(first + timedelta(days=k)).isoformat()}" for k in range((last - first).days + 1)]


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


# evidence that two mentions are two events (not merely no evidence of one): no incident
# may hold such a pair, whatever chain of compatible mentions joins them
HARD_REJECTS = frozenset({Reject.DATES, Reject.REPORT_TIME, Reject.COUNTRY, Reject.PLACE, Reject.ACTORS})


Edge = tuple[float, float, str, str]  # score, affinity, event id, event id


def affinity(a: EventRecord, b: EventRecord) -> float:
    """How alike the two reports' articles are in the names they mention (Jaccard)."""
    union = a.context | b.context
    return round(len(a.context & b.context) / len(union), 6) if union else 0.0


def _day_pair(x: EventRecord, y: EventRecord) -> bool:
    """Worth judging in a day's block: one names no one, and the words or the story agree."""
    if x.participants() and y.participants():
        return False
    return (bool(x.head) and x.head == y.head) or bool(same_story(x.context, y.context))


def pair_edges(events: Iterable[EventRecord]) -> list[Edge]:
    """Every compatible pair sharing a blocking key, each pair once."""
    blocks: dict[str, list[EventRecord]] = {}
    days: dict[str, list[EventRecord]] = {}  # a day's block only serves the reports that name no one
    for e in sorted(events, key=lambda e: e.id):
        for k in _shared_keys(e):
            blocks.setdefault(k, []).append(e)
        for k in day_keys(e):
            days.setdefault(k, []).append(e)
    seen: set[tuple[str, str]] = set()
    edges: list[Edge] = []
    for by_day, members in [(False, m) for m in blocks.values()] + [(True, m) for m in days.values()]:
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                if (x.id, y.id) in seen or (by_day and not _day_pair(x, y)):
                    continue
                seen.add((x.id, y.id))
                m = compatible(x, y)
                if m is not None:
                    edges.append((m.score, affinity(x, y), x.id, y.id))
    return edges


def clash(a: EventRecord, b: EventRecord) -> bool:
    """The two mentions disagree on when, where or who: they are two events."""
    j = judge(a, b)
    return isinstance(j, Reject) and j in HARD_REJECTS


def components(events: Iterable[EventRecord], edges: list[Edge] | None = None) -> UnionFind:
    """Incidents over ``events``: compatible pairs joined strongest first (score; among equal
    scores, the pair whose articles are most alike: look-alike events of two stories meet
    after each story's own reports have joined), each join refused when any two members of
    the two groups clash. The result depends on the set of events only, never on their order."""
    by_id = {e.id: e for e in events}
    uf = UnionFind()
    members: dict[str, list[EventRecord]] = {}
    for eid in sorted(by_id):
        uf.add(eid)
        members[eid] = [by_id[eid]]
    for _, _, x, y in sorted(pair_edges(by_id.values()) if edges is None else edges,
                             key=lambda t: (-t[0], -t[1], t[2], t[3])):
        rx, ry = uf.find(x), uf.find(y)
        if rx == ry or any(clash(p, q) for p in members[rx] for q in members[ry]):
            continue
        uf.union(rx, ry)
        root = uf.find(rx)
        members[root] = members.pop(ry if root == rx else rx) + members[root]
    return uf


# -- one incident from its members ------------------------------------------------------
@dataclass
class Incident:
    id: str
    type: str
    mode: str | None
    status: str
    quad: str
    date_value: str | None
    date_earliest: datetime | None
    date_latest: datetime | None
    date_rule: str | None
    date_basis: DateRule | None
    location: str | None
    location_country: str | None
    first_article_id: str
    first_published: datetime | None
    first_evidence: str
    n_events: int
    n_articles: int
    n_outlets: int
    events: list[EventRecord]
    reasons: dict[str, list[dict[str, Any]]]
    actors: list[tuple[str, str, str | None, str | None]]  # role, actor id, name, country
    status_history: list[tuple[str, str, str, datetime | None]]  # status, event id, article id, published


def incident_id(first: EventRecord) -> str:
    return "inc:" + hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:16]


def _best_date(events: list[EventRecord]) -> EventRecord | None:
    dated = [e for e in events if e.interval() is not None]
    if not dated:
        return None

    def key(e: EventRecord):
        iv = e.interval()
        assert iv is not None
        support = sum(1 for o in dated if (oi := o.interval()) and oi[0] < iv[1] and iv[0] < oi[1])
        from_pub = e.from_publication
        return (from_pub, -support, iv[1] - iv[0], e.order_key)

    return min(dated, key=key)


def _latest_status(events: list[EventRecord]) -> str:
    """The status of the latest report; a later report of plans does not undo an event
    already reported as held (background mentions), a cancellation does."""
    status = events[0].status
    for e in events[1:]:
        moves = STATUS_RANK.get(e.status, 0) >= STATUS_RANK.get(status, 0) or e.status == "cancelled" \
            or status in ("planned", "hypothetical")
        undoes = e.status in ("planned", "hypothetical", "negated") and status in ("occurred", "ongoing")
        if moves and not undoes:
            status = e.status
    return status


def _reasons(events: list[EventRecord], cap: int = 200) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for i, e in enumerate(events):
        if i == 0:
            out[e.id] = [{"rule": Rule.FIRST.value, "detail": "earliest report of this incident", "with_event": None}]
            continue
        found = None
        for other in events[max(0, i - cap):i]:
            m = compatible(e, other)
            if m is not None and (found is None or m.score > found[0].score):
                found = (m, other)
        if found is None:
            for other in events[i + 1:i + 1 + cap]:
                m = compatible(e, other)
                if m is not None:
                    found = (m, other)
                    break
        if found is None:
            out[e.id] = [{"rule": Rule.CHAIN.value, "detail": "linked through other reports of the incident",
                          "with_event": None}]
        else:
            out[e.id] = [{"rule": Rule.MERGED.value, "detail": "; ".join(found[0].reasons),
                          "with_event": found[1].id}]
    return out


def build_incident(members: list[EventRecord], now: datetime | None = None) -> Incident:
    events = sorted(members, key=lambda e: e.order_key)
    first = events[0]
    best = _best_date(events)
    placed = [e for e in events if e.location]
    place = min(placed, key=lambda e: (e.location_country is None, e.order_key)) if placed else None
    modes = [e.mode for e in events if e.mode]
    actors: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    symmetric = first.type in SYMMETRIC_TYPES
    for e in events:
        for role, ps in (("source", e.sources), ("target", e.targets)):
            for p in ps:
                roles = ("source", "target") if symmetric else (role,)
                for r in roles:
                    if (r, p.key) not in actors or actors[(r, p.key)][0] is None:
                        actors[(r, p.key)] = (p.name, p.country)
    return Incident(
        id=incident_id(first), type=first.type,
        mode=max(set(modes), key=lambda m: (modes.count(m), m)) if modes else None,
        status=_latest_status(events), quad=QUADS.get(first.type, Quad.VERBAL_COOPERATION).value,
        date_value=best.date_value if best else None, date_earliest=best.interval()[0] if best else None,  # type: ignore[index]
        date_latest=best.interval()[1] if best else None, date_rule=best.date_rule if best else None,  # type: ignore[index]
        date_basis=best.date_basis if best else None,
        location=place.location if place else None, location_country=place.location_country if place else None,
        first_article_id=first.article_id, first_published=first.published, first_evidence=first.evidence,
        n_events=len(events), n_articles=len({e.article_id for e in events}),
        n_outlets=len({e.outlet or e.article_id for e in events}),
        events=events, reasons=_reasons(events),
        actors=sorted((r, k, n, c) for (r, k), (n, c) in actors.items()),
        status_history=[(e.status, e.id, e.article_id, e.published) for e in events],
    )


def cluster(events: list[EventRecord]) -> list[Incident]:
    """Every incident of ``events`` (the full, non-incremental computation)."""
    by_id = {e.id: e for e in events}
    uf = components(events)
    groups: dict[str, list[EventRecord]] = {}
    for eid in sorted(by_id):
        groups.setdefault(uf.find(eid), []).append(by_id[eid])
    return sorted((build_incident(g) for g in groups.values()), key=lambda i: i.id)
