"""GDELT 2.0 event exports (61 tab-separated columns, no header) read as events, row by row: a malformed row is
a :class:`~diplokg.ingest.import_rows.RowError` with its reason, a one-sided row (no Actor1 or Actor2 code) None.

>>> row = ["1", "20230922", "202309", "2023", "2023.72", "CHN", "CHINA", "CHN"] + [""] * 7 + [
...     "SYR", "SYRIA", "SYR"] + [""] * 7 + ["1", "057", "057", "05", "1", "8.0", "4", "2", "4", "1.5"] + [""] * 16 + [
...     "4", "Beijing, China", "CH", "CH22", "", "39.9", "116.4", "-1898541", "20230922120000", "https://example.org/a"]
>>> event = gdelt_event(row)
>>> event.source.code, event.code, event.target.code, event.date, event.num_mentions
('CHN', '057', 'SYR', '2023-09-22', 4)
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from diplokg.ingest.import_rows import (
    ImportedActor,
    ImportedEvent,
    ImportReport,
    Place,
    RowError,
    actor_code_field,
    code_field,
    counted_events,
    day_field,
    float_field,
    int_field,
    text_lines,
)

__all__ = ["COL", "GDELT_COLUMNS", "gdelt_event", "gdelt_rows"]

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{part}" for n in (1, 2) for part in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{part}" for who in ("Actor1", "Actor2", "Action") for part in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61
COL = {name: i for i, name in enumerate(GDELT_COLUMNS)}


def gdelt_event(fields: list[str]) -> ImportedEvent | None:
    """One GDELT 2.0 export row (61 tab-separated fields) as an event; None for a one-sided event (no Actor1
    or Actor2 code); :class:`RowError` for a malformed row."""
    if len(fields) != len(GDELT_COLUMNS):
        raise RowError(f"{len(fields)} columns, a GDELT 2.0 event row has {len(GDELT_COLUMNS)}")
    # the 23 fields an event reads, stripped (picked and stripped by C loops: cheaper than all 61, or one by one)
    (event_id, sqldate, code, base, root, quad, goldstein, mentions, sources, articles, url, code1, name1, country1,
     code2, name2, country2, geo_type, geo_name, geo_country, geo_lat, geo_long, geo_feature) = map(str.strip,
                                                                                                  _pick(fields))
    if not event_id.isdigit():
        raise RowError(f"GLOBALEVENTID is not a number: {event_id[:40]!r}")
    day = day_field(sqldate, "SQLDATE")
    code = code_field(code, "EventCode")
    quad = int_field(quad, "QuadClass")
    if quad is not None and not 1 <= quad <= 4:
        raise RowError(f"QuadClass {quad} is not 1-4")
    if not code1:
        return None
    source = _actor(1, code1, name1, country1)
    if not code2:
        return None
    target = _actor(2, code2, name2, country2)
    place = None
    if geo_type not in ("", "0"):
        place = _place(geo_lat, geo_long, geo_feature, geo_name, geo_country)
    return ImportedEvent(
        id=f"gdelt-{event_id}", source=source, target=target, code=code, date=day,
        base=base or None, root=root or None, quad=quad, goldstein=float_field(goldstein, "GoldsteinScale"),
        num_mentions=int_field(mentions, "NumMentions"), num_sources=int_field(sources, "NumSources"),
        num_articles=int_field(articles, "NumArticles"), place=place, url=url,
    )


_pick = itemgetter(*(COL[name] for name in (
    "GLOBALEVENTID", "SQLDATE", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "SOURCEURL", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID")))


@lru_cache(maxsize=65_536)
def _actor(n: int, code: str, name: str, country: str) -> ImportedActor:
    """Actor ``n`` (1 or 2) of a row, its code and country code checked, made once for each spelling of it."""
    return ImportedActor(actor_code_field(code, f"Actor{n}Code"), name,
                         actor_code_field(country, f"Actor{n}CountryCode") if country else None)


@lru_cache(maxsize=65_536)
def _place(lat_text: str, lon_text: str, feature: str, name: str, country: str) -> Place:
    """ActionGeo's place, made once for each spelling of it (a file names the same places again and again; keyed
    by the fields' text, so -0.0 and 0.0 stay apart)."""
    lat, lon = float_field(lat_text, "ActionGeo_Lat"), float_field(lon_text, "ActionGeo_Long")
    return Place(feature or f"{lat},{lon}", name, lat, lon, country, feature)


def gdelt_rows(path: Path, report: ImportReport) -> Iterator[ImportedEvent]:
    """The events of a GDELT export (or of the one file in a .zip), its rows counted in ``report``."""
    lines = ((number, line) for number, line in enumerate(text_lines(path), 1) if line.strip("\r\n"))
    yield from counted_events(path, report, lines, lambda line: gdelt_event(line.rstrip("\r\n").split("\t")))
