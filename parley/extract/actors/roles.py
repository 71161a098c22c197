"""Roles, titles and relations of people, and the country the text gives them.

- Title before the name: "British Prime Minister Keir Starmer" -> role "Prime
  Minister", country GBR (the demonym is the country, not part of the role); "Kremlin
  aide Yuri Ushakov" -> role "Kremlin aide", country RUS. A title may hold one noisy
  token (a typo close to a title word, or an unknown word between title words), so a
  typo inside a title does not lose the person.
- Possessor before the title: "Donald Trump's special envoy Steve Witkoff" -> role
  "special envoy", relation to Trump, acting for Trump's country; "his son-in-law Jared
  Kushner" -> relation to the person "his" refers to.
- Apposition: "Yuri Ushakov, a Kremlin aide," / "an aide to Putin".
- Membership: "Ukrainian representatives, including senior negotiator Rustem Umerov"
  -> UKR for every person listed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from parley.extract.actors.candidates import Candidate
from parley.extract.actors.kb import within_edits
from parley.extract.actors.lexicon import (CONTRAST_HEADS, MEMBERSHIP_PREPS, POSSESSIVE_PRONOUNS, RELATION_HEADS,
                                           TITLE_HEADS, TITLE_MODIFIERS)

MAX_TITLE_TOKENS = 10
MAX_WINDOW = 200  # tokens a syntactic lookup may scan
_COUNTRY_KINDS = {"state", "territory"}
_ORG_TYPES = {"organisation", "group", "government_body"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
# entity types a capitalised word inside a title may carry ("Armed Forces" ORG)
_TITLE_ENT_TYPES = {"", "ORG", "NORP", "GPE", "FAC"}
_NOT_NOISE_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT"}
_EDGE_WORDS = {"of", "the", "and", "&", "-", "for", "in", "a", "an"}


@dataclass
class Title:
    start: int  # first token of the role text
    end: int  # token after the role text (the person's first token)
    country: str | None = None
    org: str | None = None  # actor id of an organisation in the title ("NATO chief")
    possessor: Candidate | None = None  # "Trump's", or the referent of "his"


_LONG_TITLE_WORDS = tuple(sorted(w for w in TITLE_HEADS | TITLE_MODIFIERS if len(w) >= 4))


@lru_cache(maxsize=8192)
def _near_title_word(word: str) -> bool:
    """A typo of a title word ("stFFaff" for "staff"): within two edits, long words only."""
    if len(word) < 5:
        return False
    return any(within_edits(word, w, 2) for w in _LONG_TITLE_WORDS if abs(len(w) - len(word)) <= 2)


def _may_be_noise(tok: Token) -> bool:
    """A token that may be a garbled title word: not a function word or verb, and (when
    the model has word vectors) not a known word."""
    if not tok.is_alpha or tok.pos_ in _NOT_NOISE_POS:
        return False
    return tok.is_oov or not tok.vocab.vectors.shape[0]


def _children(tok: Token) -> list[Token]:
    """A token's children, or none when its subtree is wider than MAX_WINDOW tokens:
    spaCy finds children by scanning the subtree, and a megabyte-long sentence must
    not make every lookup scan it."""
    if tok.right_edge.i - tok.left_edge.i > MAX_WINDOW:
        return []
    return list(tok.children)


def _is_title_word(tok: Token) -> bool:
    low = tok.lower_
    return low in TITLE_HEADS or low in TITLE_MODIFIERS or low.rstrip(".") in TITLE_MODIFIERS


class RoleFinder:
    def __init__(self, doc: Doc, cands: list[Candidate], sent_starts: list[int]):
        self.doc = doc
        self.cands = cands
        self.by_token: dict[int, Candidate] = {}
        for c in cands:
            for i in range(c.start, c.end):
                self.by_token[i] = c
        self.sent_starts = sent_starts
        self.people = [c for c in cands if c.actor_type == "person"]
        self.people_starts = [c.start for c in self.people]

    def sentence_start(self, i: int) -> int:
        return self.sent_starts[max(bisect.bisect_right(self.sent_starts, i) - 1, 0)]

    # -- title before the name ---------------------------------------------------------
    def title_before(self, c: Candidate) -> Title | None:
        doc, bound = self.doc, self.sentence_start(c.start)
        i, first, noisy_used = c.start - 1, c.start, False
        possessor: Candidate | None = None
        while i >= bound and c.start - i <= MAX_TITLE_TOKENS:
            tok = doc[i]
            other = self.by_token.get(i)
            if tok.text in _POSSESSIVE and i - 1 >= bound:
                owner = self.by_token.get(i - 1)
                if owner is not None and owner.actor_id and owner.actor_type != "place":
                    possessor = owner
                break
            if tok.lower_ in POSSESSIVE_PRONOUNS and tok.dep_ == "poss":
                possessor = self.antecedent(tok, c)
                break
            if other is not None and other is not c:
                if other.actor_type == "person" or (other.actor_type is None and not other.absorbed
                                                    and other.kind == "person"):
                    break
                first, i = other.start, other.start - 1
                continue
            if _is_title_word(tok) or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ")
                                       and tok.ent_type_ in _TITLE_ENT_TYPES):
                first, i = i, i - 1
                continue
            if not noisy_used and _may_be_noise(tok) and (_near_title_word(tok.lower_)
                                                          or self._between_titles(i, bound)):
                noisy_used = True
                first, i = i, i - 1
                continue
            break
        return self._make_title(c, first, possessor)

    def _between_titles(self, i: int, bound: int) -> bool:
        """An unknown word with title words on both sides ("chief of XYZ Andrii")."""
        return i - 1 >= bound and _is_title_word(self.doc[i - 1]) and not self.doc[i].is_punct

    def _make_title(self, c: Candidate, first: int, possessor: Candidate | None) -> Title | None:
        doc = self.doc
        start = first
        country = org = None
        # leading countries and demonyms give the country and are not part of the role
        while start < c.start:
            other = self.by_token.get(start)
            if other is not None and other.actor_type in _COUNTRY_KINDS and not other.is_metonym:
                country = country or other.country  # "British" in "British Prime Minister"
                start = other.end
            elif doc[start].lower_ in _EDGE_WORDS or doc[start].is_punct:
                start += 1
            else:
                break
        tokens = doc[start:c.start]
        if not any(t.lower_ in TITLE_HEADS or _near_title_word(t.lower_) and t.lower_ not in TITLE_MODIFIERS
                   for t in tokens):
            return None
        for i in range(start, c.start):
            other = self.by_token.get(i)
            if other is None or other is c:
                continue
            if other.actor_type in _COUNTRY_KINDS or other.is_metonym:
                country = country or other.country
            elif other.actor_type in _ORG_TYPES and other.actor_id:
                org = org or other.actor_id
                country = country or other.country
            elif other.actor_id is None and other.kind in ("org", "norp"):
                other.absorbed = True  # "Armed Forces chief": part of the title
        return Title(start, c.start, country, org, possessor)

    # -- "his", "her" -------------------------------------------------------------------
    def antecedent(self, pron: Token, c: Candidate) -> Candidate | None:
        """The person a possessive pronoun refers to. Coordination first: in "X's envoy
        A and his son-in-law B", "his" is X, the possessor of the parallel conjunct;
        otherwise the subject of the sentence, then the nearest person before it."""
        first = self._first_conjunct_of_np(pron)
        if first is not None:
            for i in range(max(first.left_edge.i, pron.i - MAX_WINDOW), min(first.i + 1, pron.i)):
                tok = self.doc[i]
                if tok.dep_ == "poss":
                    owner = self.by_token.get(tok.i)
                    if owner is not None and owner.actor_type == "person" and owner is not c:
                        return owner
        bound = self.sentence_start(pron.i)
        prev_bound = self.sentence_start(bound - 1) if bound > 0 else bound
        k = bisect.bisect_left(self.people_starts, pron.i) - 1
        before = [p for p in self.people[max(k - 20, 0):k + 1] if p.start < pron.i and p is not c]
        # this sentence, then the one before: its subject first, then the nearest person
        for lo, hi in ((bound, pron.i), (prev_bound, bound)):
            window = [p for p in before if lo <= p.start < hi]
            for p in reversed(window):
                if self.doc[p.end - 1].dep_ in ("nsubj", "nsubjpass"):
                    return p
            if window:
                return window[-1]
        return before[-1] if before else None

    @staticmethod
    def _first_conjunct_of_np(pron: Token) -> Token | None:
        """The first conjunct of the coordination the pronoun's noun phrase is in (also
        when the parser attached the second conjunct as an apposition: "A and his B")."""
        after_and = pron.i > 0 and pron.doc[pron.i - 1].pos_ == "CCONJ"
        tok = pron
        for _ in range(5):
            if tok.dep_ == "conj" or (tok.dep_ == "appos" and after_and):
                return tok.head
            if tok.dep_ not in ("poss", "compound", "appos", "amod", "nmod") or tok.head is tok:
                return None
            tok = tok.head
        return None

    # -- apposition -----------------------------------------------------------------------
    def apposition(self, c: Candidate) -> Title | None:
        """"Yuri Ushakov, a Kremlin aide," -> (role tokens, country)."""
        root = self.doc[c.start:c.end].root
        for child in _children(root):
            if child.dep_ == "appos" and child.lower_ in TITLE_HEADS and child.i >= c.end:
                return self._appos_title(child.left_edge.i, min(child.right_edge.i + 1, child.i + 6), c)
        if root.dep_ == "appos" and root.head.lower_ in TITLE_HEADS and root.head.i < c.start:
            head = root.head
            if self.by_token.get(head.i) is None:
                return self._appos_title(head.left_edge.i, head.i + 1, c)
        return None

    def _appos_title(self, start: int, end: int, c: Candidate) -> Title | None:
        doc = self.doc
        country = org = None
        possessor = None
        for i in range(start, end):
            other = self.by_token.get(i)
            if other is None or other is c:
                continue
            if other.actor_type == "person" and possessor is None:
                possessor = other  # "an aide to Putin": the role ends before "to Putin"
                end = other.start
            elif other.actor_type in _COUNTRY_KINDS or other.is_metonym:
                country = country or other.country
            elif other.actor_type in _ORG_TYPES and other.actor_id:
                org, country = org or other.actor_id, country or other.country
        # leading determiners and countries ("a Ukrainian diplomat") are not the role;
        # a possessor ("Ukraine's top negotiator, X") is the relation
        while start < end:
            other = self.by_token.get(start)
            if other is not None and other.actor_id and other.end < end and doc[other.end].text in _POSSESSIVE:
                possessor = possessor or other
                country = country or other.country
                start = other.end + 1
            elif doc[start].lower_ in POSSESSIVE_PRONOUNS and doc[start].dep_ == "poss":
                possessor = possessor or self.antecedent(doc[start], c)  # "X, his daughter,"
                start += 1
            elif other is not None and other.actor_type in _COUNTRY_KINDS and not other.is_metonym:
                start = other.end
            elif doc[start].lower_ in _EDGE_WORDS or doc[start].is_punct:
                start += 1
            else:
                break
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in _EDGE_WORDS
                               or doc[end - 1].pos_ == "ADP"):
            end -= 1
        if end <= start or not any(t.lower_ in TITLE_HEADS for t in doc[start:end]):
            return None
        return Title(start, end, country, org, possessor)

    # -- membership -------------------------------------------------------------------------
    def membership_country(self, c: Candidate) -> str | None:
        """"Ukrainian officials, including X and Y": the group's country for each member."""
        tok = self.doc[c.start:c.end].root
        via_membership = False
        for _ in range(6):
            if tok.dep_ not in ("appos", "conj", "pobj", "prep", "compound", "dobj") or tok.head is tok:
                break
            if tok.dep_ == "prep" and tok.lower_ in MEMBERSHIP_PREPS:
                via_membership = True
            if tok.dep_ == "appos" and tok.head.tag_ in ("NNS", "NNPS"):
                via_membership = True
            tok = tok.head
            if via_membership:
                for child in _children(tok):
                    other = self.by_token.get(child.i)
                    if child.dep_ in ("amod", "compound", "nmod", "poss") and other is not None \
                            and (other.actor_type in _COUNTRY_KINDS or other.is_metonym):
                        return other.country
        return None


def relation_type(role_text: str) -> str:
    return role_text.strip().lower()


def _head_words(role_text: str) -> list[str]:
    return role_text.lower().replace("-", " - ").split()


def is_contrast(role_text: str) -> bool:
    """"his counterpart", "her rival": the other side, so not the possessor's country."""
    return any(w in CONTRAST_HEADS for w in _head_words(role_text))


def is_kinship(role_text: str) -> bool:
    words = role_text.lower().replace("-", " - ").split()
    joined = role_text.lower()
    return joined in RELATION_HEADS or any(w in RELATION_HEADS for w in words)
