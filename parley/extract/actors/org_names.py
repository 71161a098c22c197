"""Organisation names the NER missed or called a facility, found by their head word.

"the Refugees in Towns Project", "Feinstein International Center": a run of capitalised
words (with "of", "in", "for", "and" inside) ending in a word that heads organisation
names is an organisation, whatever the NER made of it. Only tokens no other candidate
covers are read, so an NER or gazetteer name always wins.
"""

from __future__ import annotations

from spacy.tokens import Doc

# Words that head an organisation's name ("... Project", "... Institute").
ORG_HEADS = frozenset("""
project center centre institute institution university college foundation council
committee commission association society agency corporation company bank fund
organization organisation program programme initiative network coalition alliance
union league school academy forum observatory trust
""".split())
_CONNECTORS = frozenset(("of", "in", "for", "and", "on", "&", "the"))
_MAX_WORDS = 10


def _capitalised(tok) -> bool:
    return tok.is_alpha and tok.text[0].isupper() and tok.lower_ not in ("the", "a", "an")


def org_name_runs(doc: Doc, covered: set[int]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of capitalised names headed by an organisation word."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.i in covered or tok.lower_ not in ORG_HEADS or not _capitalised(tok):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and _capitalised(nxt) and nxt.i not in covered:
            continue  # not the last word of the name
        start = tok.i
        j = tok.i - 1
        while j >= 0 and tok.i - j <= _MAX_WORDS and j not in covered and not doc[j + 1].is_sent_start:
            if _capitalised(doc[j]):
                start = j
            elif doc[j].lower_ not in _CONNECTORS or doc[j].lower_ == "the":
                break
            j -= 1
        # a sentence-initial word is capitalised anyway: it starts a name only if a proper noun
        if doc[start].is_sent_start and doc[start].pos_ != "PROPN":
            start += 1
        while start < tok.i and not _capitalised(doc[start]):
            start += 1
        if tok.i + 1 - start >= 2:
            out.append((start, tok.i + 1))
    return out


def merge_split_names(doc: Doc, cands: list) -> list:
    """Join an organisation name the NER split at a connector ("Displaced Families" +
    "in" + "Cities Project"): two NER organisation spans one connector apart, the second
    headed by an organisation word, are one name."""
    cands = sorted(cands, key=lambda c: (c.start, c.end))
    out: list = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and c.kind == "org" and prev.kind == "org" and prev.label == "ORG" \
                and c.start == prev.end + 1 and doc[prev.end].lower_ in _CONNECTORS - {"the", "and", "&"} \
                and doc[c.end - 1].lower_ in ORG_HEADS:
            prev.end = c.end
            continue
        out.append(c)
    return out
