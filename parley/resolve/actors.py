"""Actor linking across articles: which stored actors are one identity.

Knowledge-base actors keep their ids (rule ``kb``). Persons and organisations found in
text are linked by name variants (``parley.resolve.names``) to a knowledge-base actor or
to each other, but only when type, country and role agree: two different "Mr Smith"s of
two countries, or a defence and a foreign minister both called Smith, stay apart. A
surname alone joins a full name only when exactly one compatible full name carries it.
User overrides (``same_as`` / ``not_same_as`` in the ``--actors`` YAML) come first.

Pure functions over ``ActorRecord``s; the result is a ``Link`` per actor, independent of
the order the actors arrive in (edges are taken best first, ties by id).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from parley.resolve.names import (
    SURNAME_MIN,
    block_key,
    org_variant,
    person_name,
    person_variant,
)

ORG_TYPES = frozenset({"organisation", "group", "government_body"})
GENERIC_TITLE_WORDS = frozenset(
    ["the", "of", "a", "an", "and", "minister", "ministry", "deputy", "chief", "senior", "special", "head", "former",
     "acting", "top", "official", "spokesman", "spokeswoman", "spokesperson", "secretary", "general", "state"])
MIN_SCORE = 0.65


class LinkRule:
    SELF = "self"
    KB = "kb"
    NAME = "name_variant"
    SAME_AS = "override_same_as"


@dataclass
class ActorRecord:
    id: str
    name: str
    type: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    source: str = "text"  # kb | user | text

    @property
    def in_kb(self) -> bool:
        return self.source in ("kb", "user")

    @property
    def kind(self) -> str:
        return "person" if self.type == "person" else "org" if self.type in ORG_TYPES else self.type

    def names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.aliases]))


@dataclass
class Link:
    actor_id: str
    canonical_id: str
    rule: str
    score: float | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Overrides:
    same_as: list[tuple[str, str]] = field(default_factory=list)
    not_same_as: list[tuple[str, str]] = field(default_factory=list)


def _countries(a: ActorRecord) -> set[str]:
    out = {a.country} if a.country else set()
    out |= {r["country"] for r in a.roles if r.get("country")}
    return out


def _title_words(a: ActorRecord) -> set[str]:
    words: set[str] = set()
    for r in a.roles:
        if r.get("source") == "kb" and r.get("end"):
            continue  # a past office says nothing about a mention today
        words |= {w for w in str(r.get("title", "")).lower().split() if w not in GENERIC_TITLE_WORDS}
    return words


def conflict(a: ActorRecord, b: ActorRecord) -> str | None:
    """Why two actors cannot be one (None when nothing speaks against it)."""
    if a.kind != b.kind:
        return "type"
    ca, cb = _countries(a), _countries(b)
    if ca and cb and not (ca & cb):
        return "country"
    ta, tb = _title_words(a), _title_words(b)
    if ta and tb and not (ta & tb) and not (a.in_kb or b.in_kb):
        return "role"
    return None


def _variant(a: ActorRecord, b: ActorRecord) -> tuple[float, str, str, str] | None:
    best = None
    match = person_variant if a.kind == "person" else org_variant
    for na in a.names():
        for nb in b.names():
            got = match(na, nb)
            if got and (best is None or got[0] > best[0]):
                best = (got[0], got[1], na, nb)
    return best


def _blocks(actors: list[ActorRecord]) -> dict[str, list[ActorRecord]]:
    by_key: dict[str, list[ActorRecord]] = defaultdict(list)
    for a in actors:
        for n in a.names():
            key = block_key(n, a.kind)
            if key:
                by_key[f"{a.kind}|{key}"].append(a)
    return by_key


def candidate_pairs(actors: list[ActorRecord]) -> set[tuple[str, str]]:
    """Pairs of actors whose names share a surname (or acronym) key, fuzzily."""
    linkable = [a for a in actors if a.kind in ("person", "org")]
    blocks = _blocks(linkable)
    keys = sorted(blocks)
    pairs: set[tuple[str, str]] = set()
    by_kind: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        by_kind[k.split("|", 1)[0]].append(k)
    for kind, ks in by_kind.items():
        bare = [k.split("|", 1)[1] for k in ks]
        for i, k in enumerate(bare):
            near = [ks[j] for _, _, j in process.extract(k, bare, scorer=fuzz.ratio, score_cutoff=SURNAME_MIN,
                                                         limit=None)] if kind == "person" else [ks[i]]
            members = {a.id: a for key in near for a in blocks[key]}
            for a_id in members:
                for b_id in members:
                    if a_id < b_id:
                        pairs.add((a_id, b_id))
    return pairs


class _Clusters:
    def __init__(self, actors: dict[str, ActorRecord], cannot: set[frozenset[str]]):
        self.parent = {a: a for a in actors}
        self.members = {a: [a] for a in actors}
        self.actors = actors
        self.cannot = cannot

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def can_join(self, a: str, b: str) -> str | None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return "already one"
        ma, mb = self.members[ra], self.members[rb]
        for x in ma:
            for y in mb:
                if frozenset((x, y)) in self.cannot:
                    return "not_same_as"
                why = conflict(self.actors[x], self.actors[y])
                if why:
                    return why
        if sum(self.actors[x].in_kb for x in ma) and sum(self.actors[y].in_kb for y in mb):
            return "two knowledge-base actors"
        return None

    def join(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))


def _canonical(members: list[ActorRecord]) -> ActorRecord:
    kb = [m for m in members if m.in_kb]
    if kb:
        return min(kb, key=lambda m: m.id)
    return min(members, key=lambda m: (-_given_length(m), -len(m.name), m.id))


def _given_length(m: ActorRecord) -> int:
    name = person_name(m.name) if m.kind == "person" else None
    return len(name.given) if name else 0


def _is_full(a: ActorRecord) -> bool:
    return any((p := person_name(n)) is not None and p.full for n in a.names())


def link_actors(actors: Iterable[ActorRecord], overrides: Overrides | None = None) -> list[Link]:
    """One ``Link`` per actor (sorted by id)."""
    overrides = overrides or Overrides()
    by_id = {a.id: a for a in sorted(actors, key=lambda a: a.id)}
    cannot = {frozenset(p) for p in overrides.not_same_as}
    clusters = _Clusters(by_id, cannot)
    evidence: dict[str, dict[str, Any]] = {}
    forced: set[str] = set()
    for x, y in sorted(overrides.same_as):
        if x in by_id and y in by_id and clusters.find(x) != clusters.find(y):
            clusters.join(x, y)
            forced.update((x, y))
            for a, b in ((x, y), (y, x)):
                evidence.setdefault(a, {"with": b, "name": by_id[b].name, "detail": "user override same_as",
                                        "score": 1.0})
    edges = []
    for x, y in candidate_pairs(list(by_id.values())):
        rec_x, rec_y = by_id[x], by_id[y]
        if conflict(rec_x, rec_y):
            continue
        got = _variant(rec_x, rec_y)
        if got is None or got[0] < MIN_SCORE:
            continue
        edges.append((-got[0], x, y, got))
    edges.sort(key=lambda e: e[:3])
    # a bare surname joins only when one compatible full name carries it
    def short_of(x: str, y: str) -> str:
        return y if _is_full(by_id[x]) else x

    surname_targets: dict[str, set[str]] = defaultdict(set)
    for _, x, y, got in edges:
        if got[1].startswith("surname only"):
            short = short_of(x, y)
            surname_targets[short].add(y if short == x else x)
    for neg, x, y, got in edges:
        if got[1].startswith("surname only"):
            targets = {clusters.find(t) for t in surname_targets[short_of(x, y)]}
            if len(targets) > 1:
                continue
        if clusters.can_join(x, y) is not None:
            continue
        clusters.join(x, y)
        for a, b in ((x, y), (y, x)):
            evidence.setdefault(a, {"with": b, "name": by_id[b].name, "matched": [got[2], got[3]] if a == x
                                    else [got[3], got[2]], "detail": got[1], "score": -neg})
    links = []
    for _root, member_ids in sorted(clusters.members.items()):
        members = [by_id[m] for m in member_ids]
        canon = _canonical(members)
        for m in sorted(members, key=lambda m: m.id):
            if len(members) == 1:
                links.append(Link(m.id, m.id, LinkRule.KB if m.in_kb else LinkRule.SELF, None, []))
                continue
            ev = evidence.get(m.id)
            rule = LinkRule.SAME_AS if m.id in forced else LinkRule.KB if m.in_kb else LinkRule.NAME
            ev_list = [ev] if ev else []
            if m.id != canon.id:
                ev_list.append({"canonical": canon.id, "canonical_name": canon.name,
                                "members": sorted(member_ids)})
            links.append(Link(m.id, canon.id, rule, ev.get("score") if ev else None, ev_list))
    return links
