"""Structured event files into the graph: GDELT 2.0 event exports and POLECAT files.

Each file becomes one named graph (``…/graph/import/<kind>/<sha256 of the file>``) written with Oxigraph's bulk
loader as N-Triples made here row by row: streaming, with memory bounded by the de-duplication caches, not by
the file. Importing the same file again adds nothing; an import that fails or is interrupted drops its graph, and
one that was killed (its graph lacks ``dk:complete``) is dropped and redone by the next import of that file.

Events land in the same model as coded articles (``graph/model.py``): ``dk:source``/``dk:target`` actors (a GDELT
actor code such as ``USAGOV`` is an actor representing ``dk:country`` USA), CAMEO code, base and root as strings,
QuadClass, Goldstein, day-precision date, the source's mention, source and article counts, the place and the
source article. Rows without a source or target actor (GDELT's one-sided events) are counted, not stored: every
event in the graph is a dyad. Bad rows are reported with their line numbers and skipped.

>>> row = ["1", "20230922", "202309", "2023", "2023.72", "CHN", "CHINA", "CHN"] + [""] * 7 + [
...     "SYR", "SYRIA", "SYR"] + [""] * 7 + ["1", "057", "057", "05", "1", "8.0", "4", "2", "4", "1.5"] + [""] * 16 + [
...     "4", "Beijing, China", "CH", "CH22", "", "39.9", "116.4", "-1898541", "20230922120000", "https://example.org/a"]
>>> event = gdelt_event(row)
>>> event.source.code, event.code, event.target.code, event.date, event.num_mentions
('CHN', '057', 'SYR', '2023-09-22', 4)
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import time
import zipfile
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache, lru_cache, partial
from importlib import resources
from itertools import islice
from pathlib import Path

from diplokg.errors import BadInput, DataError
from diplokg.graph.model import actor_iri, codebook, plover_type, quad_class, relation_for
from diplokg.graph.namespace import BASE, DK, GEO, PROV, SCHEMA, SEM, WD
from diplokg.graph.store import EventStore
from rdflib import OWL, RDF, RDFS, XSD

__all__ = ["GDELT_COLUMNS", "ImportReport", "gdelt_event", "import_files", "polecat_event"]

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

ACTOR_CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
IMPORTED_CONFIDENCE = "0.5"  # the files give none; neutral, so --min-confidence above it keeps coded events only


class RowError(ValueError):
    """A row that cannot be imported; the message says why."""


@dataclass(frozen=True)
class ImportedActor:
    code: str
    name: str = ""
    country: str | None = None
    qid: str | None = None
    wikipedia: str | None = None


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    lat: float | None
    lon: float | None
    country: str = ""
    feature: str = ""


@dataclass
class ImportedEvent:
    id: str
    source: ImportedActor
    target: ImportedActor
    code: str
    date: str
    base: str | None = None
    root: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    num_mentions: int | None = None
    num_sources: int | None = None
    num_articles: int | None = None
    place: Place | None = None
    url: str = ""
    plover: str | None = None
    mode: str = ""


@dataclass
class ImportReport:
    files: int = 0
    already: int = 0
    rows: int = 0
    events: int = 0
    one_sided: int = 0
    triples: int = 0
    bad_rows: int = 0
    problems: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, reason), first 1,000
    failures: list[BadInput] = field(default_factory=list)  # whole files that could not be read
    seconds: float = 0.0

    def bad(self, source: str, line: int, reason: str) -> None:
        self.bad_rows += 1
        if len(self.problems) < 1000:
            self.problems.append((source, line, reason))

    def summary(self) -> str:
        rate = f", {self.events / self.seconds:,.0f} events/s" if self.seconds and self.events else ""
        return (f"{self.files} files imported ({self.already} already), {self.rows:,} rows: {self.events:,} events, "
                f"{self.one_sided:,} one-sided rows left out, {self.bad_rows:,} bad rows skipped; "
                f"{self.triples:,} triples in {self.seconds:.1f} s{rate}")


# -- rows to events ------------------------------------------------------------------------------------------
def _int(value: str, name: str) -> int | None:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise RowError(f"{name} is not an integer: {value[:40]!r}") from None


def _float(value: str, name: str) -> float | None:
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"{name} is not a number: {value[:40]!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise RowError(f"{name} is not a finite number: {value[:40]!r}")
    return number


_DAYS: dict[str, str] = {}  # SQLDATE -> ISO date: a file holds few distinct days


def _day(value: str, name: str) -> str:
    text = value.strip()
    known = _DAYS.get(text)
    if known is not None:
        return known
    try:
        if len(text) == 8 and text.isdigit():
            day = date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        else:
            day = date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise RowError(f"{name} is not a date: {value[:40]!r}") from None
    if len(_DAYS) < 100_000:
        _DAYS[text] = day
    return day


def _code(value: str, name: str) -> str:
    code = value.strip()
    if code not in codebook():
        raise RowError(f"{name} {code[:20]!r} is not a CAMEO event code")
    return code


def _actor_code(value: str, name: str) -> str:
    if not ACTOR_CODE.fullmatch(value):
        raise RowError(f"{name} is not an actor code: {value[:40]!r}")
    return value


def gdelt_event(fields: list[str]) -> ImportedEvent | None:
    """One GDELT 2.0 export row (61 tab-separated fields) as an event; None for a one-sided event (no Actor1
    or Actor2 code); :class:`RowError` for a malformed row."""
    if len(fields) != len(GDELT_COLUMNS):
        raise RowError(f"{len(fields)} columns, a GDELT 2.0 event row has {len(GDELT_COLUMNS)}")

    f = _Stripped(fields)
    event_id = f[_ID]
    if not event_id.isdigit():
        raise RowError(f"GLOBALEVENTID is not a number: {event_id[:40]!r}")
    day = _day(f[_SQLDATE], "SQLDATE")
    code = _code(f[_EVENTCODE], "EventCode")
    quad = _int(f[_QUAD], "QuadClass")
    if quad is not None and not 1 <= quad <= 4:
        raise RowError(f"QuadClass {quad} is not 1-4")
    actors = []
    for n, (at, name_at, country_at) in enumerate(_ACTOR_COLUMNS, 1):
        raw = f[at]
        if not raw:
            return None
        country = f[country_at]
        actors.append(_imported_actor(_actor_code(raw, f"Actor{n}Code"), f[name_at],
                                      _actor_code(country, f"Actor{n}CountryCode") if country else None))
    place = None
    if f[_GEO_TYPE] not in ("", "0"):
        lat, lon = _float(f[_GEO_LAT], "ActionGeo_Lat"), _float(f[_GEO_LONG], "ActionGeo_Long")
        feature = f[_GEO_FEATURE]
        place = Place(feature or f"{lat},{lon}", f[_GEO_NAME], lat, lon, f[_GEO_COUNTRY], feature)
    return ImportedEvent(
        id=f"gdelt-{event_id}", source=actors[0], target=actors[1], code=code, date=day,
        base=f[_BASECODE] or None, root=f[_ROOTCODE] or None, quad=quad,
        goldstein=_float(f[_GOLDSTEIN], "GoldsteinScale"),
        num_mentions=_int(f[_MENTIONS], "NumMentions"), num_sources=_int(f[_SOURCES], "NumSources"),
        num_articles=_int(f[_ARTICLES], "NumArticles"), place=place, url=f[_URL],
    )


_ID, _SQLDATE, _EVENTCODE, _BASECODE, _ROOTCODE, _QUAD, _GOLDSTEIN, _MENTIONS, _SOURCES, _ARTICLES, _URL = (
    COL[name] for name in ("GLOBALEVENTID", "SQLDATE", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                           "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "SOURCEURL"))
_GEO_TYPE, _GEO_NAME, _GEO_COUNTRY, _GEO_LAT, _GEO_LONG, _GEO_FEATURE = (
    COL[f"ActionGeo_{part}"] for part in ("Type", "FullName", "CountryCode", "Lat", "Long", "FeatureID"))
_ACTOR_COLUMNS = tuple((COL[f"Actor{n}Code"], COL[f"Actor{n}Name"], COL[f"Actor{n}CountryCode"]) for n in (1, 2))


class _Stripped:
    """A row's fields, each stripped when read: a row has 61, an event reads about 25."""

    __slots__ = ("fields",)

    def __init__(self, fields: list[str]):
        self.fields = fields

    def __getitem__(self, i: int) -> str:
        return self.fields[i].strip()


