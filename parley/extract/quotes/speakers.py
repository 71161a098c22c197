"""Who an attribution's source is: the canonical actor, and the channel it spoke through.

The source span is what the parse gave (a subject, an agent, the object of "according to").
Inside it we look for the actor mentions the actors layer found:
- a channel noun heads the span ("a readout shared by X", "X's national security
  strategy", "a statement from X"): the channel is recorded and the speaker is X;
- a pronoun ("he", "it", "who"): the last fitting actor before it, preferring the subject
  of the nearest sentence that has one (a person for he/she, an organisation or state for
  it/they, the modified noun for a relative pronoun);
- an institutional noun ("Kyiv officials", "a Kremlin spokesman"): the state or body named
  inside it;
- otherwise the mention at the head of the span, else the first person in it.
Without the actors layer the named entities of the parse stand in for mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley.extract.actors.lexicon import TITLE_HEADS
from parley.extract.quotes import lexicon as lx
from parley.nlp.credits import credit_tokens, in_credits
from parley.records import SpeakerRule

_PERSON_PRONOUNS = frozenset("he she him her his hers".split())
_THING_PRONOUNS = frozenset("it its they them their".split())
_RELATIVE = frozenset("who which that whom whose".split())
_ENT_TYPES = {"PERSON": "person", "GPE": "state", "NORP": "state", "ORG": "organisation"}


@dataclass
class MentionView:
    """The part of an actor mention (or a named entity standing in for one) we use."""

    start: int
    end: int
    actor_id: str | None
    name: str
    type: str
    country: str | None
    role: str | None = None  # the title the text gave the person at this mention


@dataclass
class Speaker:
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    speaker_id: str | None = None
    speaker_name: str | None = None
    speaker_country: str | None = None
    channel: str | None = None
    rule: SpeakerRule | None = None
    person: bool = False  # the speaker is a person (a pronoun "he" may continue with them)


def mention_views(doc: Doc) -> list[MentionView]:
    mentions = doc._.actor_mentions
    credits = credit_tokens(doc)  # a dateline's place or agency speaks no quote
    if mentions is not None:
        actors = doc._.actors or {}
        out = []
        for m in mentions:
            if m.actor_id is None and m.actor_name is None:
                continue
            if in_credits(doc, m.start, m.end, credits):
                continue
            country = m.country
            actor = actors.get(m.actor_id) if isinstance(actors, dict) and m.actor_id else None
            if country is None and actor is not None:
                country = actor.country
            role = m.role
            if role is None and actor is not None and actor.roles:
                role = " ".join(str(r.get("title", "")) for r in actor.roles)
            out.append(MentionView(m.start, m.end, m.actor_id, m.actor_name or m.text,
                                   (m.actor_type or "").lower(), country, role))
        return sorted(out, key=lambda v: v.start)
    return [MentionView(e.start_char, e.end_char, None, e.text, _ENT_TYPES[e.label_], None)
            for e in doc.ents if e.label_ in _ENT_TYPES and not any(t.i in credits for t in e)]


def _within(views: list[MentionView], start: int, end: int) -> list[MentionView]:
    return [v for v in views if v.start < end and start < v.end]


def _channel_name(root: Token) -> str:
    """"national security strategy" from its compound and adjective modifiers."""
    mods = [c for c in root.children if c.i < root.i and c.ent_type_ == ""
            and (c.dep_ == "compound" or (c.dep_ == "amod" and c.pos_ == "ADJ"))]
    start = min([root.i] + [t.i for m in mods for t in m.subtree])
    return root.doc[start:root.i + 1].text.lower()


def _channel_speaker(root: Token) -> Span | None:
    """Who issued a channel: its possessor, "shared/issued by X", "from X", or a name
    compounded with it ("the Kremlin readout")."""
    doc = root.doc
    for c in root.children:
        if c.dep_ == "poss":
            return doc[c.left_edge.i:c.i + 1] if c.tag_ != "POS" else doc[c.left_edge.i:c.i]
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_):
                return doc[pobj.left_edge.i:pobj.right_edge.i + 1]
        if c.dep_ == "acl":  # "a readout shared by Witkoff"
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return doc[pobj.left_edge.i:pobj.right_edge.i + 1]
    names = [c for c in root.children if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_)]
    if names:
        return doc[names[0].left_edge.i:names[-1].i + 1]
    return None


def channel_of_cue(cue: list[Token]) -> str | None:
    """"said in a statement", "wrote on Twitter", "told in an interview"."""
    for tok in cue:
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if c.lower_ == "on" and (pobj.lower_ in lx.MEDIA_ON or pobj.pos_ == "PROPN"):
                return "on " + tok.doc[pobj.left_edge.i:pobj.i + 1].text
            if c.lower_ in ("in", "through", "via") and pobj.lemma_.lower() in lx.CHANNEL_NOUNS:
                return _channel_name(pobj)
    return None


def _pick(views: list[MentionView], root: Token, prefer_states: bool) -> MentionView | None:
    if not views:
        return None
    at_root = [v for v in views if v.start <= root.idx < v.end]
    if prefer_states:
        bodies = [v for v in views if v.type in ("state", "organisation", "government_body", "group")]
        if bodies:
            return bodies[0]
    if at_root:
        return at_root[0]
    persons = [v for v in views if v.type == "person"]
    return persons[0] if persons else views[0]


def _antecedent(doc: Doc, views: list[MentionView], pronoun: Token, want: set[str]) -> MentionView | None:
    """The last fitting mention before a pronoun: in its own sentence the nearest one, in
    earlier sentences the subject first (the usual topic), up to three sentences back."""
    fitting = [v for v in views if v.type in want and v.end <= pronoun.idx]
    if not fitting:
        return None
    sent = pronoun.sent
    same = [v for v in fitting if v.start >= sent.start_char]
    if same:
        return same[-1]
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    idx = next((k for k, s in enumerate(sents) if s.start == sent.start), None)
    if idx is None:
        return fitting[-1]
    for k in range(idx - 1, max(-1, idx - 4), -1):
        s = sents[k]
        here = [v for v in fitting if s.start_char <= v.start < s.end_char]
        if not here:
            continue
        subjects = [v for v in here if any(t.dep_ in ("nsubj", "nsubjpass") for t in
                                           (doc.char_span(v.start, v.end, alignment_mode="expand") or []))]
        return (subjects or here)[0]
    return fitting[-1]


def resolve_speaker(doc: Doc, source: tuple[int, int] | None, cue: list[Token],
                    views: list[MentionView], previous: "Speaker | None" = None) -> Speaker:
    """``previous``: the speaker of the attribution before this one, within two sentences;
    a person pronoun as the source ("he added") is that person when it is a person."""
    channel = channel_of_cue(cue)
    if source is None:
        return Speaker(channel=channel)
    span = doc[source[0]:source[1]]
    out = Speaker(source_text=span.text, source_start=span.start_char, source_end=span.end_char, channel=channel)
    root = span.root
    target: Span = span
    rule: SpeakerRule | None = None
    if root.lemma_.lower() in lx.CHANNEL_NOUNS and root.pos_ == "NOUN":
        out.channel = out.channel or _channel_name(root)
        issuer = _channel_speaker(root)
        if issuer is None:
            return out
        target, root = issuer, issuer.root
        rule = SpeakerRule.CHANNEL
    word = root.lower_
    view: MentionView | None = None
    if word in _RELATIVE and root.head.dep_ == "relcl":
        noun = root.head.head
        view = _pick(_within(views, noun.left_edge.idx, noun.idx + len(noun)), noun, False)
        rule = rule or SpeakerRule.RELATIVE
    elif word in _PERSON_PRONOUNS and len(target) == 1:
        if previous is not None and previous.speaker_id and previous.person:
            out.speaker_id, out.speaker_name = previous.speaker_id, previous.speaker_name
            out.speaker_country, out.rule = previous.speaker_country, SpeakerRule.PREVIOUS_SPEAKER
            return out
        view = _antecedent(doc, views, root, {"person"})
        rule = rule or SpeakerRule.PRONOUN
    elif word in _THING_PRONOUNS and len(target) == 1:
        view = _antecedent(doc, views, root, {"state", "organisation", "government_body", "group"})
        rule = rule or SpeakerRule.PRONOUN
    else:
        inside = _within(views, target.start_char, target.end_char)
        official = root.lemma_.lower() in lx.OFFICIAL_NOUNS
        view = _pick(inside, root, official)
        if view is None and _bare_title(target, root):
            view = _titled_before(views, root)
            rule = rule or SpeakerRule.TITLE
        else:
            rule = rule or (SpeakerRule.INSTITUTION if official and view is not None and view.type != "person"
                            else SpeakerRule.NAMED)
    if view is not None:
        out.speaker_id, out.speaker_name, out.speaker_country = view.actor_id, view.name, view.country
        out.rule, out.person = rule, view.type == "person"
    return out


def _bare_title(span: Span, root: Token) -> bool:
    """"the minister", "the former senator": a definite title with no name in it."""
    return root.lower_ in TITLE_HEADS and root.pos_ == "NOUN" and span[0].lower_ in ("the", "this") \
        and not any(t.ent_type_ or t.pos_ == "PROPN" for t in span)


def _titled_before(views: list[MentionView], root: Token) -> MentionView | None:
    """The last person before ``root`` whose title (in the text or the KB) has its word:
    "the minister" is the minister named before, not whoever was mentioned last."""
    word = root.lower_
    stem = word[:-1] if word.endswith("s") else word
    for v in reversed([v for v in views if v.end <= root.idx and v.type == "person"]):
        if v.role and any(w.rstrip("s") == stem for w in v.role.lower().replace("-", " ").split()):
            return v
    return None
