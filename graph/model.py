"""The RDF model: actors, coded events and articles as rdflib triples.

An event is an n-ary ``sem:Event`` node with its source and target actors, its CAMEO code (a SKOS concept of
``cameo.ttl``), date and precision, count, modality, confidence and evidence; it also asserts one direct relation
triple between its actors (``relations.csv``), so "does China have a partnership with Syria" is one triple
pattern. Everything one article asserted goes into one named graph, described with PROV-O.

>>> from diplokg.graph.model import Actor, Event, Evidence, event_triples
>>> chn = Actor("CHN", "China", "state"); syr = Actor("SYR", "Syria", "state")
>>> ev = Event(chn, syr, "050", "2023-09-22", "day", evidence=[Evidence("…", 0, 1)], relation="partnerOf")
>>> ev.quad, ev.root
(1, '05')
>>> any(p.endswith("partnerOf") for _, p, _ in event_triples(ev, "a1"))
True
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from urllib.parse import quote

from diplokg.errors import DataError
from diplokg.graph.namespace import BASE, CAMEO, DK, OA, PROV, SCHEMA, SEM, WD
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL

__all__ = [
    "DATE_TYPES",
    "IMPORTED_CONFIDENCE",
    "REFERENCE_GRAPH",
    "Actor",
    "CameoCode",
    "plover_type",
    "Event",
    "Evidence",
    "Position",
    "actor_iri",
    "actor_triples",
    "article_graph",
    "article_iri",
    "article_triples",
    "codebook",
    "ends",
    "event_iri",
    "merge_key",
    "shared",
    "event_triples",
    "quad_class",
    "relation_for",
]

Triple = tuple[URIRef, URIRef, URIRef | Literal]

REFERENCE_GRAPH = URIRef(BASE + "graph/reference")
DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
KIND_CLASS = {
    "state": DK.State, "organisation": DK.Organisation, "group": DK.Group, "initiative": DK.Initiative,
    "bloc": DK.Bloc, "person": SCHEMA.Person,
}
MODALITIES = {"asserted": DK.Asserted, "future": DK.Future, "negated": DK.Negated}
#: The confidence of an imported (GDELT, POLECAT) event: the files give none, so a neutral one, which
#: ``--min-confidence`` above it leaves out. Not stored with each event: an event without ``dk:confidence`` has it.
IMPORTED_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Position:
    """An office a person holds for a state or body, valid from ``start`` to ``end`` (ISO dates, partial ok)."""

    office: str
    of: str
    start: str | None = None
    end: str | None = None

    def valid_on(self, day: str | None) -> bool:
        if not day:
            return True
        return (not self.start or self.start[: len(day)] <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """A state, body, group, initiative, bloc or person. ``country`` is the state (or body) a person represents."""

    code: str
    label: str
    kind: str
    qid: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()

    def represents(self) -> str:
        """The code the actor stands for in event data: a person's country, else its own code."""
        return self.country or self.code


@dataclass(frozen=True)
class Evidence:
    sentence: str
    start: int
    end: int
    trigger: str = ""
    pattern: str = ""


@dataclass
class Event:
    source: Actor
    target: Actor
    code: str
    date: str | None = None
    precision: str | None = None
    count: int | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    relation: str | None = None
    about: Actor | None = None  # whom the event concerns when its target is fixed (a veto on Syria)

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad(self) -> int:
        return quad_class(self.code)

    @property
    def goldstein(self) -> float | None:
        concept = codebook().get(self.code)
        return concept.goldstein if concept else None

    @property
    def label(self) -> str | None:
        concept = codebook().get(self.code)
        return concept.label if concept else None


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    root: str
    quad: int
    goldstein: float


def quad_class(code: str) -> int:
    """GDELT's QuadClass of a CAMEO code: roots 01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4.

    >>> [quad_class(c) for c in ("057", "073", "129", "163")]
    [1, 2, 3, 4]
    """
    root = int(code[:2])
    if not 1 <= root <= 20:
        raise DataError(f"not a CAMEO code: {code!r}")
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _data(package: str, name: str):
    return resources.files(package).joinpath("data", name)