@lru_cache(maxsize=65_536)
def _imported_actor(code: str, name: str, country: str | None) -> ImportedActor:
    return ImportedActor(code, name, country)


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
        _actor_code(country, "actor country")
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
    day = _day(get("date"), "Event Date")
    source = _polecat_actor(get("actor"), get("actor_country"), get("actor_id"))
    target = _polecat_actor(get("recipient"), get("recipient_country"), get("recipient_id"))
    if source is None or target is None:
        return None
    place = None
    lat, lon = _float(get("lat"), "Latitude"), _float(get("lon"), "Longitude")
    if lat is not None and lon is not None:
        place = Place(get("geonames") or f"{lat},{lon}", get("place"), lat, lon, "", get("geonames"))
    code = _plover_codes()[plover]
    return ImportedEvent(id="polecat-" + re.sub(r"[^A-Za-z0-9_.-]", "_", event_id)[:80], source=source,
                         target=target, code=code, date=day, quad=quad_class(code), place=place,
                         url=get("url") or get("story"), plover=plover, mode=get("mode"))


# -- events to N-Triples -------------------------------------------------------------------------------------
def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _typed(value, datatype) -> str:
    return f'"{value}"^^<{datatype}>'


def _iri(value) -> str:
    return f"<{value}>"


_T = {name: _iri(term) for name, term in {
    "type": RDF.type, "label": RDFS.label, "sameAs": OWL.sameAs, "Event": SEM.Event, "Actor": SEM.Actor,
    "source": DK.source, "target": DK.target, "code": DK.cameoCode, "base": DK.cameoBaseCode, "root": DK.cameoRoot,
    "quad": DK.quadClass, "goldstein": DK.goldstein, "date": DK.date, "modality": DK.modality,
    "Asserted": DK.Asserted, "confidence": DK.confidence, "derived": PROV.wasDerivedFrom,
    "mentions": DK.numMentions, "sources": DK.numSources, "articles": DK.numArticles, "place": DK.place,
    "Place": DK.Place, "lat": GEO.lat, "long": GEO.long, "countryCode": DK.countryCode, "feature": DK.featureId,
    "Article": SCHEMA.NewsArticle, "identifier": SCHEMA.identifier, "url": SCHEMA.url, "plover": DK.ploverType,
    "mode": DK.ploverMode, "actorCode": DK.code, "kind": DK.kind,
    "country": DK.country, "schemaSameAs": SCHEMA.sameAs, "DyadTally": DK.DyadTally,
    "tallySource": DK.tallySource, "tallyTarget": DK.tallyTarget, "tallyEvents": DK.tallyEvents,
    "tallyCodes": DK.tallyCodes, "tallyFirst": DK.tallyFirst, "tallyLast": DK.tallyLast,
    "tallyGoldstein": DK.tallyGoldstein, "tallyScored": DK.tallyScored,
}.items()}
_INT, _DEC, _DATE, _URI = (str(XSD.integer), str(XSD.decimal), str(XSD.date), str(XSD.anyURI))


