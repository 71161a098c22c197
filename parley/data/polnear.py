"""Read PolNeAR attribution annotations (brat standoff) with their texts: the training
data of the quote cues (``parley.data.build_cues``) and the gold of ``parley eval polnear``.

Layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_<annotator>.ann``. Text-bound
lines ``T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>`` carry Source, Cue,
Content (and Discuss/Discard) spans, possibly discontinuous; event lines
``E<n>\\tAttribution:T<a> Content:T<c> Cue:T<q> Source:T<s> [Content2:T<x>]`` join them
(``Attribution-no-source`` when the source is implicit). Offsets are characters of the
raw text file, so the text is read unmodified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

Segments = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    """One annotated attribution: content (possibly in pieces), cue, optional source."""

    content: Segments
    cue: Segments
    source: Segments = field(default_factory=list)
    content_text: str = ""

    @property
    def content_extent(self) -> tuple[int, int]:
        return min(s for s, _ in self.content), max(e for _, e in self.content)


@dataclass
class AnnotatedText:
    name: str
    text: str
    annotations: dict[str, list[GoldAttribution]]  # annotator id -> attributions
    published: str | None = None  # ISO date from metadata.tsv, when listed


def _segments(offsets: str) -> Segments:
    out: Segments = []
    for part in offsets.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


_SPAN_LINE = re.compile(r"T\d+\t\S+ \d+ \d+(?:;\d+ \d+)*(?:\t|$)")
_EVENT_LINE = re.compile(r"E\d+\t\S")


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """The attributions of one .ann file; events missing a content or cue are skipped
    (a handful of annotator slips) because they cannot be scored."""
    spans: dict[str, tuple[str, Segments]] = {}
    events: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        # a span whose text holds a line break continues on lines of its own: only lines
        # opening with an annotation id are annotations
        if _SPAN_LINE.match(line):
            tid, middle, *_ = line.split("\t")
            label, offsets = middle.split(" ", 1)
            spans[tid] = (label, _segments(offsets))
        elif _EVENT_LINE.match(line):
            roles: dict[str, list[str]] = {}
            for arg in line.split("\t")[1].split():
                role, tid = arg.split(":", 1)
                roles.setdefault(role.rstrip("0123456789"), []).append(tid)
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        content = [seg for tid in roles.get("Content", []) if tid in spans for seg in spans[tid][1]]
        cue = [seg for tid in roles.get("Cue", []) if tid in spans for seg in spans[tid][1]]
        source = [seg for tid in roles.get("Source", []) if tid in spans for seg in spans[tid][1]]
        if not content or not cue:
            continue
        content.sort()
        out.append(GoldAttribution(content=content, cue=sorted(cue), source=sorted(source),
                                   content_text=" ".join(text[s:e] for s, e in content)))
    return out


def _publication_dates(path: Path) -> dict[str, str]:
    """filename -> publication_date from the corpus's metadata.tsv (absent: empty)."""
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return {}
    header = lines[0].split("\t")
    if "filename" not in header or "publication_date" not in header:
        return {}
    name_col, date_col = header.index("filename"), header.index("publication_date")
    out = {}
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) > max(name_col, date_col):
            out[cols[name_col]] = cols[date_col]
    return out


def read_polnear(directory: str | Path, limit: int | None = None) -> list[AnnotatedText]:
    """Every annotated text of a PolNeAR split, in name order (``limit`` keeps the first N)."""
    directory = Path(directory)
    texts = sorted((directory / "text").glob("*.txt"))
    anns: dict[str, list[Path]] = {}
    for ann in sorted((directory / "attributions").glob("*.ann")):
        stem, _, annotator = ann.stem.rpartition("_")
        anns.setdefault(stem, []).append(ann)
    dates = _publication_dates(directory / "metadata.tsv")
    out: list[AnnotatedText] = []
    for path in texts:
        if path.stem not in anns:
            continue
        # newline="" keeps the characters exactly as the annotators' offsets count them
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        annotations = {ann.stem.rpartition("_")[2]: read_ann(ann, text) for ann in anns[path.stem]}
        out.append(AnnotatedText(name=path.stem, text=text, annotations=annotations,
                                 published=dates.get(path.stem)))
        if limit is not None and len(out) >= limit:
            break
    return out
