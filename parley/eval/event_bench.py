"""Event benchmarks with role arguments (RAMS, WikiEvents) mapped to PLOVER.

Each data set's reader (``rams_reader``, ``wikievents_reader``) turns its documents into
``BenchDoc`` records: a natural text the parser can read (a token-to-character map keeps
alignment) and ``GoldEvent`` records with character spans. The scorer is shared:

- ``events``: precision (only where every event is annotated, ``exhaustive``), recall and
  F1 of typed events: a system event matches a gold one when its trigger overlaps the gold
  trigger (or one of its trigger tokens is the gold trigger's syntactic head or dependent,
  for noun/verb pairs such as "launched an attack") and its type is the mapped PLOVER type;
- ``event_detection``: recall regardless of type; ``event_types``: accuracy on detected;
- ``event_sources`` / ``event_targets``: over detected events, precision and recall of the
  system's actor mention spans against the gold arguments of the mapped roles (symmetric
  roles count on either side).

Every figure is given over ``strong`` mapping rows (the headline) and over ``all`` rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import GoldFormatError
from parley.eval.report import EvalReport, accuracy, prf
from parley.records import Article


# ---------------------------------------------------------------------- mapping
@dataclass(frozen=True)
class MappingRow:
    prefix: str
    plover: str
    source_roles: tuple[str, ...]
    target_roles: tuple[str, ...]
    symmetric: tuple[str, ...]
    strong: bool


def load_mapping(path: Path) -> list[MappingRow]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            def roles(cell: str | None) -> tuple[list[str], list[str]]:
                plain, sym = [], []
                for r in (cell or "").split(","):
                    r = r.strip().lower()
                    if not r:
                        continue
                    if r.startswith("sym:"):
                        sym.append(r[4:])
                    else:
                        plain.append(r)
                return plain, sym

            src, sym1 = roles(row.get("source_roles"))
            tgt, sym2 = roles(row.get("target_roles"))
            rows.append(MappingRow(prefix=row["type_prefix"].strip().lower(), plover=row["plover"].strip(),
                                   source_roles=tuple(src), target_roles=tuple(tgt),
                                   symmetric=tuple(dict.fromkeys(sym1 + sym2)),
                                   strong=row.get("confidence", "").strip() == "strong"))
    return rows


def map_type(event_type: str, rows: list[MappingRow]) -> MappingRow | None:
    t = event_type.lower()
    for row in rows:
        if t.startswith(row.prefix):
            return row
    return None


# ---------------------------------------------------------------------- records
@dataclass
class GoldArg:
    role: str
    start: int
    end: int
    text: str


@dataclass
class GoldEvent:
    type: str  # the data set's own type
    start: int
    end: int
    text: str
    args: list[GoldArg] = field(default_factory=list)
    mapping: MappingRow | None = None

    def side(self, role_names: Iterable[str]) -> list[GoldArg]:
        names = set(role_names)
        return [a for a in self.args if a.role in names]


@dataclass
class BenchDoc:
    id: str
    text: str
    events: list[GoldEvent]


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens -> natural text (no space before closing punctuation, possessives and
    contractions, none after opening brackets) and each token's character span."""
    closing = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m",
               "’s", "’", "”", "''", "..."}
    opening = {"(", "[", "{", "$", "“", "``"}
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    no_space_next = True
    dquote_open = False
    for tok in tokens:
        low = tok.lower()
        space = not no_space_next
        if low in closing or (tok == '"' and dquote_open):
            space = False
        if space:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
        no_space_next = tok in opening or (tok == '"' and not dquote_open)
        if tok == '"':
            dquote_open = not dquote_open
    return "".join(out), spans


# ---------------------------------------------------------------------- readers
def _role(name: str) -> str:
    # RAMS "evt089arg01victim" -> "victim"; WikiEvents "Victim" -> "victim"
    name = name.lower()
    if name.startswith("evt") and "arg" in name:
        name = name[name.index("arg") + 5:]
    return name


