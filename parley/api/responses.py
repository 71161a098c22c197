"""Response shapes: datasette's ``{ok, rows, next, next_url}``, one error shape with
stable codes, and CSV forms of every list."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from fastapi.responses import JSONResponse, Response, StreamingResponse

from parley.errors import (
    InvalidFilter,
    InvalidPageToken,
    PageTooLarge,
    ParleyError,
    RecordNotFound,
    StoreError,
)

ERROR_STATUS = {RecordNotFound: 404, InvalidPageToken: 400, PageTooLarge: 400, InvalidFilter: 400, StoreError: 503}
# API-only codes (same numbering as parley/errors.py)
NO_SUCH_ENDPOINT = "E034"
REQUEST_TOO_LARGE = "E032"
METHOD_NOT_ALLOWED = "E035"


def _default(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return str(v)


class JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_default, separators=(",", ":")).encode()


def error(message: str, code: str, status: int) -> JSON:
    return JSON({"ok": False, "error": message, "code": code, "status": status, "rows": [], "next": None},
                status_code=status)


def error_for(exc: ParleyError) -> JSON:
    status = next((s for cls, s in ERROR_STATUS.items() if isinstance(exc, cls)), 400)
    return error(exc.message, exc.code, status)


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, default=_default)
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return v


def csv_text(rows: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    cols = columns or _columns(rows)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(v) for k, v in r.items()})
    return buf.getvalue()


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    cols: dict[str, None] = {}
    for r in rows[:50]:
        cols.update(dict.fromkeys(r))
    return list(cols)


def csv_response(rows: list[dict[str, Any]], name: str) -> Response:
    return Response(csv_text(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{name}.csv"'})


def csv_stream(rows: Iterable[dict[str, Any]], name: str) -> StreamingResponse:
    """Every row of a listing (``_stream=1``), written as it is read."""
    def chunks() -> Iterator[str]:
        it = iter(rows)
        first = next(it, None)
        if first is None:
            yield ""
            return
        cols = list(first)
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerow({k: _cell(v) for k, v in first.items()})
        for i, r in enumerate(it):
            w.writerow({k: _cell(v) for k, v in r.items()})
            if i % 500 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()
    return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