@cache
def codebook_graph() -> Graph:
    graph = Graph()
    graph.parse(data=_data("diplokg.graph", "cameo.ttl").read_text("utf-8"), format="turtle")
    return graph


@cache
def codebook() -> dict[str, CameoCode]:
    """The CAMEO codebook shipped in ``graph/data/cameo.ttl``, by code string."""
    graph = codebook_graph()
    codes = {}
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        code = str(graph.value(concept, SKOS.notation))
        codes[code] = CameoCode(
            code=code,
            label=str(graph.value(concept, SKOS.prefLabel)),
            root=str(graph.value(concept, DK.cameoRoot)),
            quad=int(graph.value(concept, DK.quadClass)),
            goldstein=float(graph.value(concept, DK.goldstein)),
        )
    if not codes:
        raise DataError("cameo.ttl holds no SKOS concepts")
    return codes


@cache
def vocabulary_graph() -> Graph:
    graph = Graph()
    graph.parse(data=_data("diplokg.graph", "vocab.ttl").read_text("utf-8"), format="turtle")
    return graph


@cache
def _relations() -> dict[str, tuple[str, bool]]:
    table = {}
    with _data("diplokg.graph", "relations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            prop = row["property"].strip()
            if (DK._NS[prop], RDF.type, OWL.ObjectProperty) not in vocabulary_graph():
                raise DataError(f"relations.csv: dk:{prop} is not declared in vocab.ttl")
            table[row["code"].strip()] = (prop, row["symmetric"].strip().lower() == "true")
    return table


def relation_for(code: str, override: str | None = None) -> tuple[URIRef, bool]:
    """The direct relation property an event with this CAMEO code asserts, and whether it is symmetric.

    >>> relation_for("0571")[0].endswith("agreedWith"), relation_for("129")[0].endswith("vetoedAt")
    (True, True)
    """
    table = _relations()
    if override:
        for prop, symmetric in table.values():
            if prop == override:
                return DK._NS[prop], symmetric
        return DK._NS[override], (DK._NS[override], RDF.type, OWL.SymmetricProperty) in vocabulary_graph()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            prop, symmetric = table[code[:n]]
            return DK._NS[prop], symmetric
    raise DataError(f"relations.csv has no row for CAMEO code {code!r}")


@cache
def _plover() -> dict[str, str | None]:
    with _data("diplokg.graph", "plover.csv").open(encoding="utf-8") as fh:
        return {row["cameo"].strip(): (row["plover"].strip() or None) for row in csv.DictReader(fh)}


def plover_type(code: str) -> str | None:
    """The PLOVER event type of a CAMEO code (``graph/data/plover.csv``, longest prefix), None for statements.

    >>> plover_type("057"), plover_type("045"), plover_type("163"), plover_type("010")
    ('AGREE', 'CONSULT', 'SANCTION', None)
    """
    table = _plover()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _slug(text: str) -> str:
    return quote(text.replace(" ", "_"), safe="_-.~")


def actor_iri(code: str) -> URIRef:
    return URIRef(f"{BASE}id/actor/{_slug(code)}")


def article_iri(key: str) -> URIRef:
    return URIRef(f"{BASE}id/article/{_slug(key)}")


def article_graph(key: str) -> URIRef:
    """The named graph holding everything one article asserted."""
    return URIRef(f"{BASE}graph/article/{_slug(key)}")


def merge_key(event: Event) -> tuple:
    """What makes two reports one event: the same actors, CAMEO code, date and modality. Reports dated to the
    day are one event across articles too (GDELT's one row per event, with its mentions and sources); without
    a day there is no telling two meetings apart, so such an event stays its article's own.

    The key is the full code, not its root: on 5 June 2017 Saudi Arabia cut ties with Qatar, closed its
    border and expelled it from a coalition — three events of root 16 on one day between the same actors,
    and the dev gold keeps them apart (merging by root lost two of them).

    >>> chn, syr = Actor("CHN", "China", "state"), Actor("SYR", "Syria", "state")
    >>> merge_key(Event(chn, syr, "057", "2023-09-22", "day")) == merge_key(Event(chn, syr, "057", "2023-09-22", "day"))
    True
    >>> merge_key(Event(chn, syr, "057", "2023-09-22", "day")) == merge_key(Event(chn, syr, "051", "2023-09-22", "day"))
    False
    """
    source, target = ends(event)
    return (source.code, target.code, event.code, event.date, event.modality)


def ends(event: Event) -> tuple[Actor, Actor]:
    """Source and target as stored. An event whose relation is symmetric (two sides signing, meeting,
    negotiating) has no direction, so its actors are stored in code order: "Iran and Saudi Arabia signed" and
    "Saudi Arabia and Iran signed" are one event.

    >>> chn, syr = Actor("CHN", "China", "state"), Actor("SYR", "Syria", "state")
    >>> [a.code for a in ends(Event(syr, chn, "057"))], [a.code for a in ends(Event(syr, chn, "042"))]
    (['CHN', 'SYR'], ['SYR', 'CHN'])
    """
    if event.source.code > event.target.code and relation_for(event.code, event.relation)[1]:
        return event.target, event.source
    return event.source, event.target


def shared(event: Event) -> bool:
    """Whether reports of this event in several articles are one node (see :func:`merge_key`)."""
    return bool(event.date) and event.precision == "day"


def event_iri(article_key: str, event: Event) -> URIRef:
    """The event's IRI: from its :func:`merge_key` alone when it can be shared across articles, else also from
    the article."""
    scope = "" if shared(event) else article_key
    digest = hashlib.sha1("|".join(map(str, (scope, *merge_key(event)))).encode()).hexdigest()[:20]
    return URIRef(f"{BASE}id/event/{digest}")


def _typed_date(value: str, precision: str) -> Literal:
    return Literal(value, datatype=DATE_TYPES[precision])


def actor_triples(actor: Actor) -> Iterator[Triple]:
    """The description of an actor: types, code, labels, kind, Wikidata link, country and dated positions."""
    node = actor_iri(actor.code)
    yield node, RDF.type, SEM.Actor
    yield node, RDF.type, KIND_CLASS.get(actor.kind, SEM.Actor)
    yield node, DK.code, Literal(actor.code)
    yield node, RDFS.label, Literal(actor.label, lang="en")
    yield node, DK.kind, Literal(actor.kind)
    for alias in actor.aliases:
        yield node, SKOS.altLabel, Literal(alias, lang="en")
    if actor.qid:
        yield node, OWL.sameAs, WD[actor.qid]
    if actor.country and actor.country != actor.code:
        yield node, DK.country, actor_iri(actor.country)
    for pos in actor.positions:
        pos_node = URIRef(f"{node}/position/{_slug(pos.office)}-{_slug(pos.of)}-{pos.start or 'x'}")
        yield node, DK.holds, pos_node
        yield pos_node, RDF.type, DK.Position
        yield pos_node, DK.office, Literal(pos.office)
        yield pos_node, DK.ofActor, actor_iri(pos.of)
        if pos.start:
            yield pos_node, SCHEMA.startDate, _typed_date(pos.start, _precision(pos.start))
        if pos.end:
            yield pos_node, SCHEMA.endDate, _typed_date(pos.end, _precision(pos.end))


def _precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}[len(value)]


