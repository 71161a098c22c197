"""Triggers beyond the lexicon, found by similarity to its entries in the model's word
vectors ("bombarded" is near "shell" and "bomb", "convened" near "meet").

A verb whose lemma no entry lists is compared (cosine) with the head lemmas of the
lexicon's unconstrained entries; when the nearest is at least ``THRESHOLD`` similar, and
clearly nearer than the nearest entry of another type, the word codes that entry's type.
Only verbs are coded this way (nouns near an event word are often things: "division"),
only for acts of force, coercion and threat (``SIMILAR_TYPES``: elsewhere neighbours
share a topic, not an act), and the event is kept only with political participants.
Such entries are ``ambiguous``; their ``origin`` records the neighbour and the score.
The threshold and types were chosen on development data (the gold articles, RAMS and
WikiEvents dev), never on a held-out split.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from spacy.tokens import Token
from spacy.vocab import Vocab

from parley.extract.events.lexicon import LexEntry, Lexicon

THRESHOLD = 0.75
# the types whose words sit close together in the vectors (acts of force and coercion);
# elsewhere neighbours share a topic, not an act ("reflect" near "provide")
SIMILAR_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN"})
MARGIN = 0.03  # the best type must beat the best other type by this much
# words too general to code an event by resemblance alone
STOP = frozenset({
    "be", "have", "do", "make", "take", "give", "get", "go", "come", "say", "tell", "see", "know",
    "think", "want", "need", "use", "find", "put", "keep", "let", "seem", "become", "leave", "show",
    "try", "call", "ask", "work", "feel", "run", "move", "live", "believe", "bring", "happen", "write",
    "provide", "sit", "stand", "lose", "pay", "meet", "include", "continue", "set", "learn", "change",
    "lead", "understand", "watch", "follow", "stop", "create", "speak", "read", "allow", "add", "spend",
    "grow", "open", "walk", "win", "offer", "remember", "love", "consider", "appear", "buy", "wait",
    "serve", "die", "send", "expect", "build", "stay", "fall", "cut", "reach", "kill", "remain",
    "suggest", "raise", "pass", "sell", "require", "report", "decide", "pull", "thing", "way", "time",
    "year", "people", "man", "woman", "day", "part", "place", "case", "point", "group", "problem",
    "fact", "issue", "side", "area", "kind", "head", "house", "service", "friend", "power", "hour",
    "game", "line", "end", "member", "law", "car", "city", "community", "name", "team", "minute",
    "idea", "kid", "body", "information", "back", "parent", "face", "level", "office", "door",
    "health", "person", "art", "history", "party", "result", "morning", "reason", "research",
    "girl", "guy", "moment", "air", "teacher", "force", "education", "country", "state", "government",
    "official", "leader", "president", "minister", "police", "army", "military", "troop", "soldier",
})
POS = {"VERB": "verb"}  # nouns near an event word are often things ("division")


class SimilarTriggers:
    """Nearest lexicon entry by word vector, cached per lemma."""

    def __init__(self, lex: Lexicon, threshold: float = THRESHOLD):
        self.lex = lex
        self.threshold = threshold
        self._tables: dict[str, tuple[list[LexEntry], np.ndarray]] = {}
        self._vocab: Vocab | None = None
        self._cache: dict[tuple[str, str], LexEntry | None] = {}

    def _table(self, vocab: Vocab, pos: str) -> tuple[list[LexEntry], np.ndarray]:
        if self._vocab is not vocab:
            self._vocab, self._tables, self._cache = vocab, {}, {}
        if pos not in self._tables:
            entries: list[LexEntry] = []
            rows = []
            for table in (self.lex.verbs, self.lex.nouns):
                for head, lst in table.items():
                    e = lst[-1]  # the least constrained entry of this head
                    if e.extra or e.objects is not None or e.object_is_actor or e.requires_target \
                            or not e.standalone or " " in head:
                        continue
                    vec = np.asarray(vocab[head].vector) if vocab.has_vector(head) else None
                    if vec is None or not np.any(vec):
                        continue
                    entries.append(e)
                    rows.append(vec / (np.linalg.norm(vec) or 1.0))
            self._tables[pos] = (entries, np.array(rows, dtype="float32") if rows else np.zeros((0, 1), "float32"))
        return self._tables[pos]

    def entry(self, tok: Token) -> LexEntry | None:
        pos = POS.get(tok.pos_)
        lemma = tok.lemma_.lower()
        if pos is None or lemma in STOP or not lemma.isalpha() or len(lemma) < 4:
            return None
        key = (lemma, pos)
        if key in self._cache and self._vocab is tok.vocab:
            return self._cache[key]
        entries, matrix = self._table(tok.vocab, pos)
        found: LexEntry | None = None
        if tok.vocab.has_vector(lemma) and len(entries):
            vec = np.asarray(tok.vocab[lemma].vector)
            norm = np.linalg.norm(vec)
            if norm:
                sims = matrix @ (vec / norm)
                order = np.argsort(-sims)
                best = entries[int(order[0])]
                score = float(sims[order[0]])
                other = next((float(sims[i]) for i in order[1:] if entries[int(i)].type != best.type), 0.0)
                if score >= self.threshold and score - other >= MARGIN and best.type in SIMILAR_TYPES:
                    found = replace(best, lemma=lemma, head=lemma, pos=pos, ambiguous=True,
                                    origin=f"similar:{best.pos}:{best.lemma}={score:.2f}")
        self._cache[key] = found
        return found
