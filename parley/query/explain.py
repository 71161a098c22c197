"""``explain``: why an event was coded, read back from the store and the lexicon data."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from parley.errors import RecordNotFound
from parley.query.sqlparts import loads
from parley.query.vocab import QUAD_OF

DATA = Path(__file__).resolve().parents[1] / "data"


@lru_cache(maxsize=4)
def _lexicon(extra: str) -> tuple[str, list[dict[str, Any]]]:
    """The lexicon entries as written in the data files (shipped, learned, then the user's)."""
    import yaml

    learned = DATA / "learned_triggers.yaml"  # after the hand-written entries, as the lexicon loads them
    paths = [DATA / "plover_lexicon.yaml", *([learned] if learned.is_file() else []),
             *[Path(p) for p in extra.split(":") if p]]
    version, entries = "0", []
    for i, path in enumerate(paths):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if i == 0:
            version = str(data.get("version", "0"))
        for e in data.get("entries") or []:
            entries.append({**e, "origin": path.name})
    return version, entries


def lexicon_entry(key: str) -> tuple[str, dict[str, Any] | None]:
    """(lexicon version, entry) for a rule's ``pos:lemma[/TYPE]`` key; user entries win."""
    version, entries = _lexicon(os.environ.get("PARLEY_PLOVER_LEXICON", ""))
    pos, _, rest = key.partition(":")
    lemma, _, etype = rest.partition("/")
    found = None
    for e in entries:
        if str(e.get("lemma")) == lemma and e.get("pos") == pos and (not etype or e.get("type") == etype):
            found = e
    return version, found


def split_rule(rule: str) -> dict[str, Any]:
    """The rule string is ``<kind>:<pos>:<lemma>[argument rules]`` then ``; key=value``
    parts (status cues, date rule, merges, implicit targets)."""
    head, *parts = [p.strip() for p in rule.split(";")]
    kind, _, rest = head.partition(":")
    key, _, args = rest.partition("[")
    out: dict[str, Any] = {"trigger_kind": kind, "lexicon_key": key, "argument_rules": args.rstrip("]").split(",")
                           if args else [], "status_cues": [], "merged": [], "notes": []}
    for p in parts:
        if p.startswith("status="):
            status, _, cues = p[len("status="):].partition("<-")
            out["status_cues"].extend(f"{status}: {c.strip()}" for c in cues.split(" | ") if c.strip())
        elif p.startswith("date="):
            out["date_rule"] = p[len("date="):]
        elif p.startswith("merged<-"):
            out["merged"].append(p[len("merged<-"):])
        else:
            out["notes"].append(p)
    return out


def explain_event(reader, event_id: str) -> dict[str, Any]:
    e = reader.one("SELECT * FROM events WHERE id = ?", [event_id]) if hasattr(reader, "one") else \
        next(iter(reader.query("SELECT * FROM events WHERE id = ?", [event_id])), None)
    if not e:
        raise RecordNotFound(f"no event with id {event_id!r} (see 'parley events')")
    parts = split_rule(e.get("rule") or "")
    version, entry = lexicon_entry(parts["lexicon_key"])
    found = reader.query("SELECT text, title, source, published, url FROM articles WHERE id = ?", [e["article_id"]])
    art: dict[str, Any] = next(iter(found), {})
    text = art.get("text") or ""
    if entry is not None:
        entry = {k: v for k, v in entry.items() if v not in (None, [], {})}
    return {
        "id": e["id"], "article_id": e["article_id"], "type": e["type"], "quad": getattr(QUAD_OF.get(e["type"]),
                                                                                           "value", None),
        "mode": e.get("mode"), "status": e["status"],
        "evidence": e["evidence"].strip(), "sentence_start": e["sentence_start"], "sentence_end": e["sentence_end"],
        "trigger": e["trigger"], "trigger_start": e["trigger_start"], "trigger_end": e["trigger_end"],
        "trigger_in_text": text[e["trigger_start"]:e["trigger_end"]] if text and e["trigger_start"] is not None
        else None,
        "rule": e["rule"], "trigger_kind": parts["trigger_kind"],
        "lexicon_entry": entry or {"key": parts["lexicon_key"], "note": "not in the loaded lexicon"},
        "lexicon_version": version,
        "argument_rules": parts["argument_rules"],
        "sources": loads(e.get("sources")) or [], "targets": loads(e.get("targets")) or [],
        "location": {"name": e.get("location"), "country": e.get("location_country"),
                     "latitude": e.get("latitude"), "longitude": e.get("longitude")},
        "date": {"value": e.get("date_value"), "earliest": e.get("date_earliest"), "latest": e.get("date_latest"),
                 "rule": e.get("date_rule")},
        "status_cues": parts["status_cues"], "merged_mentions": parts["merged"], "notes": parts["notes"],
        "magnitude": loads(e.get("magnitude")) or [], "contexts": loads(e.get("contexts")) or [],
        "quote_id": e.get("quote_id"), "confidence": e.get("confidence"),
        "article": {k: art.get(k) for k in ("title", "source", "published", "url")},
    }
