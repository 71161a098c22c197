"""Resolved candidates -> ``Mention`` and ``Actor`` records (character offsets, one
canonical actor per id with its aliases and the roles the text gave it)."""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc

from parley.extract.actors.candidates import Candidate
from parley.extract.actors.kb import ActorKB
from parley.records import Actor, Mention


def _char_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _kb_actor_record(kb: ActorKB, actor_id: str) -> Actor:
    a = kb.actors[actor_id]
    aliases = list(dict.fromkeys([*a.aliases, *a.short, *a.adjectives, *a.capitals]))
    roles = [dict(r, source="kb") for r in a.roles]
    return Actor(id=a.id, name=a.name, type=a.type, country=a.country, aliases=aliases, roles=roles,
                 source="user" if a.source == "user" else "kb", acts_for=a.acts_for)


def build_records(doc: Doc, cands: list[Candidate], kb: ActorKB,
                  sent_starts: list[int]) -> tuple[list[Mention], dict[str, Actor]]:
    article_id = doc._.article_id or ""
    actors: dict[str, Actor] = {}
    forms: dict[str, list[str]] = {}
    text_countries: dict[str, str] = {}
    live = [c for c in cands if not c.absorbed and (c.actor_id or c.actor_type == "place")]
    # a text actor takes the first country any of its mentions was given
    for c in live:
        if c.actor_id and c.actor_id not in kb.actors:
            country = c.role_country or c.country
            if country:
                text_countries.setdefault(c.actor_id, country)
    mentions: list[Mention] = []
    doc_text = doc.text  # built once: Doc.text joins every token on each access
    for c in live:
        start, end = _char_bounds(doc, c.start, c.end)
        k = bisect.bisect_right(sent_starts, c.start) - 1
        s_first = sent_starts[max(k, 0)]
        s_end = sent_starts[k + 1] if k + 1 < len(sent_starts) else len(doc)
        sent_start, sent_end = _char_bounds(doc, s_first, max(s_end, s_first + 1))
        text = doc_text[start:end]
        country = c.country
        if c.actor_id:
            if c.actor_id in kb.actors and c.actor_id not in actors:
                actors[c.actor_id] = _kb_actor_record(kb, c.actor_id)
            elif c.actor_id not in actors:
                actors[c.actor_id] = Actor(id=c.actor_id, name=c.name or text, type=c.actor_type or "person",
                                           country=text_countries.get(c.actor_id), source="text")
            actor = actors[c.actor_id]
            country = country or actor.country or text_countries.get(c.actor_id)
            forms.setdefault(c.actor_id, []).append(text)
            _add_role(actor, c)
            if c.acts_for and not actor.acts_for and c.acts_for != actor.id:
                actor.acts_for = c.acts_for
        mentions.append(Mention(
            article_id=article_id, start=start, end=end, text=text, actor_id=c.actor_id,
            actor_name=actors[c.actor_id].name if c.actor_id else c.name or text,
            actor_type=c.actor_type, country=country, label=c.label, role=c.role,
            resolved_by=c.resolved_by, is_metonym=c.is_metonym, relation=c.relation,
            sentence_start=sent_start, sentence_end=sent_end,
        ))
    for actor_id, seen in forms.items():
        actor = actors[actor_id]
        if actor.source == "text":
            # the fullest form written is the canonical name ("Andrii Hnatov", not "Hnatov")
            actor.name = max(seen, key=lambda s: (len(s.split()), len(s)))
        actor.aliases = list(dict.fromkeys([*actor.aliases, *(s for s in seen if s != actor.name)]))
    return mentions, actors


def _add_role(actor: Actor, c: Candidate) -> None:
    if not c.role:
        return
    role: dict[str, Any] = {"title": c.role, "source": "text"}
    if c.role_country:
        role["country"] = c.role_country
    if c.relation:
        role["of"] = c.relation.get("of")
    if not any(r.get("title") == c.role and r.get("source") == "text" for r in actor.roles):
        actor.roles.append(role)