class _Seen:
    """A bounded set: what was written recently need not be written again (a store holds each triple once
    anyway, so forgetting only costs a repeated line, never a wrong one)."""

    def __init__(self, size: int = 200_000):
        self.size, self.items = size, OrderedDict()

    def add(self, key) -> bool:
        """True when ``key`` was not seen (and remembers it)."""
        if key in self.items:
            self.items.move_to_end(key)
            return False
        self.items[key] = None
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return True


class _Tally:
    """One dyad's events in one import: how many, of which codes, first and last date, Goldstein sum."""

    __slots__ = ("codes", "events", "first", "gsum", "last", "scored")

    def __init__(self):
        self.events, self.codes, self.first, self.last, self.gsum, self.scored = 0, Counter(), None, None, 0.0, 0

    def add(self, code: str, day: str | None, goldstein: float | None) -> None:
        self.events += 1
        self.codes[code] += 1
        if day:
            self.first = day if self.first is None or day < self.first else self.first
            self.last = day if self.last is None or day > self.last else self.last
        if goldstein is not None:
            self.gsum += goldstein
            self.scored += 1


class _Writer:
    """Turns events into N-Triples lines, describing each actor, place, article and relation once, and counts
    each dyad's events (:meth:`tally_lines`): the dyad network is then read from a few tallies, not counted
    over every imported event (see ``graph.network.dyad_rows``). Memory: the dyads, not the events."""

    def __init__(self, known_actors: Mapping[str, str], import_node: str, import_key: str):
        self.known = known_actors  # code -> the code it represents (a person's state, else itself)
        self.import_node, self.import_key = import_node, import_key
        self.seen = _Seen()
        self.tallies: dict[tuple[str, str], _Tally] = {}

    def represented(self, actor: ImportedActor) -> str:
        known = self.known.get(actor.code)
        return known if known is not None else (actor.country or actor.code)

    def tally_lines(self) -> Iterator[str]:
        """The dyad tallies of the events written so far: ``dk:DyadTally`` nodes in the import graph."""
        t = _T
        for n, ((u, v), tally) in enumerate(sorted(self.tallies.items())):
            node = _iri(f"{self.import_node[1:-1]}#dyad-{n}")
            codes = " ".join(f"{code}:{count}" for code, count in sorted(tally.codes.items()))
            yield f"{node} {t['type']} {t['DyadTally']} ."
            yield f"{node} {t['tallySource']} {_iri(actor_iri(u))} ."
            yield f"{node} {t['tallyTarget']} {_iri(actor_iri(v))} ."
            yield f"{node} {t['tallyEvents']} {_typed(tally.events, _INT)} ."
            yield f"{node} {t['tallyCodes']} {_lit(codes)} ."
            if tally.first:
                yield f"{node} {t['tallyFirst']} {_typed(tally.first, _DATE)} ."
                yield f"{node} {t['tallyLast']} {_typed(tally.last, _DATE)} ."
            yield f"{node} {t['tallyGoldstein']} {_typed(repr(tally.gsum), _DEC)} ."
            yield f"{node} {t['tallyScored']} {_typed(tally.scored, _INT)} ."

    def actor(self, actor: ImportedActor) -> Iterator[str]:
        node = _actor_node(actor.code)
        if actor.code in self.known or not self.seen.add(("a", actor.code)):
            return
        t = _T
        yield f"{node} {t['type']} {t['Actor']} ."
        yield f"{node} {t['actorCode']} {_lit(actor.code)} ."
        yield f"{node} {t['label']} {_lit(actor.name or actor.code)}@en ."
        is_state = actor.country == actor.code and len(actor.code) == 3
        yield f"{node} {t['kind']} {_lit('state' if is_state else 'imported')} ."
        if actor.country and actor.country != actor.code:
            yield f"{node} {t['country']} {_actor_node(actor.country)} ."
        if actor.qid:
            yield f"{node} {t['sameAs']} {_iri(WD[actor.qid])} ."
        if actor.wikipedia:
            yield f"{node} {t['schemaSameAs']} {_lit(actor.wikipedia)} ."

    def lines(self, ev: ImportedEvent) -> Iterator[str]:
        t = _T
        node = f"<{BASE}id/event/{ev.id}>"
        src, tgt = _actor_node(ev.source.code), _actor_node(ev.target.code)
        yield from self.actor(ev.source)
        yield from self.actor(ev.target)
        if ev.url:
            key = "url-" + hashlib.sha1(ev.url.encode()).hexdigest()[:24]
            article = f"<{BASE}id/article/{key}>"  # (article_iri(key): the key needs no escaping)
            if self.seen.add(("u", key)):
                yield f"{article} {t['type']} {t['Article']} ."
                yield f"{article} {t['identifier']} {_lit(key)} ."
                yield f"{article} {t['url']} {_typed(_lit(ev.url)[1:-1], _URI)} ."
        else:
            article = self.import_node
        yield f"{node} {t['type']} {t['Event']} ."
        yield f"{node} {t['source']} {src} ."
        yield f"{node} {t['target']} {tgt} ."
        yield f"{node} {t['code']} {_short_lit(ev.code)} ."
        yield f"{node} {t['root']} {_short_lit(ev.root or ev.code[:2])} ."
        if ev.base:
            yield f"{node} {t['base']} {_short_lit(ev.base)} ."
        yield f"{node} {t['quad']} {_typed(ev.quad or quad_class(ev.code), _INT)} ."
        goldstein = float(ev.goldstein if ev.goldstein is not None else codebook()[ev.code].goldstein)
        yield f"{node} {t['goldstein']} {_typed(repr(goldstein), _DEC)} ."
        dyad = (self.represented(ev.source), self.represented(ev.target))
        tally = self.tallies.get(dyad)
        if tally is None:
            tally = self.tallies[dyad] = _Tally()
        tally.add(ev.code, ev.date, goldstein)
        yield f"{node} {t['date']} {_typed(ev.date, _DATE)} ."
        yield f"{node} {t['modality']} {t['Asserted']} ."
        yield f"{node} {t['confidence']} {_typed(IMPORTED_CONFIDENCE, _DEC)} ."
        yield f"{node} {t['derived']} {article} ."
        for name, value in (("mentions", ev.num_mentions), ("sources", ev.num_sources),
                            ("articles", ev.num_articles)):
            if value is not None:
                yield f"{node} {t[name]} {_typed(value, _INT)} ."
        plover = ev.plover or plover_type(ev.code)
        if plover:
            yield f"{node} {t['plover']} {_short_lit(plover)} ."
        if ev.mode:
            yield f"{node} {t['mode']} {_short_lit(ev.mode)} ."
        if ev.place is not None:
            place = _place_node(ev.place.key)
            yield f"{node} {t['place']} {place} ."
            if self.seen.add(("p", ev.place.key)):
                yield f"{place} {t['type']} {t['Place']} ."
                if ev.place.name:
                    yield f"{place} {t['label']} {_lit(ev.place.name)} ."
                if ev.place.lat is not None and ev.place.lon is not None:
                    yield f"{place} {t['lat']} {_typed(repr(ev.place.lat), _DEC)} ."
                    yield f"{place} {t['long']} {_typed(repr(ev.place.lon), _DEC)} ."
                if ev.place.country:
                    yield f"{place} {t['countryCode']} {_lit(ev.place.country)} ."
                if ev.place.feature:
                    yield f"{place} {t['feature']} {_lit(ev.place.feature)} ."
        prop, symmetric = _relation(ev.code)
        if self.seen.add(("r", src, prop, tgt)):
            yield f"{src} {prop} {tgt} ."
            if symmetric:
                yield f"{tgt} {prop} {src} ."


