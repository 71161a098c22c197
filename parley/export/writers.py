"""The export writers. Each takes a read-only ``Reader``, a table, a typed filter and a
path, and returns the number of records written."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from parley import __version__
from parley.errors import InvalidFilter
from parley.query import filters as F
from parley.query import listings as L
from parley.query.incidents import network, timeline
from parley.query.pages import Select, stream

TABLES: dict[str, tuple[type[F.Filter] | None, Callable[..., Select]]] = {
    "articles": (F.ArticleFilter, L.articles), "actors": (F.ActorFilter, L.actors),
    "mentions": (F.FactFilter, L.mentions), "times": (F.FactFilter, L.times),
    "quotes": (F.QuoteFilter, L.quotes), "events": (F.EventFilter, L.events),
    "stances": (F.StanceFilter, L.stances), "errors": (None, L.errors),
    "incidents": (F.IncidentFilter, timeline),
}
FORMATS = ("csv", "jsonl", "parquet", "plover-json", "graphml")

# PLOVER JSON: the event fields of the PLOVER data format, then Parley's own under "parley".
PLOVER_FIELDS = ("id", "date", "event", "mode", "context", "source", "target", "eventText", "text",
                 "language", "publication", "url", "coder", "version", "dateCoded", "parley")
PLOVER_ACTOR_FIELDS = ("actorText", "code", "actorId")
PLOVER_EXTRA = ("status", "quad", "date_earliest", "date_latest", "date_rule", "date_basis", "location",
                "location_country", "latitude", "longitude", "magnitude", "article_id", "published", "rule", "basis",
                "claimant", "confidence")


def _plain(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return v


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    return _plain(v)


def select_for(table: str, raw: dict[str, Any]) -> Select:
    if table not in TABLES:
        raise InvalidFilter(f"unknown table {table!r}: one of {', '.join(TABLES)}")
    fcls, build = TABLES[table]
    return build(fcls.parse(raw) if fcls else None)


def write_csv(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    writer = None
    for r in rows:
        if writer is None:
            writer = csv.DictWriter(fh, fieldnames=list(r), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in r.items()})
        n += 1
    return n


def write_jsonl(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for r in rows:
        fh.write(json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_parquet(reader, sel: Select, path: Path) -> int:
    """DuckDB's Arrow batches straight into a Parquet writer: exact column types."""
    import pyarrow.parquet as pq

    batches = reader.arrow_batches(sel.ordered_sql(), sel.params)
    hidden = [c for c in sel.hidden if c in batches.schema.names]
    schema = batches.schema
    for c in hidden:
        schema = schema.remove(schema.get_field_index(c))
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in batches:
            writer.write_batch(batch.drop_columns(hidden) if hidden else batch)
            n += batch.num_rows
    return n


def _plover_actors(actors: Any) -> list[dict[str, Any]]:
    out = []
    for a in actors or []:
        if isinstance(a, dict):
            out.append({"actorText": a.get("name"), "code": a.get("country"), "actorId": a.get("actor_id")})
    return out


def plover_record(e: dict[str, Any]) -> dict[str, Any]:
    contexts = [c for c in (e.get("contexts") or []) if c]
    return {
        "id": e["id"], "date": (e.get("date_value") or _plain(e.get("published")) or None),
        "event": e["type"], "mode": e.get("mode") or "", "context": ",".join(map(str, contexts)),
        "source": _plover_actors(e.get("sources")), "target": _plover_actors(e.get("targets")),
        "eventText": e.get("trigger") or "", "text": (e.get("evidence") or "").strip(), "language": "en",
        "publication": e.get("outlet") or "", "url": e.get("url") or "", "coder": f"Parley {__version__}",
        "version": "PLOVER 2.0", "dateCoded": date.today().isoformat(),
        "parley": {k: _plain(e.get(k)) for k in PLOVER_EXTRA},
    }


def write_plover(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """A JSON array of PLOVER records, written one record at a time."""
    n = 0
    fh.write("[")
    for e in rows:
        fh.write(("," if n else "") + "\n" + json.dumps(plover_record(e), ensure_ascii=False, default=str))
        n += 1
    fh.write("\n]\n")
    return n


def write_graphml(net: dict[str, Any], fh: IO[str]) -> int:
    keys = [("n_name", "node", "name", "string"), ("n_country", "node", "country", "string"),
            ("n_activity", "node", "activity", "int"), ("e_quad", "edge", "quad", "string"),
            ("e_weight", "edge", "weight", "int"), ("e_types", "edge", "types", "string")]
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for kid, for_, name, typ in keys:
        fh.write(f'  <key id="{kid}" for="{for_}" attr.name="{name}" attr.type="{typ}"/>\n')
    fh.write(f'  <graph id="parley" edgedefault="directed">\n    <desc>{escape(net["basis"])}</desc>\n')
    for n in net["nodes"]:
        fh.write(f'    <node id={quoteattr(n["id"])}><data key="n_name">{escape(n["name"] or "")}</data>'
                 f'<data key="n_country">{escape(n.get("country") or "")}</data>'
                 f'<data key="n_activity">{n["activity"]}</data></node>\n')
    for e in net["edges"]:
        types = json.dumps(e["types"], sort_keys=True)
        fh.write(f'    <edge id={quoteattr(e["id"])} source={quoteattr(e["source"])} target={quoteattr(e["target"])}>'
                 f'<data key="e_quad">{escape(e["quad"] or "")}</data><data key="e_weight">{e["weight"]}</data>'
                 f'<data key="e_types">{escape(types)}</data></edge>\n')
    fh.write("  </graph>\n</graphml>\n")
    return len(net["edges"])


def export(reader, fmt: str, table: str, raw: dict[str, Any], out: Path) -> int:
    if fmt not in FORMATS:
        raise InvalidFilter(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if fmt == "graphml":
        net = network(reader, F.NetworkFilter.parse({k: v for k, v in raw.items()
                                                     if k in ("since", "until", "type", "quad", "actor")}))
        with open(out, "w", encoding="utf-8") as fh:
            return write_graphml(net, fh)
    if fmt == "plover-json" and table != "events":
        raise InvalidFilter("plover-json exports events: use --table events (the default)")
    sel = select_for(table, raw)
    if fmt == "parquet":
        return write_parquet(reader, sel, out)
    rows = stream(reader, sel)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            return write_csv(rows, fh)
        if fmt == "jsonl":
            return write_jsonl(rows, fh)
        return write_plover(rows, fh)
