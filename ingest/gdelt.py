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
from functools import lru_cache, partial
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

    f = [field.strip() for field in fields]  # (all 61 at once: cheaper than the ~25 an event reads, one by one)
    event_id = f[_ID]
    if not event_id.isdigit():
        raise RowError(f"GLOBALEVENTID is not a number: {event_id[:40]!r}")
    day = day_field(f[_SQLDATE], "SQLDATE")
    code = code_field(f[_EVENTCODE], "EventCode")
    quad = int_field(f[_QUAD], "QuadClass")
    if quad is not None and not 1 <= quad <= 4:
        raise RowError(f"QuadClass {quad} is not 1-4")
    actors = []
    for n, (at, name_at, country_at) in enumerate(_ACTOR_COLUMNS, 1):
        raw = f[at]
        if not raw:
            return None
        country = f[country_at]
        actors.append(_imported_actor(actor_code_field(raw, f"Actor{n}Code"), f[name_at],
                                      actor_code_field(country, f"Actor{n}CountryCode") if country else None))
    place = None
    if f[_GEO_TYPE] not in ("", "0"):
        place = _place(f[_GEO_LAT], f[_GEO_LONG], f[_GEO_FEATURE], f[_GEO_NAME], f[_GEO_COUNTRY])
    return ImportedEvent(
        id=f"gdelt-{event_id}", source=actors[0], target=actors[1], code=code, date=day,
        base=f[_BASECODE] or None, root=f[_ROOTCODE] or None, quad=quad,
        goldstein=float_field(f[_GOLDSTEIN], "GoldsteinScale"),
        num_mentions=int_field(f[_MENTIONS], "NumMentions"), num_sources=int_field(f[_SOURCES], "NumSources"),
        num_articles=int_field(f[_ARTICLES], "NumArticles"), place=place, url=f[_URL],
    )


_ID, _SQLDATE, _EVENTCODE, _BASECODE, _ROOTCODE, _QUAD, _GOLDSTEIN, _MENTIONS, _SOURCES, _ARTICLES, _URL = (
    COL[name] for name in ("GLOBALEVENTID", "SQLDATE", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                           "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "SOURCEURL"))
_GEO_TYPE, _GEO_NAME, _GEO_COUNTRY, _GEO_LAT, _GEO_LONG, _GEO_FEATURE = (
    COL[f"ActionGeo_{part}"] for part in ("Type", "FullName", "CountryCode", "Lat", "Long", "FeatureID"))
_ACTOR_COLUMNS = tuple((COL[f"Actor{n}Code"], COL[f"Actor{n}Name"], COL[f"Actor{n}CountryCode"]) for n in (1, 2))


@lru_cache(maxsize=65_536)
def _place(lat_text: str, lon_text: str, feature: str, name: str, country: str) -> Place:
    """ActionGeo's place, made once for each spelling of it (a file names the same places again and again; keyed
    by the fields' text, so -0.0 and 0.0 stay apart)."""
    lat, lon = float_field(lat_text, "ActionGeo_Lat"), float_field(lon_text, "ActionGeo_Long")
    return Place(feature or f"{lat},{lon}", name, lat, lon, country, feature)


@lru_cache(maxsize=65_536)
def _imported_actor(code: str, name: str, country: str | None) -> ImportedActor:
    return ImportedActor(code, name, country)


def gdelt_rows(path: Path, report: ImportReport) -> Iterator[ImportedEvent]:
    """The events of a GDELT export (or of the one file in a .zip), its rows counted in ``report``."""
    lines = ((n, line.rstrip("\r\n")) for n, line in enumerate(text_lines(path), 1))
    yield from counted_events(path, report, ((n, partial(gdelt_event, line.split("\t"))) for n, line in lines if line))