def event_triples(event: Event, article_key: str) -> Iterator[Triple]:
    """The n-ary event node, its evidence, and the direct relation triple(s) between its actors."""
    node = event_iri(article_key, event)
    source, target = ends(event)
    src, tgt = actor_iri(source.code), actor_iri(target.code)
    yield node, RDF.type, SEM.Event
    yield node, DK.source, src
    yield node, DK.target, tgt
    yield node, SEM.eventType, CAMEO[event.code]
    if event.about is not None:
        yield node, DK.about, actor_iri(event.about.code)
    yield node, DK.cameoCode, Literal(event.code)
    yield node, DK.cameoRoot, Literal(event.root)
    plover = plover_type(event.code)
    if plover:
        yield node, DK.ploverType, Literal(plover)
    yield node, DK.quadClass, Literal(event.quad)
    if event.goldstein is not None:
        yield node, DK.goldstein, Literal(event.goldstein, datatype=XSD.decimal)
    if event.date and event.precision:
        yield node, DK.date, _typed_date(event.date, event.precision)
        yield node, DK.datePrecision, Literal(event.precision)
    if event.count is not None:
        yield node, DK.count, Literal(event.count)
    yield node, DK.modality, MODALITIES[event.modality]
    yield node, DK.confidence, Literal(round(event.confidence, 3), datatype=XSD.decimal)
    yield node, PROV.wasDerivedFrom, article_iri(article_key)
    scope = hashlib.sha1(article_key.encode()).hexdigest()[:8]  # one event may have evidence from many articles
    for i, ev in enumerate(event.evidence):
        ev_node = URIRef(f"{node}/evidence/{scope}-{i}")
        yield node, DK.evidence, ev_node
        yield ev_node, RDF.type, DK.Evidence
        yield ev_node, SCHEMA.text, Literal(ev.sentence)
        yield ev_node, OA.start, Literal(ev.start)
        yield ev_node, OA.end, Literal(ev.end)
        yield ev_node, OA.hasSource, article_iri(article_key)
        if ev.trigger:
            yield ev_node, DK.trigger, Literal(ev.trigger)
        if ev.pattern:
            yield ev_node, DK.pattern, Literal(ev.pattern)
    if event.modality == "asserted":
        prop, symmetric = relation_for(event.code, event.relation)
        yield node, DK.relation, prop
        yield src, prop, tgt
        if symmetric:
            yield tgt, prop, src


