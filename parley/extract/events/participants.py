"""Who takes part: actor mentions found in the dependency structure around a trigger.

The actors layer (``doc._.actor_mentions``) says which spans are actors; this module
maps a syntactic argument (a token heading a noun phrase) to the mentions it stands for:
the head itself ("Putin"), its modifiers ("Russian officials", "the US proposal",
"Kyiv's demand"), affiliation phrases ("rebels in the Ivory Coast"), appositions and
conjuncts ("Witkoff and Kushner"), relative and personal pronouns.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley.nlp.credits import credit_tokens
from parley.records import EventActor, Mention

SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod", "nummod", "det"})
AFFILIATION_PREPS = frozenset({"of", "from", "in", "for", "at", "within", "by", "throughout", "across"})
# participles and adjectives that tie a group to another actor: "affiliated with", "loyal to"
AFFILIATION_WORDS = frozenset({"affiliate", "affiliated", "loyal", "belong", "link", "linked", "ally", "allied",
                               "attach", "attached", "tie", "tied", "back", "backed", "base", "based"})
PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "we", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
POLITICAL_TYPES = frozenset({"state", "government_body", "organisation", "organization", "group", "igo"})
# Sector heads of a state's noun phrases: "Chilean riot police" act for the state,
# "Chilean miners" are its people. A state's government side and its people may be
# the two sides of one event ("landowners protested against government forces"); see
# ``same_side``.
GOVERNMENT_HEADS = frozenset({
    "government", "governments", "authority", "authorities", "police", "policeman", "policemen", "army",
    "armies", "force", "forces", "troop", "troops", "military", "soldier", "soldiers", "security",
    "official", "officials", "ministry", "minister", "ministers", "regime", "cabinet", "parliament",
    "president", "administration", "court", "judge", "judges", "navy", "guard", "guards", "intelligence",
    "leadership", "junta", "officer", "officers", "embassy", "diplomat", "diplomats", "negotiator",
    "negotiators", "delegation", "state", "leader", "leaders", "commander", "commanders", "spokesman",
    "legislature", "senate", "congress", "prosecutor", "prosecutors", "warplane", "warplanes", "jet", "jets",
    "tank", "tanks", "artillery", "gunboat", "gunboats", "helicopter", "helicopters", "agency", "service",
})
SECTOR_MARK = "+sector:"
# plural nouns that name a political or armed group by what it does: an actor even
# unnamed ("Islamist students began a hunger strike")
UNNAMED_GROUP_PEOPLE = frozenset({
    "militant", "rebel", "guerrilla", "guerilla", "insurgent", "fundamentalist", "extremist", "separatist",
    "hacker", "protester", "protestor", "demonstrator", "rioter", "settler", "activist", "dissident",
    "nationalist", "islamist", "jihadist", "militiaman", "paramilitary", "mutineer", "secessionist",
    "loyalist", "fighter", "rebels", "guerrillas", "militants", "insurgents", "fundamentalists",
    "extremists", "separatists", "hackers", "protesters", "demonstrators", "rioters", "settlers",
    "activists", "dissidents", "nationalists", "islamists", "jihadists", "militiamen", "paramilitaries",
})
# group nouns that name an organisation when a modifier says which kind ("a human rights
# group", "the opposition coalition", "a terror network")
VAGUE_MODIFIERS = frozenset({"other", "same", "another", "new", "main", "several", "various", "many", "few",
                             "large", "small", "big", "major", "minor", "first", "second", "last", "whole",
                             "entire", "certain", "such", "own", "local", "different", "separate", "little"})
UNNAMED_GROUP_BODIES = frozenset({"group", "coalition", "movement", "front", "network", "organisation",
                                  "organization", "faction", "alliance", "party", "militia", "cell"})


@dataclass
class ActorIndex:
    """Token -> actor mention for one doc."""

    doc: Doc
    by_token: dict[int, Mention]
    non_actor_heads: frozenset[str]
    not_antecedents: frozenset[str] = frozenset()  # event and document nouns

    @classmethod
    def build(cls, doc: Doc, non_actor_heads: frozenset[str],
              not_antecedents: frozenset[str] = frozenset()) -> "ActorIndex":
        """One index per doc, shared by the events and stances components."""
        cached = doc.user_data.get("parley_actor_index")
        if isinstance(cached, ActorIndex) and cached.non_actor_heads == non_actor_heads \
                and cached.not_antecedents == not_antecedents:
            return cached
        index = cls._build(doc, non_actor_heads, not_antecedents)
        doc.user_data["parley_actor_index"] = index
        return index

    def in_span(self, span) -> list[Mention]:
        """The distinct mentions inside a span (a sentence)."""
        seen: dict[int, Mention] = {}
        for i in range(span.start, span.end):
            m = self.by_token.get(i)
            if m is not None:
                seen.setdefault(id(m), m)
        return list(seen.values())

    @classmethod
    def _build(cls, doc: Doc, non_actor_heads: frozenset[str], not_antecedents: frozenset[str]) -> "ActorIndex":
        mentions = doc._.actor_mentions
        if mentions is None:  # actors layer not in the pipeline: fall back on NER
            mentions = fallback_mentions(doc)
        # datelines, agencies and credit lines name no participant ("HANOI (AP) —")
        credits = credit_tokens(doc)
        by_token: dict[int, Mention] = {}
        for m in mentions:
            if not (m.actor_id or m.actor_name or m.country):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or any(tok.i in credits for tok in span):
                continue
            for tok in span:
                prev = by_token.get(tok.i)
                # a token inside two mentions keeps the longer one ("Russian President Putin")
                if prev is None or (prev.end - prev.start) < (m.end - m.start):
                    by_token[tok.i] = m
        # peoples the actors layer does not know as actors ("Ibo elders", "Tamil refugees")
        from parley.extract.events.countries import group_mentions

        for m in group_mentions(doc, by_token):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and any(tok.i in credits for tok in span):
                continue
            for tok in span if span is not None else ():
                by_token[tok.i] = m
        return cls(doc, by_token, non_actor_heads, not_antecedents)

    def mention_at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    # ------------------------------------------------------------------ phrases
    def phrase(self, tok: Token, depth: int = 0, with_conj: bool = True) -> list[Mention]:
        """The actors a noun phrase headed by ``tok`` stands for (conjuncts included)."""
        found: list[Mention] = []
        self._phrase_into(tok, found, depth, with_conj)
        return _dedupe(found)

    def _phrase_into(self, tok: Token, out: list[Mention], depth: int, with_conj: bool) -> None:
        if depth > 4:
            return
        own = self._head_actors(tok, depth)
        out.extend(own)
        if with_conj:
            for child in tok.children:
                if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
                    self._phrase_into(child, out, depth + 1, True)

    def _head_actors(self, tok: Token, depth: int) -> list[Mention]:
        m = self.mention_at(tok)
        if m is not None:
            if not m.country:
                # the state named in the phrase: "Lebanon's new President Elias Hrawi",
                # "King Hassan of Morocco", "X, Algeria's leading activist"
                near = [x for c in tok.lefts if c.dep_ in ("poss", "amod", "compound", "nmod")
                        for x in self._modifier_actors(c, depth + 1) if x is not m]
                if not near and depth < 3:
                    for c in tok.rights:
                        if c.dep_ == "appos":
                            near = [x for x in self.phrase(c, depth + 2, with_conj=False) if x is not m]
                        elif c.dep_ == "prep" and c.lower_ == "of":
                            near = [x for g in c.children if g.dep_ == "pobj" for x in self.phrase(g, depth + 2)]
                        if near:
                            break
                for x in near:
                    if x.country and x is not m:
                        return [dataclasses.replace(m, country=x.country)]
            return [m]
        low = tok.lower_
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$", "WP", "WDT", "WP$"):
            if low in RELATIVE_PRONOUNS:
                return self._relative_antecedent(tok, depth)
            if low in PERSONAL_PRONOUNS:
                return self.resolve_pronoun(tok, depth)
            return []
        if tok.lemma_.lower() in self.non_actor_heads or low in self.non_actor_heads:
            return []
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
            return []
        found: list[Mention] = []
        # an apposition names the head itself: "his son-in-law Jared Kushner" (a plural
        # head lists members instead: "Ukrainian representatives, including X")
        for child in tok.rights if tok.tag_ not in ("NNS", "NNPS") else ():
            if child.dep_ == "appos":
                found.extend(self.phrase(child, depth + 1, with_conj=False))
        if found:
            return self._with_head_country(tok, found, depth)
        # modifiers on the left: "Russian officials", "the US proposal", "Kyiv's demand"
        for child in tok.lefts:
            if child.dep_ in MODIFIER_DEPS:
                found.extend(self._modifier_actors(child, depth + 1))
        if found:
            return with_sector(found, tok)
        # affiliation: "rebels in the Ivory Coast", "the government of Punjab", "workers
        # affiliated with the X Union", "militants loyal to Y"
        for child in tok.rights:
            preps = [child] if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS else []
            if child.dep_ in ("acl", "amod") and child.lemma_.lower() in AFFILIATION_WORDS:
                preps = [p for p in child.children if p.dep_ == "prep"]
            for prep in preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found.extend(self.phrase(pobj, depth + 1))
            if found:
                return with_sector(found, tok)
        if not found:
            found = self._unnamed_group(tok)
        if not found and tok.dep_ == "appos" and depth < 2:
            # "the coalition of the willing, a grouping ...": the appositive's anchor
            found = self.phrase(tok.head, depth + 1, with_conj=False) or self._left_neighbour(tok)
        elif not found and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) \
                and tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].is_punct:
            # a description set off by a comma after a name is an apposition the parser
            # attached elsewhere: "the 'coalition of the willing', a grouping ..."
            found = self._left_neighbour(tok)
        return found

    def _with_head_country(self, tok: Token, found: list[Mention], depth: int) -> list[Mention]:
        """A person named in apposition to a described head takes the state the head
        names: "Iraq's senior cleric, Ayatollah X", "a member of the Kenyan
        parliament, X"."""
        if all(m.country for m in found) or depth > 3:
            return found
        states = [x for c in tok.lefts if c.dep_ in ("poss", "amod", "compound", "nmod")
                  for x in self._modifier_actors(c, depth + 1)]
        if not states:
            states = [x for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" for x in self._modifier_actors(g, depth + 1)]
        country = next((x.country for x in states
                        if x.country and (x.actor_type or "") in ("state", "territory")), None)
        if country is None:
            return found
        return [m if m.country or (m.actor_type or "") != "person" else dataclasses.replace(m, country=country)
                for m in found]

    def _unnamed_group(self, tok: Token) -> list[Mention]:
        """A political group the text describes without naming it: "Islamist
        militants", "Hindu nationalists", "a press freedom group", "the
        opposition coalition". Its country is left to the sentence (``countries``)."""
        from parley.data.names import slug

        lemma = tok.lemma_.lower()
        plural_people = lemma in UNNAMED_GROUP_PEOPLE and tok.tag_ in ("NNS", "NNPS")
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod") and not c.is_punct
                and c.lemma_.lower() not in VAGUE_MODIFIERS]
        if not plural_people and not (lemma in UNNAMED_GROUP_BODIES and mods):
            return []
        if tok.i in self.by_token:
            return []
        start = min((c.left_edge.i for c in mods), default=tok.i)
        while start < tok.i and (tok.doc[start].pos_ in ("DET", "NUM", "PUNCT") or tok.doc[start].is_punct):
            start += 1
        span = tok.doc[start: tok.i + 1]
        text = span.text
        sent = tok.sent
        return [Mention(article_id=tok.doc._.article_id or "", start=span.start_char, end=span.end_char, text=text,
                        actor_id=f"group:{slug(text)}", actor_name=text, actor_type="group", country=None,
                        label="NORP", resolved_by="unnamed-group", sentence_start=sent.start_char,
                        sentence_end=sent.end_char)]

    def _left_neighbour(self, tok: Token) -> list[Mention]:
        """The mention just before an appositive (a misattached "X, a grouping ...")."""
        i = tok.left_edge.i - 1
        while i >= 0 and self.doc[i].is_punct:
            i -= 1
        m = self.by_token.get(i) if i >= 0 else None
        return [m] if m is not None else []

    def _modifier_actors(self, tok: Token, depth: int = 0) -> list[Mention]:
        m = self.mention_at(tok)
        if m is not None and _against_or_for(tok):
            return []  # "anti-Putin demonstrators" are not Putin's, "pro-Russian separatists" not Russia
        if m is not None:  # "the Turkish and Greek sides": conjoined modifiers too
            return [m] + [x for c in tok.children if c.dep_ == "conj"
                          for x in self._modifier_actors(c, depth + 1)]
        if depth > 4:
            return []
        if tok.tag_ == "PRP$" and tok.lower_ in PERSONAL_PRONOUNS:
            return self.resolve_pronoun(tok, depth + 1)
        out: list[Mention] = []
        for child in tok.children:
            if child.dep_ in MODIFIER_DEPS or child.dep_ in ("conj", "cc"):
                out.extend(self._modifier_actors(child, depth + 1))
        return out

    def _relative_antecedent(self, tok: Token, depth: int) -> list[Mention]:
        clause = tok.head
        while (clause.dep_ not in ("relcl", "acl") and clause.head is not clause
               and clause.dep_ in ("xcomp", "ccomp", "conj")):
            clause = clause.head
        if clause.dep_ in ("relcl", "acl"):
            return self.phrase(clause.head, depth + 1, with_conj=False)
        return []

    def resolve_pronoun(self, tok: Token, depth: int) -> list[Mention]:
        """A personal pronoun refers to the nearest governing clause's actor subject:
        "Russia said it hit ...", "Syria says it will withdraw its troops"."""
        if depth > 4:
            return []
        node = tok.head
        hops = 0
        while hops < 6:
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child is not tok and child.i < tok.i \
                        and child.lower_ not in PERSONAL_PRONOUNS \
                        and child.lemma_.lower() not in self.not_antecedents:
                    found = self.phrase(child, depth + 1)
                    if found:
                        return found
            if node.head is node:
                break
            node, hops = node.head, hops + 1
        return []


