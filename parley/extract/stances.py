"""Stances: actor x negotiation issue x position (supports, opposes, demands,
conditions), with the evidence sentence; the spaCy component ``parley_stances_v1`` sets
``doc._.stances``.

How: find issue phrases from the taxonomy (``parley/data/stance_issues.yaml``) in a
sentence; climb the dependency tree from the phrase to the nearest stance predicate
("insisted that ... must reflect its territorial integrity", "rejected key parts of the
US proposal", "a grouping ... to assemble a peacekeeping force"); the predicate's doer is
the actor (its subject, a noun's possessor, or the owner of a plan that "would
require"). A negated predicate flips support and opposition; an issue named by its
opposite ("territorial integrity" for territorial concessions) flips the position too.
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from parley.extract.events.arguments import INSTRUMENT_NOUNS
from parley.extract.events.participants import ActorIndex, to_event_actors
from parley.extract.events.syntax import is_verbal, subject_of
from parley.extract.issues import DEFAULT_ISSUES, Issue, find_issues, load_issues, stem
from parley.nlp import extensions  # noqa: F401  (registers Doc extensions)
from parley.records import Mention, Stance

CLIMB_DEPS = frozenset({"dobj", "pobj", "prep", "xcomp", "ccomp", "conj", "compound", "amod", "appos",
                        "attr", "acomp", "oprd", "pcomp", "nmod", "acl", "advcl", "relcl", "dative", "npadvmod"})
FLIP = {"supports": "opposes", "demands": "opposes", "conditions": "opposes", "opposes": "supports"}
MAX_HOPS = 7


@lru_cache(maxsize=2)
def predicate_table(path: str = str(DEFAULT_ISSUES)) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """lemma -> position, and (lemma, particle) -> position for two-word predicates."""
    data = yaml.safe_load(open(path, encoding="utf-8")) or {}
    single: dict[str, str] = {}
    double: dict[tuple[str, str], str] = {}
    for position, words in (data.get("predicates") or {}).items():
        for w in words:
            parts = str(w).lower().split()
            if len(parts) == 1:
                single.setdefault(parts[0], position)
            else:
                double[(parts[0], parts[1])] = position
    return single, double


def _position_of(tok: Token) -> str | None:
    single, double = predicate_table()
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prep", "prt") and (lemma, child.lower_) in double:
            return double[(lemma, child.lower_)]
    return single.get(lemma)


def _prefixed(sent: Span, start: int) -> bool:
    words = [t.lower_ for t in sent[max(0, start - 2):start]]
    return len(words) == 2 and words[1] == "-" and words[0] in ("post", "pre", "anti", "non")


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


class StanceExtractor:
    def __init__(self, issues: tuple[Issue, ...]):
        from parley.extract.events.lexicon import load_lexicon

        self.issues = issues
        lex = load_lexicon()
        self.non_actor_heads = lex.non_actor_heads  # "the Spanish team" is no actor here either
        self.not_antecedents = frozenset(lex.nouns) | INSTRUMENT_NOUNS
        self.first_words = set().union(*(  # cheap sentence filter: any keyword's first word
            {p[0] for p in iss.keywords + iss.contra} for iss in issues)) if issues else set()

    def __call__(self, doc: Doc) -> list[Stance]:
        index = ActorIndex.build(doc, self.non_actor_heads, self.not_antecedents)
        out: list[Stance] = []
        seen: set[tuple[str, str, str]] = set()
        for sent in doc.sents:
            if sent.text.strip().endswith("?"):
                continue
            stems = [stem(t.text) for t in sent]
            if self.first_words.isdisjoint(stems):
                continue
            for hit in find_issues(stems, self.issues):
                phrase = sent[hit.start:hit.end]
                if _prefixed(sent, hit.start):
                    continue  # "post-ceasefire deployment" names a time, not the issue
                pred, position, actors = None, "", []
                for cand, cand_position in self._predicates(phrase):
                    actors = [m for m in self._actors(index, cand)
                              if not (phrase.start_char <= m.start < phrase.end_char)]
                    if actors:
                        pred, position = cand, cand_position
                        break
                if not actors or pred is None:
                    continue
                if _negated(pred):
                    position = FLIP[position]
                if hit.contra:
                    position = FLIP[position]
                for m in actors[:3]:
                    key = (m.actor_id or m.text, hit.issue.key, position)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(self._stance(doc, sent, m, hit.issue.key, phrase, position, pred))
        for n, s in enumerate(out, 1):
            s.id = f"{doc._.article_id or 'doc'}:st{n}"
        return out

    def _predicates(self, phrase: Span):
        """Stance words at or above the issue phrase, nearest first."""
        node = phrase.root
        for tok in phrase:  # a stance word inside the phrase itself: "refuse to cede"
            if tok is not node and tok.i < node.i and _position_of(tok) and is_verbal(tok):
                yield tok, _position_of(tok)
        for _ in range(MAX_HOPS):
            position = _position_of(node)
            if position and node.dep_ != "compound" and (node is not phrase.root or is_verbal(node)):
                yield node, position
            if node.head is node or node.dep_ not in CLIMB_DEPS:
                return
            node = node.head

    def _actors(self, index: ActorIndex, pred: Token) -> list[Mention]:
        if is_verbal(pred) or pred.pos_ == "ADJ":
            subj, how = subject_of(pred if pred.pos_ != "ADJ" else pred.head)
            if subj is None and pred.dep_ in ("xcomp", "advcl", "acl") and pred.head.pos_ in ("NOUN", "PROPN"):
                subj = pred.head  # "a grouping ... to assemble X": the group's purpose
            if subj is None and pred.dep_ in ("xcomp", "advcl") and pred.head.dep_ == "acl":
                subj = pred.head.head  # "a grouping spearheaded by X to assemble ..."
            if subj is None and pred.dep_ == "advcl":
                outer, _ = subject_of(pred.head)
                subj = outer if outer is not None else (pred.head.head if pred.head.dep_ == "acl" else None)
            if subj is None:
                return []
            found = index.phrase(subj)
            if not found and subj.dep_ == "appos":
                found = index.phrase(subj.head, with_conj=False)
            if found:
                return found
            node = subj.head.head if subj.lower_ in ("that", "which") and subj.head.dep_ == "relcl" else subj
            if node.lemma_.lower() in INSTRUMENT_NOUNS:  # "a proposal that would require ..."
                return index.phrase(node)
            return []
        # a stance noun: "Kyiv's demand", "Ukraine's NATO ambitions", "the US proposal"
        found = []
        for child in pred.lefts:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                found.extend(index._modifier_actors(child))
        return found

    def _stance(self, doc: Doc, sent: Span, m: Mention, issue: str, phrase: Span, position: str,
                pred: Token) -> Stance:
        actor = to_event_actors([m])[0]
        times = [t for t in (doc._.times or []) if sent.start_char <= t.start < sent.end_char and t.value]
        return Stance(
            article_id=doc._.article_id or "", actor_id=actor.actor_id, actor_name=actor.name, issue=issue,
            issue_text=phrase.text, position=position, evidence=sent.text.strip(), start=sent.start_char,
            end=sent.end_char, rule=f"issue-phrase+predicate:{pred.lemma_.lower()}({pred.dep_})",
            time_value=times[0].value if times else None,
        )


@Language.factory("parley_stances_v1", assigns=["doc._.stances"], requires=["token.dep"],
                  default_config={"issue_paths": []})
def make_stances_component(nlp: Language, name: str, issue_paths: list[str]):
    extractor = StanceExtractor(load_issues(tuple(issue_paths))[1])

    def stances_component(doc: Doc) -> Doc:
        doc._.stances = extractor(doc)
        return doc

    return stances_component
