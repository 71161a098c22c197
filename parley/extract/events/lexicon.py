"""The PLOVER trigger lexicon: versioned YAML data (``parley/data/plover_lexicon.yaml``)
loaded into lookup tables, extensible with user files of the same shape."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEFAULT_LEXICON = DATA_DIR / "plover_lexicon.yaml"
# triggers learned from annotated data (parley/data/learn_triggers.py), after the hand-written ones
LEARNED_LEXICON = DATA_DIR / "learned_triggers.yaml"
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
ACTOR_OBJECT = "@actors"  # object class: the object must be an actor mention


def _key(k: Any) -> str:
    # YAML 1.1 reads a bare `on`/`off` key as a boolean: put the preposition back.
    if k is True:
        return "on"
    if k is False:
        return "off"
    return str(k)


@dataclass(frozen=True)
class LexEntry:
    """One trigger: a head lemma (plus required particles/objects) mapped to a PLOVER type."""

    lemma: str  # as written in the data, e.g. "call for"
    head: str  # the word that the parse token must have as lemma
    extra: tuple[str, ...]  # other words that must hang from the head
    pos: str  # verb | noun
    type: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)
    objects: frozenset[str] | None = None
    object_is_actor: bool = False
    requires_target: bool = False
    ambiguous: bool = False
    reversed: str | None = None
    standalone: bool = True
    by_light: dict[str, str] = field(default_factory=dict)  # light verb -> type ("lodge a protest")
    not_with: frozenset[str] = frozenset()  # modifiers that make it no event ("heart attack")
    not_with_infinitive: bool = False  # "fighting to keep the boy": a struggle, not combat
    origin: str = ""  # the file the entry came from

    @property
    def key(self) -> str:
        return f"{self.pos}:{self.lemma}/{self.type}"

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lemma": self.lemma, "pos": self.pos, "type": self.type}
        for name in ("mode", "reversed"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.contexts:
            out["contexts"] = list(self.contexts)
        if self.objects is not None or self.object_is_actor:
            out["object"] = sorted(self.objects or []) + ([ACTOR_OBJECT] if self.object_is_actor else [])
        if self.requires_target:
            out["requires_target"] = True
        if self.ambiguous:
            out["ambiguous"] = True
        out["origin"] = self.origin
        return out


@dataclass
class Lexicon:
    version: str
    verbs: dict[str, list[LexEntry]]
    nouns: dict[str, list[LexEntry]]
    light_verbs: frozenset[str]
    reversal_verbs: dict[str, tuple[str, ...]]  # head -> required particle(s)
    reversal_defaults: dict[str, str]
    classes: dict[str, frozenset[str]]
    weapon_modes: dict[str, str]
    context_keywords: dict[str, frozenset[str]]
    cues: dict[str, frozenset[str]]
    non_actor_heads: frozenset[str]
    symmetric_types: frozenset[str]
    cooperative_types: frozenset[str]
    conflictual_types: frozenset[str]
    report_verbs: frozenset[str] = frozenset()
    deontic_modals: frozenset[str] = frozenset()
    deontic_entry: LexEntry | None = None  # "X said Y must ...": a REQUEST frame
    sources: tuple[str, ...] = ()

    def entries_for(self, lemma: str, pos: str) -> list[LexEntry]:
        table = self.verbs if pos == "verb" else self.nouns
        return table.get(lemma.lower(), [])

    def find(self, key: str) -> LexEntry | None:
        """Look an entry up by its ``pos:lemma`` key (what ``parley explain`` shows)."""
        if self.deontic_entry is not None and key == self.deontic_entry.key:
            return self.deontic_entry
        pos, _, rest = key.partition(":")
        lemma, _, etype = rest.partition("/")
        head_tables = self.verbs if pos == "verb" else self.nouns
        for entries in head_tables.values():
            for e in entries:
                if e.lemma == lemma and (not etype or e.type == etype):
                    return e
        return None


def _split_lemma(lemma: str, pos: str) -> tuple[str, tuple[str, ...]]:
    words = lemma.lower().split()
    if len(words) == 1:
        return words[0], ()
    if pos == "noun":
        if "of" in words:  # "state of emergency": the head comes first
            return words[0], tuple(w for w in words[1:] if w != "of")
        return words[-1], tuple(words[:-1])  # "hunger strike": the head comes last
    return words[0], tuple(words[1:])  # "call for", "open fire"


def _entry(raw: dict[str, Any], defaults: dict[str, dict[str, str]], classes: dict[str, frozenset[str]],
           origin: str) -> LexEntry:
    pos = raw.get("pos", "verb")
    etype = str(raw["type"]).upper()
    if etype not in PLOVER_TYPES:
        raise ValueError(f"{origin}: entry {raw.get('lemma')!r} has unknown PLOVER type {etype!r}")
    head, extra = _split_lemma(str(raw["lemma"]), pos)
    roles = dict(defaults["verb_roles" if pos == "verb" else "noun_roles"])
    roles.update({_key(k): str(v) for k, v in (raw.get("roles") or {}).items()})
    objects: set[str] | None = None
    object_is_actor = False
    if raw.get("object"):
        objects = set()
        for item in raw["object"]:
            item = str(item)
            if item == ACTOR_OBJECT:
                object_is_actor = True
            elif item.startswith("@"):
                objects |= classes.get(item[1:], frozenset())
            else:
                objects.add(item.lower())
    return LexEntry(
        lemma=str(raw["lemma"]), head=head, extra=extra, pos=pos, type=etype,
        mode=raw.get("mode"), contexts=tuple(raw.get("contexts") or ()), roles=roles,
        objects=frozenset(objects) if objects is not None else None, object_is_actor=object_is_actor,
        requires_target=bool(raw.get("requires_target", False)), ambiguous=bool(raw.get("ambiguous", False)),
        reversed=raw.get("reversed"), standalone=bool(raw.get("standalone", True)),
        by_light={str(k).lower(): str(v).upper() for k, v in (raw.get("by_light") or {}).items()},
        not_with=frozenset(str(w).lower() for w in raw.get("not_with") or ()),
        not_with_infinitive=bool(raw.get("not_with_infinitive", False)), origin=origin,
    )


def _specificity(e: LexEntry) -> tuple[int, int, int]:
    # most specific first: more required words, then an object constraint, then later files
    return (-len(e.extra), 0 if (e.objects is not None or e.object_is_actor) else 1, 0)


def load_lexicon(extra_paths: tuple[str, ...] = ()) -> Lexicon:
    """The shipped lexicon plus user files (later files override equal keys)."""
    env = os.environ.get("PARLEY_PLOVER_LEXICON", "")
    learned = [LEARNED_LEXICON] if LEARNED_LEXICON.is_file() else []
    paths = [DEFAULT_LEXICON, *learned, *[Path(p) for p in extra_paths], *[Path(p) for p in env.split(":") if p]]
    return _load(tuple(str(p) for p in paths))


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> Lexicon:
    docs = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            docs.append((p, yaml.safe_load(fh) or {}))
    base = docs[0][1]
    defaults = {k: {_key(a): str(b) for a, b in v.items()} for k, v in base["defaults"].items()}
    classes: dict[str, frozenset[str]] = {}
    for _, d in docs:
        for name, words in (d.get("classes") or {}).items():
            classes[name] = classes.get(name, frozenset()) | frozenset(str(w).lower() for w in words)
    by_key: dict[tuple[str, str, frozenset[str] | None], LexEntry] = {}
    for origin, d in docs:
        for raw in d.get("entries") or []:
            e = _entry(raw, defaults, classes, Path(origin).name)
            by_key[(e.pos, e.lemma.lower(), e.objects)] = e  # a later file replaces an equal key
    verbs: dict[str, list[LexEntry]] = {}
    nouns: dict[str, list[LexEntry]] = {}
    for e in by_key.values():
        (verbs if e.pos == "verb" else nouns).setdefault(e.head, []).append(e)
    for table in (verbs, nouns):
        for lst in table.values():
            lst.sort(key=_specificity)

    def merged_list(name: str) -> frozenset[str]:
        out: set[str] = set()
        for _, d in docs:
            out |= {str(w).lower() for w in d.get(name) or []}
        return frozenset(out)

    reversal: dict[str, tuple[str, ...]] = {}
    for w in merged_list("reversal_verbs"):
        head, *rest = w.split()
        reversal[head] = tuple(rest)
    cues: dict[str, frozenset[str]] = {}
    non_actor: set[str] = set()
    contexts: dict[str, frozenset[str]] = {}
    weapon_modes: dict[str, str] = {}
    for _, d in docs:
        npol = d.get("non_political") or {}
        for dom, words in (npol.get("cues") or {}).items():
            cues[dom] = cues.get(dom, frozenset()) | frozenset(str(w).lower() for w in words)
        non_actor |= {str(w).lower() for w in npol.get("non_actor_heads") or []}
        for ctx, words in (d.get("context_keywords") or {}).items():
            contexts[ctx] = contexts.get(ctx, frozenset()) | frozenset(str(w).lower() for w in words)
        weapon_modes.update({str(k).lower(): str(v) for k, v in (d.get("weapon_modes") or {}).items()})
    return Lexicon(
        version=str(base.get("version", "0")), verbs=verbs, nouns=nouns,
        light_verbs=merged_list("light_verbs"), reversal_verbs=reversal,
        reversal_defaults={k: str(v) for k, v in (base.get("reversal_defaults") or {}).items()},
        classes=classes, weapon_modes=weapon_modes, context_keywords=contexts, cues=cues,
        non_actor_heads=frozenset(non_actor), symmetric_types=merged_list("symmetric_types") and frozenset(
            t.upper() for t in merged_list("symmetric_types")),
        cooperative_types=frozenset(t.upper() for t in merged_list("cooperative_types")),
        conflictual_types=frozenset(t.upper() for t in merged_list("conflictual_types")),
        report_verbs=merged_list("report_verbs"), deontic_modals=merged_list("deontic_modals"),
        deontic_entry=LexEntry(lemma="report+must", head="", extra=(), pos="frame", type="REQUEST",
                               roles={"nsubj": "source", "ccomp.nsubj": "target"},
                               origin=Path(paths[0]).name),
        sources=paths,
    )