def rams_reader(directory: Path) -> tuple[list[BenchDoc], list[MappingRow]]:
    mapping = load_mapping(directory / "plover-mapping.tsv")
    files = sorted(directory.glob("*.jsonlines"))
    if not files:
        raise GoldFormatError(f"no RAMS *.jsonlines file in {directory}")
    docs = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                sents = d["sentences"]
            except (json.JSONDecodeError, KeyError) as exc:
                raise GoldFormatError(f"{path}:{n + 1}: not a RAMS record ({exc})") from exc
            tokens = [t for s in sents for t in s]
            # sentences one per line: the paragraph component makes each a sentence
            parts: list[str] = []
            spans: list[tuple[int, int]] = []
            pos = 0
            for s in sents:
                text, sp = detokenize(s)
                spans.extend((a + pos, b + pos) for a, b in sp)
                parts.append(text)
                pos += len(text) + 1
            text = "\n".join(parts)

            def span(a: int, b: int, spans: list[tuple[int, int]] = spans) -> tuple[int, int]:
                return spans[a][0], spans[b][1]

            events = []
            for trig in d.get("evt_triggers", []):
                a, b, types = trig[0], trig[1], trig[2]
                etype = types[0][0]
                s, e = span(a, b)
                ev = GoldEvent(type=etype, start=s, end=e, text=text[s:e], mapping=map_type(etype, mapping))
                for link in d.get("gold_evt_links", []):
                    if link[0] == [a, b]:
                        (x, y), role = link[1], link[2]
                        s2, e2 = span(x, y)
                        ev.args.append(GoldArg(_role(role), s2, e2, text[s2:e2]))
                events.append(ev)
            assert len(tokens) == len(spans)
            docs.append(BenchDoc(id=str(d.get("doc_key", f"{path.stem}-{n}")), text=text, events=events))
    return docs, mapping


def _wikievents_text(sentences: list) -> tuple[str, list[tuple[int, int]]]:
    """The document from its sentences, each at the character offset its tokens give
    and on its own line (the data set's ``text`` glues some sentences together, "in
    SyriaThe desert"); the token spans index into it."""
    end = max((toks[-1][2] for toks, _ in sentences if toks), default=0)
    buf = [" "] * end
    spans: list[tuple[int, int]] = []
    for toks, sent_text in sentences:
        if not toks:
            continue
        s0 = toks[0][1]
        if s0 > 0:
            buf[s0 - 1] = "\n"
        for tok, a, b in toks:
            piece = sent_text[a - s0: b - s0]
            buf[a:b] = list(piece if piece == tok else tok)
            spans.append((a, b))
    return "".join(buf), spans


def wikievents_reader(directory: Path) -> tuple[list[BenchDoc], list[MappingRow]]:
    """WikiEvents documents from their own sentence texts, one per line."""
    mapping = load_mapping(directory / "plover-mapping.tsv")
    files = sorted(p for p in directory.glob("*.jsonl"))
    if not files:
        raise GoldFormatError(f"no WikiEvents *.jsonl file in {directory}")
    docs = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                sentences = d["sentences"]
            except (json.JSONDecodeError, KeyError) as exc:
                raise GoldFormatError(f"{path}:{n + 1}: not a WikiEvents record ({exc})") from exc
            text, tok_spans = _wikievents_text(sentences)
            if len(tok_spans) != len(d.get("tokens", tok_spans)):
                raise GoldFormatError(f"{path}:{n + 1}: sentence tokens disagree with the token list")
            ents = {m["id"]: m for m in d.get("entity_mentions", [])}
            # entity and trigger offsets are document token indices
            events = []
            for em in d.get("event_mentions", []):
                trig = em["trigger"]
                s, e = tok_spans[trig["start"]][0], tok_spans[trig["end"] - 1][1]
                ev = GoldEvent(type=em["event_type"], start=s, end=e, text=text[s:e],
                               mapping=map_type(em["event_type"], mapping))
                for arg in em.get("arguments", []):
                    ent = ents.get(arg.get("entity_id"))
                    if ent is None:
                        continue
                    s2, e2 = tok_spans[ent["start"]][0], tok_spans[ent["end"] - 1][1]
                    ev.args.append(GoldArg(_role(arg["role"]), s2, e2, text[s2:e2]))
                events.append(ev)
            docs.append(BenchDoc(id=str(d.get("doc_id", f"{path.stem}-{n}")), text=text, events=events))
    return docs, mapping


