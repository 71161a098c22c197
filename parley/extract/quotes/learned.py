"""The cue lexicon learned from PolNeAR train (``parley/data/quote_cues.json``, built by
``python -m parley.data.build_cues``): which verbs annotators mark as cues, how often,
and in which frame their content stands.

A verb joins a frame's list when annotators marked it as a cue at least ``MIN_CUES``
times and in at least ``MIN_RATE`` of its occurrences, and that frame holds at least
``MIN_FRAME_SHARE`` of its marked uses and ``MIN_FRAME_RATE`` of all its occurrences.
A frame also joins when the verb is marked in at least ``MIN_OPEN_RATE`` of the
occurrences that offer that frame (``open``: "named X", "decided to", a verb rarely
marked overall but mostly when it has that complement), with ``MIN_CUES`` marks.
A hand-listed verb is dropped from the object frame when it is frequent (``RARE_SEEN``
occurrences or more) and almost never marked (under ``RARE_RATE``), or whose object
annotators almost never mark as content (under ``OBJECT_RATE`` of ``OBJECT_SEEN`` or
more occurrences): "raised taxes".
The thresholds were tuned on PolNeAR dev; the test split is never read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CUES_FILE = Path(__file__).resolve().parents[2] / "data" / "quote_cues.json"
MIN_CUES = 3.0
MIN_RATE = 0.25
MIN_FRAME_SHARE = 0.3
MIN_FRAME_RATE = 0.3
RARE_SEEN = 15
RARE_RATE = 0.03
OBJECT_SEEN = 30
OBJECT_RATE = 0.04
MIN_OPEN_RATE = 0.4


@dataclass(frozen=True)
class LearnedCues:
    clause: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    preps: dict[str, frozenset[str]] = field(default_factory=dict)
    rare: frozenset[str] = frozenset()
    version: str = ""


@lru_cache(maxsize=1)
def learned_cues(path: str | None = None) -> LearnedCues:
    file = Path(path) if path else CUES_FILE
    if not file.is_file():
        return LearnedCues()
    data = json.loads(file.read_text(encoding="utf-8"))
    clause, obj, xcomp, rare = set(), set(), set(), set()
    preps: dict[str, set[str]] = {}
    for lemma, rec in data.get("verbs", {}).items():
        cue, seen = float(rec.get("cue", 0)), max(int(rec.get("seen", 0)), 1)
        rate = cue / seen
        if seen >= RARE_SEEN and rate < RARE_RATE:
            rare.add(lemma)
        if seen >= OBJECT_SEEN and rec.get("frames", {}).get("object", 0) / seen < OBJECT_RATE:
            rare.add(lemma)  # "raised taxes": an object, but rarely what was said
        open_counts = rec.get("open", {})
        for frame, n in rec.get("frames", {}).items():
            # the frame itself must be reliable: "offered a plan" is marked far less
            # often than "offered to help", so the object frame of "offer" stays out
            reliable = cue >= MIN_CUES and rate >= MIN_RATE and n / cue >= MIN_FRAME_SHARE \
                and n >= MIN_CUES and n / seen >= MIN_FRAME_RATE
            offered = open_counts.get(frame, 0)
            if not reliable and not (n >= MIN_CUES and offered >= n and n / offered >= MIN_OPEN_RATE):
                continue
            if frame == "clause":
                clause.add(lemma)
            elif frame == "object":
                obj.add(lemma)
            elif frame == "xcomp":
                xcomp.add(lemma)
            elif frame.startswith("prep:"):
                preps.setdefault(lemma, set()).add(frame[5:])
    return LearnedCues(frozenset(clause), frozenset(obj), frozenset(xcomp),
                       {k: frozenset(v) for k, v in preps.items()}, frozenset(rare),
                       data.get("source", {}).get("sha256", "")[:12])
