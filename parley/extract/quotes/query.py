"""Store queries behind ``parley quotes``: stored quotes with their speakers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

QUOTE_COLUMNS = ["article_id", "kind", "speaker_name", "speaker_country", "cue", "channel", "time_value", "text"]


def list_quotes(store, actor: str | None = None, since: datetime | None = None, kind: str | None = None,
                limit: int = 1000) -> list[dict[str, Any]]:
    """Quotes in article order. ``actor`` matches the speaker's name, the canonical
    actor's name or aliases (case-insensitive, part of a name is enough) or, given as
    three letters, the speaker's country. ``since`` keeps quotes whose date (the quote's
    own day, else the article's publication) is on or after it."""
    # the name is matched literally: '%' and '_' in it are not wildcards
    literal = actor.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") if actor else ""
    pattern = f"%{literal}%" if actor else None
    code = actor.strip().upper() if actor and len(actor.strip()) == 3 and actor.strip().isalpha() else None
    return store.query(
        """SELECT q.article_id, q.kind, q.speaker_name, q.speaker_country, q.cue, q.channel, q.time_value,
                  q.text, q.source_text, q.speaker_id, q.start_char, q.end_char, q.rule, q.id, q.parent_id,
                  a.published, a.title
           FROM quotes q
           LEFT JOIN articles a ON a.id = q.article_id
           LEFT JOIN actors act ON act.id = q.speaker_id
           WHERE (? IS NULL OR q.speaker_name ILIKE ? ESCAPE '\\' OR act.name ILIKE ? ESCAPE '\\'
                  OR CAST(act.aliases AS VARCHAR) ILIKE ? ESCAPE '\\' OR q.speaker_country = ?)
             AND (? IS NULL OR COALESCE(TRY_CAST(left(q.time_value, 10) AS DATE),
                                        CAST(a.published AS DATE)) >= CAST(? AS DATE))
             AND (? IS NULL OR q.kind = ?)
           ORDER BY a.published DESC NULLS LAST, q.article_id, q.start_char
           LIMIT ?""",
        [pattern, pattern, pattern, pattern, code, since, since, kind, kind, limit],
    )