def article_triples(article, coder_version: str, started: datetime) -> Iterator[Triple]:
    """The ``schema:NewsArticle`` node and the PROV-O description of its named graph."""
    key = article.key
    node, graph = article_iri(key), article_graph(key)
    activity = URIRef(f"{graph}/activity")
    yield node, RDF.type, SCHEMA.NewsArticle
    yield node, RDF.type, PROV.Entity
    yield node, SCHEMA.identifier, Literal(key)
    yield node, DK.contentHash, Literal(article.content_hash)
    yield node, SCHEMA.articleBody, Literal(article.text)
    if article.title:
        yield node, SCHEMA.headline, Literal(article.title)
    if article.published:
        yield node, SCHEMA.datePublished, Literal(article.published.isoformat(), datatype=XSD.date)
    if article.outlet:
        yield node, SCHEMA.publisher, Literal(article.outlet)
    if article.url:
        yield node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)
    yield graph, RDF.type, PROV.Bundle
    yield graph, PROV.wasDerivedFrom, node
    yield graph, PROV.wasGeneratedBy, activity
    yield activity, RDF.type, DK.IngestActivity
    yield activity, PROV.used, node
    yield activity, DK.coderVersion, Literal(coder_version)
    yield activity, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)
    yield activity, PROV.endedAtTime, Literal(datetime.now(UTC).isoformat(), datatype=XSD.dateTime)
    yield activity, PROV.wasAssociatedWith, URIRef(f"{BASE}id/agent/diplokg-coder/{coder_version}")


def reference_triples(actors: Iterable[Actor], facts: Iterable[tuple[str, str, str, str | None, str | None]]):
    """Vocabulary, codebook, gazetteer actors and background facts: the store's reference graph."""
    yield from vocabulary_graph()
    yield from codebook_graph()
    for code in codebook():  # each concept's PLOVER type, so SPARQL can join it as it joins quad and Goldstein
        plover = plover_type(code)
        if plover:
            yield CAMEO[code], DK.ploverType, Literal(plover)
    for actor in actors:
        yield from actor_triples(actor)
    for subject, prop, obj, _start, _end in facts:
        yield actor_iri(subject), DK._NS[prop], actor_iri(obj)
