"""ECB+ cross-document event coreference (see ../shared/bench/ecbplus-dev/README-parley.md).

Every document is analysed as its own article in one store, the linker builds incidents,
each system event is aligned to the gold event mentions (``ACTION_*`` markables in the
validated sentences) that its trigger overlaps, and the system's incidents are scored
against the gold cross-document chains on the aligned mentions, beside the same-lemma
baseline on the same mentions. ``coverage`` is the share of gold mentions aligned.
"""

from __future__ import annotations

import csv
import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.eval.coref import coref_scores
from parley.eval.report import EvalReport
from parley.records import Article, content_hash


@dataclass
class GoldMention:
    doc: str
    m_id: str
    start: int
    end: int
    text: str
    chain: str
    sentence: int
    head: str = ""


@dataclass
class EcbDoc:
    name: str
    topic: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


def validated_sentences(root: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    path = root / "ECBplus_coreference_sentences.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def read_doc(path: Path, sentences: set[int] | None) -> EcbDoc:
    root = ET.parse(path).getroot()
    name = path.stem
    parts: list[str] = []
    spans: dict[str, tuple[int, int, int]] = {}
    pos, last_sent = 0, None
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        if last_sent is not None:
            sep = "\n" if sent != last_sent else " "
            parts.append(sep)
            pos += 1
        text = tok.text or ""
        spans[tok.get("t_id", "")] = (pos, pos + len(text), sent)
        parts.append(text)
        pos += len(text)
        last_sent = sent
    text = "".join(parts)
    markables = root.find("Markables")
    chain_of: dict[str, str] = {}
    for rel in root.iter("CROSS_DOC_COREF"):
        for src in rel.findall("source"):
            chain_of[src.get("m_id", "")] = rel.get("note", "")
    mentions = []
    for m in markables if markables is not None else []:
        if not m.tag.startswith(("ACTION", "NEG_ACTION")):
            continue
        anchors = [spans[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id", "") in spans]
        if not anchors:
            continue
        sent = anchors[0][2]
        if sentences is not None and sent not in sentences:
            continue
        mid = m.get("m_id", "")
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        chain = chain_of.get(mid) or f"singleton:{name}:{mid}"
        head = text[anchors[-1][0]:anchors[-1][1]] if len(anchors) else ""
        mentions.append(GoldMention(name, mid, start, end, text[start:end], chain, sent, head))
    return EcbDoc(name, name.split("_")[0], text, mentions)


def read_corpus(root: str | Path, topics: set[str] | None = None, limit: int | None = None) -> list[EcbDoc]:
    root = Path(root)
    sents = validated_sentences(root) if (root / "ECBplus_coreference_sentences.csv").exists() else None
    docs = []
    for topic_dir in sorted((root / "ECB+").iterdir(), key=lambda p: (len(p.name), p.name)):
        if not topic_dir.is_dir() or (topics and topic_dir.name not in topics):
            continue
        for path in sorted(topic_dir.glob("*.xml")):
            key = path.stem.replace(".xml", "")
            docs.append(read_doc(path, sents.get(key, set()) if sents is not None else None))
    return docs[:limit] if limit else docs


def _article(doc: EcbDoc) -> Article:
    aid = hashlib.sha1(doc.name.encode()).hexdigest()[:16]
    return Article(id=aid, text=doc.text, title=doc.name, source=f"ecb+:{doc.name}", origin=f"ecb+/{doc.name}",
                   origin_kind="text", content_hash=content_hash(doc.name + "\n" + doc.text), language="en",
                   paragraphs=doc.text.split("\n"))


def _lemmas(nlp, docs: list[EcbDoc]) -> dict[tuple[str, str], str]:
    """Lemma of each gold mention's last token, from the model's own lemmatizer."""
    out: dict[tuple[str, str], str] = {}
    keep = [p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if p in nlp.pipe_names]
    with nlp.select_pipes(enable=keep):
        for d, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16), strict=True):
            for m in d.mentions:
                span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
                out[(m.doc, m.m_id)] = (span[-1].lemma_ if span is not None and len(span) else m.head).lower()
    return out


def evaluate_ecbplus(root: str | Path, nlp, *, topics: set[str] | None = None, limit: int | None = None,
                     db: str = ":memory:") -> EvalReport:
    from parley.pipeline import run_analysis
    from parley.resolve import link_store
    from parley.store import Store

    docs = read_corpus(root, topics, limit)
    report = EvalReport(dataset=f"ecbplus:{Path(root).name}")
    with Store(db) as store:
        store.write_batch("ecbplus", [_article(d) for d in docs], [])
        run_analysis(store, nlp)
        link = link_store(store, full=True)
        score_store(store, docs, _lemmas(nlp, docs), report)
    report.layers["incidents"].update({"incidents": link.incidents_total, "events": link.dating.get("events")})
    return report


@dataclass(frozen=True)
class SystemEvent:
    id: str
    doc: str
    start: int
    end: int
    incident: str
    head_lemma: str = ""  # the lemma of the trigger word that typed the event (its basis)


MentionKey = tuple[str, str]  # document name, markable id


def align(events: list[SystemEvent], docs: list[EcbDoc], lemma: dict[MentionKey, str]) -> dict[MentionKey, SystemEvent]:
    """One gold mention per system event and one system event per gold mention: each event
    (in text order) takes the free gold mention its trigger overlaps whose lemma is the
    event's head lemma, else the first free one it overlaps. A trigger phrase that covers
    two gold mentions ("thwarted another attack") is one prediction, not two."""
    mentions = {d.name: d.mentions for d in docs}
    out: dict[tuple[str, str], SystemEvent] = {}
    for e in sorted(events, key=lambda e: (e.doc, e.start, e.end, e.id)):
        free = [m for m in mentions.get(e.doc, [])
                if (m.doc, m.m_id) not in out and m.start < e.end and e.start < m.end]
        if not free:
            continue
        headed = [m for m in free if e.head_lemma and lemma.get((m.doc, m.m_id)) == e.head_lemma.lower()]
        m = (headed or free)[0]
        out[(m.doc, m.m_id)] = e
    return out


def score_store(store, docs: list[EcbDoc], lemma: dict[tuple[str, str], str], report: EvalReport) -> None:
    """Score the store's incidents on the gold mentions of ``docs`` (already linked)."""
    by_article = {_article(d).id: d.name for d in docs}
    rows = store.query("SELECT e.id, e.article_id, e.trigger_start, e.trigger_end, e.basis, ie.incident_id "
                       "FROM events e JOIN incident_events ie ON ie.event_id = e.id")
    events = [SystemEvent(r["id"], by_article[r["article_id"]], r["trigger_start"], r["trigger_end"],
                          r["incident_id"], _head_lemma(r["basis"]))
              for r in rows if r["article_id"] in by_article and r["trigger_start"] is not None]
    system = {k: e.incident for k, e in align(events, docs, lemma).items()}
    gold = {(m.doc, m.m_id): m.chain for d in docs for m in d.mentions}
    key = {k: gold[k] for k in system}
    baseline = {k: lemma[k] for k in system}
    ours, base = coref_scores(key, system), coref_scores(key, baseline)
    n_gold = len(gold)
    report.layers["incidents"] = {
        "muc": ours["muc"], "b3": ours["b3"], "ceafe": ours["ceafe"], "conll_f1": ours["conll_f1"],
        "baseline_conll_f1": base["conll_f1"], "baseline": {k: base[k] for k in ("muc", "b3", "ceafe")},
        "coverage": round(len(system) / n_gold, 4) if n_gold else 0.0,
        "aligned_mentions": len(system), "gold_mentions": n_gold, "documents": len(docs),
    }
    _errors(report, docs, key, system)


def _errors(report: EvalReport, docs: list[EcbDoc], key: dict, system: dict, cap: int = 200) -> None:
    """Wrong merges and missed merges among aligned mentions, for reading."""
    text = {(m.doc, m.m_id): m.text for d in docs for m in d.mentions}
    by_sys: dict[str, list] = {}
    for k, s in system.items():
        by_sys.setdefault(s, []).append(k)
    n = 0
    for members in by_sys.values():
        chains = {key[m] for m in members}
        if len(chains) > 1 and n < cap:
            report.error("incidents", "wrong_merge", gold=sorted(chains), predicted=[f"{m[0]}:{text[m]}"
                                                                                    for m in sorted(members)])
            n += 1
    by_gold: dict[str, list] = {}
    for k, g in key.items():
        by_gold.setdefault(g, []).append(k)
    for chain, members in by_gold.items():
        if len({system[m] for m in members}) > 1 and n < 2 * cap:
            report.error("incidents", "missed_merge", gold=chain, predicted=[f"{m[0]}:{text[m]}"
                                                                             for m in sorted(members)])
            n += 1


def _head_lemma(basis: Any) -> str:
    if isinstance(basis, str):
        basis = json.loads(basis) if basis else None
    return str(basis.get("lexicon_lemma") or "") if isinstance(basis, dict) else ""


def summary(report: EvalReport) -> dict[str, Any]:
    return report.layers.get("incidents", {})
