"""POLECAT event files (tab-separated, a header row naming the columns) read as events, row by row: the PLOVER
event type becomes its CAMEO code (``graph/data/plover_cameo.csv``), an actor its Wikidata id or a code made of
its country and name; a row without an actor or a recipient is None."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from diplokg.errors import BadInput, DataError
from diplokg.graph.model import codebook, quad_class
from diplokg.ingest.import_rows import (
    ImportedActor,
    ImportedEvent,
    ImportReport,
    Place,
    RowError,
    actor_code_field,
    counted_events,
    day_field,
    float_field,
    text_lines,
)

__all__ = ["POLECAT_FIELDS", "POLECAT_REQUIRED", "polecat_event", "polecat_rows"]

# POLECAT's column names (its files have a header row); each field may go by any of these names
POLECAT_FIELDS = {
    "id": ("Event ID", "event_id"),
    "date": ("Event Date", "event_date", "Story Date"),
    "type": ("Event Type", "event_type"),
    "mode": ("Event Mode", "event_mode"),
    "actor": ("Actor Name", "actor_name"),
    "actor_country": ("Actor Country", "actor_country"),
    "actor_id": ("Wikipedia Actor ID", "Actor Wikidata ID", "actor_wiki_id", "actor_qid"),
    "recipient": ("Recipient Name", "recipient_name"),
    "recipient_country": ("Recipient Country", "recipient_country"),
    "recipient_id": ("Wikipedia Recipient ID", "Recipient Wikidata ID", "recipient_wiki_id", "recipient_qid"),
    "place": ("Placename", "placename"),
    "lat": ("Latitude", "latitude"),
    "lon": ("Longitude", "longitude"),
    "geonames": ("GeoNames ID", "geonames_id"),
    "url": ("Source", "URL", "Story URL", "url"),
    "story": ("Story ID", "story_id"),
}
POLECAT_REQUIRED = ("id", "date", "type", "actor_country", "recipient_country")


@cache
def _plover_codes() -> dict[str, str]:
    path = resources.files("diplokg.graph").joinpath("data", "plover_cameo.csv")
    with path.open(encoding="utf-8") as fh:
        table = {row["plover"].strip().upper(): row["cameo"].strip() for row in csv.DictReader(fh)}
    unknown = [code for code in table.values() if code not in codebook()]
    if unknown:
        raise DataError(f"plover_cameo.csv names codes that are not in the CAMEO codebook: {unknown}")
    return table


def _polecat_actor(name: str, country: str, wiki: str) -> ImportedActor | None:
    name, country, wiki = name.strip(), country.strip().upper(), wiki.strip()
    if not country and not wiki:
        return None
    if country:
        actor_code_field(country, "actor country")
    qid = wiki if re.fullmatch(r"Q\d+", wiki) else None
    if not name and not wiki:  # the state itself
        return ImportedActor(country, country, country)
    if qid:
        code = qid
    else:
        slug = re.sub(r"[^A-Za-z0-9]+", "_", wiki or name).strip("_")[:48] or "actor"
        code = f"{country or 'XXX'}.{slug}"
    return ImportedActor(code, name or wiki, country or None, qid, None if qid or not wiki else wiki)


def polecat_event(row: dict[str, str], columns: dict[str, str]) -> ImportedEvent | None:
    """One POLECAT row (by header) as an event; None when it lacks an actor or a recipient."""

    def get(name: str) -> str:
        column = columns.get(name)
        return (row.get(column) or "").strip() if column else ""

    event_id = get("id")
    if not event_id:
        raise RowError("no Event ID")
    plover = get("type").upper()
    if plover not in _plover_codes():
        raise RowError(f"Event Type {plover[:30]!r} is not a PLOVER event type")
    day = day_field(get("date"), "Event Date")
    source = _polecat_actor(get("actor"), get("actor_country"), get("actor_id"))
    target = _polecat_actor(get("recipient"), get("recipient_country"), get("recipient_id"))
    if source is None or target is None:
        return None
    place = None
    lat, lon = float_field(get("lat"), "Latitude"), float_field(get("lon"), "Longitude")
    if lat is not None and lon is not None:
        place = Place(get("geonames") or f"{lat},{lon}", get("place"), lat, lon, "", get("geonames"))
    code = _plover_codes()[plover]
    return ImportedEvent(id="polecat-" + re.sub(r"[^A-Za-z0-9_.-]", "_", event_id)[:80], source=source,
                         target=target, code=code, date=day, quad=quad_class(code), place=place,
                         url=get("url") or get("story"), plover=plover, mode=get("mode"))


def polecat_rows(path: Path, report: ImportReport) -> Iterator[ImportedEvent]:
    """The events of a POLECAT file (or of the one file in a .zip), its rows counted in ``report``."""
    reader = csv.reader(text_lines(path), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if not header:
        raise BadInput(str(path), "empty file; a POLECAT file starts with a header row")
    header = [h.strip() for h in header]
    columns = {name: next((h for h in options if h in header), None) for name, options in POLECAT_FIELDS.items()}
    missing = [POLECAT_FIELDS[n][0] for n in POLECAT_REQUIRED if columns[n] is None]
    if missing:
        raise BadInput(str(path), f"not a POLECAT file: no column {', '.join(missing)} in its header")

    def parse(fields: list[str]) -> ImportedEvent | None:
        if len(fields) < len(header) or any(f.strip() for f in fields[len(header):]):
            raise RowError(f"{len(fields)} columns, the header has {len(header)}")
        return polecat_event(dict(zip(header, fields)), columns)

    rows = ((reader.line_num, fields) for fields in reader if any(f.strip() for f in fields))
    yield from counted_events(path, report, rows, parse)
