"""The actor knowledge base at run time: the shipped ``parley/data/actors_kb.json``
plus an optional user YAML file that overrides or adds actors, seats, places and
demonyms (``--actors FILE``).

User file format (every key optional)::

    actors:
      - name: Jane Doe                # matched to an existing actor by id or name
        id: person:jane-doe           # default: <type>:<slug of name>
        type: person                  # person | state | organisation | group | government_body
        country: GBR
        aliases: [J. Doe]
        short: [Doe]                  # short forms for people (default: last word)
        roles: [{title: Envoy, country: GBR, start: "2025-01-01", end: null}]
    seats: {Government House: GBR}    # name -> ISO3 or actor id
    places: {Springfield: USA}        # name -> ISO3
    demonyms: {Ruritanian: RUR}       # word -> ISO3 or actor id
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from parley.data.names import fold, norm, slug  # noqa: F401  (re-exported)
from parley.errors import ActorsFileError

KB_PATH = Path(__file__).resolve().parents[2] / "data" / "actors_kb.json"


def within_edits(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most ``limit`` (early exit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


@dataclass
class KBActor:
    id: str
    name: str
    type: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    acts_for: str | None = None
    source: str = "kb"
    adjectives: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    ambiguous: bool = False  # the name is also a common first name or word
    lowercase: bool = False  # also match the names in lower case


@dataclass(frozen=True)
class Pointer:
    """A capital or seat of power: the actor it stands for when it acts."""

    actor_id: str
    country: str | None
    primary: bool = True
    located_in: str | None = None  # the country the place is in, when used as a place


@dataclass
class ActorKB:
    actors: dict[str, KBActor] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # full name or alias -> id
    shorts: dict[str, list[str]] = field(default_factory=dict)  # short form -> person ids
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, Pointer] = field(default_factory=dict)
    seats: dict[str, Pointer] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    source_file: str | None = None

    def __post_init__(self) -> None:
        self._norm: dict[str, dict[str, Any]] = {}
        self._state_names: dict[str, str] = {}
        self._by_initial: dict[str, list[tuple[str, str, str]]] = {}
        self._fuzzy_cache: dict[str, tuple[str, str] | None] = {}
        self.country_words: frozenset[str] = frozenset()

    # -- lookups -------------------------------------------------------------------
    def index(self) -> None:
        """Normalised indexes, for spans found by the NER rather than the matcher."""
        self._norm = {
            "seat": {norm(k): v for k, v in self.seats.items()},
            "name": {norm(k): v for k, v in self.names.items()},
            "demonym": {norm(k): v for k, v in self.demonyms.items()},
            "capital": {norm(k): v for k, v in self.capitals.items()},
            "short": {norm(k): v for k, v in self.shorts.items()},
            "place": {norm(k): v for k, v in self.places.items()},
        }
        self._state_names = {n: a.id for a in self.actors.values() if a.type == "state"
                             for n in [a.name, *a.aliases] if " " not in n and len(n) >= 5}
        self._by_initial = {}
        for kind, table in (("name", self._state_names), ("demonym", self.demonyms)):
            for name, target in table.items():
                self._by_initial.setdefault(name[:1], []).append((kind, name, target))
        self._fuzzy_cache = {}
        # lower-case words of state names and demonyms ("russian", "ukraine", "united")
        self.country_words = frozenset(w.lower() for a in self.actors.values() if a.type == "state"
                                       for n in [a.name, *a.aliases, *a.adjectives] for w in n.split())

    def lookup(self, text: str, exact: bool = True) -> tuple[str, Any] | None:
        """(kind, target) for a surface form; kinds in priority order: seat, name,
        demonym, capital, short, place. ``exact=False`` compares normalised forms."""
        if exact:
            for kind, table in (("seat", self.seats), ("name", self.names), ("demonym", self.demonyms),
                                ("capital", self.capitals), ("short", self.shorts), ("place", self.places)):
                if text in table:
                    return kind, table[text]
            return None
        key = norm(text)
        for kind in ("seat", "name", "demonym", "capital", "short", "place"):
            if key in self._norm.get(kind, {}):
                return kind, self._norm[kind][key]
        return None

    def fuzzy_state(self, text: str) -> tuple[str, str] | None:
        """A misspelt state name or demonym ("Afganistan", "Quatar"): one edit away
        (two for long words), same first letter. For NER spans nothing else resolved."""
        if len(text) < 5 or not text[:1].isupper():
            return None
        if text in self._fuzzy_cache:
            return self._fuzzy_cache[text]
        limit = 1 if len(text) < 8 else 2
        found = None
        for kind, name, target in self._by_initial.get(text[:1], ()):
            if abs(len(name) - len(text)) <= limit and within_edits(text, name, limit):
                found = (kind, target)
                break
        self._fuzzy_cache[text] = found
        return found

    def surface_forms(self) -> dict[str, list[str]]:
        """Everything the phrase matcher should find, by case handling."""
        exact = set(self.seats) | set(self.names) | set(self.demonyms) | set(self.capitals) | set(self.shorts)
        lower = {n for a in self.actors.values() if a.lowercase for n in [a.name, *a.aliases]}
        return {"exact": sorted(exact), "lower": sorted(lower)}

    def country_of(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id or "")
        return actor.country if actor else None

    # -- building ------------------------------------------------------------------
    def add_actor(self, actor: KBActor) -> None:
        self.actors[actor.id] = actor
        for name in [actor.name, *actor.aliases]:
            self.names[name] = actor.id
        for short in actor.short:
            ids = self.shorts.setdefault(short, [])
            if actor.id not in ids:
                ids.append(actor.id)
        if actor.type in ("state", "territory"):
            for word in actor.adjectives:
                self.demonyms.setdefault(word, actor.id)


def _actor_from_json(d: dict[str, Any]) -> KBActor:
    return KBActor(
        id=d["id"], name=d["name"], type=d["type"], country=d.get("country"),
        aliases=list(d.get("aliases", [])), short=list(d.get("short", [])), roles=list(d.get("roles", [])),
        acts_for=d.get("acts_for"), source="kb", adjectives=list(d.get("adjectives", [])),
        capitals=list(d.get("capitals", [])), ambiguous=bool(d.get("ambiguous")),
        lowercase=bool(d.get("lowercase")),
    )


def _load_shipped() -> ActorKB:
    data = json.loads(KB_PATH.read_text(encoding="utf-8"))
    kb = ActorKB()
    for d in data["actors"]:
        kb.add_actor(_actor_from_json(d))
    kb.demonyms.update(data["demonyms"])
    kb.capitals = {k: Pointer(v["actor"], v.get("country"), bool(v.get("primary", True)))
                   for k, v in data["capitals"].items()}
    kb.seats = {k: Pointer(v["actor"], v.get("country"), located_in=v.get("located_in"))
                for k, v in data["seats"].items()}
    kb.places = dict(data["places"])
    return kb


def _pointer(target: str) -> Pointer:
    target = str(target)
    if ":" in target:
        return Pointer(target, None)
    return Pointer(f"state:{target.upper()}", target.upper(), located_in=target.upper())


_TYPE_PREFIX = {"person": "person", "state": "state", "organisation": "org", "group": "group",
                "government_body": "body"}


def _merge_user_actor(kb: ActorKB, d: dict[str, Any]) -> None:
    if not isinstance(d, dict) or not d.get("name"):
        raise ActorsFileError(f"each actor needs a name: {d!r}")
    kind = d.get("type", "person")
    existing_id = d.get("id") or kb.names.get(d["name"]) or kb._norm.get("name", {}).get(norm(d["name"]))
    old = kb.actors.get(existing_id or "")
    if old is not None:
        aliases = list(dict.fromkeys(old.aliases + list(d.get("aliases", []))))
        actor = KBActor(
            id=old.id, name=d.get("name", old.name), type=d.get("type", old.type),
            country=d.get("country", old.country), aliases=aliases,
            short=list(d["short"]) if "short" in d else list(dict.fromkeys(old.short + _default_short(d, kind))),
            roles=list(d.get("roles", old.roles)), acts_for=d.get("acts_for", old.acts_for), source="user",
            adjectives=old.adjectives, capitals=old.capitals, ambiguous=old.ambiguous,
            lowercase=bool(d.get("lowercase", old.lowercase)),
        )
    else:
        prefix = _TYPE_PREFIX.get(kind, kind)
        actor = KBActor(
            id=d.get("id") or (f"state:{d['country']}" if kind == "state" and d.get("country")
                               else f"{prefix}:{slug(d['name'])}"),
            name=d["name"], type=kind, country=d.get("country"), aliases=list(d.get("aliases", [])),
            short=list(d["short"]) if "short" in d else _default_short(d, kind),
            roles=list(d.get("roles", [])), acts_for=d.get("acts_for"), source="user",
            adjectives=list(d.get("adjectives", [])), lowercase=bool(d.get("lowercase")),
        )
    kb.add_actor(actor)


def _default_short(d: dict[str, Any], kind: str) -> list[str]:
    if kind != "person":
        return []
    return list(dict.fromkeys(n.split()[-1] for n in [d["name"], *d.get("aliases", [])] if len(n.split()) > 1))


def apply_user_file(kb: ActorKB, path: str | Path) -> ActorKB:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ActorsFileError(f"cannot read actors file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ActorsFileError(f"actors file {path} must be a mapping with actors/seats/places/demonyms")
    kb.index()
    for d in data.get("actors") or []:
        _merge_user_actor(kb, d)
    for name, target in (data.get("seats") or {}).items():
        kb.seats[str(name)] = _pointer(target)
        kb.capitals.pop(str(name), None)
    for name, code in (data.get("places") or {}).items():
        kb.places[str(name)] = str(code).upper()
    for word, target in (data.get("demonyms") or {}).items():
        kb.demonyms[str(word)] = _pointer(target).actor_id
    kb.source_file = str(path)
    return kb


@lru_cache(maxsize=8)
def load_kb(actors_file: str | None = None) -> ActorKB:
    """The shipped KB, with the user's file applied on top when given (cached: a
    pipeline builds its matcher once)."""
    kb = _load_shipped()
    if actors_file:
        apply_user_file(kb, actors_file)
    kb.index()
    return kb