def _against_or_for(tok: Token) -> bool:
    """A name written as "anti-X" or "pro-X" (one token or three)."""
    low = tok.lower_
    if low.startswith(("anti-", "pro-")):
        return True
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start - 1].ent_iob_ == "I":  # "pro-Saddam Hussein": the name's first word
        start -= 1
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("anti", "pro")


def with_sector(mentions: list[Mention], head: Token) -> list[Mention]:
    """States named by a modifier or affiliation of a common noun, marked with that
    noun: "Chilean miners" is Chile's people, "Chilean riot police" its
    government (the mark lives in ``resolved_by``; the actor stays the state)."""
    if head.pos_ not in ("NOUN",) or head.lemma_.lower() in ("country", "nation"):
        return mentions
    out = []
    for m in mentions:
        if (m.actor_type or "") in ("state", "territory") and SECTOR_MARK not in m.resolved_by:
            m = dataclasses.replace(m, resolved_by=f"{m.resolved_by}{SECTOR_MARK}{head.lower_}")
        out.append(m)
    return out


def sector_class(m: Mention) -> str | None:
    """None for a state named as such, "government" or "people" for a sector phrase."""
    if SECTOR_MARK not in m.resolved_by:
        return None
    head = m.resolved_by.split(SECTOR_MARK, 1)[1]
    return "government" if head in GOVERNMENT_HEADS else "people:" + head


