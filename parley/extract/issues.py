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


def find_issues(words: list[str], issues: tuple[Issue, ...]) -> list[IssueHit]:
    """Every issue named in a stemmed word list, the most specific match per issue."""
    hits: list[IssueHit] = []
    for issue in issues:
        best: IssueHit | None = None
        for contra, phrases in ((True, issue.contra), (False, issue.keywords)):
            for phrase in phrases:
                span = _match(words, phrase)
                if span is None:
                    continue
                hit = IssueHit(issue, span[0], span[1], contra, len(phrase))
                if best is None or hit.length > best.length:
                    best = hit
        if best is not None:
            hits.append(best)
    return hits


def issue_key_for_text(text: str, issues: tuple[Issue, ...] | None = None) -> str | None:
    """The taxonomy key a free-text issue (a gold annotation) names: the issue whose
    keyword match is longest; earlier issues win ties."""
    issues = issues or load_issues()[1]
    hits = find_issues(words_of(text), issues)
    if not hits:
        return None
    order = {iss.key: i for i, iss in enumerate(issues)}
    return max(hits, key=lambda h: (h.length, -order[h.issue.key])).issue.key
