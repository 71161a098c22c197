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


def lexicon_entry(pos: str, lemma: str, etype: str = "") -> tuple[str, dict[str, Any] | None]:
    """(lexicon version, entry) for an entry's part of speech, lemma and type; user
    entries win."""
    version, entries = _lexicon(os.environ.get("PARLEY_PLOVER_LEXICON", ""))
    found = None
    for e in entries:
        if str(e.get("lemma")) == lemma and e.get("pos") == pos and (not etype or e.get("type") == etype):
            found = e
    return version, found


NO_BASIS = ("stored before events kept why they were coded (schema 50): run 'parley analyze --all' "
            "to see the basis")


def _basis(e: dict[str, Any]) -> dict[str, Any] | None:
    """The stored basis, each status cue and argument rule with its readable text."""
    raw = loads(e.get("basis"))
    if not isinstance(raw, dict):
        return None
    from parley.records import EventBasis

    basis = EventBasis.from_dict(raw)
    raw["argument_rules"] = [{**a, "text": step.describe()} for a, step in zip(raw.get("argument_rules") or [],
                                                                              basis.argument_rules, strict=True)]
    raw["status_cues"] = [{**c, "text": cue.describe()} for c, cue in zip(raw.get("status_cues") or [],
                                                                           basis.status_cues, strict=True)]
    raw["country_notes"] = [{**n, "text": note.describe()} for n, note in zip(raw.get("country_notes") or [],
                                                                              basis.country_notes, strict=True)]
    return raw


def explain_event(reader, event_id: str) -> dict[str, Any]:
    e = reader.one("SELECT * FROM events WHERE id = ?", [event_id]) if hasattr(reader, "one") else \
        next(iter(reader.query("SELECT * FROM events WHERE id = ?", [event_id])), None)
    if not e:
        raise RecordNotFound(f"no event with id {event_id!r} (see 'parley events')")
    basis = _basis(e)
    entry: dict[str, Any] | None = None
    version = _lexicon(os.environ.get("PARLEY_PLOVER_LEXICON", ""))[0]
    if basis is not None:
        version, entry = lexicon_entry(basis.get("lexicon_pos", ""), basis.get("lexicon_lemma", ""),
                                       basis.get("lexicon_type", ""))
    found = reader.query("SELECT text, title, source, published, url FROM articles WHERE id = ?", [e["article_id"]])
    art: dict[str, Any] = next(iter(found), {})
    text = art.get("text") or ""
    if entry is not None:
        entry = {k: v for k, v in entry.items() if v not in (None, [], {})}
    elif basis is not None:
        entry = {"key": basis.get("lexicon_key"), "origin": basis.get("entry_origin"),
                 "note": "not in the loaded lexicon"}
    else:
        entry = {"note": NO_BASIS}
    return {
        "id": e["id"], "article_id": e["article_id"], "type": e["type"], "quad": getattr(QUAD_OF.get(e["type"]),
                                                                                           "value", None),
        "mode": e.get("mode"), "status": e["status"],
        "evidence": e["evidence"].strip(), "sentence_start": e["sentence_start"], "sentence_end": e["sentence_end"],
        "trigger": e["trigger"], "trigger_start": e["trigger_start"], "trigger_end": e["trigger_end"],
        "trigger_in_text": text[e["trigger_start"]:e["trigger_end"]] if text and e["trigger_start"] is not None
        else None,
        "rule": e["rule"], "basis": basis,
        "trigger_kind": basis.get("trigger_kind") if basis else None,
        "lexicon_entry": entry, "lexicon_version": version,
        "argument_rules": [a["text"] for a in basis["argument_rules"]] if basis else [],
        "sources": loads(e.get("sources")) or [], "targets": loads(e.get("targets")) or [],
        "claimant": loads(e.get("claimant")),
        "location": {"name": e.get("location"), "country": e.get("location_country"),
                     "latitude": e.get("latitude"), "longitude": e.get("longitude")},
        "date": {"value": e.get("date_value"), "earliest": e.get("date_earliest"), "latest": e.get("date_latest"),
                 "rule": e.get("date_rule"), "basis": e.get("date_basis")},
        "status_cues": [f"{c['status']}: {c['text']}" for c in basis["status_cues"]] if basis else [],
        "merged_mentions": [f"'{m['trigger']}'@{m['start']}" for m in basis["merged_triggers"]] if basis else [],
        "magnitude": loads(e.get("magnitude")) or [], "contexts": loads(e.get("contexts")) or [],
        "quote_id": e.get("quote_id"), "confidence": e.get("confidence"),
        "article": {k: art.get(k) for k in ("title", "source", "published", "url")},
    }