def same_side(a: Mention, b: Mention) -> bool:
    """Whether two mentions of one actor are the same party to an event: a state and
    its government side are ("Russia" and "Russian forces"); its people are another
    party ("Turkey" and "Turkish Kurdish villagers", "Nigerian police" and "Nigerian
    armed groups")."""
    ka, kb = sector_class(a), sector_class(b)
    if ka == kb:
        return True
    return {ka, kb} <= {None, "government"}


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        key = m.actor_id or m.actor_name or m.text
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


def to_event_actors(mentions: list[Mention]) -> list[EventActor]:
    return [EventActor(actor_id=m.actor_id, name=m.actor_name or m.text, country=m.country,
                       mention_start=m.start, mention_end=m.end) for m in mentions]


def is_political(m: Mention) -> bool:
    """States, governments, organisations, armed or political groups, and people who hold
    a role or were resolved from the knowledge base."""
    if (m.actor_type or "").lower() in POLITICAL_TYPES:
        return True
    if m.is_metonym:
        return True
    if sector_class(m) == "government":  # "the government of Punjab province"
        return True
    if (m.actor_type or "") == "place" or (m.label in ("GPE", "LOC", "FAC") and (m.actor_type or "") != "state"):
        # a place stands for a political actor only when it is a country: "forces in
        # Guinea" are Guinea's, "police in Texas" are local police
        from parley.extract.events.places import geocode

        place = geocode(m.text)
        return place is not None and place.kind == "country"
    if (m.actor_type or "") == "person":
        return bool(m.role or m.country) or m.resolved_by.startswith("kb") or m.resolved_by in ("title", "possessive")
    return m.label in ("NORP", "GPE")


# ---------------------------------------------------------------------- fallback
def fallback_mentions(doc: Doc) -> list[Mention]:
    """Mentions from spaCy's NER alone, for pipelines loaded without the actors layer."""
    from parley.extract.events.places import country_of_name

    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        country = country_of_name(ent.text) if ent.label_ in ("GPE", "NORP") else None
        kind = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "state"}[ent.label_]
        out.append(Mention(
            article_id=doc._.article_id or "", start=ent.start_char, end=ent.end_char, text=ent.text,
            actor_id=f"ner:{ent.text.lower()}", actor_name=ent.text, actor_type=kind, country=country,
            label=ent.label_, resolved_by="kb" if ent.label_ == "PERSON" else "ner", sentence_start=ent.sent.start_char,
            sentence_end=ent.sent.end_char,
        ))
    return out


def sentence_of(tok: Token) -> Span:
    return tok.sent
