"""The negotiation-issue taxonomy (``parley/data/stance_issues.yaml``) and the phrase
matcher shared by stance extraction and stance scoring.

Matching is on crude stems (case-folded, plural endings dropped) so the same function
reads parsed sentences and plain gold text: a keyword's words must occur in order, each
within ``MAX_GAP`` words of the previous one ("cede certain territories" matches
"cede territory").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_ISSUES = Path(__file__).resolve().parents[1] / "data" / "stance_issues.yaml"
MAX_GAP = 2


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    w = word.lower().strip(".,;:!?\"'()\u2019\u201c\u201d")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def words_of(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[\w][\w\-]*", text.lower())]


@dataclass(frozen=True)
class Issue:
    key: str
    label: str
    keywords: tuple[tuple[str, ...], ...]
    contra: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class IssueHit:
    issue: Issue
    start: int  # word index of the first matched word
    end: int  # word index after the last matched word
    contra: bool  # the phrase names the opposite of the issue
    length: int  # words in the keyword (longer = more specific)


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(stem(w) for w in str(p).split()) for p in items or ())


@lru_cache(maxsize=4)
def _load(paths: tuple[str, ...]) -> tuple[str, tuple[Issue, ...]]:
    issues: dict[str, Issue] = {}
    version = "0"
    for i, p in enumerate(paths):
        data = yaml.safe_load(Path(p).read_text(encoding="utf-8")) or {}
        if i == 0:
            version = str(data.get("version", "0"))
        for key, spec in (data.get("issues") or {}).items():
            issues[key] = Issue(key, str(spec.get("label", key)), _phrases(spec.get("keywords")),
                                _phrases(spec.get("contra")))
    return version, tuple(issues.values())


def load_issues(extra: tuple[str, ...] = ()) -> tuple[str, tuple[Issue, ...]]:
    env = tuple(p for p in os.environ.get("PARLEY_STANCE_ISSUES", "").split(":") if p)
    return _load((str(DEFAULT_ISSUES), *extra, *env))


def _match(words: list[str], phrase: tuple[str, ...]) -> tuple[int, int] | None:
    for i, w in enumerate(words):
        if w != phrase[0]:
            continue
        pos, ok = i, True
        for part in phrase[1:]:
            nxt = next((j for j in range(pos + 1, min(len(words), pos + 2 + MAX_GAP)) if words[j] == part), None)
            if nxt is None:
                ok = False
                break
            pos = nxt
        if ok:
            return i, pos + 1
    return None


@lru_cache(maxsize=8)
def _first_word_index(issues: tuple[Issue, ...]) -> dict[str, list[tuple[int, Issue, tuple[str, ...], bool]]]:
    index: dict[str, list[tuple[int, Issue, tuple[str, ...], bool]]] = {}
    for order, issue in enumerate(issues):
        for contra, phrases in ((True, issue.contra), (False, issue.keywords)):
            for phrase in phrases:
                index.setdefault(phrase[0], []).append((order, issue, phrase, contra))
    return index


def find_issues(words: list[str], issues: tuple[Issue, ...]) -> list[IssueHit]:
    """Every issue named in a stemmed word list, the most specific match per issue
    (contra phrases win ties: "no territorial concession" over "territorial concession")."""
    index = _first_word_index(issues)
    best: dict[str, tuple[int, IssueHit]] = {}
    for i, w in enumerate(words):
        for order, issue, phrase, contra in index.get(w, ()):
            span = _match(words[i:], phrase) if len(phrase) > 1 else (0, 1)
            if span is None or span[0] != 0:
                continue
            hit = IssueHit(issue, i, i + span[1], contra, len(phrase))
            prev = best.get(issue.key)
            if prev is None or (hit.length, hit.contra) > (prev[1].length, prev[1].contra):
                best[issue.key] = (order, hit)
    return [h for _, h in sorted(best.values(), key=lambda x: (x[0], x[1].start))]


def issue_key_for_text(text: str, issues: tuple[Issue, ...] | None = None) -> str | None:
    """The taxonomy key a free-text issue (a gold annotation) names: the issue whose
    keyword match is longest; earlier issues win ties."""
    issues = issues or load_issues()[1]
    hits = find_issues(words_of(text), issues)
    if not hits:
        return None
    order = {iss.key: i for i, iss in enumerate(issues)}
    return max(hits, key=lambda h: (h.length, -order[h.issue.key])).issue.key