@lru_cache(maxsize=4096)
def _short_lit(value: str) -> str:
    """A literal of few values (codes, types, modes), made once."""
    return _lit(value)


@lru_cache(maxsize=4096)
def _relation(code: str) -> tuple[str, bool]:
    prop, symmetric = relation_for(code)
    return _iri(prop), symmetric


@lru_cache(maxsize=65_536)
def _actor_node(code: str) -> str:
    return _iri(actor_iri(code))


@lru_cache(maxsize=65_536)
def _place_node(key: str) -> str:
    return _iri(f"{BASE}id/place/{re.sub(r'[^A-Za-z0-9_.,-]', '_', key)}")


class _LineStream(io.RawIOBase):
    """N-Triples as a binary stream, for Oxigraph's bulk loader, from strings of one or more whole lines
    (``count``: lines handed over)."""

    def __init__(self, lines: Iterator[str]):
        self.lines, self.buffer, self.offset, self.count = lines, b"", 0, 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if self.offset >= len(self.buffer):
            chunk = list(islice(self.lines, 1024))
            if not chunk:
                return 0
            self.buffer, self.offset = ("\n".join(chunk) + "\n").encode("utf-8"), 0
            self.count += self.buffer.count(b"\n")
        n = min(len(target), len(self.buffer) - self.offset)
        target[:n] = self.buffer[self.offset:self.offset + n]
        self.offset += n
        return n


