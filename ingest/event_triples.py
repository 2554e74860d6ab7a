"""Imported events as N-Triples lines for the bulk loader, made row by row: each event's triples, and each actor,
place, article and relation described once (a bounded memory of what was written: forgetting only costs a
repeated line, never a wrong one), the dyads of the events tallied on the way (``ingest/tallies.py``).

Events land in the same model as coded articles (``graph/model.py``) less what a query derives, which is not
stored (a third of the triples, and of the loader's work): the CAMEO root, base code, QuadClass, Goldstein value
and PLOVER type are functions of the code (the reference graph's concept ``cameo:CODE`` holds them), and
``rdf:type sem:Event`` and ``dk:confidence`` are the same for every imported event (``IMPORTED_CONFIDENCE``). A
value a file gives that differs from what its code says (a GDELT row's own QuadClass or Goldstein value) is
stored, and read first. ``dk:modality`` stays: every query finds events by it (``docs/model.md``)."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from functools import lru_cache

from diplokg.graph.model import (
    IMPORTED_CONFIDENCE,
    actor_iri,
    codebook,
    plover_type,
    quad_class,
    relation_for,
)
from diplokg.graph.namespace import BASE, DK, GEO, PROV, SCHEMA, SEM, WD
from diplokg.ingest.import_rows import ImportedActor, ImportedEvent
from diplokg.ingest.ntriples import ANY_URI, DATE, DECIMAL, INTEGER, iri, lit, typed
from diplokg.ingest.tallies import DyadTallies
from rdflib import OWL, RDF, RDFS

__all__ = ["IMPORTED_CONFIDENCE", "TERMS", "EventWriter"]

TERMS = {name: iri(term) for name, term in {
    "type": RDF.type, "label": RDFS.label, "sameAs": OWL.sameAs, "Event": SEM.Event, "Actor": SEM.Actor,
    "source": DK.source, "target": DK.target, "code": DK.cameoCode, "base": DK.cameoBaseCode, "root": DK.cameoRoot,
    "quad": DK.quadClass, "goldstein": DK.goldstein, "date": DK.date, "modality": DK.modality,
    "Asserted": DK.Asserted, "confidence": DK.confidence, "derived": PROV.wasDerivedFrom,
    "mentions": DK.numMentions, "sources": DK.numSources, "articles": DK.numArticles, "place": DK.place,
    "Place": DK.Place, "lat": GEO.lat, "long": GEO.long, "countryCode": DK.countryCode, "feature": DK.featureId,
    "Article": SCHEMA.NewsArticle, "identifier": SCHEMA.identifier, "url": SCHEMA.url, "plover": DK.ploverType,
    "mode": DK.ploverMode, "actorCode": DK.code, "kind": DK.kind, "country": DK.country,
    "schemaSameAs": SCHEMA.sameAs, "importFile": DK.importFile,
}.items()}


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


class EventWriter:
    """Turns events into N-Triples lines, describing each actor, place, article and relation once, and counts
    each dyad's events (:meth:`tally_lines`): the dyad network is then read from a few tallies, not counted
    over every imported event (``dyad_rows`` in ``graph/network_rows.py``). Memory: the dyads, not the events."""

    def __init__(self, known_actors: Mapping[str, str], import_node: str, import_key: str, *,
                 default_graph: bool = False):
        self.known = known_actors  # code -> the code it represents (a person's state, else itself)
        self.import_node, self.import_key = import_node, import_key
        # default_graph: N-Quads, each event and its article in the default graph (three indexes, not six) with a
        # dk:importFile link to the import graph, the rest (actors, places, relations, tallies) in that graph
        self.end = f" {import_node} ." if default_graph else " ."
        self.link = f" {TERMS['importFile']} {import_node} ." if default_graph else None
        self.seen = _Seen()
        self.tallies = DyadTallies()

    def represented(self, actor: ImportedActor) -> str:
        known = self.known.get(actor.code)
        return known if known is not None else (actor.country or actor.code)

    def tally_lines(self) -> Iterator[str]:
        """The dyad tallies of the events written so far: ``dk:DyadTally`` nodes in the import graph."""
        return self.tallies.lines(self.import_node, self.end)

    def actor(self, actor: ImportedActor) -> Iterator[str]:
        node = _actor_node(actor.code)
        if actor.code in self.known or not self.seen.add(("a", actor.code)):
            return
        t, end = TERMS, self.end
        yield f"{node} {t['type']} {t['Actor']}{end}"
        yield f"{node} {t['actorCode']} {lit(actor.code)}{end}"
        yield f"{node} {t['label']} {lit(actor.name or actor.code)}@en{end}"
        is_state = actor.country == actor.code and len(actor.code) == 3
        yield f"{node} {t['kind']} {lit('state' if is_state else 'imported')}{end}"
        if actor.country and actor.country != actor.code:
            yield f"{node} {t['country']} {_actor_node(actor.country)}{end}"
        if actor.qid:
            yield f"{node} {t['sameAs']} {iri(WD[actor.qid])}{end}"
        if actor.wikipedia:
            yield f"{node} {t['schemaSameAs']} {lit(actor.wikipedia)}{end}"

    def lines(self, ev: ImportedEvent) -> Iterator[str]:
        t, end = TERMS, self.end
        node = f"<{BASE}id/event/{ev.id}>"
        src, tgt = _actor_node(ev.source.code), _actor_node(ev.target.code)
        if self.link:  # first: what removes an import finds its events by it (ImportRemoval in graph/store.py)
            yield node + self.link
        yield from self.actor(ev.source)
        yield from self.actor(ev.target)
        if ev.url:
            key = "url-" + hashlib.sha1(ev.url.encode()).hexdigest()[:24]
            article = f"<{BASE}id/article/{key}>"  # (article_iri(key): the key needs no escaping)
            if self.seen.add(("u", key)):
                yield f"{article} {t['type']} {t['Article']} ."
                yield f"{article} {t['identifier']} {lit(key)} ."
                yield f"{article} {t['url']} {typed(lit(ev.url)[1:-1], ANY_URI)} ."
        else:
            article = self.import_node
        root, base, quad, goldstein, plover = _derived(ev.code)
        yield f"{node} {t['source']} {src} ."
        yield f"{node} {t['target']} {tgt} ."
        yield f"{node} {t['code']} {_short_lit(ev.code)} ."
        # what the code gives is not stored; what the file says otherwise is
        if ev.root and ev.root != root:
            yield f"{node} {t['root']} {_short_lit(ev.root)} ."
        if ev.base and ev.base != base:
            yield f"{node} {t['base']} {_short_lit(ev.base)} ."
        if ev.quad is not None and ev.quad != quad:
            yield f"{node} {t['quad']} {typed(ev.quad, INTEGER)} ."
        if ev.goldstein is not None and float(ev.goldstein) != goldstein:
            goldstein = float(ev.goldstein)
            yield f"{node} {t['goldstein']} {typed(repr(goldstein), DECIMAL)} ."
        self.tallies.add((self.represented(ev.source), self.represented(ev.target)), ev.code, ev.date, goldstein,
                         f"{ev.date or '9999'}|{ev.id}")  # (its key in /events order: date, then IRI)
        yield f"{node} {t['date']} {typed(ev.date, DATE)} ."
        yield f"{node} {t['modality']} {t['Asserted']} ."
        yield f"{node} {t['derived']} {article} ."
        for name, value in (("mentions", ev.num_mentions), ("sources", ev.num_sources),
                            ("articles", ev.num_articles)):
            if value is not None:
                yield f"{node} {t[name]} {typed(value, INTEGER)} ."
        if ev.plover and ev.plover != plover:
            yield f"{node} {t['plover']} {_short_lit(ev.plover)} ."
        if ev.mode:
            yield f"{node} {t['mode']} {_short_lit(ev.mode)} ."
        if ev.place is not None:
            place = _place_node(ev.place.key)
            yield f"{node} {t['place']} {place} ."
            if self.seen.add(("p", ev.place.key)):
                yield f"{place} {t['type']} {t['Place']}{end}"
                if ev.place.name:
                    yield f"{place} {t['label']} {lit(ev.place.name)}{end}"
                if ev.place.lat is not None and ev.place.lon is not None:
                    yield f"{place} {t['lat']} {typed(repr(ev.place.lat), DECIMAL)}{end}"
                    yield f"{place} {t['long']} {typed(repr(ev.place.lon), DECIMAL)}{end}"
                if ev.place.country:
                    yield f"{place} {t['countryCode']} {lit(ev.place.country)}{end}"
                if ev.place.feature:
                    yield f"{place} {t['feature']} {lit(ev.place.feature)}{end}"
        prop, symmetric = _relation(ev.code)
        if self.seen.add(("r", src, prop, tgt)):
            yield f"{src} {prop} {tgt}{end}"
            if symmetric:
                yield f"{tgt} {prop} {src}{end}"


@lru_cache(maxsize=4096)
def _derived(code: str) -> tuple[str, str, int, float, str | None]:
    """What a CAMEO code says of its event: root, base code (its first three digits, as GDELT's EventBaseCode),
    QuadClass, Goldstein value and PLOVER type.

    >>> _derived("0874")
    ('08', '087', 2, 10.0, 'RETREAT')
    """
    return code[:2], code[:3], quad_class(code), codebook()[code].goldstein, plover_type(code)


@lru_cache(maxsize=4096)
def _short_lit(value: str) -> str:
    """A literal of few values (codes, types, modes), made once."""
    return lit(value)


@lru_cache(maxsize=4096)
def _relation(code: str) -> tuple[str, bool]:
    prop, symmetric = relation_for(code)
    return iri(prop), symmetric


@lru_cache(maxsize=65_536)
def _actor_node(code: str) -> str:
    return iri(actor_iri(code))


@lru_cache(maxsize=65_536)
def _place_node(key: str) -> str:
    return iri(f"{BASE}id/place/{re.sub(r'[^A-Za-z0-9_.,-]', '_', key)}")
