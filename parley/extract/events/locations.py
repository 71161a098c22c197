"""Where an event happens: place names in its locative phrases, including names that
hang from a generic place noun ("the town of Mardin") and places the actors layer does
not list ("North Kordofan State"), geocoded offline."""

from __future__ import annotations

from spacy.tokens import Token

from parley.extract.events.places import geocode
from parley.extract.events.syntax import prep_objects
from parley.extract.events.triggers import Candidate
from parley.records import Mention

LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "outside", "inside", "throughout", "around"})
# generic nouns for a place whose name hangs from them: "the town of Mardin", "Sindh
# province", "the Ukrainian town of Sumy"
PLACE_NOUNS = frozenset({
    "town", "city", "village", "province", "region", "district", "capital", "area", "state", "county",
    "enclave", "suburb", "territory", "port", "island", "camp", "neighbourhood", "neighborhood", "sector",
    "zone", "outskirts", "municipality", "republic", "peninsula", "valley", "strip", "centre", "center",
})


def place_token(pobj: Token) -> Token | None:
    """The place a locative object names: itself ("in Kabul"), or the name hanging from
    a generic place noun ("in the town of Mardin", "in Sindh province", "the
    northern port Mombasa", "the Ukrainian town of Sumy")."""
    if pobj.ent_type_ in ("GPE", "LOC", "FAC"):
        return pobj
    if pobj.lemma_.lower() not in PLACE_NOUNS:
        return None
    named = None
    for ch in pobj.children:
        if ch.dep_ == "prep" and ch.lower_ == "of":
            for g in ch.children:
                if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG") or \
                        g.dep_ == "pobj" and g.pos_ == "PROPN":
                    return g
        if ch.dep_ in ("appos", "compound") and (ch.ent_type_ in ("GPE", "LOC", "FAC") or ch.pos_ == "PROPN"):
            return ch
        if ch.dep_ in ("amod", "compound", "poss") and ch.ent_type_ in ("GPE", "NORP", "LOC"):
            named = ch  # "the Bosnian town": the state, when the town has no name
    return named


def location_tokens(c: Candidate) -> list[Token]:
    """Place names in locative phrases on the trigger, its anchor verb, the event noun
    or the act's object and the participle describing it ("talks in Miami", "In
    London, X will host", "the curfew imposed in Sudan", "power lines leading into
    Kabul")."""
    out: list[Token] = list(c.places)
    holders = list(dict.fromkeys([c.anchor, c.head]))
    if c.object_token is not None and c.object_token not in holders:
        holders.append(c.object_token)
    for h in list(holders):
        if h.pos_ in ("NOUN", "PROPN"):
            holders.extend(ch for ch in h.children if ch.dep_ == "acl")
    for tok in holders:
        for word, pobj in prep_objects(tok):
            if word in LOCATIVE_PREPS or (word == "into" and tok.dep_ == "acl"):
                place = place_token(pobj)
                if place is not None:
                    out.append(place)
    return out


def unnamed_place(tok: Token) -> Mention | None:
    """A place the actors layer does not list ("North Kordofan State"): geocoded."""
    name = tok.text
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None:
        name = ent.text
    place = geocode(name)
    if place is None or not place.country:
        return None
    return Mention(article_id=tok.doc._.article_id or "", start=tok.idx, end=tok.idx + len(tok), text=name,
                   actor_id=None, actor_name=name, actor_type="place", country=place.country, label="GPE",
                   resolved_by="gazetteer")