# -- files ---------------------------------------------------------------------------------------------------
def _text_lines(path: Path) -> Iterator[str]:
    """The lines of a file, or of the one data file inside a .zip, decoded as UTF-8 (bad bytes replaced)."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise BadInput(str(path), f"a zip of {len(members)} files; expected one export inside")
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        return
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        yield from fh


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _counted(path: Path, report: ImportReport, rows: Iterator[tuple[int, Callable[[], ImportedEvent | None]]]
             ) -> Iterator[ImportedEvent]:
    """The events of (line number, parse) pairs; a bad row is reported with its line, a one-sided one counted."""
    for number, parse in rows:
        report.rows += 1
        try:
            event = parse()
        except RowError as exc:
            report.bad(str(path), number, str(exc))
            continue
        if event is None:
            report.one_sided += 1
            continue
        report.events += 1
        yield event


def _gdelt_rows(path: Path, report: ImportReport) -> Iterator[ImportedEvent]:
    lines = ((n, line.rstrip("\r\n")) for n, line in enumerate(_text_lines(path), 1))
    yield from _counted(path, report, ((n, partial(gdelt_event, line.split("\t"))) for n, line in lines if line))


def _polecat_rows(path: Path, report: ImportReport) -> Iterator[ImportedEvent]:
    reader = csv.reader(_text_lines(path), delimiter="\t", quoting=csv.QUOTE_NONE)
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

    rows = ((reader.line_num, partial(parse, fields)) for fields in reader if any(f.strip() for f in fields))
    yield from _counted(path, report, rows)


READERS = {"gdelt": _gdelt_rows, "polecat": _polecat_rows}


def _file_lines(kind: str, path: Path, graph_iri: str, writer: _Writer, report: ImportReport,
                progress: Callable[[ImportReport], None] | None) -> Iterator[str]:
    """The N-Triples of one file's import graph: its description, its events, and last the completion mark."""
    node, rows_before = _iri(graph_iri), report.rows
    yield f"{node} {_T['type']} {_iri(DK.Import)} ."
    yield f"{node} {_T['identifier']} {_lit(path.name)} ."
    for n, event in enumerate(READERS[kind](path, report)):
        yield "\n".join(writer.lines(event))  # (one string an event, not one a line: fewer steps to the loader)
        if progress and n % 10_000 == 0:
            progress(report)
    yield from writer.tally_lines()
    yield f"{node} {_iri(DK.rows)} {_typed(report.rows - rows_before, _INT)} ."
    yield f"{node} {_iri(PROV.generatedAtTime)} {_typed(datetime.now(UTC).isoformat(), XSD.dateTime)} ."
    yield f"{node} {_iri(DK.complete)} {_typed('true', XSD.boolean)} ."  # last: the import is whole