# ---------------------------------------------------------------------- system side
@dataclass
class SysEvent:
    type: str
    spans: list[tuple[int, int]]  # trigger token spans
    neighbours: list[tuple[int, int]]  # heads and dependents of the trigger tokens
    sources: list[tuple[int, int]]
    targets: list[tuple[int, int]]
    trigger: str
    rule: str
    status: str


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def system_events(doc) -> list[SysEvent]:
    """The coded events of an analysed doc, with their trigger tokens' spans and
    syntactic neighbours (so "launched an attack" aligns with a gold "attack")."""
    out = []
    for ev in doc._.events or []:
        span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
        toks = [t for t in span] if span is not None else []
        words = set(ev.trigger.replace(" ... ", " ").lower().split())
        toks = [t for t in toks if t.lower_ in words] or toks
        spans = [(t.idx, t.idx + len(t)) for t in toks] or [(ev.trigger_start, ev.trigger_end)]
        neigh = []
        for t in toks:
            neigh.append((t.head.idx, t.head.idx + len(t.head)))
            neigh.extend((c.idx, c.idx + len(c)) for c in t.children if c.pos_ in ("NOUN", "VERB", "PROPN"))

        def sides(actors) -> list[tuple[int, int]]:
            return [(a.mention_start, a.mention_end) for a in actors
                    if a.mention_start is not None and a.mention_end is not None]

        out.append(SysEvent(type=ev.type, spans=spans, neighbours=neigh, sources=sides(ev.sources),
                            targets=sides(ev.targets), trigger=ev.trigger, rule=ev.rule, status=ev.status))
    return out


def aligned(g: GoldEvent, s: SysEvent) -> int:
    """2 when the trigger overlaps, 1 when linked by one dependency, else 0. (Other
    reports merged into the event, ``Event.mentions``, are not aligned: the event's
    roles come from all of its reports and would be scored against one.)"""
    gs = (g.start, g.end)
    if any(_overlap(gs, sp) for sp in s.spans):
        return 2
    if any(_overlap(gs, sp) for sp in s.neighbours):
        return 1
    return 0


# ---------------------------------------------------------------------- scoring
class _Tally:
    def __init__(self) -> None:
        self.ev = [0, 0, 0]  # tp fp fn
        self.detected = 0
        self.gold = 0
        self.type_ok = 0
        self.roles = {"source": [0, 0, 0], "target": [0, 0, 0]}

    def layers(self, exhaustive: bool) -> dict[str, dict[str, Any]]:
        tp, fp, fn = self.ev
        events = prf(tp, fp, fn)
        if not exhaustive:  # one event per passage: precision is not measurable
            events = {k: v for k, v in events.items() if k not in ("precision", "f1", "fp")}
        return {
            "events": events,
            "event_detection": {"recall": round(self.detected / self.gold, 4) if self.gold else 0.0,
                                "detected": self.detected, "total": self.gold},
            "event_types": accuracy(self.type_ok, self.detected),
            "event_sources": prf(*self.roles["source"]),
            "event_targets": prf(*self.roles["target"]),
        }


def _score_roles(g: GoldEvent, s: SysEvent, tally: _Tally) -> None:
    m = g.mapping
    assert m is not None
    sym = g.side(m.symmetric)
    gold_sides = {"source": g.side(m.source_roles) + sym, "target": g.side(m.target_roles) + sym}
    for side, gold_args in gold_sides.items():
        ours = s.sources + s.targets if sym and not g.side(m.source_roles + m.target_roles) else \
            (s.sources if side == "source" else s.targets)
        counts = tally.roles[side]
        if not gold_args and not ours:
            continue
        gold_spans = [(a.start, a.end) for a in gold_args]
        counts[0] += sum(1 for sp in ours if any(_overlap(sp, gsp) for gsp in gold_spans))
        counts[1] += sum(1 for sp in ours if not any(_overlap(sp, gsp) for gsp in gold_spans))
        counts[2] += sum(1 for gsp in gold_spans if not any(_overlap(sp, gsp) for sp in ours))


