"""The actor knowledge base shipped in parley/data: built from its recorded sources,
complete for the states and office holders it promises, usable with a user file."""

from __future__ import annotations

import json

import pytest

from parley.data import build_kb
from parley.errors import ActorsFileError
from parley.extract.actors.kb import _load_shipped, apply_user_file, load_kb

G20_STATES = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS",
              "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"]
WAR_PARTIES = ["UKR", "ISR", "IRN", "PSE", "SDN", "COD", "RWA", "LBN", "SYR"]
FOREIGN_MINISTER_TITLES = ("foreign minister", "foreign secretary", "external affairs minister",
                           "secretary of state")
HEAD_TITLES = ("president", "prime minister", "chancellor", "premier", "king", "emir", "supreme leader",
               "crown prince", "chairman of the transitional sovereignty council")


@pytest.fixture(scope="module")
def kb_json():
    return json.loads(build_kb.OUTPUT.read_text(encoding="utf-8"))


def test_shipped_json_is_what_the_build_script_makes(kb_json):
    assert build_kb.build() == kb_json, "run: python -m parley.data.build_kb"


def test_every_un_member_and_observer_is_a_state_with_names_capital_and_demonym(kb_json):
    import yaml

    curated = yaml.safe_load((build_kb.CURATED / "states.yaml").read_text(encoding="utf-8"))
    assert len(curated["un_members"]) == 193
    states = {a["country"]: a for a in kb_json["actors"] if a["type"] == "state"}
    for code in curated["un_members"] + curated["un_observers"]:
        state = states[code]
        assert state["id"] == f"state:{code}" and state["name"]
        assert state["capitals"], f"{code} has no capital"
        assert state["adjectives"] or state["note"], f"{code} has no demonym and no note saying why"
        assert state["un_status"] in ("member", "observer")
    assert states["PSE"]["un_status"] == states["VAT"]["un_status"] == "observer"


def test_common_names_demonyms_capitals_and_seats(kb_json):
    kb = load_kb()
    assert kb.lookup("Russia") == ("name", "state:RUS")
    assert kb.lookup("Britain") == ("name", "state:GBR")
    assert kb.lookup("Ukrainians") == ("demonym", "state:UKR")
    assert kb.lookup("British") == ("demonym", "state:GBR")
    for capital, state in (("Kyiv", "state:UKR"), ("Kiev", "state:UKR"), ("Moscow", "state:RUS"),
                           ("Washington", "state:USA"), ("Beijing", "state:CHN")):
        kind, pointer = kb.lookup(capital)
        assert kind == "capital" and pointer.actor_id == state
    for seat, state in (("Kremlin", "state:RUS"), ("White House", "state:USA"), ("Downing Street", "state:GBR"),
                        ("Élysée", "state:FRA"), ("Elysee", "state:FRA"), ("Bankova", "state:UKR"),
                        ("Zhongnanhai", "state:CHN"), ("Brussels", "org:eu")):
        kind, pointer = kb.lookup(seat)
        assert kind == "seat" and pointer.actor_id == state, seat


def test_main_organisations_with_acronyms():
    kb = load_kb()
    for acronym in ("UN", "NATO", "EU", "OSCE", "IAEA", "AU", "ASEAN", "G7", "G20", "BRICS", "ICC", "IMF"):
        kind, actor_id = kb.lookup(acronym)
        assert kind == "name" and kb.actors[actor_id].type == "organisation", acronym


def test_current_leaders_of_the_g20_and_the_war_parties(kb_json):
    people = [a for a in kb_json["actors"] if a["type"] == "person"]
    for code in G20_STATES + WAR_PARTIES:
        current = [(p["name"], r) for p in people for r in p["roles"]
                   if r.get("country") == code and r.get("end") is None]
        heads = [name for name, r in current if r["title"].lower() in HEAD_TITLES
                 or r["title"].lower().startswith(HEAD_TITLES)]
        assert heads, f"no current head of state or government for {code}"
    for code in G20_STATES + ["UKR", "ISR", "IRN", "RWA"]:
        ministers = [name for name, r in ((p["name"], r) for p in people for r in p["roles"])
                     if r.get("country") == code and r.get("end") is None
                     and any(t in r["title"].lower() for t in FOREIGN_MINISTER_TITLES)]
        assert ministers, f"no current foreign minister for {code}"


def test_people_have_titles_countries_and_start_dates(kb_json):
    for p in (a for a in kb_json["actors"] if a["type"] == "person"):
        assert p["id"] == f"person:{build_kb.slug(p['name'])}"
        assert p["roles"], p["name"]
        for role in p["roles"]:
            assert role["title"] and role["start"], p["name"]
            assert role.get("country") or role.get("of"), p["name"]


def test_transliteration_variants_point_to_one_person():
    kb = load_kb()
    ids = set()
    for variant in ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy"):
        ids.add(kb.lookup(variant)[1])
    for short in ("Zelenskyy", "Zelensky", "Zelenskiy"):
        ids.update(kb.lookup(short)[1])
    assert ids == {"person:volodymyr-zelenskyy"}


def test_ids_are_unique(kb_json):
    ids = [a["id"] for a in kb_json["actors"]]
    assert len(ids) == len(set(ids))


def test_places_give_a_country_and_never_shadow_an_actor(kb_json):
    places = kb_json["places"]
    assert places["Kharkiv"] == "UKR" and places["Gaza Strip"] == "PSE" and places["Texas"] == "USA"
    assert "Moscow" not in places and "Kremlin" not in places and "Ukraine" not in places


def test_user_file_adds_overrides_and_rejects_bad_entries(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - {name: Kaja Kallas, aliases: [Kallas the Estonian]}\n"
                    "  - {name: Northwind Brigade, type: group, country: SDN}\n"
                    "demonyms: {Sudani: SDN}\n", encoding="utf-8")
    kb = apply_user_file(_load_shipped(), path)
    kb.index()
    assert kb.lookup("Kallas the Estonian") == ("name", "person:kaja-kallas")
    assert kb.actors["person:kaja-kallas"].source == "user"
    assert kb.lookup("Northwind Brigade") == ("name", "group:northwind-brigade")
    assert kb.lookup("Sudani") == ("demonym", "state:SDN")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ActorsFileError):
        apply_user_file(_load_shipped(), bad)
    with pytest.raises(ActorsFileError):
        apply_user_file(_load_shipped(), tmp_path / "missing.yaml")