def import_graph(kind: str, file_hash: str) -> str:
    return f"{BASE}graph/import/{kind}/{file_hash}"


def _known_actors(store: EventStore) -> dict[str, str]:
    """The actors the store describes: code -> the code it represents (its country, else itself)."""
    from diplokg.graph.queries import _actors

    return {info["code"]: info["country"] or info["code"] for info in _actors(store).values()}


def import_files(kind: str, paths: Iterable[str | Path], store: EventStore, *,
                 progress: Callable[[ImportReport], None] | None = None) -> ImportReport:
    """Import GDELT (``kind="gdelt"``) or POLECAT (``"polecat"``) files into ``store``, one named graph each."""
    if kind not in READERS:
        raise ValueError(f"unknown import kind {kind!r}; choose gdelt or polecat")
    from diplokg.ingest.pipeline import ensure_reference
    from rdflib import URIRef

    report = ImportReport()
    started = time.perf_counter()
    ensure_reference(store)
    known = _known_actors(store)
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            report.failures.append(BadInput(str(path), "no such file"))
            continue
        graph_iri = import_graph(kind, _file_hash(path))
        graph = URIRef(graph_iri)
        if store.has_graph(graph):
            done = list(store.select(
                f"SELECT ?x WHERE {{ GRAPH <{graph_iri}> {{ <{graph_iri}> <{DK.complete}> ?x }} }}"))
            if done:
                report.already += 1
                continue
            store.remove_graph(graph)  # an import that was killed half-way: start again
        writer = _Writer(known, _iri(graph_iri), path.name)
        rows_before, events_before = report.rows, report.events

        stream = _LineStream(_file_lines(kind, path, graph_iri, writer, report, progress))
        try:
            store.stream_graph(graph, stream)
        except BadInput as exc:
            store.remove_graph(graph)
            report.failures.append(exc)
            report.rows, report.events = rows_before, events_before
            continue
        except BaseException:
            store.remove_graph(graph)  # nothing half-written stays
            raise
        report.files += 1
        report.triples += stream.count
        if progress:
            progress(report)
    store.flush()
    report.seconds = time.perf_counter() - started
    return report

