"""Publication dates: parse what metadata says, find a dateline in the lead, or say unknown.

The rule that found the date is recorded (``Article.published_rule``) because later
layers resolve "on Tuesday" or "last week" against it; a wrong anchor silently shifts
every relative date in the article, so this module never guesses beyond what is written.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "December 6, 2025", "Dec. 6 2025"
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
# "6 December 2025", "6th of December, 2025"
_DMY = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
# "2025-12-06" (not part of a longer number or version string)
_ISO = re.compile(r"(?<![\d.-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")

# A dateline opens the body: the date, alone or after the place it was filed from
# ("GENEVA, 12 January 2026 —", "KYIV, Ukraine, Dec. 6, 2025 (Reuters) -"), or a
# "Published ..." line. A date inside a sentence ("On February 24, 2022, Russia ...") is
# what the article is about, not when it appeared, however early it comes.
DATELINE_PARAGRAPHS = 2  # the dateline may follow a byline or kicker line
_PLACE_WORD = r"[A-Z][\w.'\u2019-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}}"
_AGENCY = r"\([^()\n]{1,40}\)"
_PREFIX = re.compile(
    rf"\s*(?:{_PLACE}(?:\s*,\s*{_PLACE}){{0,2}}\s*(?:{_AGENCY}\s*)?(?:,|[\u2014\u2013-]+)\s*)?"
    r"(?:(?i:published|updated|posted|dated|filed)(?:\s+(?i:on))?\s*:?\s*)?(?:[A-Z][a-z]+day,?\s+)?"
)
_SUFFIX = re.compile(
    r",?\s*(?:(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?\s*)?"
    rf"(?:{_AGENCY}\s*)?(?:[\u2014\u2013:|/-]|\s*$)",
    re.IGNORECASE,
)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(token: str) -> int:
    return int(token) if token.isdigit() else MONTHS[token.lower().rstrip(".")]


def _full_dates(text: str):
    """(start, end, date, matched text) of every complete calendar date, in text order."""
    found = []
    for pattern in (_MDY, _DMY, _ISO):
        for m in pattern.finditer(text):
            d = _valid(int(m["year"]), _month_number(m["month"]), int(m["day"]))
            if d is not None:
                found.append((m.start(), m.end(), d, m.group(0)))
    return sorted(found, key=lambda f: f[0])


def find_dateline(paragraphs: list[str]) -> tuple[datetime, str] | None:
    """The date of the body's dateline: a complete calendar date (day, month and year
    written out) that opens one of the first paragraphs, alone or after the place and
    agency it was filed from, and is followed by a dash, a colon or the paragraph's end.

    Returns the date (naive midnight: the text gives no time or zone) and the matched
    text. Dates without a year ("Dec 6") are ignored: the year would be invented."""
    for para in paragraphs[:DATELINE_PARAGRAPHS]:
        for start, end, d, matched in _full_dates(para[:300]):
            if _PREFIX.fullmatch(para[:start]) and _SUFFIX.match(para, end):
                return datetime(d.year, d.month, d.day), matched
    return None


def first_lead_date(paragraphs: list[str]) -> str | None:
    """The first complete date written in the first paragraphs (for the warning that it
    was not taken as the publication date)."""
    for para in paragraphs[:DATELINE_PARAGRAPHS]:
        dates = _full_dates(para)
        if dates:
            return dates[0][3]
    return None


def parse_date(value: object) -> datetime | None:
    """Parse a metadata date: ISO 8601 (date or datetime, with or without zone), RFC 2822
    (feeds, HTTP, WARC), or a written date such as "December 6, 2025". None if unsure."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    # htmldate's "%z" output gives "+0100"; fromisoformat in 3.12 accepts it only with ':'
    m = re.fullmatch(r"(.+[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)([+-]\d\d)(\d\d)", text)
    if m:
        try:
            return datetime.fromisoformat(f"{m[1]}{m[2]}:{m[3]}")
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in (_MDY, _DMY):
        m = pattern.fullmatch(text.rstrip("."))
        if m:
            d = _valid(int(m["year"]), _month_number(m["month"]), int(m["day"]))
            if d:
                return datetime(d.year, d.month, d.day)
    return None


def from_struct_time(value) -> datetime | None:
    """feedparser's ``*_parsed`` fields are UTC ``time.struct_time``."""
    if not value:
        return None
    try:
        year, month, day, hour, minute, second = value[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def resolve_published(
    metadata_date: datetime | None,
    metadata_rule: str,
    paragraphs: list[str],
    cli_date: datetime | None,
    fallback: tuple[datetime, str] | None = None,
) -> tuple[datetime | None, str, list[str]]:
    """Pick the publication date by rule: metadata, else a dateline in the lead, else the
    user's ``--published``, else a source-specific fallback (a WARC crawl date), else
    unknown with a warning. Returns (date, rule, warnings)."""
    if metadata_date is not None:
        return metadata_date, metadata_rule, []
    found = find_dateline(paragraphs)
    if found is not None:
        return found[0], "dateline", []
    if cli_date is not None:
        return cli_date, "cli", []
    if fallback is not None:
        when, rule = fallback
        return when, rule, [f"publication date unknown; using the {rule} date as an upper bound"]
    return None, "unknown", [_unknown_warning(paragraphs)]


def _unknown_warning(paragraphs: list[str]) -> str:
    lead_date = first_lead_date(paragraphs)
    if lead_date is not None:
        return (f"publication date unknown: the lead's date {lead_date!r} is not a dateline (not at the start "
                "of the body), so relative dates are left unresolved; no metadata, no --published")
    return "publication date unknown: no metadata, no dateline, no --published"
