"""Fixed vocabularies of the read layer: PLOVER types, quad classes, statuses.

Kept here (data, no spaCy) so listing a store never loads the NLP stack.
"""

from __future__ import annotations

from enum import Enum


class PloverType(str, Enum):
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Quad(str, Enum):
    verbal_cooperation = "verbal_cooperation"
    material_cooperation = "material_cooperation"
    verbal_conflict = "verbal_conflict"
    material_conflict = "material_conflict"


class Status(str, Enum):
    occurred = "occurred"
    ongoing = "ongoing"
    planned = "planned"
    hypothetical = "hypothetical"
    negated = "negated"
    claimed = "claimed"
    cancelled = "cancelled"


class QuoteKind(str, Enum):
    direct = "direct"
    partial = "partial"
    indirect = "indirect"


class Role(str, Enum):
    source = "source"
    target = "target"


# PLOVER 2.0 quad classes (the ontology's four-way grouping of the sixteen types).
QUAD_OF: dict[str, Quad] = {
    **{t: Quad.verbal_cooperation for t in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")},
    **{t: Quad.material_cooperation for t in ("COOPERATE", "AID", "RETREAT")},
    **{t: Quad.verbal_conflict for t in ("REQUEST", "ACCUSE", "REJECT", "THREATEN")},
    **{t: Quad.material_conflict for t in ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")},
}

QUAD_LABELS = {
    Quad.verbal_cooperation: "verbal cooperation",
    Quad.material_cooperation: "material cooperation",
    Quad.verbal_conflict: "verbal conflict",
    Quad.material_conflict: "material conflict",
}


def quad_case(column: str) -> str:
    """SQL expression mapping a PLOVER type column to its quad class."""
    arms = " ".join(f"WHEN '{t}' THEN '{q.value}'" for t, q in QUAD_OF.items())
    return f"(CASE {column} {arms} ELSE NULL END)"