def score_doc(doc: BenchDoc, sys_events: list[SysEvent], tallies: dict[str, _Tally], exhaustive: bool,
              report: EvalReport, text: str) -> None:
    for name, tally in tallies.items():
        strong_only = name == "strong"
        scored = [g for g in doc.events if g.mapping is not None and (g.mapping.strong or not strong_only)]
        used: set[int] = set()
        for g in scored:
            tally.gold += 1
            cands = [(aligned(g, s), s.type == g.mapping.plover, i) for i, s in enumerate(sys_events)]  # type: ignore[union-attr]
            cands = [c for c in cands if c[0]]
            if not cands:
                tally.ev[2] += 1
                if strong_only:
                    report.error("events", "fn", gold={"doc": doc.id, "type": g.type, "plover": g.mapping.plover,  # type: ignore[union-attr]
                                                       "trigger": g.text}, sentence=_line(text, g.start))
                continue
            tally.detected += 1
            typed = [c for c in cands if c[1] and c[2] not in used]
            best = max(typed or cands, key=lambda c: (c[1], c[0]))
            s = sys_events[best[2]]
            if best[1]:
                tally.type_ok += 1
            if typed:
                tally.ev[0] += 1
                used.add(best[2])
            else:
                tally.ev[2] += 1
                if strong_only:
                    report.error("event_types", "wrong", gold={"doc": doc.id, "type": g.type,
                                                               "plover": g.mapping.plover, "trigger": g.text},  # type: ignore[union-attr]
                                 predicted={"type": s.type, "trigger": s.trigger, "rule": s.rule},
                                 sentence=_line(text, g.start))
            _score_roles(g, s, tally)
        if not exhaustive:
            continue
        # precision: a system event aligned with no gold trigger at all is a false
        # positive; one aligned with a gold event outside this mapping is not scored
        for i, s in enumerate(sys_events):
            if i in used:
                continue
            hits = [g for g in doc.events if aligned(g, s) == 2] or [g for g in doc.events if aligned(g, s)]
            if not hits:
                tally.ev[1] += 1
                if strong_only:
                    report.error("events", "fp", predicted={"doc": doc.id, "type": s.type, "trigger": s.trigger,
                                                            "rule": s.rule}, sentence=_line(text, s.spans[0][0]))
            elif any(g in scored for g in hits):
                tally.ev[1] += 1  # a wrong type, or a second event on one gold trigger


def _line(text: str, pos: int) -> str:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return text[lo: hi if hi >= 0 else len(text)][:300]


def evaluate_event_bench(name: str, docs: list[BenchDoc], nlp, exhaustive: bool,
                         limit: int | None = None) -> EvalReport:
    if limit is not None:
        docs = docs[:limit]
    report = EvalReport(dataset=name)
    tallies = {"strong": _Tally(), "all": _Tally()}
    arts = [Article(id=f"{name}-{i}", text=d.text) for i, d in enumerate(docs)]
    failed = 0
    for bench_doc, spacy_doc in zip(docs, _pipe(nlp, arts), strict=True):
        if spacy_doc is None:
            failed += 1
            report.error("pipeline", "failed", gold={"doc": bench_doc.id})
            sys_evs: list[SysEvent] = []
        else:
            sys_evs = system_events(spacy_doc)
        score_doc(bench_doc, sys_evs, tallies, exhaustive, report, bench_doc.text)
    strong = tallies["strong"].layers(exhaustive)
    every = tallies["all"].layers(exhaustive)
    for layer, scores in strong.items():
        scores["all_rows"] = every[layer]
        report.layers[layer] = scores
    report.extra["documents"] = len(docs)
    report.extra["failed"] = failed
    return report


def _pipe(nlp, articles: list[Article], batch_size: int = 32) -> Iterator:
    """Analyse articles in batches; an article that breaks the pipeline yields None
    (counted and named in the report), the others go on."""
    from parley.analyze import make_doc

    for lo in range(0, len(articles), batch_size):
        batch = articles[lo: lo + batch_size]
        try:
            yield from list(nlp.pipe((make_doc(nlp, a) for a in batch), batch_size=batch_size))
        except Exception:  # noqa: BLE001 - find the article that broke the batch
            for art in batch:
                try:
                    yield nlp(make_doc(nlp, art))
                except Exception:  # noqa: BLE001 - a failing document is a miss, not a crash
                    yield None


def evaluate_rams(directory: Path, nlp, limit: int | None = None) -> EvalReport:
    docs, _ = rams_reader(Path(directory))
    return evaluate_event_bench(Path(directory).name, docs, nlp, exhaustive=False, limit=limit)


def evaluate_wikievents(directory: Path, nlp, limit: int | None = None) -> EvalReport:
    docs, _ = wikievents_reader(Path(directory))
    return evaluate_event_bench(Path(directory).name, docs, nlp, exhaustive=True, limit=limit)
